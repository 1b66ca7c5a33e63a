"""Pre-publication content scanning: secret / sensitive keywords and personal data.

Pure Python on purpose (nothing from Django is imported), so it can run in a
view, a background job or a test without a database.

Positions
---------
``normalise`` is *length-preserving*: every character maps to exactly one
character.  Hit positions (``start``/``end``) are therefore valid both in the
normalised text (where matching happens) and in the original text (where the
``context`` shown to reviewers is cut from).

Values
------
Keyword hits carry the normalised list word as ``value``.  Personal-data hits
carry a canonical value (digits only, ID check character upper-cased, mobile
numbers without the +86 prefix); ``start``/``end`` span the text as written,
separators and prefix included.  ``context`` is unmasked on purpose: reviewers
must see what would be published.
"""

from __future__ import annotations

import calendar
import io
import logging
import re
import zipfile
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field, replace
from pathlib import PurePosixPath

logger = logging.getLogger(__name__)

MAX_TEXT_CHARS = 2_000_000
# Zip-based formats (.docx, .xlsx) larger than this once decompressed are
# refused rather than expanded in memory.
MAX_UNZIPPED_BYTES = 300 * 1024 * 1024
CONTEXT_CHARS = 20

KIND_ID = "身份证号"
KIND_MOBILE = "手机号"
KIND_CARD = "银行卡号"
PRIVACY_KINDS = (KIND_ID, KIND_MOBILE, KIND_CARD)

SOURCE_TITLE = "标题"
SOURCE_BODY = "正文"
SOURCE_ATTACHMENT = "附件："  # followed by the file name
SOURCE_ATTACHMENT_NAME = "附件名："  # keyword hits in the file name itself

SUPPORTED_EXTENSIONS = (".pdf", ".docx", ".xlsx", ".txt", ".csv")


# ---------------------------------------------------------------------------
# Normalisation
# ---------------------------------------------------------------------------


def _build_fold_table() -> dict[int, int]:
    table: dict[int, int] = {}
    # Full-width ASCII (！ … ～) → ASCII; ideographic space → space.
    for cp in range(0xFF01, 0xFF5F):
        table[cp] = cp - 0xFEE0
    table[0x3000] = 0x20
    # Full-width signs (￠￡￢￣￤￥￦), as NFKC does.
    for src, dst in zip(range(0xFFE0, 0xFFE7), (0xA2, 0xA3, 0xAC, 0xAF, 0xA6, 0xA5, 0x20A9)):
        table[src] = dst
    # Lower-case Latin (and Greek/Cyrillic) letters, only where lower-casing
    # keeps one character, so positions never shift.
    for cp in range(0x0000, 0x0530):
        ch = chr(table.get(cp, cp))
        low = ch.lower()
        if len(low) == 1 and low != ch:
            table[cp] = ord(low)
    for cp in range(0xFF01, 0xFF5F):
        low = chr(table[cp]).lower()
        if len(low) == 1:
            table[cp] = ord(low)
    return table


_FOLD_TABLE = _build_fold_table()
_FOLD_MAP = {chr(k): chr(v) for k, v in _FOLD_TABLE.items()}
# Substituting only the characters that change is much faster than
# str.translate on mostly-CJK text.
_FOLD_RE = re.compile("[" + "".join(re.escape(ch) for ch in sorted(_FOLD_MAP)) + "]+")


def _fold(match: re.Match) -> str:
    return match.group().translate(_FOLD_TABLE)


def normalise(text: str) -> str:
    """Fold full-width ASCII to half-width and lower-case letters.

    Length-preserving (one character in, one out), so offsets in the result
    are offsets in the input.  CJK punctuation such as 、。〔〕【】《》 is left
    alone; full-width forms of ASCII punctuation (，：（）) become their ASCII
    counterparts, exactly as NFKC would.
    """
    return _FOLD_RE.sub(_fold, text)


# ---------------------------------------------------------------------------
# Attachment text extraction
# ---------------------------------------------------------------------------


@dataclass
class ExtractedText:
    text: str
    supported: bool
    error: str = ""
    truncated: bool = False


class _TooLarge(Exception):
    pass


def _unreadable(reason: str) -> ExtractedText:
    return ExtractedText(text="", supported=True, error=f"无法读取附件内容：{reason}")


def extract_text(data: bytes, filename: str) -> ExtractedText:
    """Plain text of an attachment, chosen by its extension; never raises."""
    ext = PurePosixPath(filename.replace("\\", "/")).suffix.lower()
    readers = {
        ".pdf": (_pdf_text, "不是有效的 PDF 文件或文件已损坏"),
        ".docx": (_docx_text, "不是有效的 Word（.docx）文件或文件已损坏"),
        ".xlsx": (_xlsx_text, "不是有效的 Excel（.xlsx）文件或文件已损坏"),
        ".txt": (_plain_text, "无法识别文本编码"),
        ".csv": (_plain_text, "无法识别文本编码"),
    }
    if ext not in readers:
        return ExtractedText(text="", supported=False)
    reader, reason = readers[ext]
    try:
        text, error = reader(data)
    except _TooLarge:
        return _unreadable("文件解压后过大")
    except Exception as exc:  # corrupt or hostile input: report, don't raise
        logger.info("cannot extract text from %r: %s: %s", filename, type(exc).__name__, exc)
        return _unreadable(reason)
    truncated = len(text) > MAX_TEXT_CHARS
    if truncated:
        text = text[:MAX_TEXT_CHARS]
    return ExtractedText(
        text=text,
        supported=True,
        error=f"无法读取附件内容：{error}" if error else "",
        truncated=truncated,
    )


def _pdf_text(data: bytes) -> tuple[str, str]:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data), strict=False)
    if reader.is_encrypted:
        try:
            if not reader.decrypt(""):
                return "", "PDF 文件已加密"
        except Exception:
            return "", "PDF 文件已加密"
    parts: list[str] = []
    size = 0
    failed: list[int] = []
    for number, page in enumerate(reader.pages, start=1):
        try:
            page_text = page.extract_text() or ""
        except Exception as exc:
            logger.info("PDF page %d unreadable: %s: %s", number, type(exc).__name__, exc)
            failed.append(number)
            continue
        parts.append(page_text)
        size += len(page_text)
        if size > MAX_TEXT_CHARS:
            break
    error = ""
    if failed:
        pages = "、".join(str(n) for n in failed[:10]) + ("等" if len(failed) > 10 else "")
        error = f"第 {pages} 页无法读取"
    return "\n".join(parts), error


def _check_zip(data: bytes) -> None:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        if sum(info.file_size for info in archive.infolist()) > MAX_UNZIPPED_BYTES:
            raise _TooLarge


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
_DOCX_EXTRA_PART = re.compile(r"^/word/(header\d*|footer\d*|footnotes|endnotes|comments)\.xml$")


def _word_xml_text(element, out: list[str]) -> None:
    """Text of a WordprocessingML tree in document order.

    Covers body paragraphs, table cells (nested too), text boxes and tracked
    insertions/deletions; skips mc:Fallback copies of text boxes.
    """
    stack = [element]
    while stack:
        el = stack.pop()
        tag = el.tag
        if tag == _MC_FALLBACK:
            continue
        if tag == _W + "t" or tag == _W + "delText":
            if el.text:
                out.append(el.text)
        elif tag == _W + "tab":
            out.append("\t")
        elif tag in (_W + "br", _W + "cr"):
            out.append("\n")
        elif tag == _W + "p":
            out.append("\n")
        elif tag == _W + "tc":
            out.append("\t")
        stack.extend(reversed(el))


def _docx_text(data: bytes) -> tuple[str, str]:
    import docx
    from lxml import etree

    _check_zip(data)
    document = docx.Document(io.BytesIO(data))
    out: list[str] = []
    _word_xml_text(document.element.body, out)
    for part in document.part.package.iter_parts():
        if not _DOCX_EXTRA_PART.match(str(part.partname)):
            continue
        element = getattr(part, "element", None)
        if element is None:
            element = etree.fromstring(part.blob)
        out.append("\n")
        _word_xml_text(element, out)
    text = "".join(out)
    return re.sub(r"\n{2,}", "\n", text).strip("\n"), ""


def _cell_text(value) -> str:
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e21:
        return str(int(value))
    return str(value).strip()


def _xlsx_text(data: bytes) -> tuple[str, str]:
    from openpyxl import load_workbook

    _check_zip(data)
    workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    lines: list[str] = []
    size = 0
    try:
        for sheet in workbook.worksheets:
            lines.append(sheet.title)
            for row in sheet.iter_rows(values_only=True):
                cells = [_cell_text(v) for v in row if v is not None and v != ""]
                cells = [c for c in cells if c]
                if cells:
                    line = " ".join(cells)
                    lines.append(line)
                    size += len(line) + 1
                    if size > MAX_TEXT_CHARS:
                        return "\n".join(lines), ""
    finally:
        workbook.close()
    return "\n".join(lines), ""


def _plain_text(data: bytes) -> tuple[str, str]:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16"), ""
    try:
        return data.decode("utf-8-sig"), ""
    except UnicodeDecodeError:
        return data.decode("gb18030", errors="replace"), ""


# ---------------------------------------------------------------------------
# Hits
# ---------------------------------------------------------------------------


@dataclass
class Hit:
    kind: str  # "涉密" / "敏感" (whatever the caller passed) or one of PRIVACY_KINDS
    value: str  # normalised keyword, or canonical personal-data value
    start: int  # offsets into the (original == normalised) text
    end: int
    context: str  # ~20 characters either side, unmasked, whitespace collapsed
    source: str = ""  # "标题", "正文", "附件：<name>", "附件名：<name>"; set by scan()

    @property
    def masked(self) -> str:
        """The value as it may be shown in lists and logs."""
        return mask(self.value, self.kind) if self.kind in PRIVACY_KINDS else self.value


_WHITESPACE = re.compile(r"\s+")


def _context(text: str, start: int, end: int) -> str:
    left = max(0, start - CONTEXT_CHARS)
    right = min(len(text), end + CONTEXT_CHARS)
    snippet = _WHITESPACE.sub(" ", text[left:right]).strip()
    return ("…" if left > 0 else "") + snippet + ("…" if right < len(text) else "")


# ---------------------------------------------------------------------------
# Keywords (Aho–Corasick)
# ---------------------------------------------------------------------------


class KeywordMatcher:
    """Aho–Corasick automaton over normalised words; finds overlapping matches.

    Build once per word list, then call ``find`` on any number of texts.
    Matching time is linear in the text length and independent of the number
    of words.
    """

    def __init__(self, words: Iterable[str]):
        unique: dict[str, None] = {}
        for word in words:
            word = normalise(word or "").strip()
            if word:
                unique[word] = None
        self.words = list(unique)
        goto: list[dict[str, int]] = [{}]
        output: list[list[str]] = [[]]
        for word in self.words:
            state = 0
            for ch in word:
                nxt = goto[state].get(ch)
                if nxt is None:
                    nxt = len(goto)
                    goto[state][ch] = nxt
                    goto.append({})
                    output.append([])
                state = nxt
            output[state].append(word)
        fail = [0] * len(goto)
        queue = list(goto[0].values())
        for state in queue:  # breadth-first; the list grows while iterating
            for ch, nxt in goto[state].items():
                queue.append(nxt)
                if state:  # depth-1 states fail to the root
                    f = fail[state]
                    while f and ch not in goto[f]:
                        f = fail[f]
                    fail[nxt] = goto[f].get(ch, 0)
                output[nxt] = output[nxt] + output[fail[nxt]]
        self._goto = goto
        self._fail = fail
        self._output = [tuple(o) for o in output]
        self._first = set(goto[0])

    def __bool__(self) -> bool:
        return bool(self.words)

    def find(self, text: str, kind: str) -> list[Hit]:
        if not self.words or not text:
            return []
        return self._find(text, normalise(text), kind)

    def _find(self, text: str, norm: str, kind: str) -> list[Hit]:
        goto, fail, output, first = self._goto, self._fail, self._output, self._first
        found: dict[tuple[str, int], Hit] = {}
        state = 0
        for i, ch in enumerate(norm):
            if state == 0:
                if ch not in first:
                    continue
                state = goto[0][ch]
            else:
                while state and ch not in goto[state]:
                    state = fail[state]
                state = goto[state].get(ch, 0)
            if output[state]:
                end = i + 1
                for word in output[state]:
                    start = end - len(word)
                    if (word, start) not in found:
                        found[(word, start)] = Hit(kind, word, start, end, _context(text, start, end))
        return sorted(found.values(), key=lambda h: (h.start, -h.end, h.value))


def find_keywords(text: str, words: Iterable[str], kind: str) -> list[Hit]:
    """Every occurrence of every non-empty word, overlaps included.

    Text and words are both normalised; since ``normalise`` preserves length,
    positions are valid in the original and the normalised text alike.
    Sorted by position; deduplicated by (value, start).
    """
    return KeywordMatcher(words).find(text, kind)


# ---------------------------------------------------------------------------
# Personal data
# ---------------------------------------------------------------------------

_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"

_ID_RE = re.compile(r"(?<![0-9])[0-9]{17}[0-9Xx](?![0-9])")
_MOBILE_RE = re.compile(
    r"(?<![0-9+])"
    r"(?:(?:\(\+?86\)|\+86|0086|86)[ -]?)?"
    r"(?P<num>1[3-9][0-9](?P<sep>[ -]?)[0-9]{4}(?P=sep)[0-9]{4})"
    r"(?![0-9])"
)
_CARD_PLAIN_RE = re.compile(r"(?<![0-9])[0-9]{16,19}(?![0-9])")
_CARD_GROUPED_RE = re.compile(
    r"(?<![0-9])[0-9]{4}(?P<sep>[ -])[0-9]{4}(?P=sep)[0-9]{4}(?P=sep)[0-9]{4}"
    r"(?:(?P=sep)[0-9]{1,3})?(?![0-9])"
)


def id_check_char(first17: str) -> str:
    """ISO 7064 MOD 11-2 check character for the first 17 digits of an ID."""
    total = sum(int(d) * w for d, w in zip(first17, _ID_WEIGHTS))
    return _ID_CHECK[total % 11]


def is_valid_id(value: str) -> bool:
    value = value.upper()
    if not re.fullmatch(r"[0-9]{17}[0-9X]", value):
        return False
    year, month, day = int(value[6:10]), int(value[10:12]), int(value[12:14])
    if not (1900 <= year <= 2099 and 1 <= month <= 12):
        return False
    if not 1 <= day <= calendar.monthrange(year, month)[1]:
        return False
    return id_check_char(value[:17]) == value[17]


def luhn_valid(digits: str) -> bool:
    total = 0
    for index, ch in enumerate(reversed(digits)):
        d = int(ch)
        if index % 2:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return total % 10 == 0


def _separated_run(norm: str, start: int, end: int, sep: str) -> bool:
    """True when a separated number continues as ``<digit><sep>`` / ``<sep><digit>``."""
    if not sep:
        return False
    before = norm[max(0, start - 2) : start]
    after = norm[end : end + 2]
    return (len(before) == 2 and before[0].isascii() and before[0].isdigit() and before[1] == sep) or (
        len(after) == 2 and after[0] == sep and after[1].isascii() and after[1].isdigit()
    )


def find_personal_data(text: str) -> list[Hit]:
    """Unmasked resident ID numbers, mobile numbers and bank card numbers.

    Full-width digits count (the text is normalised first).  Each span is
    reported once, with precedence ID > bank card > mobile.
    """
    if not text:
        return []
    return _personal_data(text, normalise(text))


def _personal_data(text: str, norm: str) -> list[Hit]:
    hits: list[Hit] = []
    taken: list[tuple[int, int]] = []

    def free(start: int, end: int) -> bool:
        return all(end <= s or start >= e for s, e in taken)

    def add(kind: str, value: str, start: int, end: int) -> None:
        taken.append((start, end))
        hits.append(Hit(kind, value, start, end, _context(text, start, end)))

    for m in _ID_RE.finditer(norm):
        value = m.group().upper()
        if is_valid_id(value):
            add(KIND_ID, value, m.start(), m.end())

    for m in _CARD_GROUPED_RE.finditer(norm):
        if _separated_run(norm, m.start(), m.end(), m.group("sep")):
            continue
        digits = re.sub(r"[^0-9]", "", m.group())
        if luhn_valid(digits) and free(m.start(), m.end()):
            add(KIND_CARD, digits, m.start(), m.end())
    for m in _CARD_PLAIN_RE.finditer(norm):
        if luhn_valid(m.group()) and free(m.start(), m.end()):
            add(KIND_CARD, m.group(), m.start(), m.end())

    for m in _MOBILE_RE.finditer(norm):
        sep = m.group("sep")
        if _separated_run(norm, m.start(), m.end(), sep):
            continue
        if free(m.start(), m.end()):
            add(KIND_MOBILE, re.sub(r"[^0-9]", "", m.group("num")), m.start(), m.end())

    hits.sort(key=lambda h: (h.start, h.end))
    return hits


def mask(value: str, kind: str) -> str:
    """370402********1234 / 138****5678 / 6222***********1234."""
    if kind == KIND_ID:
        v = re.sub(r"[^0-9Xx]", "", value).upper()
        return v[:6] + "*" * max(len(v) - 10, 0) + v[-4:] if len(v) > 10 else "*" * len(v)
    digits = re.sub(r"[^0-9]", "", value)
    if kind == KIND_MOBILE:
        if len(digits) > 11 and digits.startswith("86"):
            digits = digits[-11:]
        return digits[:3] + "*" * max(len(digits) - 7, 0) + digits[-4:] if len(digits) > 7 else "*" * len(digits)
    if kind == KIND_CARD:
        return digits[:4] + "*" * max(len(digits) - 8, 0) + digits[-4:] if len(digits) > 8 else "*" * len(digits)
    raise ValueError(f"unknown personal data kind: {kind!r}")


# ---------------------------------------------------------------------------
# Whole-item scan
# ---------------------------------------------------------------------------


@dataclass
class ScanReport:
    secret_hits: list[Hit] = field(default_factory=list)
    sensitive_hits: list[Hit] = field(default_factory=list)
    privacy_hits: list[Hit] = field(default_factory=list)
    unreadable: list[str] = field(default_factory=list)

    @property
    def has_secret(self) -> bool:
        return bool(self.secret_hits)

    @property
    def has_sensitive(self) -> bool:
        return bool(self.sensitive_hits)

    @property
    def has_privacy(self) -> bool:
        return bool(self.privacy_hits)

    @property
    def is_clean(self) -> bool:
        """Nothing found and every attachment was checked."""
        return not (self.secret_hits or self.sensitive_hits or self.privacy_hits or self.unreadable)

    def to_dict(self) -> dict:
        """JSON-serialisable form (e.g. for a JSONField or a task result)."""
        return {
            "secret_hits": [asdict(h) for h in self.secret_hits],
            "sensitive_hits": [asdict(h) for h in self.sensitive_hits],
            "privacy_hits": [asdict(h) for h in self.privacy_hits],
            "unreadable": list(self.unreadable),
        }

    @classmethod
    def from_dict(cls, data: dict) -> ScanReport:
        return cls(
            secret_hits=[Hit(**h) for h in data.get("secret_hits", [])],
            sensitive_hits=[Hit(**h) for h in data.get("sensitive_hits", [])],
            privacy_hits=[Hit(**h) for h in data.get("privacy_hits", [])],
            unreadable=list(data.get("unreadable", [])),
        )

    def summary(self) -> str:
        def words(hits: list[Hit]) -> str:
            seen = list(dict.fromkeys(h.value for h in hits))
            shown = "、".join(seen[:5]) + ("等" if len(seen) > 5 else "")
            return f"{len(hits)} 处（{shown}）"

        parts = []
        if self.secret_hits:
            parts.append(f"涉密关键词 {words(self.secret_hits)}")
        if self.sensitive_hits:
            parts.append(f"敏感词 {words(self.sensitive_hits)}")
        if self.privacy_hits:
            counts = {k: sum(1 for h in self.privacy_hits if h.kind == k) for k in PRIVACY_KINDS}
            detail = "、".join(f"{k} {n} 处" for k, n in counts.items() if n)
            parts.append(f"未脱敏的个人信息 {len(self.privacy_hits)} 处（{detail}）")
        if parts:
            text = "发现" + "；".join(parts)
        else:
            text = "未发现涉密关键词、敏感词或未脱敏的个人信息"
        if self.unreadable:
            text += f"；{len(self.unreadable)} 个附件未能自动检查，请人工审核"
        return text + "。"


def scan(
    title: str,
    body_text: str,
    attachments: list[tuple[str, bytes]],
    secret_words: Iterable[str],
    sensitive_words: Iterable[str],
) -> ScanReport:
    """Scan an item's title, body text and attachments before publication.

    ``body_text`` is plain text (strip HTML first).  Attachment file names are
    also checked for keywords (source "附件名：<name>").
    """
    secret = KeywordMatcher(secret_words)
    sensitive = KeywordMatcher(sensitive_words)
    report = ScanReport()

    def check(text: str, source: str, privacy: bool = True) -> None:
        if not text:
            return
        norm = normalise(text)
        if secret:
            report.secret_hits.extend(replace(h, source=source) for h in secret._find(text, norm, "涉密"))
        if sensitive:
            report.sensitive_hits.extend(replace(h, source=source) for h in sensitive._find(text, norm, "敏感"))
        if privacy:
            report.privacy_hits.extend(replace(h, source=source) for h in _personal_data(text, norm))

    check(title or "", SOURCE_TITLE)
    check(body_text or "", SOURCE_BODY)
    for name, data in attachments:
        check(name, SOURCE_ATTACHMENT_NAME + name, privacy=False)
        extracted = extract_text(data, name)
        if not extracted.supported:
            report.unreadable.append(f"{name}（该格式无法自动检查，请人工审核）")
            continue
        check(extracted.text, SOURCE_ATTACHMENT + name)
        if extracted.error:
            report.unreadable.append(f"{name}（{extracted.error}）")
        elif extracted.truncated:
            report.unreadable.append(f"{name}（内容过长，仅检查了前 {MAX_TEXT_CHARS} 个字符）")
    return report
