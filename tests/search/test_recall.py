"""Every published item containing what was typed is found, nothing else,
ranked title hits first and newest first — through the public search page."""

import pytest

from .conftest import CORPUS, result_titles

T = {key: title for key, (title, _, _) in CORPUS.items()}

EXPECTED = {
    # sub-words of a longer run
    "流感": ["flu_title", "fullwidth", "flu_old", "flu_body"],
    "枣庄": ["flu_title"],
    "医疗保障": ["insurance"],
    "长江": ["bridge"],
    "市长": ["bridge"],
    "保密": ["secrecy"],
    "主任信箱": ["mailbox"],
    # phrases crossing word boundaries
    "流感防治": ["flu_title"],
    "信息更新由研究室": ["regulation"],
    # mixed scripts, numbers, document numbers, articles
    "H7N9": ["flu_body", "fullwidth"],
    "ｈ７ｎ９": ["flu_body", "fullwidth"],
    "7N9": ["flu_body", "fullwidth"],
    "2016年": ["insurance"],
    "枣卫字〔2016〕62号": ["regulation"],
    "枣卫字(2016)62号": ["regulation"],
    "62号": ["regulation"],
    "第十一条": ["regulation"],
    # one character
    "药": ["drug", "herb"],
    # several terms: all of them
    "流感 防治": ["flu_title"],
    "冬季 流感": ["flu_title", "flu_body"],
    # nothing
    "流感疫苗草稿": [],
    "第十三条": [],
}


@pytest.mark.parametrize("query", list(EXPECTED))
def test_exact_result_set(corpus, search_page, query):
    response = search_page(query)
    assert response.status_code == 200
    assert result_titles(response) == [T[k] for k in EXPECTED[query]]


def test_title_matches_first_then_newest(corpus, search_page):
    titles = result_titles(search_page("流感"))
    # title hits (Nov 20, Nov 15, Nov 1) — newest first — then the body hit.
    assert titles == [T["flu_title"], T["fullwidth"], T["flu_old"], T["flu_body"]]


def test_sort_by_date_ignores_where_the_match_is(corpus, search_page):
    titles = result_titles(search_page("流感", sort="date"))
    assert titles == [T["flu_body"], T["flu_title"], T["fullwidth"], T["flu_old"]]


def test_date_range_is_inclusive(corpus, search_page):
    titles = result_titles(search_page("流感", **{"from": "2026-11-15", "to": "2026-11-20"}))
    assert titles == [T["flu_title"], T["fullwidth"]]


def test_attachment_titles_are_searchable(corpus_column, search_page):
    from django.core.files.base import ContentFile
    from wagtail.documents.models import Document

    from .conftest import add_item

    doc = Document.objects.create(title="2026年度卫生统计报表.xlsx",
                                  file=ContentFile(b"x", name="report.txt"))
    add_item(corpus_column, "统计工作通知", "见附件。", 3,
             attachments=[("attachment", {"document": doc, "title": ""})])
    assert result_titles(search_page("统计报表")) == ["统计工作通知"]


def test_a_changed_release_time_moves_the_item(corpus, search_page):
    import datetime

    page = corpus["flu_old"]
    page.release_time = page.release_time + datetime.timedelta(days=27)  # Nov 28
    page.save_revision().publish()
    titles = result_titles(search_page("流感"))
    assert titles == [T["flu_old"], T["flu_title"], T["fullwidth"], T["flu_body"]]


def test_a_retitled_item_moves_between_title_and_body_hits(corpus, search_page):
    body_hit = corpus["flu_body"]  # 流感 only in its body (Nov 25)
    body_hit.title = "流感高发期健康提示"
    body_hit.save_revision().publish()
    title_hit = corpus["flu_title"]  # 流感 only in its title (Nov 20)
    title_hit.title = "健康枣庄：冬季防治知识"
    title_hit.save_revision().publish()
    assert result_titles(search_page("流感")) == ["流感高发期健康提示", T["fullwidth"], T["flu_old"]]
    assert result_titles(search_page("防治知识")) == ["健康枣庄：冬季防治知识"]


def test_more_than_a_thousand_results_are_announced(corpus, search_page, monkeypatch):
    from search import results, views

    monkeypatch.setattr(results, "MAX_RESULTS", 3)
    monkeypatch.setattr(views, "MAX_RESULTS", 3)
    html = search_page("流感").content.decode()
    assert "相关的信息超过 3 条，显示最相关的 3 条（可按栏目或日期缩小范围）" in html
