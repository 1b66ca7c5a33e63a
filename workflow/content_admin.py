"""Admin of the content checks: word lists, check records, privacy overrides.

Registered from workflow/wagtail_hooks.py (menu group 内容检查).
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST
from wagtail.models import Page
from wagtail_modeladmin.helpers import PermissionHelper
from wagtail_modeladmin.options import ModelAdmin, ModelAdminGroup
from wagtail_modeladmin.views import CreateView

from .keywords import (
    CheckTrigger,
    ContentCheckRecord,
    Keyword,
    PrivacyOverride,
    current_privacy_override,
    is_confidentiality_officer,
    item_scan_report,
    record_privacy_override,
    request_recheck,
)

# ---------------------------------------------------------------------------
# Word lists
# ---------------------------------------------------------------------------


class KeywordCreateView(CreateView):
    def form_valid(self, form):
        form.instance.added_by = self.request.user
        return super().form_valid(form)


class KeywordAdmin(ModelAdmin):
    model = Keyword
    menu_label = "涉密词、敏感词"
    menu_icon = "warning"
    list_display = ("word", "kind", "note", "added_by", "created_at")
    list_filter = ("kind",)
    search_fields = ("word", "note")
    ordering = ("kind", "word")
    form_fields_exclude = ("added_by", "created_at")
    create_view_class = KeywordCreateView


# ---------------------------------------------------------------------------
# Records (read-only)
# ---------------------------------------------------------------------------


class ReadOnlyPermissionHelper(PermissionHelper):
    def user_can_create(self, user):
        return False

    def user_can_edit_obj(self, user, obj):
        return False

    def user_can_delete_obj(self, user, obj):
        return False


def may_run_content_check(user):
    return user.is_active and user.has_perm("workflow.add_contentcheckrecord")


class ContentCheckRecordAdmin(ModelAdmin):
    model = ContentCheckRecord
    menu_label = "内容检查记录"
    menu_icon = "list-ul"
    list_display = ("started_at", "trigger", "checked_items", "items_with_hits_display",
                    "checked_by", "finished_at")
    list_filter = ("trigger",)
    ordering = ("-started_at", "-pk")
    inspect_view_enabled = True
    permission_helper_class = ReadOnlyPermissionHelper
    index_template_name = "workflow/content_check_record_index.html"
    inspect_template_name = "workflow/content_check_record_inspect.html"

    def items_with_hits_display(self, obj):
        return obj.items_with_hits

    items_with_hits_display.short_description = "发现问题的信息数"


class PrivacyOverrideAdmin(ModelAdmin):
    model = PrivacyOverride
    menu_label = "个人信息放行记录"
    menu_icon = "lock-open"
    list_display = ("page", "reason", "user", "created_at")
    search_fields = ("page__title", "reason")
    ordering = ("-created_at", "-pk")
    inspect_view_enabled = True
    permission_helper_class = ReadOnlyPermissionHelper


class ContentChecksGroup(ModelAdminGroup):
    menu_label = "内容检查"
    menu_icon = "warning"
    menu_order = 810
    items = (KeywordAdmin, ContentCheckRecordAdmin, PrivacyOverrideAdmin)


# ---------------------------------------------------------------------------
# Views
# ---------------------------------------------------------------------------


class PrivacyOverrideForm(forms.Form):
    reason = forms.CharField(
        label="放行理由", widget=forms.Textarea(attrs={"rows": 4}),
        help_text="说明依据哪项规定可以公开这些个人信息（如：依法公示的许可证持有人名单）。"
                  "理由将记入放行记录和页面日志；信息内容修改后需重新登记。",
    )


def _next_url(request, page):
    next_url = request.POST.get("next") or request.GET.get("next") or ""
    if next_url and url_has_allowed_host_and_scheme(next_url, {request.get_host()}):
        return next_url
    return reverse("wagtailadmin_pages:edit", args=(page.pk,))


def privacy_override(request, page_id):
    """办公室 records why an item's personal data may be published."""
    if not is_confidentiality_officer(request.user):
        raise PermissionDenied("只有办公室可以登记个人信息放行理由。")
    page = get_object_or_404(Page, pk=page_id).specific
    report = item_scan_report(page)
    next_url = _next_url(request, page)
    form = PrivacyOverrideForm(request.POST or None)
    if request.method == "POST":
        if not report.privacy_hits:
            messages.error(request, "该信息未发现未脱敏的个人信息，无需登记放行理由。")
            return redirect(next_url)
        if form.is_valid():
            record_privacy_override(page, request.user, form.cleaned_data["reason"])
            messages.success(request, f"已登记《{page.get_admin_display_title()}》的个人信息放行理由。")
            return redirect(next_url)
    return TemplateResponse(request, "workflow/privacy_override.html", {
        "page": page, "report": report, "form": form, "next_url": next_url,
        "override": current_privacy_override(page),
    })


@require_POST
def run_content_check(request):
    """Start a manual re-scan of all live items (by the django-q2 cluster)."""
    if not may_run_content_check(request.user):
        raise PermissionDenied("您没有进行内容检查的权限。")
    request_recheck(CheckTrigger.MANUAL, request.user)
    messages.success(request, "已开始检查全部已发布信息，完成后检查记录将出现在列表中。")
    return redirect("workflow_contentcheckrecord_modeladmin_index")


def admin_urls():
    return [
        path("content-checks/privacy-override/<int:page_id>/", privacy_override,
             name="portal_privacy_override"),
        path("content-checks/run/", run_content_check, name="portal_run_content_check"),
    ]
