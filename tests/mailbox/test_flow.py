"""A letter's life: deadlines from the official calendar, routing, one
transfer, escalation, the reviewed reply, publication with masking."""

import datetime

import pytest
from django.core import mail

from mailbox import flow
from mailbox.models import Letter, LetterReply, LetterStatus
from tests.mailbox.conftest import SHANGHAI, at
from units.models import Unit

pytestmark = pytest.mark.django_db


def end_of(y, m, d):
    return datetime.datetime(y, m, d, 23, 59, 59, tzinfo=SHANGHAI)


def unit(name):
    return Unit.objects.get(name=name)


def approve_reply(reply, user):
    """Decide the reply's current review step through Wagtail's own task API."""
    state = reply.current_workflow_state.current_task_state
    state.task.specific.on_action(state, user, "approve", comment="同意答复。")


def test_a_letter_written_before_national_day_is_routed_transferred_answered_and_published(
        client, clock, user, staff, django_capture_on_commit_callbacks):
    xck_head = staff("xck_head", "宣传科", head=True)
    from tests.mailbox.test_public import QUERY, WRITE, letter_data

    clock(at(2026, 9, 29, 16))  # Tuesday before 国庆, on the public form
    client.post(WRITE, letter_data(client, content="我的手机13861234567，身份证370402198001011233，想咨询接种。"))
    new = Letter.objects.get(subject="咨询周末接种门诊开放时间")
    # 5 working days: 9-30, 10-08, 10-09, 10-10 (调休 Saturday), 10-12.
    assert new.due_at == end_of(2026, 10, 12)
    assert new.transfer_due_at == end_of(2026, 10, 9)
    assert new.number.startswith("ZR20260929") and len(new.number) == 15
    assert new.status == LetterStatus.PENDING

    clock(at(2026, 9, 30, 9))
    flow.accept(new, user("bgs"), unit("医政医管科"))
    assert new.status == LetterStatus.ACCEPTED and new.responsible_unit.name == "医政医管科"

    clock(at(2026, 10, 9, 17))  # the last allowed day for a transfer
    flow.transfer(new, user("yzk"), unit("宣传科"), "属健康教育宣传事项")
    new.refresh_from_db()
    assert new.status == LetterStatus.TRANSFERRED
    assert new.transferred_in_time is True and new.transfer_workdays == 3
    assert new.transferred_from.name == "医政医管科"
    # The receiving 科室's 5 days run from the transfer: 10-10, 12, 13, 14, 15.
    assert new.due_at == end_of(2026, 10, 15)

    clock(at(2026, 10, 12, 9))
    flow.start(new, user("xck"))
    flow.submit_reply(new, user("xck"), "您好，周六上午各社区接种门诊正常开放。", publish_on_site=True)
    reply = LetterReply.objects.get(letter=new)
    assert not reply.live
    new.refresh_from_db()
    assert new.answered_at is None  # not answered until the reviewed reply is visible

    approve_reply(reply, xck_head)
    mail.outbox.clear()
    clock(at(2026, 10, 13, 10))
    with django_capture_on_commit_callbacks(execute=True):
        approve_reply(reply, user("bgs"))
    new.refresh_from_db()
    reply.refresh_from_db()
    assert reply.live
    assert new.status == LetterStatus.PUBLISHED
    assert new.answered_on_time is True
    assert new.answer_workdays == 3  # 10-10, 10-12, 10-13 after the transfer on 10-09
    assert any("zhang@example.org" in m.to and "周六上午" in m.body for m in mail.outbox)
    found = client.post(QUERY, {"number": new.number, "code": new.query_code}).content.decode()
    assert "已公开" in found and "周六上午各社区接种门诊正常开放" in found
    listing = client.get("/interaction/director-mailbox/").content.decode()
    assert new.subject in listing and "张**" in listing
    detail = client.get(f"/interaction/director-mailbox/letters/{new.number}/").content.decode()
    assert "138****4567" in detail and "370402********1233" in detail


def test_the_reply_reviewers_are_the_unit_head_then_the_mailbox_office(letter, user, staff):
    new = letter(at(2026, 11, 2))
    flow.accept(new, user("bgs"), unit("医政医管科"))
    flow.start(new, user("yzk"))
    reply = flow.submit_reply(new, user("yzk"), "答复内容。")
    task = reply.current_workflow_state.current_task_state.task.specific
    assert task.get_actions(reply, user("yzk_head"))  # head of 医政医管科
    assert not task.get_actions(reply, user("xuecheng_head"))  # another unit's head
    assert not task.get_actions(reply, user("bgs"))  # not yet 办公室's turn
    approve_reply(reply, user("yzk_head"))
    reply.refresh_from_db()
    task = reply.current_workflow_state.current_task_state.task.specific
    assert task.get_actions(reply, user("bgs"))
    assert not task.get_actions(reply, user("yzk_head"))


def test_a_rejected_reply_is_revised_and_resubmitted(letter, user):
    from workflow.models import ReviewRefused

    new = letter(at(2026, 11, 2))
    flow.accept(new, user("bgs"), unit("医政医管科"))
    flow.start(new, user("yzk"))
    reply = flow.submit_reply(new, user("yzk"), "初稿。")
    state = reply.current_workflow_state.current_task_state
    with pytest.raises(ReviewRefused, match="理由"):
        state.task.specific.on_action(state, user("yzk_head"), "reject", comment="")
    state.task.specific.on_action(state, user("yzk_head"), "reject", comment="请补充接种地点。")
    reply.refresh_from_db()
    assert reply.current_workflow_state.status == "needs_changes"
    flow.submit_reply(new, user("yzk"), "修改稿：接种地点为各社区卫生服务中心。")
    reply.refresh_from_db()
    assert reply.current_workflow_state.status == "in_progress"
    assert reply.body.startswith("修改稿")


def test_escalation_has_its_own_deadline_and_tells_the_citizen(letter, user, clock):
    clock(at(2026, 9, 28, 9))
    new = letter(at(2026, 9, 28, 9))
    flow.accept(new, user("bgs"), unit("医政医管科"))
    flow.start(new, user("yzk"))
    mail.outbox.clear()
    clock(at(2026, 9, 30, 11))
    flow.escalate(new, user("yzk"), "涉及跨部门政策，需请示分管领导", "您反映的问题正在请示，我们将尽快答复。")
    new.refresh_from_db()
    assert new.status == LetterStatus.ESCALATED
    # 5 working days from the 请示 on 9-30: 10-08, 09, 10, 12, 13.
    assert new.escalation_due_at == end_of(2026, 10, 13)
    assert [m.to for m in mail.outbox] == [["citizen@example.org"]]
    assert "正在请示" in mail.outbox[0].body
    flow.settle(new, user("yzk"), "领导已批示")
    new.refresh_from_db()
    assert new.status == LetterStatus.PROCESSING and new.escalation_settled_at is not None


def test_a_step_on_a_stale_page_is_refused(letter, user):
    new = letter(at(2026, 11, 2))
    stale = Letter.objects.get(pk=new.pk)
    flow.accept(new, user("bgs"), unit("医政医管科"))
    with pytest.raises(flow.FlowRefused):
        flow.refuse(stale, user("bgs"), "重复来信")
    new.refresh_from_db()
    assert new.status == LetterStatus.ACCEPTED


def test_refusal_needs_a_reason_and_tells_the_citizen(letter, user):
    new = letter(at(2026, 11, 2))
    with pytest.raises(flow.FlowRefused, match="理由"):
        flow.refuse(new, user("bgs"), "  ")
    mail.outbox.clear()
    flow.refuse(new, user("bgs"), "不属于本委职责范围，请向市场监管部门反映。")
    new.refresh_from_db()
    assert new.status == LetterStatus.REFUSED
    assert "市场监管" in mail.outbox[0].body


def test_every_step_is_logged_with_who_and_what(letter, user):
    from mailbox.models import LetterLogEntry

    new = letter(at(2026, 11, 2))
    flow.accept(new, user("bgs"), unit("医政医管科"), "请医政医管科办理")
    flow.transfer(new, user("yzk"), unit("宣传科"), "属宣传科职责")
    entries = list(LetterLogEntry.objects.for_instance(new).order_by("timestamp"))
    assert [e.action for e in entries] == ["mailbox.submit", "mailbox.accept", "mailbox.transfer"]
    assert entries[1].user.username == "bgs" and entries[1].data["note"] == "请医政医管科办理"
    assert entries[2].data["unit"] == "宣传科"


def test_a_deadline_in_a_year_the_calendar_lacks_is_pending_and_office_is_told(letter):
    received = at(2026, 12, 28)  # 5 working days reach into 2027
    new = letter(received)
    assert new.due_at is None
    assert "2027年" in new.deadline_pending
    assert any("2027年" in m.subject and "bgs@example.org" in m.to for m in mail.outbox)
