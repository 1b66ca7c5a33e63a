"""The daily deadline check (a django-q2 schedule, and ``manage.py
mailbox_reminders``).

- one working day before an answer, transfer or 请示 deadline: a reminder to
  the 科室 that has the letter (the routers while it is not yet routed);
- past the answer deadline: an overdue alert to the 科室, 办公室 and 研究室;
- unanswered three months after receipt: the alarm of the national
  inspection's veto line, to 办公室 and 研究室.

Each notice is sent once per letter and deadline (``LetterNotice``), so
running the job twice a day, or catching up after a stop, repeats nothing.
"""

from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.utils import timezone
from django_q.models import Schedule

from units.models import Unit
from workdays.calendar import CalendarNotCovered, add_workdays, local_date

from .deadlines import alarm_moment, day_label
from .models import Letter, LetterNotice, LetterStatus
from .notify import _addresses, _admin_link
from .routing import OVERSIGHT_UNITS, router_users, unit_users

SCHEDULE_NAME = "来信办理期限提醒（每日）"


def _once(letter, kind, due):
    """True the first time (letter, kind, due) is claimed."""
    try:
        with transaction.atomic():
            LetterNotice.objects.create(letter=letter, kind=kind, due=due)
        return True
    except IntegrityError:
        return False


def _keepers(letter):
    if letter.responsible_unit_id:
        return list(unit_users(letter.responsible_unit))
    return list(router_users(letter.kind))


def _oversight():
    users = []
    for unit in Unit.objects.filter(name__in=OVERSIGHT_UNITS):
        users += list(unit_users(unit))
    return users


def _mail(subject, letter, text, users):
    recipients = _addresses(users)
    if recipients:
        send_mail(subject, f"{text}\n\n信件：{letter.number} {letter.subject}\n"
                           f"办理：{_admin_link(letter)}", None, recipients)
    return bool(recipients)


def _deadlines_of(letter):
    """(kind, label, moment) of the deadlines still running for letter."""
    out = [("answer", "答复期限", letter.due_at)]
    if letter.transferred_at is None and letter.status in (
            LetterStatus.PENDING, LetterStatus.ACCEPTED, LetterStatus.PROCESSING):
        out.append(("transfer", "转办期限", letter.transfer_due_at))
    if letter.status == LetterStatus.ESCALATED:
        out.append(("escalation", "请示办结期限", letter.escalation_due_at))
    return [(k, label, m) for k, label, m in out if m is not None]


def run(now=None):
    """Send what is due today; returns counts of what was sent."""
    now = now or timezone.now()
    today = local_date(now)
    try:
        tomorrow = add_workdays(today, 1)
    except CalendarNotCovered:
        tomorrow = None
    sent = {"reminder": 0, "overdue": 0, "alarm": 0}
    letters = Letter.objects.open().select_related("responsible_unit")
    for letter in letters:
        for kind, label, moment in _deadlines_of(letter):
            due = local_date(moment)
            if tomorrow and due == tomorrow and today < due and _once(letter, f"soon-{kind}", due):
                sent["reminder"] += _mail(f"【来信办理提醒】{label}为下一个工作日", letter,
                                          f"该信件的{label}为{day_label(moment)}，请抓紧办理。",
                                          _keepers(letter))
        if letter.due_at and letter.due_at < now and _once(letter, "overdue",
                                                           local_date(letter.due_at)):
            sent["overdue"] += _mail("【来信超期】信件已超过答复期限", letter,
                                     f"该信件的答复期限为{day_label(letter.due_at)}，现已超期未答复。"
                                     f"承办科室：{letter.responsible_unit or '未分办'}。",
                                     _keepers(letter) + _oversight())
        alarm = alarm_moment(letter)
        if alarm <= now and _once(letter, "alarm", local_date(alarm)):
            sent["alarm"] += _mail("【严重警告】来信超过三个月未答复", letter,
                                   f"该信件于{day_label(letter.received_at)}收到，已超过三个月仍未答复，"
                                   "属于政府网站检查的单项否决情形，请立即办理。",
                                   _keepers(letter) + _oversight())
    return sent


def ensure_schedule():
    """Every morning at 8:00 (the first run is tomorrow's)."""
    first = timezone.localtime().replace(hour=8, minute=0, second=0, microsecond=0)
    Schedule.objects.update_or_create(
        name=SCHEDULE_NAME,
        defaults={"func": "mailbox.reminders.run", "schedule_type": Schedule.DAILY,
                  "repeats": -1},
        create_defaults={"func": "mailbox.reminders.run", "schedule_type": Schedule.DAILY,
                         "repeats": -1, "next_run": first + timezone.timedelta(days=1)},
    )
