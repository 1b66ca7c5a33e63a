"""What staff do with a letter, one function per step.

Each step checks that the user may take it now (mailbox.routing), changes
the row with a guarded UPDATE on the status it expects — so a stale page or
two people acting at once cannot both succeed — recomputes the deadlines,
writes a Wagtail log entry (who, when, what: the letter's 历史 in the admin)
and tells the people concerned.
"""

from django.db import transaction
from django.utils import timezone
from wagtail.log_actions import log
from wagtail.search import index

from . import deadlines, notify
from .models import Letter, LetterKind, LetterReply, LetterStatus
from .routing import allowed_actions

S = LetterStatus


class FlowRefused(Exception):
    """A step that may not be taken; the message says why, in Chinese."""


ACTION_LABELS = {
    "submit": "来信登记",
    "accept": "受理",
    "refuse": "不予受理",
    "assign": "分办",
    "start": "开始办理",
    "transfer": "转办",
    "escalate": "请示",
    "settle": "请示办结",
    "reply": "提交答复",
    "answered": "答复来信人",
    "request_correction": "告知补正",
    "correction_received": "收到补正",
    "start_consultation": "征求第三方意见",
    "end_consultation": "第三方意见征求结束",
    "extend": "延长答复期限",
}


def _check(user, letter, action):
    if action not in allowed_actions(user, letter):
        raise FlowRefused(f"您不能对该信件执行“{ACTION_LABELS[action]}”操作，"
                          f"或信件状态已变化（当前：{letter.get_status_display()}）。")


@transaction.atomic
def _apply(letter, user, action, changes, note=""):
    """Write changes if the letter still has the status we read."""
    expected = letter.status
    for field, value in changes.items():
        setattr(letter, field, value)
    calendar_gap = deadlines.refresh(letter)
    fields = {**changes, "due_at": letter.due_at, "transfer_due_at": letter.transfer_due_at,
              "escalation_due_at": letter.escalation_due_at,
              "deadline_pending": letter.deadline_pending}
    if not Letter.objects.filter(pk=letter.pk, status=expected).update(**fields):
        raise FlowRefused("该信件已由他人处理，请刷新页面查看最新状态。")
    log(letter, f"mailbox.{action}", user=user,
        data={"note": note, "status": letter.get_status_display(),
              "unit": letter.responsible_unit.name if letter.responsible_unit else ""})
    if calendar_gap:
        notify.calendar_gap(calendar_gap, letter)
    return letter


# ------------------------------------------------------------ the citizen


@transaction.atomic
def submit(letter, user=None):
    """Register a new letter (public form or a call taken by staff)."""
    letter.save()
    letter_registered(letter, user)
    return letter


def letter_registered(letter, user=None):
    """Log and announce a letter that has just been saved for the first time."""
    log(letter, "mailbox.submit", user=user,
        data={"note": letter.get_channel_display(), "status": letter.get_status_display(),
              "unit": ""})
    transaction.on_commit(lambda: notify.letter_received(letter))
    if getattr(letter, "_calendar_gap", None):
        notify.calendar_gap(letter._calendar_gap, letter)


# ------------------------------------------------------------ routing


def accept(letter, user, unit=None, note=""):
    _check(user, letter, "accept")
    changes = {"status": S.ACCEPTED, "accepted_at": timezone.now(), "handler": user}
    if unit is not None:
        changes["responsible_unit"] = unit
    _apply(letter, user, "accept", changes, note)
    if unit is not None:
        notify.routed(letter)
    return letter


def refuse(letter, user, reason):
    _check(user, letter, "refuse")
    if not (reason or "").strip():
        raise FlowRefused("不予受理必须填写理由。")
    _apply(letter, user, "refuse", {"status": S.REFUSED, "refusal_reason": reason.strip()},
           reason)
    notify.refused(letter)
    return letter


def assign(letter, user, unit, note=""):
    """Route to the 科室 that answers (the first routing, not a transfer)."""
    _check(user, letter, "assign")
    if unit is None:
        raise FlowRefused("请选择承办科室。")
    _apply(letter, user, "assign", {"responsible_unit": unit, "status": S.ACCEPTED}, note)
    notify.routed(letter)
    return letter


def start(letter, user):
    _check(user, letter, "start")
    return _apply(letter, user, "start", {"status": S.PROCESSING, "handler": user})


def transfer(letter, user, unit, reason):
    """Hand the letter to the 科室 it belongs to (within 3 working days)."""
    _check(user, letter, "transfer")
    if unit is None or unit.pk == letter.responsible_unit_id:
        raise FlowRefused("请选择另一个承办科室。")
    if not (reason or "").strip():
        raise FlowRefused("转办必须说明理由。")
    now = timezone.now()
    taken, on_time = deadlines.transfer_stats(letter, now)
    _apply(letter, user, "transfer", {
        "status": S.TRANSFERRED, "transferred_at": now,
        "transferred_from": letter.responsible_unit, "responsible_unit": unit,
        "transfer_workdays": taken, "transferred_in_time": on_time, "handler": None,
    }, reason)
    notify.routed(letter, transferred=True)
    return letter


def escalate(letter, user, note, interim_reply):
    """请示: the citizen is told the matter is being escalated."""
    _check(user, letter, "escalate")
    if not (note or "").strip() or not (interim_reply or "").strip():
        raise FlowRefused("请填写请示事项和给来信人的阶段性答复。")
    _apply(letter, user, "escalate", {
        "status": S.ESCALATED, "escalated_at": timezone.now(),
        "escalation_note": note.strip(), "interim_reply": interim_reply.strip(),
    }, note)
    notify.interim_reply(letter)
    return letter


def settle(letter, user, note=""):
    _check(user, letter, "settle")
    return _apply(letter, user, "settle",
                  {"status": S.PROCESSING, "escalation_settled_at": timezone.now()}, note)


# ------------------------------------------------------------ the answer


@transaction.atomic
def submit_reply(letter, user, body, **fields):
    """Save the 科室's answer as a draft and send it into review."""
    _check(user, letter, "reply")
    if not (body or "").strip():
        raise FlowRefused("请填写答复内容。")
    if letter.kind == LetterKind.DISCLOSURE and not fields.get("disclosure_answer"):
        raise FlowRefused("依申请公开的答复须选择答复类型。")
    if fields.get("disclosure_answer") == "withheld" and not fields.get("withheld_reason"):
        raise FlowRefused("不予公开须说明理由和依据。")
    if fields.get("publish_on_site") and not letter.allow_publication:
        raise FlowRefused("来信人未同意公开，答复不能在网站公开。")
    reply = LetterReply.objects.filter(letter=letter).first() or LetterReply(
        letter=letter, live=False)
    workflow_state = reply.current_workflow_state if reply.pk else None
    if workflow_state is not None and workflow_state.status == workflow_state.STATUS_IN_PROGRESS:
        raise FlowRefused("该答复正在审核中，请等待审核结果。")
    reply.body, reply.author = body.strip(), user
    for name, value in fields.items():
        setattr(reply, name, value)
    reply.save()
    revision = reply.save_revision(user=user)
    if workflow_state is not None:  # sent back: resume at the step that rejected it
        workflow_state.resume(user)
    else:
        workflow = reply.get_workflow()
        if workflow is None:
            raise FlowRefused("未配置来信答复审核流程，请联系系统管理员。")
        workflow.start(reply, user)
    log(letter, "mailbox.reply", user=user,
        data={"note": f"答复已提交审核（修订 {revision.pk}）",
              "status": letter.get_status_display(),
              "unit": letter.responsible_unit.name if letter.responsible_unit else ""})
    return reply


def reply_published(reply, user=None):
    """The reviewed answer is now visible: the letter counts as answered."""
    letter = Letter.objects.get(pk=reply.letter_id)
    if letter.answered_at is not None:
        return letter  # a corrected reply republished: the first answer counts
    now = timezone.now()
    taken, on_time = deadlines.answered_stats(letter, now)
    public = reply.publish_on_site and letter.allow_publication
    Letter.objects.filter(pk=letter.pk).update(
        status=S.PUBLISHED if public else S.ANSWERED, answered_at=now,
        answer_workdays=taken, answered_on_time=on_time)
    letter.refresh_from_db()
    if public:  # now on the public list: the public search finds its masked text
        index.insert_or_update_object(letter)
    log(letter, "mailbox.answered", user=user,
        data={"note": "答复已审核通过" + ("并在网站公开" if public else ""),
              "status": letter.get_status_display(),
              "unit": letter.responsible_unit.name if letter.responsible_unit else ""})
    transaction.on_commit(lambda: notify.answered(letter))
    return letter


# ------------------------------------------------------------ 依申请公开


def request_correction(letter, user, note):
    _check(user, letter, "request_correction")
    if not (note or "").strip():
        raise FlowRefused("请写明需要补正的事项。")
    _apply(letter, user, "request_correction",
           {"correction_requested_at": timezone.now(), "correction_note": note.strip()}, note)
    notify.correction_requested(letter)
    return letter


def correction_received(letter, user, note=""):
    _check(user, letter, "correction_received")
    return _apply(letter, user, "correction_received",
                  {"correction_received_at": timezone.now()}, note or "补正后重新计算期限")


def start_consultation(letter, user, note):
    _check(user, letter, "start_consultation")
    if not (note or "").strip():
        raise FlowRefused("请写明征求意见的第三方和事项。")
    return _apply(letter, user, "start_consultation",
                  {"consultation_started_at": timezone.now()}, note)


def end_consultation(letter, user, note=""):
    _check(user, letter, "end_consultation")
    return _apply(letter, user, "end_consultation",
                  {"consultation_ended_at": timezone.now()}, note)


def extend(letter, user, days, reason, approver):
    """Extend once, by at most 20 working days, with an approver (第三十三条)."""
    _check(user, letter, "extend")
    if not 1 <= int(days or 0) <= deadlines.MAX_EXTENSION_DAYS:
        raise FlowRefused(f"延长期限须为1至{deadlines.MAX_EXTENSION_DAYS}个工作日。")
    if not (reason or "").strip():
        raise FlowRefused("延长答复期限须说明理由。")
    if approver is None or not _may_approve_extension(approver, letter):
        raise FlowRefused("批准人须为承办科室或受理科室的负责人。")
    _apply(letter, user, "extend", {
        "extension_days": int(days), "extension_reason": reason.strip(),
        "extension_approver": approver,
    }, f"延长{days}个工作日：{reason.strip()}（批准人：{approver.get_full_name() or approver}）")
    notify.extended(letter)
    return letter


def extension_approvers(letter):
    """Who may approve an extension: the heads of the answering 科室 and of
    the 科室 that route this kind of letter (one query)."""
    from django.contrib.auth import get_user_model

    from units.models import Unit

    from .routing import ROUTERS

    units = Unit.objects.filter(name__in=ROUTERS[letter.kind])
    if letter.responsible_unit_id:
        units = units | Unit.objects.filter(pk=letter.responsible_unit_id)
    return get_user_model().objects.filter(
        is_active=True, groups__unit_as_heads__in=units).distinct()


def _may_approve_extension(approver, letter):
    return approver.is_superuser or extension_approvers(letter).filter(pk=approver.pk).exists()
