"""Admin guards of the review chain."""

import json

from django.contrib import messages
from django.shortcuts import redirect
from wagtail import hooks

from .models import BaseReviewTask


@hooks.register("before_edit_page")
def check_approval_sent_from_the_edit_page(request, page):
    """"Approve" from the edit page posts the checklist as JSON and skips the
    form's validation; check it here so that a refused approval changes
    nothing (not even the draft) and the reviewer is told why."""
    if request.method != "POST" or not request.POST.get("action-workflow-action"):
        return None
    task_state = page.current_workflow_task_state
    if task_state is None:
        return None
    task = task_state.task.specific
    if not isinstance(task, BaseReviewTask):
        return None
    action = request.POST.get("workflow-action-name")
    try:
        data = json.loads(request.POST.get("workflow-action-extra-data") or "{}")
    except ValueError:
        data = {}
    obj = page.specific
    problems = [task.refusal(obj, request.user)] if task.refusal(obj, request.user) else []
    if action == "approve" and not problems:
        problems = task.approval_errors(obj, data, data.get("comment", ""))
    elif action == "reject" and not (data.get("comment") or "").strip():
        problems = ["退回修改必须填写理由。"]
    if not problems:
        return None
    for problem in problems:
        messages.error(request, problem)
    return redirect("wagtailadmin_pages:edit", page.pk)


@hooks.register("register_log_actions")
def register_review_log_actions(actions):
    actions.register_action("portal.reapproval", "内容修改后需重新审核",
                            "审核通过后内容被修改，相关审核步骤需重新审核")
    actions.register_action("portal.withdraw", "撤稿", "已发布信息被撤下")


# -- publication register (登记备案) ------------------------------------------


@hooks.register("register_admin_urls")
def register_publication_register_urls():
    from django.urls import path

    from .register_views import PublicationRecordView, PublicationRegisterReport

    return [
        path("reports/register/", PublicationRegisterReport.as_view(),
             name="publication_register"),
        path("reports/register/results/",
             PublicationRegisterReport.as_view(results_only=True),
             name="publication_register_results"),
        path("reports/register/<int:pk>/", PublicationRecordView.as_view(),
             name="publication_register_detail"),
    ]


@hooks.register("register_reports_menu_item")
def register_publication_register_menu_item():
    from django.urls import reverse
    from wagtail.admin.menu import MenuItem

    from .register_views import REGISTER_TITLE, may_use_register

    class RegisterMenuItem(MenuItem):
        def is_shown(self, request):
            return may_use_register(request.user)

    return RegisterMenuItem(REGISTER_TITLE, reverse("publication_register"),
                            icon_name="list-ol", order=60)


# -- Content checks: keyword lists, check records, privacy overrides ---------

from wagtail_modeladmin.options import modeladmin_register  # noqa: E402

from .content_admin import ContentChecksGroup  # noqa: E402

modeladmin_register(ContentChecksGroup)


@hooks.register("register_admin_urls")
def register_content_check_urls():
    from .content_admin import admin_urls

    return admin_urls()


@hooks.register("register_log_actions")
def register_content_check_log_actions(actions):
    actions.register_action("portal.privacy_override", "个人信息放行",
                            "办公室登记了依法公开个人信息的理由")


def _warn_about_findings(request, page):
    """Tell the submitter what the content check found (it does not stop a submission)."""
    if request.method != "POST" or not (
            "action-submit" in request.POST or "action-restart-workflow" in request.POST):
        return
    from .keywords import item_scan_report

    try:
        report = item_scan_report(page)
    except Exception:  # the check must never break saving
        return
    if not report.is_clean:
        messages.warning(request, f"内容检查：{report.summary()}审核时将提示审核人。")


@hooks.register("after_create_page")
def warn_about_findings_on_create(request, page):
    _warn_about_findings(request, page)


@hooks.register("after_edit_page")
def warn_about_findings_on_edit(request, page):
    _warn_about_findings(request, page)


@hooks.register("search_refuse_public_term")
def refuse_sensitive_public_terms(terms):
    """The public search never shows a 热词 or suggestion containing a
    涉密 or 敏感 word (search/ asks through this hook; it imports nothing of
    workflow)."""
    from . import scanning
    from .keywords import Keyword

    words = [scanning.normalise(w) for w in Keyword.objects.values_list("word", flat=True)]
    words = [w for w in words if w]
    return [t for t in terms if any(w in scanning.normalise(t) for w in words)]
