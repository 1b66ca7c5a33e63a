"""The publication register (登记备案, Art. 9 and 6).

One ``PublicationRecord`` is written every time an item goes live: what was
published (title, link, column, the revision's text and its hash), who
submitted it, every decision of the review chain with its checklist and
comment, who published it and when, and later whether it was withdrawn.

The record copies everything it shows.  Task states and revisions are not
kept for ever (``purge_revisions`` deletes revisions and, with them, their
task states; deleting a page deletes its workflow states), and a page is
edited after publication, so the register must not read the live objects:
the register is what happened, not what the page looks like now.

Numbers (登记号) come from a counter row incremented with a single UPDATE
inside the publishing transaction, as 索引号 do (columns.index_numbers): no
two records share a number, and a publication that is rolled back gives its
number back.
"""

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.db.models.signals import post_save, pre_delete
from django.utils import timezone
from wagtail.log_actions import get_active_log_context
from wagtail.signals import page_published, page_unpublished

from columns.index_numbers import increment

from .checklist import LABELS, OTHER_LABEL, answer_label
from .revisions import fingerprint

DECISIONS = {
    "approved": "通过",
    "rejected": "退回",
    "cancelled": "取消",
    "skipped": "跳过",
    "in_progress": "审核中",
}
DELETED_REASON = "信息已被删除"
EXPIRED_REASON = "到期自动下线"


def user_name(user):
    if user is None:
        return ""
    return user.get_full_name() or user.get_username()


def local_iso(moment):
    return timezone.localtime(moment).isoformat(timespec="seconds") if moment else None


class WithdrawalCause(models.TextChoices):
    """Why an item was taken down: only content reasons are charged to the
    submitting unit and its reviewers in the annual evaluation (第十八条)."""

    CONTENT = "content", "内容原因（内容错误、不宜公开等）"
    OUTDATED = "outdated", "信息过时、重复或已被替代"
    OTHER = "other", "其他原因"


class RegisterSequence(models.Model):
    """The last 登记号 handed out (a single row)."""

    name = models.CharField(max_length=30, primary_key=True)
    last_number = models.PositiveIntegerField("已用登记号", default=0)

    class Meta:
        app_label = "workflow"
        verbose_name = "登记号流水"
        verbose_name_plural = "登记号流水"


SEQUENCE = "publication"


def next_number():
    """The next 登记号, inside the caller's transaction."""
    return increment(RegisterSequence, "last_number", name=SEQUENCE)


class PublicationRecord(models.Model):
    """One publication of one item, as it happened."""

    number = models.PositiveIntegerField("登记号", unique=True, editable=False)

    # what was published
    page = models.ForeignKey("wagtailcore.Page", verbose_name="信息", null=True, blank=True,
                             on_delete=models.SET_NULL, related_name="publication_records")
    page_id_snapshot = models.IntegerField("信息ID", db_index=True)
    title = models.CharField("标题", max_length=255)
    url = models.CharField("链接", max_length=500, blank=True)
    column_title = models.CharField("栏目", max_length=255, blank=True, db_index=True)
    column_path = models.CharField("栏目路径", max_length=500, blank=True)
    responsible_section = models.ForeignKey(
        "units.Unit", verbose_name="责任科室", null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+")
    responsible_section_name = models.CharField("责任科室名称", max_length=100, blank=True)
    source_unit = models.ForeignKey(
        "units.Unit", verbose_name="供稿单位", null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+")
    source_unit_name = models.CharField("供稿单位名称", max_length=100, blank=True)
    revision_id = models.IntegerField("发布版本号", null=True, blank=True)
    content_hash = models.CharField("内容摘要（SHA-256）", max_length=64, blank=True)
    content = models.JSONField("发布内容", default=dict, blank=True, encoder=DjangoJSONEncoder)

    # who and how
    submitter = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="提交人", null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+")
    submitter_name = models.CharField("提交人姓名", max_length=150, blank=True)
    submitted_at = models.DateTimeField("提交时间", null=True, blank=True)
    workflow_state_id = models.IntegerField("审核流程记录号", null=True, blank=True,
                                            db_index=True)
    workflow_name = models.CharField("审核流程", max_length=255, blank=True)
    chain = models.JSONField("审核过程", default=list, blank=True, encoder=DjangoJSONEncoder)
    direct_publish = models.BooleanField("直接发布（未经审核流程）", default=False)
    publisher = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="发布人", null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+")
    publisher_name = models.CharField("发布人姓名", max_length=150, blank=True)
    published_at = models.DateTimeField("发布时间", db_index=True)

    # withdrawal
    withdrawn_at = models.DateTimeField("撤稿时间", null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="撤稿人", null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+")
    withdrawn_by_name = models.CharField("撤稿人姓名", max_length=150, blank=True)
    withdraw_reason = models.TextField("撤稿原因", blank=True)
    withdrawal_cause = models.CharField("撤稿原因类别", max_length=20, blank=True,
                                        choices=WithdrawalCause.choices)

    created_at = models.DateTimeField("登记时间", auto_now_add=True)

    class Meta:
        app_label = "workflow"
        verbose_name = "发布登记"
        verbose_name_plural = "发布登记"
        ordering = ["-number"]

    def __str__(self):
        return f"{self.registration_code} {self.title}"

    @property
    def registration_code(self):
        year = timezone.localtime(self.published_at).year if self.published_at else 0
        return f"DJ-{year:04d}-{self.number:06d}"

    # -- presentation (the admin report, its export and the detail view) ----
    @property
    def live_url(self):
        """The item's address if it is online now, else None."""
        page = self.page
        if page is None or not page.live:
            return None
        return page.get_url() or self.url or None

    @property
    def is_withdrawn(self):
        return self.withdrawn_at is not None

    @property
    def published_at_display(self):
        return timezone.localtime(self.published_at).strftime("%Y-%m-%d %H:%M")

    @property
    def submitted_at_display(self):
        if not self.submitted_at:
            return ""
        return timezone.localtime(self.submitted_at).strftime("%Y-%m-%d %H:%M")

    @property
    def withdrawn_at_display(self):
        if not self.withdrawn_at:
            return ""
        return timezone.localtime(self.withdrawn_at).strftime("%Y-%m-%d %H:%M")

    @property
    def withdrawal_summary(self):
        if not self.withdrawn_at:
            return ""
        parts = [self.withdrawn_at_display]
        if self.withdrawn_by_name:
            parts.append(self.withdrawn_by_name)
        if self.withdraw_reason:
            parts.append(self.withdraw_reason)
        return " ".join(parts)

    @property
    def publication_mode(self):
        return "直接发布" if self.direct_publish else "审核流程发布"

    @property
    def steps(self):
        """The chain with display values added (for templates and exports)."""
        steps = []
        for index, step in enumerate(self.chain or [], start=1):
            step = dict(step)
            step["index"] = index
            step["time_display"] = _short_time(step.get("time"), "%Y-%m-%d %H:%M")
            step["checklist_items"] = [
                (LABELS.get(key, key), answer) for key, answer in (step.get("checklist") or {}).items()
            ]
            steps.append(step)
        return steps

    @property
    def chain_summary(self):
        """One line: "一级审核：周涛 通过 12-01 10:20；…"."""
        if self.direct_publish and not self.chain:
            return "直接发布（未经审核流程）"
        parts = []
        for step in self.chain or []:
            who = step.get("reviewer_name") or step.get("reviewer") or "—"
            when = _short_time(step.get("time"), "%m-%d %H:%M")
            parts.append(f"{step.get('task')}：{who} {step.get('decision')} {when}".strip())
        return "；".join(parts)

    @property
    def chain_text(self):
        """The whole chain, one step a line, for the Excel/CSV export."""
        lines = []
        for step in self.steps:
            reviewer = step.get("reviewer_name") or ""
            if step.get("reviewer"):
                reviewer = f"{reviewer}（{step['reviewer']}）"
            line = [f"{step['index']}. {step.get('task')}（{step.get('task_type')}）",
                    f"审核人：{reviewer or '—'}",
                    f"结论：{step.get('decision')}",
                    f"时间：{step['time_display'] or '—'}",
                    f"审核意见：{step.get('comment') or '—'}"]
            if step.get("signed_for_name"):
                line.append(f"代签（受{step['signed_for_name']}委托）")
            lines.append("｜".join(line))
        return "\n".join(lines)

    @property
    def checklist_text(self):
        """Each step's Art. 8 answers, for the Excel/CSV export."""
        lines = []
        for step in self.steps:
            if not step["checklist_items"] and not step.get("other_matters"):
                continue
            answers = "；".join(f"{label}：{answer}" for label, answer in step["checklist_items"])
            if step.get("other_matters"):
                answers += f"；{OTHER_LABEL}：{step['other_matters']}"
            lines.append(f"{step['index']}. {step.get('task')}：{answers}")
        return "\n".join(lines)


def _short_time(iso, fmt):
    if not iso:
        return ""
    from django.utils.dateparse import parse_datetime

    moment = parse_datetime(iso)
    if moment is None:
        return iso
    return timezone.localtime(moment).strftime(fmt) if timezone.is_aware(moment) else (
        moment.strftime(fmt))


# ------------------------------------------------------------------ writing


def _step(task_state):
    state = task_state.specific
    task = state.task.specific
    reviewer = state.finished_by
    signed_for = getattr(state, "signed_for", None)
    checklist = getattr(state, "checklist", None) or {}
    return {
        "task": task.name,
        "task_type": str(task._meta.verbose_name),
        "status": state.status,
        "decision": DECISIONS.get(state.status, state.status),
        "reviewer": reviewer.get_username() if reviewer else "",
        "reviewer_name": user_name(reviewer),
        "started_at": local_iso(state.started_at),
        "time": local_iso(state.finished_at),
        "checklist": {key: answer_label(key, answer) if key in LABELS else str(answer)
                      for key, answer in checklist.items()},
        "other_matters": getattr(state, "other_matters", "") or "",
        "comment": state.comment or "",
        "signed_for": signed_for.get_username() if signed_for else "",
        "signed_for_name": user_name(signed_for),
        "revision_id": state.revision_id,
    }


def finished_workflow_state(page, revision):
    """The review chain that has just authorised this publication, if any.

    The page's latest approved workflow state, not yet in the register, whose
    last decision came after the published revision was written (so a later
    direct publication of new text is not credited to an old chain).  A
    scheduled item going live later still finds its chain.
    """
    from wagtail.models import WorkflowState

    state = (WorkflowState.objects.for_instance(page)
             .filter(status=WorkflowState.STATUS_APPROVED)
             .select_related("workflow", "requested_by", "current_task_state")
             .order_by("-created_at", "-pk").first())
    if state is None or PublicationRecord.objects.filter(workflow_state_id=state.pk).exists():
        return None
    last = state.current_task_state
    finished_at = last.finished_at if last else None
    if finished_at is None or (revision is not None and finished_at < revision.created_at):
        return None
    return state


def chain_of(workflow_state):
    from wagtail.models import TaskState

    states = (TaskState.objects.filter(workflow_state=workflow_state)
              .select_related("task", "finished_by").order_by("started_at", "pk"))
    return [_step(state) for state in states]


def _column(page):
    parent = page.get_parent()
    ancestors = page.get_ancestors().filter(depth__gt=2)  # below the home page
    return (parent.title if parent else ""), " › ".join(a.title for a in ancestors)


def _acting_user():
    return get_active_log_context().user


def write_record(page, revision):
    """Register this publication of ``page`` (an ItemPage, specific)."""
    from .models import responsible_section

    revision = revision or page.live_revision
    workflow_state = finished_workflow_state(page, revision)
    if workflow_state is not None:
        chain = chain_of(workflow_state)
        last = workflow_state.current_task_state
        publisher = _acting_user() or (last.finished_by if last else None)
        submitter = workflow_state.requested_by
        submitted_at = workflow_state.created_at
    else:
        chain = []
        publisher = _acting_user() or (revision.user if revision else None)
        submitter, submitted_at = publisher, None
    if publisher is not None and not publisher.is_authenticated:
        publisher = None
    column_title, column_path = _column(page)
    section = responsible_section(page)
    source = page.source_unit
    try:
        url = page.get_full_url() or ""
    except Exception:  # no site configured (e.g. while bootstrapping)
        url = ""
    return PublicationRecord.objects.create(
        number=next_number(),
        page=page, page_id_snapshot=page.pk,
        title=page.title, url=url,
        column_title=column_title, column_path=column_path,
        responsible_section=section, responsible_section_name=section.name if section else "",
        source_unit=source, source_unit_name=source.name if source else "",
        revision_id=revision.pk if revision else None,
        content_hash=fingerprint(revision) if revision else "",
        content=(revision.content or {}) if revision else {},
        submitter=submitter, submitter_name=user_name(submitter), submitted_at=submitted_at,
        workflow_state_id=workflow_state.pk if workflow_state else None,
        workflow_name=workflow_state.workflow.name if workflow_state else "",
        chain=chain, direct_publish=workflow_state is None,
        publisher=publisher, publisher_name=user_name(publisher),
        published_at=page.last_published_at or timezone.now(),
    )


def latest_record(page):
    return (PublicationRecord.objects.filter(page_id_snapshot=page.pk)
            .order_by("-number").first())


def record_withdrawal(page, user, reason="", cause=""):
    """Note on the page's latest record that it has been taken down.

    Safe to call before or after Wagtail's unpublish (which notes the
    withdrawal itself, without a reason): the user and a given reason are
    written, the first withdrawal time is kept.
    """
    record = latest_record(page)
    if record is None:
        return None
    if record.withdrawn_at is None:
        record.withdrawn_at = timezone.now()
    if user is not None and user.is_authenticated:
        record.withdrawn_by = user
        record.withdrawn_by_name = user_name(user)
    if reason:
        record.withdraw_reason = reason
    if cause:
        record.withdrawal_cause = cause
    record.save(update_fields=["withdrawn_at", "withdrawn_by", "withdrawn_by_name",
                               "withdraw_reason", "withdrawal_cause"])
    return record


def _note_withdrawal(page, reason):
    record = latest_record(page)
    if record is None or record.withdrawn_at is not None:
        return
    user = _acting_user()
    record_withdrawal(page, user if user is not None else None, reason)


# ------------------------------------------------------------------ signals


def _is_item(instance):
    from columns.models import ItemPage

    return isinstance(instance, ItemPage)


def on_page_published(sender, instance, revision=None, **kwargs):
    if _is_item(instance):
        write_record(instance, revision)


def on_page_unpublished(sender, instance, **kwargs):
    if _is_item(instance):
        _note_withdrawal(instance, EXPIRED_REASON if instance.expired else "")


def on_item_deleted(sender, instance, **kwargs):
    if instance.live:
        _note_withdrawal(instance, DELETED_REASON)


def on_log_entry_saved(sender, instance, created, raw=False, **kwargs):
    """The publish log entry names the real publisher (bulk actions, revisions
    published from history …); correct the record if it guessed otherwise."""
    if not created or raw or instance.action != "wagtail.publish" or not instance.user_id:
        return
    record = (PublicationRecord.objects.filter(page_id_snapshot=instance.page_id,
                                               revision_id=instance.revision_id)
              .order_by("-number").first())
    if record is None or record.publisher_id == instance.user_id:
        return
    guessed = record.publisher_id
    record.publisher = instance.user
    record.publisher_name = user_name(instance.user)
    fields = ["publisher", "publisher_name"]
    if record.direct_publish and record.submitter_id == guessed:
        # Published directly: the publisher is also the one who put it forward.
        record.submitter, record.submitter_name = record.publisher, record.publisher_name
        fields += ["submitter", "submitter_name"]
    record.save(update_fields=fields)


page_published.connect(on_page_published, dispatch_uid="publication_register")
page_unpublished.connect(on_page_unpublished, dispatch_uid="publication_register_withdrawal")
pre_delete.connect(on_item_deleted, sender="columns.ItemPage",
                   dispatch_uid="publication_register_deletion")
post_save.connect(on_log_entry_saved, sender="wagtailcore.PageLogEntry",
                  dispatch_uid="publication_register_publisher")
