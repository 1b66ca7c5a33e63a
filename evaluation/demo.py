"""Demo history for the statistics (``bootstrap_portal --demo`` only).

The demo items are published directly when the demo is built, all at the
same moment.  For the reports to show what a year looks like, the demo
dates each item's evaluation facts at its 发布时间 (release_time), as if its
unit's editor had submitted it one to four working days earlier; every
fifth item was first sent back once.  Only evaluation's own rows are
written; pages and the publication register are left as they are.
"""

import datetime

from django.db import transaction
from django.utils import timezone

from columns.models import ItemPage
from workdays.calendar import CalendarNotCovered, is_workday, workdays_between

from .models import EventKind, ItemEvent

DEMO_REASON = "请补充信息来源和发布依据。"


def _workdays_before(moment, n):
    day = timezone.localtime(moment)
    while n:
        day -= datetime.timedelta(days=1)
        try:
            if is_workday(day.date()):
                n -= 1
        except CalendarNotCovered:
            n -= 1
    return day.replace(hour=9, minute=30)


@transaction.atomic
def ensure_demo_history():
    """Idempotent: items already dated are left alone.  Returns how many were dated."""
    items = {p.pk: p for p in ItemPage.objects.filter(live=True).select_related("source_unit")}
    editors = {}
    dated = 0
    for event in ItemEvent.objects.filter(kind=EventKind.PUBLISHED, page_id__in=items,
                                          workflow_state_id__isnull=True):
        page = items[event.page_id]
        if event.occurred_at == page.release_time or page.release_time >= event.occurred_at:
            continue
        unit = page.source_unit
        if unit is not None and unit.pk not in editors:
            editors[unit.pk] = unit.editors_group.user_set.filter(is_active=True).order_by(
                "pk").first() if unit.editors_group_id else None
        editor = editors.get(unit.pk) if unit else None
        published_at = page.release_time
        submitted_at = _workdays_before(published_at, 1 + page.pk % 4)
        name = (editor.get_full_name() or editor.username) if editor else ""
        event.occurred_at = published_at
        event.submitted_at = submitted_at
        try:
            event.workdays = workdays_between(submitted_at, published_at)
        except CalendarNotCovered:
            event.workdays = None
        event.person, event.person_name = editor, name
        event.save()
        common = {"page_id": page.pk, "title": event.title, "source_unit": unit,
                  "source_unit_name": event.source_unit_name, "person": editor,
                  "person_name": name, "column_id": event.column_id,
                  "column_title": event.column_title, "section_id": event.section_id,
                  "picture_news": event.picture_news, "submitted_at": submitted_at}
        ItemEvent.objects.create(kind=EventKind.SUBMITTED, occurred_at=submitted_at, **common)
        if page.pk % 5 == 0:
            ItemEvent.objects.create(kind=EventKind.REJECTED, reason=DEMO_REASON,
                                     occurred_at=submitted_at + datetime.timedelta(hours=3),
                                     **common)
        dated += 1
    return dated


def ensure_demo_quotas():
    """Demo quotas: one item a quarter by default, two for the busiest 科室,
    none for 研究室 (it publishes; it is not a reporting unit).  Only on the
    first run, so that 研究室's later changes are kept."""
    from units.models import Unit

    from .models import EvaluationSettings, UnitQuota

    if UnitQuota.objects.exists():
        return
    settings_obj = EvaluationSettings.load()
    settings_obj.default_quota = 1
    settings_obj.save()
    for name, quota, note in (("医政医管科", 2, "演示：重点科室"), ("宣传科", 2, "演示：重点科室"),
                              ("研究室", 0, "网站主管科室，不承担报送任务")):
        unit = Unit.objects.filter(name=name).first()
        if unit is not None:
            UnitQuota.objects.create(unit=unit, quota=quota, note=note)


def ensure_demo_reports():
    """The report of the last ended quarter, as the daily schedule would make it."""
    from .tasks import generate_due_reports

    return generate_due_reports()
