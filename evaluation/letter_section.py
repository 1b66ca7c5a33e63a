"""Letters in the reports (主任信箱, 卫生计生热线, 信息公开监督信箱, 依申请公开).

Read-only over mailbox.Letter, whose durations and on-time flags were
stored by the mailbox app when each event happened.  A letter counts in the
period in which it was received.  When the report is generated:

- answered letters are on time or late as the mailbox recorded;
- unanswered letters past their deadline are overdue;
- unanswered letters still within their deadline (or whose deadline cannot
  be computed yet, 期限待定) are *pending*: the report neither calls them
  late nor on time, and lists them.  Once all of them are answered or past
  their deadline, ``settle`` writes a supplement that the frozen report
  carries beside it (the daily report job calls it).
"""

from django.db.models import Avg, Count, Q
from django.utils import timezone

from units.models import Unit

from .periods import cn_date, cn_datetime

HEADERS = ["收到", "已答复", "按期答复", "逾期（含逾期答复和逾期未答复）", "办理中（未到期限）", "不予受理",
           "转办", "其中3个工作日内转办", "请示", "平均答复用时（工作日）"]


def _letters():
    from mailbox.models import Letter

    return Letter.objects.all()


def _conditions(now):
    from mailbox.models import LetterStatus

    unanswered = Q(answered_at__isnull=True) & ~Q(status=LetterStatus.REFUSED)
    return {
        "received": Count("pk"),
        "answered": Count("pk", filter=Q(answered_at__isnull=False)),
        "on_time": Count("pk", filter=Q(answered_at__isnull=False, answered_on_time=True)),
        "overdue": Count("pk", filter=Q(answered_at__isnull=False, answered_on_time=False)
                         | (unanswered & Q(due_at__lt=now))),
        "pending": Count("pk", filter=unanswered & (Q(due_at__gte=now) | Q(due_at__isnull=True))),
        "refused": Count("pk", filter=Q(status=LetterStatus.REFUSED)),
        "transferred": Count("pk", filter=Q(transferred_at__isnull=False)),
        "transferred_in_time": Count("pk", filter=Q(transferred_at__isnull=False,
                                                    transferred_in_time=True)),
        "escalated": Count("pk", filter=Q(escalated_at__isnull=False)),
        "average": Avg("answer_workdays", filter=Q(answered_at__isnull=False)),
    }


KEYS = ("received", "answered", "on_time", "overdue", "pending", "refused", "transferred",
        "transferred_in_time", "escalated", "average")


def _row(values):
    average = values["average"]
    return [values[k] for k in KEYS[:-1]] + ["—" if average is None else round(average, 1)]


def _in(period, queryset=None):
    start, after = period.bounds
    return (queryset if queryset is not None else _letters()).filter(
        received_at__gte=start, received_at__lt=after)


def tables(letters, now, period_label=""):
    """The letter tables for a queryset of letters, as of ``now``."""
    from mailbox.models import LetterKind

    conditions = _conditions(now)
    by_kind = {row["kind"]: row for row in letters.values("kind").annotate(**conditions)
               .order_by()}
    total = letters.aggregate(**conditions)
    kind_rows = [[label] + _row(by_kind[kind]) for kind, label in LetterKind.choices
                 if kind in by_kind]
    units = {u.pk: u.name for u in Unit.objects.all()}
    unit_values = list(letters.values("responsible_unit").annotate(**conditions).order_by())
    unit_rows = sorted(([units.get(r["responsible_unit"], "（未分办）")] + _row(r)
                        for r in unit_values), key=lambda r: (-r[1], r[0]))
    rate_chart = {"key": "on_time_rate", "title": "各科室按期答复率", "kind": "rate_bars",
                  "categories": [], "values": [], "labels": []}
    for r in unit_values:
        settled = r["on_time"] + r["overdue"]
        if settled and r["responsible_unit"] is not None:
            rate_chart["categories"].append(units.get(r["responsible_unit"], "—"))
            rate_chart["values"].append(round(100 * r["on_time"] / settled, 1))
            rate_chart["labels"].append(f"{r['on_time']}/{settled}")
    overdue_units = [[units.get(r["responsible_unit"], "（未分办）"), r["overdue"]]
                     for r in unit_values if r["overdue"]]
    overdue_units.sort(key=lambda r: (-r[1], r[0]))
    return {
        "total": total,
        "tables": [
            {"key": "letters_by_kind", "title": "咨询回复情况（按信件类别）",
             "headers": ["类别", *HEADERS], "rows": kind_rows,
             "total": ["合计"] + _row(total) if kind_rows else None},
            {"key": "letters_by_unit", "title": "咨询回复情况（按承办科室）",
             "headers": ["承办科室", *HEADERS], "rows": unit_rows, "total": None},
            {"key": "letters_overdue_units", "title": "有逾期答复信件的科室（第十八条）",
             "headers": ["承办科室", "逾期（件）"], "rows": overdue_units, "total": None},
        ],
        "charts": [rate_chart],
    }


def _pending(letters, now):
    from mailbox.models import LetterStatus

    return (letters.filter(answered_at__isnull=True).exclude(status=LetterStatus.REFUSED)
            .filter(Q(due_at__gte=now) | Q(due_at__isnull=True))
            .select_related("responsible_unit").order_by("received_at"))


class LetterSection:
    key = "letters"
    title = "咨询回复情况（第十七条）"

    def build(self, period):
        now = timezone.now()
        letters = _in(period)
        built = tables(letters, now)
        pending = list(_pending(letters, now))
        total = built["total"]
        pending_table = {
            "key": "letters_pending", "title": "尚在办理期限内的信件（待补充报告）",
            "headers": ["编号", "类别", "承办科室", "收件时间", "答复期限"],
            "rows": [[p.number, p.get_kind_display(),
                      p.responsible_unit.name if p.responsible_unit else "（未分办）",
                      cn_datetime(p.received_at),
                      cn_date(p.due_at) if p.due_at else "期限待定"] for p in pending],
            "total": None}
        summary = (f"本期共收到来信{total['received']}件，已答复{total['answered']}件，"
                   f"其中按期答复{total['on_time']}件；逾期{total['overdue']}件；"
                   f"尚在办理期限内{total['pending']}件，将在期限届满后补充报告。")
        return {
            "key": self.key, "title": self.title,
            "note": ("信件按收到时间计入所在期间。报告生成时尚未到答复期限的信件列为“办理中”，"
                     "不计按期或逾期，期限届满后补充报告。"),
            "summary_text": summary,
            "letters_summary": {k: total[k] for k in KEYS[:-1]},
            "tables": built["tables"] + [pending_table], "charts": built["charts"],
            "pending": len(pending), "pending_ids": [p.pk for p in pending],
            "as_of": now.isoformat(),
        }

    def settle(self, period, data):
        """The supplement for the pending letters, once none is pending any more."""
        section = next((s for s in data.get("sections", []) if s["key"] == self.key), None)
        if section is None or not section.get("pending_ids"):
            return None
        now = timezone.now()
        letters = _letters().filter(pk__in=section["pending_ids"])
        if _pending(letters, now).exists():
            return None
        built = tables(letters, now)
        total = built["total"]
        return {
            "note": (f"补充报告：截至{cn_datetime(now)}，原报告中尚在办理期限内的{total['received']}件信件"
                     f"已全部到期或答复：按期答复{total['on_time']}件，逾期{total['overdue']}件。"),
            "tables": built["tables"], "charts": built["charts"], "as_of": now.isoformat(),
        }

    def overdue_by_unit(self, period):
        now = timezone.now()
        conditions = _conditions(now)
        return {r["responsible_unit"]: r["overdue"] for r in _in(period)
                .values("responsible_unit").annotate(overdue=conditions["overdue"]).order_by()
                if r["responsible_unit"] is not None}
