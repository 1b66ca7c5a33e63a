"""The 区(市)动态 chain walked in the Wagtail admin in a real browser:
xuecheng writes and submits, xuecheng_head and yjs approve with the
checklist, and the item appears on the public site."""

import re
import uuid

import pytest

from units.setup import DEMO_PASSWORD

pytestmark = pytest.mark.e2e


def log_in(page, base, username):
    page.wait_for_load_state("networkidle")
    page.context.clear_cookies()
    page.goto(base + "/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", DEMO_PASSWORD)
    page.get_by_role("button", name=re.compile("登录")).click()
    page.wait_for_url(base + "/admin/")


def click_in_action_menu(page, name):
    """Open the editor's action menu (its JS must be ready) and click an action."""
    page.wait_for_load_state("networkidle")
    page.locator("footer [data-w-dropdown-target='toggle']").first.click()
    button = page.get_by_role("button", name=name)
    button.wait_for(state="visible")
    button.click()


def approve_in_editor(page, base, title, edit_url, action_label):
    page.goto(base + "/admin/")
    waiting = page.locator("section", has_text="等待你的审查")
    assert waiting.get_by_text(title).first.is_visible()  # on this reviewer's dashboard
    page.goto(base + edit_url)
    click_in_action_menu(page, action_label)
    modal = page.locator(".modal-content")
    modal.locator("input[type=radio][value=yes]").first.wait_for()
    for radio in modal.locator("input[type=radio][value=yes]").all():
        radio.check()
    modal.locator("textarea[name=comment]").fill("已核实，同意。")
    modal.locator("button[type=submit]").click()
    page.wait_for_url(re.compile(r".*/admin/pages/\d+/$"))


def test_a_district_item_walks_the_chain_in_the_admin(portal_url, page):
    title = f"薛城区开展健康义诊活动{uuid.uuid4().hex[:6]}"
    log_in(page, portal_url, "xuecheng")
    district_id = page.evaluate(
        "fetch('/admin/api/main/pages/?slug=district').then(r => r.json()).then(d => d.items[0].id)")
    page.goto(f"{portal_url}/admin/pages/add/columns/newspage/{district_id}/")
    page.wait_for_load_state("networkidle")
    page.fill("#id_title", title)
    # The slug Wagtail derives from the title is filled asynchronously and not
    # always before the click; type it as an editor may on the 推荐 tab.
    page.get_by_role("tab", name="推荐").click()
    page.locator("#id_slug").fill(f"jiezhen-{uuid.uuid4().hex[:8]}")
    click_in_action_menu(page, re.compile("提交"))
    page.wait_for_url(re.compile(r".*/admin/pages/\d+/.*"))
    edit_url = page.get_by_role("link", name=title).first.get_attribute("href")

    log_in(page, portal_url, "xuecheng_head")
    approve_in_editor(page, portal_url, title, edit_url, "一级审核通过")

    log_in(page, portal_url, "yjs")
    approve_in_editor(page, portal_url, title, edit_url, "审核通过并发布")

    page.goto(portal_url + "/updates/district/")
    assert page.get_by_role("link", name=title).is_visible()
