"""E-mails about letters: to the citizen, the 科室 that answers, the routers.

Django's mail backends (console in development, SMTP in production).  The
citizen's mails never repeat the query code's secret beyond the receipt.
"""

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.urls import reverse

from workdays.alerts import report_not_covered

from .deadlines import day_label

logger = logging.getLogger("mailbox")


def _addresses(users):
    return sorted({u.email for u in users if u.email})


def _send(subject, body, recipients):
    if recipients:
        send_mail(subject, body, None, recipients)


def _admin_link(letter):
    return settings.WAGTAILADMIN_BASE_URL + reverse("mailbox_letter", args=[letter.pk])


def _due(letter):
    if letter.due_at:
        return f"答复期限：{day_label(letter.due_at)}"
    return "答复期限：期限待定（" + (letter.deadline_pending or "待受理后计算") + "）"


def letter_received(letter):
    from .routing import router_users

    if letter.email:
        _send(f"您的来信已收到（编号 {letter.number}）",
              f"{letter.name}：\n\n您于{day_label(letter.received_at)}提交的“{letter.subject}”已收到。\n"
              f"信件编号：{letter.number}\n查询码：{letter.query_code}\n"
              f"请凭编号和查询码在网站“互动交流”栏目查询办理进度和答复。\n\n"
              f"{settings.WAGTAIL_SITE_NAME}", [letter.email])
    _send(f"新来信待受理：{letter.number} {letter.subject}",
          f"{letter.get_kind_display()}收到新来信，请及时受理和分办。\n{_due(letter)}\n"
          f"办理：{_admin_link(letter)}", _addresses(router_users(letter.kind)))


def routed(letter, transferred=False):
    from .routing import unit_users

    verb = "转办" if transferred else "分办"
    _send(f"来信{verb}至本科室：{letter.number} {letter.subject}",
          f"{letter.get_kind_display()}来信已{verb}至{letter.responsible_unit}，请及时办理。\n"
          f"{_due(letter)}\n办理：{_admin_link(letter)}",
          _addresses(unit_users(letter.responsible_unit)))


def _to_citizen(letter, subject, text):
    if letter.email:
        _send(f"{subject}（编号 {letter.number}）",
              f"{letter.name}：\n\n{text}\n\n{settings.WAGTAIL_SITE_NAME}", [letter.email])


def refused(letter):
    _to_citizen(letter, "您的来信不予受理",
                f"您的来信“{letter.subject}”不予受理，理由：{letter.refusal_reason}")


def interim_reply(letter):
    _to_citizen(letter, "您的来信正在办理（阶段性答复）", letter.interim_reply)


def correction_requested(letter):
    _to_citizen(letter, "请补正您的政府信息公开申请",
                f"您的申请“{letter.subject}”需要补正：{letter.correction_note}\n"
                "答复期限自收到补正之日起重新计算。")


def extended(letter):
    _to_citizen(letter, "政府信息公开申请答复期限延长",
                f"因{letter.extension_reason}，答复期限延长{letter.extension_days}个工作日。"
                f"{_due(letter)}")


def answered(letter):
    reply = letter.published_reply
    if reply is None:
        return
    _to_citizen(letter, "您的来信已答复", f"您的来信“{letter.subject}”答复如下：\n\n{reply.body}")


def calendar_gap(error, letter):
    from units.catalogue import CONFIDENTIALITY_OFFICE
    from units.models import Unit

    from .routing import router_users, unit_users

    office = Unit.objects.filter(name=CONFIDENTIALITY_OFFICE).first()  # keeps the calendar
    recipients = _addresses(list(unit_users(office)) + list(router_users(letter.kind)))
    report_not_covered(error, recipients, context=f"来信 {letter.number or letter.subject}")
