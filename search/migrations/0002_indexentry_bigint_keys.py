"""PostgreSQL: Wagtail's index entry key becomes bigint.

search.datekeys gives entries date-ordered keys (seconds << 30 | pk), which
need 64 bits; Wagtail creates the column as a 32-bit integer on PostgreSQL
(SQLite's integer keys are 64-bit already).  Nothing else changes: the model
still sees an integer key, the sequence keeps numbering other entries."""

from django.db import migrations


def widen(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("ALTER TABLE wagtailsearch_indexentry ALTER COLUMN id TYPE bigint")


def narrow(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DELETE FROM wagtailsearch_indexentry WHERE id > 2147483647")
        schema_editor.execute("ALTER TABLE wagtailsearch_indexentry ALTER COLUMN id TYPE integer")


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0001_initial"),
        ("wagtailsearch", "0010_add_text_fields"),
    ]

    operations = [migrations.RunPython(widen, narrow)]
