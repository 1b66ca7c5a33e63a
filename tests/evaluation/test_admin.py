"""The reports in the admin: who may see and make them, the page, Excel, 通报."""

import io

import pytest
from openpyxl import load_workbook
from wagtail.models import WorkflowState

from columns.models import NoticePage
from evaluation import periods, reports
from evaluation.models import Report

pytestmark = pytest.mark.django_db

INDEX = "/admin/evaluation/"


def refused(response):
    """Wagtail answers a PermissionDenied in the admin with a redirect to the
    dashboard and a message ("抱歉，您无权访问此页面")."""
    return response.status_code == 302 and response.url == "/admin/"


@pytest.fixture
def q2_report(year_2025, quotas, user):
    return reports.generate(periods.quarter(2025, 2), user=user("yjs"))


@pytest.mark.parametrize("username", ["yzk", "xuecheng", "bgs", "yzk_head"])
def test_others_are_refused_everything(login, q2_report, username):
    client = login(username)
    for url in (INDEX, f"{INDEX}{q2_report.pk}/", f"{INDEX}{q2_report.pk}/xlsx/"):
        assert refused(client.get(url))
    assert refused(client.post(f"{INDEX}generate/", {"kind": "year", "year": 2025}))
    assert refused(client.post(f"{INDEX}{q2_report.pk}/notice/"))
    assert Report.objects.filter(start__year=2025).count() == 1
    assert "统计考评" not in client.get("/admin/").content.decode()


def test_a_leader_reads_but_does_not_generate(login, q2_report):
    client = login("fgld")
    page = client.get(f"{INDEX}{q2_report.pk}/").content.decode()
    assert "2025年第二季度信息发布和咨询回复情况季度统计" in page
    assert "生成通报草稿" not in page
    assert refused(client.post(f"{INDEX}generate/", {"kind": "year", "year": 2025}))
    assert refused(client.post(f"{INDEX}{q2_report.pk}/notice/"))


def test_the_report_page_shows_the_figures_and_the_plot(login, q2_report):
    page = login("yjs").get(f"{INDEX}{q2_report.pk}/").content.decode()
    assert "统计期间：2025年4月1日至2025年6月30日" in page
    assert "<td>薛城区卫计局</td><td>3</td><td>3</td><td>2</td>" in page
    assert "未完成信息报送任务的单位（予以通报批评，第十八条）" in page
    assert "<svg" in page and "各单位按月发布信息数" in page
    assert "薛城区卫计局 2025年4月：2条" in page  # the bar's tooltip
    assert "<script src=\"http" not in page


def test_yjs_generates_a_past_period_and_not_a_running_one(login, year_2025):
    client = login("yjs")
    response = client.post(f"{INDEX}generate/", {"kind": "quarter", "year": 2025, "quarter": 2})
    report = Report.objects.get(start__year=2025)
    assert response.status_code == 302 and response.url == f"{INDEX}{report.pk}/"
    assert report.generated_by.username == "yjs"
    response = client.post(f"{INDEX}generate/", {"kind": "custom", "start": "2025-04-01",
                                                 "end": "2099-01-01"})
    assert "尚未结束" in response.content.decode()
    assert Report.objects.filter(start__year=2025).count() == 1


def test_excel_has_chinese_headers_and_a_sheet_per_table(login, q2_report):
    response = login("fgld").get(f"{INDEX}{q2_report.pk}/xlsx/")
    assert response["Content-Type"].startswith(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    wb = load_workbook(io.BytesIO(response.content))
    assert wb.sheetnames[:4] == ["说明", "总体情况", "各单位信息报送情况", "委机关各科室信息报送情况"]
    assert "信息报送任务完成情况" in wb.sheetnames
    units = wb["各单位信息报送情况"]
    assert [c.value for c in units[1]] == ["单位", "提交", "采用（发布）", "退回", "撤稿", "其中因内容撤稿",
                                          "图片新闻", "提交至发布中位数（工作日）"]
    xuecheng = next(r for r in units.iter_rows(values_only=True) if r[0] == "薛城区卫计局")
    assert xuecheng == ("薛城区卫计局", 3, 3, 2, 0, 0, 1, 4)
    criticised = wb[next(n for n in wb.sheetnames if n.startswith("未完成信息报送任务的单位"))]
    assert list(criticised.iter_rows(min_row=2, values_only=True)) == [("医政医管科", 2, 1, 1)]


def test_the_notice_draft_goes_through_the_normal_chain(login, q2_report, as_user):
    client = login("yjs")
    response = client.post(f"{INDEX}{q2_report.pk}/notice/")
    page = NoticePage.objects.get(title="关于2025年第二季度门户网站信息发布和咨询回复情况的通报")
    assert response.url == f"/admin/pages/{page.pk}/edit/"
    assert not page.live and page.get_parent().slug == "notices"
    text = str(page.body)
    assert "本期共提交信息5条，采用（发布）5条，其中图片新闻1条" in text
    assert "予以通报批评：医政医管科（任务2条，采用1条）" in text
    # Submitting it starts the notice workflow like any other item.
    page.get_workflow().start(page, page.owner)
    state = WorkflowState.objects.get(object_id=str(page.pk))
    assert state.current_task_state.task.name == "一级审核"


@pytest.fixture
def as_user(login):
    return login


def test_generation_is_logged(q2_report):
    from wagtail.models import ModelLogEntry

    entry = ModelLogEntry.objects.get(action="portal.evaluation_report",
                                      object_id=str(q2_report.pk))
    assert entry.user.username == "yjs"
    assert entry.data["version"] == 1


def test_only_yjs_keeps_quotas_weights_and_scoring_rules(login):
    from units.models import Unit

    yzk = login("yzk")
    assert refused(yzk.get("/admin/evaluation/unitquota/"))
    assert refused(yzk.post("/admin/evaluation/unitquota/create/",
                            {"unit": Unit.objects.get(name="医政医管科").pk, "quota": 0}))
    settings_url = "/admin/settings/evaluation/evaluationsettings/1/"
    assert refused(yzk.get(settings_url))
    assert refused(yzk.post(settings_url, {"default_quota": 0}))
    assert Unit.objects.get(name="医政医管科").evaluation_quota.quota == 2  # the demo's

    yjs = login("yjs")
    assert yjs.get("/admin/evaluation/unitquota/").status_code == 200
    response = yjs.post("/admin/evaluation/unitquota/create/",
                        {"unit": Unit.objects.get(name="山亭区卫计局").pk, "quota": 4, "note": ""})
    assert response.status_code == 302
    assert Unit.objects.get(name="山亭区卫计局").evaluation_quota.quota == 4
    assert yjs.get(settings_url).status_code == 200
