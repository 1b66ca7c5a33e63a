"""Parsing and rendering of the seed regulation 枣卫字〔2016〕62号 (no database needed)."""

import re

import pytest
from django.utils.html import strip_tags

from columns.regulation import (
    SEED_PATH,
    article_texts_from_raw,
    load_seed,
    normalise,
    notice_html,
    parse_regulation,
    regulation_html,
)

NUMERALS = "一 二 三 四 五 六 七 八 九 十 十一 十二 十三 十四 十五 十六 十七 十八".split()
ARTICLE_NUMBERS = [f"第{n}条" for n in NUMERALS]
HALF_WIDTH = set(",;:()!?")


@pytest.fixture(scope="module")
def raw():
    return SEED_PATH.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def reg():
    return load_seed()


@pytest.fixture(scope="module")
def articles(reg):
    return {a.number: a for a in reg.articles}


@pytest.fixture(scope="module")
def body_html(reg):
    return regulation_html(reg)


def test_normalise_folds_punctuation_width_and_drops_whitespace():
    """normalise() treats half- and full-width punctuation alike and ignores all whitespace."""
    assert normalise("(八) 统计数据是否准确;\n") == normalise("（八）统计数据是否准确；")
    assert normalise("a, b: c! d? (e)") == "a，b：c！d？（e）"


def test_load_seed_matches_parsing_the_seed_file(raw, reg):
    """load_seed() parses columns/content/regulation-2016-62.txt."""
    assert parse_regulation(raw) == reg


def test_seed_parses_into_four_chapters_and_eighteen_articles_in_order(reg):
    """The seed parses into four chapters and eighteen articles in order."""
    assert [c.heading for c in reg.chapters] == ["第一章 总则", "第二章 信息管理", "第三章 职责分工", "第四章 考核与奖惩"]
    assert [len(c.articles) for c in reg.chapters] == [4, 7, 5, 2]
    assert [a.number for a in reg.articles] == ARTICLE_NUMBERS


def test_sentences_split_by_page_breaks_are_joined(articles):
    """Sentences split by page breaks are joined (第四条, 第十三条, 第十六条)."""
    assert "三是坚持分级管理的原则；四是谁发布、谁负责的原则。" in articles["第四条"].text
    assert "负责网站政务公开、公示公告等信息发布的审核" in articles["第十三条"].text
    item = articles["第十六条"].items[1]
    assert item.startswith("（二）工作动态：") and item.endswith("研究室负责二级审核。")


def test_article_sixteen_has_nine_long_sub_items(articles):
    """第十六条's lead is the heading line and its nine sub-items are separate, complete paragraphs."""
    article = articles["第十六条"]
    assert article.text == "网站各栏目信息维护分工细则"
    assert [item[:3] for item in article.items] == [f"（{n}）" for n in NUMERALS[:9]]
    assert article.items[0].startswith("（一）工作要闻：")
    assert article.items[-1] == "（九）健康枣庄。为群众提供实用、全面的健康信息。包括疾病预防、健康生活、医疗常识三个栏目。相关信息由宣传科维护。分管领导负责二级审核。"
    assert all(item.endswith("审核。") for item in article.items)


def test_article_eight_has_eight_plus_one_review_items_with_full_width_brackets(articles):
    """第八条 lists （一）…（七） from the bullet list plus （八）/（九） written with half-width brackets."""
    article = articles["第八条"]
    assert article.text == "信息审核内容包括："
    assert [item[:3] for item in article.items] == [f"（{n}）" for n in NUMERALS[:9]]
    assert article.items[0] == "（一）上网信息是否涉及秘密；"
    assert article.items[7] == "（八）统计数据是否准确；"
    assert article.items[8] == "（九）其他需要审核的事项。"


def test_article_twelve_items_use_full_width_punctuation(articles):
    """第十二条's half-width commas, semicolons and brackets become full-width."""
    article = articles["第十二条"]
    assert article.text == "委研究室是网站的主管科室，负责网站的规划、建设、管理、维护和审核等工作。"
    assert article.items == [
        "（一）负责组织指导、协调网站各栏目的统筹规划和建设管理；",
        "（二）具体承办网站的建设、运行维护、日常管理及培训等工作；",
        "（三）负责网站内容更新维护的督促、检查；",
        "（四）制定网站绩效考核办法，稳步推进网站绩效考评工作。",
    ]


def test_articles_without_items_hold_their_whole_text(articles):
    """Articles with no numbered sub-items keep everything in text and have an empty items list."""
    for number in ["第一条", "第四条", "第九条", "第十一条", "第十三条", "第十七条", "第十八条"]:
        assert articles[number].items == []
    assert articles["第十一条"].text.endswith("应在5个工作日内尽快落实请示有关事宜。")


def test_parsed_texts_have_no_half_width_punctuation_whitespace_or_markup(reg):
    """Article texts and items are clean: full-width punctuation, no whitespace, no markdown."""
    for article in reg.articles:
        for text in [article.text, *article.items]:
            assert not HALF_WIDTH & set(text), text
            assert not re.search(r"\s|[#*]|^- ", text), text


def test_document_metadata_is_parsed(reg):
    """The document number, 成文日期 2016年9月21日, 主动公开 and the titles are parsed."""
    assert reg.issuer_heading == "枣庄市卫生和计划生育委员会文件"
    assert reg.doc_number == "枣卫字〔2016〕62号"
    assert reg.notice_date == "2016年9月21日"
    assert reg.disclosure == "主动公开"
    assert reg.notice_title == "关于印发《枣庄市卫生和计划生育委员会门户网站信息更新维护管理办法》（试行）的通知"
    assert reg.title == "枣庄市卫生和计划生育委员会门户网站信息更新维护管理办法（试行）"


def test_notice_parts_closing_and_footer_are_parsed(reg):
    """The 通知 addressees/body/signature, the closing line and the printing/proofreader lines are parsed."""
    assert reg.addressees == "各区（市）卫计局，委机关各科室、直属各单位，枣矿集团生活卫生管理中心："
    assert len(reg.notice_paragraphs) == 1
    assert reg.notice_paragraphs[0].startswith("根据国家、省、市关于政府信息公开的有关要求")
    assert reg.notice_signature == "枣庄市卫生和计划生育委员会"
    assert reg.closing == ["本办法自发布之日起实施。"]
    assert reg.printing_line == "枣庄市卫生和计划生育委员会办公室 2016年9月21日印发"
    assert reg.proofreader == "校对人：胡永喜"


def test_raw_extraction_finds_all_eighteen_articles(raw):
    """article_texts_from_raw() independently finds 第一条…第十八条 in the raw seed."""
    texts = article_texts_from_raw(raw)
    assert list(texts) == ARTICLE_NUMBERS
    assert texts["第十八条"].endswith("本办法自发布之日起实施。")
    assert "#" not in "".join(texts.values())


def test_every_raw_article_text_appears_in_rendered_html(raw, body_html):
    """Every article's full text from the raw seed appears in the rendered HTML, normalised for whitespace and punctuation width."""
    rendered = normalise(strip_tags(body_html))
    for number, text in article_texts_from_raw(raw).items():
        assert normalise(number + text) in rendered, number


def test_html_uses_only_rich_text_tags_and_no_markdown_survives(body_html, reg):
    """No "#", "**", "---" or "- " bullets survive, and only <h2>/<p>/<b> tags are used."""
    for html in (body_html, notice_html(reg)):
        for marker in ("#", "**", "---", "- "):
            assert marker not in html
        assert set(re.findall(r"</?([a-z0-9]+)", html)) <= {"h2", "h3", "p", "ol", "ul", "li", "b"}


def test_html_structure_chapters_articles_and_items(body_html):
    """Chapters are <h2>, articles start with a bold number, items keep their own （n） numbering."""
    assert body_html.count("<h2>") == 4
    assert "<h2>第四章 考核与奖惩</h2>" in body_html
    assert body_html.count("<p><b>第") == 18
    assert "<p>（八）统计数据是否准确；</p>" in body_html
    assert body_html.endswith("<p>本办法自发布之日起实施。</p>")


def test_notice_html_lists_addressees_body_signature_and_date(reg):
    """notice_html() renders the 通知 as plain paragraphs ending with the signature and date."""
    html = notice_html(reg)
    assert html.startswith("<p>各区（市）卫计局，")
    assert html.endswith("<p>枣庄市卫生和计划生育委员会</p><p>2016年9月21日</p>")
    assert html.count("<p>") == 4


def test_parser_joins_generic_page_breaks_and_escapes_html():
    """A tiny synthetic document: page-break joins, half-width items, escaping of < and &."""
    text = "\n".join([
        "# 某某文件", "", "某卫字〔2020〕1号", "", "## 关于印发《某办法》的通知", "",
        "各单位：", "", "现予印发，请遵照", "", "执行。", "", "某某委员会", "", "2020年1月2日", "",
        "（信息公开形式：依申请公开）", "", "# 某 办法", "", "## 第一章 总则", "",
        "第一条 A<B & C 的原则", "", "如下:", "", "(一) 甲;", "", "(二) 乙。", "",
        "本办法自发布之日起实施。", "", "---", "", "某办公室", "", "2020年1月2日印发",
    ])
    reg = parse_regulation(text)
    assert reg.notice_paragraphs == ["现予印发，请遵照执行。"]
    assert reg.disclosure == "依申请公开"
    assert reg.title == "某办法"
    article = reg.articles[0]
    assert article.text == "A<B & C的原则如下："  # spaces next to Chinese text are dropped
    assert article.items == ["（一）甲；", "（二）乙。"]
    assert reg.closing == ["本办法自发布之日起实施。"]
    assert reg.printing_line == "某办公室 2020年1月2日印发" and reg.proofreader == ""
    assert "A&lt;B &amp; C" in regulation_html(reg)
