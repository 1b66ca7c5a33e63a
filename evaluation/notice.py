"""A draft 通报 (NoticePage in 通知公告) written from a report.

The draft is an ordinary unpublished item of 研究室: it goes through the
normal review chain when 研究室 submits it.
"""

from django.db import transaction
from django.utils.html import escape
from django.utils.text import slugify
from wagtail.log_actions import log

from columns.models import NoticeColumnPage, NoticePage
from units.catalogue import SITE_OWNER
from units.models import Unit


def _p(text):
    return ("paragraph", f"<p>{escape(text)}</p>")


def _table(caption, headers, rows):
    return ("table", {"caption": caption,
                      "table": {"data": [list(map(str, headers))]
                                + [[str(v) for v in r] for r in rows],
                                "first_row_is_table_header": True,
                                "first_col_is_header": False, "table_caption": ""}})


def _find(report, key):
    for section in report.data["sections"]:
        for table in section["tables"]:
            if table["key"] == key:
                return table
    return None


def body_of(report):
    period = report.data["period"]
    items = next(s for s in report.data["sections"] if s["key"] == "items")
    s = items["summary"]
    median = s["median_workdays"]
    blocks = [
        _p("各区（市）卫计局，委机关各科室，委属各单位："),
        _p(f"根据《枣庄市卫生和计划生育委员会门户网站信息更新维护管理办法（试行）》第十七条、第十八条，"
           f"现将{period['label']}（{period['start_display']}至{period['end_display']}）"
           f"门户网站信息发布和咨询回复情况通报如下。"),
        _p(f"一、信息发布情况。本期共提交信息{s['submitted']}条，采用（发布）{s['published']}条，"
           f"其中图片新闻{s['picture']}条；退回修改{s['rejected']}条，撤稿{s['withdrawn']}条"
           f"（其中因内容原因撤稿{s['content_withdrawn']}条）"
           + (f"；信息从提交到发布用时的中位数为{median}个工作日。" if median is not None else "。")),
    ]
    units = _find(report, "units")
    sections = _find(report, "sections")
    rows = [[r[0], r[1], r[2], r[6]] for t in (units, sections) if t for r in t["rows"]
            if r[1] or r[2]]
    if rows:
        blocks.append(_table("各单位信息报送和采用情况", ["单位", "提交（条）", "采用（条）", "图片新闻（条）"],
                             rows))
    criticised = _find(report, "criticised")
    if criticised is not None:
        if criticised["rows"]:
            names = "、".join(f"{r[0]}（任务{r[1]}条，采用{r[2]}条）" for r in criticised["rows"])
            blocks.append(_p(f"二、信息报送任务完成情况。以下单位未完成本季度信息报送任务，"
                             f"予以通报批评：{names}。"))
        else:
            blocks.append(_p("二、信息报送任务完成情况。各单位均完成了本季度信息报送任务。"))
    letters = next((s for s in report.data["sections"] if s["key"] == "letters"), None)
    if letters is not None:
        text = letters.get("summary_text") or letters.get("note", "")
        overdue = next((t for t in letters.get("tables", [])
                        if t["key"] == "letters_overdue_units"), None)
        if overdue and overdue["rows"]:
            text += "以下科室有逾期答复的信件，予以通报批评：" + "、".join(
                f"{r[0]}（{r[1]}件）" for r in overdue["rows"]) + "。"
        blocks.append(_p(f"三、咨询回复情况。{text}"))
    blocks.append(_p("请各单位对照通报，认真做好网站信息报送和咨询回复工作。"))
    return blocks


@transaction.atomic
def create_notice_draft(report, user):
    column = NoticeColumnPage.objects.order_by("path").first()
    if column is None:
        raise LookupError("未找到“通知公告”栏目，无法生成通报草稿。")
    period = report.data["period"]
    page = NoticePage(
        title=f"关于{period['label']}门户网站信息发布和咨询回复情况的通报",
        slug=slugify(f"evaluation-notice-{report.pk}-{report.version}") or f"notice-{report.pk}",
        issuer="枣庄市卫生和计划生育委员会研究室",
        source_unit=Unit.objects.filter(name=SITE_OWNER).first(),
        live=False, owner=user, body=body_of(report),
    )
    base, n = page.slug, 2
    while column.get_children().filter(slug=page.slug).exists():
        page.slug = f"{base}-{n}"
        n += 1
    column.add_child(instance=page)
    page.save_revision(user=user, log_action=False)
    log(instance=page, action="wagtail.create", user=user)
    report.notice_page_id = page.pk
    report.save(update_fields=["notice_page_id"])
    return page
