"""The column tree bootstrap builds, and where each kind of item may go."""

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from wagtail.models import GroupPagePermission, Page, Workflow

from columns import models as m
from columns.tree import leaves, walk
from units.models import Unit

pytestmark = pytest.mark.django_db


def test_every_column_and_sub_column_of_the_map_exists_and_is_live(column):
    for path, spec in walk():
        page = column(path)
        assert page.title == spec.title
        assert page.live
        assert type(page).__name__ == spec.kind


def test_the_nine_columns_are_in_the_navigation(home):
    titles = list(home.get_children().live().in_menu().values_list("title", flat=True))
    assert titles == ["工作要闻", "工作动态", "通知公告", "政务公开", "组织机构", "专题专栏",
                      "服务大厅", "互动交流", "健康枣庄"]


def test_sub_columns_named_in_the_map_are_all_there(column):
    def subs(path):
        return list(column(path).get_children().values_list("title", flat=True))

    assert subs("updates") == ["市级动态", "区(市)动态", "镇(街)动态"]
    assert subs("open") == ["信息公开指南", "信息公开目录", "信息公开年报", "依申请公开",
                            "信息公开监督信箱", "责任清单", "财务公开", "许可公示"]
    assert subs("organisation") == ["机构职能", "领导班子", "科室设置"]
    assert len(subs("services")) == 6
    assert subs("interaction") == ["主任信箱", "卫生计生热线", "在线访谈"]
    assert subs("health") == ["疾病预防", "健康生活", "医疗常识"]
    assert len(subs("topics")) >= 2


def test_every_leaf_column_has_at_least_three_live_items(column):
    for path, _spec in leaves():
        assert m.ItemPage.objects.child_of(column(path)).live().count() >= 3, path


def test_columns_record_who_maintains_them_and_their_freshness_type(column):
    district = column("updates/district")
    assert [u.name for u in district.maintainers.all()] == ["研究室"]
    assert "薛城区卫计局" in [u.name for u in district.contributors.all()]
    assert district.column_type == m.ColumnType.NEWS
    health = column("health/prevention")
    assert [u.name for u in health.maintainers.all()] == ["宣传科"]
    assert column("organisation/leaders").column_type == m.ColumnType.PERSONNEL
    assert column("notices").column_type == m.ColumnType.NOTICE


@pytest.mark.parametrize("parent, child, allowed", [
    (m.NewsColumnPage, m.NewsPage, True),
    (m.NewsColumnPage, m.NoticePage, False),
    (m.NoticeColumnPage, m.NoticePage, True),
    (m.NoticeColumnPage, m.NewsPage, False),
    (m.DocumentColumnPage, m.GovDocumentPage, True),
    (m.DocumentColumnPage, m.NewsPage, False),
    (m.InterviewColumnPage, m.InterviewPage, True),
    (m.SurveyColumnPage, m.SurveyPage, True),
    (m.DownloadColumnPage, m.DownloadPage, True),
    (m.ContentColumnPage, m.ContentPage, True),
    (m.ContentColumnPage, m.GovDocumentPage, False),
    (m.SectionPage, m.NewsPage, False),
    (m.NewsPage, m.NewsPage, False),
])
def test_items_fit_only_their_kind_of_column(parent, child, allowed):
    assert (child in parent.allowed_subpage_models()) is allowed
    assert (parent in child.allowed_parent_page_models()) is allowed


def test_the_abstract_item_type_cannot_be_created():
    assert not m.ItemPage.is_creatable


def test_admin_refuses_a_notice_in_a_news_column(login, column):
    client = login("admin")
    district = column("updates/district")
    response = client.get(f"/admin/pages/add/columns/noticepage/{district.pk}/")
    assert response.status_code == 403 or response.url == "/admin/"


def counts():
    return {
        "pages": Page.objects.count(),
        "units": Unit.objects.count(),
        "groups": Group.objects.count(),
        "page_permissions": GroupPagePermission.objects.count(),
        "workflows": Workflow.objects.count(),
    }


def test_bootstrap_twice_leaves_the_same_counts():
    before = counts()
    call_command("bootstrap_portal", "--demo", verbosity=0)
    assert counts() == before


def test_bootstrap_keeps_an_administrators_changes_to_a_column(column):
    district = column("updates/district")
    district.title = "区（市）工作动态"
    district.save_revision().publish()
    call_command("bootstrap_portal", verbosity=0)
    district.refresh_from_db()
    assert district.title == "区（市）工作动态"
