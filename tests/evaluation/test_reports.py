"""Frozen reports and the annual evaluation."""

import pytest
from django.core.exceptions import ValidationError

from evaluation import periods, reports
from evaluation.models import ColumnWeight, EvaluationSettings, Report, UnitQuota

from .factories import Item, at

pytestmark = pytest.mark.django_db


def table(report_or_data, key):
    data = report_or_data.data if isinstance(report_or_data, Report) else report_or_data
    for section in data["sections"]:
        for t in section["tables"]:
            if t["key"] == key:
                return t
    raise KeyError(key)


def row(t, name, col=0):
    return next(r for r in t["rows"] if r[col] == name)


def test_a_frozen_report_is_unchanged_after_later_edits(year_2025, quotas, user, column):
    report = reports.generate(periods.quarter(2025, 2), user=user("yjs"))
    assert report.title == "2025年第二季度信息发布和咨询回复情况季度统计"
    assert row(table(report, "units"), "薛城区卫计局")[1:3] == [3, 3]
    assert table(report, "criticised")["rows"] == [["医政医管科", 2, 1, 1]]

    # Later: another Q2 publication comes in late, the quota is changed.
    Item("医政医管科", user("yzk"), column("notices")).submit("2025-06-02 09:00").publish(
        "2025-06-03 09:00")
    UnitQuota.objects.filter(unit__name="薛城区卫计局").update(quota=5)

    stored = Report.objects.get(pk=report.pk)
    assert row(table(stored, "sections"), "医政医管科")[1:3] == [2, 1]
    assert table(stored, "criticised")["rows"] == [["医政医管科", 2, 1, 1]]
    with pytest.raises(ValidationError):
        stored.title = "改过的标题"
        stored.save()

    again = reports.generate(periods.quarter(2025, 2), user=user("yjs"))
    assert again.version == 2
    assert row(table(again, "sections"), "医政医管科")[1:3] == [3, 2]
    assert table(again, "criticised")["rows"] == [["薛城区卫计局", 5, 3, 2]]
    assert Report.objects.filter(start="2025-04-01").count() == 2


def test_the_report_states_how_items_are_counted(year_2025):
    report = reports.generate(periods.quarter(2025, 2))
    items = report.data["sections"][0]
    assert "信息按发布（采用）时间计入所在期间" in items["note"]
    assert "信件按收到时间计入所在期间" in report.data["rules"]
    assert items["summary"] == {"submitted": 5, "published": 5, "rejected": 2, "withdrawn": 1,
                                "content_withdrawn": 1, "picture": 1, "median_workdays": 3}
    letters = next(s for s in report.data["sections"] if s["key"] == "letters")
    assert letters["note"].startswith("信件按收到时间计入所在期间。")


def test_the_annual_evaluation_ranks_with_the_rules_of_the_admin(year_2025, column):
    settings_obj = EvaluationSettings.load()
    settings_obj.points_per_item = 1
    settings_obj.picture_news_bonus = 2
    settings_obj.content_withdrawal_deduction = 3
    settings_obj.top_units = 3
    settings_obj.save()
    ColumnWeight.objects.create(column=column("updates/district"), weight="1.5")

    report = reports.generate(periods.year(2025))
    assert report.title == "2025年度网站信息工作年度统计考评"
    units = table(report, "rank_units")
    assert units["headers"] == ["名次", "单位", "采用（条）", "基础分（含栏目权重）", "图片新闻（条）",
                                "图片新闻加分", "因内容撤稿（条）", "撤稿扣分", "逾期回复（件）",
                                "逾期回复扣分", "总分", "评选结果"]
    # 3 items in 区(市)动态 × 1.5, one 图片新闻 + 2.
    assert units["rows"][0] == [1, "薛城区卫计局", 3, 4.5, 1, 2.0, 0, 0.0, 0, 0.0, 6.5, "先进单位"]
    # One item, taken offline at its 下线时间: no deduction.
    assert units["rows"][1] == [2, "峄城区卫计局", 1, 1.0, 0, 0.0, 0, 0.0, 0, 0.0, 1.0, "先进单位"]
    # Third place has 0 points: not commended.
    assert units["rows"][2][-1] == ""

    sections = table(report, "rank_sections")
    yzk = row(sections, "医政医管科", col=1)
    assert yzk[2:] == [2, 2.0, 0, 0.0, 1, 3.0, 0, 0.0, -1.0, ""]
    assert yzk[0] == len(sections["rows"])  # last
    assert not any(r[-1] for r in sections["rows"])

    people = table(report, "rank_people")
    assert people["rows"][0][1:] == ["薛城区卫计局 陈静", 3, 4.5, 1, 2.0, 0, 0.0, 0, 0.0, 6.5,
                                     "优秀信息员"]
    assert people["rows"][1][1:] == ["医政医管科 赵磊", 2, 2.0, 0, 0.0, 0, 0.0, 0, 0.0, 2.0,
                                     "优秀信息员"]
    # The three reviewers who approved the withdrawn item are charged.
    charged = {r[1]: r[10] for r in people["rows"][2:]}
    assert len(charged) == 3 and set(charged.values()) == {-3.0}
    rules = table(report, "rules")
    assert ["栏目权重：区(市)动态", "1.50"] in rules["rows"]


def test_quarter_reports_have_no_ranking_and_year_reports_no_quota(year_2025):
    quarter = reports.generate(periods.quarter(2025, 2))
    year = reports.generate(periods.year(2025))
    assert {s["key"] for s in quarter.data["sections"]} == {"items", "quota", "letters"}
    assert {s["key"] for s in year.data["sections"]} == {"items", "letters", "evaluation"}


def test_report_queries_do_not_grow_with_the_rows(year_2025, user, column):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    reports.build_data(periods.year(2025))  # settings row and caches
    with CaptureQueriesContext(connection) as few:
        reports.build_data(periods.year(2025))
    from mailbox.models import Letter, LetterKind

    for n in range(10):
        Letter(kind=LetterKind.HOTLINE, received_at=at("2025-08-01 09:00"), name="张三",
               phone="13800000000", subject=f"来电{n}", content="……").save()
    for n in range(30):
        Item("薛城区卫计局", user("xuecheng"), column("updates/district")).submit(
            "2025-08-01 09:00").publish("2025-08-05 09:00").withdraw("2025-08-06 09:00", "错误")
    with CaptureQueriesContext(connection) as many:
        reports.build_data(periods.year(2025))
    assert len(many.captured_queries) == len(few.captured_queries)
    assert len(few.captured_queries) < 40
    # Cross-check one figure: 30 more items published in 2025.
    data = reports.build_data(periods.year(2025))
    assert data["sections"][0]["summary"]["published"] == 36


def test_the_year_repeats_the_criticisms_of_the_issued_quarterly_reports(year_2025, quotas):
    reports.generate(periods.quarter(2025, 2))
    UnitQuota.objects.filter(unit__name="峄城区卫计局").update(quota=2)
    reports.generate(periods.quarter(2025, 3))
    # A later change of quota does not rewrite what Q2 announced.
    UnitQuota.objects.filter(unit__name="薛城区卫计局").update(quota=9)
    year = reports.generate(periods.year(2025))
    criticisms = table(year, "criticisms")
    assert criticisms["headers"] == ["单位", "第二季度", "第三季度", "被通报次数"]
    assert criticisms["rows"] == [
        ["医政医管科", "未完成（1/2）", "未完成（1/2）", 2],
        ["薛城区卫计局", "完成", "未完成（0/3）", 1],
        ["峄城区卫计局", "完成", "未完成（0/2）", 1],
    ]
    assert "第一季度、第四季度尚无季度报告。" in criticisms["note"]
