"""Template tags of the review dialog: the keyword and personal-data findings."""

from dataclasses import dataclass, field

from django import template
from django.urls import reverse
from django.utils.http import urlencode

register = template.Library()


@dataclass
class Findings:
    report: object
    secret_hits: list
    sensitive_hits: list
    privacy_hits: list
    unreadable: list
    summary: str
    override: object = None
    can_override: bool = False
    override_url: str = ""
    blocking: list = field(default_factory=list)  # why this step cannot pass

    @property
    def is_clean(self):
        return self.report.is_clean


def findings_for(obj, user=None, task=None, next_url=""):
    from workflow.checks import content_check_errors
    from workflow.keywords import (
        current_privacy_override,
        is_confidentiality_officer,
        item_scan_report,
    )

    obj = getattr(obj, "specific", obj)
    report = item_scan_report(obj)
    findings = Findings(
        report=report,
        secret_hits=report.secret_hits,
        sensitive_hits=report.sensitive_hits,
        privacy_hits=report.privacy_hits,
        unreadable=report.unreadable,
        summary=report.summary(),
    )
    if report.privacy_hits:
        findings.override = current_privacy_override(obj)
        findings.can_override = user is not None and is_confidentiality_officer(user)
        url = reverse("portal_privacy_override", args=(obj.pk,))
        findings.override_url = f"{url}?{urlencode({'next': next_url})}" if next_url else url
    if task is not None:
        findings.blocking = content_check_errors(task, obj, {})
    return findings


@register.simple_tag(takes_context=True)
def scan_findings(context, obj):
    """{% scan_findings object as report %}: what the scanner found in the
    item's latest revision, whether an override covers its personal data,
    and (in a review dialog) why this step cannot pass."""
    request = context.get("request")
    user = getattr(request, "user", None)
    task_state = context.get("task_state")
    task = task_state.task.specific if task_state is not None else None
    next_url = ""
    if obj is not None and getattr(obj, "pk", None):
        next_url = reverse("wagtailadmin_pages:edit", args=(obj.pk,))
    return findings_for(obj, user=user, task=task, next_url=next_url)
