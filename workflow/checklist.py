"""The Art. 8 review checklist and the forms reviewers fill in.

Every review decision records all nine items.  Answers are 确认 (checked,
no problem), 存在问题 (a problem: the step cannot pass) or 不适用.  Each task
names the items it must confirm (never 不适用); item (一) must always be
answered 不涉及秘密, and (九) is free text.
"""

from django import forms

YES, NO, NOT_APPLICABLE = "yes", "no", "na"

# key, wording of 第八条, label of the 'yes' answer
CHECKLIST = [
    ("secret", "（一）上网信息是否涉及秘密", "不涉及秘密"),
    ("policy", "（二）上网信息是否符合国家方针政策和法律法规的相关规定", "符合"),
    ("copyright", "（三）上网信息是否符合保护知识产权的有关规定", "符合"),
    ("harm", "（四）上网信息是否会给其他单位、个人造成危害", "不会造成危害"),
    ("benefit", "（五）上网信息是否有利于全市卫生计生系统的宣传和发展", "有利于"),
    ("stability", "（六）上网信息是否影响安全和社会稳定", "不影响"),
    ("timing", "（七）上网信息目前对外发布是否适宜", "适宜"),
    ("statistics", "（八）统计数据是否准确", "准确"),
]
OTHER_KEY, OTHER_LABEL = "other", "（九）其他需要审核的事项"
KEYS = [key for key, _label, _yes in CHECKLIST]
LABELS = {key: label for key, label, _yes in CHECKLIST}
ALL_BUT_STATISTICS = tuple(k for k in KEYS if k != "statistics")

NOT_APPLICABLE_LABEL = "不适用"
PROBLEM_LABEL = "存在问题"


def answer_label(key, answer):
    yes = next(y for k, _l, y in CHECKLIST if k == key)
    return {YES: yes, NO: PROBLEM_LABEL, NOT_APPLICABLE: NOT_APPLICABLE_LABEL}.get(answer, "未填写")


def checklist_errors(answers, required):
    """Why an approval with these answers may not pass (empty list: it may).

    One function for every path: the modal form, the edit page's JSON
    approval (which skips the form) and code calling the task directly.
    """
    errors = []
    for key in KEYS:
        answer = answers.get(key)
        if answer not in (YES, NO, NOT_APPLICABLE):
            errors.append(f"{LABELS[key]}：请填写审核结论。")
        elif answer == NO:
            errors.append(f"{LABELS[key]}：存在问题，不能审核通过，请退回修改。")
        elif answer == NOT_APPLICABLE and (key in required or key == "secret"):
            errors.append(f"{LABELS[key]}：本审核步骤必须确认此项，不能选择“不适用”。")
    return errors


class ApprovalForm(forms.Form):
    """The checklist, an opinion, and the 代签 note when a secretary signs."""

    required_items = ()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for key, label, yes in CHECKLIST:
            choices = [(YES, yes), (NO, PROBLEM_LABEL)]
            if key not in self.required_items and key != "secret":
                choices.append((NOT_APPLICABLE, NOT_APPLICABLE_LABEL))
            self.fields[key] = forms.ChoiceField(label=label, choices=choices,
                                                 widget=forms.RadioSelect)
        self.fields[OTHER_KEY] = forms.CharField(label=OTHER_LABEL, required=False,
                                                 widget=forms.Textarea(attrs={"rows": 2}))
        self.fields["comment"] = forms.CharField(
            label="审核意见", widget=forms.Textarea(attrs={"rows": 3}),
            help_text="将记入信息发布审核单", required=True)

    def clean(self):
        data = super().clean()
        for message in checklist_errors(data, self.required_items):
            self.add_error(None, message)
        return data


def approval_form_for(required):
    return type("ApprovalForm", (ApprovalForm,), {"required_items": tuple(required)})


class RejectionForm(forms.Form):
    comment = forms.CharField(
        label="退回理由", widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "退回修改必须填写理由。"},
        help_text="理由将告知提交人")
