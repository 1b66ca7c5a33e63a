"""Admin registration of the evaluation app: reports, reference data
(quotas, column weights; the scoring rules are a Wagtail setting) and
dashboard panels."""

from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail_modeladmin.options import ModelAdmin, ModelAdminGroup, modeladmin_register

from . import views
from .access import may_view_reports
from .models import ColumnWeight, UnitQuota


@hooks.register("register_admin_urls")
def register_evaluation_urls():
    return [
        path("evaluation/", views.ReportIndexView.as_view(), name="evaluation_reports"),
        path("evaluation/generate/", views.GenerateView.as_view(), name="evaluation_generate"),
        path("evaluation/<int:pk>/", views.ReportDetailView.as_view(), name="evaluation_report"),
        path("evaluation/<int:pk>/xlsx/", views.ExportView.as_view(), name="evaluation_export"),
        path("evaluation/<int:pk>/notice/", views.NoticeDraftView.as_view(),
             name="evaluation_notice"),
    ]


class ReportsMenuItem(MenuItem):
    def is_shown(self, request):
        return may_view_reports(request.user)


@hooks.register("register_reports_menu_item")
def register_evaluation_menu_item():
    return ReportsMenuItem(views.TITLE, reverse("evaluation_reports"), icon_name="list-ol",
                           order=70)


class UnitQuotaAdmin(ModelAdmin):
    model = UnitQuota
    menu_label = "报送任务"
    menu_icon = "list-ol"
    list_display = ("unit", "quota", "note")


class ColumnWeightAdmin(ModelAdmin):
    model = ColumnWeight
    menu_label = "栏目权重"
    menu_icon = "list-ol"
    list_display = ("column", "weight")


class EvaluationReferenceGroup(ModelAdminGroup):
    menu_label = "考评基础数据"
    menu_icon = "list-ol"
    menu_order = 820
    items = (UnitQuotaAdmin, ColumnWeightAdmin)


modeladmin_register(EvaluationReferenceGroup)


@hooks.register("register_log_actions")
def register_evaluation_log_actions(actions):
    actions.register_action("portal.evaluation_report", "生成统计报告", "生成了统计考评报告")


@hooks.register("construct_homepage_panels")
def add_evaluation_panels(request, panels):
    from .panels import add_panels

    add_panels(request, panels)
