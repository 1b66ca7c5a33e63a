"""Writing ItemEvents when things happen (read-only towards other apps).

- a submission: Wagtail's ``workflow_submitted`` (one per workflow run);
- a rejection: ``workflow_rejected``;
- a publication: a new PublicationRecord of the register (only the item's
  first publication counts; re-publishing an edit is not a new item);
- a withdrawal: a PublicationRecord getting ``withdrawn_at``.

Working days from submission to publication are counted here, when the
publication happens, with workdays.calendar (SQL cannot count them).
"""

import logging

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.db.models.signals import post_save
from django.utils import timezone
from wagtail.signals import workflow_rejected, workflow_submitted

from workdays.calendar import CalendarNotCovered, workdays_between
from workflow.register import WithdrawalCause

from .models import EventKind, ItemEvent, WithdrawalCharge

logger = logging.getLogger(__name__)

# workflow.register's reasons: an item reaching its 下线时间 was not withdrawn;
# a deleted live item was, but not for its content.
EXPIRED_REASON = "到期自动下线"
NON_CONTENT_REASONS = ("信息已被删除", EXPIRED_REASON)


def user_name(user):
    if user is None:
        return ""
    return user.get_full_name() or user.get_username()


def _item(obj):
    from columns.models import ItemPage

    obj = getattr(obj, "specific", obj)
    return obj if isinstance(obj, ItemPage) else None


def column_facts(page):
    """(column id, column title, top-level column id) of an item page."""
    if page is None:
        return None, "", None
    parent = page.get_parent()
    if parent is None:
        return None, "", None
    top = parent if parent.depth <= 3 else page.get_ancestors().filter(depth=3).first()
    return parent.pk, parent.title, (top.pk if top else None)


def _facts(page):
    column_id, column_title, section_id = column_facts(page)
    unit = page.source_unit
    return {
        "page_id": page.pk, "title": page.title,
        "source_unit": unit, "source_unit_name": unit.name if unit else "",
        "column_id": column_id, "column_title": column_title, "section_id": section_id,
        "picture_news": bool(getattr(page, "picture_news", False)),
    }


def on_workflow_submitted(sender, instance, user=None, **kwargs):
    page = _item(instance.content_object)
    if page is None:
        return
    ItemEvent.objects.get_or_create(
        kind=EventKind.SUBMITTED, workflow_state_id=instance.pk,
        defaults={**_facts(page), "occurred_at": instance.created_at or timezone.now(),
                  "submitted_at": instance.created_at,
                  "person": instance.requested_by,
                  "person_name": user_name(instance.requested_by)})


def on_workflow_rejected(sender, instance, user=None, **kwargs):
    page = _item(instance.content_object)
    if page is None:
        return
    task_state = instance.current_task_state
    ItemEvent.objects.create(
        kind=EventKind.REJECTED, workflow_state_id=instance.pk, **_facts(page),
        occurred_at=(task_state.finished_at if task_state and task_state.finished_at
                     else timezone.now()),
        submitted_at=instance.created_at, person=instance.requested_by,
        person_name=user_name(instance.requested_by),
        reason=(task_state.comment or "") if task_state else "")


def working_days(start, end):
    if start is None or end is None:
        return None
    try:
        return workdays_between(start, end)
    except CalendarNotCovered as error:
        logger.warning("未计算工作日：%s", error)
        return None


def record_publication(record):
    """The first publication of an item, from its register record."""
    if ItemEvent.objects.filter(kind=EventKind.PUBLISHED, page_id=record.page_id_snapshot).exists():
        return None
    page = record.page.specific if record.page_id else None
    column_id, column_title, section_id = column_facts(page)
    content = record.content or {}
    person = None if record.direct_publish else record.submitter
    try:
        with transaction.atomic():
            return ItemEvent.objects.create(
                kind=EventKind.PUBLISHED, occurred_at=record.published_at,
                page_id=record.page_id_snapshot, title=record.title,
                source_unit_id=record.source_unit_id, source_unit_name=record.source_unit_name,
                person=person, person_name=record.submitter_name if person else "",
                column_id=column_id, column_title=column_title or record.column_title,
                section_id=section_id, picture_news=bool(content.get("picture_news")),
                submitted_at=record.submitted_at,
                workdays=working_days(record.submitted_at, record.published_at),
                workflow_state_id=record.workflow_state_id, record_id=record.pk)
    except IntegrityError:  # published twice at once: the first one counts
        return None


def record_withdrawal(record):
    """A withdrawal of a publication; content reasons charge the approvers."""
    reason = record.withdraw_reason or ""
    if reason == EXPIRED_REASON:
        ItemEvent.objects.filter(kind=EventKind.WITHDRAWN, record_id=record.pk).delete()
        return None
    if record.withdrawal_cause:  # chosen by whoever withdrew it (workflow.withdrawal)
        content = record.withdrawal_cause == WithdrawalCause.CONTENT
    else:  # taken down some other way (e.g. Wagtail's unpublish), or recorded earlier
        content = bool(reason) and reason not in NON_CONTENT_REASONS
    published = (ItemEvent.objects.filter(kind=EventKind.PUBLISHED,
                                          page_id=record.page_id_snapshot).first())
    facts = {
        "occurred_at": record.withdrawn_at, "page_id": record.page_id_snapshot,
        "title": record.title, "source_unit_id": record.source_unit_id,
        "source_unit_name": record.source_unit_name,
        "person_id": published.person_id if published else None,
        "person_name": published.person_name if published else "",
        "column_id": published.column_id if published else None,
        "column_title": published.column_title if published else record.column_title,
        "section_id": published.section_id if published else None,
        "picture_news": published.picture_news if published else False,
        "content_reason": content, "reason": reason,
        "workflow_state_id": record.workflow_state_id,
    }
    event, _ = ItemEvent.objects.update_or_create(
        kind=EventKind.WITHDRAWN, record_id=record.pk, defaults=facts)
    event.charges.all().delete()
    if content:
        approvers = [(step.get("reviewer"), step.get("reviewer_name"), step.get("task"))
                     for step in _reviewed_chain(record)
                     if step.get("status") == "approved" and step.get("reviewer")]
        users = {u.get_username(): u for u in get_user_model().objects.filter(
            username__in=[a[0] for a in approvers])}
        WithdrawalCharge.objects.bulk_create([
            WithdrawalCharge(event=event, user=users.get(username), user_name=name or username,
                             task=task or "")
            for username, name, task in approvers])
    return event


def _reviewed_chain(record):
    """The review chain that vouched for the withdrawn text: the record's own,
    or, for a direct re-publication after an edit, the latest reviewed one."""
    if record.chain:
        return record.chain
    reviewed = (type(record).objects.filter(page_id_snapshot=record.page_id_snapshot,
                                            number__lt=record.number, direct_publish=False)
                .order_by("-number").first())
    return reviewed.chain if reviewed else []


def on_record_saved(sender, instance, created, raw=False, **kwargs):
    if raw:
        return
    if created:
        record_publication(instance)
    if instance.withdrawn_at is not None:
        record_withdrawal(instance)


def connect():
    from workflow.register import PublicationRecord

    workflow_submitted.connect(on_workflow_submitted, dispatch_uid="evaluation_submitted")
    workflow_rejected.connect(on_workflow_rejected, dispatch_uid="evaluation_rejected")
    post_save.connect(on_record_saved, sender=PublicationRecord,
                      dispatch_uid="evaluation_publication_record")
