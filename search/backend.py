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

import time

from django.db import connection, transaction
from django.db.models import Case, F, IntegerField, Q, Value, When
from modelsearch.backends.base import EmptySearchResults
from modelsearch.conf import get_app_config
from modelsearch.utils import get_content_type_pk, get_descendants_content_types_pks

from .datekeys import date_key
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


def _rank(compiler, queryset, title_hit, start, stop, score_field):
    """The common end of both compilers' ``search()``: ``queryset`` holds the
    matches; with relevance, title hits (``title_hit``, a Q) come first, then
    the queryset's own ordering.  The score, if asked for, is 1 for a title
    hit and 0 otherwise."""
    order = _ordering(queryset)
    if compiler.order_by_relevance or score_field:
        queryset = queryset.annotate(**{TITLE_HIT: Case(
            When(title_hit, then=Value(1)), default=Value(0), output_field=IntegerField())})
        if score_field:
            queryset = queryset.annotate(**{score_field: Value(0.0) + F(TITLE_HIT)})
    if compiler.order_by_relevance:
        order = [f"-{TITLE_HIT}"] + order
    if stop is not None and not score_field:
        return _ranked_page(compiler.queryset, queryset, order, start, stop)
    return queryset.order_by(*order)[start:stop]


class DateKeyedIndexMixin:
    """Index mixin: the entry of an object of a registered source gets the
    primary key ``search.datekeys.date_key(obj)`` (its date order).

    The stock ``add_items`` inserts new entries with auto-increment keys and
    updates existing ones in place; so entries are first put in place with
    the right key (an entry under a wrong key — new object, or its date
    changed — is deleted and re-created empty), then the stock code fills
    them as "existing"."""

    def _refresh_title_norms(self, full=False):
        # Title norms only feed bm25/ts_rank, which the site's ranking does
        # not use; the stock refresh averages over the whole index on every
        # save, which made publishing and the full build slow at 100,000.
        return None

    def add_items(self, model, objs):
        objs = list(objs)
        keys = {}
        for obj in objs:
            key = date_key(obj)
            if key is not None:
                keys[str(obj.pk)] = key
        if keys:
            self._place_keyed_entries(model, keys)
        return super().add_items(model, objs)

    def _place_keyed_entries(self, model, keys):
        entry_model = get_app_config().get_model("IndexEntry")
        entries = entry_model._default_manager
        content_type = get_content_type_pk(model)
        existing = dict(entries.filter(content_type_id=content_type, object_id__in=list(keys))
                        .values_list("object_id", "id"))
        wrong = [entry_id for object_id, entry_id in existing.items() if keys[object_id] != entry_id]
        if wrong:
            # _raw_delete: the SQLite trigger removes the FTS row itself.
            entries.filter(id__in=wrong)._raw_delete(using=self.write_connection.alias)
        wanted = {oid: key for oid, key in keys.items() if existing.get(oid) != key}
        taken = set(entries.filter(id__in=list(wanted.values())).values_list("id", flat=True))
        entries.bulk_create([
            entry_model(id=key, content_type_id=content_type, object_id=oid,
                        title="", body="", autocomplete="")
            for oid, key in wanted.items() if key not in taken
        ])


class DateRankMixin:
    """Backend mixin: the public ranking walked in index-key (date) order.

    ``date_ranked`` returns the matching objects of several querysets at
    once (``scopes``: {tag: queryset}, one per search source) — title hits
    first when asked, each group newest first — as (key, tag, pk, title hit),
    at most ``limit`` in all.  Candidates come from the index in key order in
    growing batches and are checked against their scope's queryset (live,
    public, column, dates…), so the work is proportional to the results
    needed, not to the number of matches.

    All scopes are walked together: walked one by one, a scope with few
    entries (the mailbox's replies) had to read every match of the others
    (100,000 page entries for 信息) before learning it has none.  Vendors
    provide ``_candidates``."""

    # Ask the index for what is still needed (plus a margin for drafts and
    # private items), doubling when candidates turn out not to qualify.
    MARGIN = 20
    MAX_BATCH = 5000
    # Whether the vendor's "rest" candidates include the title hits (then
    # skipped by key) or exclude them itself.
    REST_INCLUDES_TITLE_HITS = False

    def date_ranked(self, query, scopes, *, title_first=True, low=None, high=None, limit=20):
        terms = simple_terms(segment_query(query))
        # A scope that can hold nothing (column filter of another source)
        # takes no part in the walk.
        scopes = {tag: qs for tag, qs in scopes.items() if not qs.query.is_empty()}
        if not terms or not scopes:
            return []
        # Content type → the scopes whose model covers it (several when
        # sources overlap: each admits or refuses on its own).
        tag_of = {}
        for tag, queryset in scopes.items():
            for ct in get_descendants_content_types_pks(queryset.model):
                tag_of.setdefault(int(ct), []).append(tag)
        groups = [("title", 1), ("rest", 0)] if title_first else [("all", 0)]
        out = []
        for group, flag in groups:
            # The title group, when it did not fill ``limit``, found every
            # title hit: the rest walk may skip them by key.
            skip = {key for key, *_ in out} if self.REST_INCLUDES_TITLE_HITS else ()
            for key, tag, pk in self._walk(terms, group, tag_of, scopes, low, high,
                                           limit - len(out), skip):
                out.append((key, tag, pk, flag))
            if len(out) >= limit:
                break
        return out

    def _allowed(self, candidates, scopes):
        """The (key, tag, pk) candidates that their scope's queryset admits:
        one query per scope present among them."""
        by_tag = {}
        for _, tag, pk in candidates:
            by_tag.setdefault(tag, []).append(pk)
        admitted = {(tag, pk) for tag, pks in by_tag.items()
                    for pk in scopes[tag].filter(pk__in=pks).values_list("pk", flat=True)}
        return [c for c in candidates if c[1:] in admitted]

    def _walk(self, terms, group, tag_of, scopes, low, high, need, skip=()):
        cursor, batch = high, min(need + self.MARGIN, self.MAX_BATCH)
        plan = self._plan(terms, group, low, high)
        cts = sorted(tag_of)
        while need > 0:
            rows = self._candidates(terms, group, cts, low, cursor, batch, plan)
            if not rows:
                return
            candidates = [(key, tag, scopes[tag].model._meta.pk.to_python(object_id))
                          for key, object_id, ct in rows if key not in skip
                          for tag in tag_of[ct]]
            for found in self._allowed(candidates, scopes)[:need]:
                yield found
                need -= 1
            if len(rows) < batch or need == 0:
                return
            cursor, batch = rows[-1][0], min(max(batch * 2, need + self.MARGIN), self.MAX_BATCH)

    def _plan(self, terms, group, low, high):
        """What a vendor decides once per group walk (PostgreSQL: which plan)."""
        return None


def _bounds_sql(column, low, high):
    sql, params = [], []
    if low is not None:
        sql.append(f"{column} >= %s")
        params.append(low)
    if high is not None:
        sql.append(f"{column} < %s")
        params.append(high)
    return "".join(f" AND {s}" for s in sql), params


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
            title_hit = Q(pk__in=self._entry_ids(["title"], search_query))
            return _rank(self, queryset, title_hit, start, stop, score_field)

    class Compiler(ZhSQLiteCompilerMixin, stock.SQLiteSearchQueryCompiler):
        pass

    class AutocompleteCompiler(ZhSQLiteCompilerMixin, stock.SQLiteAutocompleteQueryCompiler):
        pass

    class Index(DateKeyedIndexMixin, stock.SQLiteIndex):
        pass

    fts = stock.SQLiteFTSIndexEntry._meta.db_table
    entry = stock.IndexEntry._meta.db_table

    titles = "search_title_fts"  # search/migrations/0004

    def fts_expression(terms, group):
        # "流感 感防" AND "字 20"* — tokens are letters and digits only.
        body = " AND ".join(f'"{" ".join(t.tokens)}"{"*" if t.prefix else ""}' for t in terms)
        return body if group == "title" else f"{{title body}} : ({body})"

    paused = "search_paused_triggers"

    def restore_triggers(cur):
        """Re-create the FTS triggers a rebuild set aside (also those of a
        rebuild that was interrupted)."""
        cur.execute(f"CREATE TABLE IF NOT EXISTS {paused} (name text PRIMARY KEY, sql text NOT NULL)")
        cur.execute(f"SELECT sql FROM {paused}")
        for (sql,) in cur.fetchall():
            cur.execute(sql.replace("CREATE TRIGGER", "CREATE TRIGGER IF NOT EXISTS", 1))
        cur.execute(f"DELETE FROM {paused}")

    class FillFtsOnceMixin:
        """``update_index`` without keeping the FTS5 tables in step row by row.

        The triggers that copy every entry into Wagtail's FTS5 table and the
        titles table cost half of a full build: an entry is written empty
        (for its date key), then filled — an FTS delete and insert per table.
        During a full rebuild they are set aside and the FTS tables are
        filled once at the end from the entry table.  Wagtail's default
        rebuild is one transaction, so an interrupted rebuild changes
        nothing; the non-atomic one keeps the triggers in
        ``search_paused_triggers`` and the next rebuild puts them back."""

        def start(self):
            index = super().start()
            with transaction.atomic(), connection.cursor() as cur:
                restore_triggers(cur)
                cur.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' "
                            "AND tbl_name = %s", [entry])
                for name, sql in cur.fetchall():
                    cur.execute(f"INSERT INTO {paused} (name, sql) VALUES (%s, %s)", [name, sql])
                    cur.execute(f'DROP TRIGGER "{name}"')
            return index

        def finish(self):
            with transaction.atomic(), connection.cursor() as cur:
                for table, columns in ((fts, "autocomplete, body, title"), (titles, "title")):
                    # Dropped and re-created as defined: emptying an FTS5
                    # table row by row would re-read every document.
                    cur.execute("SELECT sql FROM sqlite_master WHERE name = %s", [table])
                    (definition,) = cur.fetchone()
                    cur.execute(f"DROP TABLE {table}")
                    cur.execute(definition)
                    cur.execute(f"INSERT INTO {table} (rowid, {columns}) "
                                f"SELECT id, {columns} FROM {entry}")
                restore_triggers(cur)
            super().finish()

    class Rebuilder(FillFtsOnceMixin, stock.SQLiteSearchRebuilder):
        pass

    class AtomicRebuilder(FillFtsOnceMixin, stock.SQLiteSearchAtomicRebuilder):
        pass

    class Backend(DateRankMixin, ZhQueryMixin, stock.SQLiteSearchBackend):
        query_compiler_class = Compiler
        autocomplete_query_compiler_class = AutocompleteCompiler
        index_class = Index
        rebuilder_class = Rebuilder
        atomic_rebuilder_class = AtomicRebuilder
        # The "rest" walk reads title hits too (a NOT of the title filter
        # would read every body's position lists); the walk skips them.
        REST_INCLUDES_TITLE_HITS = True

        def _candidates(self, terms, group, cts, low, cursor, batch, plan):
            # Title hits from the table of titles alone; the rest from
            # Wagtail's table.  FTS5 returns matches in rowid order by
            # itself and stops at LIMIT: no sort, no full match list.
            table = titles if group == "title" else fts
            bounds, params = _bounds_sql("f.rowid", low, cursor)
            sql = (f"SELECT f.rowid, e.object_id, e.content_type_id FROM {table} f "
                   f"JOIN {entry} e ON e.id = f.rowid "
                   f"WHERE f.{table} MATCH %s{bounds} "
                   f"AND e.content_type_id IN ({', '.join(map(str, cts))}) "
                   f"ORDER BY f.rowid DESC LIMIT %s")
            with connection.cursor() as cur:
                cur.execute(sql, [fts_expression(terms, group), *params, batch])
                return cur.fetchall()

    return Backend


# -------------------------------------------------------------- PostgreSQL


def _postgres_classes():
    from django.contrib.postgres.search import SearchQuery
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
            title_hit = Q(**{f"index_entries__{self.TITLE_COLUMN}": search_query})
            return _rank(self, queryset, title_hit, start, stop, score_field)

    class Compiler(ZhPostgresCompilerMixin, stock.PostgresSearchQueryCompiler):
        TITLE_COLUMN = "title"

    class AutocompleteCompiler(ZhPostgresCompilerMixin, stock.PostgresAutocompleteQueryCompiler):
        # Autocomplete has one vector; its "title hit" is that vector.
        TITLE_COLUMN = "autocomplete"

    class Index(DateKeyedIndexMixin, stock.PostgresIndex):
        pass

    entry = stock.IndexEntry._meta.db_table

    def _reset_if_nested(cur, settings):
        # SET LOCAL lasts to the end of the outermost transaction: inside an
        # outer one (tests, ATOMIC_REQUESTS) put the settings back; alone,
        # the COMMIT does that without another round trip.
        if len(connection.atomic_blocks) > 1:
            cur.execute("; ".join(f"RESET {setting}" for setting in settings))

    # Wagtail makes a backend per get_search_backend() call: the cache lives
    # here, with the classes.
    reltuples = {}

    def entries_estimate():
        """The planner's row count of the entry table (pg_class), read at
        most once a minute: one round trip less per walk."""
        now = time.monotonic()
        if not reltuples or now - reltuples["at"] > 60:
            with connection.cursor() as cur:
                cur.execute("SELECT reltuples FROM pg_class WHERE relname = %s", [entry])
                reltuples.update(at=now, rows=cur.fetchone()[0])
        return reltuples["rows"]

    # A word found in more than this share of the entries is "common".
    COMMON_SHARE = 0.02
    # Titles: walking reads need ÷ share rows, the GIN plan share × total
    # (title tsvectors are short, re-checked cheaply): even at ~sqrt(201 /
    # 100,000) ≈ 5 % (信息 in titles: 21 ms walked, 11 ms by GIN).
    COMMON_TITLE_SHARE = 0.05
    # The probe of a phrase the statistics call rare: entries read, and the
    # matches among them (2 %) that make it common.
    PROBE = 300
    PROBE_COMMON = 6

    class Backend(DateRankMixin, ZhQueryMixin, stock.PostgresSearchBackend):
        query_compiler_class = Compiler
        autocomplete_query_compiler_class = AutocompleteCompiler
        index_class = Index

        def _tsquery(self, terms):
            return " & ".join(f"({tsquery_text(t)})" for t in terms)

        def _condition(self, terms, group):
            """SQL and parameters of the group's condition.  Each term is
            tested on title and body apart: both columns have a GIN index
            (there is none on their concatenation, which the stock backend
            tests), and it spares concatenating two large tsvectors per row."""
            tsq = "to_tsquery('simple', %s)"
            title = (f"e.title @@ {tsq}", [self._tsquery(terms)])
            whole = (" AND ".join(f"(e.title @@ {tsq} OR e.body @@ {tsq})" for _ in terms),
                     [p for t in terms for p in (tsquery_text(t),) * 2])
            if group == "title":
                return title
            if group == "rest":
                return f"{whole[0]} AND NOT ({title[0]})", whole[1] + title[1]
            return whole

        def _plan(self, terms, group, low, high):
            """Common or rare, for the column the group reads most: from the
            planner's statistics (EXPLAIN reads no rows), then, for a phrase
            the statistics call rare, from a probe of the newest entries.

            The planner multiplies the frequencies of a phrase's bigrams as
            if they were independent; bigrams that always occur together
            (the letters of an e-mail address, zzwjwwz: 18,740 matches) look
            a thousand times rarer than they are, and the GIN plan then
            re-checked and sorted every match (460 ms).  PROBE entries
            checked newest first (a few milliseconds) show such a phrase
            for what it is."""
            column = "title" if group == "title" else "body"
            tsquery = self._tsquery(terms)
            with connection.cursor() as cur:
                cur.execute(f"EXPLAIN (FORMAT JSON) SELECT 1 FROM {entry} e WHERE "
                            f"e.{column} @@ to_tsquery('simple', %s)", [tsquery])
                estimate = cur.fetchone()[0][0]["Plan"]["Plan Rows"]
            total = max(entries_estimate(), 1)
            if estimate > (COMMON_TITLE_SHARE if column == "title" else COMMON_SHARE) * total:
                return "common"
            if all(len(t.tokens) == 1 for t in terms):
                return "rare"  # single bigrams: the statistics are exact enough
            return "common" if self._probe(tsquery, column, low, high) >= PROBE_COMMON else "rare"

        def _probe(self, tsquery, column, low, high):
            """How many of the PROBE newest entries in the range match."""
            bounds, params = _bounds_sql("id", low, high)
            with transaction.atomic(), connection.cursor() as cur:
                cur.execute("SET LOCAL jit = off")
                cur.execute(
                    f"SELECT count(*) FROM (SELECT {column} FROM {entry} WHERE TRUE{bounds} "
                    f"ORDER BY id DESC LIMIT %s) newest "
                    f"WHERE {column} @@ to_tsquery('simple', %s)",
                    params + [PROBE, tsquery])
                found = cur.fetchone()[0]
                _reset_if_nested(cur, ["jit"])
            return found

        def _candidates(self, terms, group, cts, low, cursor, batch, plan):
            bounds, bound_params = _bounds_sql("e.id", low, cursor)
            with transaction.atomic(), connection.cursor() as cur:
                # A common word: walk the key index newest first, testing
                # each entry (the first matches come at once).  A rare one:
                # the GIN index finds the few matches, then they are sorted.
                # Left to itself the planner may walk the key index for a
                # rare phrase (reading the whole table) or scan everything
                # for a common word; "+ 0" keeps it off the content-type
                # index, which serves neither plan.
                # jit: the forced plans look expensive to the planner, which
                # would then spend 50-150 ms compiling them.
                # The title group's plan is chosen from the title column's
                # statistics: a word common in bodies is often rare in titles,
                # where walking would read them all.
                walk = plan == "common"
                off = ("enable_bitmapscan" if walk else "enable_indexscan",
                       "enable_seqscan", "jit")
                cur.execute("; ".join(f"SET LOCAL {setting} = off" for setting in off))
                condition, params = self._condition(terms, group)
                cur.execute(
                    f"SELECT e.id, e.object_id, e.content_type_id FROM {entry} e "
                    f"WHERE e.content_type_id + 0 IN ({', '.join(map(str, cts))}) "
                    f"AND {condition}{bounds} ORDER BY e.id DESC LIMIT %s",
                    params + bound_params + [batch])
                rows = cur.fetchall()
                _reset_if_nested(cur, off)
                return rows

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
