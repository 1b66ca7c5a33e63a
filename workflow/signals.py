"""Signal wiring of the workflow app."""

from wagtail.signals import task_submitted

from .models import ReviewTaskState
from .notifications import review_submission_notifier


def connect():
    task_submitted.connect(review_submission_notifier, sender=ReviewTaskState,
                           dispatch_uid="review_task_submitted_email")
