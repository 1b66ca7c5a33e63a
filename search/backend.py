"""The Chinese search backend: Wagtail's database backend, extended.

``WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "search.backend",
"SEARCH_CONFIG": "simple"}}`` (``SEARCH_CONFIG`` is read on PostgreSQL only:
``simple`` keeps bigrams such as "an" that the English configuration would
drop as stop words).

Two extensions, both at Wagtail's extension points:

1. The backend's public ``search()``/``autocomplete()`` rewrite the query into
   bigram terms (``search.query.segment_query``) before Wagtail's compiler
   sees it.  This covers ``QuerySet.search()``, the admin's page search,
   explorer, choosers and listings alike.  The index side is done by the
   fields of ``search.index``.
2. The query compilers rank without per-row relevance.  The stock SQLite
   compiler annotates each matching row with a correlated ``bm25`` subquery
   (seconds when thousands of rows match) and PostgreSQL computes
   ``ts_rank`` for every matching row.  The site's ranking is simpler and
   what citizens expect: items whose *title* contains the query first, then
   the queryset's own ordering (newest first for the public view), so the
   compiler only needs one uncorrelated "is it a title hit" test.

The stock backends are imported lazily: importing the SQLite backend on
PostgreSQL raises ``LookupError`` (its FTS model does not exist there).
"""

from django.db import connection
from django.db.models import Case, IntegerField, Value, When
from modelsearch.backends.base import EmptySearchResults
from modelsearch.utils import get_descendants_content_types_pks

from .query import BigramTerm, NoTerms, segment_query, simple_terms

TITLE_HIT = "_title_hit"


def _contains_no_terms(query):
    if isinstance(query, NoTerms):
        return True
    return any(_contains_no_terms(q) for q in getattr(query, "subqueries", ()))


def _ordering(queryset):
    """The queryset's own ordering, with a unique last key so that pages
    never overlap."""
    order = list(queryset.query.order_by) or ["-pk"]
    if not any(str(o).lstrip("-") in ("pk", "id") for o in order):
        order.append("-pk")
    return order


def _title_only(fields):
    """``fields=["title"]`` restricts to the title column; any other field
    list searches the whole index (the index stores title and "everything
    else" only, so finer restrictions cannot be answered from it)."""
    return fields is not None and list(fields) == ["title"]


def _ranked_page(base, queryset, order, start, stop):
    """Rows ``start:stop`` of ``queryset`` in ``order``, fetched in two steps:
    first only (pk, title hit) are sorted — narrow rows, where sorting whole
    rows (StreamField bodies included) cost most of the time — then the page
    of objects is loaded by primary key and put in that order."""
    if TITLE_HIT in queryset.query.annotations:
        ranked = list(queryset.order_by(*order).values_list("pk", TITLE_HIT)[start:stop])
    else:
        ranked = [(pk, 0) for pk in queryset.order_by(*order).values_list("pk", flat=True)[start:stop]]
    if not ranked:
        return queryset.none()
    position = Case(*[When(pk=pk, then=Value(i)) for i, (pk, _) in enumerate(ranked)],
                    output_field=IntegerField())
    hits = Case(*[When(pk=pk, then=Value(hit)) for pk, hit in ranked],
                default=Value(0), output_field=IntegerField())
    return (base.filter(pk__in=[pk for pk, _ in ranked])
            .annotate(**{TITLE_HIT: hits, "_rank_position": position})
            .order_by("_rank_position"))


class ZhQueryMixin:
    """Backend mixin: segment queries, then let the stock backend run them."""

    def search(self, query, model_or_queryset, *args, **kwargs):
        return self._zh(super().search, query, model_or_queryset, *args, **kwargs)

    def autocomplete(self, query, model_or_queryset, *args, **kwargs):
        return self._zh(super().autocomplete, query, model_or_queryset, *args, **kwargs)

    def _zh(self, method, query, model_or_queryset, *args, **kwargs):
        segmented = segment_query(query)
        if _contains_no_terms(segmented):
            return EmptySearchResults()
        return method(segmented, model_or_queryset, *args, **kwargs)


# ------------------------------------------------------------------ SQLite


def _sqlite_classes():
    from modelsearch.backends.database.sqlite import sqlite as stock
    from modelsearch.backends.database.sqlite.query import (
        Lexeme,
        MatchExpression,
        SearchQueryExpression,
    )

    class ZhSQLiteCompilerMixin:
        def build_search_query_content(self, query, config=None):
            if isinstance(query, BigramTerm):
                # One FTS5 phrase: "流感 感防 防治", or "字 20"* with a prefix.
                # Tokens hold only letters and digits, so quoting is safe.
                return SearchQueryExpression(Lexeme(" ".join(query.tokens), prefix=query.prefix))
            return super().build_search_query_content(query, config=config)

        def _entry_ids(self, columns, search_query):
            return (
                stock.SQLiteFTSIndexEntry.objects.filter(MatchExpression(columns, search_query))
                .filter(index_entry__content_type__in=get_descendants_content_types_pks(
                    self.queryset.model))
                .values("index_entry__object_id")
            )

        def search(self, config, start, stop, score_field=None):
            if simple_terms(self.query) is None:
                # Or/Not and other shapes (never built by the site itself):
                # the stock compiler, bm25 and all.
                return super().search(config, start, stop, score_field=score_field)
            search_query = self.build_search_query(self.query, config=config)
            columns = ["title"] if _title_only(self.fields) else self.FTS_TABLE_FIELDS
            queryset = self.queryset.filter(pk__in=self._entry_ids(columns, search_query))
            order = _ordering(queryset)
            if self.order_by_relevance or score_field:
                queryset = queryset.annotate(**{TITLE_HIT: Case(
                    When(pk__in=self._entry_ids(["title"], search_query), then=Value(1)),
                    default=Value(0), output_field=IntegerField())})
                if score_field:
                    queryset = queryset.annotate(**{score_field: Value(0.0) + TITLE_HIT})
            if self.order_by_relevance:
                order = [f"-{TITLE_HIT}"] + order
            if stop is not None and not score_field:
                return _ranked_page(self.queryset, queryset, order, start, stop)
            return queryset.order_by(*order)[start:stop]

    class Compiler(ZhSQLiteCompilerMixin, stock.SQLiteSearchQueryCompiler):
        pass

    class AutocompleteCompiler(ZhSQLiteCompilerMixin, stock.SQLiteAutocompleteQueryCompiler):
        pass

    class Backend(ZhQueryMixin, stock.SQLiteSearchBackend):
        query_compiler_class = Compiler
        autocomplete_query_compiler_class = AutocompleteCompiler

    return Backend


# -------------------------------------------------------------- PostgreSQL


def _postgres_classes():
    from django.contrib.postgres.search import SearchQuery
    from django.db.models import F
    from modelsearch.backends.database.postgres import postgres as stock

    def tsquery_text(term, prefix_all=False):
        # 'a' <-> 'b' <-> 'c':*  — tokens hold only letters and digits.
        parts = [f"'{t}'" for t in term.tokens]
        if term.prefix or prefix_all:
            parts[-1] += ":*"
        return " <-> ".join(parts)

    class ZhPostgresCompilerMixin:
        def build_tsquery_content(self, query, config=None, invert=False):
            if isinstance(query, BigramTerm):
                text = tsquery_text(query)
                return SearchQuery(f"!({text})" if invert else text, search_type="raw",
                                   config=config)
            return super().build_tsquery_content(query, config=config, invert=invert)

        def _index_vector(self, title_only):
            if title_only:
                return F(f"index_entries__{self.TITLE_COLUMN}")
            vectors = [v for v, _ in self.get_index_vectors(None)]
            combined = vectors[0]
            for vector in vectors[1:]:
                combined = combined._combine(vector, "||", False)
            return combined

        def search(self, config, start, stop, score_field=None, backend=None):
            if simple_terms(self.query) is None:
                return super().search(config, start, stop, score_field=score_field,
                                      backend=backend)
            search_query = self.build_tsquery(self.query, config=config)
            queryset = self.queryset.annotate(
                _vector_=self._index_vector(_title_only(self.fields))
            ).filter(_vector_=search_query)
            order = _ordering(queryset)
            if self.order_by_relevance or score_field:
                queryset = queryset.annotate(**{TITLE_HIT: Case(
                    When(**{f"index_entries__{self.TITLE_COLUMN}": search_query},
                         then=Value(1)),
                    default=Value(0), output_field=IntegerField())})
                if score_field:
                    queryset = queryset.annotate(**{score_field: Value(0.0) + F(TITLE_HIT)})
            if self.order_by_relevance:
                order = [f"-{TITLE_HIT}"] + order
            if stop is not None and not score_field:
                return _ranked_page(self.queryset, queryset, order, start, stop)
            return queryset.order_by(*order)[start:stop]

    class Compiler(ZhPostgresCompilerMixin, stock.PostgresSearchQueryCompiler):
        TITLE_COLUMN = "title"

    class AutocompleteCompiler(ZhPostgresCompilerMixin, stock.PostgresAutocompleteQueryCompiler):
        # Autocomplete has one vector; its "title hit" is that vector.
        TITLE_COLUMN = "autocomplete"

    class Backend(ZhQueryMixin, stock.PostgresSearchBackend):
        query_compiler_class = Compiler
        autocomplete_query_compiler_class = AutocompleteCompiler

    return Backend


_BACKENDS = {}


def SearchBackend(params):  # noqa: N802 — the name Wagtail looks up in a backend module
    """The Chinese backend for the default database's vendor."""
    vendor = connection.vendor
    if vendor not in _BACKENDS:
        if vendor == "postgresql":
            _BACKENDS[vendor] = _postgres_classes()
        elif vendor == "sqlite":
            _BACKENDS[vendor] = _sqlite_classes()
        else:
            raise NotImplementedError(f"站内搜索只支持 SQLite 和 PostgreSQL，当前数据库：{vendor}")
    return _BACKENDS[vendor](params)
