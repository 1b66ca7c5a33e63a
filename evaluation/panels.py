"""Dashboard panels (Wagtail's construct_homepage_panels).

What waits for a reviewer is Wagtail's own "等待您审核" panel
(WorkflowObjectsToModeratePanel), which the review tasks feed; these add
the unit's quarter-to-date items against its quota, and 研究室's column
freshness list.
"""

from django.db.models import Count
from django.template.loader import render_to_string
from django.utils import timezone
from wagtail.admin.ui.components import Component

from units.models import Leader, Unit

from .access import is_site_owner
from .freshness import needing_attention
from .models import EvaluationSettings, EventKind, UnitQuota
from .periods import cn_date, quarter_to_date
from .stats import events_in


class QuotaPanel(Component):
    name = "evaluation_quota"
    order = 60

    def __init__(self, units, heading="本单位本季度信息报送", key="unit", behind_only=False):
        self.units = units
        self.heading = heading
        self.key = key
        self.behind_only = behind_only

    def rows(self):
        period = quarter_to_date()
        ids = [u.pk for u in self.units]
        published = dict(events_in(period).filter(kind=EventKind.PUBLISHED, source_unit__in=ids)
                         .values("source_unit").annotate(n=Count("page_id", distinct=True))
                         .values_list("source_unit", "n").order_by())
        submitted = dict(events_in(period).filter(kind=EventKind.SUBMITTED, source_unit__in=ids)
                         .values("source_unit").annotate(n=Count("page_id", distinct=True))
                         .values_list("source_unit", "n").order_by())
        default = EvaluationSettings.load().default_quota
        quotas = dict(UnitQuota.objects.filter(unit__in=ids).values_list("unit", "quota"))
        rows = []
        for unit in self.units:
            quota = quotas.get(unit.pk, default)
            done = published.get(unit.pk, 0)
            rows.append({"unit": unit.name, "quota": quota, "published": done,
                         "submitted": submitted.get(unit.pk, 0),
                         "missing": max(quota - done, 0)})
        return period, rows

    def render_html(self, parent_context=None):
        period, rows = self.rows()
        if self.behind_only:
            rows = sorted((r for r in rows if r["missing"]), key=lambda r: -r["missing"])
        return render_to_string("evaluation/panel_quota.html", {
            "heading": self.heading, "period": period.label,
            "key": self.key, "start": cn_date(period.start), "end": cn_date(period.end),
            "today": cn_date(timezone.localdate()), "rows": rows})


class FreshnessPanel(Component):
    name = "evaluation_freshness"
    order = 70

    def render_html(self, parent_context=None):
        rows = []
        for state in needing_attention():
            if state.state == "blank":
                status = "空白栏目（尚无信息）"
            elif state.state == "stale":
                status = f"已超过更新时限{-state.days_left}天"
            else:
                status = f"距更新时限还有{state.days_left}天"
            rows.append({"column": state.column, "path": " › ".join(
                a.title for a in state.column.get_ancestors().filter(depth__gt=2)) or "",
                "type": state.column.get_column_type_display(), "limit": state.limit_label,
                "last": cn_date(state.last_update) if state.last_update else "—",
                "due": cn_date(state.due) if state.due else "—", "status": status,
                "state": state.state,
                "maintainers": "、".join(u.name for u in state.maintainers) or "未指定"})
        return render_to_string("evaluation/panel_freshness.html", {"rows": rows})


def add_panels(request, panels):
    user = request.user
    units = list(Unit.objects.for_user(user))
    if units:
        panels.append(QuotaPanel(units))
    leader = Leader.objects.filter(user=user).first() if user.is_authenticated else None
    if leader is not None:
        supervised = list(leader.supervised_units.all())
        if supervised:
            panels.append(QuotaPanel(supervised, heading="分管科室本季度信息报送", key="leader"))
    if is_site_owner(user):
        panels.append(QuotaPanel(list(Unit.objects.all()), heading="尚未完成本季度报送任务的单位",
                                 key="all", behind_only=True))
        panels.append(FreshnessPanel())

