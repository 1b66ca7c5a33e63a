"""The publication register (登记备案, Art. 9 and 6): one record per
publication, with the whole review chain, kept whatever happens to the page."""

import csv
import datetime
import io

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import Revision, TaskState, WorkflowState

from columns.models import NewsPage, NoticePage
from tests.helpers import news_form_data
from units.models import Unit
from units.setup import DEMO_PASSWORD
from workflow.register import PublicationRecord, record_withdrawal

from .chain import approve, reject, submit_news, submit_notice

pytestmark = pytest.mark.django_db

REPORT = "/admin/reports/register/"
DISTRICT_TITLE = "薛城区开展家庭医生签约服务进社区活动"
NOTICE_TITLE = "关于开展2026年医疗机构校验工作的通知"


def district_chain(as_user, column):
    submit_news(as_user("xuecheng"), column("updates/district"))
    page = NewsPage.objects.get(slug="xuecheng-family-doctor")
    approve(as_user("xuecheng_head"), page, comment="数据已核实。", policy="na")
    approve(as_user("yjs"), page, comment="同意在区(市)动态发布。")
    page.refresh_from_db()
    assert page.live
    return page


def notice_chain(as_user, column):
    submit_notice(as_user("yzk"), column("notices"))
    page = NoticePage.objects.get(slug="yzk-notice")
    for username in ("yzk_head", "bgs", "fgld", "yjs"):
        approve(as_user(username), page, comment=f"{username} 同意。",
                other="已核对文号" if username == "bgs" else "")
    page.refresh_from_db()
    assert page.live
    return page


def record_of(page):
    return PublicationRecord.objects.filter(page_id_snapshot=page.pk).latest("number")


@pytest.fixture
def both(as_user, column):
    district = district_chain(as_user, column)
    notice = notice_chain(as_user, column)
    return record_of(district), record_of(notice)


def html(response):
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def download(response):
    assert response.status_code == 200
    return b"".join(response.streaming_content)


# ---------------------------------------------------------------- records


def test_each_chain_is_registered_with_every_step(both):
    district, notice = both
    assert notice.number == district.number + 1
    assert district.registration_code == (
        f"DJ-{timezone.localtime(district.published_at).year}-{district.number:06d}")

    assert district.title == DISTRICT_TITLE
    assert district.column_title == "区(市)动态"
    assert district.column_path == "工作动态 › 区(市)动态"
    assert district.source_unit_name == "薛城区卫计局"
    assert district.submitter.username == "xuecheng"
    assert district.submitter_name == "薛城区卫计局 陈静"
    assert district.publisher.username == "yjs"
    assert not district.direct_publish
    assert [(s["task"], s["reviewer"], s["decision"]) for s in district.chain] == [
        ("一级审核", "xuecheng_head", "通过"), ("二级审核（研究室）", "yjs", "通过")]
    first = district.chain[0]
    assert first["reviewer_name"] == "薛城区卫计局局长 周涛"
    assert first["comment"] == "数据已核实。"
    assert first["checklist"]["statistics"] == "准确"
    assert first["checklist"]["policy"] == "不适用"
    assert first["checklist"]["secret"] == "不涉及秘密"
    assert first["time"] and first["task_type"] == "一级审核（供稿单位负责人）"
    assert "一级审核：薛城区卫计局局长 周涛 通过" in district.chain_summary

    assert notice.responsible_section_name == "医政医管科"
    assert [(s["task"], s["reviewer"]) for s in notice.chain] == [
        ("一级审核", "yzk_head"), ("保密审查", "bgs"), ("二级审核（分管领导）", "fgld"),
        ("研究室发布审核", "yjs")]
    assert notice.chain[1]["other_matters"] == "已核对文号"
    assert notice.chain[2]["comment"] == "fgld 同意。"
    page = NoticePage.objects.get(pk=notice.page_id_snapshot)
    assert notice.revision_id == page.live_revision_id
    from workflow.revisions import fingerprint

    assert notice.content_hash == fingerprint(page.live_revision)
    assert notice.content["title"] == NOTICE_TITLE


def test_a_rejected_round_stays_in_the_chain(as_user, column):
    client = as_user("xuecheng")
    submit_news(client, column("updates/district"))
    page = NewsPage.objects.get(slug="xuecheng-family-doctor")
    reject(as_user("xuecheng_head"), page, "请补充活动照片。")
    client.post(f"/admin/pages/{page.pk}/edit/",
                news_form_data(action="action-submit", title="薛城区家庭医生进社区（已补充）"))
    approve(as_user("xuecheng_head"), page)
    approve(as_user("yjs"), page)
    record = record_of(page)
    assert [(s["task"], s["decision"]) for s in record.chain] == [
        ("一级审核", "退回"), ("一级审核", "通过"), ("二级审核（研究室）", "通过")]
    assert record.chain[0]["comment"] == "请补充活动照片。"
    assert record.title == "薛城区家庭医生进社区（已补充）"


def test_a_superuser_publishing_directly_is_registered_as_such(as_user, column):
    response = as_user("admin").post(
        f"/admin/pages/add/columns/newspage/{column('updates/district').pk}/",
        news_form_data(action="action-publish", slug="direct-news", title="直接发布的稿件"))
    assert response.status_code == 302
    page = NewsPage.objects.get(slug="direct-news")
    record = record_of(page)
    assert record.direct_publish and record.chain == []
    assert record.publisher.username == "admin" and record.submitter.username == "admin"
    assert record.chain_summary == "直接发布（未经审核流程）"


# ---------------------------------------------------------------- scope


@pytest.mark.parametrize("username", ["yjs", "xck", "fgld", "admin"])
def test_research_office_publicity_office_leaders_see_everything(both, as_user, username):
    page = html(as_user(username).get(REPORT))
    assert DISTRICT_TITLE in page and NOTICE_TITLE in page
    assert "薛城区卫计局局长 周涛" in page  # the chain summary


def test_a_unit_sees_only_its_own_records(both, as_user):
    district, notice = both
    page = html(as_user("xuecheng").get(REPORT))
    assert DISTRICT_TITLE in page and NOTICE_TITLE not in page
    page = html(as_user("yzk").get(REPORT))
    assert NOTICE_TITLE in page and DISTRICT_TITLE not in page


def test_a_user_in_no_unit_sees_nothing(both, client):
    user = get_user_model().objects.create_user("guest", "guest@example.org", DEMO_PASSWORD)
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.login(username="guest", password=DEMO_PASSWORD)
    page = html(client.get(REPORT))
    assert DISTRICT_TITLE not in page and NOTICE_TITLE not in page
    assert client.get(f"{REPORT}{both[0].pk}/").status_code == 404


def test_the_detail_view_shows_everything_in_scope_and_refuses_the_rest(both, as_user):
    district, notice = both
    page = html(as_user("yzk").get(f"{REPORT}{notice.pk}/"))
    for text in (notice.registration_code, NOTICE_TITLE, "医政医管科科长 孙强", "保密审查",
                 "bgs 同意。", "（一）上网信息是否涉及秘密：不涉及秘密", "已核对文号",
                 notice.content_hash):
        assert text in page
    assert as_user("xuecheng").get(f"{REPORT}{notice.pk}/").status_code == 404
    assert as_user("yzk").get(f"{REPORT}{district.pk}/").status_code == 404
    assert as_user("xck").get(f"{REPORT}{district.pk}/").status_code == 200


def test_the_title_links_to_the_item_only_while_it_is_live(both, as_user):
    district, _notice = both
    live = NewsPage.objects.get(pk=district.page_id_snapshot)
    assert f'href="{live.url}"' in html(as_user("yjs").get(REPORT))
    live.unpublish()
    assert f'href="{live.url}"' not in html(as_user("yjs").get(REPORT))


# ---------------------------------------------------------------- filters


def test_filters_by_date_unit_column_and_person(both, as_user, user):
    district, notice = both
    client = as_user("yjs")
    today = timezone.localdate(district.published_at)
    day_before = today - datetime.timedelta(days=1)

    def shown(**params):
        page = html(client.get(REPORT, params))
        return DISTRICT_TITLE in page, NOTICE_TITLE in page

    assert shown(published_at_from=today, published_at_to=today) == (True, True)
    assert shown(published_at_from=day_before, published_at_to=day_before) == (False, False)
    assert shown(source_unit=Unit.objects.get(name="薛城区卫计局").pk) == (True, False)
    assert shown(column="通知公告") == (False, True)
    assert shown(submitter=user("yzk").pk) == (False, True)
    assert shown(submitter=user("xuecheng").pk, column="区(市)动态") == (True, False)


# ---------------------------------------------------------------- export


def test_xlsx_export_has_chinese_headings_and_the_whole_chain(both, as_user):
    from openpyxl import load_workbook

    district, notice = both
    data = download(as_user("xck").get(REPORT, {"export": "xlsx"}))
    sheet = load_workbook(io.BytesIO(data)).active
    rows = list(sheet.iter_rows(values_only=True))
    headings = rows[0]
    for heading in ("登记号", "标题", "栏目", "责任科室", "供稿单位", "提交人", "审核过程",
                    "审核要点", "发布人", "发布时间", "撤稿时间", "撤稿原因"):
        assert heading in headings
    by_code = {row[0]: dict(zip(headings, row)) for row in rows[1:]}
    row = by_code[notice.registration_code]
    assert row["标题"] == NOTICE_TITLE and row["责任科室"] == "医政医管科"
    for reviewer in ("医政医管科科长 孙强", "办公室 王芳", "分管领导 张伟", "研究室 刘敏"):
        assert reviewer in row["审核过程"]
    assert "（九）其他需要审核的事项：已核对文号" in row["审核要点"]
    assert "（一）上网信息是否涉及秘密：不涉及秘密" in row["审核要点"]
    assert by_code[district.registration_code]["供稿单位"] == "薛城区卫计局"


def test_csv_export_has_chinese_headings(both, as_user):
    district, _notice = both
    response = as_user("xuecheng").get(REPORT, {"export": "csv"})
    text = download(response).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0][:3] == ["登记号", "标题", "链接"]
    assert "审核过程" in rows[0]
    codes = [row[0] for row in rows[1:]]
    assert district.registration_code in codes
    assert all(row[1] != NOTICE_TITLE for row in rows[1:])  # out of xuecheng's scope
    assert ".csv" in response["Content-Disposition"]


# ---------------------------------------------------------------- history


def republish_with_new_text(as_user, page):
    client = as_user("xuecheng")
    client.post(f"/admin/pages/{page.pk}/edit/",
                news_form_data(action="action-submit", title="薛城区家庭医生进社区（更新）"))
    approve(as_user("xuecheng_head"), page)
    approve(as_user("yjs"), page)
    page.refresh_from_db()
    assert page.title == "薛城区家庭医生进社区（更新）"


def test_republishing_adds_a_record_and_keeps_the_first(both, as_user):
    first, _notice = both
    page = NewsPage.objects.get(pk=first.page_id_snapshot)
    republish_with_new_text(as_user, page)
    records = list(PublicationRecord.objects.filter(page_id_snapshot=page.pk).order_by("number"))
    assert len(records) == 2
    old, new = records
    assert old.pk == first.pk and old.title == DISTRICT_TITLE
    assert old.content["title"] == DISTRICT_TITLE and old.content_hash == first.content_hash
    assert new.title == "薛城区家庭医生进社区（更新）"
    assert new.content_hash != old.content_hash and new.revision_id != old.revision_id
    assert new.number > old.number
    assert len(new.chain) == 2 and new.workflow_state_id != old.workflow_state_id

    # Purging old revisions deletes their task states; the register keeps both chains.
    call_command("purge_revisions", stdout=io.StringIO())
    assert not Revision.objects.filter(pk=old.revision_id).exists()
    old.refresh_from_db()
    assert [s["reviewer"] for s in old.chain] == ["xuecheng_head", "yjs"]


def test_records_survive_deletion_of_the_item_and_purged_revisions(both, as_user):
    district, notice = both
    page = NoticePage.objects.get(pk=notice.page_id_snapshot)
    response = as_user("admin").post(f"/admin/pages/{page.pk}/delete/")
    assert response.status_code == 302
    call_command("purge_revisions", days=0, stdout=io.StringIO())
    assert not NoticePage.objects.filter(pk=notice.page_id_snapshot).exists()
    assert not WorkflowState.objects.filter(object_id=str(notice.page_id_snapshot)).exists()
    assert not TaskState.objects.filter(
        workflow_state__object_id=str(notice.page_id_snapshot)).exists()

    notice.refresh_from_db()
    assert notice.page is None and notice.title == NOTICE_TITLE
    assert len(notice.chain) == 4 and notice.chain[2]["reviewer"] == "fgld"
    assert notice.chain[1]["checklist"]["secret"] == "不涉及秘密"
    assert notice.content["title"] == NOTICE_TITLE
    assert notice.withdrawn_at is not None and notice.withdraw_reason == "信息已被删除"
    page = html(as_user("yzk").get(f"{REPORT}{notice.pk}/"))
    assert "分管领导 张伟" in page and "已不在网站上" in page
    assert NOTICE_TITLE in html(as_user("yjs").get(REPORT))


# ---------------------------------------------------------------- withdrawal


def test_a_withdrawal_is_noted_on_the_latest_record(both, as_user, user):
    district, _notice = both
    page = NewsPage.objects.get(pk=district.page_id_snapshot)
    page.unpublish()  # as the withdrawal action does, then it calls the register
    district.refresh_from_db()
    assert district.withdrawn_at is not None and district.withdraw_reason == ""
    record_withdrawal(page, user("yjs"), "数据有误，撤下核实。")
    district.refresh_from_db()
    assert district.withdrawn_at is not None
    assert district.withdrawn_by.username == "yjs"
    assert district.withdraw_reason == "数据有误，撤下核实。"
    assert "数据有误，撤下核实。" in html(as_user("xuecheng").get(REPORT))
