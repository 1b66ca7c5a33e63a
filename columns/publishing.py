"""Publishing the commission's own documents, starting with the regulation."""

import datetime

from django.utils import timezone
from django.utils.html import escape

from units.catalogue import SITE_OWNER
from units.models import Unit

from .models import DisclosureMode, GovDocumentPage, TopicCategory
from .regulation import load_seed, notice_html, regulation_html

REGULATION_SLUG = "zaowei-2016-62"


def document_html(reg):
    """The whole document as issued: header, notice, the 办法, printing line."""
    return "".join([
        f"<h2>{escape(reg.issuer_heading)}</h2>",
        f"<p>{escape(reg.doc_number)}</p>",
        notice_html(reg),
        f"<p>（信息公开形式：{escape(reg.disclosure)}）</p>",
        f"<h2>{escape(reg.title)}</h2>",
        regulation_html(reg),
        f"<p>{escape(reg.printing_line)}</p>",
        f"<p>{escape(reg.proofreader)}</p>",
    ])


def ensure_regulation(column):
    """Publish 枣卫字〔2016〕62号 in 政务公开 with its real metadata (once)."""
    existing = GovDocumentPage.objects.filter(slug=REGULATION_SLUG).first()
    if existing is not None:
        return existing
    reg = load_seed()
    written = datetime.date(2016, 9, 21)
    page = GovDocumentPage(
        title=reg.notice_title,
        slug=REGULATION_SLUG,
        doc_number=reg.doc_number,
        written_date=written,
        release_time=timezone.make_aware(datetime.datetime(2016, 9, 21, 9, 0)),
        issuing_agency="枣庄市卫生和计划生育委员会",
        disclosure_mode=DisclosureMode.PROACTIVE,
        source_unit=Unit.objects.get(name=SITE_OWNER),
        source_name="枣庄市卫生和计划生育委员会",
        keywords="网站 信息更新 维护 管理办法",
        topic=TopicCategory.objects.filter(name="政务公开").first(),
        summary=f"印发《{reg.title}》，规范门户网站信息的采集、审核、发布、更新和考核。",
        body=[("paragraph", document_html(reg))],
    )
    column.add_child(instance=page)
    page.save_revision().publish()
    return page
