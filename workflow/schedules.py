"""Recurring jobs run by the django-q2 cluster (``make run`` starts it)."""

from django_q.models import Schedule

PUBLISH_SCHEDULED = "发布定时信息（每分钟）"


def ensure_publish_schedule():
    """Wagtail's scheduled publishing is a management command; run it every
    minute so that an approved item with a go-live time goes live on time."""
    Schedule.objects.update_or_create(
        name=PUBLISH_SCHEDULED,
        defaults={
            "func": "django.core.management.call_command",
            "args": "'publish_scheduled'",
            "schedule_type": Schedule.MINUTES,
            "minutes": 1,
            "repeats": -1,
        },
    )
