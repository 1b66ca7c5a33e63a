"""Running a public search over every registered source.

All sources are searched in one walk of the site's backend
(``search.backend``): its ``date_ranked`` reads the index in date order
(``search.datekeys``), title hits first, and checks each candidate against
its source's queryset (published, public, column, dates).  At most
MAX_RESULTS + 1 results are collected — enough for every page anyone can
reach and to say "more than 200" — so a word found in 50,000 items costs
about what a word found in 200 items costs.
"""

import datetime
from dataclasses import dataclass

from django.utils import timezone
from wagtail.search.backends import get_search_backend

from .datekeys import PK_BITS, lowest_key
from .sources import get_sources

SORT_RELEVANCE = "relevance"
SORT_DATE = "date"
# Results beyond this rank are not paged to; the page says "more than" and
# suggests the filters.  Ten pages: counting further costs every query
# (each extra result is one more index entry read and checked), and nobody
# reads page 11 of a search — they narrow it by column or date.
MAX_RESULTS = 200


@dataclass
class Filters:
    column: object = None  # a Page (one of the nine columns) or None
    date_from: datetime.date = None
    date_to: datetime.date = None
    sort: str = SORT_RELEVANCE


@dataclass
class Hit:
    source: object
    pk: object
    key: int
    title_hit: int
    obj: object = None

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
    def date(self):
        return self.source.date_of(self.obj)

    @property
    def text(self):
        return self.source.text(self.obj)


def _start_of(day):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def _date_bounds(source, filters):
    """Lookups for the date range on ``source``'s date field (the end date
    is inclusive)."""
    lookups = {}
    as_datetime = source.date_is_datetime()
    if filters.date_from:
        start = filters.date_from
        lookups[f"{source.date_field}__gte"] = _start_of(start) if as_datetime else start
    if filters.date_to:
        end = filters.date_to + datetime.timedelta(days=1)
        lookups[f"{source.date_field}__lt"] = _start_of(end) if as_datetime else end
    return lookups


class MergedResults:
    """The ranked results of ``query`` over all sources; sliceable and
    sized, as Django's Paginator wants."""

    def __init__(self, query, filters=None, sources=None):
        self.query = query
        self.filters = filters or Filters()
        self.backend = get_search_backend()
        self.sources = sources if sources is not None else get_sources()
        self._hits = None
        self.more = False

    def _queryset(self, source):
        queryset = source.queryset()
        if self.filters.column is not None:
            queryset = source.filter_column(queryset, self.filters.column)
        return queryset.filter(**_date_bounds(source, self.filters))

    def hits(self):
        if self._hits is None:
            low = lowest_key(_start_of(self.filters.date_from)) if self.filters.date_from else None
            high = (lowest_key(_start_of(self.filters.date_to + datetime.timedelta(days=1)))
                    if self.filters.date_to else None)
            sources = {source.key: source for source in self.sources}
            found = self.backend.date_ranked(
                self.query, {key: self._queryset(source) for key, source in sources.items()},
                title_first=self.filters.sort == SORT_RELEVANCE,
                low=low, high=high, limit=MAX_RESULTS + 1,
            )
            self.more = len(found) > MAX_RESULTS
            hits = [Hit(sources[tag], pk, key, flag) for key, tag, pk, flag in found]
            # Keys are date order across sources too (seconds in the high bits).
            hits.sort(key=lambda h: (-h.title_hit, -(h.key >> PK_BITS), -h.key))
            self._hits = hits[:MAX_RESULTS]
        return self._hits

    def total(self):
        """Number of results shown (at most MAX_RESULTS; ``more`` tells
        whether there are more)."""
        return len(self.hits())

    def __len__(self):
        return self.total()

    def __getitem__(self, index):
        if not isinstance(index, slice):
            return self[index:index + 1][0]
        page = self.hits()[index]
        # Load the page's objects, per source in one batch (the walk has
        # already checked that they are published and public).
        by_source = {}
        for hit in page:
            by_source.setdefault(hit.source.key, []).append(hit)
        for group in by_source.values():
            objs = {obj.pk: obj for obj in group[0].source.load_objects([h.pk for h in group])}
            for hit in group:
                hit.obj = objs.get(hit.pk)
        return [hit for hit in page if hit.obj is not None]
