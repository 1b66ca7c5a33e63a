"""Letters in the quarterly report: exact figures at the boundaries, pending
letters settled in a supplement, overdue replies in the annual scores."""

import pytest

from evaluation import periods, reports, tasks
from evaluation.models import Report
from mailbox import deadlines
from mailbox.models import Channel, Letter, LetterKind, LetterStatus
from units.models import Unit

from .factories import at

pytestmark = pytest.mark.django_db
Q3 = periods.quarter(2025, 3)


@pytest.fixture
def clock(monkeypatch):
    from django.utils import timezone

    def set_now(text):
        moment = at(text)
        monkeypatch.setattr(timezone, "now", lambda: moment)
        return moment

    return set_now


def unit(name):
    return Unit.objects.get(name=name)


def make(received, kind=LetterKind.DIRECTOR, responsible=None, channel=Channel.WEBSITE,
         **fields):
    letter = Letter(kind=kind, received_at=at(received), channel=channel, name="张三丰",
                    phone="13861234567", subject="咨询", content="请问……",
                    responsible_unit=unit(responsible) if responsible else None,
                    status=LetterStatus.PROCESSING, accepted_at=at(received))
    for name, value in fields.items():
        setattr(letter, name, value)
    letter.save()
    return letter


def transfer(letter, when, to):
    """What mailbox.flow.transfer stores."""
    moment = at(when)
    taken, on_time = deadlines.transfer_stats(letter, moment)
    letter.transferred_from, letter.responsible_unit = letter.responsible_unit, unit(to)
    letter.transferred_at, letter.transfer_workdays, letter.transferred_in_time = (
        moment, taken, on_time)
    deadlines.refresh(letter)
    letter.save()


def answer(letter, when):
    """What mailbox.flow.reply_published stores."""
    moment = at(when)
    taken, on_time = deadlines.answered_stats(letter, moment)
    Letter.objects.filter(pk=letter.pk).update(status=LetterStatus.ANSWERED, answered_at=moment,
                                               answer_workdays=taken, answered_on_time=on_time)


@pytest.fixture
def q3_letters(db):
    """Q3 2025.  L1: received on the quarter's last day, due after 国庆 (the
    make-up Saturday 11 October counts): 14 October.  L2: transferred on its
    last allowed day, answered a day late.  L3: never answered.  L5:
    escalated, answered on its last day.  L6: refused.  L7: 依申请公开."""
    letters = {
        1: make("2025-09-30 16:00", responsible="医政医管科"),
        2: make("2025-09-01 09:00", responsible="办公室"),
        3: make("2025-09-10 09:00", kind=LetterKind.HOTLINE, responsible="规划财务科"),
        5: make("2025-09-15 09:00", responsible="医政医管科", escalated_at=at("2025-09-16 09:00")),
        6: make("2025-09-20 09:00", status=LetterStatus.REFUSED, refusal_reason="非本机关职责"),
        7: make("2025-08-01 09:00", kind=LetterKind.DISCLOSURE, responsible="法制监督科",
                channel=Channel.LETTER),
    }
    transfer(letters[2], "2025-09-04 17:00", "医政医管科")
    answer(letters[2], "2025-09-12 10:00")
    answer(letters[5], "2025-09-22 10:00")
    answer(letters[7], "2025-08-20 10:00")
    return letters


def table(section, key):
    return next(t for t in section["tables"] if t["key"] == key)


def letters_of(report):
    return next(s for s in report.data["sections"] if s["key"] == "letters")


def test_stored_deadlines_and_durations(q3_letters):
    l1, l2 = (Letter.objects.get(pk=q3_letters[n].pk) for n in (1, 2))
    assert l1.due_at == at("2025-10-14 23:59").replace(second=59)
    assert (l2.transfer_workdays, l2.transferred_in_time) == (3, True)
    assert (l2.answer_workdays, l2.answered_on_time) == (6, False)


def test_a_letter_within_its_deadline_is_pending_not_late_nor_on_time(q3_letters, clock):
    pending_then_settled(q3_letters, clock)


def pending_then_settled(q3_letters, clock):
    """Q3's report on 1 October, then its supplement on 15 October."""
    clock("2025-10-01 10:00")
    report = reports.generate(Q3)
    section = letters_of(report)
    by_kind = table(section, "letters_by_kind")
    assert by_kind["headers"][1:] == ["收到", "已答复", "按期答复", "逾期（含逾期答复和逾期未答复）",
                                      "办理中（未到期限）", "不予受理", "转办", "其中3个工作日内转办", "请示",
                                      "平均答复用时（工作日）"]
    assert by_kind["rows"] == [
        ["主任信箱", 4, 2, 1, 1, 1, 1, 1, 1, 1, 5.5],
        ["卫生计生热线", 1, 0, 0, 1, 0, 0, 0, 0, 0, "—"],
        ["依申请公开", 1, 1, 1, 0, 0, 0, 0, 0, 0, 13.0],
    ]
    assert by_kind["total"] == ["合计", 6, 3, 2, 2, 1, 1, 1, 1, 1, 8.0]
    by_unit = {r[0]: r[1:] for r in table(section, "letters_by_unit")["rows"]}
    assert by_unit["医政医管科"] == [3, 2, 1, 1, 1, 0, 1, 1, 1, 5.5]
    assert by_unit["（未分办）"] == [1, 0, 0, 0, 0, 1, 0, 0, 0, "—"]
    assert table(section, "letters_overdue_units")["rows"] == [["医政医管科", 1], ["规划财务科", 1]]
    pending = table(section, "letters_pending")["rows"]
    assert [(r[0], r[2], r[4]) for r in pending] == [
        (q3_letters[1].number, "医政医管科", "2025年10月14日")]
    chart = section["charts"][0]
    assert dict(zip(chart["categories"], chart["values"])) == {
        "医政医管科": 50.0, "规划财务科": 0.0, "法制监督科": 100.0}
    assert "尚在办理期限内1件" in section["summary_text"]

    # Before the deadline nothing is settled; after it the supplement is written.
    assert reports.settle_supplement(report) is None
    answer(q3_letters[1], "2025-10-09 10:00")  # 1 working day after 国庆
    clock("2025-10-15 08:00")
    tasks.generate_due_reports(today=at("2025-10-15 08:00").date())
    report = Report.objects.get(pk=report.pk)
    assert report.supplement["tables"][0]["rows"] == [["主任信箱", 1, 1, 1, 0, 0, 0, 0, 0, 0, 1.0]]
    assert "按期答复1件，逾期0件" in report.supplement["note"]
    # The issued figures stay as they were.
    assert table(letters_of(report), "letters_by_kind")["total"][5] == 1
    return report


def test_the_supplement_is_shown_and_exported(q3_letters, clock, login):
    import io

    from openpyxl import load_workbook

    report = pending_then_settled(q3_letters, clock)
    client = login("yjs")
    page = client.get(f"/admin/evaluation/{report.pk}/").content.decode()
    assert "补充报告（2025年10月15日 08:00）" in page
    assert "按期答复1件，逾期0件" in page
    wb = load_workbook(io.BytesIO(client.get(f"/admin/evaluation/{report.pk}/xlsx/").content))
    sheet = wb["补充-咨询回复情况（按信件类别）"]
    assert list(sheet.iter_rows(min_row=2, max_row=2, values_only=True)) == [
        ("主任信箱", 1, 1, 1, 0, 0, 0, 0, 0, 0, 1)]


def test_a_report_with_pending_letters_says_a_supplement_will_follow(q3_letters, clock, login):
    clock("2025-10-01 10:00")
    report = reports.generate(Q3)
    page = login("yjs").get(f"/admin/evaluation/{report.pk}/").content.decode()
    assert "本报告有1件信件尚在办理期限内，期限届满后系统将自动生成补充报告。" in page


def test_overdue_replies_are_deducted_in_the_annual_evaluation(q3_letters, clock):
    from evaluation.models import EvaluationSettings

    settings_obj = EvaluationSettings.load()
    settings_obj.overdue_reply_deduction = 2
    settings_obj.save()
    clock("2026-01-05 10:00")
    report = reports.generate(periods.year(2025))
    evaluation = next(s for s in report.data["sections"] if s["key"] == "evaluation")
    sections = {r[1]: r for r in table(evaluation, "rank_sections")["rows"]}
    # L2 answered late, L1 never answered and now past its deadline.
    assert sections["医政医管科"][8:11] == [2, 4.0, -4.0]
    assert sections["规划财务科"][8:11] == [1, 2.0, -2.0]
    assert sections["法制监督科"][8:11] == [0, 0.0, 0.0]


def test_the_report_page_plots_the_on_time_rate(q3_letters, clock, login):
    clock("2025-10-20 10:00")
    report = reports.generate(Q3)
    page = login("fgld").get(f"/admin/evaluation/{report.pk}/").content.decode()
    assert "各科室按期答复率" in page
    # L1 is past its deadline by now: 1 of 3 settled letters on time.
    assert "医政医管科：33.3%（1/3）" in page


def test_the_notice_draft_names_the_sections_with_overdue_replies(q3_letters, clock, user):
    from evaluation.notice import create_notice_draft

    clock("2025-10-01 10:00")
    report = reports.generate(Q3)
    page = create_notice_draft(report, user("yjs"))
    text = str(page.body)
    assert "本期共收到来信6件，已答复3件，其中按期答复2件；逾期2件；尚在办理期限内1件" in text
    assert "以下科室有逾期答复的信件，予以通报批评：医政医管科（1件）、规划财务科（1件）。" in text
