"""Idempotent set-up of the mailbox: reply review workflow, permissions,
the daily reminder schedule (called by ``bootstrap_portal``)."""

from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from wagtail.models import Workflow, WorkflowContentType, WorkflowTask

from units.models import Unit, UnitKind

from .models import Letter, LetterReply, ReplyOwnerReviewTask, ReplyUnitReviewTask
from .reminders import ensure_schedule
from .routing import ROUTERS

REPLY_WORKFLOW = "来信答复审核"
UNIT_TASK = "答复审核（承办科室负责人）"
OWNER_TASK = "答复审核（信箱主管科室）"


def ensure_reply_workflow():
    """承办科室负责人 → 信箱主管科室, for every reply (one workflow per snippet
    model in Wagtail); an administrator may change it in the workflow admin."""
    unit_task = ReplyUnitReviewTask.objects.get_or_create(name=UNIT_TASK)[0]
    owner_task = ReplyOwnerReviewTask.objects.get_or_create(name=OWNER_TASK)[0]
    workflow, created = Workflow.objects.get_or_create(name=REPLY_WORKFLOW)
    if created:
        WorkflowTask.objects.create(workflow=workflow, task=unit_task, sort_order=0)
        WorkflowTask.objects.create(workflow=workflow, task=owner_task, sort_order=1)
    WorkflowContentType.objects.get_or_create(
        content_type=ContentType.objects.get_for_model(LetterReply),
        defaults={"workflow": workflow})
    return workflow


def _perms(model, *codenames):
    ct = ContentType.objects.get_for_model(model)
    return list(Permission.objects.filter(content_type=ct, codename__in=codenames))


def grant_mailbox_permissions():
    """科室 see the letters menu (each only its own letters, mailbox.routing);
    the routing 科室 record calls and correct records."""
    router_names = {name for names in ROUTERS.values() for name in names}
    view = _perms(Letter, "view_letter") + _perms(LetterReply, "view_letterreply")
    route = _perms(Letter, "add_letter", "change_letter", "route_letter")
    for unit in Unit.objects.filter(kind=UnitKind.SECTION):
        for group in (unit.editors_group, unit.heads_group):
            group.permissions.add(*view)
            if unit.name in router_names:
                group.permissions.add(*route)


def ensure_mailbox():
    ensure_reply_workflow()
    grant_mailbox_permissions()
    ensure_schedule()
