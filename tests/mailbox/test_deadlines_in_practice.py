"""The daily schedule's reminders and alerts, and the disclosure-request clocks."""

import datetime

import pytest
from django.core import mail
from django.core.management import call_command
from django_q.models import Schedule

from mailbox import flow, reminders
from mailbox.models import Channel, LetterKind
from tests.mailbox.conftest import SHANGHAI, at
from units.models import Unit

pytestmark = pytest.mark.django_db


def end_of(y, m, d):
    return datetime.datetime(y, m, d, 23, 59, 59, tzinfo=SHANGHAI)


def recipients():
    return {address for m in mail.outbox for address in m.to}


@pytest.fixture
def routed_before_national_day(letter, user, clock):
    clock(at(2026, 9, 29, 16))
    new = letter(at(2026, 9, 29, 16))  # due 2026-10-12
    flow.accept(new, user("bgs"), Unit.objects.get(name="医政医管科"))
    mail.outbox.clear()
    return new


def test_the_reminder_goes_out_one_working_day_before_the_deadline(routed_before_national_day):
    # 10-10 is the 调休 Saturday: the working day before 10-12 is 10-10, not 10-09.
    assert reminders.run(at(2026, 10, 9, 8))["reminder"] == 0
    sent = reminders.run(at(2026, 10, 10, 8))
    assert sent["reminder"] == 1 and sent["overdue"] == 0
    assert "答复期限为下一个工作日" in mail.outbox[0].subject
    assert recipients() == {"yzk@example.org", "yzk_head@example.org"}
    mail.outbox.clear()
    assert reminders.run(at(2026, 10, 10, 18))["reminder"] == 0  # sent once


def test_the_overdue_alert_goes_to_the_section_the_office_and_research(routed_before_national_day):
    assert reminders.run(at(2026, 10, 12, 20))["overdue"] == 0  # due until 23:59:59 of 10-12
    sent = reminders.run(at(2026, 10, 13, 8))
    assert sent["overdue"] == 1
    assert {"yzk@example.org", "bgs@example.org", "yjs@example.org"} <= recipients()
    mail.outbox.clear()
    assert reminders.run(at(2026, 10, 14, 8))["overdue"] == 0  # one alert per deadline


def test_an_unanswered_letter_raises_the_three_month_alarm(routed_before_national_day):
    assert reminders.run(at(2026, 12, 28, 8))["alarm"] == 0
    sent = reminders.run(at(2026, 12, 29, 17))
    assert sent["alarm"] == 1
    assert any("超过三个月" in m.subject for m in mail.outbox)


def test_a_transfer_deadline_is_reminded_while_the_letter_is_not_transferred(letter, clock):
    clock(at(2026, 11, 2, 9))
    new = letter(at(2026, 11, 2, 9))  # Monday: transfer due Thursday 11-05
    assert new.transfer_due_at == end_of(2026, 11, 5)
    mail.outbox.clear()
    reminders.run(at(2026, 11, 4, 8))
    assert any("转办期限为下一个工作日" in m.subject for m in mail.outbox)
    assert "bgs@example.org" in recipients()  # not yet routed: the routing office


def test_the_daily_schedule_is_registered_and_runs_the_job():
    schedule = Schedule.objects.get(name=reminders.SCHEDULE_NAME)
    assert schedule.func == "mailbox.reminders.run" and schedule.schedule_type == Schedule.DAILY
    call_command("mailbox_reminders")  # the same job by hand


# ---------------------------------------------------------------- 依申请公开


def disclosure(letter, received, channel=Channel.WEBSITE):
    return letter(received, kind=LetterKind.DISCLOSURE, channel=channel,
                  id_number="370402198001011233", address="枣庄市市中区")


def test_an_online_request_counts_from_the_day_both_sides_confirm(letter, user, clock):
    request = disclosure(letter, at(2026, 9, 25, 20))  # Friday evening, before 中秋/国庆
    assert request.due_at is None  # not confirmed yet
    legal = user_with_unit("fzk", "法制监督科")
    clock(at(2026, 9, 28, 9))
    flow.accept(request, legal, Unit.objects.get(name="医政医管科"))
    request.refresh_from_db()
    # 20 working days from 9-28: 9-29, 9-30, 10-08…10-10 (调休 Saturday), 10-12…10-16,
    # 10-19…10-23, 10-26…10-30.
    assert request.due_at == end_of(2026, 10, 30)


def test_a_request_by_post_counts_from_the_day_it_is_signed_for(letter):
    request = disclosure(letter, at(2026, 11, 2), channel=Channel.LETTER)
    assert request.due_at == end_of(2026, 11, 30)


def test_one_extension_of_up_to_twenty_days_with_an_approver(letter, user, staff):
    request = disclosure(letter, at(2026, 11, 2), channel=Channel.LETTER)
    legal = user_with_unit("fzk", "法制监督科")
    flow.accept(request, legal, Unit.objects.get(name="医政医管科"))
    with pytest.raises(flow.FlowRefused, match="1至20"):
        flow.extend(request, legal, 21, "涉及多个单位", user("yzk_head"))
    with pytest.raises(flow.FlowRefused, match="批准人"):
        flow.extend(request, legal, 10, "涉及多个单位", user("xuecheng_head"))
    flow.extend(request, legal, 10, "需调取多个单位档案", user("yzk_head"))
    request.refresh_from_db()
    assert request.due_at == end_of(2026, 12, 14)
    assert request.extension_approver.username == "yzk_head"
    with pytest.raises(flow.FlowRefused):
        flow.extend(request, legal, 5, "再次延长", user("yzk_head"))  # only once


def test_a_correction_restarts_the_clock(letter, clock):
    legal = user_with_unit("fzk", "法制监督科")
    request = disclosure(letter, at(2026, 11, 2), channel=Channel.LETTER)
    flow.accept(request, legal, Unit.objects.get(name="医政医管科"))
    clock(at(2026, 11, 4))
    flow.request_correction(request, legal, "请写明所需信息的文号或年份")
    clock(at(2026, 11, 16))
    flow.correction_received(request, legal)
    request.refresh_from_db()
    assert request.due_at == end_of(2026, 12, 14)  # 20 working days from 11-16


def test_third_party_consultation_pauses_the_clock_at_most_fifteen_days(letter, clock):
    legal = user_with_unit("fzk", "法制监督科")
    request = disclosure(letter, at(2026, 11, 2), channel=Channel.LETTER)
    flow.accept(request, legal, Unit.objects.get(name="医政医管科"))
    clock(at(2026, 11, 3))
    flow.start_consultation(request, legal, "征求第三方企业意见")
    clock(at(2026, 11, 10))  # 5 working days later
    flow.end_consultation(request, legal)
    request.refresh_from_db()
    assert request.due_at == end_of(2026, 12, 7)  # 11-30 plus 5 working days


def user_with_unit(username, unit_name):
    from django.contrib.auth import get_user_model

    user, _ = get_user_model().objects.get_or_create(username=username,
                                                     defaults={"email": f"{username}@example.org"})
    user.groups.add(Unit.objects.get(name=unit_name).editors_group)
    return user
