"""Index entries keyed by date, so that "newest first" is the index's own order.

The public ranking is "title hits first, then newest".  Sorting every match
by date costs time in proportion to the number of matches (hundreds of
milliseconds when a word occurs in tens of thousands of items).  Instead,
the backend gives the index entry of every object of a registered source the
primary key

    key = (seconds since 1970 of the source's date) << 30  |  (pk mod 2**30)

so that the entries' key order *is* date order.  SQLite's FTS5 table uses
that key as its rowid and walks a match list in rowid order natively
(``ORDER BY rowid DESC LIMIT n`` stops after n rows); PostgreSQL walks the
primary-key index backwards.  Objects that belong to no source (column
pages, the home page) keep ordinary auto-increment keys.

If two objects of different sources would get the same key (same second,
primary keys equal modulo 2**30), the second keeps an ordinary key and is
ranked by it — a documented, practically impossible imprecision.
"""

import datetime

from django.utils import timezone

PK_BITS = 30
PK_MASK = (1 << PK_BITS) - 1
EPOCH = datetime.datetime(1970, 1, 1, tzinfo=datetime.timezone.utc)


def seconds(value):
    """A date or datetime as whole seconds since 1970 (dates: 00:00 local)."""
    if value is None:
        return None
    if not isinstance(value, datetime.datetime):
        value = datetime.datetime.combine(value, datetime.time.min)
    if timezone.is_naive(value):
        value = timezone.make_aware(value)
    return max(0, int((value - EPOCH).total_seconds()))


def key_for(moment, pk=0):
    return (seconds(moment) << PK_BITS) | (int(pk) & PK_MASK)


def lowest_key(moment):
    """The smallest key of anything dated at or after ``moment``."""
    return seconds(moment) << PK_BITS


def source_for(obj):
    from .sources import get_sources

    for source in get_sources():
        if isinstance(obj, source.model()):
            return source
    return None


def date_key(obj):
    """The index key of ``obj``, or None if it belongs to no source or has no
    date."""
    source = source_for(obj)
    if source is None:
        return None
    moment = source.date_of(obj)
    if moment is None:
        return None
    return key_for(moment, obj.pk)
