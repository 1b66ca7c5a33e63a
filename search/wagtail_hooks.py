"""Admin registration of the search app: 热词 (approved by 研究室)."""

from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import HotTerm


class HotTermViewSet(SnippetViewSet):
    model = HotTerm
    icon = "search"
    menu_label = "网站热词"
    menu_order = 820
    add_to_admin_menu = True
    list_display = ("term", "approved", "sort_order", "decided_by", "decided_at")
    list_filter = ("approved",)
    ordering = ("sort_order", "term")


register_snippet(HotTermViewSet)


@hooks.register("after_create_snippet")
@hooks.register("after_edit_snippet")
def record_who_decided(request, instance):
    if isinstance(instance, HotTerm):
        HotTerm.objects.filter(pk=instance.pk).update(decided_by=request.user)
