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


def increment(model, field, **lookup):
    """Add one to the counter row of model found by lookup (creating it at 1)
    and return the new value, inside the caller's transaction."""
    with transaction.atomic():
        if not model.objects.filter(**lookup).update(**{field: F(field) + 1}):
            try:
                with transaction.atomic():
                    model.objects.create(**lookup, **{field: 1})
                return 1
            except IntegrityError:  # another writer created the row first
                model.objects.filter(**lookup).update(**{field: F(field) + 1})
        return model.objects.values_list(field, flat=True).get(**lookup)


def next_serial(year):
    return increment(IndexNumberSequence, "last_serial", year=year)


def allocate_index_number(year):
    return f"{_credit_code()}/{year:04d}-{next_serial(year):05d}"
