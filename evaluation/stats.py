"""Item statistics, aggregated in the database over ItemEvent rows.

Every function issues a fixed number of queries whatever the number of
rows: counts are GROUP BY queries, and the median of the working days is
taken from a histogram (GROUP BY value) rather than from the rows.
"""

from collections import defaultdict
from decimal import Decimal

from django.db.models import Count, Q
from django.db.models.functions import TruncMonth

from units.models import Unit, UnitKind

from .models import EventKind, ItemEvent, UnitQuota
from .periods import tz

METRICS = ("submitted", "published", "rejected", "withdrawn", "content_withdrawn", "picture")
METRIC_HEADERS = ("提交", "采用（发布）", "退回", "撤稿", "其中因内容撤稿", "图片新闻")
MEDIAN_HEADER = "提交至发布中位数（工作日）"


def events_in(period):
    start, after = period.bounds
    return ItemEvent.objects.filter(occurred_at__gte=start, occurred_at__lt=after)


def _distinct_items(**conditions):
    return Count("page_id", distinct=True, filter=Q(**conditions))


COUNTS = {
    "submitted": _distinct_items(kind=EventKind.SUBMITTED),
    "published": _distinct_items(kind=EventKind.PUBLISHED),
    "rejected": _distinct_items(kind=EventKind.REJECTED),
    "withdrawn": _distinct_items(kind=EventKind.WITHDRAWN),
    "content_withdrawn": _distinct_items(kind=EventKind.WITHDRAWN, content_reason=True),
    "picture": _distinct_items(kind=EventKind.PUBLISHED, picture_news=True),
}


def counts_by(period, *keys):
    """{key values: {metric: n}} for the events of the period, grouped by keys."""
    rows = events_in(period).values(*keys).annotate(**COUNTS).order_by()
    return {tuple(row[k] for k in keys): {m: row[m] for m in METRICS} for row in rows}


def totals(period):
    return events_in(period).aggregate(**COUNTS)


def median_from_histogram(histogram):
    """Median of values given as {value: how many}; None when empty."""
    n = sum(histogram.values())
    if not n:
        return None
    wanted = [(n - 1) // 2, n // 2]
    found, seen = [], 0
    for value in sorted(histogram):
        count = histogram[value]
        for index in wanted:
            if seen <= index < seen + count:
                found.append(value)
        seen += count
    middle = (Decimal(found[0]) + Decimal(found[-1])) / 2
    return int(middle) if middle == int(middle) else float(middle)


def medians_by(period, *keys):
    """{key values: median working days} of the items published in the period."""
    rows = (events_in(period).filter(kind=EventKind.PUBLISHED, workdays__isnull=False)
            .values(*keys, "workdays").annotate(n=Count("id")).order_by())
    histograms = defaultdict(dict)
    for row in rows:
        histograms[tuple(row[k] for k in keys)][row["workdays"]] = row["n"]
    return {key: median_from_histogram(h) for key, h in histograms.items()}


def empty_counts():
    return dict.fromkeys(METRICS, 0)


def metric_row(counts, median):
    return [counts[m] for m in METRICS] + ["—" if median is None else median]


def quota_of(period_units, default):
    quotas = dict(UnitQuota.objects.filter(unit__in=period_units).values_list("unit", "quota"))
    return {unit.pk: quotas.get(unit.pk, default) for unit in period_units}


# ------------------------------------------------------------------ tables


def unit_tables(period):
    """单位 and 科室 tables: every unit, also those with nothing this period."""
    counts = counts_by(period, "source_unit")
    medians = medians_by(period, "source_unit")
    units = list(Unit.objects.all())
    tables = []
    for key, title, kinds in (
            ("units", "各单位信息报送情况", None),
            ("sections", "委机关各科室信息报送情况", (UnitKind.SECTION,))):
        rows = []
        for unit in units:
            is_section = unit.kind == UnitKind.SECTION
            if (kinds is None) == is_section:
                continue
            rows.append([unit.name] + metric_row(counts.get((unit.pk,), empty_counts()),
                                                 medians.get((unit.pk,))))
        if kinds is None and (None,) in counts:
            rows.append(["（未注明供稿单位）"] + metric_row(counts[(None,)], medians.get((None,))))
        tables.append({"key": key, "title": title,
                       "headers": ["单位" if kinds is None else "科室", *METRIC_HEADERS,
                                   MEDIAN_HEADER],
                       "rows": rows, "total": _total_row(rows)})
    return tables


def _total_row(rows):
    if not rows:
        return None
    sums = [sum(row[i] for row in rows) for i in range(1, 1 + len(METRICS))]
    return ["合计", *sums, ""]


def person_table(period):
    counts = counts_by(period, "person", "person_name")
    medians = medians_by(period, "person")
    people = {key[0]: key[1] for key in counts if key[0] is not None}
    units = defaultdict(list)
    for group in ("editors_group", "heads_group"):
        for user_id, name in (Unit.objects.filter(**{f"{group}__user__in": list(people)})
                              .values_list(f"{group}__user", "name")):
            if name not in units[user_id]:
                units[user_id].append(name)
    rows = []
    for (user_id, name), values in counts.items():
        if user_id is None:
            continue
        rows.append([name or "—", "、".join(units.get(user_id, [])) or "—"]
                    + metric_row(values, medians.get((user_id,))))
    rows.sort(key=lambda row: (-row[3], -row[2], row[0]))
    return {"key": "people", "title": "信息员报送情况",
            "note": "信息员的信息指其撰写并提交审核的信息（不含研究室代为发布的信息）。",
            "headers": ["信息员", "所在单位", *METRIC_HEADERS, MEDIAN_HEADER],
            "rows": rows, "total": None}


def column_table(period):
    counts = counts_by(period, "source_unit_name", "column_title")
    rows = [[unit or "（未注明供稿单位）", column or "—"] + [values[m] for m in METRICS]
            for (unit, column), values in counts.items()]
    rows.sort(key=lambda row: (row[0], row[1]))
    return {"key": "columns", "title": "分栏目信息报送情况",
            "headers": ["供稿单位", "栏目", *METRIC_HEADERS], "rows": rows, "total": None}


def column_totals_table(period):
    """Per column, all units together."""
    counts = counts_by(period, "column_title")
    medians = medians_by(period, "column_title")
    rows = [[column or "—"] + metric_row(values, medians.get((column,)))
            for (column,), values in counts.items()]
    rows.sort(key=lambda row: (-row[2], row[0]))
    return {"key": "column_totals", "title": "各栏目信息采用情况",
            "headers": ["栏目", *METRIC_HEADERS, MEDIAN_HEADER], "rows": rows,
            "total": _total_row(rows)}


def monthly_published(period):
    """{unit name: {"YYYY-MM": n}} of items published per month."""
    rows = (events_in(period).filter(kind=EventKind.PUBLISHED)
            .annotate(month=TruncMonth("occurred_at", tzinfo=tz()))
            .values("source_unit_name", "month").annotate(n=Count("page_id", distinct=True))
            .order_by())
    result = defaultdict(dict)
    for row in rows:
        month = row["month"]
        result[row["source_unit_name"] or "（未注明供稿单位）"][f"{month:%Y-%m}"] = row["n"]
    return result


def monthly_table_and_chart(period):
    data = monthly_published(period)
    months = [f"{y:04d}-{m:02d}" for y, m in period.months()]
    order = {u.name: i for i, u in enumerate(Unit.objects.all())}
    names = sorted(data, key=lambda n: (order.get(n, 10 ** 6), n))
    rows = [[name] + [data[name].get(m, 0) for m in months] + [sum(data[name].values())]
            for name in names]
    headers = ["供稿单位"] + [f"{int(m[:4])}年{int(m[5:])}月" for m in months] + ["合计"]
    table = {"key": "monthly", "title": "各单位按月发布情况", "headers": headers,
             "rows": rows, "total": None}
    chart = {"key": "monthly", "title": "各单位按月发布信息数", "kind": "stacked_bars",
             "categories": names, "unit": "条",
             "series": [{"name": headers[1 + i], "values": [data[n].get(m, 0) for n in names]}
                        for i, m in enumerate(months)]}
    return table, chart


def published_by_unit(period):
    return {key[0]: values["published"] for key, values in counts_by(period, "source_unit").items()}


def quota_table(period, default_quota):
    published = published_by_unit(period)
    units = list(Unit.objects.all())
    quotas = quota_of(units, default_quota)
    rows, below = [], []
    for unit in units:
        quota = quotas[unit.pk]
        if not quota:
            continue
        done = published.get(unit.pk, 0)
        status = "完成" if done >= quota else f"未完成（差{quota - done}条）"
        rows.append([unit.name, quota, done, status])
        if done < quota:
            below.append([unit.name, quota, done, quota - done])
    return (
        {"key": "quota", "title": "信息报送任务完成情况",
         "note": "报送任务按季度被采用（发布）的信息条数计算。",
         "headers": ["单位", "季度任务（条）", "采用（条）", "完成情况"], "rows": rows, "total": None},
        {"key": "criticised", "title": "未完成信息报送任务的单位（予以通报批评，第十八条）",
         "headers": ["单位", "季度任务（条）", "采用（条）", "差额（条）"], "rows": below,
         "total": None},
    )
