"""Idempotent set-up of search: index, vocabulary, permissions."""

from django.contrib.auth.models import Permission
from django.core.management import call_command

from .suggestions import rebuild_vocabulary

# What the site's search editors (研究室) may do: approve 热词 and pin
# promoted results (Wagtail search promotions).
EDITOR_PERMISSIONS = (
    ("search", ("add_hotterm", "change_hotterm", "delete_hotterm", "view_hotterm")),
    ("wagtailsearchpromotions", ("add_searchpromotion", "change_searchpromotion",
                                 "delete_searchpromotion", "view_searchpromotion")),
)


def grant_search_permissions(groups):
    """Give ``groups`` (研究室's, chosen by the caller: search/ knows no unit)
    the 热词 and promotion permissions, plus admin access."""
    perms = [Permission.objects.get(codename="access_admin", content_type__app_label="wagtailadmin")]
    for app_label, codenames in EDITOR_PERMISSIONS:
        perms += Permission.objects.filter(content_type__app_label=app_label,
                                           codename__in=codenames)
    for group in groups:
        if group is not None:
            group.permissions.add(*perms)


def ensure_search_index(force=False, stdout=None):
    """Rebuild the full-text index and the suggestion vocabulary on a fresh
    site (no vocabulary yet: also the first run after this app arrived, when
    the index still holds the stock, unsegmented entries) or when forced.
    Returns the number of vocabulary words, or None if nothing was done."""
    from .models import VocabularyWord

    if not force and VocabularyWord.objects.exists():
        return None
    call_command("update_index", verbosity=0, stdout=stdout)
    analyse_index()
    return rebuild_vocabulary()


def analyse_index():
    """PostgreSQL: refresh the planner's statistics of the index right away
    (the backend picks its plan from them; autovacuum would do it later)."""
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE wagtailsearch_indexentry")
