"""研究室 and a leader use 统计考评 in Chromium: dashboard panels, the demo's
last-quarter report with its plot, Excel, a new report, the 通报 draft —
all in Chinese."""

import io
import re

import pytest
from openpyxl import load_workbook

from .test_admin_chinese import Screens, log_in

pytestmark = pytest.mark.e2e


def test_yjs_works_with_the_reports(portal_url, page):
    screens = Screens(page, portal_url)
    log_in(screens, "yjs")
    screens.check("控制面板（yjs）")
    assert page.get_by_role("heading", name=re.compile("栏目更新督查")).is_visible()
    assert page.get_by_role("heading", name=re.compile("本单位本季度信息报送")).is_visible()

    screens.visit("统计考评", "/admin/evaluation/")
    page.get_by_role("link", name=re.compile("第三季度信息发布和咨询回复情况季度统计")).first.click()
    page.wait_for_url("**/admin/evaluation/*/")
    screens.check("季度统计报告")
    assert page.locator("svg.evaluation-chart").first.is_visible()
    assert page.get_by_role("heading", name="未完成信息报送任务的单位（予以通报批评，第十八条）").is_visible()

    with page.expect_download() as download:
        page.get_by_role("link", name="下载XLSX").click()
    path = download.value.path()
    workbook = load_workbook(io.BytesIO(open(path, "rb").read()))
    assert workbook.sheetnames[:3] == ["说明", "总体情况", "各单位信息报送情况"]

    page.get_by_role("button", name="生成通报草稿").click()
    page.wait_for_url("**/admin/pages/*/edit/")
    assert "门户网站信息发布和咨询回复情况的通报" in page.locator("#id_title").input_value()

    page.goto(portal_url + "/admin/evaluation/")
    page.locator("#id_kind").select_option("year")
    page.locator("#id_year").fill("2025")
    page.get_by_role("button", name="生成").click()
    page.wait_for_url("**/admin/evaluation/*/")
    assert page.get_by_role("heading", name="年度考评：单位得分排名").is_visible()
    screens.check("年度考评报告")

    for name, path in (("考评设置", "/admin/settings/evaluation/evaluationsettings/"),
                       ("报送任务", "/admin/evaluation/unitquota/"),
                       ("栏目权重", "/admin/evaluation/columnweight/")):
        screens.visit(name, path)
    assert not screens.found, "统计考评页面仍有英文界面文字：\n" + screens.report()


def test_a_leader_reads_the_reports_but_does_not_generate(portal_url, page):
    screens = Screens(page, portal_url)
    log_in(screens, "fgld")
    assert page.get_by_role("heading", name=re.compile("分管科室本季度信息报送")).is_visible()
    screens.visit("统计考评（分管领导）", "/admin/evaluation/")
    assert page.get_by_role("heading", name="已生成的报告").is_visible()
    assert page.get_by_role("button", name="生成").count() == 0
    assert not screens.found, screens.report()


def test_a_district_editor_is_turned_away(portal_url, page):
    screens = Screens(page, portal_url)
    log_in(screens, "xuecheng")
    page.goto(portal_url + "/admin/evaluation/")
    page.wait_for_url(portal_url + "/admin/")
    assert page.get_by_text("没有权限访问").first.is_visible()
