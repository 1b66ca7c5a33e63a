"""An edit after approvals sends the item back through the steps that vouch
for the text (保密审查, 二级审核, 研究室), so that no approval covers text its
reviewer did not see; the submitter is told what changed."""

from django.core.mail import send_mail
from django.urls import reverse
from wagtail.log_actions import log
from wagtail.models import TaskState

from .models import BaseReviewTask
from .revisions import same_content


def on_new_revision(revision):
    obj = revision.content_object
    workflow_state = getattr(obj, "current_workflow_state", None)
    if workflow_state is None or workflow_state.status != workflow_state.STATUS_IN_PROGRESS:
        return
    voided = void_approvals_of_changed_text(workflow_state, revision)
    if voided:
        move_back(workflow_state, voided)
        tell_submitter(obj.specific, workflow_state, revision, voided)


def void_approvals_of_changed_text(workflow_state, revision):
    """Cancel vouching approvals whose reviewed revision differs in content."""
    voided = []
    approved = (TaskState.objects.filter(workflow_state=workflow_state,
                                         status=TaskState.STATUS_APPROVED)
                .select_related("revision", "task"))
    for state in approved:
        task = state.task.specific
        if isinstance(task, BaseReviewTask) and task.vouches_for_text and not same_content(
                state.revision, revision):
            state.status = TaskState.STATUS_CANCELLED
            state.comment = (state.comment + "（审核后内容被修改，需重新审核）").strip()
            state.save(update_fields=["status", "comment"])
            voided.append(task)
    return voided


def move_back(workflow_state, voided):
    """If the chain is past the first voided step, restart it there."""
    orders = {wt.task_id: wt.sort_order for wt in workflow_state.workflow.workflow_tasks.all()}
    current = workflow_state.current_task_state
    first = min(voided, key=lambda t: orders.get(t.pk, 0))
    if current is None or orders.get(current.task_id, 0) <= orders.get(first.pk, 0):
        return
    current.status = TaskState.STATUS_CANCELLED
    current.save(update_fields=["status"])
    workflow_state.current_task_state = first.start(workflow_state)
    workflow_state.save(update_fields=["current_task_state"])


def tell_submitter(obj, workflow_state, revision, voided):
    approved_revision = (TaskState.objects.filter(workflow_state=workflow_state,
                                                  task__in=[t.pk for t in voided])
                         .order_by("-finished_at").values_list("revision_id", flat=True).first())
    compare_url = reverse("wagtailadmin_pages:revisions_compare",
                          args=(obj.pk, approved_revision, revision.pk))
    log(instance=obj, action="portal.reapproval", user=revision.user,
        data={"reapproval": [t.name for t in voided], "compare_url": compare_url})
    submitter = workflow_state.requested_by
    if submitter and submitter.email and submitter.pk != revision.user_id:
        from django.conf import settings

        send_mail(
            f"《{obj.title}》审核后被修改，需重新审核",
            f"《{obj.title}》在审核通过后被 {revision.user} 修改，"
            f"需重新经过：{'、'.join(t.name for t in voided)}。\n"
            f"修改前后对比：{settings.WAGTAILADMIN_BASE_URL}{compare_url}",
            None, [submitter.email],
        )
