"""Quarterly item statistics on crafted data: exact figures at the boundaries."""

import pytest

from evaluation import periods, stats
from evaluation.models import EventKind, ItemEvent, WithdrawalCharge

pytestmark = pytest.mark.django_db

Q2 = periods.quarter(2025, 2)
Q3 = periods.quarter(2025, 3)
HEADERS = ["提交", "采用（发布）", "退回", "撤稿", "其中因内容撤稿", "图片新闻", "提交至发布中位数（工作日）"]


def row(table, name):
    return next(r for r in table["rows"] if r[0] == name)


def test_working_days_are_stored_when_the_item_is_published(year_2025):
    days = {n: ItemEvent.objects.get(kind=EventKind.PUBLISHED, page_id=i.page_id).workdays
            for n, i in year_2025.items() if n != 7}
    # 3/31 → 4/8 across 清明 (4–6 April): 4/1, 4/2, 4/3, 4/7, 4/8.
    # 4/28 → 5/7 across 劳动节 (1–5 May): 4/29, 4/30, 5/6, 5/7.
    assert days == {1: 5, 2: 1, 3: 4, 4: 1, 5: 2, 6: None}


def test_an_item_counts_where_it_was_published_and_a_submission_where_it_was_submitted(
        year_2025):
    units, sections = stats.unit_tables(Q2)
    assert units["headers"][1:] == HEADERS
    # Item 1 was submitted in Q1: published here, not submitted here.
    assert row(units, "薛城区卫计局")[1:] == [3, 3, 2, 0, 0, 1, 4]
    # Published directly at 23:30 on 30 June: Q2.
    assert row(units, "峄城区卫计局")[1:] == [0, 1, 0, 0, 0, 0, "—"]
    # Item 4 was submitted in Q2 and published in Q3.
    assert row(sections, "医政医管科")[1:] == [2, 1, 0, 1, 1, 0, 2]
    assert row(units, "山亭区卫计局")[1:] == [0, 0, 0, 0, 0, 0, "—"]
    assert units["total"][1:7] == [3, 4, 2, 0, 0, 1]
    assert stats.totals(Q2) == {"submitted": 5, "published": 5, "rejected": 2, "withdrawn": 1,
                                "content_withdrawn": 1, "picture": 1}
    # Median of 5, 1, 4, 2 working days.
    assert stats.medians_by(Q2)[()] == 3


def test_the_next_quarter_gets_the_late_publication_and_not_the_expiry(year_2025):
    units, sections = stats.unit_tables(Q3)
    assert row(sections, "医政医管科")[1:] == [0, 1, 0, 0, 0, 0, 1]
    # Reaching its 下线时间 on 2 July is not a withdrawal.
    assert row(units, "峄城区卫计局")[1:] == [0, 0, 0, 0, 0, 0, "—"]


def test_people_are_counted_on_what_they_wrote_and_submitted(year_2025):
    table = stats.person_table(Q2)
    assert table["rows"] == [
        ["薛城区卫计局 陈静", "薛城区卫计局", 3, 3, 2, 0, 0, 1, 4],
        ["医政医管科 赵磊", "医政医管科", 2, 1, 0, 1, 1, 0, 2],
    ]


def test_by_column(year_2025):
    table = stats.column_table(Q2)
    assert [r for r in table["rows"] if r[0] == "薛城区卫计局"] == [
        ["薛城区卫计局", "区(市)动态", 3, 3, 2, 0, 0, 1]]
    assert ["医政医管科", "通知公告", 2, 1, 0, 1, 1, 0] in table["rows"]


def test_column_totals(year_2025):
    table = stats.column_totals_table(Q2)
    assert table["rows"] == [
        ["区(市)动态", 3, 3, 2, 0, 0, 1, 4],
        ["工作要闻", 0, 1, 0, 0, 0, 0, "—"],
        ["通知公告", 2, 1, 0, 1, 1, 0, 2],
    ]
    assert table["total"] == ["合计", 5, 5, 2, 1, 1, 1, ""]


def test_monthly_publishing_by_unit(year_2025):
    table, chart = stats.monthly_table_and_chart(Q2)
    assert table["headers"] == ["供稿单位", "2025年4月", "2025年5月", "2025年6月", "合计"]
    assert row(table, "薛城区卫计局") == ["薛城区卫计局", 2, 1, 0, 3]
    assert row(table, "医政医管科") == ["医政医管科", 0, 1, 0, 1]
    assert row(table, "峄城区卫计局") == ["峄城区卫计局", 0, 0, 1, 1]
    assert [s["name"] for s in chart["series"]] == ["2025年4月", "2025年5月", "2025年6月"]
    by_unit = {name: [s["values"][i] for s in chart["series"]]
               for i, name in enumerate(chart["categories"])}
    assert by_unit == {"薛城区卫计局": [2, 1, 0], "医政医管科": [0, 1, 0], "峄城区卫计局": [0, 0, 1]}


def test_a_content_withdrawal_charges_the_reviewers_who_approved(year_2025):
    charges = WithdrawalCharge.objects.filter(event__page_id=year_2025[5].page_id)
    assert sorted(c.user.username for c in charges) == ["fgld", "yjs", "yzk_head"]
    # An expiry is no withdrawal at all.
    assert not ItemEvent.objects.filter(kind=EventKind.WITHDRAWN,
                                        page_id=year_2025[6].page_id).exists()


def test_quota_exactly_met_is_met(year_2025, quotas):
    quota, criticised = stats.quota_table(Q2, default_quota=0)
    assert quota["rows"] == [
        ["医政医管科", 2, 1, "未完成（差1条）"],
        ["薛城区卫计局", 3, 3, "完成"],
        ["峄城区卫计局", 1, 1, "完成"],
    ]
    assert criticised["rows"] == [["医政医管科", 2, 1, 1]]


def test_the_default_quota_applies_to_units_without_their_own(year_2025, quotas):
    _, criticised = stats.quota_table(Q2, default_quota=1)
    names = [r[0] for r in criticised["rows"]]
    assert "山亭区卫计局" in names and "研究室" in names
    assert "峄城区卫计局" not in names and "薛城区卫计局" not in names


def test_median_of_an_even_count_is_the_mean_of_the_middle_two():
    assert stats.median_from_histogram({1: 1, 2: 1}) == 1.5
    assert stats.median_from_histogram({3: 4}) == 3
    assert stats.median_from_histogram({}) is None
