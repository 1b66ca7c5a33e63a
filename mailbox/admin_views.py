"""The 办理 page of a letter: everything about it and the steps open now.

Wagtail's snippet views list and edit letters; the steps of the status flow
are domain actions with their own forms and rules, so they get one page of
their own.  Every step is checked on the server by mailbox.flow (the forms
shown are only those mailbox.routing allows).
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from wagtail.models import TaskState

from . import flow, forms
from .deadlines import alarm_moment, correction_deadline
from .models import Letter, LetterKind, LetterLogEntry
from .routing import allowed_actions, can_view

# action -> (form class, button label, function calling the flow step)
STEPS = {
    "accept": (forms.AcceptForm, "受理",
               lambda l, u, d: flow.accept(l, u, d.get("unit"), d.get("note", ""))),
    "refuse": (forms.NoteForm, "不予受理", lambda l, u, d: flow.refuse(l, u, d["note"])),
    "assign": (forms.UnitForm, "分办", lambda l, u, d: flow.assign(l, u, d["unit"], d["note"])),
    "start": (forms.OptionalNoteForm, "开始办理", lambda l, u, d: flow.start(l, u)),
    "transfer": (forms.TransferForm, "转办",
                 lambda l, u, d: flow.transfer(l, u, d["unit"], d["note"])),
    "escalate": (forms.EscalateForm, "请示并发送阶段性答复",
                 lambda l, u, d: flow.escalate(l, u, d["note"], d["interim_reply"])),
    "settle": (forms.OptionalNoteForm, "请示办结", lambda l, u, d: flow.settle(l, u, d["note"])),
    "reply": (forms.ReplyForm, "提交答复审核", lambda l, u, d: flow.submit_reply(l, u, **d)),
    "request_correction": (forms.NoteForm, "告知补正",
                           lambda l, u, d: flow.request_correction(l, u, d["note"])),
    "correction_received": (forms.OptionalNoteForm, "已收到补正",
                            lambda l, u, d: flow.correction_received(l, u, d["note"])),
    "start_consultation": (forms.NoteForm, "开始征求第三方意见",
                           lambda l, u, d: flow.start_consultation(l, u, d["note"])),
    "end_consultation": (forms.OptionalNoteForm, "结束征求意见",
                         lambda l, u, d: flow.end_consultation(l, u, d["note"])),
    "extend": (forms.ExtendForm, "延长答复期限",
               lambda l, u, d: flow.extend(l, u, d["days"], d["reason"], d["approver"])),
}


class NotYours(Exception):
    """The letter is not routed to the user's 科室 (nor of a kind he routes)."""


def _letter_for(request, pk):
    letter = get_object_or_404(Letter.objects.select_related("responsible_unit", "handler"),
                               pk=pk)
    if not can_view(request.user, letter):
        raise NotYours
    return letter


def _refused(request):
    # Wagtail turns a PermissionDenied into its generic "no permission"
    # message; this says why, without showing anything of the letter.
    return TemplateResponse(request, "mailbox/admin/refused.html", {
        "message": "您无权查看该信件：它没有分办到您的科室，也不属于您受理的信件类别。"},
        status=403)


def _form(action, letter, data=None):
    form_class = STEPS[action][0]
    kwargs = {"prefix": action}
    if form_class is forms.ReplyForm:
        kwargs["letter"] = letter
        reply = getattr(letter, "reply", None)
        if data is None and reply is not None:
            kwargs["initial"] = {"body": reply.body, "disclosure_answer": reply.disclosure_answer,
                                 "withheld_reason": reply.withheld_reason,
                                 "publish_on_site": reply.publish_on_site,
                                 "is_faq": reply.is_faq, "faq_column": reply.faq_column_id}
    if form_class is forms.ExtendForm:
        kwargs["approvers"] = flow.extension_approvers(letter)
    return form_class(data, **kwargs)


def handle(request, pk):
    try:
        letter = _letter_for(request, pk)
    except NotYours:
        return _refused(request)
    actions = allowed_actions(request.user, letter)
    bound = {}
    if request.method == "POST":
        action = request.POST.get("action")
        if action not in STEPS:
            raise PermissionDenied("未知的办理操作。")
        form = _form(action, letter, request.POST)
        if action not in actions:
            messages.error(request, f"您不能执行“{STEPS[action][1]}”：信件状态已变化或不属于您办理。")
            return redirect("mailbox_letter", pk=letter.pk)
        if form.is_valid():
            try:
                STEPS[action][2](letter, request.user, form.cleaned_data)
            except flow.FlowRefused as refusal:
                messages.error(request, str(refusal))
            else:
                messages.success(request, f"已{STEPS[action][1]}。")
                return redirect("mailbox_letter", pk=letter.pk)
        bound[action] = form
    context = {
        "letter": letter,
        "steps": [(a, STEPS[a][1], bound.get(a) or _form(a, letter)) for a in actions],
        "history": LetterLogEntry.objects.for_instance(letter).select_related("user")
        .order_by("timestamp"),
        "reply": getattr(letter, "reply", None),
        "rejections": _rejections(letter),
        "alarm_at": alarm_moment(letter),
        "correction_due": (correction_deadline(letter)
                           if letter.kind == LetterKind.DISCLOSURE and not letter.deadline_pending
                           else None),
    }
    return TemplateResponse(request, "mailbox/admin/handle.html", context)


def _rejections(letter):
    reply = getattr(letter, "reply", None)
    if reply is None:
        return []
    return (TaskState.objects.filter(workflow_state__in=reply.workflow_states.all(),
                                     status=TaskState.STATUS_REJECTED)
            .select_related("finished_by", "task").order_by("-finished_at"))


def attachment(request, pk):
    try:
        letter = _letter_for(request, pk)
    except NotYours:
        return _refused(request)
    if not letter.attachment:
        raise Http404("该信件没有附件。")
    return FileResponse(letter.attachment.open("rb"), as_attachment=True,
                        filename=letter.attachment.name.rsplit("/", 1)[-1])
