"""SQLite only: a one-character prefix index on Wagtail's FTS5 table, and an
FTS5 table of titles alone.

Measured at 100,000 items (search/README.md):

* A one-character query (网) or a term ending in one character (PM2.5) is
  an FTS5 prefix query; without a prefix index FTS5 merges the lists of
  every token that starts with that character (网站, 网络, 网上…): 170–220 ms.
  ``prefix='1'`` keeps that merged list ready (+30 % index size): 1 ms.
* "Title hits first" needs the title hits alone.  A ``{title}`` column
  filter on the common table still reads the position lists of every body
  that holds the tokens and discards them: 80–110 ms for a phrase common in
  bodies but absent from titles (网站信息更新维护).  ``search_title_fts``
  holds the short titles only, kept in step with Wagtail's entry table by
  triggers, as Wagtail keeps its own FTS table.

Both are rebuilt from the entry table, so an existing index stays valid.
PostgreSQL needs neither (GIN indexes on title and body exist apart).
"""

from django.db import migrations

ENTRY = "wagtailsearch_indexentry"
FTS = f"{ENTRY}_fts"
TITLES = "search_title_fts"

FORWARD = [
    f"DROP TABLE IF EXISTS {FTS}",
    f"CREATE VIRTUAL TABLE {FTS} USING fts5(autocomplete, body, title, prefix='1')",
    f"INSERT INTO {FTS}(rowid, autocomplete, body, title) "
    f"SELECT id, autocomplete, body, title FROM {ENTRY}",
    f"CREATE VIRTUAL TABLE {TITLES} USING fts5(title, prefix='1')",
    f"INSERT INTO {TITLES}(rowid, title) SELECT id, title FROM {ENTRY}",
    f"CREATE TRIGGER search_title_fts_insert AFTER INSERT ON {ENTRY} BEGIN "
    f"INSERT INTO {TITLES}(rowid, title) VALUES (NEW.id, NEW.title); END",
    f"CREATE TRIGGER search_title_fts_update AFTER UPDATE ON {ENTRY} BEGIN "
    f"DELETE FROM {TITLES} WHERE rowid = OLD.id; "
    f"INSERT INTO {TITLES}(rowid, title) VALUES (NEW.id, NEW.title); END",
    f"CREATE TRIGGER search_title_fts_delete AFTER DELETE ON {ENTRY} BEGIN "
    f"DELETE FROM {TITLES} WHERE rowid = OLD.id; END",
]

BACKWARD = [
    "DROP TRIGGER IF EXISTS search_title_fts_insert",
    "DROP TRIGGER IF EXISTS search_title_fts_update",
    "DROP TRIGGER IF EXISTS search_title_fts_delete",
    f"DROP TABLE IF EXISTS {TITLES}",
    f"DROP TABLE IF EXISTS {FTS}",
    f"CREATE VIRTUAL TABLE {FTS} USING fts5(autocomplete, body, title)",
    f"INSERT INTO {FTS}(rowid, autocomplete, body, title) "
    f"SELECT id, autocomplete, body, title FROM {ENTRY}",
]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor != "sqlite":
            return
        for sql in statements:
            schema_editor.execute(sql)
    return run


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0003_page_depth_path_index"),
        ("wagtailsearch", "0010_add_text_fields"),
    ]

    operations = [migrations.RunPython(_run(FORWARD), _run(BACKWARD))]
