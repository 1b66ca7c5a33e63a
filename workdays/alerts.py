"""Telling 办公室 that a deadline could not be computed.

The admin panel shows the gap to whoever opens the dashboard; this sends it
by e-mail and to the log, once a day per missing year, from wherever a
deadline computation hit CalendarNotCovered (a new letter, the daily job).
"""

import logging

from django.core.cache import cache
from django.core.mail import send_mail
from django.utils import timezone

logger = logging.getLogger("workdays")


def report_not_covered(error, recipients, context=""):
    """Log and mail the gap to ``recipients`` (办公室, chosen by the caller).

    Returns True when a mail went out. This app knows nothing of units, so the
    caller says who keeps the calendar.
    """
    logger.warning("%s %s", error, context)
    key = f"workdays:reported:{error.year}:{timezone.localdate():%Y%m%d}"
    if not cache.add(key, True, 24 * 3600):
        return False
    if not recipients:
        return False
    body = f"{error}\n\n" + (f"涉及：{context}\n\n" if context else "") + (
        "在录入之前，相关期限显示为“期限待定”，不会按普通周末推算。"
    )
    send_mail(f"【工作日历】{error.year}年节假日安排未录入", body, None, recipients)
    return True

