"""Working days on the official Chinese calendar.

Deadlines in the regulation (Art. 10, 11, 14) and in the disclosure 条例 are
counted in working days. The rule used everywhere:

    a deadline of N working days is the end (23:59:59, Asia/Shanghai) of the
    N-th working day strictly after the day of receipt.

A day is a working day according to, in order: an admin override
(CalendarDay), the chinese-calendar package, or — for a year 办公室 has marked
complete — Monday to Friday. Any other year is *not covered*: we raise
CalendarNotCovered instead of silently assuming weekends only, because a
wrong deadline across 春节 would call a punctual 科室 late.
"""

import datetime
import logging

import chinese_calendar
from django.core.cache import cache
from django.utils import timezone

logger = logging.getLogger(__name__)

PACKAGE_YEARS = (min(chinese_calendar.holidays).year, max(chinese_calendar.holidays).year)
CACHE_KEY = "workdays:overrides:v1"
# The web server and the django-q2 cluster are separate processes with their
# own local-memory caches: a short lifetime bounds how long an edit made in
# one process goes unseen in the other (edits in the same process clear it).
CACHE_SECONDS = 30
END_OF_DAY = datetime.time(23, 59, 59)


class CalendarNotCovered(Exception):
    """A date falls in a year whose holiday arrangements are unknown."""

    def __init__(self, year):
        self.year = year
        super().__init__(
            f"{year}年的法定节假日和调休安排尚未录入，无法按工作日计算期限。"
            f"请办公室在“工作日历”中录入{year}年的放假和调休日期，并将该年标记为已完整录入。"
        )


def _overrides():
    """(days, complete_years), cached until an admin edits the calendar."""
    data = cache.get(CACHE_KEY)
    if data is None:
        from .models import CalendarDay, CalendarYear

        days = dict(CalendarDay.objects.values_list("date", "is_workday"))
        years = set(CalendarYear.objects.filter(complete=True).values_list("year", flat=True))
        data = (days, years)
        cache.set(CACHE_KEY, data, CACHE_SECONDS)
    return data


def clear_cache():
    cache.delete(CACHE_KEY)


def is_covered(year):
    _, complete = _overrides()
    return PACKAGE_YEARS[0] <= year <= PACKAGE_YEARS[1] or year in complete


def is_workday(day):
    days, complete = _overrides()
    if day in days:
        return days[day]
    if PACKAGE_YEARS[0] <= day.year <= PACKAGE_YEARS[1]:
        return chinese_calendar.is_workday(day)
    if day.year in complete:
        return day.weekday() < 5
    raise CalendarNotCovered(day.year)


def add_workdays(day, n):
    """The n-th working day strictly after ``day`` (n >= 1)."""
    if n < 1:
        raise ValueError("n must be at least 1")
    current = day
    while n:
        current += datetime.timedelta(days=1)
        if is_workday(current):
            n -= 1
    return current


def local_date(moment):
    """The calendar day of an aware datetime in the site's time zone."""
    if isinstance(moment, datetime.datetime):
        return timezone.localtime(moment).date()
    return moment


def deadline(received, n):
    """End of the n-th working day after the day ``received`` falls on."""
    due_day = add_workdays(local_date(received), n)
    return timezone.make_aware(datetime.datetime.combine(due_day, END_OF_DAY))


def workdays_between(start, end):
    """Working days in (start day, end day]: 1 for an answer the next working day.

    Used to store how long something took, when it happens (SQL cannot count
    working days). 0 when ``end`` falls on the start day or before.
    """
    first, last = local_date(start), local_date(end)
    count = 0
    current = first
    while current < last:
        current += datetime.timedelta(days=1)
        if is_workday(current):
            count += 1
    return count


def uncovered_years_ahead(today=None, days=60):
    """Years that a deadline set within ``days`` from today could reach, but unknown."""
    today = today or timezone.localdate()
    horizon = today + datetime.timedelta(days=days)
    return [y for y in range(today.year, horizon.year + 1) if not is_covered(y)]
