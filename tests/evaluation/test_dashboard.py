"""Dashboard panels, column freshness and its daily reminder, the schedules."""

import datetime
import re

import pytest
from django.core import mail
from django.utils import timezone
from django_q.models import Schedule

from columns.models import NewsColumnPage
from evaluation import freshness, tasks
from evaluation.models import Report
from evaluation.setup import FRESHNESS_FUNC, REPORT_FUNC

pytestmark = pytest.mark.django_db


def states_by_title(today):
    return {s.column.title: s for s in freshness.column_states(today)}


def test_limits_per_column_type():
    last = datetime.date(2026, 8, 31)
    assert freshness.due_after("news", last) == datetime.date(2026, 9, 14)
    assert freshness.due_after("notice", last) == datetime.date(2027, 2, 28)
    assert freshness.due_after("personnel", last) == datetime.date(2027, 8, 31)


def test_news_columns_are_near_then_past_their_limit(db):
    today = timezone.localdate()
    # Every demo column was updated when the demo was built (today).
    assert states_by_title(today)["工作要闻"].state == "fresh"
    near = states_by_title(today + datetime.timedelta(days=12))
    assert near["工作要闻"].state == "near" and near["工作要闻"].days_left == 2
    assert [u.name for u in near["工作要闻"].maintainers] == ["研究室"]
    assert near["通知公告"].state == "fresh"
    stale = states_by_title(today + datetime.timedelta(days=15))
    assert stale["工作要闻"].state == "stale" and stale["工作要闻"].days_left == -1


def test_blank_columns_are_listed(home):
    home.add_child(instance=NewsColumnPage(title="测试空白栏目", slug="blank-test",
                                           column_type="news"))
    states = {s.column.title: s for s in freshness.needing_attention()}
    assert states["测试空白栏目"].state == "blank"


def test_maintainers_are_reminded_once_before_the_limit(db):
    today = timezone.localdate() + datetime.timedelta(days=12)
    mail.outbox.clear()
    sent = tasks.remind_stale_columns(today)
    assert sent >= 1
    subjects = [m.subject for m in mail.outbox]
    news = next(m for m in mail.outbox if "“工作要闻”" in m.subject)
    due = timezone.localdate() + datetime.timedelta(days=14)
    assert news.subject == (f"【栏目更新提醒】“工作要闻”将于{due.year}年{due.month}月{due.day}日"
                            "超过更新时限")
    assert "yjs@example.org" in news.to
    assert not any("通知公告" in s for s in subjects)  # 6 months: far from its limit
    mail.outbox.clear()
    assert tasks.remind_stale_columns(today) == 0 and not mail.outbox


def test_yjs_sees_column_freshness_and_the_units_behind_their_quota(login, user, column):
    from evaluation.models import UnitQuota
    from units.models import Unit

    from .factories import Item

    client = login("yjs")
    page = client.get("/admin/").content.decode()
    assert "栏目更新督查（第十二条）" in page
    assert "本单位本季度信息报送" in page
    assert "尚未完成本季度报送任务的单位" in page
    shanting = Unit.objects.get(name="山亭区卫计局")
    UnitQuota.objects.update_or_create(unit=shanting, defaults={"quota": 100})
    _, published, _, _ = _panel_row(client.get("/admin/").content.decode(), "山亭区卫计局")
    UnitQuota.objects.filter(unit=shanting).update(quota=published + 1)
    assert _panel_row(client.get("/admin/").content.decode(), "山亭区卫计局")[3] == "还差1条"
    now = timezone.localtime().strftime("%Y-%m-%d %H:%M")
    Item("山亭区卫计局", None, column("updates/district")).publish(now)
    assert "<td>山亭区卫计局</td>" not in client.get("/admin/").content.decode()


def _panel_row(page, unit):
    match = re.search(rf"<tr><td>{unit}</td><td>(\d+)</td><td>(\d+)</td><td>(\d+)</td>\s*"
                      r"<td>([^<]*)</td>", page)
    return int(match[1]), int(match[2]), int(match[3]), match[4]


def test_an_editor_sees_his_units_quarter_against_its_quota(login, user, column):
    from evaluation.models import UnitQuota
    from units.models import Unit

    from .factories import Item

    client = login("xuecheng")
    submitted, published, _, _ = _panel_row(client.get("/admin/").content.decode(), "薛城区卫计局")
    UnitQuota.objects.update_or_create(unit=Unit.objects.get(name="薛城区卫计局"),
                                       defaults={"quota": published + 2})
    now = timezone.localtime()
    Item("薛城区卫计局", user("xuecheng"), column("updates/district")).submit(
        (now - datetime.timedelta(minutes=5)).strftime("%Y-%m-%d %H:%M")).publish(
        now.strftime("%Y-%m-%d %H:%M"))
    page = client.get("/admin/").content.decode()
    assert "栏目更新督查" not in page
    assert _panel_row(page, "薛城区卫计局") == (submitted + 1, published + 1, published + 2,
                                                "还差1条")
    Item("薛城区卫计局", None, column("updates/district")).publish(
        now.strftime("%Y-%m-%d %H:%M"))
    page = client.get("/admin/").content.decode()
    assert _panel_row(page, "薛城区卫计局")[1:] == (published + 2, published + 2, "已完成")


def test_a_leader_sees_the_sections_he_supervises(login):
    page = login("fgld").get("/admin/").content.decode()
    assert "分管科室本季度信息报送" in page
    assert "<td>医政医管科</td>" in page and "<td>宣传科</td>" in page
    assert "栏目更新督查" not in page


def test_bgs_sees_his_offices_quarter(login):
    page = login("bgs").get("/admin/").content.decode()
    assert "本单位本季度信息报送" in page and "<td>办公室</td>" in page


def test_the_schedules_are_registered_by_bootstrap(db):
    assert Schedule.objects.get(func=REPORT_FUNC).schedule_type == Schedule.DAILY
    assert Schedule.objects.get(func=FRESHNESS_FUNC).schedule_type == Schedule.DAILY


def test_the_quarter_report_is_generated_once_after_the_quarter(year_2025):
    made = tasks.generate_due_reports(today=datetime.date(2025, 7, 1))
    report = Report.objects.get(pk__in=made)
    assert report.automatic and report.title == "2025年第二季度信息发布和咨询回复情况季度统计"
    assert tasks.generate_due_reports(today=datetime.date(2025, 7, 2)) == []
    # After Q4: the quarter and the year.
    made = tasks.generate_due_reports(today=datetime.date(2026, 1, 1))
    assert sorted(Report.objects.filter(pk__in=made).values_list("kind", flat=True)) == [
        "quarter", "year"]


def test_the_schedule_runs_the_job_through_django_q(year_2025):
    from django_q.tasks import async_task

    async_task(REPORT_FUNC, datetime.date(2025, 10, 8), sync=True)
    assert Report.objects.filter(kind="quarter", start="2025-07-01", automatic=True).exists()
