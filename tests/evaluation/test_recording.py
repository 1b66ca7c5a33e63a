"""Events are recorded from the real review chain as people work in the admin."""

import pytest
from django.test import Client

from columns.models import NewsPage
from evaluation.models import EventKind, ItemEvent
from tests.helpers import news_form_data
from tests.workflow.chain import approve, reject, submit_news
from units.setup import DEMO_PASSWORD
from workdays.calendar import workdays_between

pytestmark = pytest.mark.django_db


@pytest.fixture
def as_user(db):
    clients = {}

    def get(username):
        if username not in clients:
            clients[username] = Client()
            assert clients[username].login(username=username, password=DEMO_PASSWORD)
        return clients[username]

    return get


def test_submission_rejection_publication_and_withdrawal_are_recorded(as_user, column):
    client = as_user("xuecheng")
    submit_news(client, column("updates/district"))
    page = NewsPage.objects.get(slug="xuecheng-family-doctor")
    reject(as_user("xuecheng_head"), page, "请补充活动照片。")
    client.post(f"/admin/pages/{page.pk}/edit/",
                news_form_data(action="action-submit", title="薛城区家庭医生进社区（已补充）"))
    approve(as_user("xuecheng_head"), page)
    approve(as_user("yjs"), page)
    page.refresh_from_db()
    assert page.live

    events = ItemEvent.objects.filter(page_id=page.pk)
    assert sorted(events.values_list("kind", flat=True)) == ["published", "rejected", "submitted"]
    submitted = events.get(kind=EventKind.SUBMITTED)
    published = events.get(kind=EventKind.PUBLISHED)
    assert submitted.person.username == published.person.username == "xuecheng"
    assert published.source_unit.name == "薛城区卫计局"
    assert published.column_title == "区(市)动态"
    assert published.section_id == column("updates").pk
    assert published.submitted_at == submitted.occurred_at
    assert published.workdays == workdays_between(submitted.occurred_at, published.occurred_at)
    assert events.get(kind=EventKind.REJECTED).reason == "请补充活动照片。"

    # Re-publishing an edit is not a new item.
    client_yjs = as_user("yjs")
    page.save_revision(user=page.owner).publish()
    assert events.filter(kind=EventKind.PUBLISHED).count() == 1

    response = client_yjs.post(f"/admin/withdraw/{page.pk}/",
                               {"reason": "活动照片涉及未成年人肖像", "cause": "content"})
    assert response.status_code == 302
    withdrawn = ItemEvent.objects.get(page_id=page.pk, kind=EventKind.WITHDRAWN)
    assert withdrawn.content_reason and withdrawn.reason == "活动照片涉及未成年人肖像"
    # Both approvals of the chain that published it answer for it.
    assert sorted(withdrawn.charges.values_list("user__username", flat=True)) == [
        "xuecheng_head", "yjs"]


def test_an_item_withdrawn_as_outdated_charges_nobody(as_user, column):
    client = as_user("xuecheng")
    submit_news(client, column("updates/district"))
    page = NewsPage.objects.get(slug="xuecheng-family-doctor")
    approve(as_user("xuecheng_head"), page)
    approve(as_user("yjs"), page)
    as_user("yjs").post(f"/admin/withdraw/{page.pk}/",
                        {"reason": "活动已改期，以新通知为准", "cause": "outdated"})
    withdrawn = ItemEvent.objects.get(page_id=page.pk, kind=EventKind.WITHDRAWN)
    assert not withdrawn.content_reason
    assert not withdrawn.charges.exists()


def test_backfill_records_what_happened_before_the_app(as_user, column):
    from django.core.management import call_command

    client = as_user("xuecheng")
    submit_news(client, column("updates/district"))
    page = NewsPage.objects.get(slug="xuecheng-family-doctor")
    reject(as_user("xuecheng_head"), page, "请补充活动照片。")
    client.post(f"/admin/pages/{page.pk}/edit/",
                news_form_data(action="action-submit", title="薛城区家庭医生进社区（已补充）"))
    approve(as_user("xuecheng_head"), page)
    approve(as_user("yjs"), page)
    before = sorted(ItemEvent.objects.filter(page_id=page.pk).values_list(
        "kind", "occurred_at", "workdays", "person_id", "source_unit_id"))
    ItemEvent.objects.filter(page_id=page.pk).delete()  # as if the app had not been there

    call_command("evaluation_backfill", verbosity=0)
    after = sorted(ItemEvent.objects.filter(page_id=page.pk).values_list(
        "kind", "occurred_at", "workdays", "person_id", "source_unit_id"))
    assert after == before
    call_command("evaluation_backfill", verbosity=0)
    assert ItemEvent.objects.filter(page_id=page.pk).count() == 3
