"""An index on Wagtail's pages (depth, path).

"The children of the home page" — the nine columns in every page's
navigation and in the search page's column filter — is Wagtail's
``get_children()``: ``depth = 3 AND path BETWEEN …``.  With only the path
index, SQLite walks every descendant of the home page: 70–100 ms per query at
100,000 items, on every public page.  With (depth, path) it reads the nine
rows.  Measured with bench/search_speed.py (search/README.md)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0002_indexentry_bigint_keys"),
        ("wagtailcore", "0096_referenceindex_referenceindex_source_object_and_more"),
    ]

    operations = [
        migrations.RunSQL(
            "CREATE INDEX IF NOT EXISTS search_page_depth_path ON wagtailcore_page (depth, path)",
            "DROP INDEX IF EXISTS search_page_depth_path",
        ),
    ]
