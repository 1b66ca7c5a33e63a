"""The review workflow assigned to the site.

The foundation chain is a single 研究室 publication check; the full
two-level chain of the review issue builds on this module.
"""

from django.contrib.auth.models import Group
from wagtail.models import GroupApprovalTask, Workflow, WorkflowPage, WorkflowTask

from units.catalogue import SITE_OWNER
from units.models import Unit

PUBLICATION_TASK = "研究室审核发布"
PUBLICATION_WORKFLOW = "信息发布审核"
WAGTAIL_DEFAULT_GROUPS = ("Moderators", "Editors")


def remove_wagtail_default_groups():
    """Wagtail's fresh-install groups hold publish rights on the whole tree."""
    for name in WAGTAIL_DEFAULT_GROUPS:
        group = Group.objects.filter(name=name).first()
        if group is None:
            continue
        group.page_permissions.all().delete()
        if not group.user_set.exists():
            for task in GroupApprovalTask.objects.filter(groups=group):
                task.groups.remove(group)
            group.delete()
    Workflow.objects.filter(name="Moderators approval").update(active=False)
    WorkflowPage.objects.filter(workflow__name="Moderators approval").delete()


def ensure_publication_workflow(home):
    owner = Unit.objects.get(name=SITE_OWNER)
    task = GroupApprovalTask.objects.filter(name=PUBLICATION_TASK).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=PUBLICATION_TASK)
        task.groups.set([owner.editors_group, owner.heads_group])
    workflow, created = Workflow.objects.get_or_create(name=PUBLICATION_WORKFLOW)
    if created:
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    if not WorkflowPage.objects.filter(page=home).exists():
        WorkflowPage.objects.create(page=home, workflow=workflow)
    return workflow
