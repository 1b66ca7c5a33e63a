"""A full rebuild (``update_index``) leaves a working index behind: what
was published before is found, and what is published after is indexed as
it is published (on SQLite the rebuild sets the FTS triggers aside and must
put them back, also after an interrupted rebuild)."""

import pytest
from django.core.management import call_command
from django.db import connection

from .conftest import add_item, result_titles


def _trigger_names():
    with connection.cursor() as cur:
        cur.execute("SELECT name FROM sqlite_master WHERE type = 'trigger' "
                    "AND tbl_name = 'wagtailsearch_indexentry'")
        return {name for (name,) in cur.fetchall()}


def test_after_a_rebuild_old_and_new_items_are_found(corpus, corpus_column, search_page):
    call_command("update_index", verbosity=0)
    assert result_titles(search_page("主任信箱")) == ["主任信箱办理情况通报"]
    add_item(corpus_column, "主任信箱来信选登", "十一月来信。", 26)
    assert result_titles(search_page("主任信箱")) == ["主任信箱来信选登", "主任信箱办理情况通报"]
    assert result_titles(search_page("来信选登")) == ["主任信箱来信选登"]


@pytest.mark.skipif(connection.vendor != "sqlite", reason="FTS5 triggers exist on SQLite only")
def test_an_interrupted_rebuild_is_completed_by_the_next(corpus, corpus_column, search_page):
    from wagtail.search.backends import get_search_backend

    backend = get_search_backend()
    triggers = _trigger_names()
    assert {"search_title_fts_insert", "search_title_fts_update",
            "search_title_fts_delete"} <= triggers
    # The non-atomic rebuild (an atomic one, Wagtail's default, rolls back).
    type(backend).rebuilder_class(backend.get_index_for_model(type(corpus["drug"]))).start()
    assert _trigger_names() == set()  # set aside while the rebuild runs…
    call_command("update_index", verbosity=0)  # …and the next rebuild restores them
    assert _trigger_names() == triggers
    add_item(corpus_column, "合理用药宣传", "", 27)
    assert result_titles(search_page("用药")) == ["合理用药宣传", "药品安全宣传周"]
