"""Listing benchmark: queries and time per page as a column grows.

Builds a throw-away portal (temporary SQLite database unless DATABASE_URL is
set), then measures the home page and a column page with 10 and 1,000 items.
Run: make bench   (or: DJANGO_SETTINGS_MODULE=portal.settings.test .venv/bin/python bench/listing_queries.py)
"""

import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.test")
os.environ.setdefault("PORTAL_VAR_DIR", tempfile.mkdtemp(prefix="portal-bench-"))

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

REPEAT = 20


def measure(client, url):
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    queries = len(captured)  # read now: every request resets the query log
    start = time.perf_counter()
    for _ in range(REPEAT):
        client.get(url)
    return queries, (time.perf_counter() - start) / REPEAT * 1000


def grow(column, total):
    from columns.models import NewsPage
    from units.models import Unit

    unit = Unit.objects.get(name="研究室")
    have = NewsPage.objects.child_of(column).count()
    for i in range(have, total):
        column.add_child(instance=NewsPage(title=f"基准测试稿件{i}", source_unit=unit, live=True))


def main():
    from django.conf import settings

    settings.ALLOWED_HOSTS = ["*"]
    call_command("migrate", verbosity=0)
    call_command("bootstrap_portal", verbosity=0)
    from home.models import HomePage

    column = HomePage.objects.get().get_children().get(slug="news").specific
    client = Client()
    rows = []
    for total in (10, 1000):
        grow(column, total)
        for url in ("/", "/news/", "/news/?page=40"):
            queries, ms = measure(client, url)
            rows.append((total, url, queries, ms))
    print(f"{'items':>6} {'url':<14} {'queries':>8} {'ms/page':>9}")
    for total, url, queries, ms in rows:
        print(f"{total:>6} {url:<14} {queries:>8} {ms:>9.1f}")
    small = {url: (q, ms) for total, url, q, ms in rows if total == 10}
    for total, url, q, ms in rows:
        if total == 1000:
            print(f"ratio 1000/10 items {url}: queries {q / small[url][0]:.2f}, "
                  f"time {ms / small[url][1]:.2f}")


if __name__ == "__main__":
    main()
