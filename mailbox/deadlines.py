"""The deadlines of a letter, from the working-day calendar (第十一条; 条例).

- 主任信箱, 热线, 监督信箱: answer within 5 working days of receipt; a letter
  transferred to another 科室 gets 5 working days from the transfer.
- Transfer: within 3 working days of the original receipt.
- Escalation (请示): settled within 5 working days of the 请示.
- 依申请公开: 20 working days from the day the application counts as received
  (条例 第三十一条: on the website, the day both sides confirm — here the
  acceptance; by post, the day it is signed for; in person, that day), plus
  an approved extension of up to 20; a 补正 restarts the clock on the day the
  correction arrives; a third-party consultation (征求意见) is not counted,
  up to 15 working days.

``refresh`` is the one function that sets the stored deadlines; every flow
step calls it.  A year the calendar does not cover leaves the deadline empty
with the reason, instead of guessing.
"""

import calendar
import datetime

from django.utils import timezone

from workdays.calendar import CalendarNotCovered, deadline, workdays_between

from .models import Channel, LetterKind

ANSWER_DAYS = 5
TRANSFER_DAYS = 3
ESCALATION_DAYS = 5
DISCLOSURE_DAYS = 20
MAX_EXTENSION_DAYS = 20
CORRECTION_NOTICE_DAYS = 7
MAX_CONSULTATION_DAYS = 15
ALARM_MONTHS = 3  # the national inspection's line for an unanswered letter


def disclosure_start(letter):
    """When an information request counts as received (条例 第三十一条)."""
    if letter.correction_received_at:
        return letter.correction_received_at
    if letter.channel in (Channel.WEBSITE, Channel.FAX):
        return letter.accepted_at  # None until the office confirms receipt
    return letter.received_at


def paused_workdays(letter, now=None):
    """Working days of third-party consultation, capped at the 条例's 15."""
    if not letter.consultation_started_at:
        return 0
    end = letter.consultation_ended_at or now or timezone.now()
    return min(workdays_between(letter.consultation_started_at, end), MAX_CONSULTATION_DAYS)


def answer_deadline(letter):
    if letter.kind == LetterKind.DISCLOSURE:
        start = disclosure_start(letter)
        if start is None:
            return None
        days = DISCLOSURE_DAYS + letter.extension_days + paused_workdays(letter)
        return deadline(start, days)
    start = letter.transferred_at or letter.received_at
    return deadline(start, ANSWER_DAYS)


def refresh(letter):
    """Recompute the stored deadlines of letter (not saved)."""
    letter.deadline_pending = ""
    try:
        letter.due_at = answer_deadline(letter)
        letter.transfer_due_at = deadline(letter.received_at, TRANSFER_DAYS)
        letter.escalation_due_at = (
            deadline(letter.escalated_at, ESCALATION_DAYS) if letter.escalated_at else None)
    except CalendarNotCovered as error:
        letter.due_at = letter.transfer_due_at = letter.escalation_due_at = None
        letter.deadline_pending = str(error)
        return error
    return None


def correction_deadline(letter):
    """A 补正 must be asked for within 7 working days of receipt."""
    return deadline(letter.received_at, CORRECTION_NOTICE_DAYS)


def alarm_moment(letter):
    """Three calendar months after the original receipt."""
    moment = timezone.localtime(letter.received_at)
    month0 = moment.month - 1 + ALARM_MONTHS
    year, month = moment.year + month0 // 12, month0 % 12 + 1
    day = min(moment.day, calendar.monthrange(year, month)[1])
    return moment.replace(year=year, month=month, day=day)


def answered_stats(letter, moment):
    """(working days taken, on time?) for an answer visible at moment."""
    if letter.kind == LetterKind.DISCLOSURE:
        start = disclosure_start(letter) or letter.received_at
    else:
        start = letter.transferred_at or letter.received_at
    taken = workdays_between(start, moment)
    on_time = None if letter.due_at is None else moment <= letter.due_at
    return taken, on_time


def transfer_stats(letter, moment):
    taken = workdays_between(letter.received_at, moment)
    on_time = None if letter.transfer_due_at is None else moment <= letter.transfer_due_at
    return taken, on_time


def day_label(moment):
    """2016年9月21日 as people read dates."""
    if moment is None:
        return ""
    if isinstance(moment, datetime.datetime):
        moment = timezone.localtime(moment).date()
    return f"{moment.year}年{moment.month}月{moment.day}日"
