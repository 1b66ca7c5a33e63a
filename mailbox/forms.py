"""Forms of the public side (writing, querying) and of the staff steps."""

import os
import re

from django import forms
from django.contrib.auth import get_user_model

from units.models import Unit, UnitKind
from workflow.scanning import is_valid_id

from .models import DisclosureAnswer, Letter, LetterKind

MAX_CONTENT_CHARS = 3000
MAX_ATTACHMENT_BYTES = 5 * 1024 * 1024
# extension -> how the file must begin (a renamed .exe is refused)
ATTACHMENT_SIGNATURES = {
    ".pdf": (b"%PDF",),
    ".jpg": (b"\xff\xd8\xff",),
    ".jpeg": (b"\xff\xd8\xff",),
    ".png": (b"\x89PNG",),
    ".doc": (b"\xd0\xcf\x11\xe0",),
    ".docx": (b"PK\x03\x04",),
    ".txt": None,  # checked as text below
}
PHONE = re.compile(r"^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8}(-\d{1,6})?)$")


class PublicLetterForm(forms.ModelForm):
    """主任信箱 / 信息公开监督信箱 letters and 依申请公开 requests."""

    # A field people do not see: robots fill it, people leave it empty.
    website = forms.CharField(required=False, label="网址（请勿填写）",
                              widget=forms.TextInput(attrs={"tabindex": "-1",
                                                            "autocomplete": "off"}))
    token = forms.CharField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Letter
        fields = ["name", "phone", "email", "id_number", "address", "subject", "content",
                  "attachment", "allow_publication"]
        widgets = {"content": forms.Textarea(attrs={"rows": 10,
                                                    "maxlength": MAX_CONTENT_CHARS})}
        error_messages = {
            "name": {"required": "请填写姓名。", "max_length": "姓名不能超过50个字。"},
            "phone": {"required": "请填写联系电话。"},
            "subject": {"required": "请填写标题。", "max_length": "标题不能超过100个字。"},
            "content": {"required": "请填写内容。"},
            "email": {"invalid": "电子邮箱格式不正确，例如：zhangsan@163.com。"},
        }

    def __init__(self, *args, kind=LetterKind.DIRECTOR, **kwargs):
        super().__init__(*args, **kwargs)
        self.kind = kind
        disclosure = kind == LetterKind.DISCLOSURE
        self.fields["id_number"].required = disclosure
        self.fields["address"].required = disclosure
        if not disclosure:
            del self.fields["id_number"]
            del self.fields["address"]
        else:
            self.fields["subject"].label = "所需信息名称"
            self.fields["content"].label = "所需信息的内容描述（文号或便于查询的特征性描述）及用途"
        self.fields["allow_publication"].label = "同意在网站公开我的来信和答复（姓名、电话等个人信息将隐去）"

    def clean_website(self):
        if self.cleaned_data.get("website"):
            raise forms.ValidationError("提交失败，请刷新页面后重试。")
        return ""

    def clean_phone(self):
        phone = re.sub(r"[\s（）()]", "", self.cleaned_data["phone"])
        if not PHONE.match(phone):
            raise forms.ValidationError("联系电话格式不正确，请填写11位手机号或带区号的固定电话，如 0632-3311234。")
        return phone

    def clean_id_number(self):
        value = (self.cleaned_data.get("id_number") or "").strip().upper()
        if value and not is_valid_id(value):
            raise forms.ValidationError("身份证号码不正确，请核对后重新填写（18位，最后一位可为X）。")
        return value

    def clean_content(self):
        content = self.cleaned_data["content"].strip()
        if len(content) > MAX_CONTENT_CHARS:
            raise forms.ValidationError(
                f"内容不能超过{MAX_CONTENT_CHARS}字（当前{len(content)}字），请精简后再提交，详细材料可作为附件上传。")
        if len(content) < 10:
            raise forms.ValidationError("内容过短，请把问题写清楚（至少10个字）。")
        return content

    def clean_attachment(self):
        upload = self.cleaned_data.get("attachment")
        if not upload:
            return upload
        ext = os.path.splitext(upload.name)[1].lower()
        allowed = "、".join(ATTACHMENT_SIGNATURES)
        if ext not in ATTACHMENT_SIGNATURES:
            raise forms.ValidationError(f"附件格式不支持，只能上传 {allowed} 文件。")
        if upload.size > MAX_ATTACHMENT_BYTES:
            raise forms.ValidationError("附件不能超过5MB。")
        data = upload.read()
        upload.seek(0)
        if not _content_matches(ext, data):
            raise forms.ValidationError(f"附件内容与扩展名 {ext} 不符，请上传真实的文件。")
        return upload


EXECUTABLE = (".exe", ".dll", ".bat", ".cmd", ".com", ".scr", ".js", ".vbs", ".ps1", ".msi")


def _content_matches(ext, data):
    """The file is what its extension says, checked by its structure (a
    renamed .exe, or a zip carrying one as .docx, is refused)."""
    signatures = ATTACHMENT_SIGNATURES[ext]
    if signatures is not None and not data.startswith(signatures):
        return False
    if ext == ".pdf":
        return b"%%EOF" in data[-2048:]
    if ext == ".docx":
        return _is_word_document(data)
    if ext in (".jpg", ".jpeg", ".png"):
        return _is_image(data)
    if ext == ".txt":
        return _is_text(data)
    return True


def _is_word_document(data):
    import io
    import zipfile

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = archive.namelist()
    except zipfile.BadZipFile:
        return False
    return "word/document.xml" in names and not any(
        n.lower().endswith(EXECUTABLE) for n in names)


def _is_image(data):
    import io

    from PIL import Image, UnidentifiedImageError

    try:
        Image.open(io.BytesIO(data)).verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        return False
    return True


def _is_text(data):
    if b"\x00" in data:
        return False
    for encoding in ("utf-8", "gb18030"):
        try:
            data.decode(encoding)
            return True
        except UnicodeDecodeError:
            continue
    return False


class QueryForm(forms.Form):
    number = forms.CharField(label="信件编号", max_length=20, error_messages={
        "required": "请填写信件编号。", "max_length": "信件编号为15位，如 ZR2026120400012。"})
    code = forms.CharField(label="查询码", max_length=8, error_messages={
        "required": "请填写查询码。", "max_length": "查询码为8位字母和数字。"})

    def clean_number(self):
        return self.cleaned_data["number"].strip().upper()

    def clean_code(self):
        return self.cleaned_data["code"].strip().upper()


# ---------------------------------------------------------------- staff steps


def section_choices():
    return Unit.objects.filter(kind=UnitKind.SECTION)


class UnitForm(forms.Form):
    unit = forms.ModelChoiceField(label="承办科室", queryset=Unit.objects.none(),
                                  error_messages={"required": "请选择承办科室。"})
    note = forms.CharField(label="说明", required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = section_choices()


class AcceptForm(UnitForm):
    """Accept, and route at once if the 科室 is known."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].required = False


class TransferForm(UnitForm):
    note = forms.CharField(label="转办理由", widget=forms.Textarea(attrs={"rows": 2}),
                           error_messages={"required": "转办必须说明理由。"})


class NoteForm(forms.Form):
    note = forms.CharField(label="说明", widget=forms.Textarea(attrs={"rows": 3}),
                           error_messages={"required": "请填写说明。"})


class OptionalNoteForm(forms.Form):
    note = forms.CharField(label="说明", required=False, widget=forms.Textarea(attrs={"rows": 2}))


class EscalateForm(forms.Form):
    note = forms.CharField(label="请示事项", widget=forms.Textarea(attrs={"rows": 3}),
                           error_messages={"required": "请填写请示事项。"})
    interim_reply = forms.CharField(
        label="给来信人的阶段性答复", widget=forms.Textarea(attrs={"rows": 3}),
        initial="您反映的问题需要向上级请示，我们正在抓紧办理，办理结果将及时答复您。",
        error_messages={"required": "请填写阶段性答复。"})


class ExtendForm(forms.Form):
    days = forms.IntegerField(label="延长工作日数", min_value=1, max_value=20,
                              error_messages={"max_value": "最多延长20个工作日。",
                                              "min_value": "至少延长1个工作日。"})
    reason = forms.CharField(label="延长理由", widget=forms.Textarea(attrs={"rows": 2}))
    approver = forms.ModelChoiceField(label="批准人", queryset=get_user_model().objects.none())

    def __init__(self, *args, approvers=None, **kwargs):
        super().__init__(*args, **kwargs)
        if approvers is not None:
            self.fields["approver"].queryset = approvers


class ReplyForm(forms.Form):
    body = forms.CharField(label="答复内容", widget=forms.Textarea(attrs={"rows": 8}),
                           error_messages={"required": "请填写答复内容。"})
    disclosure_answer = forms.ChoiceField(label="答复类型（依申请公开）", required=False,
                                          choices=[("", "—")] + DisclosureAnswer.choices)
    withheld_reason = forms.CharField(label="不予公开的理由和依据", required=False,
                                      widget=forms.Textarea(attrs={"rows": 2}))
    publish_on_site = forms.BooleanField(label="在网站公开（来信人已同意）", required=False)
    is_faq = forms.BooleanField(label="列为常见问题", required=False)
    faq_column = forms.ModelChoiceField(label="常见问题所属栏目", required=False,
                                        queryset=None)

    def __init__(self, *args, letter=None, **kwargs):
        from wagtail.models import Page

        super().__init__(*args, **kwargs)
        self.fields["faq_column"].queryset = Page.objects.filter(depth__in=(3, 4)).order_by("path")
        if letter is not None and letter.kind != LetterKind.DISCLOSURE:
            del self.fields["disclosure_answer"]
            del self.fields["withheld_reason"]
        if letter is not None and not letter.allow_publication:
            del self.fields["publish_on_site"]

    def clean(self):
        data = super().clean()
        if data.get("is_faq") and not data.get("faq_column"):
            self.add_error("faq_column", "列为常见问题时请选择所属栏目。")
        return data
