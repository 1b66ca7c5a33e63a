"""Admin registrations and guards of the columns app."""

from django.contrib import messages
from django.shortcuts import redirect
from wagtail import hooks
from wagtail_modeladmin.options import ModelAdmin, modeladmin_register

from .models import WITHHELD_MESSAGE, DisclosureMode, GovDocumentPage, TopicCategory


@hooks.register("before_bulk_action")
def refuse_bulk_publishing_withheld_documents(request, action_type, objects, action_class):
    """Bulk publish would reach the model's refusal as a server error; say it plainly."""
    if action_type != "publish":
        return None
    for obj in objects:
        latest = obj.specific.get_latest_revision_as_object() if hasattr(obj, "specific") else obj
        if isinstance(latest, GovDocumentPage) and latest.disclosure_mode == DisclosureMode.WITHHELD:
            messages.error(request, f"《{latest.title}》：{WITHHELD_MESSAGE}")
            return redirect(request.GET.get("next") or "wagtailadmin_explore_root")
    return None


class TopicCategoryAdmin(ModelAdmin):
    model = TopicCategory
    menu_label = "主题分类"
    menu_icon = "list-ul"
    menu_order = 810
    list_display = ("__str__", "sort_order")
    list_filter = ("parent",)
    search_fields = ("name",)


modeladmin_register(TopicCategoryAdmin)


@hooks.register("register_admin_urls")
def register_column_duties_urls():
    from django.urls import path

    from .views import ColumnDutiesReport

    return [
        path("reports/column-duties/", ColumnDutiesReport.as_view(), name="column_duties"),
        path("reports/column-duties/results/",
             ColumnDutiesReport.as_view(results_only=True), name="column_duties_results"),
    ]


@hooks.register("register_reports_menu_item")
def register_column_duties_menu_item():
    from django.urls import reverse
    from wagtail.admin.menu import MenuItem

    return MenuItem("栏目维护分工", reverse("column_duties"), icon_name="list-ul", order=50)


@hooks.register("register_log_actions")
def register_column_log_actions(actions):
    actions.register_action("portal.source_unit", "更改供稿单位", "供稿单位已更改")
