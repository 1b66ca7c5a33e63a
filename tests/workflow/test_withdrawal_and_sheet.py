"""撤稿 by 研究室/办公室 with a reason; the printable 信息发布审核单 with 代签."""

import pytest
from django.contrib.auth import get_user_model
from django.core import mail

from columns.models import NewsPage, NoticePage
from units.models import Leader
from units.setup import DEMO_PASSWORD
from wagtail.models import PageLogEntry

from .chain import approve, current_task, submit_news, submit_notice

pytestmark = pytest.mark.django_db


@pytest.fixture
def published_district_item(as_user, column):
    submit_news(as_user("xuecheng"), column("updates/district"))
    page = NewsPage.objects.get(slug="xuecheng-family-doctor")
    approve(as_user("xuecheng_head"), page, comment="数据属实。")
    approve(as_user("yjs"), page, comment="同意发布。")
    page.refresh_from_db()
    assert page.live
    return page


@pytest.mark.parametrize("username", ["yjs", "bgs"])
def test_the_offices_withdraw_a_live_item_with_a_reason(as_user, published_district_item,
                                                        username):
    mail.outbox.clear()
    response = as_user(username).post(f"/admin/withdraw/{published_district_item.pk}/",
                                      {"reason": "数据有误，待核实后重新发布。", "cause": "content"})
    assert response.status_code == 302
    published_district_item.refresh_from_db()
    assert not published_district_item.live
    entry = PageLogEntry.objects.filter(page=published_district_item,
                                        action="portal.withdraw").get()
    assert entry.data["reason"] == "数据有误，待核实后重新发布。"
    assert entry.user.username == username
    to_submitter = [m for m in mail.outbox if "xuecheng@example.org" in m.to]
    assert to_submitter and "数据有误" in to_submitter[0].body


@pytest.mark.parametrize("username", ["xuecheng", "xck", "yzk_head", "fgld"])
def test_others_cannot_withdraw(as_user, published_district_item, username):
    response = as_user(username).post(f"/admin/withdraw/{published_district_item.pk}/",
                                      {"reason": "试图撤稿"})
    assert response.status_code in (302, 403)
    published_district_item.refresh_from_db()
    assert published_district_item.live


def test_a_withdrawal_needs_a_reason(as_user, published_district_item):
    response = as_user("yjs").post(f"/admin/withdraw/{published_district_item.pk}/",
                                   {"reason": " "})
    assert response.status_code == 200
    assert "撤稿必须填写理由" in response.content.decode()
    published_district_item.refresh_from_db()
    assert published_district_item.live


def test_the_review_sheet_lists_every_step_with_checklist_and_opinion(
        as_user, published_district_item):
    html = as_user("xuecheng").get(
        f"/admin/review-sheet/{published_district_item.pk}/").content.decode()
    assert "信息发布审核单" in html
    assert published_district_item.title in html
    assert "区(市)动态" in html and "薛城区卫计局" in html
    assert "一级审核" in html and "二级审核（研究室）" in html
    assert "数据属实。" in html and "同意发布。" in html
    assert "（八）统计数据是否准确：准确" in html
    assert "@page { size: A4" in html


def test_a_secretary_signs_for_the_leader_and_both_names_are_recorded(as_user, column):
    secretary = get_user_model().objects.create_user(
        "fgld_ms", "fgld_ms@example.org", DEMO_PASSWORD, first_name="秘书 王丽")
    Leader.objects.get(user__username="fgld").secretaries.add(secretary)
    submit_notice(as_user("yzk"), column("notices"))
    page = NoticePage.objects.get(slug="yzk-notice")
    approve(as_user("yzk_head"), page)
    approve(as_user("bgs"), page)
    approve(as_user("fgld_ms"), page, comment="经张伟同志同意。")
    assert current_task(page) == "研究室发布审核"
    html = as_user("yzk").get(f"/admin/review-sheet/{page.pk}/").content.decode()
    assert "分管领导 张伟（秘书 王丽 代签）" in html


def test_strangers_cannot_read_a_review_sheet(as_user, published_district_item):
    get_user_model().objects.create_user("stranger", "s@example.org", DEMO_PASSWORD)
    response = as_user("stranger").get(f"/admin/review-sheet/{published_district_item.pk}/")
    assert response.status_code in (302, 403)


def test_the_cause_of_a_withdrawal_is_chosen_and_registered(as_user, published_district_item):
    from workflow.register import PublicationRecord

    page = published_district_item
    url = f"/admin/withdraw/{page.pk}/"
    response = as_user("yjs").post(url, {"reason": "已有更新的通知替代。"})
    assert "请选择撤稿原因类别" in response.content.decode()
    page.refresh_from_db()
    assert page.live
    as_user("yjs").post(url, {"reason": "已有更新的通知替代。", "cause": "outdated"})
    record = PublicationRecord.objects.filter(page=page).latest("number")
    assert record.withdrawal_cause == "outdated" and record.withdrawn_at
