"""Admin-kept corrections to the official holiday calendar.

The chinese-calendar package knows the State Council's holiday and 调休
arrangements only up to the year it was released for. The notice for next
year is published each November/December; until the package is updated,
办公室 enters the new year here: the days that differ from a plain
Monday–Friday week, and then marks the year as complete. Overrides also win
over the package, for corrections and local arrangements.
"""

from django.core.exceptions import ValidationError
from django.db import models


class CalendarDay(models.Model):
    """One day whose working status differs from what the calendar says."""

    date = models.DateField("日期", unique=True)
    is_workday = models.BooleanField(
        "是否上班", help_text="勾选表示调休上班日；不勾选表示放假日"
    )
    name = models.CharField("名称", max_length=30, blank=True, help_text="如：春节、国庆节调休")

    class Meta:
        verbose_name = "节假日调整"
        verbose_name_plural = "节假日调整"
        ordering = ["date"]

    def __str__(self):
        kind = "上班" if self.is_workday else "放假"
        return f"{self.date:%Y-%m-%d} {self.name or ''}{kind}".strip()


class CalendarYear(models.Model):
    """A year whose arrangements 办公室 has entered completely."""

    year = models.PositiveIntegerField("年份", unique=True)
    complete = models.BooleanField(
        "已完整录入", default=False,
        help_text="录入该年全部放假和调休日后勾选；未勾选的年份不会被用于计算期限",
    )
    source = models.CharField(
        "依据", max_length=200, blank=True, help_text="如：国务院办公厅关于2027年部分节假日安排的通知",
    )

    class Meta:
        verbose_name = "年度节假日安排"
        verbose_name_plural = "年度节假日安排"
        ordering = ["-year"]

    def __str__(self):
        return f"{self.year}年" + ("（已录入）" if self.complete else "（未完成）")

    def clean(self):
        if not 2000 <= self.year <= 2100:
            raise ValidationError({"year": "请输入2000至2100之间的年份。"})
