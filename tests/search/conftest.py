"""A small fixed corpus in its own column, so that result sets are exact.

Every test searches with ``column=<the corpus column>``: the demo content of
the other columns never enters the expected sets.
"""

import datetime

import pytest
from django.utils import timezone
from wagtail.rich_text import RichText

from columns.models import NewsColumnPage, NewsPage
from units.models import Unit

# key: (title, body, day of release in 2026-11)
CORPUS = {
    "flu_title": ("健康枣庄：冬季流感防治知识", "冬季气温低，注意防寒保暖。", 20),
    "flu_body": ("冬季健康提示", "近期流感进入高发期，H7N9禽流感也需防范。", 25),
    "flu_old": ("流感疫苗接种门诊名单", "全市接种门诊名单如下。", 1),
    "regulation": ("关于印发门户网站信息更新维护管理办法的通知",
                   "枣卫字〔2016〕62号。第十一条　信息更新由研究室负责。第十二条　考核。", 10),
    "insurance": ("市医疗保障局召开工作会议", "市医疗保障局总结2016年工作，部署下一阶段任务。", 12),
    "bridge": ("南京市长江大桥参观活动", "组织职工参观。", 5),
    "fullwidth": ("禽流感防控培训", "培训内容：Ｈ７Ｎ９病例的发现与报告。", 15),
    "drug": ("药品安全宣传周", "宣传合理用药。", 8),
    "herb": ("中医馆建设", "推广中药。", 7),
    "mailbox": ("主任信箱办理情况通报", "本月主任信箱共收到来信30件，均已办结。", 18),
    "secrecy": ("做好信息公开保密审查工作", "上网信息实行先审查、后公开。", 16),
}


def release(day):
    return timezone.make_aware(datetime.datetime(2026, 11, day, 9, 0))


def add_item(column, title, body="", day=1, live=True, **extra):
    page = NewsPage(
        title=title, source_unit=Unit.objects.get(name="研究室"), live=live,
        release_time=release(day),
        body=[("paragraph", RichText(f"<p>{body}</p>"))] if body else [],
        **extra,
    )
    column.add_child(instance=page)
    if live:
        page.save_revision().publish()
    return page


@pytest.fixture
def corpus_column(home):
    column = NewsColumnPage(title="搜索测试栏目", slug="search-test")
    home.add_child(instance=column)
    column.save_revision().publish()
    return column


@pytest.fixture
def corpus(corpus_column):
    """key → page of CORPUS, all published in the corpus column."""
    return {key: add_item(corpus_column, title, body, day)
            for key, (title, body, day) in CORPUS.items()}


@pytest.fixture
def search_page(client, corpus_column):
    """search_page("流感", sort="date") → the response of the public search,
    restricted to the corpus column."""

    def get(query, **params):
        params = {"query": query, "column": corpus_column.pk, **params}
        return client.get("/search/", params)

    return get


def result_titles(response):
    """Titles of the results on the page, in order (highlighting removed)."""
    import re

    from django.utils.html import strip_tags

    html = response.content.decode()
    return [strip_tags(m) for m in re.findall(r'<li class="search-result">\s*<h2><a[^>]*>(.*?)</a>',
                                              html, re.S)]


@pytest.fixture(autouse=True)
def fresh_cache():
    """Each test starts without remembered searches (hit de-duplication)."""
    from django.core.cache import cache

    cache.clear()
