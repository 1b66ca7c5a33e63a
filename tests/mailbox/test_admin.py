"""Letters in the Wagtail admin: who sees and does what, tried over HTTP."""

import pytest
from django.urls import reverse

from mailbox import flow
from mailbox.models import Letter, LetterKind, LetterStatus
from tests.mailbox.conftest import at
from units.models import Unit

pytestmark = pytest.mark.django_db

LIST = "/admin/letters/"


def refused(response):
    """Wagtail's admin answers a refused view by sending the user back to the dashboard."""
    return response.status_code == 403 or (
        response.status_code == 302 and response["Location"].rstrip("/").endswith("/admin"))


def unit(name):
    return Unit.objects.get(name=name)


@pytest.fixture
def routed(letter, user):
    """A letter routed to 医政医管科, and one routed to 宣传科."""
    ours = letter(at(2026, 11, 2), subject="反映某诊所无证行医问题", content="市中区某路口诊所没有执业许可证，请调查处理。")
    flow.accept(ours, user("bgs"), unit("医政医管科"))
    theirs = letter(at(2026, 11, 2), subject="健康讲座安排咨询", content="请问下月社区健康讲座在哪里举办？")
    flow.accept(theirs, user("bgs"), unit("宣传科"))
    return ours, theirs


def handle_url(letter):
    return reverse("mailbox_letter", args=[letter.pk])


def test_a_section_sees_only_the_letters_routed_to_it(login, routed):
    ours, theirs = routed
    client = login("yzk")
    listing = client.get(LIST).content.decode()
    assert ours.subject in listing and theirs.subject not in listing
    assert client.get(handle_url(ours)).status_code == 200
    assert refused(client.get(handle_url(theirs)))


def test_a_section_cannot_open_another_sections_letter_by_any_admin_url(login, routed):
    _, theirs = routed
    client = login("yzk")
    for name in ("edit", "inspect", "history", "delete"):
        url = reverse(f"wagtailsnippets_mailbox_letter:{name}", args=[theirs.pk])
        assert refused(client.get(url)), name
    assert refused(client.get(reverse("mailbox_letter_attachment", args=[theirs.pk])))


def test_a_section_cannot_answer_another_sections_letter(login, routed):
    _, theirs = routed
    client = login("yzk")
    response = client.post(handle_url(theirs), {"action": "start", "start-note": ""})
    assert refused(response)
    theirs.refresh_from_db()
    assert theirs.status == LetterStatus.ACCEPTED


def test_the_handler_works_the_letter_through_its_page(login, routed):
    ours, _ = routed
    client = login("yzk")
    page = client.get(handle_url(ours)).content.decode()
    assert "开始办理" in page and "不予受理" not in page  # refusing is the router's step
    client.post(handle_url(ours), {"action": "start"})
    ours.refresh_from_db()
    assert ours.status == LetterStatus.PROCESSING
    response = client.post(handle_url(ours), {"action": "transfer", "transfer-unit": unit("宣传科").pk,
                                              "transfer-note": ""}, follow=True)
    assert "转办必须说明理由" in response.content.decode()
    client.post(handle_url(ours), {"action": "reply", "reply-body": "已转卫生监督执法支队现场核查。"})
    ours.refresh_from_db()
    assert ours.reply.body.startswith("已转卫生监督")
    assert ours.reply.current_workflow_state.status == "in_progress"


def test_a_step_the_user_may_not_take_is_refused_with_a_message(login, routed):
    ours, _ = routed
    client = login("yzk")
    response = client.post(handle_url(ours), {"action": "refuse", "refuse-note": "不想办"},
                           follow=True)
    assert "您不能执行“不予受理”" in response.content.decode()
    ours.refresh_from_db()
    assert ours.status == LetterStatus.ACCEPTED


def test_only_the_routing_office_accepts_and_routes(login, letter):
    new = letter(at(2026, 11, 2))
    assert refused(login("yzk").get(handle_url(new)))  # not routed to anyone yet
    client = login("bgs")
    client.post(handle_url(new), {"action": "accept", "accept-unit": unit("医政医管科").pk,
                                  "accept-note": "请办理"})
    new.refresh_from_db()
    assert new.status == LetterStatus.ACCEPTED and new.responsible_unit.name == "医政医管科"


def test_disclosure_requests_are_routed_by_the_legal_office_not_by_the_general_office(
        login, letter, staff):
    request = letter(at(2026, 11, 2), kind=LetterKind.DISCLOSURE, id_number="370402198001011233")
    assert refused(login("bgs").get(handle_url(request)))
    staff("fzk", "法制监督科")
    client = login("fzk")
    client.post(handle_url(request), {"action": "accept", "accept-unit": unit("医政医管科").pk})
    request.refresh_from_db()
    assert request.status == LetterStatus.ACCEPTED


def test_only_routers_may_edit_a_letter_record(login, routed):
    ours, _ = routed
    url = reverse("wagtailsnippets_mailbox_letter:edit", args=[ours.pk])
    assert refused(login("yzk").get(url))
    assert login("bgs").get(url).status_code == 200


def test_the_list_finds_letters_by_number_name_and_chinese_sub_words(login, routed):
    ours, theirs = routed
    client = login("bgs")
    for query in (ours.number, "无证行医", "执业许可", "张三丰"):
        html = client.get(LIST, {"q": query}).content.decode()
        assert ours.subject in html, query
    assert theirs.subject not in client.get(LIST, {"q": "无证行医"}).content.decode()


def test_the_list_filters_overdue_letters(login, letter, user, clock):
    clock(at(2026, 11, 20))
    late = letter(at(2026, 11, 2), subject="逾期未办的来信")
    fresh = letter(at(2026, 11, 19), subject="新到的来信")
    html = login("bgs").get(LIST, {"due": "overdue"}).content.decode()
    assert late.subject in html and fresh.subject not in html
    assert "已超期" in login("bgs").get(LIST).content.decode()


def test_the_dashboard_shows_my_units_letters_due_and_overdue(login, letter, user, clock):
    clock(at(2026, 11, 20))
    late = letter(at(2026, 11, 2), subject="逾期未办的来信")
    flow.accept(late, user("bgs"), unit("医政医管科"))
    html = login("yzk").get("/admin/").content.decode()
    assert "本单位来信办理提醒" in html and "逾期未办的来信" in html
    assert "逾期未办的来信" not in login("xck").get("/admin/").content.decode()


def test_a_hotline_call_recorded_in_the_admin_gets_a_number_and_deadlines(login):
    client = login("bgs")
    response = client.post(reverse("wagtailsnippets_mailbox_letter:add"), {
        "kind": "hotline", "channel": "phone", "name": "孙先生", "phone": "13706321234",
        "email": "", "id_number": "", "address": "", "subject": "来电咨询住院报销",
        "content": "来电询问市级医院住院报销比例。", "received_at": "2026-11-02 09:30",
    })
    assert response.status_code == 302
    call = Letter.objects.get(subject="来电咨询住院报销")
    assert call.number.startswith("RX20261102")
    assert call.due_at is not None and call.kind == LetterKind.HOTLINE


def test_the_unit_head_reviews_the_reply_in_wagtails_editor(login, routed, user):
    ours, _ = routed
    flow.start(ours, user("yzk"))
    reply = flow.submit_reply(ours, user("yzk"), "已核查，该诊所已责令停业整改。")
    edit = reverse("wagtailsnippets_mailbox_letterreply:edit", args=[reply.pk])
    assert refused(login("xuecheng_head").get(edit))
    head = login("yzk_head")
    assert "审核通过" in head.get(edit).content.decode()
    state = reply.current_workflow_state.current_task_state
    url = reverse("wagtailsnippets_mailbox_letterreply:workflow_action",
                  args=[reply.pk, "approve", state.pk])
    head.post(url, {"comment": "同意"})
    reply.refresh_from_db()
    assert reply.current_workflow_state.current_task_state.task.name == "答复审核（信箱主管科室）"


def test_public_forms_refuse_a_post_without_the_csrf_token(letter):
    from django.test import Client

    response = Client(enforce_csrf_checks=True).post(
        "/interaction/director-mailbox/write/", {"name": "张三"})
    assert response.status_code == 403


def test_staff_never_see_the_citizens_query_code(login, routed):
    ours, _ = routed
    client = login("bgs")
    for url in (reverse("mailbox_letter", args=[ours.pk]),
                reverse("wagtailsnippets_mailbox_letter:inspect", args=[ours.pk]),
                "/admin/letters/?export=csv"):
        response = client.get(url)
        body = (b"".join(response.streaming_content) if response.streaming
                else response.content).decode("utf-8-sig")
        assert ours.number in body and ours.query_code not in body, url


def test_correcting_the_receipt_time_of_a_call_moves_its_deadlines(login):
    client = login("bgs")
    data = {"kind": "hotline", "channel": "phone", "name": "孙先生", "phone": "13706321234",
            "email": "", "id_number": "", "address": "", "subject": "来电咨询住院报销",
            "content": "来电询问市级医院住院报销比例。", "received_at": "2026-11-02 09:30"}
    client.post(reverse("wagtailsnippets_mailbox_letter:add"), data)
    call = Letter.objects.get(subject="来电咨询住院报销")
    client.post(reverse("wagtailsnippets_mailbox_letter:edit", args=[call.pk]),
                {**data, "received_at": "2026-10-30 16:00"})
    call.refresh_from_db()
    assert call.due_at.date().isoformat() == "2026-11-06"  # 5 working days after Friday 10-30


def test_the_site_history_shows_a_section_only_its_own_letters(login, routed):
    ours, theirs = routed
    html = login("yzk").get("/admin/reports/site-history/").content.decode()
    assert ours.number in html and theirs.number not in html
    export = login("yzk").get("/admin/reports/site-history/?export=csv")
    body = b"".join(export.streaming_content).decode("utf-8-sig") if export.streaming else \
        export.content.decode("utf-8-sig")
    assert theirs.number not in body and theirs.subject not in body
    assert theirs.number in login("bgs").get("/admin/reports/site-history/").content.decode()
