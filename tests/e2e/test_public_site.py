"""A visitor opens the home page, follows a column and reads the regulation."""

import re

import pytest

pytestmark = pytest.mark.e2e


def test_visitor_reaches_the_regulation_from_the_home_page(portal_url, page):
    page.goto(portal_url + "/")
    assert page.title().endswith("枣庄市卫生和计划生育委员会")
    nav = page.get_by_role("navigation", name="网站栏目")
    for title in ("工作要闻", "工作动态", "通知公告", "政务公开", "组织机构", "专题专栏",
                  "服务大厅", "互动交流", "健康枣庄"):
        assert nav.get_by_role("link", name=title, exact=True).is_visible()
    assert page.locator(".picture-news img").count() >= 1

    nav.get_by_role("link", name="政务公开", exact=True).click()
    page.wait_for_url("**/open/")
    assert page.get_by_role("heading", name="信息公开目录").is_visible()
    page.get_by_role("link", name=re.compile(r"更多\s*信息公开目录")).click()
    page.wait_for_url("**/open/catalogue/")

    page.get_by_role("link", name="关于印发《枣庄市卫生和计划生育委员会门户网站信息更新维护管理办法》（试行）的通知").click()
    page.wait_for_url("**/zaowei-2016-62/")
    assert page.get_by_role("heading", level=1).inner_text().startswith("关于印发")
    body = page.locator(".article-body").inner_text()
    assert "第一条" in body and "第十八条" in body
    assert "未能按要求完成信息报送的科室予以通报批评" in body
    assert "枣卫字〔2016〕62号" in page.locator(".doc-meta").inner_text()
    page.screenshot(path=str(_artifact("regulation.png")), full_page=False)


def test_the_home_page_is_usable_on_a_phone(portal_url, browser):
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="zh-CN")
    page = context.new_page()
    page.goto(portal_url + "/")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, "页面在手机宽度下出现横向滚动"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "跳到正文"
    context.close()


def _artifact(name):
    from pathlib import Path

    folder = Path(__file__).resolve().parents[2] / "test-artifacts"
    folder.mkdir(exist_ok=True)
    return folder / name
