"""Deadlines on the official calendar: 春节, 国庆, 调休 and year boundaries."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.core.cache import cache

from workdays import calendar
from workdays.alerts import report_not_covered
from workdays.calendar import CalendarNotCovered, add_workdays, deadline, is_workday, workdays_between
from workdays.models import CalendarDay, CalendarYear

SHANGHAI = ZoneInfo("Asia/Shanghai")
D = datetime.date


def at(y, m, d, hh=10, mm=0):
    return datetime.datetime(y, m, d, hh, mm, tzinfo=SHANGHAI)


@pytest.fixture(autouse=True)
def fresh_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.mark.django_db
def test_make_up_saturday_is_a_workday_and_national_day_is_not():
    assert is_workday(D(2026, 10, 10))  # Saturday, 国庆调休上班
    assert not is_workday(D(2026, 10, 5))  # Monday inside 国庆
    assert not is_workday(D(2026, 9, 26))  # 中秋 Saturday
    assert is_workday(D(2026, 2, 14))  # Saturday, 春节调休上班


@pytest.mark.django_db
def test_five_working_days_before_national_day_skip_the_holiday():
    # Received Wednesday 30 Sept: 10-08, 10-09, 10-10 (make-up Sat), 10-12, 10-13.
    due = deadline(at(2026, 9, 30), 5)
    assert due == datetime.datetime(2026, 10, 13, 23, 59, 59, tzinfo=SHANGHAI)
    assert add_workdays(D(2026, 9, 30), 3) == D(2026, 10, 10)


@pytest.mark.django_db
def test_receipt_on_a_holiday_counts_from_the_next_working_day():
    assert deadline(at(2026, 10, 3), 5).date() == D(2026, 10, 13)
    assert deadline(at(2026, 10, 3), 1).date() == D(2026, 10, 8)


@pytest.mark.django_db
def test_spring_festival_with_make_up_saturday():
    # Friday 13 Feb: 02-14 (make-up Sat), then the holiday to 02-23, then 24..27.
    assert deadline(at(2026, 2, 13), 5).date() == D(2026, 2, 27)
    assert deadline(at(2026, 2, 13), 1).date() == D(2026, 2, 14)


@pytest.mark.django_db
def test_year_boundary_with_new_year_make_up_sunday():
    # 31 Dec 2025: 2026-01-01..03 off, 01-04 (Sunday) works, then 05..08.
    assert deadline(at(2025, 12, 31), 5).date() == D(2026, 1, 8)


@pytest.mark.django_db
def test_the_receipt_day_is_the_day_in_shanghai_not_in_utc():
    # 16:30 UTC on Friday 9 Oct is 00:30 on Saturday 10 Oct (a make-up workday) in Shanghai.
    received = datetime.datetime(2026, 10, 9, 16, 30, tzinfo=datetime.timezone.utc)
    assert deadline(received, 1).date() == D(2026, 10, 12)


@pytest.mark.django_db
def test_working_days_taken_are_counted_after_the_receipt_day():
    assert workdays_between(at(2026, 9, 30), at(2026, 10, 13, 9)) == 5
    assert workdays_between(at(2026, 9, 30), at(2026, 9, 30, 18)) == 0
    assert workdays_between(at(2026, 10, 2), at(2026, 10, 8)) == 1


@pytest.mark.django_db
def test_a_year_the_calendar_lacks_is_refused_not_guessed():
    with pytest.raises(CalendarNotCovered) as caught:
        deadline(at(2026, 12, 28), 5)
    assert "2027年的法定节假日和调休安排尚未录入" in str(caught.value)
    # A partial entry is not enough: the year must be marked complete.
    CalendarDay.objects.create(date=D(2027, 1, 1), is_workday=False, name="元旦")
    with pytest.raises(CalendarNotCovered):
        deadline(at(2026, 12, 28), 5)


@pytest.mark.django_db
def test_office_enters_next_year_and_deadlines_follow_it():
    CalendarDay.objects.create(date=D(2027, 1, 1), is_workday=False, name="元旦")
    CalendarYear.objects.create(year=2027, complete=True, source="国办发明电")
    # 12-29, 12-30, 12-31, (1 Jan off, weekend), 01-04, 01-05.
    assert deadline(at(2026, 12, 28), 5).date() == D(2027, 1, 5)


@pytest.mark.django_db
def test_an_override_wins_over_the_package():
    CalendarDay.objects.create(date=D(2026, 10, 12), is_workday=False, name="本地调整")
    assert deadline(at(2026, 9, 30), 5).date() == D(2026, 10, 14)


@pytest.mark.django_db
def test_dashboard_horizon_reaches_next_year_in_december():
    assert calendar.uncovered_years_ahead(today=D(2026, 12, 3)) == [2027]
    assert calendar.uncovered_years_ahead(today=D(2026, 6, 1)) == []
    CalendarYear.objects.create(year=2027, complete=True)
    assert calendar.uncovered_years_ahead(today=D(2026, 12, 3)) == []


@pytest.mark.django_db
def test_office_is_mailed_once_about_a_missing_year():
    try:
        deadline(at(2026, 12, 28), 5)
    except CalendarNotCovered as error:
        assert report_not_covered(error, ["clerk@example.gov.cn"], "信件 ZR1") is True
        assert report_not_covered(error, ["clerk@example.gov.cn"], "信件 ZR2") is False
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["clerk@example.gov.cn"]
    assert "2027年" in mail.outbox[0].subject


@pytest.mark.django_db
def test_dashboard_warns_about_the_missing_year(client, login, monkeypatch):
    from workdays import wagtail_hooks

    monkeypatch.setattr(wagtail_hooks, "uncovered_years_ahead",
                        lambda: calendar.uncovered_years_ahead(today=D(2026, 12, 3)))
    login("bgs")
    page = client.get("/admin/").content.decode()
    assert "工作日历缺少2027年的节假日安排" in page
