"""撤稿: 研究室 or 办公室 take a live item offline, with a recorded reason.

Its own action and its own role check, not Wagtail's unpublish permission:
the editors who maintain a column must not be able to take items down, and
the two offices must be able to without holding edit rights everywhere.
"""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.mail import send_mail
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from wagtail.actions.unpublish_page import UnpublishPageAction
from wagtail.log_actions import log
from wagtail.models import Page

from units.catalogue import CONFIDENTIALITY_OFFICE, SITE_OWNER
from units.models import Unit

from .register import WithdrawalCause, record_withdrawal

WITHDRAWING_UNITS = (SITE_OWNER, CONFIDENTIALITY_OFFICE)


def may_withdraw(user):
    if not user.is_active:
        return False
    return user.is_superuser or Unit.objects.for_user(user).filter(
        name__in=WITHDRAWING_UNITS).exists()


class WithdrawalForm(forms.Form):
    cause = forms.ChoiceField(label="原因类别", choices=WithdrawalCause.choices,
                              widget=forms.RadioSelect,
                              error_messages={"required": "请选择撤稿原因类别。"},
                              help_text="因内容原因撤稿的，年度考评中扣减供稿单位和审核人的分数（第十八条）")
    reason = forms.CharField(label="撤稿理由", widget=forms.Textarea(attrs={"rows": 4}),
                             error_messages={"required": "撤稿必须填写理由。"})


def withdraw(page, user, reason, cause=WithdrawalCause.CONTENT):
    """Take the item offline, record why, tell its submitter."""
    # The role was checked by the caller; Wagtail's unpublish permission is
    # deliberately not what decides who may withdraw.
    UnpublishPageAction(page, user=user, log_action=False).execute(
        skip_permission_checks=True)
    log(instance=page, action="portal.withdraw", user=user,
        data={"reason": reason, "cause": cause})
    record_withdrawal(page, user, reason, cause)
    notify_submitter(page, user, reason)


def submitter_of(page):
    state = page.workflow_states.filter(status="approved").order_by("-created_at").first()
    return state.requested_by if state and state.requested_by else page.owner


def notify_submitter(page, user, reason):
    submitter = submitter_of(page)
    if submitter is None or not submitter.email or submitter.pk == user.pk:
        return
    send_mail(
        f"《{page.title}》已撤稿",
        f"您报送的信息《{page.title}》已由{user.get_full_name() or user}撤下，不再在网站上公开。\n"
        f"撤稿理由：{reason}\n"
        f"查看：{settings.WAGTAILADMIN_BASE_URL}/admin/pages/{page.pk}/edit/",
        None, [submitter.email],
    )


def withdraw_view(request, page_id):
    page = get_object_or_404(Page, pk=page_id).specific
    if not may_withdraw(request.user):
        raise PermissionDenied
    if not page.live:
        messages.error(request, f"《{page.title}》当前未发布，无需撤稿。")
        return redirect("wagtailadmin_explore", page.get_parent().pk)
    form = WithdrawalForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        withdraw(page, request.user, form.cleaned_data["reason"], form.cleaned_data["cause"])
        messages.success(request, f"《{page.title}》已撤稿。")
        return redirect("wagtailadmin_explore", page.get_parent().pk)
    return TemplateResponse(request, "workflow/withdraw.html", {"page": page, "form": form})
