"""The citizen's side: writing, the receipt, the query page, the public list."""

import re

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile

from mailbox import flow
from mailbox.models import Letter, LetterKind, LetterReply
from tests.mailbox.conftest import at
from units.models import Unit

pytestmark = pytest.mark.django_db

WRITE = "/interaction/director-mailbox/write/"
QUERY = "/interaction/director-mailbox/query/"


def form_token(client, url=WRITE):
    html = client.get(url).content.decode()
    return re.search(r'name="token" value="([^"]+)"', html).group(1)


def letter_data(client, **overrides):
    data = {"name": "张三丰", "phone": "13861234567", "email": "zhang@example.org",
            "subject": "咨询周末接种门诊开放时间", "content": "请问各社区接种门诊周六上午是否开放？谢谢。",
            "allow_publication": "on", "website": "", "token": form_token(client)}
    data.update(overrides)
    return data


def test_a_citizen_writes_and_gets_a_number_and_a_query_code(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(WRITE, letter_data(client))
    assert response.status_code == 200
    letter = Letter.objects.get(subject="咨询周末接种门诊开放时间")
    html = response.content.decode()
    assert letter.number in html and letter.query_code in html
    assert letter.kind == LetterKind.DIRECTOR and letter.status == "pending"
    assert letter.due_at is not None
    to_citizen = [m for m in mail.outbox if m.to == ["zhang@example.org"]]
    assert to_citizen and letter.query_code in to_citizen[0].body
    assert any("bgs@example.org" in m.to for m in mail.outbox)  # 办公室 routes it


def test_the_same_form_posted_twice_creates_one_letter(client):
    data = letter_data(client)
    client.post(WRITE, data)
    second = client.post(WRITE, data)
    assert Letter.objects.filter(subject=data["subject"]).count() == 1
    assert second.status_code == 302 and "sent=1" in second["Location"]
    assert "请勿重复提交" in client.get(second["Location"]).content.decode()


@pytest.mark.parametrize("overrides, message", [
    ({"name": ""}, "请填写姓名"),
    ({"phone": "12345"}, "联系电话格式不正确"),
    ({"email": "not-an-address"}, "电子邮箱格式不正确"),
    ({"content": "太短"}, "内容过短"),
    ({"content": "长" * 3001}, "内容不能超过3000字"),
    ({"subject": ""}, "请填写标题"),
])
def test_bad_input_gets_a_chinese_message_and_stores_nothing(client, overrides, message):
    before = Letter.objects.count()
    response = client.post(WRITE, letter_data(client, **overrides))
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html
    assert "您填写的内容已保留" in html
    assert Letter.objects.count() == before


def test_an_exe_attachment_is_refused_also_when_renamed(client):
    before = Letter.objects.count()
    exe = SimpleUploadedFile("setup.exe", b"MZ\x90\x00" + b"\x00" * 100)
    response = client.post(WRITE, {**letter_data(client), "attachment": exe})
    assert "附件格式不支持" in response.content.decode()
    renamed = SimpleUploadedFile("scan.pdf", b"MZ\x90\x00" + b"\x00" * 100)
    response = client.post(WRITE, {**letter_data(client), "attachment": renamed})
    assert "附件内容与扩展名 .pdf 不符" in response.content.decode()
    assert Letter.objects.count() == before


def test_a_real_pdf_attachment_is_kept_out_of_the_public_media(client, settings):
    pdf = SimpleUploadedFile("材料.pdf", b"%PDF-1.4\n%test\ntrailer\n%%EOF\n")
    client.post(WRITE, {**letter_data(client), "attachment": pdf})
    letter = Letter.objects.get(subject="咨询周末接种门诊开放时间")
    assert letter.attachment
    assert str(settings.MAILBOX_PRIVATE_ROOT) in letter.attachment.path
    assert not letter.attachment.path.startswith(str(settings.MEDIA_ROOT))


def test_a_ten_megabyte_text_gets_a_clear_message(client):
    before = Letter.objects.count()
    response = client.post(WRITE, letter_data(client, content="字" * (10 * 1024 * 1024 // 3)))
    assert response.status_code == 413
    assert "提交的内容过大" in response.content.decode()
    assert Letter.objects.count() == before


def test_the_honeypot_stops_robots(client):
    before = Letter.objects.count()
    response = client.post(WRITE, letter_data(client, website="http://spam.example"))
    assert response.status_code == 400
    assert Letter.objects.count() == before


def test_script_is_stored_as_written_and_shown_escaped(client):
    data = letter_data(client, content="<script>alert('x')</script>请问接种门诊周末开放吗？")
    client.post(WRITE, data)
    letter = Letter.objects.get(subject=data["subject"])
    assert letter.content.startswith("<script>")
    html = client.post(QUERY, {"number": letter.number, "code": letter.query_code}).content.decode()
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert" in html


def test_letters_are_limited_per_client_address_behind_the_proxy(client, settings):
    settings.MAILBOX_LETTERS_PER_HOUR = 2
    proxy = {"REMOTE_ADDR": "127.0.0.1"}

    def send(address, n):
        return client.post(WRITE, letter_data(client, subject=f"来信{address}{n}"),
                           HTTP_X_FORWARDED_FOR=address, **proxy)

    assert send("10.1.1.1", 1).status_code == 200
    assert send("10.1.1.1", 2).status_code == 200
    refused = send("10.1.1.1", 3)
    assert refused.status_code == 429 and "过于频繁" in refused.content.decode()
    assert send("10.2.2.2", 1).status_code == 200  # another citizen behind the same proxy


def test_a_forged_header_from_outside_the_proxy_is_ignored(client, settings):
    from django.test import RequestFactory

    from mailbox.public import client_address

    request = RequestFactory().get("/", REMOTE_ADDR="203.0.113.9",
                                   HTTP_X_FORWARDED_FOR="10.9.9.9")
    assert client_address(request) == "203.0.113.9"
    request = RequestFactory().get("/", REMOTE_ADDR="127.0.0.1",
                                   HTTP_X_FORWARDED_FOR="10.9.9.9, 127.0.0.1")
    assert client_address(request) == "10.9.9.9"


def test_the_query_page_needs_both_number_and_code(client, letter):
    new = letter(at(2026, 11, 2))
    ok = client.post(QUERY, {"number": new.number, "code": new.query_code})
    assert ok.status_code == 200 and "待受理" in ok.content.decode()
    wrong = client.post(QUERY, {"number": new.number, "code": "AAAAAAAA"})
    assert wrong.status_code == 404
    assert new.content not in wrong.content.decode()
    assert "信件编号或查询码不正确" in wrong.content.decode()


def test_repeated_wrong_codes_are_throttled(client, letter, settings):
    settings.MAILBOX_WRONG_CODES_PER_HOUR = 3
    new = letter(at(2026, 11, 2))
    for _ in range(3):
        client.post(QUERY, {"number": new.number, "code": "WRONG123"})
    blocked = client.post(QUERY, {"number": new.number, "code": new.query_code})
    assert blocked.status_code == 429
    assert "错误次数过多" in blocked.content.decode()
    assert new.content not in blocked.content.decode()


def test_an_unpublished_reply_is_not_shown_to_anyone(client, letter, user):
    new = letter(at(2026, 11, 2))
    flow.accept(new, user("bgs"), Unit.objects.get(name="医政医管科"))
    flow.start(new, user("yzk"))
    flow.submit_reply(new, user("yzk"), "尚在审核中的答复草稿", publish_on_site=True)
    html = client.post(QUERY, {"number": new.number, "code": new.query_code}).content.decode()
    assert "尚在审核中的答复草稿" not in html
    assert "尚在审核中的答复草稿" not in client.get("/interaction/director-mailbox/").content.decode()


def answered_publicly(letter, user, **fields):
    new = letter(at(2026, 11, 2), **fields)
    flow.accept(new, user("bgs"), Unit.objects.get(name="医政医管科"))
    flow.start(new, user("yzk"))
    reply = flow.submit_reply(new, user("yzk"), "答复：周六上午正常开放，联系电话0632-3317890。",
                              publish_on_site=True)
    for reviewer in ("yzk_head", "bgs"):
        state = reply.current_workflow_state.current_task_state
        state.task.specific.on_action(state, user(reviewer), "approve", comment="同意")
    new.refresh_from_db()
    return new


def test_the_public_list_shows_answered_letters_with_personal_data_masked(client, letter, user):
    new = answered_publicly(letter, user, name="张三丰",
                            content="我是张三丰，电话13861234567，身份证370402198001011233，请问接种时间。")
    listing = client.get("/interaction/director-mailbox/").content.decode()
    assert new.subject in listing and "张**" in listing and "张三丰" not in listing
    detail = client.get(f"/interaction/director-mailbox/letters/{new.number}/").content.decode()
    assert "138****4567" in detail and "13861234567" not in detail
    assert "370402********1233" in detail and "370402198001011233" not in detail
    assert "张三丰" not in detail
    assert "周六上午正常开放" in detail
    html = client.post(QUERY, {"number": new.number, "code": new.query_code}).content.decode()
    assert "周六上午正常开放" in html and "已公开" in html


def test_a_letter_whose_writer_did_not_allow_publication_stays_off_the_list(client, letter, user):
    new = letter(at(2026, 11, 2), allow_publication=False)
    flow.accept(new, user("bgs"), Unit.objects.get(name="医政医管科"))
    flow.start(new, user("yzk"))
    with pytest.raises(flow.FlowRefused, match="未同意公开"):
        flow.submit_reply(new, user("yzk"), "答复", publish_on_site=True)
    assert client.get(f"/interaction/director-mailbox/letters/{new.number}/").status_code == 404


def test_a_reply_marked_as_faq_appears_on_its_column(client, letter, user, column):
    guides = column("services/guides")
    new = letter(at(2026, 11, 2), subject="医师执业注册需要哪些材料")
    flow.accept(new, user("bgs"), Unit.objects.get(name="医政医管科"))
    flow.start(new, user("yzk"))
    reply = flow.submit_reply(new, user("yzk"), "需提交申请表、资格证书和体检证明。",
                              is_faq=True, faq_column=guides)
    assert "需提交申请表" not in client.get(guides.url).content.decode()
    for reviewer in ("yzk_head", "bgs"):
        state = reply.current_workflow_state.current_task_state
        state.task.specific.on_action(state, user(reviewer), "approve", comment="同意")
    html = client.get(guides.url).content.decode()
    assert "常见问题" in html and "医师执业注册需要哪些材料" in html and "需提交申请表" in html


def test_the_disclosure_form_asks_for_an_id_number(client):
    url = "/open/requests/write/"
    data = {**letter_data(client), "token": form_token(client, url), "id_number": "370402198001011230",
            "address": "枣庄市市中区"}
    response = client.post(url, data)
    assert "身份证号码不正确" in response.content.decode()
    data["id_number"] = "370402198001011233"
    data["token"] = form_token(client, url)
    assert client.post(url, data).status_code == 200
    assert Letter.objects.get(subject=data["subject"]).kind == LetterKind.DISCLOSURE


def test_the_hotline_column_has_no_web_form(client):
    assert client.get("/interaction/hotline/write/").status_code == 302
    assert "我要写信" not in client.get("/interaction/hotline/").content.decode()
    assert LetterReply.objects.filter(letter__kind=LetterKind.HOTLINE, live=True).exists()


def test_published_letters_are_found_by_the_public_search_with_their_masked_text(client, letter, user):
    new = answered_publicly(letter, user, subject="咨询狂犬疫苗接种点",
                            content="我叫张三丰，电话13861234567，被狗咬伤后去哪里打狂犬疫苗？")
    hidden = letter(at(2026, 11, 2), subject="狂犬疫苗费用咨询（未公开）", allow_publication=False)
    html = client.get("/search/", {"query": "狂犬疫苗"}).content.decode()
    assert f"/interaction/director-mailbox/letters/{new.number}/" in html
    assert "咨询<mark>狂犬疫苗</mark>接种点" in html and "未公开" not in html
    assert "13861234567" not in html and "张三丰" not in html
    for private in ("13861234567", "张三丰"):
        found = client.get("/search/", {"query": private}).content.decode()
        assert new.number not in found, private


def test_a_body_too_large_for_the_server_gets_a_chinese_page(client):
    """Django refuses bodies over DATA_UPLOAD_MAX_MEMORY_SIZE before the view
    runs (in the CSRF check): the error page says what to do, in Chinese."""
    from django.test import Client

    browser = Client(enforce_csrf_checks=True)
    browser.get(WRITE)
    token = browser.cookies["csrftoken"].value
    before = Letter.objects.count()
    response = browser.post(WRITE, {**letter_data(browser), "csrfmiddlewaretoken": token,
                                    "content": "字" * (4 * 1024 * 1024)})
    assert response.status_code == 400
    assert "信件内容不能超过3000字" in response.content.decode()
    assert Letter.objects.count() == before


def test_a_post_without_the_form_page_says_the_page_expired_in_chinese():
    from django.test import Client

    response = Client(enforce_csrf_checks=True).post(WRITE, {"name": "张三"})
    assert response.status_code == 403 and "页面已过期" in response.content.decode()


@pytest.mark.parametrize("name, data", [
    ("材料.docx", b"PK\x03\x04" + b"\x00" * 100),  # a zip that is no Word document
    ("材料.pdf", b"%PDF-1.4\n" + b"MZ" * 50),  # a PDF header and nothing of a PDF
    ("照片.jpg", b"\xff\xd8\xff" + b"\x00" * 100),  # a JPEG header and no image
])
def test_files_that_only_begin_like_their_type_are_refused(client, name, data):
    before = Letter.objects.count()
    response = client.post(WRITE, {**letter_data(client), "attachment": SimpleUploadedFile(name, data)})
    assert "附件内容与扩展名" in response.content.decode()
    assert Letter.objects.count() == before


def test_a_real_word_document_and_photo_are_accepted(client):
    import io
    import zipfile

    from PIL import Image

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    client.post(WRITE, {**letter_data(client, subject="附Word材料的来信"),
                        "attachment": SimpleUploadedFile("材料.docx", buffer.getvalue())})
    photo = io.BytesIO()
    Image.new("RGB", (8, 8), "white").save(photo, "JPEG")
    client.post(WRITE, {**letter_data(client, subject="附照片的来信"),
                        "attachment": SimpleUploadedFile("现场.jpg", photo.getvalue())})
    assert Letter.objects.filter(subject__in=["附Word材料的来信", "附照片的来信"]).count() == 2
