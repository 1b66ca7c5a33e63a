"""Editors and reviewers see the Wagtail admin in Chinese, not half in English.

Wagtail's own zh-hans catalogue leaves part of the admin untranslated; the
project catalogue in locale/ fills those gaps. These tests walk the screens
a district editor (xuecheng), a reviewer (yjs) and the site administrator
use and fail, naming the strings, if any English interface text is left.
"""

import re
import time

import pytest

from units.setup import DEMO_PASSWORD

pytestmark = pytest.mark.e2e

# Latin-script words that may stay: product and user names, abbreviations,
# file formats, the time-zone prefix and key caps of the shortcuts dialog.
ALLOWED_WORDS = {
    "Wagtail", "admin", "xuecheng", "yjs", "ID", "URL", "CSV", "XLSX", "ICP", "PDF",
    "pdf", "ofd", "doc", "docx", "xls", "xlsx", "wps", "et", "zip", "txt",
    "gif", "jpg", "jpeg", "png", "webp", "GMT", "Ctrl", "Alt", "Shift", "Esc",
}
ALLOWED_PHRASES = ("Zaozhuang Municipal Health and Family Planning Commission",)
# Written literally in Wagtail's templates and forms, outside gettext, so no
# catalogue can translate them (only a template or form override could).
UNTRANSLATABLE_IN_WAGTAIL = {
    "Actions",  # aria-label of the header button bar (wagtailadmin/shared/headers/_actions.html)
    "Password",  # label of the login form's password field, declared without a label
    "Page",  # screen-reader label of WorkflowPageForm.page, declared without a label
    "Content types",  # WorkflowContentTypeForm.content_types, declared without a label
    "Search",  # screen-reader submit of the search forms (home.html, shared/header.html)
}

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
LETTER_NUMBER = re.compile(r"\b[A-Z]{2}\d{13}\b")  # ZR2026120400001: data, not interface
URL_OR_PATH = re.compile(r"(?:https?://\S+)|(?:(?<![\w/])/[\w\-./?=&%]*)")
ENGLISH_RUN = re.compile(r"[A-Za-z][A-Za-z'’\- ]*[A-Za-z]")
WORD = re.compile(r"[A-Za-z]{2,}")

# Visible text of the page, the captions of input buttons, and the labels a
# screen reader or a tooltip gives the visible controls. A closed <select>
# shows only its chosen option, so the other options are left out.
COLLECT_JS = """() => {
  const visible = (el) => el.checkVisibility({visibilityProperty: true});
  let text = document.body.innerText;
  for (const select of document.querySelectorAll('select')) {
    for (const option of select.options) {
      if (!option.selected && option.text.trim()) {
        text = text.replace(option.text, '');
      }
    }
  }
  const chunks = [document.title, text];
  const inputButtons = 'input[type=submit], input[type=button], input[type=reset]';
  for (const el of document.querySelectorAll(inputButtons)) {
    if (visible(el) && el.value) chunks.push(el.value);
  }
  for (const el of document.querySelectorAll('[aria-label], [title], [placeholder]')) {
    if (!visible(el)) continue;
    for (const name of ['aria-label', 'title', 'placeholder']) {
      const value = el.getAttribute(name);
      if (value) chunks.push(value);
    }
  }
  return chunks;
}"""


def english_strings(page):
    """The runs of English words on the current screen that are not allowed."""
    offending = []
    for chunk in page.evaluate(COLLECT_JS):
        for phrase in ALLOWED_PHRASES:
            chunk = chunk.replace(phrase, " ")
        chunk = URL_OR_PATH.sub(" ", EMAIL.sub(" ", LETTER_NUMBER.sub(" ", chunk)))
        for run in ENGLISH_RUN.findall(chunk):
            run = run.strip()
            if run in UNTRANSLATABLE_IN_WAGTAIL:
                continue
            if any(word not in ALLOWED_WORDS for word in WORD.findall(run)):
                if run not in offending:
                    offending.append(run)
    return offending


class Screens:
    """Collects the English left on each visited screen."""

    def __init__(self, page, portal_url):
        self.page = page
        self.portal_url = portal_url
        self.found = {}

    def check(self, name):
        self.page.wait_for_load_state()
        self.page.wait_for_timeout(300)  # let the admin's scripts render
        strings = english_strings(self.page)
        if strings:
            self.found[name] = strings
        return strings

    def visit(self, name, path):
        self.page.goto(self.portal_url + path)
        return self.check(name)

    def report(self):
        return "\n".join(f"{name}: {strings}" for name, strings in self.found.items())


def log_in(screens, username):
    page = screens.page
    page.goto(screens.portal_url + "/admin/login/")
    screens.check("登录页")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(DEMO_PASSWORD)
    page.locator("form button[type=submit]").click()
    page.wait_for_url(screens.portal_url + "/admin/")


def walk_as_district_editor(screens):
    page = screens.page
    log_in(screens, "xuecheng")
    screens.check("控制面板（xuecheng）")

    screens.visit("页面浏览", "/admin/pages/")
    page.get_by_role("link", name="查看'工作动态'的子页面").click()
    screens.check("工作动态 栏目页面列表")
    # The row offers "explore child pages" or, while empty, "add child page".
    row_link = page.get_by_role("link", name=re.compile(r"^(查看|为)'区\(市\)动态'")).first
    column_id = re.search(r"/pages/(\d+)/", row_link.get_attribute("href")).group(1)
    screens.visit("区(市)动态 栏目页面列表", f"/admin/pages/{column_id}/")
    page.get_by_role("button", name="显示过滤器").click()
    page.wait_for_timeout(300)
    screens.check("页面列表过滤器")
    page.keyboard.press("Escape")

    # Add child page → choose 新闻 → the create view of the page editor.
    page.get_by_role("link", name="添加子页面", exact=True).first.click()
    page.wait_for_url(re.compile(r"/add_subpage/$|/add/columns/newspage/\d+/$"))
    if page.url.endswith("/add_subpage/"):
        # Skipped by Wagtail when 新闻 is the only type allowed here.
        screens.check("选择子页面类型")
        page.get_by_role("link", name="新闻", exact=True).first.click()
        page.wait_for_url("**/add/columns/newspage/*/")
    screens.check("新闻编辑页")

    look_around_the_editor(screens, "新建")

    # Saving without a title shows the validation-error state of the editor.
    page.get_by_role("button", name="保存草稿").click()
    page.wait_for_url("**/add/columns/newspage/*/")
    screens.check("新建：验证错误")

    # Saving the draft leads on to the edit view of the new page.
    page.locator("#id_title").fill("薛城区召开卫生计生工作会议（界面测试）")
    page.get_by_role("tab", name="推荐").click()
    screens.check("新建：推荐标签页")
    page.locator("#id_slug").fill(f"jiemian-ceshi-{time.time_ns()}")
    page.get_by_role("button", name="保存草稿").click()
    page.wait_for_url("**/admin/pages/*/edit/")
    screens.check("新闻编辑页（已保存草稿）")
    look_around_the_editor(screens, "编辑")

    # Deleting the draft again leaves the demo content as it was.
    draft_id = re.search(r"/pages/(\d+)/edit/", page.url).group(1)
    screens.visit("删除确认页", f"/admin/pages/{draft_id}/delete/")
    page.locator("main input[type=submit]").click()
    page.wait_for_url(f"**/admin/pages/{column_id}/")
    screens.check("删除后的栏目页面列表")

    screens.visit("片段", "/admin/snippets/")
    screens.visit("报告", "/admin/reports/")
    screens.visit("报告：网站历史", "/admin/reports/site-history/")
    screens.visit("报告：较早的页面", "/admin/reports/aging-pages/")
    screens.visit("帐号：资料与偏好设置", "/admin/account/")
    page.get_by_role("tab", name="通知").click()
    screens.check("帐号：通知")


def look_around_the_editor(screens, view):
    page = screens.page
    page.get_by_role("button", name="更多动作").click()
    page.locator("footer [data-w-dropdown-target=content]").first.wait_for(state="visible")
    screens.check(f"{view}：操作菜单")
    page.keyboard.press("Escape")

    for toggle in page.locator("button[data-side-panel-toggle]").all():
        if toggle.is_visible():
            name = toggle.get_attribute("aria-label")
            toggle.click()
            screens.check(f"{view}：侧边面板“{name}”")
            toggle.click()

    page.locator("body").press("?")
    page.locator("#keyboard-shortcuts-dialog").wait_for(state="visible")
    screens.check(f"{view}：键盘快捷键对话框")
    page.keyboard.press("Escape")


def walk_as_reviewer(screens):
    log_in(screens, "yjs")
    screens.check("控制面板（yjs）")
    screens.visit("报告：工作流", "/admin/reports/workflow/")
    screens.visit("报告：工作流任务", "/admin/reports/workflow_tasks/")


def walk_as_site_admin(screens):
    """Screens that need rights beyond a unit's (snippets, locks, workflow set-up)."""
    page = screens.page
    log_in(screens, "admin")
    screens.visit("片段", "/admin/snippets/")
    screens.visit("报告：已锁定的页面", "/admin/reports/locked/")
    screens.visit("工作流列表", "/admin/workflows/list/")
    page.locator("main table a[href*='/admin/workflows/edit/']").first.click()
    page.wait_for_url("**/admin/workflows/edit/*/")
    screens.check("工作流编辑页")
    # The task list itself also names Wagtail's stock "Moderators approval"
    # task, a database record rather than interface text.
    page.goto(screens.portal_url + "/admin/workflows/tasks/index/")
    task_links = page.locator("main table a[href*='/admin/workflows/tasks/edit/']")
    task_links.filter(has_text=re.compile("[\u4e00-\u9fff]")).first.click()
    page.wait_for_url("**/admin/workflows/tasks/edit/*/")
    screens.check("工作流任务编辑页")
    screens.visit("主题分类列表", "/admin/columns/topiccategory/")


def walk_the_mailbox(screens):
    """The letters of 互动交流: 办公室 routes, 医政医管科's head reviews an answer."""
    page = screens.page
    log_in(screens, "bgs")
    screens.visit("来信列表", "/admin/letters/")
    page.get_by_role("button", name="显示过滤器").click()
    page.wait_for_timeout(300)
    screens.check("来信列表过滤器")
    page.keyboard.press("Escape")
    page.get_by_role("link", name="咨询医师执业注册办理时限").click()
    page.wait_for_url("**/admin/letters/*/handle/")
    screens.check("办理来信")
    screens.visit("登记来电", "/admin/letters/add/")
    page.context.clear_cookies()
    log_in(screens, "yzk_head")
    screens.check("控制面板（yzk_head）")
    assert page.get_by_text("答复：ZR").first.is_visible()  # waiting for his review
    screens.visit("来信列表（科室）", "/admin/letters/")
    page.get_by_role("link", name="反映某诊所无证行医").click()
    page.wait_for_url("**/admin/letters/*/handle/")
    screens.check("办理来信（科室）")
    page.get_by_role("link", name="打开答复（审核）").click()
    page.wait_for_url("**/admin/letter-replies/edit/*/")
    screens.check("答复审核编辑页")
    look_around_the_editor(screens, "答复")


def test_letters_and_their_review_are_in_chinese(portal_url, page):
    screens = Screens(page, portal_url)
    walk_the_mailbox(screens)
    assert not screens.found, "管理后台仍有英文界面文字：\n" + screens.report()


def test_a_district_editor_sees_the_admin_in_chinese(portal_url, page):
    screens = Screens(page, portal_url)
    walk_as_district_editor(screens)
    assert not screens.found, "管理后台仍有英文界面文字：\n" + screens.report()


def test_a_reviewer_sees_workflow_screens_in_chinese(portal_url, page):
    screens = Screens(page, portal_url)
    walk_as_reviewer(screens)
    assert not screens.found, "管理后台仍有英文界面文字：\n" + screens.report()


def test_workflow_and_lock_administration_is_in_chinese(portal_url, page):
    screens = Screens(page, portal_url)
    walk_as_site_admin(screens)
    assert not screens.found, "管理后台仍有英文界面文字：\n" + screens.report()
