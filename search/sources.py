"""What the public search page searches: a registry of *sources*.

search/ imports no domain app.  Each app that has something the public may
find registers a ``SearchSource`` once, from its ``AppConfig.ready()`` or its
``wagtail_hooks.py``:

    from search.sources import SearchSource, page_source, register_source

    register_source(page_source("items", ItemPage, date_field="release_time"))

    register_source(SearchSource(
        key="mailbox",                       # unique, stable (used in URLs)
        label="主任信箱",                     # column label shown on results
        queryset=lambda: Reply.objects.filter(published=True),  # public only!
        date_field="published_at",           # a FilterField of the model
        url=lambda obj: obj.get_absolute_url(),
        section=lambda: Page.objects.filter(slug="interaction").first(),
    ))

The model must be indexed (``index.Indexed`` with ``search_fields`` built by
``search.index.zh_fields``) and ``date_field`` must be one of its
FilterFields.  ``queryset`` is called on every search, so an object leaves
the results the moment it stops matching it (unpublished, withdrawn…).
See search/README.md.
"""

from dataclasses import dataclass, field
from typing import Callable, Optional

from django.db.models import DateTimeField

from .index import raw_text

_SOURCES = {}


@dataclass
class SearchSource:
    key: str
    label: str
    queryset: Callable
    date_field: str
    url: Callable
    title: Callable = field(default=lambda obj: obj.title)
    text: Callable = field(default=raw_text)
    # The column (a page) whose filter includes this source; None: listed
    # under the source's own label only.
    section: Optional[Callable] = None
    # Per-result column label; default: ``label``.
    column: Optional[Callable] = None
    # Filter the queryset to a column page; default: by ``section``.
    in_column: Optional[Callable] = None
    # Loads the objects of one result page by primary key (batch loading of
    # specific pages, parents …); default: from ``queryset``.
    load: Optional[Callable] = None
    # The indexed model (default: the queryset's model).
    model_class: Optional[type] = None
    # The titles of every object, for the suggestion vocabulary; default:
    # ``title`` of each object of ``queryset``.
    titles: Optional[Callable] = None

    def load_objects(self, pks):
        """The objects with these primary keys (in any order)."""
        if self.load:
            return self.load(pks)
        return list(self.queryset().filter(pk__in=pks))

    def model(self):
        return self.model_class or self.queryset().model

    def all_titles(self):
        if self.titles:
            return self.titles()
        return (self.title(obj) for obj in self.queryset().iterator())

    def date_is_datetime(self):
        return isinstance(self.model()._meta.get_field(self.date_field), DateTimeField)

    def column_of(self, obj):
        return self.column(obj) if self.column else self.label

    def date_of(self, obj):
        return getattr(obj, self.date_field)

    def filter_column(self, queryset, column_page):
        if self.in_column:
            return self.in_column(queryset, column_page)
        section = self.section() if self.section else None
        if section is not None and (section.pk == column_page.pk
                                    or section.is_descendant_of(column_page)):
            return queryset
        return queryset.none()


def register_source(source):
    """Make ``source`` searchable on the public search page.  Registering the
    same key again replaces the earlier registration."""
    _SOURCES[source.key] = source
    return source


def unregister_source(key):
    _SOURCES.pop(key, None)


def get_sources():
    from wagtail import hooks

    # Sources registered from wagtail_hooks.py modules are loaded with them.
    hooks.search_for_hooks()
    return list(_SOURCES.values())


# ---------------------------------------------------------- Wagtail pages


def _load_pages(pks):
    """Specific pages with their parent's title, in a few queries (one per
    page type, one for the parents)."""
    from wagtail.models import Page

    pages = list(Page.objects.filter(pk__in=pks).specific())
    parent_paths = {p.path[:-Page.steplen] for p in pages}
    parents = dict(Page.objects.filter(path__in=parent_paths).values_list("path", "title"))
    for page in pages:
        page.search_column_label = parents.get(page.path[:-Page.steplen], "")
    return pages


def page_source(key, model, date_field="first_published_at", label="网站信息"):
    """A source for a Wagtail page model: live, public pages only; the result's
    column is the parent page; the column filter is the page tree."""
    return SearchSource(
        key=key,
        label=label,
        queryset=lambda: model.objects.live().public(),
        date_field=date_field,
        url=lambda page: page.url,
        column=lambda page: getattr(page, "search_column_label", "") or label,
        in_column=lambda queryset, column_page: queryset.descendant_of(column_page),
        load=_load_pages,
        model_class=model,
        titles=lambda: model.objects.live().public().values_list("title", flat=True).iterator(),
    )
