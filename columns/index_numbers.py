"""索引号 allocation for government-information documents.

A counter row per 成文 year, incremented with a single UPDATE inside the
caller's transaction: the row lock (PostgreSQL) or the database write lock
(SQLite) serialises concurrent publishers, so no two documents ever get the
same serial, and a number once handed out is never handed out again.
"""

from django.apps import apps
from django.db import IntegrityError, models, transaction
from django.db.models import F


class IndexNumberSequence(models.Model):
    year = models.PositiveIntegerField("年份", primary_key=True)
    last_serial = models.PositiveIntegerField("已用流水号", default=0)

    class Meta:
        app_label = "columns"
        verbose_name = "索引号流水"
        verbose_name_plural = "索引号流水"


def _credit_code():
    """The credit code of the default site's 信息公开设置 (created on first use)."""
    from wagtail.models import Site

    settings_model = apps.get_model("columns", "DisclosureSettings")
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        return settings_model._meta.get_field("credit_code").default
    return settings_model.for_site(site).credit_code


def next_serial(year):
    with transaction.atomic():
        updated = IndexNumberSequence.objects.filter(year=year).update(
            last_serial=F("last_serial") + 1
        )
        if not updated:
            try:
                with transaction.atomic():
                    IndexNumberSequence.objects.create(year=year, last_serial=1)
                return 1
            except IntegrityError:  # another publisher created the row first
                IndexNumberSequence.objects.filter(year=year).update(
                    last_serial=F("last_serial") + 1
                )
        return IndexNumberSequence.objects.get(year=year).last_serial


def allocate_index_number(year):
    return f"{_credit_code()}/{year:04d}-{next_serial(year):05d}"
