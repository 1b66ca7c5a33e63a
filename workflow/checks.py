"""Content checks run before a step may pass (keywords, personal data).

* 保密审查: an item with 涉密 words cannot pass (第五、十三条).
* 保密审查 and every 二级审核 (分管领导, or 研究室 for 工作要闻/工作动态):
  unmasked resident ID, mobile or bank-card numbers cannot pass until they
  are masked, unless 办公室 has recorded why they may be published
  (第八条（四）).  一级审核 and 研究室's final publication check only see
  the findings.

One function for every path: the review dialog, the edit page's approval
and code calling the task directly (BaseReviewTask.approval_errors).
"""

from .scanning import PRIVACY_KINDS


def checks_secret_words(task):
    from .models import ConfidentialityReviewTask

    return isinstance(task, ConfidentialityReviewTask)


def checks_personal_data(task):
    from .models import FirstLevelReviewTask, PublicationCheckTask

    return not isinstance(task, (FirstLevelReviewTask, PublicationCheckTask))


def _places(hits):
    return "、".join(dict.fromkeys(h.source for h in hits))


def secret_error(report):
    words = list(dict.fromkeys(h.value for h in report.secret_hits))
    shown = "、".join(f"“{w}”" for w in words[:10]) + ("等" if len(words) > 10 else "")
    return (f"含有涉密词{shown}（{_places(report.secret_hits)}），涉密信息不得上网，"
            f"不能通过保密审查，请退回修改。")


def privacy_error(task, report):
    parts = []
    for kind in PRIVACY_KINDS:
        hits = [h for h in report.privacy_hits if h.kind == kind]
        if hits:
            values = "、".join(dict.fromkeys(h.masked for h in hits[:5]))
            parts.append(f"{kind} {len(hits)} 处（{values}{'等' if len(hits) > 5 else ''}）")
    return (f"含有未脱敏的个人信息：{'；'.join(parts)}，位置：{_places(report.privacy_hits)}。"
            f"脱敏处理前不能通过“{task.name}”；请退回修改进行脱敏，"
            f"或由办公室登记依法公开的理由后放行。")


def content_check_errors(task, obj, answers):
    """Why the item's content stops this step (empty list: it may pass)."""
    from .keywords import current_privacy_override, item_scan_report

    secret, privacy = checks_secret_words(task), checks_personal_data(task)
    if not (secret or privacy) or obj is None:
        return []
    report = item_scan_report(obj)
    errors = []
    if secret and report.secret_hits:
        errors.append(secret_error(report))
    if privacy and report.privacy_hits and current_privacy_override(obj) is None:
        errors.append(privacy_error(task, report))
    return errors
