"""The working calendar is reference data kept by 办公室: wagtail-modeladmin.

A dashboard panel warns while a year that deadlines may reach is not covered.
"""

from django.utils.html import format_html
from wagtail import hooks
from wagtail.admin.ui.components import Component
from wagtail_modeladmin.options import ModelAdmin, ModelAdminGroup, modeladmin_register

from .calendar import PACKAGE_YEARS, uncovered_years_ahead
from .models import CalendarDay, CalendarYear


class CalendarDayAdmin(ModelAdmin):
    model = CalendarDay
    menu_label = "节假日调整"
    menu_icon = "date"
    list_display = ("date", "name", "is_workday")
    list_filter = ("is_workday",)
    search_fields = ("name",)


class CalendarYearAdmin(ModelAdmin):
    model = CalendarYear
    menu_label = "年度安排"
    menu_icon = "date"
    list_display = ("year", "complete", "source")


class CalendarGroup(ModelAdminGroup):
    menu_label = "工作日历"
    menu_icon = "date"
    menu_order = 810
    items = (CalendarYearAdmin, CalendarDayAdmin)


modeladmin_register(CalendarGroup)


class CalendarWarningPanel(Component):
    """Shown on every dashboard while deadlines could reach an unknown year."""

    name = "calendar_warning"
    order = 10

    def __init__(self, years):
        self.years = years

    def render_html(self, parent_context=None):
        years = "、".join(f"{y}年" for y in self.years)
        return format_html(
            '<section class="panel w-panel help-block help-warning" role="alert">'
            "<p><strong>工作日历缺少{}的节假日安排。</strong>内置日历只包含{}至{}年；"
            "落在未录入年份的办理期限无法计算，相关信件会标注“期限待定”。"
            "请办公室在“工作日历 › 年度安排”中录入并标记为已完整录入。</p></section>",
            years, PACKAGE_YEARS[0], PACKAGE_YEARS[1],
        )


@hooks.register("construct_homepage_panels")
def add_calendar_warning(request, panels):
    years = uncovered_years_ahead()
    if years:
        panels.insert(0, CalendarWarningPanel(years))
