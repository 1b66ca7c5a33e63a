"""The annual evaluation (Art. 17, 18): scores by 研究室's rules.

score = Σ 基础分 × 栏目权重 per published item + 图片新闻加分 × picture items
        − 撤稿扣分 × items withdrawn for content reasons
        − 逾期回复扣分 × overdue replies (from the letters module, when present)

Units and 科室 are scored on the items they supplied (供稿单位); people on
the items they submitted; the deduction for a content withdrawal is charged
to the supplying unit and to every reviewer who approved the item.
"""

from collections import defaultdict
from decimal import Decimal

from django.db.models import Count

from units.models import Unit, UnitKind

from . import letters
from .models import ColumnWeight, EventKind, WithdrawalCharge
from .stats import events_in

TWO = Decimal("0.01")


def rules_snapshot(settings_obj):
    weights = {cw.column_id: cw for cw in ColumnWeight.objects.select_related("column")}
    return {
        "points_per_item": str(settings_obj.points_per_item),
        "picture_news_bonus": str(settings_obj.picture_news_bonus),
        "content_withdrawal_deduction": str(settings_obj.content_withdrawal_deduction),
        "overdue_reply_deduction": str(settings_obj.overdue_reply_deduction),
        "weights": {str(pk): {"title": cw.column.title, "weight": str(cw.weight)}
                    for pk, cw in weights.items()},
        "top": {"units": settings_obj.top_units, "sections": settings_obj.top_sections,
                "people": settings_obj.top_people},
    }


def _weight(rules, column_id, section_id):
    weights = rules["weights"]
    for key in (column_id, section_id):
        if key is not None and str(key) in weights:
            return Decimal(weights[str(key)]["weight"])
    return Decimal(1)


def _score(rules, published_by_column, pictures, withdrawals, overdue):
    points = Decimal(rules["points_per_item"])
    base = sum((points * _weight(rules, column, section) * n
                for (column, section), n in published_by_column.items()), Decimal(0))
    bonus = Decimal(rules["picture_news_bonus"]) * pictures
    deduction = Decimal(rules["content_withdrawal_deduction"]) * withdrawals
    overdue_deduction = Decimal(rules["overdue_reply_deduction"]) * overdue
    total = base + bonus - deduction - overdue_deduction
    return {
        "published": sum(published_by_column.values()), "base": base, "pictures": pictures,
        "bonus": bonus, "withdrawals": withdrawals, "deduction": deduction,
        "overdue": overdue, "overdue_deduction": overdue_deduction, "total": total,
    }


def _by(period, key):
    """Published items per (party, column, section), pictures and content
    withdrawals per party — three GROUP BY queries."""
    events = events_in(period)
    published = defaultdict(dict)
    for row in (events.filter(kind=EventKind.PUBLISHED).values(key, "column_id", "section_id")
                .annotate(n=Count("page_id", distinct=True)).order_by()):
        published[row[key]][(row["column_id"], row["section_id"])] = row["n"]
    pictures = dict(events.filter(kind=EventKind.PUBLISHED, picture_news=True).values(key)
                    .annotate(n=Count("page_id", distinct=True)).values_list(key, "n")
                    .order_by())
    withdrawals = dict(events.filter(kind=EventKind.WITHDRAWN, content_reason=True)
                       .values(key).annotate(n=Count("page_id", distinct=True))
                       .values_list(key, "n").order_by()) if key == "source_unit" else {}
    return published, pictures, withdrawals


def _reviewer_charges(period):
    start, after = period.bounds
    return dict(WithdrawalCharge.objects.filter(
        event__occurred_at__gte=start, event__occurred_at__lt=after,
        event__kind=EventKind.WITHDRAWN, event__content_reason=True, user__isnull=False)
        .values("user").annotate(n=Count("event__page_id", distinct=True))
        .values_list("user", "n").order_by())


def _fmt(value):
    return float(Decimal(value).quantize(TWO))


HEADERS = ["名次", "{party}", "采用（条）", "基础分（含栏目权重）", "图片新闻（条）", "图片新闻加分",
           "因内容撤稿（条）", "撤稿扣分", "逾期回复（件）", "逾期回复扣分", "总分", "评选结果"]


def _ranking(key, title, party, scores, names, top, honour):
    ordered = sorted(scores.items(), key=lambda kv: (-kv[1]["total"], -kv[1]["published"],
                                                     names.get(kv[0], "")))
    rows = []
    for place, (pk, s) in enumerate(ordered, start=1):
        honoured = place <= top and s["total"] > 0
        rows.append([place, names.get(pk, "—"), s["published"], _fmt(s["base"]), s["pictures"],
                     _fmt(s["bonus"]), s["withdrawals"], _fmt(s["deduction"]), s["overdue"],
                     _fmt(s["overdue_deduction"]), _fmt(s["total"]), honour if honoured else ""])
    return {"key": key, "title": title,
            "headers": [h.format(party=party) for h in HEADERS], "rows": rows, "total": None}


def evaluation_tables(period, rules):
    units = list(Unit.objects.all())
    names = {u.pk: u.name for u in units}
    published, pictures, withdrawals = _by(period, "source_unit")
    overdue = letters.overdue_replies_by_unit(period)
    unit_scores, section_scores = {}, {}
    for unit in units:
        target = section_scores if unit.kind == UnitKind.SECTION else unit_scores
        target[unit.pk] = _score(rules, published.get(unit.pk, {}), pictures.get(unit.pk, 0),
                                 withdrawals.get(unit.pk, 0), overdue.get(unit.pk, 0))
    p_published, p_pictures, _ = _by(period, "person")
    charges = _reviewer_charges(period)
    people = (set(p_published) | set(charges)) - {None}
    person_names = dict(events_in(period).filter(person__in=people)
                        .values_list("person", "person_name").distinct().order_by())
    from django.contrib.auth import get_user_model

    for user in get_user_model().objects.filter(pk__in=people - set(person_names)):
        person_names[user.pk] = user.get_full_name() or user.get_username()
    person_scores = {pk: _score(rules, p_published.get(pk, {}), p_pictures.get(pk, 0),
                                charges.get(pk, 0), 0) for pk in people}
    top = rules["top"]
    return [
        _ranking("rank_units", "年度考评：单位得分排名", "单位", unit_scores, names,
                 top["units"], "先进单位"),
        _ranking("rank_sections", "年度考评：科室得分排名", "科室", section_scores, names,
                 top["sections"], "先进科室"),
        _ranking("rank_people", "年度考评：信息员得分排名", "信息员", person_scores, person_names,
                 top["people"], "优秀信息员"),
    ]


def rules_table(rules):
    rows = [["每条采用信息基础分", rules["points_per_item"]],
            ["图片新闻加分（每条）", rules["picture_news_bonus"]],
            ["因内容原因撤稿扣分（每条，扣供稿单位及审核通过的审核人）",
             rules["content_withdrawal_deduction"]],
            ["逾期回复扣分（每件）" + ("" if letters.available() else "（信箱模块尚未接入，暂不计）"),
             rules["overdue_reply_deduction"]]]
    rows += [[f"栏目权重：{w['title']}", w["weight"]] for w in rules["weights"].values()]
    return {"key": "rules", "title": "计分规则", "headers": ["规则", "分值"], "rows": rows,
            "total": None}



def criticism_table(period):
    """The year's issued quarterly reports: which units were listed for 通报批评.

    Read from the frozen quarterly reports (their latest 版次), not
    recomputed, so the annual evaluation repeats what was announced.
    """
    from .models import Report, ReportKind

    issued = {}
    for report in (Report.objects.filter(kind=ReportKind.QUARTER, start__year=period.start.year)
                   .order_by("start", "version")):
        issued[(report.start.month - 1) // 3 + 1] = report  # latest version wins
    quarters = sorted(issued)
    listed = {}
    for number in quarters:
        for section in issued[number].data.get("sections", []):
            for table in section.get("tables", []):
                if table.get("key") == "criticised":
                    for name, quota, done, _ in table["rows"]:
                        listed.setdefault(name, {})[number] = f"未完成（{done}/{quota}）"
    names = [u.name for u in Unit.objects.all() if u.name in listed]
    names += sorted(set(listed) - set(names))
    labels = {1: "第一季度", 2: "第二季度", 3: "第三季度", 4: "第四季度"}
    rows = [[name] + [listed[name].get(q, "完成") for q in quarters] + [len(listed[name])]
            for name in names]
    missing = [labels[q] for q in range(1, 5) if q not in issued]
    return {"key": "criticisms", "title": "本年度季度通报批评情况（未完成信息报送任务）",
            "note": ("取自已生成的各季度统计报告（最新版次）。"
                     + (f"{'、'.join(missing)}尚无季度报告。" if missing else "")),
            "headers": ["单位", *[labels[q] for q in quarters], "被通报次数"],
            "rows": rows, "total": None}
