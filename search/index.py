"""Index field helpers: how a model declares what is searchable in Chinese.

Models import these (never the backend, which must load lazily per database
vendor).  They are Wagtail's own ``index.SearchField``/``AutocompleteField``
with one change, at the extension point Wagtail offers for it
(``get_value``): the value is segmented into character bigrams before the
stock backend stores it.  The field name is kept, so the SQLite backend still
routes ``title`` to the title column and PostgreSQL still applies boosts.

    from search.index import zh_fields, ZhSearchField
    search_fields = zh_fields(Page.search_fields + [index.SearchField("body")])
"""

from modelsearch import index

from .text import segment_for_index


def segment_value(value):
    """A field value (str, list of str from a StreamField, None…) → one
    segmented string."""
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return " ".join(segment_value(v) for v in value)
    if isinstance(value, dict):
        return " ".join(segment_value(v) for v in value.values())
    return segment_for_index(str(value))


class _StandsForStock:
    """Equal to the stock field it replaces (same kind and name), so that
    Wagtail's check that page models keep Page's core search fields
    (wagtailsearch.W001, an ``in`` test) still recognises them."""

    stock = None

    def __eq__(self, other):
        if isinstance(other, self.stock):
            return other.field_name == self.field_name
        return NotImplemented

    def __hash__(self):
        return hash((self.stock, self.field_name))


class ZhSearchField(_StandsForStock, index.SearchField):
    """A full-text field indexed as character bigrams."""

    stock = index.SearchField

    def get_value(self, obj):
        return segment_value(super().get_value(obj))

    def get_raw_value(self, obj):
        """The value as written (for result snippets)."""
        return super().get_value(obj)


class ZhAutocompleteField(_StandsForStock, index.AutocompleteField):
    """An autocomplete field indexed as character bigrams (admin choosers and
    the page explorer use autocomplete)."""

    stock = index.AutocompleteField

    def get_value(self, obj):
        return segment_value(super().get_value(obj))


def zh_fields(fields):
    """Wagtail ``search_fields`` with every SearchField/AutocompleteField
    replaced by its bigram twin (FilterFields and RelatedFields' inner fields
    are handled too)."""
    out = []
    for field in fields:
        if isinstance(field, (ZhSearchField, ZhAutocompleteField)):
            out.append(field)
        elif isinstance(field, index.SearchField):
            out.append(ZhSearchField(field.field_name, boost=field.boost, **field.kwargs))
        elif isinstance(field, index.AutocompleteField):
            out.append(ZhAutocompleteField(field.field_name, **field.kwargs))
        elif isinstance(field, index.RelatedFields):
            out.append(index.RelatedFields(field.field_name, zh_fields(field.fields)))
        else:
            out.append(field)
    return out


def raw_text(obj, exclude=("title",)):
    """The readable text of ``obj``'s search fields (not segmented), for the
    snippet under a result: every ZhSearchField except ``exclude``."""
    parts = []
    for field in obj.get_search_fields():
        if isinstance(field, ZhSearchField) and field.field_name not in exclude:
            value = field.get_raw_value(obj)
            if isinstance(value, (list, tuple)):
                parts.extend(str(v) for v in value if v)
            elif value:
                parts.append(str(value))
    return "\n".join(parts)
