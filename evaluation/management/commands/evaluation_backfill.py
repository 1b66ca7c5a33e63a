"""Record the evaluation facts of what happened before the app was installed.

Reads the publication register (publications, withdrawals) and Wagtail's
workflow states (submissions, rejections) and writes the missing ItemEvents
exactly as the live receivers would have.  Safe to run again: existing
facts are not duplicated.
"""

from django.core.management.base import BaseCommand
from django.db import transaction

from evaluation.models import EventKind, ItemEvent
from evaluation.recording import (
    on_workflow_rejected,
    on_workflow_submitted,
    record_publication,
    record_withdrawal,
)


class Command(BaseCommand):
    help = "根据发布登记和审核流程记录补录统计考评数据（可重复执行）。"

    @transaction.atomic
    def handle(self, *args, **options):
        from wagtail.models import TaskState, WorkflowState

        from workflow.register import PublicationRecord

        published = withdrawn = submitted = rejected = 0
        for record in PublicationRecord.objects.order_by("number").iterator():
            if record_publication(record) is not None:
                published += 1
            if record.withdrawn_at is not None and not ItemEvent.objects.filter(
                    kind=EventKind.WITHDRAWN, record_id=record.pk).exists():
                record_withdrawal(record)
                withdrawn += 1
        known = set(ItemEvent.objects.filter(kind=EventKind.SUBMITTED)
                    .values_list("workflow_state_id", flat=True))
        rejected_known = set(ItemEvent.objects.filter(kind=EventKind.REJECTED)
                             .values_list("workflow_state_id", flat=True))
        for state in WorkflowState.objects.order_by("pk").iterator():
            if state.pk not in known:
                before = ItemEvent.objects.count()
                on_workflow_submitted(WorkflowState, state)
                submitted += ItemEvent.objects.count() - before
            if state.pk in rejected_known:
                continue
            for task_state in TaskState.objects.filter(workflow_state=state,
                                                       status=TaskState.STATUS_REJECTED):
                state.current_task_state = task_state
                before = ItemEvent.objects.count()
                on_workflow_rejected(WorkflowState, state)
                rejected += ItemEvent.objects.count() - before
        self.stdout.write(f"补录：提交 {submitted} 条，退回 {rejected} 条，采用 {published} 条，撤稿 {withdrawn} 条。")
