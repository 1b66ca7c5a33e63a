"""Where the letters (主任信箱, 卫生计生热线, 依申请公开, 信息公开监督信箱) plug in.

The report code knows letters only through this module.  When the
``mailbox`` app is installed, its report section (``evaluation/letter_section.py``)
plugs in here:

- ``section()`` returns an object with ``key``, ``title``,
  ``build(period) -> section dict`` (received, answered, on time, overdue,
  transferred and within 3 days, escalated, average working days, per 科室
  and in total; letters still within their deadline listed as pending) and
  ``settle(period, data) -> section dict | None`` (the supplement once every
  pending letter's deadline has passed);
- ``overdue_replies_by_unit(period) -> {unit id: n}`` feeds the overdue-reply
  deduction of the annual evaluation (see scoring.py).

Without the mailbox app every function here answers "nothing", and reports say so.
"""

from django.apps import apps

NOT_AVAILABLE_NOTE = "信件办理统计（主任信箱、卫生计生热线、依申请公开）待信箱模块上线后纳入本报告。"


def available():
    return apps.is_installed("mailbox")


def section():
    if not available():
        return None
    try:
        from .letter_section import LetterSection
    except ImportError:
        return None
    return LetterSection()


def overdue_replies_by_unit(period):
    provider = section()
    if provider is None:
        return {}
    return provider.overdue_by_unit(period)
