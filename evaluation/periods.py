"""Reporting periods: quarters, years and any past range of days."""

import datetime
import zoneinfo
from dataclasses import dataclass

from django.conf import settings
from django.utils import timezone

QUARTER_NAMES = {1: "第一季度", 2: "第二季度", 3: "第三季度", 4: "第四季度"}


def tz():
    return zoneinfo.ZoneInfo(settings.TIME_ZONE)


def cn_date(day):
    """2026年9月21日."""
    if isinstance(day, str):
        day = datetime.date.fromisoformat(day)
    if isinstance(day, datetime.datetime):
        day = timezone.localtime(day).date()
    return f"{day.year}年{day.month}月{day.day}日"


def cn_datetime(moment):
    if isinstance(moment, str):
        moment = datetime.datetime.fromisoformat(moment)
    local = timezone.localtime(moment)
    return f"{cn_date(local.date())} {local:%H:%M}"


@dataclass(frozen=True)
class Period:
    kind: str  # "quarter", "year", "custom"
    start: datetime.date
    end: datetime.date  # inclusive

    @property
    def label(self):
        if self.kind == "quarter":
            return f"{self.start.year}年{QUARTER_NAMES[(self.start.month - 1) // 3 + 1]}"
        if self.kind == "year":
            return f"{self.start.year}年度"
        return f"{cn_date(self.start)}至{cn_date(self.end)}"

    @property
    def bounds(self):
        """[start, end) as aware datetimes in the site's time zone."""
        zone = tz()
        first = datetime.datetime.combine(self.start, datetime.time.min, tzinfo=zone)
        after = datetime.datetime.combine(self.end + datetime.timedelta(days=1),
                                          datetime.time.min, tzinfo=zone)
        return first, after

    def months(self):
        year, month = self.start.year, self.start.month
        result = []
        while (year, month) <= (self.end.year, self.end.month):
            result.append((year, month))
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        return result

    def has_ended(self, today=None):
        return self.end < (today or timezone.localdate())

    def as_dict(self):
        return {"kind": self.kind, "start": self.start.isoformat(), "end": self.end.isoformat(),
                "label": self.label, "start_display": cn_date(self.start),
                "end_display": cn_date(self.end)}


def quarter(year, number):
    start = datetime.date(year, 3 * (number - 1) + 1, 1)
    end_month = 3 * number
    end = (datetime.date(year + 1, 1, 1) if end_month == 12
           else datetime.date(year, end_month + 1, 1)) - datetime.timedelta(days=1)
    return Period("quarter", start, end)


def quarter_of(day):
    return quarter(day.year, (day.month - 1) // 3 + 1)


def year(number):
    return Period("year", datetime.date(number, 1, 1), datetime.date(number, 12, 31))


def custom(start, end):
    return Period("custom", start, end)


def last_ended_quarter(today=None):
    today = today or timezone.localdate()
    current = quarter_of(today)
    return quarter_of(current.start - datetime.timedelta(days=1))


def quarter_to_date(today=None):
    today = today or timezone.localdate()
    return quarter_of(today)
