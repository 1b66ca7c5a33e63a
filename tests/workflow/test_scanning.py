"""Pre-publication scanning: keywords, personal data and attachment text.

No database and no Django: the module under test is pure Python.  Test
numbers are generated from the published algorithms on made-up prefixes.
"""

import io
import random

import docx
import pytest
from openpyxl import Workbook

from workflow.scanning import (
    KIND_CARD,
    KIND_ID,
    KIND_MOBILE,
    ExtractedText,
    Hit,
    ScanReport,
    extract_text,
    find_keywords,
    find_personal_data,
    mask,
    normalise,
    scan,
)

# ---------------------------------------------------------------------------
# Generators (independent of the module's own helpers)
# ---------------------------------------------------------------------------

WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)


def id_with_check(first17):
    return first17 + "10X98765432"[sum(int(d) * w for d, w in zip(first17, WEIGHTS)) % 11]


def wrong_check(number):
    other = "0" if number[-1] != "0" else "1"
    return number[:-1] + other


def luhn_complete(partial):
    """partial + the digit that makes the whole Luhn-valid."""
    for d in "0123456789":
        candidate = partial + d
        total = 0
        for i, ch in enumerate(reversed(candidate)):
            n = int(ch) * (2 if i % 2 else 1)
            total += n - 9 if n > 9 else n
        if total % 10 == 0:
            return candidate
    raise AssertionError


VALID_ID = id_with_check("37040219800101001")
ID_WITH_X = next(
    n for n in (id_with_check(f"37040219800101{seq:03d}") for seq in range(1000)) if n.endswith("X")
)
CARD_16 = luhn_complete("622202123456789")
CARD_19 = luhn_complete("622848001234567890")


def kinds(hits):
    return [(h.kind, h.value) for h in hits]


# ---------------------------------------------------------------------------
# normalise / keywords
# ---------------------------------------------------------------------------


def test_normalise_folds_full_width_and_lower_cases_but_keeps_length():
    text = "ＡＢＣ　ｘｙｚ１２３，Covid〔2016〕、。"
    result = normalise(text)
    assert result == "abc xyz123,covid〔2016〕、。"
    assert len(result) == len(text)


def test_full_width_letters_in_text_match_half_width_word_and_vice_versa():
    hits = find_keywords("通知：ＡＢＣ 与 Abc", ["abc"], "敏感")
    assert [(h.start, h.end) for h in hits] == [(3, 6), (9, 12)]
    assert find_keywords("含有abc字样", ["ＡＢＣ"], "敏感")[0].value == "abc"


def test_overlapping_keywords_are_all_reported():
    hits = find_keywords("绝密文件机密", ["机密", "绝密文件", "绝密", "密文", "文件机"], "涉密")
    assert sorted((h.value, h.start) for h in hits) == [
        ("密文", 1),
        ("文件机", 2),
        ("机密", 4),
        ("绝密", 0),
        ("绝密文件", 0),
    ]


def test_repeated_occurrences_reported_and_duplicate_words_deduplicated():
    hits = find_keywords("机密机密机密", ["机密", "机密", "", "  "], "涉密")
    assert [h.start for h in hits] == [0, 2, 4]


def test_no_words_or_no_text_gives_no_hits():
    assert find_keywords("绝密", [], "涉密") == []
    assert find_keywords("", ["绝密"], "涉密") == []


def test_hit_context_shows_about_twenty_characters_either_side():
    text = "甲" * 50 + "绝密" + "乙" * 50
    (hit,) = find_keywords(text, ["绝密"], "涉密")
    assert hit.context == "…" + "甲" * 20 + "绝密" + "乙" * 20 + "…"
    assert text[hit.start : hit.end] == "绝密"


# ---------------------------------------------------------------------------
# Personal data
# ---------------------------------------------------------------------------


def test_id_with_valid_check_digit_is_reported():
    hits = find_personal_data(f"身份证号：{VALID_ID}。")
    assert kinds(hits) == [(KIND_ID, VALID_ID)]
    assert (hits[0].start, hits[0].end) == (5, 23)


def test_id_with_wrong_check_digit_is_not_an_id():
    assert KIND_ID not in [h.kind for h in find_personal_data(f"身份证号：{wrong_check(VALID_ID)}")]


def test_id_ending_in_x_either_case_is_reported_upper_cased():
    assert kinds(find_personal_data(f"号码 {ID_WITH_X}")) == [(KIND_ID, ID_WITH_X)]
    assert kinds(find_personal_data(f"号码 {ID_WITH_X.lower()}")) == [(KIND_ID, ID_WITH_X)]


@pytest.mark.parametrize("birth", ["19800230", "19801301", "18991231", "21000101", "19810229"])
def test_id_with_impossible_birth_date_is_rejected(birth):
    number = id_with_check("370402" + birth + "001")
    # (18 random-looking digits may still pass Luhn as a card; never as an ID)
    assert KIND_ID not in [h.kind for h in find_personal_data(f"身份证 {number}")]


def test_leap_day_birth_date_is_accepted():
    number = id_with_check("37040219800229001")
    assert kinds(find_personal_data(number)) == [(KIND_ID, number)]


def test_id_inside_a_longer_digit_run_is_ignored():
    assert find_personal_data(f"9{VALID_ID}") == []
    assert find_personal_data(f"{VALID_ID}9") == []


def test_full_width_digits_are_detected():
    full = VALID_ID.translate({ord(c): ord(c) + 0xFEE0 for c in "0123456789"})
    assert kinds(find_personal_data(f"身份证号{full}")) == [(KIND_ID, VALID_ID)]


@pytest.mark.parametrize(
    "written",
    [
        "13812345678",
        "138-1234-5678",
        "138 1234 5678",
        "+8613812345678",
        "+86 138 1234 5678",
        "+86-138-1234-5678",
        "8613812345678",
        "(+86)13812345678",
        "１３８１２３４５６７８",
    ],
)
def test_mobile_numbers_in_common_forms_are_reported(written):
    text = f"联系人：张三，电话{written}。"
    hits = find_personal_data(text)
    assert kinds(hits) == [(KIND_MOBILE, "13812345678")]
    assert text[hits[0].start : hits[0].end] == written


@pytest.mark.parametrize("prefix", ["12", "10", "11"])
def test_numbers_not_starting_13_to_19_are_not_mobiles(prefix):
    assert find_personal_data(f"编号 {prefix}912345678") == []


@pytest.mark.parametrize(
    "text",
    [
        "办公室电话：0632-3310000",
        "电话（0632）3310000，传真 0632 3310001",
        "咨询电话 0632-13310000",
        "监督电话 12320",
        "枣卫字〔2016〕62号",
        "2016年12月31日 20161231",
        "金额 1,234,567.89 元，合计 12345678.90 元",
        "邮编 277100",
    ],
)
def test_landlines_document_numbers_dates_and_amounts_are_not_hits(text):
    assert find_personal_data(text) == []


def test_mobile_adjacent_to_other_digits_is_ignored():
    assert find_personal_data("流水号 913812345678") == []
    assert find_personal_data("流水号 138123456789") == []
    assert find_personal_data("分组 138 1234 5678 9012") == []


def test_mobile_next_to_a_landline_is_still_found():
    hits = find_personal_data("电话 0632-3310000 13812345678")
    assert kinds(hits) == [(KIND_MOBILE, "13812345678")]


def test_luhn_valid_cards_are_reported_plain_and_grouped():
    grouped_space = " ".join(CARD_16[i : i + 4] for i in range(0, 16, 4))
    grouped_hyphen = "-".join(CARD_19[i : i + 4] for i in range(0, 19, 4))
    text = f"卡号 {CARD_16}；{grouped_space}；{grouped_hyphen}；{CARD_19}"
    assert kinds(find_personal_data(text)) == [
        (KIND_CARD, CARD_16),
        (KIND_CARD, CARD_16),
        (KIND_CARD, CARD_19),
        (KIND_CARD, CARD_19),
    ]


def test_luhn_invalid_numbers_are_not_cards():
    bad = wrong_check(CARD_16)
    grouped = " ".join(bad[i : i + 4] for i in range(0, 16, 4))
    assert find_personal_data(f"卡号 {bad} {grouped}") == []


def test_card_inside_a_longer_digit_run_is_ignored():
    longer = luhn_complete("62220212345678901234")  # 21 digits
    assert find_personal_data(f"编号 {longer}") == []


def test_number_valid_as_both_id_and_card_is_reported_once_as_id():
    both = next(
        n
        for n in (id_with_check(f"37040219800101{seq:03d}") for seq in range(1000))
        if not n.endswith("X") and luhn_complete(n[:-1]) == n
    )
    assert kinds(find_personal_data(both)) == [(KIND_ID, both)]


@pytest.mark.parametrize(
    "text",
    [
        "身份证号：370402********1234",
        "身份证号：370402198001******",
        "手机：138****5678",
        "手机：138-****-5678",
        "卡号：6222 **** **** 1234",
        "卡号：6222********1234",
    ],
)
def test_masked_values_are_not_reported(text):
    assert find_personal_data(text) == []


def test_mask_keeps_only_the_agreed_digits():
    assert mask("370402198001011234", KIND_ID) == "370402********1234"
    assert mask(ID_WITH_X.lower(), KIND_ID) == ID_WITH_X[:6] + "*" * 8 + ID_WITH_X[-4:]
    assert mask("13812345678", KIND_MOBILE) == "138****5678"
    assert mask("+86 138-1234-5678", KIND_MOBILE) == "138****5678"
    assert mask("6222 0212 3456 1234", KIND_CARD) == "6222********1234"
    assert mask("6228480012345678901", KIND_CARD) == "6228***********8901"
    with pytest.raises(ValueError):
        mask("123", "其他")


def test_masked_output_is_not_detected_again():
    for value, kind in [(VALID_ID, KIND_ID), ("13812345678", KIND_MOBILE), (CARD_16, KIND_CARD)]:
        assert find_personal_data(f"号码 {mask(value, kind)}") == []


def test_hit_masked_property():
    hit = Hit(KIND_MOBILE, "13812345678", 0, 11, "13812345678")
    assert hit.masked == "138****5678"
    assert Hit("涉密", "绝密", 0, 2, "绝密").masked == "绝密"


# ---------------------------------------------------------------------------
# Attachments
# ---------------------------------------------------------------------------


def make_pdf(text):
    """A minimal one-page PDF with a Helvetica text line pypdf can extract."""
    escaped = text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
    stream = f"BT /F1 12 Tf 72 720 Td ({escaped}) Tj ET".encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def make_docx():
    document = docx.Document()
    document.add_paragraph("关于做好卫生计生工作的通知")
    document.add_paragraph("正文第一段，没有问题。")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "姓名"
    table.cell(0, 1).text = "备注"
    table.cell(1, 0).text = "张三"
    table.cell(1, 1).text = "此件为机密文件"
    document.sections[0].header.paragraphs[0].text = "联系电话 13812345678"
    document.sections[0].footer.paragraphs[0].text = "内部资料"
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def make_xlsx():
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "名单"
    sheet.append(["姓名", "身份证号", "手机"])
    sheet.append(["李四", VALID_ID, 13812345678])
    sheet.append([None, None, None])
    other = workbook.create_sheet("说明")
    other["C5"] = "本表含绝密信息"
    other["A1"] = 3.0
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_pdf_text_is_extracted_from_every_page():
    result = extract_text(make_pdf(f"ID {VALID_ID} Tel 138-1234-5678"), "名单.PDF")
    assert result.supported and result.error == ""
    assert VALID_ID in result.text
    assert kinds(find_personal_data(result.text)) == [(KIND_ID, VALID_ID), (KIND_MOBILE, "13812345678")]


def test_docx_text_includes_paragraphs_table_cells_header_and_footer():
    result = extract_text(make_docx(), "通知.docx")
    assert result.supported and result.error == ""
    for expected in ["关于做好卫生计生工作的通知", "此件为机密文件", "13812345678", "内部资料"]:
        assert expected in result.text
    assert [h.value for h in find_keywords(result.text, ["机密", "内部资料"], "涉密")] == ["机密", "内部资料"]


def test_xlsx_text_includes_every_sheet_and_numeric_cells_without_decimals():
    result = extract_text(make_xlsx(), "名单.xlsx")
    assert result.supported and result.error == ""
    assert "名单" in result.text and "说明" in result.text
    assert "本表含绝密信息" in result.text
    assert "13812345678" in result.text and "13812345678.0" not in result.text
    assert kinds(find_personal_data(result.text)) == [(KIND_ID, VALID_ID), (KIND_MOBILE, "13812345678")]


def test_txt_and_csv_in_utf8_and_gb18030():
    text = "本文件涉及绝密内容，联系 13812345678"
    for encoded, name in [
        (text.encode("utf-8"), "a.txt"),
        (("\ufeff" + text).encode("utf-8"), "b.txt"),
        (text.encode("gb18030"), "c.csv"),
    ]:
        result = extract_text(encoded, name)
        assert result == ExtractedText(text=text, supported=True)


@pytest.mark.parametrize("name", ["旧格式.doc", "文件.wps", "表格.et", "公文.ofd", "打包.zip", "扫描件.jpg", "无扩展名"])
def test_unsupported_formats_are_flagged_not_read(name):
    assert extract_text(b"anything", name) == ExtractedText(text="", supported=False)


@pytest.mark.parametrize("name", ["坏.pdf", "坏.docx", "坏.xlsx"])
def test_corrupt_file_gives_an_error_message_not_an_exception(name):
    result = extract_text(b"\x00\x01 this is not what the extension says", name)
    assert result.supported is True
    assert result.text == ""
    assert result.error.startswith("无法读取附件内容：")


def test_truncated_pdf_gives_an_error_or_partial_text_never_an_exception():
    data = make_pdf("ID 123")
    result = extract_text(data[: len(data) // 2], "半截.pdf")
    assert result.supported is True
    assert result.error.startswith("无法读取附件内容：") or result.text == "" or "ID" in result.text


def test_extracted_text_is_capped(monkeypatch):
    import workflow.scanning as scanning

    monkeypatch.setattr(scanning, "MAX_TEXT_CHARS", 10)
    result = extract_text(("一" * 50).encode(), "长.txt")
    assert result.text == "一" * 10 and result.truncated


# ---------------------------------------------------------------------------
# scan()
# ---------------------------------------------------------------------------


def test_scan_reports_each_hit_with_its_source():
    report = scan(
        title="关于绝密事项的通知",
        body_text="请联系 13812345678，此事敏感。",
        attachments=[
            ("通知.docx", make_docx()),
            ("名单.xlsx", make_xlsx()),
            ("名单.pdf", make_pdf(f"ID {VALID_ID}")),
            ("旧文件.doc", b"\xd0\xcf\x11\xe0"),
            ("损坏.pdf", b"garbage"),
        ],
        secret_words=["绝密", "机密"],
        sensitive_words=["敏感"],
    )
    assert sorted((h.source, h.value) for h in report.secret_hits) == [
        ("标题", "绝密"),
        ("附件：名单.xlsx", "绝密"),
        ("附件：通知.docx", "机密"),
    ]
    assert [(h.source, h.value) for h in report.sensitive_hits] == [("正文", "敏感")]
    assert sorted((h.source, h.kind) for h in report.privacy_hits) == sorted(
        [
            ("正文", KIND_MOBILE),
            ("附件：名单.pdf", KIND_ID),
            ("附件：名单.xlsx", KIND_ID),
            ("附件：名单.xlsx", KIND_MOBILE),
            ("附件：通知.docx", KIND_MOBILE),
        ]
    )
    assert report.unreadable[0] == "旧文件.doc（该格式无法自动检查，请人工审核）"
    assert report.unreadable[1].startswith("损坏.pdf（无法读取附件内容：")
    assert report.has_secret and report.has_privacy and not report.is_clean
    summary = report.summary()
    assert "涉密关键词 3 处（绝密、机密）" in summary
    assert "身份证号 2 处" in summary and "手机号 3 处" in summary
    assert "2 个附件未能自动检查" in summary


def test_scan_checks_attachment_names_for_keywords():
    report = scan("标题", "", [("绝密名单.txt", "无".encode())], ["绝密"], [])
    assert [(h.source, h.value) for h in report.secret_hits] == [("附件名：绝密名单.txt", "绝密")]


def test_clean_item_has_a_reassuring_summary():
    report = scan("工作动态", "今日召开会议。电话 0632-3310000", [("a.txt", b"ok")], ["绝密"], ["敏感"])
    assert report.is_clean and not report.has_secret and not report.has_privacy
    assert report.summary() == "未发现涉密关键词、敏感词或未脱敏的个人信息。"


def test_scan_accepts_generators_as_word_lists_and_report_round_trips_as_dict():
    report = scan("绝密", "机密", [], (w for w in ["绝密", "机密"]), iter(()))
    assert [h.source for h in report.secret_hits] == ["标题", "正文"]
    assert ScanReport.from_dict(report.to_dict()) == report
