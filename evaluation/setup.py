"""Idempotent set-up called by ``bootstrap_portal``: 研究室's permissions on
the evaluation reference data and the two django-q2 schedules."""

import datetime

from django.utils import timezone

REPORT_SCHEDULE = "生成季度统计报告（每日检查）"
REPORT_FUNC = "evaluation.tasks.generate_due_reports"
FRESHNESS_SCHEDULE = "栏目更新提醒（每日）"
FRESHNESS_FUNC = "evaluation.tasks.remind_stale_columns"


def ensure_evaluation_schedules():
    from django_q.models import Schedule

    tomorrow = timezone.localtime() + datetime.timedelta(days=1)
    for name, func, hour in ((REPORT_SCHEDULE, REPORT_FUNC, 1),
                             (FRESHNESS_SCHEDULE, FRESHNESS_FUNC, 8)):
        Schedule.objects.get_or_create(
            func=func,
            defaults={"name": name, "schedule_type": Schedule.DAILY, "repeats": -1,
                      "next_run": tomorrow.replace(hour=hour, minute=0, second=0,
                                                   microsecond=0)})


def grant_evaluation_permissions():
    """研究室 keeps the quotas, column weights and scoring rules."""
    from django.contrib.auth.models import Permission

    from units.catalogue import SITE_OWNER
    from units.models import Unit

    codenames = [f"{a}_{m}" for m in ("unitquota", "columnweight")
                 for a in ("add", "change", "delete", "view")]
    codenames += ["change_evaluationsettings", "view_evaluationsettings"]
    perms = list(Permission.objects.filter(content_type__app_label="evaluation",
                                           codename__in=codenames))
    unit = Unit.objects.filter(name=SITE_OWNER).first()
    if unit is None:
        return
    for group in (unit.editors_group, unit.heads_group):
        if group is not None:
            group.permissions.add(*perms)
