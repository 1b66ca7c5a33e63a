"""Building and freezing reports.

A report is a list of sections, each a few tables (and charts) of plain
values, stored as JSON when the report is generated.  Views, the Excel
export and the 通报 draft read the stored JSON only, so an issued report
never changes; generating again makes a new 版次 and keeps the old one.

Sections come from SECTION_BUILDERS in order; the letters section plugs in
through evaluation.letters when the mailbox app is installed.
"""

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from wagtail.log_actions import log

from . import letters, scoring, stats
from .models import EvaluationSettings, Report, ReportKind
from .periods import cn_datetime

COUNTING_RULE = ("统计口径：信息按发布（采用）时间计入所在期间，提交按提交时间计入，退回、撤稿按发生时间计入；"
                 "同一条信息在同一期间内多次提交或退回只计一次；信息计入其供稿单位，"
                 "信息员的信息指其本人撰写并提交审核的信息。工作日按工作日历（含法定节假日和调休）计算，"
                 "在信息发布时计算并保存。")
LETTER_RULE = "信件按收到时间计入所在期间。"


def items_section(period, settings_obj):
    table_units, table_sections = stats.unit_tables(period)
    monthly_table, monthly_chart = stats.monthly_table_and_chart(period)
    total = stats.totals(period)
    median = stats.medians_by(period).get((), None)
    summary = [[label, total[m]] for label, m in zip(stats.METRIC_HEADERS, stats.METRICS)]
    summary.append([stats.MEDIAN_HEADER, "—" if median is None else median])
    return {
        "key": "items", "title": "信息报送与发布情况", "note": COUNTING_RULE,
        "summary": dict(zip(stats.METRICS, (total[m] for m in stats.METRICS)),
                        median_workdays=median),
        "tables": [
            {"key": "summary", "title": "总体情况", "headers": ["项目", "数量"],
             "rows": summary, "total": None},
            table_units, table_sections, stats.person_table(period),
            stats.column_totals_table(period), stats.column_table(period),
            monthly_table,
        ],
        "charts": [monthly_chart],
    }


def quota_section(period, settings_obj):
    if period.kind != ReportKind.QUARTER:
        return None
    quota, criticised = stats.quota_table(period, settings_obj.default_quota)
    return {"key": "quota", "title": "信息报送任务（第十八条）",
            "note": f"默认季度任务 {settings_obj.default_quota} 条，研究室可为单位单独设定。",
            "tables": [quota, criticised], "charts": []}


def letters_section(period, settings_obj):
    provider = letters.section()
    if provider is None:
        return {"key": "letters", "title": "咨询回复情况", "note": letters.NOT_AVAILABLE_NOTE,
                "tables": [], "charts": [], "pending": 0}
    return provider.build(period)


def evaluation_section(period, settings_obj):
    if period.kind != ReportKind.YEAR:
        return None
    rules = scoring.rules_snapshot(settings_obj)
    return {"key": "evaluation", "title": "年度考评（第十七条）",
            "note": "按研究室在“考评设置”中设定的计分规则计算；名额内且总分为正的评为先进。",
            "rules": rules,
            "tables": scoring.evaluation_tables(period, rules)
            + [scoring.criticism_table(period), scoring.rules_table(rules)],
            "charts": []}


SECTION_BUILDERS = [items_section, quota_section, letters_section, evaluation_section]


def build_data(period):
    settings_obj = EvaluationSettings.load()
    sections = [s for s in (build(period, settings_obj) for build in SECTION_BUILDERS) if s]
    return {"period": period.as_dict(), "rules": COUNTING_RULE + LETTER_RULE,
            "sections": sections}


def title_of(period):
    kind = {"quarter": "信息发布和咨询回复情况季度统计", "year": "网站信息工作年度统计考评",
            "custom": "信息发布和咨询回复情况统计"}[period.kind]
    return f"{period.label}{kind}"


@transaction.atomic
def generate(period, user=None, automatic=False):
    """Compute and store a new 版次 of the period's report."""
    now = timezone.now()
    data = build_data(period)
    data["generated_at"] = now.isoformat()
    data["generated_at_display"] = cn_datetime(now)
    last = (Report.objects.select_for_update()
            .filter(kind=period.kind, start=period.start, end=period.end)
            .aggregate(v=Max("version"))["v"]) or 0
    report = Report.objects.create(
        kind=period.kind, start=period.start, end=period.end, title=title_of(period),
        version=last + 1, data=data, generated_at=now,
        generated_by=user if user is not None and user.is_authenticated else None,
        automatic=automatic)
    log(instance=report, action="portal.evaluation_report", user=report.generated_by,
        data={"title": report.title, "version": report.version, "automatic": automatic})
    return report


def settle_supplement(report):
    """Write the letters supplement once the pending letters are settled."""
    provider = letters.section()
    if provider is None or report.supplement is not None:
        return None
    supplement = provider.settle(report.period, report.data)
    if supplement is None:
        return None
    report.supplement = supplement
    report.supplemented_at = timezone.now()
    report.save(update_fields=["supplement", "supplemented_at"])
    return report
