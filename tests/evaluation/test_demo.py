"""The demo: the last ended quarter's report exists and shows real totals."""

import pytest

from columns.models import ItemPage, NewsPage
from evaluation import periods
from evaluation.models import Report

pytestmark = pytest.mark.django_db


def test_the_demo_report_of_the_last_quarter_counts_the_demo_items(login):
    period = periods.last_ended_quarter()
    report = Report.objects.get(kind="quarter", start=period.start, end=period.end,
                                automatic=True)
    start, after = period.bounds
    items = ItemPage.objects.live().filter(release_time__gte=start, release_time__lt=after)
    pictures = NewsPage.objects.live().filter(release_time__gte=start, release_time__lt=after,
                                              picture_news=True)
    summary = report.data["sections"][0]["summary"]
    assert summary["published"] == items.count() > 10
    assert summary["picture"] == pictures.count()
    assert summary["submitted"] > 0 and summary["median_workdays"] is not None
    quota = next(s for s in report.data["sections"] if s["key"] == "quota")
    criticised = quota["tables"][1]["rows"]
    assert criticised and all(row[2] < row[1] for row in criticised)
    assert "研究室" not in [row[0] for row in criticised]  # no quota for the site owner

    page = login("yjs").get(f"/admin/evaluation/{report.pk}/")
    assert page.status_code == 200 and "<svg" in page.content.decode()
