"""What a citizen sees on /search/: safe highlighting, paging, messages,
only what is published, promotions, 热词 and suggestions."""

import pytest
from django.contrib.auth.models import Group
from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.models import PageViewRestriction

from search.models import HotTerm
from search.suggestions import rebuild_vocabulary

from .conftest import add_item, result_titles

HOSTILE = [
    '"流感"', "流感*", "*", '"', "流感 AND 防治", "流感 OR 药", "NEAR(流感 防治)", "流感 NOT 冬季",
    "(流感", "流感)", "{title}: 流感", "title:流感", "'; DROP TABLE wagtailcore_page; --",
    "1' OR '1'='1", "%", "_", "\\", "流感" * 1000, "a" * 2000, "\u0000流感", "^流感$",
]


@pytest.mark.parametrize("query", HOSTILE)
def test_hostile_queries_never_fail(corpus, search_page, query):
    response = search_page(query)
    assert response.status_code == 200


def test_query_syntax_is_read_as_text(corpus, search_page):
    assert result_titles(search_page('"流感防治"')) == ["健康枣庄：冬季流感防治知识"]
    assert result_titles(search_page("流感 AND 防治")) == []  # "and" is a word, not found
    assert result_titles(search_page("(流感防治)*")) == ["健康枣庄：冬季流感防治知识"]


def test_a_long_query_is_cut_with_a_message(corpus, search_page):
    html = search_page("流感" * 1000).content.decode()
    assert "搜索词过长，已按前 100 个字符搜索。" in html


def test_a_query_of_punctuation_only_asks_for_words(corpus, search_page):
    html = search_page("“”（）*").content.decode()
    assert "请输入包含汉字、字母或数字的关键词。" in html


def test_empty_result_says_so(corpus, search_page):
    html = search_page("第十三条").content.decode()
    assert "没有找到与“第十三条”相关的信息" in html


def test_highlighting_escapes_the_items_html(corpus_column, search_page):
    add_item(corpus_column, "<script>alert(1)</script>流感须知", "<b>粗体</b>流感 & 其他", 2)
    html = search_page("流感须知").content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;<mark>流感须知</mark>" in html


def test_matches_are_highlighted_whatever_their_width_or_case(corpus, search_page):
    html = search_page("h7n9").content.decode()
    assert "<mark>Ｈ７Ｎ９</mark>" in html and "<mark>H7N9</mark>" in html


def test_pagination_keeps_the_query_and_filters(corpus_column, search_page):
    for n in range(25):
        add_item(corpus_column, f"分页流感通知{n:02d}", "", 1 + n % 28)
    first = search_page("分页流感")
    assert len(result_titles(first)) == 20
    html = first.content.decode()
    assert "找到与“<strong>分页流感</strong>”相关的信息 25 条" in html
    assert f"column={corpus_column.pk}" in html and "page=2" in html
    second = search_page("分页流感", page=2)
    assert len(result_titles(second)) == 5
    assert not set(result_titles(first)) & set(result_titles(second))
    assert search_page("分页流感", page="abc").status_code == 200
    assert len(result_titles(search_page("分页流感", page=99))) == 5


def test_drafts_never_appear(corpus_column, search_page):
    add_item(corpus_column, "流感草稿稿件", "", 3, live=False)
    assert result_titles(search_page("流感草稿")) == []


def test_an_item_leaves_the_results_as_soon_as_it_is_unpublished(corpus, search_page):
    assert result_titles(search_page("保密审查")) == ["做好信息公开保密审查工作"]
    corpus["secrecy"].unpublish()
    assert result_titles(search_page("保密审查")) == []


def test_private_items_never_appear(corpus, search_page):
    PageViewRestriction.objects.create(page=corpus["mailbox"], restriction_type="login")
    assert result_titles(search_page("主任信箱")) == []


def test_drafted_changes_of_a_live_item_are_not_searchable(corpus, search_page):
    page = corpus["bridge"]
    page.title = "未发布的新标题"
    page.save_revision()  # a draft, not published
    assert result_titles(search_page("未发布的新标题")) == []
    assert result_titles(search_page("长江大桥")) == ["南京市长江大桥参观活动"]


def test_column_filter_shows_only_that_column(corpus, client):
    response = client.get("/search/", {"query": "流感防治知识"})
    assert "健康枣庄：冬季流感防治知识" in result_titles(response)
    news = corpus["flu_title"].get_parent().get_siblings().exclude(
        pk=corpus["flu_title"].get_parent().pk).first()
    response = client.get("/search/", {"query": "流感防治知识", "column": news.pk})
    assert "健康枣庄：冬季流感防治知识" not in result_titles(response)


def test_bad_dates_get_a_clear_message(corpus, search_page):
    html = search_page("流感", **{"from": "2026-13-01"}).content.decode()
    assert "起始日期“2026-13-01”不是有效日期" in html


def test_results_show_column_and_date(corpus, search_page):
    html = search_page("医疗保障局").content.decode()
    assert '<span class="search-column">搜索测试栏目</span>' in html
    assert ">2026-11-12</time>" in html


def test_promoted_results_come_first(corpus, search_page):
    query = Query.get("流感")
    SearchPromotion.objects.create(query=query, page=corpus["regulation"], sort_order=0,
                                   description="研究室推荐")
    html = search_page("流感").content.decode()
    promoted = html.index('aria-label="推荐结果"')
    assert promoted < html.index('class="search-results"')
    assert "研究室推荐" in html and corpus["regulation"].title in html[promoted:]


def test_searches_are_counted_for_the_hot_terms_report(corpus, search_page):
    search_page("流感")
    search_page("流感")  # the same visitor again: counted once
    search_page("Ｆlu流感")  # no result: not counted
    assert Query.objects.get(query_string="流感").hits == 1
    assert not Query.objects.filter(query_string="flu流感").exists()


def test_hot_terms_show_only_approved_terms_that_are_not_sensitive(client, corpus):
    from workflow.keywords import Keyword

    HotTerm.objects.create(term="流感疫苗", approved=True, sort_order=1)
    HotTerm.objects.create(term="家庭医生签约", approved=False)
    HotTerm.objects.create(term="某某内部消息", approved=True)
    Keyword.objects.create(word="内部消息", kind="sensitive")
    html = client.get("/").content.decode()
    hot = html[html.index('class="hot-terms"'):]
    hot = hot[:hot.index("</p>")]
    assert "流感疫苗" in hot
    assert "家庭医生签约" not in hot and "内部消息" not in hot


@pytest.mark.parametrize("typed, meant", [("jiankang", "健康"), ("建康", "健康"),
                                          ("liugan", "流感"), ("流敢", "流感"),
                                          # look-alikes (形近字), not homophones
                                          ("宙查", "审查"), ("防冶", "防治")])
def test_did_you_mean(corpus, client, typed, meant):
    rebuild_vocabulary()
    html = client.get("/search/", {"query": typed}).content.decode()
    assert "您是不是要找" in html
    suggestion = html[html.index("您是不是要找"):]
    assert f">{meant}</a>" in suggestion[:300]


def test_suggestions_never_show_a_sensitive_word(corpus, client):
    from workflow.keywords import Keyword

    rebuild_vocabulary()
    Keyword.objects.create(word="健康", kind="sensitive")
    html = client.get("/search/", {"query": "jiankang"}).content.decode()
    assert ">健康</a>" not in html


def test_site_owner_may_manage_hot_terms_and_promotions(user):
    yjs = user("yjs")
    assert yjs.has_perm("search.add_hotterm")
    assert yjs.has_perm("wagtailsearchpromotions.add_searchpromotion")
    assert not user("xuecheng").has_perm("search.add_hotterm")
    assert Group.objects.filter(permissions__codename="change_hotterm").exists()


@pytest.mark.parametrize("query", ["流感", "保密", "主任信箱", "枣卫字〔2016〕62号", "第十一条"])
def test_the_demo_site_finds_what_the_issue_names(db, client, query):
    """On the demo content (bootstrap_portal --demo), each query of the
    issue's "done means" finds items, with the match highlighted."""
    html = client.get("/search/", {"query": query}).content.decode()
    assert result_titles_of(html)
    assert f"<mark>{query}</mark>" in html
    if query in ("枣卫字〔2016〕62号", "第十一条"):
        assert any("门户网站信息更新维护管理办法" in t for t in result_titles_of(html))


def result_titles_of(html):
    import re

    from django.utils.html import strip_tags

    return [strip_tags(m) for m in re.findall(
        r'<li class="search-result">\s*<h2><a[^>]*>(.*?)</a>', html, re.S)]
