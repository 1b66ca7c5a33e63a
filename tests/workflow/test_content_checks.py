"""Keyword and personal-data checks in the review chain, the re-scan of live
items (第十三条) and 办公室's privacy overrides (第八条（四）), through the admin."""

import pytest
from django.core import mail
from django.core.files.base import ContentFile
from django.urls import reverse
from django_q.models import Schedule
from wagtail.documents import get_document_model
from wagtail.models import PageLogEntry
from wagtail.test.utils.form_data import rich_text, streamfield

from columns.demo_files import attachment_bytes
from columns.models import ItemPage, NewsPage, NoticePage
from tests.helpers import checklist
from workflow.keywords import (
    CONTENT_CHECK_FUNC,
    ContentCheckRecord,
    Keyword,
    PrivacyOverride,
    ensure_content_check_schedule,
    scheduled_recheck,
)
from workflow.models import ReviewTaskState
from workflow.scanning import id_check_char

from .chain import act, approve, current_task, submit_news, submit_notice

pytestmark = pytest.mark.django_db

SECRET_WORD = "绝密级文件"
SENSITIVE_WORD = "群体性事件"
RESIDENT_ID = "37040219850312" + "123"
RESIDENT_ID += id_check_char(RESIDENT_ID)
MASKED_ID = RESIDENT_ID[:6] + "********" + RESIDENT_ID[-4:]


def body(text):
    return streamfield([("paragraph", rich_text(f"<p>{text}</p>"))])


def attachment(filename, text, title="附件一"):
    document = get_document_model()(title=title)
    document.file.save(filename, ContentFile(attachment_bytes(filename, title, text)),
                       save=False)
    document.save()
    return streamfield([("attachment", {"document": document.pk, "title": title})])


def keyword(word, kind):
    return Keyword.objects.create(word=word, kind=kind)


def notice(as_user, column, **fields):
    """A 医政医管科 notice (一级审核 → 保密审查 → 二级审核 → 研究室), past 一级审核."""
    submit_notice(as_user("yzk"), column("notices"), **fields)
    page = NoticePage.objects.get(slug="yzk-notice")
    assert approve(as_user("yzk_head"), page).json()["step"] == "success"
    assert current_task(page) == "保密审查"
    return page


def modal(client, page, action="approve"):
    state = page.current_workflow_task_state
    url = reverse("wagtailadmin_pages:workflow_action", args=(page.pk, action, state.pk))
    response = client.get(url, headers={"x-requested-with": "XMLHttpRequest"})
    assert response.status_code == 200
    return response.json()["html"]


def approvals(page, task_name):
    return ReviewTaskState.objects.filter(workflow_state__object_id=str(page.pk),
                                          task__name=task_name, status="approved").count()


def override_url(page):
    return reverse("portal_privacy_override", args=(page.pk,))


# ---------------------------------------------------------------------------
# 涉密 and 敏感 words
# ---------------------------------------------------------------------------


def test_a_secret_word_in_the_body_stops_the_confidentiality_check(as_user, column):
    keyword(SECRET_WORD, "secret")
    page = notice(as_user, column, body=body(f"本通知附有{SECRET_WORD}的摘要。"))
    html = modal(as_user("bgs"), page)
    assert SECRET_WORD in html and "不能通过保密审查" in html

    response = approve(as_user("bgs"), page)
    error = response.json()["error"]
    assert f"含有涉密词“{SECRET_WORD}”" in error and "不能通过保密审查" in error
    assert "正文" in error
    assert current_task(page) == "保密审查"
    assert approvals(page, "保密审查") == 0
    assert not NoticePage.objects.get(pk=page.pk).live


def test_a_secret_word_only_in_an_attachment_also_stops_it(as_user, column):
    keyword(SECRET_WORD, "secret")
    page = notice(as_user, column, attachments=attachment(
        "schedule.docx", f"校验安排\n内部材料：{SECRET_WORD}，不得外传。", title="校验安排"))
    html = modal(as_user("bgs"), page)
    assert "附件：校验安排.docx" in html
    error = approve(as_user("bgs"), page).json()["error"]
    assert SECRET_WORD in error and "附件：校验安排.docx" in error
    assert current_task(page) == "保密审查"


def test_a_secret_word_in_a_text_attachment_is_found_too(as_user, column):
    keyword(SECRET_WORD, "secret")
    page = notice(as_user, column, attachments=attachment(
        "list.txt", f"名单（{SECRET_WORD}）", title="名单"))
    assert SECRET_WORD in approve(as_user("bgs"), page).json()["error"]
    assert current_task(page) == "保密审查"


def test_a_sensitive_word_is_shown_in_the_dialog_but_does_not_stop_the_step(as_user, column):
    keyword(SENSITIVE_WORD, "sensitive")
    page = notice(as_user, column, body=body(f"做好{SENSITIVE_WORD}的预防和处置。"))
    html = modal(as_user("bgs"), page)
    assert "敏感词" in html and SENSITIVE_WORD in html
    assert "本审核步骤不能通过" not in html
    assert approve(as_user("bgs"), page).json()["step"] == "success"
    assert current_task(page) == "二级审核（分管领导）"


def test_a_clean_item_says_so_in_the_dialog(as_user, column):
    page = notice(as_user, column)
    html = modal(as_user("bgs"), page)
    assert "未发现涉密关键词、敏感词或未脱敏的个人信息" in html


# ---------------------------------------------------------------------------
# Personal data
# ---------------------------------------------------------------------------


def test_an_unmasked_id_number_stops_the_confidentiality_check_not_the_first_level(
        as_user, column):
    page = notice(as_user, column, body=body(f"申请人张三，身份证号{RESIDENT_ID}。"))
    assert approvals(page, "一级审核") == 1  # 一级审核 passed above
    html = modal(as_user("bgs"), page)
    assert MASKED_ID in html and "身份证号" in html and "登记放行理由" in html
    error = approve(as_user("bgs"), page).json()["error"]
    assert "未脱敏的个人信息" in error and MASKED_ID in error and "保密审查" in error
    assert RESIDENT_ID not in error
    assert current_task(page) == "保密审查"


def test_an_unmasked_id_number_stops_the_leaders_second_level_review(as_user, column):
    submit_news(as_user("yzk"), column("topics/family-doctors"), unit="医政医管科",
                slug="yzk-family-doctor", body=body(f"签约居民身份证号：{RESIDENT_ID}"))
    page = NewsPage.objects.get(slug="yzk-family-doctor")
    assert approve(as_user("yzk_head"), page).json()["step"] == "success"
    assert current_task(page) == "二级审核（分管领导）"
    error = approve(as_user("fgld"), page).json()["error"]
    assert "二级审核（分管领导）" in error and MASKED_ID in error
    assert current_task(page) == "二级审核（分管领导）"


def test_an_unmasked_number_stops_the_research_offices_second_level_review(as_user, column):
    submit_news(as_user("xuecheng"), column("updates/district"),
                body=body("咨询电话：13912345678，联系人王医生。"))
    page = NewsPage.objects.get(slug="xuecheng-family-doctor")
    assert approve(as_user("xuecheng_head"), page).json()["step"] == "success"
    error = approve(as_user("yjs"), page).json()["error"]
    assert "手机号" in error and "139****5678" in error
    assert current_task(page) == "二级审核（研究室）"
    assert not NewsPage.objects.get(pk=page.pk).live


def test_an_id_number_in_a_spreadsheet_attachment_is_found(as_user, column):
    page = notice(as_user, column, attachments=attachment(
        "holders.xlsx", f"姓名 身份证号\n张三 {RESIDENT_ID}", title="持证人员名单"))
    error = approve(as_user("bgs"), page).json()["error"]
    assert MASKED_ID in error and "附件：持证人员名单.xlsx" in error


def test_a_masked_id_number_passes(as_user, column):
    page = notice(as_user, column, body=body(f"申请人张三，身份证号{MASKED_ID}。"))
    assert approve(as_user("bgs"), page).json()["step"] == "success"
    assert approve(as_user("fgld"), page).json()["step"] == "success"
    assert current_task(page) == "研究室发布审核"


def test_the_offices_override_lets_the_item_pass_and_is_recorded(as_user, column):
    page = notice(as_user, column, body=body(f"许可证持有人：张三，身份证号{RESIDENT_ID}。"))
    bgs = as_user("bgs")
    form = bgs.get(override_url(page))
    assert form.status_code == 200 and MASKED_ID in form.content.decode()
    response = bgs.post(override_url(page), {"reason": "依法公示的许可证持有人名单。"})
    assert response.status_code == 302

    override = PrivacyOverride.objects.get(page=page)
    assert override.reason == "依法公示的许可证持有人名单。"
    assert override.user.username == "bgs"
    assert override.revision_id == page.get_latest_revision().pk
    assert override.findings[0]["value"] == MASKED_ID
    entry = PageLogEntry.objects.get(page=page, action="portal.privacy_override")
    assert entry.user.username == "bgs" and entry.data["reason"] == override.reason

    assert "依法公示的许可证持有人名单" in modal(bgs, page)
    assert approve(bgs, page).json()["step"] == "success"
    assert approve(as_user("fgld"), page).json()["step"] == "success"
    assert current_task(page) == "研究室发布审核"


def test_an_override_lapses_when_the_content_changes(as_user, column):
    from tests.helpers import notice_form_data

    page = notice(as_user, column, body=body(f"许可证持有人：张三，身份证号{RESIDENT_ID}。"))
    as_user("bgs").post(override_url(page), {"reason": "依法公示。"})
    response = as_user("admin").post(f"/admin/pages/{page.pk}/edit/", notice_form_data(
        body=body(f"许可证持有人：李四，身份证号{RESIDENT_ID}。")))
    assert response.status_code == 302
    assert current_task(page) == "保密审查"
    assert "未脱敏的个人信息" in approve(as_user("bgs"), page).json()["error"]


def test_nobody_but_the_office_may_record_an_override(as_user, column):
    page = notice(as_user, column, body=body(f"身份证号{RESIDENT_ID}"))
    for username in ("fgld", "yzk_head", "yjs"):
        client = as_user(username)
        assert client.get(override_url(page)).status_code in (302, 403)
        response = client.post(override_url(page), {"reason": "我认为可以公开。"})
        assert response.status_code in (302, 403)
    assert not PrivacyOverride.objects.filter(page=page).exists()
    assert "未脱敏的个人信息" in approve(as_user("bgs"), page).json()["error"]


def test_findings_are_shown_to_the_submitter(as_user, column):
    keyword(SENSITIVE_WORD, "sensitive")
    response = submit_notice(as_user("yzk"), column("notices"),
                             body=body(f"{SENSITIVE_WORD}应急演练。"))
    followed = as_user("yzk").get(response["Location"])
    assert "内容检查" in followed.content.decode() and "敏感词" in followed.content.decode()


# ---------------------------------------------------------------------------
# Re-scans of live items (第十三条)
# ---------------------------------------------------------------------------


def test_a_keyword_change_rescans_live_items_and_emails_the_offices(
        django_capture_on_commit_callbacks):
    page = ItemPage.objects.live().order_by("path").first().specific
    word = page.title[:4]
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        keyword(word, "sensitive")
    record = ContentCheckRecord.objects.get()
    assert record.trigger == "keywords" and record.checked_by is None
    assert record.checked_items == ItemPage.objects.live().count()
    assert record.finished_at is not None
    item = next(i for i in record.hits if i["page_id"] == page.pk)
    assert item["title"] == page.title
    assert any(h["value"] == word and h["kind"] == "敏感" and h["source"] == "标题"
               for h in item["hits"])
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert "bgs@example.org" in message.to and "xck@example.org" in message.to
    assert "yzk@example.org" not in message.to
    assert page.title in message.body and word in message.body

    with django_capture_on_commit_callbacks(execute=True):
        Keyword.objects.get(word=word).delete()
    assert ContentCheckRecord.objects.count() == 2


def test_the_periodic_check_is_filed_with_masked_personal_data(as_user, column):
    submit_news(as_user("xuecheng"), column("updates/district"),
                body=body(f"联系人身份证号{RESIDENT_ID}"))
    page = NewsPage.objects.get(slug="xuecheng-family-doctor")
    page.get_latest_revision().publish(skip_permission_checks=True)  # e.g. published earlier
    mail.outbox.clear()
    record = ContentCheckRecord.objects.get(pk=scheduled_recheck())
    assert record.trigger == "schedule" and record.checked_by is None
    item = next(i for i in record.hits if i["page_id"] == page.pk)
    assert item["hits"][0]["value"] == MASKED_ID
    assert RESIDENT_ID not in str(record.hits)
    assert mail.outbox and RESIDENT_ID not in mail.outbox[0].body

    html = as_user("bgs").get(
        reverse("workflow_contentcheckrecord_modeladmin_inspect", args=(record.pk,)))
    assert html.status_code == 200 and MASKED_ID in html.content.decode()


def test_the_daily_schedule_exists_after_bootstrap():
    schedule = Schedule.objects.get(func=CONTENT_CHECK_FUNC)
    assert schedule.schedule_type == Schedule.DAILY and schedule.repeats == -1
    ensure_content_check_schedule()
    assert Schedule.objects.filter(func=CONTENT_CHECK_FUNC).count() == 1


def test_the_office_starts_a_manual_check(as_user, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = as_user("xck").post(reverse("portal_run_content_check"))
    assert response.status_code == 302
    record = ContentCheckRecord.objects.get()
    assert record.trigger == "manual" and record.checked_by.username == "xck"
    with django_capture_on_commit_callbacks(execute=True):
        refused = as_user("xuecheng").post(reverse("portal_run_content_check"))
    assert refused.status_code in (302, 403)
    assert ContentCheckRecord.objects.count() == 1


# ---------------------------------------------------------------------------
# Who manages the word lists
# ---------------------------------------------------------------------------


def test_the_office_and_publicity_section_manage_the_word_lists(as_user):
    url = reverse("workflow_keyword_modeladmin_create")
    for username, word in (("bgs", "内部资料"), ("xck", "小道消息")):
        response = as_user(username).post(url, {"word": word, "kind": "secret", "note": ""})
        assert response.status_code == 302, response.content.decode()[:2000]
        assert Keyword.objects.get(word=word).added_by.username == username
    listing = as_user("xck").get(reverse("workflow_keyword_modeladmin_index"))
    assert listing.status_code == 200 and "内部资料" in listing.content.decode()


def test_a_duplicate_word_is_refused(as_user):
    keyword("内部资料", "secret")
    url = reverse("workflow_keyword_modeladmin_create")
    response = as_user("bgs").post(url, {"word": " 内部资料 ", "kind": "secret"})
    assert response.status_code == 200
    assert Keyword.objects.filter(word="内部资料").count() == 1


def test_others_cannot_manage_the_word_lists(as_user):
    word = keyword("内部资料", "secret")
    client = as_user("xuecheng")
    response = client.post(reverse("workflow_keyword_modeladmin_create"),
                           {"word": "随便什么", "kind": "secret"})
    assert response.status_code in (302, 403)
    assert not Keyword.objects.filter(word="随便什么").exists()
    response = client.post(reverse("workflow_keyword_modeladmin_delete", args=(word.pk,)))
    assert response.status_code in (302, 403)
    assert Keyword.objects.filter(pk=word.pk).exists()
    assert client.get(reverse("workflow_keyword_modeladmin_index")).status_code in (302, 403)
    assert as_user("yzk").get(reverse("workflow_keyword_modeladmin_index")).status_code in (
        302, 403)
