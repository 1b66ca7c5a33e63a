"""Running a public search over every registered source.

Each source is searched with the site's backend (``search.backend``), which
ranks title hits first, then by the queryset's ordering (newest first).  The
sources' result lists are merged lazily: a page of results fetches only the
first ``offset + page size`` rows of each source.
"""

import datetime
from dataclasses import dataclass

from django.utils import timezone
from wagtail.search.backends import get_search_backend

from .sources import get_sources

SORT_RELEVANCE = "relevance"
SORT_DATE = "date"
# Results beyond this rank are not paged to (the count is still shown):
# nobody reads page 51, and merging deeper pages costs every source.
MAX_RESULTS = 1000


@dataclass
class Filters:
    column: object = None  # a Page (one of the nine columns) or None
    date_from: datetime.date = None
    date_to: datetime.date = None
    sort: str = SORT_RELEVANCE


@dataclass
class Hit:
    obj: object
    source: object
    title_hit: int
    date: object

    @property
    def url(self):
        return self.source.url(self.obj)

    @property
    def title(self):
        return self.source.title(self.obj)

    @property
    def column(self):
        return self.source.column_of(self.obj)

    @property
    def text(self):
        return self.source.text(self.obj)


def _sort_key_date(value):
    """Dates and datetimes of different sources on one scale."""
    if value is None:
        return datetime.datetime.min.replace(tzinfo=datetime.timezone.utc)
    if isinstance(value, datetime.datetime):
        return value
    return timezone.make_aware(datetime.datetime.combine(value, datetime.time.min))


def _date_bounds(source, filters):
    """Lookups for the date range on ``source``'s date field (the end date
    is inclusive)."""
    lookups = {}
    as_datetime = source.date_is_datetime()
    if filters.date_from:
        start = filters.date_from
        if as_datetime:
            start = timezone.make_aware(datetime.datetime.combine(start, datetime.time.min))
        lookups[f"{source.date_field}__gte"] = start
    if filters.date_to:
        end = filters.date_to + datetime.timedelta(days=1)
        if as_datetime:
            end = timezone.make_aware(datetime.datetime.combine(end, datetime.time.min))
        lookups[f"{source.date_field}__lt"] = end
    return lookups


class MergedResults:
    """The ranked results of ``query`` over all sources; sliceable and
    sized, as Django's Paginator wants."""

    def __init__(self, query, filters=None, sources=None):
        self.query = query
        self.filters = filters or Filters()
        self.backend = get_search_backend()
        self.sources = sources if sources is not None else get_sources()
        self._searches = None
        self._counts = None

    def _source_searches(self):
        if self._searches is None:
            self._searches = []
            for source in self.sources:
                queryset = source.queryset()
                if self.filters.column is not None:
                    queryset = source.filter_column(queryset, self.filters.column)
                queryset = queryset.filter(**_date_bounds(source, self.filters))
                # The backend adds "-pk" as the last key (pages never overlap).
                queryset = queryset.order_by(f"-{source.date_field}")
                results = self.backend.search(
                    self.query, queryset,
                    order_by_relevance=self.filters.sort == SORT_RELEVANCE,
                )
                self._searches.append((source, results))
        return self._searches

    def counts(self):
        if self._counts is None:
            self._counts = [(source, results.count()) for source, results in self._source_searches()]
        return self._counts

    def total(self):
        """Number of results (what the page says: 共 N 条); ``len()`` is the
        number that can be paged to."""
        return sum(n for _, n in self.counts())

    def __len__(self):
        return min(self.total(), MAX_RESULTS)

    def _key(self, hit):
        date = _sort_key_date(hit.date)
        if self.filters.sort == SORT_RELEVANCE:
            return (-hit.title_hit, -date.timestamp())
        return (-date.timestamp(),)

    def __getitem__(self, index):
        if not isinstance(index, slice):
            return self[index:index + 1][0]
        start, stop = index.start or 0, min(index.stop or MAX_RESULTS, MAX_RESULTS)
        if stop <= start:
            return []
        counts = dict((s.key, n) for s, n in self.counts())
        hits = []
        for source, results in self._source_searches():
            if not counts[source.key]:
                continue
            for obj in results[:stop]:
                hits.append(Hit(obj, source, getattr(obj, "_title_hit", 0),
                                source.date_of(obj)))
        hits.sort(key=self._key)
        page = hits[start:stop]
        # Let each source batch-load what rendering needs.
        by_source = {}
        for hit in page:
            by_source.setdefault(hit.source.key, []).append(hit)
        for group in by_source.values():
            prepared = group[0].source.prepare([h.obj for h in group])
            for hit, obj in zip(group, prepared):
                hit.obj = obj
        return page
