"""Two reviewers deciding the same step at the same moment, on two
PostgreSQL connections: exactly one decision counts."""

import threading

import pytest
from django.contrib.auth import get_user_model
from django.db import connection, connections
from wagtail.models import TaskState, WorkflowState

from columns.models import NewsPage
from home.models import HomePage
from tests.helpers import checklist
from units.models import Unit
from workflow.models import ReviewRefused

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="needs concurrent writers on separate connections: PostgreSQL (CI runs it there)"),
    pytest.mark.django_db,
]


def in_own_connection(function):
    """Run function in a thread with its own, autocommitting connection."""
    result = {}

    def run():
        try:
            result["value"] = function()
        finally:
            connections.close_all()

    thread = threading.Thread(target=run)
    thread.start()
    thread.join()
    return result.get("value")


@pytest.fixture
def committed_item(db):
    """An item submitted for review and committed (by another connection, so
    that every connection sees it); removed again afterwards."""

    def create():
        user_model = get_user_model()
        unit = Unit.objects.get(name="薛城区卫计局")
        second_head = user_model.objects.create_user("xuecheng_head2", "h2@example.org", "x")
        second_head.groups.add(unit.heads_group)
        author = user_model.objects.get(username="xuecheng")
        column = HomePage.objects.get().get_children().get(slug="updates").get_children().get(
            slug="district")
        page = NewsPage(title="并发审核测试稿件", slug="concurrent-review", source_unit=unit,
                        owner=author, live=False)
        column.add_child(instance=page)
        page.save_revision(user=author)
        page.get_workflow().start(page, author)
        return page, [user_model.objects.get(username="xuecheng_head"), second_head]

    page, reviewers = in_own_connection(create)
    yield page, reviewers

    def remove():
        WorkflowState.objects.filter(object_id=str(page.pk)).delete()
        NewsPage.objects.get(pk=page.pk).delete()
        reviewers[1].delete()

    in_own_connection(remove)


def test_exactly_one_of_two_simultaneous_decisions_counts(committed_item):
    page, reviewers = committed_item
    start = threading.Barrier(2)
    outcomes = {}

    def decide(reviewer, action, data):
        try:
            fresh = NewsPage.objects.get(pk=page.pk)
            state = fresh.current_workflow_task_state
            task = state.task.specific
            start.wait()
            task.on_action(state, reviewer, action, **data)
            outcomes[reviewer.username] = "done"
        except ReviewRefused as refusal:
            outcomes[reviewer.username] = str(refusal)
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=decide, args=(reviewers[0], "approve", checklist())),
        threading.Thread(target=decide, args=(reviewers[1], "reject", {"comment": "请修改"})),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(outcomes.values()).count("done") == 1, outcomes
    refused = [text for text in outcomes.values() if text != "done"]
    assert refused and "已由其他审核人处理" in refused[0]
    decided = in_own_connection(lambda: TaskState.objects.filter(
        workflow_state__object_id=str(page.pk)).exclude(
        status=TaskState.STATUS_IN_PROGRESS).count())
    assert decided == 1
