"""A citizen writes to 主任信箱 in the browser, then tracks the letter with
its number and query code; the public list shows answered letters masked."""

import re

import pytest

pytestmark = pytest.mark.e2e


def test_a_citizen_writes_and_tracks_a_letter(portal_url, page):
    page.goto(portal_url + "/interaction/director-mailbox/")
    page.get_by_role("link", name="我要写信").click()
    page.wait_for_url("**/director-mailbox/write/")

    page.get_by_role("textbox", name="姓名").fill("刘晓明")
    page.get_by_role("textbox", name="联系电话").fill("1386123")  # too short: the form says so and keeps the text
    page.get_by_role("textbox", name="标题").fill("咨询社区医院周末门诊")
    page.get_by_role("textbox", name="内容").fill("请问社区卫生服务中心周末是否开设普通门诊？谢谢答复。")
    page.get_by_role("button", name="提交").click()
    assert page.get_by_text("联系电话格式不正确").is_visible()
    assert page.get_by_role("textbox", name="内容").input_value().startswith("请问社区卫生服务中心")

    page.get_by_role("textbox", name="联系电话").fill("13861234567")
    page.get_by_role("button", name="提交").click()
    page.get_by_role("heading", name="提交成功").wait_for()
    number = page.locator("#letter-number").inner_text().strip()
    code = page.locator("#letter-code").inner_text().strip()
    assert re.fullmatch(r"ZR\d{13}", number) and len(code) == 8

    page.get_by_role("link", name="查询办理进度").click()
    page.get_by_label("信件编号").fill(number)
    page.get_by_label("查询码").fill("WRONGCOD")
    page.get_by_role("button", name="查询").click()
    assert page.get_by_text("信件编号或查询码不正确").is_visible()
    page.get_by_label("查询码").fill(code)
    page.get_by_role("button", name="查询").click()
    status = page.locator(".letter-status")
    status.wait_for()
    assert "待受理" in status.inner_text() and "咨询社区医院周末门诊" in status.inner_text()


def test_answered_letters_are_listed_with_names_masked(portal_url, page):
    page.goto(portal_url + "/interaction/director-mailbox/")
    listing = page.locator(".public-letters")
    assert listing.get_by_role("link", name="孩子预防接种需要预约吗").is_visible()
    assert "张**" in listing.inner_text() and "张明" not in listing.inner_text()
    listing.get_by_role("link", name="孩子预防接种需要预约吗").click()
    body = page.locator("main").inner_text()
    assert "138****4567" in body and "13861234567" not in body
    assert "预约" in page.locator(".reply").inner_text()
