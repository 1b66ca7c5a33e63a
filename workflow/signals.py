"""Signal wiring of the workflow app."""

from django.db.models.signals import post_save
from wagtail.models import Revision
from wagtail.signals import task_submitted

from .models import ReviewTaskState
from .notifications import review_submission_notifier


def revision_saved(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        from .reapproval import on_new_revision

        on_new_revision(instance)


def connect():
    post_save.connect(revision_saved, sender=Revision, dispatch_uid="workflow_reapproval")
    task_submitted.connect(review_submission_notifier, sender=ReviewTaskState,
                           dispatch_uid="review_task_submitted_email")
