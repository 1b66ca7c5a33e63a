"""Real file bytes for the demo content of columns.demo_data.

``attachment_bytes`` turns an attachment (file name, title, plain text) into
a .docx, .xlsx, .txt or .pdf file; ``cover_image_bytes`` draws a PNG cover
picture for picture news.  Only Pillow, python-docx and openpyxl are used;
the PDF is written by hand (ASCII text only: no CJK font can be embedded,
the Chinese title goes into the document information as UTF-16).
Everything is deterministic, so a re-run produces the same bytes.
"""

import io
import random
import re

XLSX_SHEET_TITLE_LIMIT = 31
CJK_FONT = "宋体"


def attachment_bytes(filename: str, title: str, text: str) -> bytes:
    """The bytes of an attachment, in the format given by the file extension."""
    extension = filename.rsplit(".", 1)[-1].lower()
    writers = {"docx": _docx_bytes, "xlsx": _xlsx_bytes, "txt": _txt_bytes,
               "pdf": _pdf_bytes}
    if extension not in writers:
        raise ValueError(f"Unsupported attachment type: {filename}")
    return writers[extension](filename, title, text)


def _lines(text):
    return [line.strip() for line in text.splitlines() if line.strip()]


# ---------------------------------------------------------------- txt / docx


def _txt_bytes(filename, title, text):
    return f"{title}\n\n{text.strip()}\n".encode("utf-8")


def _docx_bytes(filename, title, text):
    from docx import Document

    document = Document()
    _set_east_asian_font(document.styles["Normal"])
    document.core_properties.title = title
    document.add_heading(title, level=1)
    for line in _lines(text):
        document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _set_east_asian_font(style):
    """Give the style a Chinese font so that Word renders the text nicely."""
    from docx.oxml.ns import qn

    style.font.name = CJK_FONT
    fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
    fonts.set(qn("w:eastAsia"), CJK_FONT)


# ---------------------------------------------------------------- xlsx


def split_row(line):
    """Cells of one line: tab separated, else separated by a Chinese comma."""
    separator = "\t" if "\t" in line else "，"
    return [cell.strip() for cell in line.split(separator)]


def _xlsx_bytes(filename, title, text):
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _sheet_title(title)
    workbook.properties.title = title
    for line in text.splitlines():
        if line.strip():
            sheet.append([_cell_value(cell) for cell in split_row(line)])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _sheet_title(title):
    """A valid worksheet name: no []:*?/\\ and at most 31 characters."""
    name = re.sub(r"[\[\]:*?/\\]", "", title.split("：")[-1]).strip()
    return (name or "Sheet1")[:XLSX_SHEET_TITLE_LIMIT]


def _cell_value(cell):
    if re.fullmatch(r"-?[1-9]\d{0,10}|0", cell):
        return int(cell)
    return cell


# ---------------------------------------------------------------- pdf


def _pdf_bytes(filename, title, text):
    lines = [
        "Zaozhuang Municipal Health and Family Planning Commission",
        f"File: {filename}",
        "Demo attachment. The Chinese title is stored in the document properties.",
    ] + [line for line in _lines(text) if line.isascii()]
    return minimal_pdf(lines, title)


def _pdf_text(value):
    """A PDF literal string of printable ASCII."""
    value = "".join(ch for ch in value if 32 <= ord(ch) < 127)
    return "(" + value.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)") + ")"


def _pdf_utf16(value):
    """A PDF hex string in UTF-16BE with byte order mark (for any text)."""
    return "<FEFF" + value.encode("utf-16-be").hex().upper() + ">"


def _page_stream(lines):
    commands = ["BT", "/F1 12 Tf", "14 TL", "56 780 Td"]
    for line in lines[:50]:
        commands.append(f"{_pdf_text(line[:90])} Tj T*")
    commands.append("ET")
    return "\n".join(commands).encode("ascii")


def minimal_pdf(lines, title=""):
    """A one-page PDF (A4) showing ``lines`` in Helvetica."""
    stream = _page_stream(lines)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        f"<< /Title {_pdf_utf16(title)} /Producer (columns.demo_files) >>".encode("ascii"),
    ]
    return _assemble_pdf(objects)


def _assemble_pdf(objects):
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R /Info %d 0 R >>\n" % (
        len(objects) + 1, len(objects))
    out += b"startxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)


# ---------------------------------------------------------------- images


def _rgb(colour):
    colour = colour.lstrip("#")
    return tuple(int(colour[i:i + 2], 16) for i in (0, 2, 4))


def _gradient(colors, size):
    from PIL import Image

    start = Image.new("RGB", size, _rgb(colors[0]))
    end = Image.new("RGB", size, _rgb(colors[-1]))
    # Black on the left, white on the right: the first colour fades into the last.
    mask = Image.linear_gradient("L").rotate(90).resize(size)
    return Image.composite(end, start, mask)


def _shapes(size, seed):
    """A transparent layer with a few translucent circles and bands."""
    from PIL import Image, ImageDraw

    rng = random.Random(seed)
    layer = Image.new("RGBA", size, (0, 0, 0, 0))
    draw = ImageDraw.Draw(layer)
    width, height = size
    for _ in range(rng.randint(3, 6)):
        radius = rng.randint(height // 10, height // 3)
        x, y = rng.randint(0, width), rng.randint(0, height)
        draw.ellipse((x - radius, y - radius, x + radius, y + radius),
                     fill=(255, 255, 255, rng.randint(30, 80)))
    for _ in range(rng.randint(1, 3)):
        top = rng.randint(0, height)
        draw.rectangle((0, top, width, top + rng.randint(8, 30)),
                       fill=(255, 255, 255, rng.randint(20, 50)))
    return layer


def cover_image_bytes(colors: list[str], seed: int, size=(800, 450)) -> bytes:
    """A PNG cover picture: a gradient between two colours plus simple shapes."""
    from PIL import Image

    base = _gradient(colors, size).convert("RGBA")
    image = Image.alpha_composite(base, _shapes(size, seed)).convert("RGB")
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()
