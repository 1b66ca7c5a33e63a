"""Scheduled publishing after final approval, run by the django-q2 schedule."""

import datetime
from unittest import mock

import pytest
from django.utils import timezone
from django_q.brokers import get_broker
from django_q.models import Schedule
from django_q.scheduler import scheduler
from wagtail.models import Revision

from columns.models import NewsPage
from workflow.schedules import PUBLISH_SCHEDULED

from .chain import approve, submit_news

pytestmark = pytest.mark.django_db


def test_bootstrap_sets_up_the_every_minute_publishing_schedule():
    schedule = Schedule.objects.get(name=PUBLISH_SCHEDULED)
    assert schedule.schedule_type == Schedule.MINUTES and schedule.minutes == 1
    assert schedule.func == "django.core.management.call_command"


def test_an_approved_item_with_a_go_live_time_goes_live_by_the_schedule(as_user, column):
    go_live = timezone.localtime() + datetime.timedelta(hours=2)
    submit_news(as_user("xuecheng"), column("updates/district"),
                go_live_at=go_live.strftime("%Y-%m-%d %H:%M"))
    page = NewsPage.objects.get(slug="xuecheng-family-doctor")
    approve(as_user("xuecheng_head"), page)
    approve(as_user("yjs"), page)
    page.refresh_from_db()
    assert not page.live
    revision = Revision.page_revisions.get(object_id=str(page.pk),
                                           approved_go_live_at__isnull=False)
    assert revision.approved_go_live_at is not None

    run_schedule(at=timezone.now())  # before its time: still waiting
    page.refresh_from_db()
    assert not page.live

    run_schedule(at=go_live + datetime.timedelta(minutes=1))  # two hours later
    page.refresh_from_db()
    assert page.live


def run_schedule(at):
    """Run the django-q2 scheduler as the cluster would at time `at`."""
    Schedule.objects.filter(name=PUBLISH_SCHEDULED).update(next_run=at - datetime.timedelta(seconds=1))
    with mock.patch("django.utils.timezone.now", return_value=at):
        scheduler(broker=get_broker())
