"""What visitors see: columns, items, metadata, the regulation itself."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils.html import strip_tags

from columns.models import GovDocumentPage, ItemPage, NewsPage
from columns.regulation import SEED_PATH, article_texts_from_raw, normalise
from columns.tree import walk
from units.models import Unit

pytestmark = pytest.mark.django_db


def meta(html, name):
    found = re.search(rf'<meta name="{name}" content="([^"]*)">', html)
    return found.group(1) if found else None


def test_every_column_page_answers_with_its_items(client, column):
    for path, spec in walk():
        page = column(path)
        response = client.get(page.url)
        assert response.status_code == 200, path
        html = response.content.decode()
        latest = ItemPage.objects.live().descendant_of(page).order_by("-release_time").first()
        assert latest.title in html, path
        assert meta(html, "ColumnName") == spec.title


def test_column_lists_show_dates_newest_first(client, column):
    page = column("updates/district")
    html = client.get(page.url).content.decode()
    items = list(ItemPage.objects.child_of(page).live().order_by("-release_time"))
    positions = [html.index(item.title) for item in items]
    assert positions == sorted(positions)
    first = items[0].release_time.astimezone()
    assert f"{first.year}年{first.month}月{first.day}日" in html


def test_column_lists_are_paginated(client, column):
    page = column("updates/city")
    unit = Unit.objects.get(name="研究室")
    for n in range(25):
        page.add_child(instance=NewsPage(title=f"分页测试稿件{n:02d}", source_unit=unit, live=True))
    first = client.get(page.url).content.decode()
    assert "第 1 / 2 页" in first
    second = client.get(page.url + "?page=2").content.decode()
    assert "第 2 / 2 页" in second
    assert client.get(page.url + "?page=abc").status_code == 200


def test_the_home_page_shows_picture_news_and_latest_items(client, home):
    html = client.get("/").content.decode()
    pictures = NewsPage.objects.live().filter(picture_news=True)
    assert pictures.exists()
    assert pictures.order_by("-release_time").first().title in html
    assert html.count('<img') >= 1
    for title in ("工作要闻", "工作动态", "通知公告", "健康枣庄", "互动交流"):
        assert f">{title}" in html
    assert meta(html, "SiteName") == "枣庄市卫生和计划生育委员会"
    assert meta(html, "SiteIDCode")
    assert meta(html, "ColumnName") == "首页"


def test_item_pages_carry_their_metadata_and_meta_tags(client, column):
    item = NewsPage.objects.child_of(column("news")).live().first()
    html = client.get(item.url).content.decode()
    assert meta(html, "ArticleTitle") == item.title
    assert meta(html, "PubDate").startswith(item.release_time.astimezone().strftime("%Y-%m-%d"))
    assert meta(html, "ContentSource")
    assert meta(html, "Keywords") == item.keywords
    assert meta(html, "ColumnName") == "工作要闻"
    assert meta(html, "ColumnType") == "政务动态"
    assert "发布时间：" in html


def test_the_footer_shows_the_site_settings(client):
    html = client.get("/").content.decode()
    for text in ("主办单位：枣庄市卫生和计划生育委员会", "zzwjwwz@163.com", "网站标识码", "ICP"):
        assert text in html


def test_unpublished_items_are_not_listed_or_served(client, column):
    page = column("news")
    item = NewsPage.objects.child_of(page).live().first()
    url = item.url
    assert client.get(url).status_code == 200
    item.unpublish()
    assert item.title not in client.get(page.url).content.decode()
    assert client.get(url).status_code == 404


# ------------------------------------------------------------- the regulation


@pytest.fixture
def regulation_html(client):
    page = GovDocumentPage.objects.get(doc_number="枣卫字〔2016〕62号")
    response = client.get(page.url)
    assert response.status_code == 200
    return response.content.decode()


def seed_text():
    """The seed as handed to the project; the repository keeps an exact copy."""
    shared = Path(settings.BASE_DIR).parent / "shared" / "seed" / "000_0937ef28b9696204.txt"
    text = SEED_PATH.read_text(encoding="utf-8")
    if shared.exists():
        assert shared.read_text(encoding="utf-8") == text
    return text


def test_the_regulation_page_shows_every_articles_full_text(regulation_html):
    body = normalise(strip_tags(regulation_html))
    articles = article_texts_from_raw(seed_text())
    assert len(articles) == 18
    for number, text in articles.items():
        assert number in body
        assert text in body, number


def test_the_regulation_page_joins_sentences_split_by_page_breaks(regulation_html):
    text = strip_tags(regulation_html)
    assert "坚持分级管理的原则" in text
    assert "负责网站政务公开" in text
    assert "#" not in text.split("当前位置")[1]


def test_the_regulation_page_shows_its_real_metadata(regulation_html):
    text = strip_tags(regulation_html)
    assert "枣卫字〔2016〕62号" in text
    assert "2016年9月21日" in text
    assert "主动公开" in text
    assert "/2016-00001" in text
    for item in ("（一）上网信息是否涉及秘密；", "（八）统计数据是否准确；", "（九）其他需要审核的事项。"):
        assert item in text


# ------------------------------------------------------------- query counts


def count_queries(client, url):
    client.get(url)  # warm caches that are per process, not per content
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def add_news(column, n, prefix):
    unit = Unit.objects.get(name="研究室")
    for i in range(n):
        column.add_child(instance=NewsPage(title=f"{prefix}{i}", source_unit=unit, live=True))


@pytest.mark.parametrize("path", ["", "updates/", "updates/city/", "news/"])
def test_listing_queries_do_not_grow_with_content(client, column, path):
    target = column("updates/city")
    add_news(target, 10, "十条")
    add_news(column("news"), 10, "十条要闻")
    with_ten = count_queries(client, f"/{path}")
    add_news(target, 190, "二百条")
    add_news(column("news"), 190, "二百条要闻")
    with_two_hundred = count_queries(client, f"/{path}")
    assert with_ten == with_two_hundred


def test_the_regulation_page_reads_as_the_issued_document(regulation_html):
    text = strip_tags(regulation_html)
    order = ["枣庄市卫生和计划生育委员会文件", "各区（市）卫计局", "（信息公开形式：主动公开）",
             "枣庄市卫生和计划生育委员会门户网站信息更新维护管理办法（试行）", "第一章 总则",
             "第四章 考核与奖惩", "本办法自发布之日起实施。", "2016年9月21日印发",
             "校对人：胡永喜"]
    position = text.index("内容概述")
    for part in order:  # each part found after the previous one
        position = text.index(part, position)
