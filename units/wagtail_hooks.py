"""Units and leader assignments are reference data: wagtail-modeladmin."""

from wagtail_modeladmin.options import ModelAdmin, ModelAdminGroup, modeladmin_register

from .models import Leader, Unit


class UnitAdmin(ModelAdmin):
    model = Unit
    menu_label = "单位"
    menu_icon = "group"
    list_display = ("name", "kind", "editors_group", "heads_group", "sort_order")
    list_filter = ("kind",)
    search_fields = ("name", "short_name")
    ordering = ("sort_order", "pk")


class LeaderAdmin(ModelAdmin):
    model = Leader
    menu_label = "分管领导"
    menu_icon = "user"
    list_display = ("user", "title", "supervised")
    search_fields = ("user__username", "user__first_name", "user__last_name", "title")

    def supervised(self, obj):
        return "、".join(u.name for u in obj.supervised_units.all())

    supervised.short_description = "分管科室"

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("user").prefetch_related(
            "supervised_units"
        )


class OrganisationGroup(ModelAdminGroup):
    menu_label = "组织机构设置"
    menu_icon = "site"
    menu_order = 800
    items = (UnitAdmin, LeaderAdmin)


modeladmin_register(OrganisationGroup)
