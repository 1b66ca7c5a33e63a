"""Jobs run by the django-q2 cluster (schedules in evaluation.setup)."""

import logging

from django.utils import timezone

from . import periods, reports
from .models import Report

logger = logging.getLogger(__name__)


def generate_due_reports(today=None):
    """After a quarter ends, its report (and after Q4 the year's) exists once.

    Runs daily, so a cluster that was down on the first day catches up.
    """
    today = today or timezone.localdate()
    due = [periods.last_ended_quarter(today)]
    if due[0].end.month == 12:
        due.append(periods.year(due[0].end.year))
    made = []
    for period in due:
        if not Report.objects.filter(kind=period.kind, start=period.start, end=period.end,
                                     automatic=True).exists():
            made.append(reports.generate(period, automatic=True))
    for report in Report.objects.filter(supplement__isnull=True):
        reports.settle_supplement(report)
    if made:
        logger.info("已生成统计报告：%s", "、".join(r.title for r in made))
    return [r.pk for r in made]


def remind_stale_columns(today=None):
    from .freshness import remind_maintainers

    return remind_maintainers(today)
