"""Demo content: at least three realistic items in every leaf column.

Built from columns.demo_data (the words) and columns.demo_files (generated
images and attachments, so nothing is downloaded).  Idempotent: an item is
recognised by its slug, derived from its column and position.
"""

import datetime
import io
import zoneinfo

from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.utils.text import slugify
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from units.models import Unit

from .demo_data import DEMO_ITEMS
from .demo_files import attachment_bytes, cover_image_bytes
from .models import (
    ContentPage,
    DownloadPage,
    GovDocumentPage,
    InterviewPage,
    NewsPage,
    NoticePage,
    SurveyField,
    SurveyPage,
    TopicCategory,
)

SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")


def _when(text):
    return datetime.datetime.strptime(text, "%Y-%m-%d %H:%M").replace(tzinfo=SHANGHAI)


def _day(text):
    return datetime.date.fromisoformat(text)


def _paragraphs_html(paragraphs):
    from django.utils.html import escape

    return "".join(f"<p>{escape(p)}</p>" for p in paragraphs)


def _table_value(table):
    rows = table["rows"]
    return {"caption": table.get("caption", ""),
            "table": {"data": rows, "first_row_is_table_header": True,
                      "first_col_is_header": False, "table_caption": ""}}


def _body(item):
    body = [("paragraph", _paragraphs_html(item.get("paragraphs", [])))]
    if item.get("table"):
        body.append(("table", _table_value(item["table"])))
    return body


def _attachments(item, slug):
    document_model = get_document_model()
    blocks = []
    for n, spec in enumerate(item.get("attachments", []), start=1):
        title = spec["title"]
        ext = spec["filename"].rsplit(".", 1)[-1]
        data = attachment_bytes(spec["filename"], title, spec.get("text", ""))
        document = document_model(title=title)
        document.file.save(f"{slug}-{n}.{ext}", ContentFile(data), save=False)
        document.save()
        blocks.append(("attachment", {"document": document, "title": title}))
    return blocks


def _cover(item, slug, seed):
    if not item.get("picture"):
        return None
    data = cover_image_bytes(item["picture_colors"], seed)
    image = get_image_model()(title=item.get("picture_caption") or item["title"],
                              file=ImageFile(io.BytesIO(data), name=f"{slug}.png"))
    image.save()
    return image


def _common(item, slug, units):
    return {
        "title": item["title"],
        "slug": slug,
        "release_time": _when(item["date"]),
        "source_unit": units[item["unit"]],
        "author": item.get("author", ""),
        "source_name": item.get("source", ""),
        "keywords": item.get("keywords", ""),
        "body": _body(item),
        "attachments": _attachments(item, slug),
    }


def _topic(pair):
    if not pair:
        return None
    return TopicCategory.objects.filter(parent__name=pair[0], name=pair[1]).first()


def build_news(item, fields, seed):
    image = _cover(item, fields["slug"], seed)
    return NewsPage(summary=item.get("summary", ""), cover_image=image,
                    picture_news=bool(image), **fields)


def build_notice(item, fields, seed):
    return NoticePage(issuer=item["issuer"], doc_number=item.get("doc_number", ""), **fields)


def build_document(item, fields, seed):
    return GovDocumentPage(
        doc_number=item.get("doc_number", ""), written_date=_day(item["written_date"]),
        issuing_agency=item.get("issuing_agency") or "枣庄市卫生和计划生育委员会",
        topic=_topic(item.get("topic")), summary=item.get("summary", ""),
        disclosure_mode=item.get("disclosure_mode", "proactive"),
        validity=item.get("validity", "valid"), **fields,
    )


def build_interview(item, fields, seed):
    transcript = []
    for kind, speaker, text in item.get("qa", []):
        value = {"speaker": speaker, "text": text if kind == "question" else f"<p>{text}</p>"}
        transcript.append((kind, value))
    return InterviewPage(interview_time=_when(item["interview_time"]), guests=item["guests"],
                         host=item.get("host", ""), summary=item.get("summary", ""),
                         transcript=transcript, **fields)


def build_survey(item, fields, seed):
    closes = item.get("closes_at")
    page = SurveyPage(intro=_paragraphs_html([item.get("intro", "")]),
                      closes_at=_when(closes) if closes else None, **fields)
    for order, spec in enumerate(item.get("fields", [])):
        page.form_fields.add(SurveyField(
            sort_order=order, label=spec["label"], field_type=spec["field_type"],
            choices=spec.get("choices", ""), required=spec.get("required", False),
        ))
    return page


def build_download(item, fields, seed):
    return DownloadPage(description=item.get("description", ""), **fields)


def build_content(item, fields, seed):
    return ContentPage(**fields)


BUILDERS = {
    "NewsColumnPage": build_news,
    "NoticeColumnPage": build_notice,
    "DocumentColumnPage": build_document,
    "InterviewColumnPage": build_interview,
    "SurveyColumnPage": build_survey,
    "DownloadColumnPage": build_download,
    "ContentColumnPage": build_content,
    "MailboxColumnPage": build_content,
}


def _slug(path, index):
    return slugify(f"{path.replace('/', '-')}-{index:02d}")


def ensure_demo_content(pages):
    """Create the demo items missing under each leaf column; returns how many."""
    units = {u.name: u for u in Unit.objects.all()}
    created, replacements = 0, []
    for path, items in DEMO_ITEMS.items():
        column = pages[path]
        builder = BUILDERS[type(column).__name__]
        for index, item in enumerate(items, start=1):
            slug = _slug(path, index)
            if column.get_children().filter(slug=slug).exists():
                continue
            page = builder(item, _common(item, slug, units), seed=created + index)
            column.add_child(instance=page)
            page.save_revision().publish()
            created += 1
            if item.get("replaced_by_title"):
                replacements.append((page, item["replaced_by_title"]))
    _link_replacements(replacements)
    return created


def _link_replacements(replacements):
    for page, title in replacements:
        replacement = GovDocumentPage.objects.filter(title=title).first()
        if replacement is not None:
            page.replaced_by = replacement
            page.save_revision().publish()
