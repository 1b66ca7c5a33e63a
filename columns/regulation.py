"""Parser for the seed regulation 枣卫字〔2016〕62号.

The seed file (content/regulation-2016-62.txt) is a markdown-ish conversion
of a scanned document: page breaks split sentences across blank lines,
headings carry stray markdown markup, list items carry "- " bullets and
punctuation mixes half- and full-width forms. ``parse_regulation`` turns it
into dataclasses with clean text; ``regulation_html`` / ``notice_html``
render Wagtail-rich-text-compatible HTML.

``article_texts_from_raw`` is deliberately independent of the parser: it
extracts each article's text from the raw file with a plain regex so tests
can cross-check the parser and the rendered pages against the source.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from pathlib import Path

SEED_PATH = Path(__file__).resolve().parent / "content" / "regulation-2016-62.txt"

# Half-width punctuation folded to the full-width Chinese forms.
HALF_TO_FULL = {",": "，", ";": "；", ":": "：", "(": "（", ")": "）", "!": "！", "?": "？"}
_HALF_TO_FULL_TABLE = str.maketrans(HALF_TO_FULL)

_NUM = "零一二三四五六七八九十百"
CHAPTER_RE = re.compile(rf"^(第[{_NUM}]+章)\s*(.*)$")
ARTICLE_RE = re.compile(rf"^(第[{_NUM}]+条)\s*(.*)$")
ITEM_RE = re.compile(rf"^（[{_NUM}]+）")
# Sentence-final punctuation, optionally followed by closing brackets/quotes.
SENTENCE_END_RE = re.compile(r"[。；：！？][）」』”’》〕]*$")
RULE_RE = re.compile(r"^-{3,}$")
DATE_RE = re.compile(r"^\d{4}年\d{1,2}月\d{1,2}日$")
DOC_NUMBER_RE = re.compile(r"\S+〔\d{4}〕\d+号")
DISCLOSURE_RE = re.compile(r"信息公开形式：\s*([^）]+)）")
_NON_ASCII = r"[^\x00-\x7f]"


@dataclass
class Article:
    number: str  # e.g. "第一条"
    text: str  # lead text (the whole article when it has no items)
    items: list[str] = field(default_factory=list)  # "（一）…；" sub-items


@dataclass
class Chapter:
    heading: str  # e.g. "第一章 总则"
    articles: list[Article] = field(default_factory=list)


@dataclass
class Regulation:
    issuer_heading: str
    doc_number: str
    notice_title: str
    addressees: str
    notice_paragraphs: list[str]
    notice_signature: str
    notice_date: str
    disclosure: str
    title: str
    chapters: list[Chapter]
    closing: list[str]
    printing_line: str
    proofreader: str

    @property
    def articles(self) -> list[Article]:
        return [a for chapter in self.chapters for a in chapter.articles]


@dataclass
class _Line:
    kind: str  # "heading", "rule" or "para"
    text: str


# --- text helpers ----------------------------------------------------------


def normalise(text: str) -> str:
    """Comparison key: half-width punctuation folded to full-width, no whitespace."""
    return re.sub(r"\s+", "", text.translate(_HALF_TO_FULL_TABLE))


def _full_width(text: str) -> str:
    """Fold half-width punctuation unless it sits between two ASCII glyphs (URLs etc.)."""

    def swap(m: re.Match) -> str:
        before, after = text[m.start() - 1 : m.start()], text[m.end() : m.end() + 1]
        ascii_run = all(c and c.isascii() and not c.isspace() for c in (before, after))
        return m.group() if ascii_run else HALF_TO_FULL[m.group()]

    return re.sub(r"[,;:()!?]", swap, text)


def _tidy_spaces(text: str) -> str:
    """Collapse whitespace and drop it next to Chinese characters/punctuation."""
    text = re.sub(r"\s+", " ", text).strip()
    return re.sub(rf" (?={_NON_ASCII})|(?<={_NON_ASCII}) ", "", text)


def _clean(text: str) -> str:
    return _tidy_spaces(_full_width(text))


def _read_line(raw: str) -> _Line | None:
    """Strip markdown markup from one raw line and classify it."""
    line = raw.strip()
    if not line:
        return None
    if RULE_RE.match(line):
        return _Line("rule", line)
    heading = line.startswith("#") or (line.startswith("**") and line.endswith("**"))
    line = re.sub(r"^#+\s*", "", line)
    line = re.sub(r"^[-*+]\s+", "", line)  # list bullets
    line = _clean(line.replace("**", ""))
    chapter = CHAPTER_RE.match(line)
    if chapter:
        return _Line("heading", f"{chapter[1]} {chapter[2]}".strip())
    return _Line("heading" if heading else "para", line)


def _starts_block(line: _Line) -> bool:
    return line.kind != "para" or bool(ARTICLE_RE.match(line.text) or ITEM_RE.match(line.text))


def _join_breaks(lines: list[_Line]) -> list[_Line]:
    """Re-join paragraphs split by page breaks (unfinished sentence + plain continuation)."""
    out: list[_Line] = []
    for line in lines:
        prev = out[-1] if out else None
        if prev and prev.kind == "para" and not SENTENCE_END_RE.search(prev.text) and not _starts_block(line):
            prev.text += line.text
        else:
            out.append(_Line(line.kind, line.text))
    return out


# --- parsing ---------------------------------------------------------------


def _parse_notice(lines: list[_Line]) -> dict:
    texts = [line.text for line in lines if line.kind != "rule"]
    title_at = next(i for i, line in enumerate(lines) if line.kind == "heading" and i > 0)
    addressees_at = title_at + 1
    date_at = next(i for i in range(addressees_at, len(lines)) if DATE_RE.match(lines[i].text))
    body = _join_breaks(lines[addressees_at + 1 : date_at - 1])
    disclosure = next((m[1] for t in texts if (m := DISCLOSURE_RE.search(t))), "")
    return {
        "issuer_heading": texts[0],
        "doc_number": next(m[0] for t in texts if (m := DOC_NUMBER_RE.search(t))),
        "notice_title": lines[title_at].text,
        "addressees": lines[addressees_at].text,
        "notice_paragraphs": [line.text for line in body],
        "notice_signature": lines[date_at - 1].text,
        "notice_date": lines[date_at].text,
        "disclosure": disclosure.strip(),
    }


def _parse_body(lines: list[_Line]) -> tuple[list[Chapter], list[str]]:
    """Chapters/articles/items; loose paragraphs after the last article are the closing."""
    chapters: list[Chapter] = []
    loose: list[str] = []
    for line in _join_breaks(lines):
        chapter, article = CHAPTER_RE.match(line.text), ARTICLE_RE.match(line.text)
        if chapter and line.kind == "heading":
            chapters.append(Chapter(line.text))
        elif article:
            _flush_loose(chapters, loose)
            chapters[-1].articles.append(Article(article[1], article[2]))
        elif ITEM_RE.match(line.text) and chapters and chapters[-1].articles and not loose:
            chapters[-1].articles[-1].items.append(line.text)
        else:
            loose.append(line.text)
    return chapters, loose


def _flush_loose(chapters: list[Chapter], loose: list[str]) -> None:
    """Extra paragraphs that turned out not to be the closing belong to the previous article."""
    if loose and chapters and chapters[-1].articles:
        chapters[-1].articles[-1].text += "".join(loose)
    loose.clear()


def _parse_footer(lines: list[_Line]) -> tuple[str, str]:
    texts = [line.text for line in lines if line.kind != "rule"]
    proofreader = next((t for t in texts if t.startswith("校对")), "")
    printing = [t for t in texts if t != proofreader]
    return " ".join(printing), proofreader


def parse_regulation(text: str) -> Regulation:
    lines = [line for raw in text.splitlines() if (line := _read_line(raw))]
    first_chapter = next(i for i, l in enumerate(lines) if l.kind == "heading" and CHAPTER_RE.match(l.text))
    title_at = max(i for i in range(first_chapter) if lines[i].kind == "heading")
    body_end = next((i for i in range(first_chapter, len(lines)) if lines[i].kind == "rule"), len(lines))
    chapters, closing = _parse_body(lines[first_chapter:body_end])
    printing_line, proofreader = _parse_footer(lines[body_end:])
    return Regulation(
        **_parse_notice(lines[:title_at]),
        title=lines[title_at].text,
        chapters=chapters,
        closing=closing,
        printing_line=printing_line,
        proofreader=proofreader,
    )


def load_seed() -> Regulation:
    return parse_regulation(SEED_PATH.read_text(encoding="utf-8"))


# --- rendering -------------------------------------------------------------


def _p(text: str) -> str:
    return f"<p>{html.escape(text)}</p>"


def regulation_html(reg: Regulation) -> str:
    """The 办法 body as rich text: <h2> chapters, one <p> per article / item / closing line."""
    parts: list[str] = []
    for chapter in reg.chapters:
        parts.append(f"<h2>{html.escape(chapter.heading)}</h2>")
        for article in chapter.articles:
            parts.append(f"<p><b>{html.escape(article.number)}</b>\u3000{html.escape(article.text)}</p>")
            parts.extend(_p(item) for item in article.items)
    parts.extend(_p(line) for line in reg.closing)
    return "".join(parts)


def notice_html(reg: Regulation) -> str:
    """The 通知: addressees, body paragraphs, signature and date as plain <p>s."""
    lines = [reg.addressees, *reg.notice_paragraphs, reg.notice_signature, reg.notice_date]
    return "".join(_p(line) for line in lines)


# --- independent raw extraction (for cross-checking) -----------------------

# A line starting an article or chapter (possibly behind markdown markup),
# a horizontal rule, or any other markdown heading: each ends the previous article.
_RAW_MARKER_RE = re.compile(rf"(?m)^[#* \t]*(第[{_NUM}]+[条章])|^[ \t]*(?:-{{3,}}[ \t]*$|#)")


def article_texts_from_raw(text: str) -> dict[str, str]:
    """Map "第N条" to that article's text taken straight from the raw seed, normalised.

    Independent of ``parse_regulation``: the text is everything between the
    article number and the next article/chapter/heading/rule marker, with
    markdown markup ("#", "**", line-leading "- " bullets) removed and then
    passed through ``normalise`` (so whitespace, including page breaks, is
    gone and punctuation is full-width). The value excludes the number
    itself; the last article's value also includes the closing paragraph(s)
    that follow it, which render directly after it. Check a rendering with
    ``normalise(value) in normalise(strip_tags(html))``.
    """
    markers = list(_RAW_MARKER_RE.finditer(text))
    result: dict[str, str] = {}
    for marker, following in zip(markers, markers[1:] + [None]):
        number = marker.group(1)
        if not number or not number.endswith("条"):
            continue
        chunk = text[marker.end() : following.start() if following else len(text)]
        chunk = re.sub(r"(?m)^[ \t]*[-*+][ \t]+", "", chunk).replace("#", "").replace("*", "")
        result[number] = normalise(chunk)
    return result
