"""The two review chains of the regulation, end to end through the admin."""

import pytest
from django.core import mail

from django.contrib.auth import get_user_model

from columns.models import NewsPage, NoticePage
from units.models import Unit
from units.setup import DEMO_PASSWORD

from .chain import approve, current_task, reject, submit_news, submit_notice

pytestmark = pytest.mark.django_db


def test_a_district_item_goes_live_after_its_head_and_the_research_office(as_user, column):
    submit_news(as_user("xuecheng"), column("updates/district"))
    page = NewsPage.objects.get(slug="xuecheng-family-doctor")
    assert not page.live
    assert current_task(page) == "一级审核"
    assert approve(as_user("xuecheng_head"), page).status_code == 200
    assert current_task(page) == "二级审核（研究室）"
    assert not NewsPage.objects.get(pk=page.pk).live
    approve(as_user("yjs"), page)
    page.refresh_from_db()
    assert page.live
    assert page.current_workflow_state is None


def test_a_section_notice_passes_five_people_before_going_live(as_user, column):
    submit_notice(as_user("yzk"), column("notices"))
    page = NoticePage.objects.get(slug="yzk-notice")
    steps = [("yzk_head", "一级审核"), ("bgs", "保密审查"), ("fgld", "二级审核（分管领导）"),
             ("yjs", "研究室发布审核")]
    for username, task in steps:
        assert current_task(page) == task
        assert not NoticePage.objects.get(pk=page.pk).live
        approve(as_user(username), page)
    page.refresh_from_db()
    assert page.live


def test_reviewers_are_emailed_when_a_step_waits_for_them(as_user, column):
    mail.outbox.clear()
    submit_notice(as_user("yzk"), column("notices"))
    assert any("yzk_head@example.org" in m.to for m in mail.outbox)
    assert not any("yzk@example.org" in m.to for m in mail.outbox)
    page = NoticePage.objects.get(slug="yzk-notice")
    mail.outbox.clear()
    approve(as_user("yzk_head"), page)
    assert any("bgs@example.org" in m.to for m in mail.outbox)


def test_the_submitter_is_emailed_when_the_item_is_published(as_user, column):
    submit_news(as_user("xuecheng"), column("updates/district"))
    page = NewsPage.objects.get(slug="xuecheng-family-doctor")
    approve(as_user("xuecheng_head"), page)
    mail.outbox.clear()
    approve(as_user("yjs"), page)
    assert any("xuecheng@example.org" in m.to for m in mail.outbox)


def test_a_rejection_returns_the_item_with_its_reason(as_user, column):
    submit_news(as_user("xuecheng"), column("updates/district"))
    page = NewsPage.objects.get(slug="xuecheng-family-doctor")
    mail.outbox.clear()
    reject(as_user("xuecheng_head"), page, "活动人数需要核实。")
    page.refresh_from_db()
    assert page.current_workflow_state.status == "needs_changes"
    to_submitter = [m for m in mail.outbox if "xuecheng@example.org" in m.to]
    assert to_submitter and "活动人数需要核实。" in to_submitter[0].body
    edit_page = as_user("xuecheng").get(f"/admin/pages/{page.pk}/edit/")
    assert "活动人数需要核实。" in edit_page.content.decode()


def test_a_rejected_item_is_resubmitted_and_reviewed_again(as_user, column):
    from tests.helpers import news_form_data

    client = as_user("xuecheng")
    submit_news(client, column("updates/district"))
    page = NewsPage.objects.get(slug="xuecheng-family-doctor")
    reject(as_user("xuecheng_head"), page, "请补充活动照片。")
    client.post(f"/admin/pages/{page.pk}/edit/",
                news_form_data(action="action-submit", title="薛城区家庭医生进社区（已补充）"))
    assert current_task(page) == "一级审核"
    approve(as_user("xuecheng_head"), page)
    approve(as_user("yjs"), page)
    page.refresh_from_db()
    assert page.live and page.title == "薛城区家庭医生进社区（已补充）"


def test_the_checklist_is_recorded_with_each_decision(as_user, column):
    from workflow.models import ReviewTaskState

    submit_news(as_user("xuecheng"), column("updates/district"))
    page = NewsPage.objects.get(slug="xuecheng-family-doctor")
    approve(as_user("xuecheng_head"), page, comment="数据已核实。", policy="na")
    state = ReviewTaskState.objects.filter(status="approved").latest("finished_at")
    assert state.finished_by.username == "xuecheng_head"
    assert state.checklist["statistics"] == "yes"
    assert state.checklist["policy"] == "na"
    assert state.comment == "数据已核实。"


def test_an_edit_after_approvals_goes_back_through_the_vouching_steps(as_user, column):
    from tests.helpers import notice_form_data

    submit_notice(as_user("yzk"), column("notices"))
    page = NoticePage.objects.get(slug="yzk-notice")
    for username in ("yzk_head", "bgs", "fgld"):
        approve(as_user(username), page)
    assert current_task(page) == "研究室发布审核"
    mail.outbox.clear()
    as_user("yjs").post(f"/admin/pages/{page.pk}/edit/",
                        notice_form_data(title="关于开展2026年医疗机构校验工作的通知（修订）"))
    assert current_task(page) == "保密审查"
    to_submitter = [m for m in mail.outbox if "yzk@example.org" in m.to]
    assert to_submitter and "/revisions/compare/" in to_submitter[0].body
    for username in ("bgs", "fgld"):
        assert approve(as_user(username), page).status_code == 200
    assert approve(as_user("yjs"), page).status_code == 403  # yjs edited it last
    colleague = get_user_model().objects.create_user("yjs2", "yjs2@example.org", DEMO_PASSWORD)
    colleague.groups.add(Unit.objects.get(name="研究室").heads_group)
    approve(as_user("yjs2"), page)
    page.refresh_from_db()
    assert page.live and page.title.endswith("（修订）")


def test_saving_without_a_content_change_resets_nothing(as_user, column):
    submit_notice(as_user("yzk"), column("notices"))
    page = NoticePage.objects.get(slug="yzk-notice")
    for username in ("yzk_head", "bgs"):
        approve(as_user(username), page)
    latest = page.get_latest_revision_as_object()
    latest.save_revision(user=page.owner)  # an autosave: new revision, same content
    assert current_task(page) == "二级审核（分管领导）"
    approve(as_user("fgld"), page)
    assert current_task(page) == "研究室发布审核"


def test_only_the_right_reviewer_sees_the_item_waiting_on_his_dashboard(as_user, column):
    submit_news(as_user("xuecheng"), column("updates/district"))
    title = "薛城区开展家庭医生签约服务进社区活动"
    assert title in as_user("xuecheng_head").get("/admin/").content.decode()
    for other in ("yzk_head", "bgs", "fgld", "yjs"):
        assert title not in as_user(other).get("/admin/").content.decode(), other
    page = NewsPage.objects.get(slug="xuecheng-family-doctor")
    approve(as_user("xuecheng_head"), page)
    assert title in as_user("yjs").get("/admin/").content.decode()
    assert title not in as_user("xuecheng_head").get("/admin/").content.decode()
