"""A realistic search corpus: N published items across the news columns.

Text is built from real government vocabulary: the sentences and words of
the regulation in /work/shared/seed/ (枣卫字〔2016〕62号), the column names,
domain terms, dates (2016年9月21日), document numbers (枣卫字〔2016〕62号),
articles (第十一条) and mixed scripts (H7N9).  Every item has a title, a
release date spread over ten years, a ~900-character body and, for one item
in twenty, an attachment whose title is indexed too.

Pages are written in bulk (Wagtail's one-page-at-a-time ``add_child`` would
take hours at 100,000); the full-text index is then built with Wagtail's own
``update_index``, and that build is what is timed.

Used by search_speed.py and search_quality.py:

    build(n) -> {"items": n, "generate_s": …, "index_s": …}
    items_text() -> {page id: plain text as indexed}

The database is the one configured (DATABASE_URL, else a SQLite file under
PORTAL_VAR_DIR); a database that already holds a corpus of this size is
reused (``--fresh`` in the callers starts over).
"""

import datetime
import random
import re
import time
import uuid
from pathlib import Path

SEED = Path("/work/shared/seed/000_0937ef28b9696204.txt")
RNG_SEED = 20160921
BODY_CHARS = 900
ATTACHMENT_EVERY = 20

DOMAIN_WORDS = [
    "卫生计生", "家庭医生签约", "主任信箱", "健康扶贫", "医疗保障局", "公立医院改革", "分级诊疗",
    "流感疫苗", "禽流感", "预防接种", "基本公共卫生服务", "医疗联合体", "计划生育", "健康枣庄",
    "传染病防控", "疾病预防控制中心", "卫生监督", "食品安全", "职业病防治", "无偿献血",
    "薛城区", "市中区", "峄城区", "台儿庄区", "山亭区", "滕州市", "枣矿集团",
]
MIXED = ["H7N9", "H1N1", "COVID-19", "CT", "PM2.5", "120急救", "12320热线", "HIV"]
CN_NUM = "一二三四五六七八九十"
TITLE_TEMPLATES = [
    "关于{w1}{w2}工作的通知", "{place}召开{w1}工作会议", "{place}开展{w1}宣传活动",
    "市卫生计生委部署{w1}{w2}工作", "{year}年{w1}工作总结", "关于印发{w1}实施方案的通知",
    "{w1}专项检查情况通报", "{place}{w1}{w2}取得新进展", "{mixed}{w1}防控知识问答",
]


def _seed_text():
    text = SEED.read_text(encoding="utf-8")
    return re.sub(r"[#*>`|\-]+", " ", text)


def vocabulary():
    """Words (jieba over the regulation) and sentences to build text from."""
    import jieba

    jieba.setLogLevel(60)
    text = _seed_text()
    sentences = [s.strip() + "。" for s in re.split(r"[。；\n]+", text) if len(s.strip()) >= 8]
    words = sorted({w for w in jieba.cut(text) if re.fullmatch(r"[\u4e00-\u9fff]{2,6}", w)})
    return words + DOMAIN_WORDS, sentences


def _cn_number(n):
    if n <= 10:
        return CN_NUM[n - 1]
    if n < 20:
        return "十" + (CN_NUM[n - 11] if n > 10 else "")
    return CN_NUM[n // 10 - 1] + "十" + (CN_NUM[n % 10 - 1] if n % 10 else "")


def _sentence(rng, words, sentences):
    kind = rng.random()
    if kind < 0.55:
        return rng.choice(sentences)
    if kind < 0.7:
        year = rng.randint(2008, 2026)
        return f"根据枣卫字〔{year}〕{rng.randint(1, 120)}号文件精神，{rng.choice(words)}{rng.choice(words)}。"
    if kind < 0.8:
        return f"第{_cn_number(rng.randint(1, 30))}条规定，{rng.choice(words)}由{rng.choice(words)}负责。"
    if kind < 0.9:
        return (f"{rng.randint(2008, 2026)}年{rng.randint(1, 12)}月{rng.randint(1, 28)}日，"
                f"{rng.choice(DOMAIN_WORDS)}{rng.choice(words)}工作{rng.choice(words)}。")
    return f"做好{rng.choice(MIXED)}{rng.choice(words)}和{rng.choice(DOMAIN_WORDS)}工作。"


def make_item(rng, words, sentences):
    """(title, body) of one synthetic item."""
    title = rng.choice(TITLE_TEMPLATES).format(
        w1=rng.choice(words), w2=rng.choice(words), place=rng.choice(DOMAIN_WORDS[20:]),
        year=rng.randint(2008, 2026), mixed=rng.choice(MIXED),
    )
    body = []
    while sum(len(s) for s in body) < BODY_CHARS:
        body.append(_sentence(rng, words, sentences))
    return title, "".join(body)


def news_columns():
    from columns.models import NewsColumnPage

    return list(NewsColumnPage.objects.live().order_by("path"))


def existing_items():
    from columns.models import ItemPage

    return ItemPage.objects.filter(slug__startswith="bench-").count()


def _documents(count):
    from django.core.files.base import ContentFile
    from wagtail.documents.models import Document

    have = list(Document.objects.filter(title__startswith="附件").order_by("pk"))
    for i in range(len(have), count):
        have.append(Document.objects.create(
            title=f"附件{i + 1}：{DOMAIN_WORDS[i % len(DOMAIN_WORDS)]}统计报表（{2010 + i % 16}年）",
            file=ContentFile(b"bench", name=f"bench-{i}.txt")))
    return have


def generate(n, batch=2000):
    """Write n published NewsPages in bulk under the news columns."""
    from django.contrib.contenttypes.models import ContentType
    from django.db import transaction
    from wagtail.models import Page
    from wagtail.rich_text import RichText

    from columns.models import ItemPage, NewsPage
    from units.models import Unit

    rng = random.Random(RNG_SEED)
    words, sentences = vocabulary()
    columns = news_columns()
    unit = Unit.objects.get(name="研究室")
    ct = ContentType.objects.get_for_model(NewsPage)
    docs = _documents(40)
    start = datetime.datetime(2016, 1, 1, tzinfo=datetime.timezone.utc)
    span = (datetime.datetime(2026, 11, 30, tzinfo=datetime.timezone.utc) - start).total_seconds()
    next_child = {c.pk: c.numchild for c in columns}
    from treebeard.mp_tree import MP_Node

    alphabet = MP_Node.alphabet

    def child_path(parent, index):
        digits, n_ = [], index + 1
        for _ in range(Page.steplen):
            digits.append(alphabet[n_ % len(alphabet)])
            n_ //= len(alphabet)
        return parent.path + "".join(reversed(digits))

    for offset in range(0, n, batch):
        with transaction.atomic():
            pages, specifics = [], []
            for i in range(offset, min(n, offset + batch)):
                column = columns[i % len(columns)]
                title, body = make_item(rng, words, sentences)
                released = start + datetime.timedelta(seconds=rng.random() * span)
                slug = f"bench-{i}"
                page = NewsPage(
                    title=title, draft_title=title, slug=slug, content_type=ct, live=True,
                    path=child_path(column, next_child[column.pk]), depth=column.depth + 1,
                    numchild=0, url_path=f"{column.url_path}{slug}/", locale_id=column.locale_id,
                    translation_key=uuid.uuid4(), first_published_at=released,
                    last_published_at=released, has_unpublished_changes=False,
                    release_time=released, source_unit=unit,
                    body=[("paragraph", RichText(f"<p>{body}</p>"))],
                    attachments=([("attachment", {"document": docs[i % len(docs)], "title": ""})]
                                 if i % ATTACHMENT_EVERY == 0 else []),
                )
                next_child[column.pk] += 1
                pages.append(Page(**{f.attname: getattr(page, f.attname)
                                     for f in Page._meta.concrete_fields if f.attname != "id"}))
                specifics.append(page)
            Page.objects.bulk_create(pages)
            for page, base in zip(specifics, pages):
                page.page_ptr_id = page.itempage_ptr_id = page.id = base.id
            ItemPage._base_manager._insert(specifics, fields=ItemPage._meta.local_concrete_fields)
            NewsPage._base_manager._insert(specifics, fields=NewsPage._meta.local_concrete_fields)
    for column in columns:
        Page.objects.filter(pk=column.pk).update(numchild=next_child[column.pk])


def setup_django(n, fresh=False):
    """Point Django at the corpus database for n items and set it up.

    SQLite: var/bench-search-<n>/portal.sqlite3.  PostgreSQL: the database
    of DATABASE_URL (dropped and re-created with ``fresh``)."""
    import os
    import shutil
    import sys

    root = Path(__file__).resolve().parents[1]
    sys.path.insert(0, str(root))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.test")
    var = root / "var" / f"bench-search-{n}"
    os.environ["PORTAL_VAR_DIR"] = str(var)
    url = os.environ.get("DATABASE_URL", "")
    if fresh:
        if url.startswith("postgres"):
            import psycopg

            base, name = url.rsplit("/", 1)
            with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
                conn.execute(f'CREATE DATABASE "{name}"')
        else:
            shutil.rmtree(var, ignore_errors=True)
    elif url.startswith("postgres"):
        import psycopg

        base, name = url.rsplit("/", 1)
        with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
            if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
                conn.execute(f'CREATE DATABASE "{name}"')
    var.mkdir(parents=True, exist_ok=True)
    import django

    django.setup()
    from django.conf import settings

    settings.ALLOWED_HOSTS = ["*"]
    settings.DEBUG = False


def build(n, reindex=False):
    """Make sure the database holds the portal and n corpus items, indexed.
    Returns the timings (None when an existing corpus was reused; with
    ``reindex`` the index of a reused corpus is rebuilt and timed)."""
    from django.core.management import call_command

    from search.setup import analyse_index

    call_command("migrate", verbosity=0)
    have = existing_items()
    if have == n:
        index_s = None
        if reindex:
            t0 = time.perf_counter()
            call_command("update_index", verbosity=0)
            analyse_index()
            index_s = time.perf_counter() - t0
        return {"items": n, "generate_s": None, "index_s": index_s, "reused": True}
    if have:
        raise SystemExit(f"数据库中已有 {have} 条基准信息，与 {n} 不符：请加 --fresh 重新生成。")
    call_command("bootstrap_portal", verbosity=0)
    t0 = time.perf_counter()
    generate(n)
    t1 = time.perf_counter()
    call_command("update_index", verbosity=0)
    analyse_index()
    t2 = time.perf_counter()
    return {"items": n, "generate_s": t1 - t0, "index_s": t2 - t1, "reused": False}


def time_one_publish():
    """Seconds to index one item on publish (what an editor waits for)."""
    from search.sources import get_sources  # noqa: F401 (sources registered)
    from wagtail.search.backends import get_search_backend

    from columns.models import NewsPage

    page = NewsPage.objects.live().filter(slug__startswith="bench-").first()
    backend = get_search_backend()
    t0 = time.perf_counter()
    for _ in range(5):
        backend.add(page)
    return (time.perf_counter() - t0) / 5


def items_text():
    """{page id: (release_time, text as the index sees it)} of every live item."""
    from columns.models import ItemPage
    from search.index import raw_text

    out = {}
    for page in ItemPage.objects.live().public().specific().iterator(chunk_size=2000):
        out[page.pk] = (page.release_time, page.title + "\n" + raw_text(page))
    return out
