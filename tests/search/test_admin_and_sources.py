"""The admin's own searches find Chinese sub-words; other apps register
what else the public search finds."""

import re

import pytest
from django.utils import timezone

from columns.models import ContentPage
from search.index import ZhSearchField
from units.models import Unit
from search.sources import SearchSource, get_sources, register_source, unregister_source

from .conftest import result_titles


def test_admin_page_search_finds_chinese_sub_words(corpus, login):
    client = login("admin")
    html = client.get("/admin/pages/search/", {"q": "流感"}).content.decode()
    assert "健康枣庄：冬季流感防治知识" in html and "禽流感防控培训" in html
    assert "南京市长江大桥参观活动" not in html


def test_admin_explorer_search_finds_chinese_sub_words(corpus, corpus_column, login):
    client = login("admin")
    html = client.get(f"/admin/pages/{corpus_column.pk}/", {"q": "长江"}).content.decode()
    assert "南京市长江大桥参观活动" in html
    assert "药品安全宣传周" not in html


def test_item_fields_are_indexed_as_bigrams():
    from columns.models import ItemPage

    fields = {f.field_name for f in ItemPage.get_search_fields() if isinstance(f, ZhSearchField)}
    assert {"title", "body", "attachment_titles", "keywords"} <= fields


@pytest.fixture
def extra_source(corpus_column):
    """A second source as another app (the mailbox) would register it:
    content pages standing in for published replies."""
    source = register_source(SearchSource(
        key="test-replies",
        label="主任信箱回复",
        queryset=lambda: ContentPage.objects.live().public().filter(
            id__in=list(ContentPage.objects.filter(slug__startswith="reply-")
                        .values_list("id", flat=True))),
        date_field="release_time",
        url=lambda obj: f"/mailbox/replies/{obj.pk}/",
        section=lambda: corpus_column,
    ))
    yield source
    unregister_source("test-replies")


def test_a_registered_source_is_searched_merged_and_labelled(extra_source, corpus, client,
                                                             corpus_column, column):
    parent = column("organisation/functions")
    reply = ContentPage(title="关于流感疫苗接种的答复", slug="reply-1", live=True,
                        release_time=timezone.now(),
                        source_unit=Unit.objects.get(name="办公室"))
    parent.add_child(instance=reply)
    reply.save_revision().publish()
    assert extra_source in get_sources()
    response = client.get("/search/", {"query": "流感疫苗", "column": corpus_column.pk})
    assert result_titles(response) == ["关于流感疫苗接种的答复", "流感疫苗接种门诊名单"]
    html = response.content.decode()
    assert f'href="/mailbox/replies/{reply.pk}/"' in html
    assert re.search(r'search-column">主任信箱回复<', html)


def test_queryset_search_ranks_title_hits_first_and_scores_them(corpus, corpus_column):
    from columns.models import ItemPage

    found = list(ItemPage.objects.live().descendant_of(corpus_column).order_by("-release_time")
                 .search("流感").annotate_score("_score"))
    assert [p.title for p in found][:3] == ["健康枣庄：冬季流感防治知识", "禽流感防控培训",
                                           "流感疫苗接种门诊名单"]
    assert [p._score for p in found] == [1.0, 1.0, 1.0, 0.0]


def test_page_models_keep_wagtails_core_search_fields():
    from django.core import checks

    assert not [e for e in checks.run_checks() if e.id == "wagtailsearch.W001"]
