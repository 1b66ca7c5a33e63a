"""Search speed: the public results view against a plain substring scan.

    .venv/bin/python bench/search_speed.py 10000 [--fresh]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/portal_search_bench \\
        .venv/bin/python bench/search_speed.py 10000 [--fresh]

(--fresh: new corpus; --reindex: rebuild and time the index of the existing
one.)  Builds (or reuses) a corpus of N items (bench/search_corpus.py), prints the
time to generate it and to build Wagtail's index, the time to index one
item on publish, then for a fixed list of queries — common words matching
thousands of items, rare phrases, one character, mixed scripts, several
terms, misses — the median and p95 latency of GET /search/?query=… (the
whole view: search, count, merge, highlight, template), next to a plain
case-insensitive substring scan over the same titles and bodies
(``LIKE '%…%'`` newest first, top 20 and count) in the same run, and the
ratio.  Targets (issue 5): p95 ≤ 50 ms at 100,000 items, ≥ 20× the scan.
"""

import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import search_corpus  # noqa: E402

QUERIES = [
    # common: thousands of matches
    "信息", "卫生", "工作", "网站", "卫生计生", "管理办法",
    # medium and rare words / phrases
    "流感疫苗", "家庭医生签约", "主任信箱", "健康扶贫", "分级诊疗", "保密", "信息公开",
    "信息审核发布", "由研究室负责", "网站信息更新维护",
    # mixed scripts, numbers
    "H7N9", "PM2.5", "2016年", "枣卫字〔2016〕62号", "第十一条", "12320热线",
    # one character, several terms, misses
    "药", "网", "流感 防控", "卫生 薛城区 工作", "不存在的词语组合", "zzwjwwz",
]
REPEAT = 5


def percentile(values, p):
    values = sorted(values)
    k = max(0, min(len(values) - 1, round(p / 100 * len(values) + 0.5) - 1))
    return values[k]


def scan_table():
    """A plain table of the same text for the baseline scan (title, text as
    indexed, date), filled once."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("CREATE TABLE IF NOT EXISTS bench_plain (id integer PRIMARY KEY, "
                       "title text, body text, released timestamp)")
        cursor.execute("SELECT count(*) FROM bench_plain")
        if cursor.fetchone()[0]:
            return
        rows = [(pk, text.split("\n", 1)[0], text, released)
                for pk, (released, text) in search_corpus.items_text().items()]
        cursor.executemany("INSERT INTO bench_plain VALUES (%s, %s, %s, %s)", rows)


def scan(query):
    """What a search without an index does: substring match of every term on
    title or body, newest first, first page and count."""
    from django.db import connection

    like = "ILIKE" if connection.vendor == "postgresql" else "LIKE"
    terms = query.split()
    where = " AND ".join([f"(title {like} %s OR body {like} %s)"] * len(terms))
    params = [p for t in terms for p in (f"%{t}%", f"%{t}%")]
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT id FROM bench_plain WHERE {where} ORDER BY released DESC LIMIT 20",
                       params)
        cursor.fetchall()
        cursor.execute(f"SELECT count(*) FROM bench_plain WHERE {where}", params)
        return cursor.fetchone()[0]


def timed(fn, *args):
    t0 = time.perf_counter()
    result = fn(*args)
    return (time.perf_counter() - t0) * 1000, result


def main():
    n = int(next((a for a in sys.argv[1:] if a.isdigit()), "10000"))
    search_corpus.setup_django(n, fresh="--fresh" in sys.argv)
    from django.db import connection
    from django.test import Client

    built = search_corpus.build(n, reindex="--reindex" in sys.argv)
    vendor = connection.vendor
    print(f"== search speed, {vendor}, {n} items ==")
    if built["reused"] and built["index_s"] is None:
        print("corpus reused (index build not re-timed: --reindex or --fresh)")
    elif built["reused"]:
        print(f"corpus reused; full index build (update_index) {built['index_s']:.1f} s")
    else:
        print(f"generate {built['generate_s']:.1f} s, full index build (update_index) "
              f"{built['index_s']:.1f} s")
    print(f"index one item on publish: {search_corpus.time_one_publish() * 1000:.1f} ms")
    scan_table()
    client = Client()
    view_all, scan_all = [], []
    print(f"{'query':<22} {'hits':>7} {'view med':>9} {'view p95':>9} {'scan med':>9} {'ratio':>7}")
    for query in QUERIES:
        client.get("/search/", {"query": query})  # warm
        views = []
        for _ in range(REPEAT):
            ms, response = timed(client.get, "/search/", {"query": query})
            assert response.status_code == 200
            views.append(ms)
        scans = []
        for _ in range(2):
            ms, hits = timed(scan, query)
            scans.append(ms)
        view_all += views
        scan_all += scans
        print(f"{query:<22} {hits:>7} {statistics.median(views):>9.1f} "
              f"{percentile(views, 95):>9.1f} {statistics.median(scans):>9.1f} "
              f"{statistics.median(scans) / statistics.median(views):>6.1f}×")
    print(f"ALL view: median {statistics.median(view_all):.1f} ms, p95 {percentile(view_all, 95):.1f} ms; "
          f"scan: median {statistics.median(scan_all):.1f} ms, p95 {percentile(scan_all, 95):.1f} ms; "
          f"ratio of medians {statistics.median(scan_all) / statistics.median(view_all):.1f}×, "
          f"of p95 {percentile(scan_all, 95) / percentile(view_all, 95):.1f}×")


if __name__ == "__main__":
    main()
