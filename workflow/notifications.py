"""E-mail the next reviewers when a step of the chain waits for them.

Wagtail's own submission e-mail only knows its group approval task; ours
decide per item who the reviewers are (the 供稿单位's head, the 分管领导 of
the responsible 科室 …), so they provide the recipients.  Rejection and
publication e-mails to the submitter are Wagtail's own.
"""

from wagtail.admin.mail import EmailNotificationMixin, Notifier
from wagtail.models import TaskState

from .models import BaseReviewTask, authors_of


class ReviewTaskSubmissionEmailNotifier(EmailNotificationMixin, Notifier):
    notification = "submitted"

    def __init__(self):
        super().__init__((TaskState,))

    def can_handle(self, instance, **kwargs):
        return isinstance(instance, TaskState) and isinstance(
            instance.task.specific, BaseReviewTask)

    def get_template_base_prefix(self, instance, **kwargs):
        return "task_state_"  # Wagtail's (translated) task-submitted templates

    def get_context(self, task_state, **kwargs):
        context = super().get_context(task_state, **kwargs)
        obj = task_state.workflow_state.content_object.specific
        context.update(task=task_state.task.specific, object=obj, page=obj,
                       model_name=obj._meta.verbose_name)
        return context

    def get_recipient_users(self, task_state, **kwargs):
        obj = task_state.workflow_state.content_object.specific
        excluded = authors_of(obj) | {getattr(kwargs.get("user"), "pk", None)}
        return set(task_state.task.specific.reviewers(obj).exclude(pk__in=excluded - {None}))


review_submission_notifier = ReviewTaskSubmissionEmailNotifier()
