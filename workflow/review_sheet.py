"""信息发布审核单: the A4 sheet offices print and file for each item."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from wagtail.models import Page, TaskState

from units.catalogue import CONFIDENTIALITY_OFFICE, MONITORING_OFFICE, SITE_OWNER
from units.models import Unit

from .checklist import CHECKLIST, OTHER_LABEL, answer_label
from .models import responsible_section

DECISIONS = {
    TaskState.STATUS_APPROVED: "通过",
    TaskState.STATUS_REJECTED: "退回修改",
    TaskState.STATUS_IN_PROGRESS: "待审核",
    TaskState.STATUS_CANCELLED: "已作废（内容修改或流程取消）",
    TaskState.STATUS_SKIPPED: "跳过",
}
OFFICES = (SITE_OWNER, CONFIDENTIALITY_OFFICE, MONITORING_OFFICE)


def person(user):
    if user is None:
        return ""
    return user.get_full_name() or user.get_username()


def step_rows(workflow_state):
    rows = []
    states = workflow_state.task_states.order_by("started_at", "id").select_related(
        "task", "finished_by")
    for state in states:
        specific = state.specific
        checklist = getattr(specific, "checklist", {}) or {}
        signed_for = getattr(specific, "signed_for", None)
        rows.append({
            "task": state.task.name,
            "decision": DECISIONS.get(state.status, state.status),
            "reviewer": person(signed_for) if signed_for else person(state.finished_by),
            "signed_by": person(state.finished_by) if signed_for else "",
            "time": state.finished_at,
            "checklist": [(label, answer_label(key, checklist[key]))
                          for key, label, _yes in CHECKLIST if key in checklist],
            "other": getattr(specific, "other_matters", ""),
            "comment": state.comment,
        })
    return rows


def may_view_sheet(user, page):
    if user.is_superuser or page.permissions_for_user(user).can_edit():
        return True
    if hasattr(user, "leader_profile") or Unit.objects.for_user(user).filter(
            name__in=OFFICES).exists():
        return True
    return TaskState.objects.filter(workflow_state__object_id=str(page.pk),
                                    finished_by=user).exists()


def review_sheet_view(request, page_id):
    page = get_object_or_404(Page, pk=page_id).specific
    if not may_view_sheet(request.user, page):
        raise PermissionDenied
    states = page.workflow_states.order_by("-created_at")
    workflow_state = states.first()
    context = {
        "page": page,
        "column": page.get_parent().specific,
        "section": responsible_section(page) if hasattr(page, "source_unit") else None,
        "submitter": person(workflow_state.requested_by) if workflow_state else "",
        "submitted_at": workflow_state.created_at if workflow_state else None,
        "workflow": workflow_state.workflow.name if workflow_state else "",
        "steps": step_rows(workflow_state) if workflow_state else [],
        "other_label": OTHER_LABEL,
    }
    return TemplateResponse(request, "workflow/review_sheet.html", context)
