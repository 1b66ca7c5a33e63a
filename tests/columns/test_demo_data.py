"""The demo content (columns.demo_data) and its generated files (columns.demo_files).

Pure Python checks: no database, no Django setup needed.
"""

import datetime
import io
import re

import pytest

from columns.demo_data import DEMO_ITEMS
from columns.demo_files import attachment_bytes, cover_image_bytes, split_row
from columns.tree import TOPICS, leaves
from units.catalogue import SECTIONS, UNITS

FIRST_DAY = datetime.datetime(2026, 5, 1)
LAST_DAY = datetime.datetime(2026, 12, 2, 23, 59)
BUSY_COLUMNS = ("news", "updates/city", "updates/district")
COMMON_KEYS = {"title", "date", "unit", "author", "source", "keywords", "paragraphs"}
KIND_KEYS = {
    "NewsColumnPage": {"summary", "picture"},
    "NoticeColumnPage": {"issuer", "doc_number"},
    "DocumentColumnPage": {"doc_number", "written_date", "issuing_agency", "topic",
                           "summary", "disclosure_mode", "validity"},
    "ContentColumnPage": set(),
    "MailboxColumnPage": set(),
    "InterviewColumnPage": {"interview_time", "guests", "host", "summary", "qa"},
    "SurveyColumnPage": {"intro", "closes_at", "fields"},
    "DownloadColumnPage": {"description", "attachments"},
}
FIELD_TYPES = {"radio", "checkboxes", "dropdown", "singleline", "multiline"}
VALIDITIES = {"valid", "amended", "repealed", "expired"}
EXTENSIONS = {"docx", "xlsx", "pdf", "txt"}
UNIT_NAMES = {name for name, _kind, _short in UNITS}
COLUMNS = dict(leaves())


def when(text):
    return datetime.datetime.strptime(text, "%Y-%m-%d %H:%M")


def items(kind=None):
    """(path, item) for every demo item, optionally of one column kind only."""
    return [(path, item) for path, column_items in DEMO_ITEMS.items()
            for item in column_items if kind in (None, COLUMNS[path].kind)]


def attachments():
    return [spec for _path, item in items() for spec in item.get("attachments", [])]


# ---------------------------------------------------------------- coverage


def test_demo_items_are_keyed_by_exactly_the_leaf_columns():
    """Every leaf column has an entry and there is no entry for anything else."""
    assert set(DEMO_ITEMS) == set(COLUMNS)


def test_every_leaf_column_has_at_least_three_items():
    """Every leaf column has at least three demo items."""
    for path in COLUMNS:
        assert len(DEMO_ITEMS[path]) >= 3, path


def test_news_and_updates_have_at_least_four_items():
    """工作要闻, 市级动态 and 区(市)动态 have at least four items each."""
    for path in BUSY_COLUMNS:
        assert len(DEMO_ITEMS[path]) >= 4, path


# ---------------------------------------------------------------- units


def test_every_unit_is_a_catalogue_unit():
    """Every item's 供稿单位 is a unit named in units.catalogue."""
    for path, item in items():
        assert item["unit"] in UNIT_NAMES, (path, item["title"], item["unit"])


def test_unit_maintains_or_reports_into_its_column():
    """The 供稿单位 maintains or reports into the column; otherwise it is a 科室."""
    for path, item in items():
        column = COLUMNS[path]
        allowed = set(column.maintainers) | set(column.contributors) or set(SECTIONS)
        assert item["unit"] in allowed, (path, item["title"], item["unit"])


# ---------------------------------------------------------------- dates


def test_dates_parse_are_unique_and_in_the_demo_period():
    """Release dates parse, lie between 2026-05-01 and 2026-12-02 and are all distinct."""
    dates = [when(item["date"]) for _path, item in items()]
    assert len(dates) == len(set(dates))
    assert all(FIRST_DAY <= date <= LAST_DAY for date in dates)


def test_documents_are_written_before_they_are_released():
    """A government document's 成文日期 precedes its release date."""
    for _path, item in items("DocumentColumnPage"):
        written = datetime.date.fromisoformat(item["written_date"])
        assert written <= when(item["date"]).date(), item["title"]


# ---------------------------------------------------------------- content


def test_every_item_has_the_common_keys_and_its_kind_keys():
    """Each item has the common keys plus the keys its column kind requires."""
    for path, item in items():
        required = COMMON_KEYS | KIND_KEYS[COLUMNS[path].kind]
        assert required <= set(item), (path, item["title"], required - set(item))


def test_items_have_three_to_six_paragraphs_of_formal_length():
    """Each item has 3–6 paragraphs of 80–250 characters."""
    for _path, item in items():
        paragraphs = item["paragraphs"]
        assert 3 <= len(paragraphs) <= 6, item["title"]
        for paragraph in paragraphs:
            assert 80 <= len(paragraph) <= 250, (item["title"], len(paragraph))


def test_keywords_are_two_to_four_words():
    """Keywords are two to four space-separated words."""
    for _path, item in items():
        assert 2 <= len(item["keywords"].split()) <= 4, item["title"]


def test_titles_are_unique_within_a_column():
    """No column lists two items with the same title."""
    for path, column_items in DEMO_ITEMS.items():
        titles = [item["title"] for item in column_items]
        assert len(titles) == len(set(titles)), path


def test_the_2016_regulation_itself_is_not_demo_content():
    """枣卫字〔2016〕62号 is added separately, never as a demo item."""
    for _path, item in items():
        assert item.get("doc_number") != "枣卫字〔2016〕62号"


def test_tables_are_rectangular_and_present_in_six_items():
    """At least six items carry a table, whose rows all have the header's width."""
    tables = [item["table"] for _path, item in items() if item.get("table")]
    assert len(tables) >= 6
    for table in tables:
        width = len(table["rows"][0])
        assert len(table["rows"]) >= 2 and table["caption"]
        assert all(len(row) == width for row in table["rows"]), table["caption"]


# ---------------------------------------------------------------- news


def test_at_least_five_picture_news_spread_over_news_and_updates():
    """At least five picture items, found in 工作要闻, 市级动态 and 区(市)动态."""
    pictures = [(path, item) for path, item in items("NewsColumnPage") if item["picture"]]
    assert len(pictures) >= 5
    assert {path for path, _item in pictures} >= set(BUSY_COLUMNS)


def test_picture_items_have_a_caption_and_two_colours():
    """Every picture item has a caption and two #rrggbb colours."""
    for _path, item in items("NewsColumnPage"):
        if item["picture"]:
            assert item["picture_caption"], item["title"]
            assert len(item["picture_colors"]) == 2
            assert all(re.fullmatch(r"#[0-9a-f]{6}", c) for c in item["picture_colors"])


# ---------------------------------------------------------------- documents


def test_document_topics_exist_in_the_topic_tree():
    """Every document's 主题分类 is a [first, second] pair of TOPICS."""
    for _path, item in items("DocumentColumnPage"):
        first, second = item["topic"]
        assert second in TOPICS[first], item["title"]


def test_documents_are_proactive_with_a_known_validity():
    """Documents are 主动公开 and have one of the four validity values."""
    for _path, item in items("DocumentColumnPage"):
        assert item["disclosure_mode"] == "proactive"
        assert item["validity"] in VALIDITIES, item["title"]


def test_exactly_one_repealed_policy_names_its_replacement():
    """One 政策法规 item is repealed and names another item of that column."""
    policies = DEMO_ITEMS["services/policies"]
    repealed = [item for item in policies if item["validity"] == "repealed"]
    assert len(repealed) == 1
    titles = {item["title"] for item in policies} - {repealed[0]["title"]}
    assert repealed[0]["replaced_by_title"] in titles


def test_annual_reports_cover_2023_to_2025_with_statistics():
    """信息公开年报 holds the 2023, 2024 and 2025 reports, each with a table."""
    reports = DEMO_ITEMS["open/annual-reports"]
    for year in (2023, 2024, 2025):
        matching = [r for r in reports if f"{year}年政府信息公开工作年度报告" in r["title"]]
        assert len(matching) == 1 and matching[0]["table"]["rows"], year


# ---------------------------------------------------------------- interviews, surveys


def test_interviews_alternate_questions_and_answers():
    """Interviews have 6–10 turns, the host asking and a guest answering."""
    for _path, item in items("InterviewColumnPage"):
        qa = item["qa"]
        assert 6 <= len(qa) <= 10, item["title"]
        for kind, speaker, text in qa:
            assert kind in ("question", "answer") and speaker and text
            if kind == "answer":
                assert speaker in item["guests"], (item["title"], speaker)


def test_surveys_have_four_to_seven_valid_questions():
    """Survey questions use known field types; choice fields list their choices."""
    for _path, item in items("SurveyColumnPage"):
        assert 4 <= len(item["fields"]) <= 7, item["title"]
        for field in item["fields"]:
            assert field["field_type"] in FIELD_TYPES, field["label"]
            has_choices = field["field_type"] in {"radio", "checkboxes", "dropdown"}
            assert bool(field["choices"]) == has_choices, field["label"]
            assert isinstance(field["required"], bool)


def test_one_survey_is_closed_and_two_stay_open_into_2027():
    """At least one survey closed before December 2026 and two run into 2027."""
    closing = [when(item["closes_at"]) for _path, item in items("SurveyColumnPage")
               if item["closes_at"]]
    assert any(date < datetime.datetime(2026, 12, 1) for date in closing)
    assert sum(date.year >= 2027 for date in closing) >= 2


# ---------------------------------------------------------------- attachments


def test_downloads_have_one_or_two_attachments():
    """Every 资料下载 item offers one or two files."""
    for _path, item in items("DownloadColumnPage"):
        assert 1 <= len(item["attachments"]) <= 2, item["title"]


def test_attachments_have_a_title_a_known_extension_and_text():
    """Attachments name a docx, xlsx, pdf or txt file and carry some text."""
    specs = attachments()
    assert specs
    for spec in specs:
        assert spec["title"] and spec["text"]
        assert spec["filename"].rsplit(".", 1)[-1] in EXTENSIONS, spec["filename"]
        assert spec["filename"].isascii(), spec["filename"]


def open_attachment(filename, data):
    """Open generated bytes with the library of their format; return its text."""
    extension = filename.rsplit(".", 1)[-1]
    if extension == "docx":
        import docx

        return "\n".join(p.text for p in docx.Document(io.BytesIO(data)).paragraphs)
    if extension == "xlsx":
        import openpyxl

        workbook = openpyxl.load_workbook(io.BytesIO(data))
        cells = (str(cell.value) for row in workbook.active.iter_rows() for cell in row)
        return workbook.properties.title + "\n" + "\n".join(cells)
    if extension == "pdf":
        import pypdf

        reader = pypdf.PdfReader(io.BytesIO(data), strict=True)
        return reader.metadata.title + reader.pages[0].extract_text()
    return data.decode("utf-8")


@pytest.mark.parametrize("spec", attachments(), ids=lambda spec: spec["filename"])
def test_every_attachment_file_opens_again_with_its_library(spec):
    """The generated file opens with python-docx, openpyxl, pypdf or as UTF-8 text."""
    data = attachment_bytes(spec["filename"], spec["title"], spec["text"])
    text = open_attachment(spec["filename"], data)
    assert spec["title"] in text


def test_spreadsheet_attachments_keep_their_header_row():
    """An xlsx attachment's first row is the header split from the text's first line."""
    import openpyxl

    for spec in attachments():
        if spec["filename"].endswith(".xlsx"):
            data = attachment_bytes(spec["filename"], spec["title"], spec["text"])
            sheet = openpyxl.load_workbook(io.BytesIO(data)).active
            header = [cell.value for cell in sheet[1]]
            assert header == split_row(spec["text"].splitlines()[0]), spec["filename"]


def test_unknown_attachment_types_are_refused():
    """Only docx, xlsx, pdf and txt files can be generated."""
    with pytest.raises(ValueError):
        attachment_bytes("tu.exe", "标题", "内容")


# ---------------------------------------------------------------- cover images


def test_cover_images_are_deterministic_pngs_of_the_requested_size():
    """Each picture item's cover is a PNG of 800×450, identical for the same seed."""
    from PIL import Image

    pictures = [item for _path, item in items("NewsColumnPage") if item["picture"]]
    for seed, item in enumerate(pictures):
        data = cover_image_bytes(item["picture_colors"], seed)
        image = Image.open(io.BytesIO(data))
        image.verify()
        assert image.format == "PNG" and image.size == (800, 450)
        assert data == cover_image_bytes(item["picture_colors"], seed)


def test_cover_images_differ_between_seeds():
    """Different seeds draw different shapes."""
    colours = ["#1f5fa8", "#7fb3e6"]
    assert cover_image_bytes(colours, 1) != cover_image_bytes(colours, 2)
