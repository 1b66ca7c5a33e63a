"""Refusals that must hold, tried through the admin's HTTP endpoints."""

import json

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from columns.models import NewsPage, NoticePage
from tests.helpers import checklist, news_form_data
from units.models import Unit
from units.setup import DEMO_PASSWORD
from workflow.models import ReviewTaskState

from .chain import act, approve, current_task, reject, submit_news, submit_notice

pytestmark = pytest.mark.django_db


@pytest.fixture
def district_item(as_user, column):
    submit_news(as_user("xuecheng"), column("updates/district"))
    return NewsPage.objects.get(slug="xuecheng-family-doctor")


@pytest.fixture
def section_notice(as_user, column):
    submit_notice(as_user("yzk"), column("notices"))
    return NoticePage.objects.get(slug="yzk-notice")


def make_user(username, *groups):
    user = get_user_model().objects.create_user(username, f"{username}@example.org",
                                                DEMO_PASSWORD)
    user.groups.add(*groups)
    return user


def approved_count(page):
    return ReviewTaskState.objects.filter(
        workflow_state__object_id=str(page.pk), status="approved").count()


def test_the_head_of_another_unit_cannot_approve(as_user, district_item):
    make_user("tengzhou_head", Unit.objects.get(name="滕州市卫计局").heads_group)
    response = approve(as_user("tengzhou_head"), district_item)
    assert response.status_code in (302, 403)
    assert current_task(district_item) == "一级审核"
    assert approved_count(district_item) == 0


def test_a_leader_cannot_approve_items_of_a_section_he_does_not_supervise(as_user, column):
    from tests.helpers import notice_form_data
    from .chain import create_and_submit

    hr = make_user("rsk", Unit.objects.get(name="人事科").editors_group)
    make_user("rsk_head", Unit.objects.get(name="人事科").heads_group)
    data = notice_form_data(action="action-submit", unit="人事科", slug="hr-notice")
    data["_model"] = "noticepage"
    create_and_submit(as_user(hr.username), column("notices"), data)
    notice = NoticePage.objects.get(slug="hr-notice")
    approve(as_user("rsk_head"), notice)
    approve(as_user("bgs"), notice)
    assert current_task(notice) == "二级审核（分管领导）"
    response = approve(as_user("fgld"), notice)
    assert response.status_code in (302, 403)
    assert current_task(notice) == "二级审核（分管领导）"


def test_the_office_cannot_approve_a_step_that_is_not_the_confidentiality_check(
        as_user, section_notice):
    assert current_task(section_notice) == "一级审核"
    approve(as_user("bgs"), section_notice)
    assert current_task(section_notice) == "一级审核"
    approve(as_user("yzk_head"), section_notice)
    approve(as_user("bgs"), section_notice)
    assert current_task(section_notice) == "二级审核（分管领导）"
    approve(as_user("bgs"), section_notice)
    assert current_task(section_notice) == "二级审核（分管领导）"


def test_nobody_approves_an_item_he_wrote(as_user, column):
    client = as_user("yjs")
    submit_news(client, column("news"), unit="研究室", slug="yjs-own")
    page = NewsPage.objects.get(slug="yjs-own")
    assert current_task(page) == "一级审核"
    approve(client, page)
    assert current_task(page) == "一级审核"
    assert approved_count(page) == 0


def test_the_last_editor_cannot_approve_the_next_step(as_user, district_item):
    approve(as_user("xuecheng_head"), district_item)
    client = as_user("yjs")  # 研究室 corrects the text, then may not approve it itself
    client.post(f"/admin/pages/{district_item.pk}/edit/",
                news_form_data(title="薛城区家庭医生进社区（研究室修改）"))
    approve(client, district_item)
    assert current_task(district_item) == "二级审核（研究室）"
    assert not NewsPage.objects.get(pk=district_item.pk).live


def test_an_incomplete_checklist_is_refused_with_a_message(as_user, district_item):
    response = act(as_user("xuecheng_head"), district_item, "approve",
                   checklist(statistics="na"))
    body = response.json()
    assert body["step"] == "action"
    assert "统计数据是否准确" in body["html"]
    assert current_task(district_item) == "一级审核"
    response = act(as_user("xuecheng_head"), district_item, "approve",
                   checklist(secret="no"))
    assert "涉及秘密" in response.json()["html"]
    assert approved_count(district_item) == 0


def test_the_edit_page_approval_cannot_skip_the_checklist(as_user, district_item):
    client = as_user("xuecheng_head")
    data = news_form_data(title="薛城区开展家庭医生签约服务进社区活动",
                          action="action-workflow-action")
    data["workflow-action-name"] = "approve"
    data["workflow-action-extra-data"] = json.dumps({"comment": "同意"})
    response = client.post(f"/admin/pages/{district_item.pk}/edit/", data, follow=True)
    html = response.content.decode()
    assert "请填写审核结论" in html
    assert current_task(district_item) == "一级审核"
    assert approved_count(district_item) == 0
    data["workflow-action-extra-data"] = json.dumps(checklist())
    client.post(f"/admin/pages/{district_item.pk}/edit/", data)
    assert current_task(district_item) == "二级审核（研究室）"


def test_a_rejection_needs_a_reason(as_user, district_item):
    response = reject(as_user("xuecheng_head"), district_item, "  ")
    assert "退回修改必须填写理由" in response.json()["html"]
    district_item.refresh_from_db()
    assert district_item.current_workflow_state.status == "in_progress"


def test_a_decided_step_cannot_be_decided_again(as_user, district_item):
    state = district_item.current_workflow_task_state
    approve(as_user("xuecheng_head"), district_item)
    url = reverse("wagtailadmin_pages:workflow_action",
                  args=(district_item.pk, "reject", state.pk))
    response = as_user("xuecheng_head").post(url, {"comment": "迟到的退回"},
                                             headers={"x-requested-with": "XMLHttpRequest"})
    assert response.status_code in (200, 302, 403)
    assert current_task(district_item) == "二级审核（研究室）"
    state.refresh_from_db()
    assert state.status == "approved"


def test_a_submitter_cannot_publish_his_item_under_review(as_user, district_item):
    client = as_user("xuecheng")
    client.post(f"/admin/pages/{district_item.pk}/edit/",
                news_form_data(action="action-publish"))
    client.post(f"/admin/bulk/wagtailcore/page/publish/?id={district_item.pk}&next=/admin/", {})
    assert not NewsPage.objects.get(pk=district_item.pk).live
