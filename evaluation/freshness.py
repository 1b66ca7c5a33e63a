"""Column freshness (Art. 12 (三)): each column type has a limit between
updates; 研究室 sees columns near or past it, maintainers are reminded.

A column's last update is the latest publication of a live item below it.
Limits: 动态要闻 14 days, 通知公告/政策文件 6 months, 人事/规划 1 year.
"""

import calendar
import datetime
from dataclasses import dataclass, field

from django.db.models import Max, OuterRef, Subquery
from django.utils import timezone

from columns.models import BaseColumnPage, ColumnType, ItemPage, SectionPage

# column type -> (months, days, reminder lead in days, label)
LIMITS = {
    ColumnType.NEWS: (0, 14, 3, "14天"),
    ColumnType.NOTICE: (6, 0, 15, "6个月"),
    ColumnType.PERSONNEL: (12, 0, 30, "1年"),
}


def add_months(day, months):
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def due_after(column_type, last_day):
    months, days, _, _ = LIMITS[column_type]
    return add_months(last_day, months) + datetime.timedelta(days=days)


@dataclass
class ColumnState:
    column: object
    last_update: datetime.date | None
    due: datetime.date | None
    days_left: int | None
    state: str  # "blank", "stale", "near", "fresh", "free"
    maintainers: list = field(default_factory=list)

    @property
    def limit_label(self):
        spec = LIMITS.get(self.column.column_type)
        return spec[3] if spec else "不限"


def _leaf_columns():
    """Every column page that holds items (not the SectionPages above them)."""
    classes = [c for c in BaseColumnPage.__subclasses__() if c is not SectionPage]
    pages = []
    for cls in classes:
        latest = (ItemPage.objects.filter(live=True, path__startswith=OuterRef("path"),
                                          depth=OuterRef("depth") + 1)
                  .order_by().values("depth").annotate(m=Max("last_published_at")).values("m"))
        pages += list(cls.objects.live().annotate(latest=Subquery(latest[:1]))
                      .prefetch_related("maintainers"))
    return sorted(pages, key=lambda p: p.path)


def column_states(today=None):
    today = today or timezone.localdate()
    states = []
    for column in _leaf_columns():
        maintainers = list(column.maintainers.all())
        last = timezone.localtime(column.latest).date() if column.latest else None
        spec = LIMITS.get(column.column_type)
        if last is None:
            states.append(ColumnState(column, None, None, None, "blank", maintainers))
            continue
        if spec is None:
            states.append(ColumnState(column, last, None, None, "free", maintainers))
            continue
        due = due_after(column.column_type, last)
        left = (due - today).days
        state = "stale" if left < 0 else "near" if left <= spec[2] else "fresh"
        states.append(ColumnState(column, last, due, left, state, maintainers))
    return states


def needing_attention(today=None):
    """Blank columns and columns near or past their limit, most urgent first."""
    order = {"stale": 0, "near": 1, "blank": 2}
    states = [s for s in column_states(today) if s.state in order]
    return sorted(states, key=lambda s: (order[s.state], s.days_left if s.days_left is not None
                                         else 0, s.column.path))


def remind_maintainers(today=None):
    """E-mail each near column's maintainers once per deadline; returns how many."""
    from django.conf import settings
    from django.core.mail import send_mail

    from .models import FreshnessReminder
    from .periods import cn_date

    sent = 0
    for state in column_states(today):
        if state.state != "near":
            continue
        if FreshnessReminder.objects.filter(column_id=state.column.pk, due=state.due).exists():
            continue
        recipients = sorted({u.email for unit in state.maintainers for u in unit.members()
                             if u.email and u.is_active})
        if recipients:
            column = state.column
            send_mail(
                f"【栏目更新提醒】“{column.title}”将于{cn_date(state.due)}超过更新时限",
                f"栏目“{column.title}”（{column.get_column_type_display()}，更新时限{state.limit_label}）"
                f"最近一次更新是{cn_date(state.last_update)}，请在{cn_date(state.due)}前更新。\n"
                f"管理后台：{settings.WAGTAILADMIN_BASE_URL}/admin/pages/{column.pk}/\n"
                "依据：《门户网站信息更新维护管理办法（试行）》第十二条（三）。",
                None, recipients)
            sent += 1
        FreshnessReminder.objects.create(column_id=state.column.pk, due=state.due,
                                         recipients=", ".join(recipients))
    return sent
