"""The review workflows of the regulation, assigned to the column subtrees.

Created once by ``bootstrap_portal``; afterwards an administrator may change
tasks, workflows and assignments in Wagtail's workflow admin without code,
and bootstrap leaves existing ones alone.
"""

from django.contrib.auth.models import Group
from wagtail.models import GroupApprovalTask, Workflow, WorkflowPage, WorkflowTask

from units.catalogue import CONFIDENTIALITY_OFFICE, SITE_OWNER
from units.models import Unit

from .models import (
    ConfidentialityReviewTask,
    FirstLevelReviewTask,
    LeaderReviewTask,
    PublicationCheckTask,
    ResearchOfficeReviewTask,
)

FIRST_LEVEL = "一级审核"
CONFIDENTIALITY = "保密审查"
LEADER = "二级审核（分管领导）"
RESEARCH_SECOND_LEVEL = "二级审核（研究室）"
PUBLICATION_CHECK = "研究室发布审核"

NEWS_WORKFLOW = "工作要闻、工作动态审核"
DISCLOSURE_WORKFLOW = "通知公告、政务公开审核"
GENERAL_WORKFLOW = "栏目信息审核"

# workflow -> ordered task names; column paths it is assigned to ("" = home)
WORKFLOWS = {
    NEWS_WORKFLOW: ([FIRST_LEVEL, RESEARCH_SECOND_LEVEL], ["news", "updates"]),
    DISCLOSURE_WORKFLOW: ([FIRST_LEVEL, CONFIDENTIALITY, LEADER, PUBLICATION_CHECK],
                          ["notices", "open"]),
    GENERAL_WORKFLOW: ([FIRST_LEVEL, LEADER, PUBLICATION_CHECK], [""]),
}
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
    # Wagtail's fresh-install task would stay offered in the workflow admin.
    GroupApprovalTask.objects.filter(name="Moderators approval",
                                     groups__isnull=True).update(active=False)


def _unit_groups(name):
    unit = Unit.objects.get(name=name)
    return [unit.editors_group, unit.heads_group]


def ensure_tasks():
    tasks = {
        FIRST_LEVEL: FirstLevelReviewTask.objects.get_or_create(name=FIRST_LEVEL)[0],
        LEADER: LeaderReviewTask.objects.get_or_create(name=LEADER)[0],
    }
    for name, model, unit in (
        (CONFIDENTIALITY, ConfidentialityReviewTask, CONFIDENTIALITY_OFFICE),
        (RESEARCH_SECOND_LEVEL, ResearchOfficeReviewTask, SITE_OWNER),
        (PUBLICATION_CHECK, PublicationCheckTask, SITE_OWNER),
    ):
        task, created = model.objects.get_or_create(name=name)
        if created:
            task.groups.set(_unit_groups(unit))
        tasks[name] = task
    return tasks


def ensure_review_workflows(pages):
    """Create the three workflows and assign them (pages: path -> page)."""
    tasks = ensure_tasks()
    for name, (task_names, paths) in WORKFLOWS.items():
        workflow, created = Workflow.objects.get_or_create(name=name)
        if created:
            for order, task_name in enumerate(task_names):
                WorkflowTask.objects.create(workflow=workflow, task=tasks[task_name],
                                            sort_order=order)
        for path in paths:
            page = pages[path]
            if not WorkflowPage.objects.filter(page=page).exists():
                WorkflowPage.objects.create(page=page, workflow=workflow)
