"""Idempotent construction of the column tree and its reference data."""

from django.apps import apps

from units.models import Unit

from .models import TopicCategory
from .tree import TOPICS, walk


def ensure_topics():
    for order, (first, seconds) in enumerate(TOPICS.items(), start=1):
        parent, _ = TopicCategory.objects.get_or_create(
            name=first, parent=None, defaults={"sort_order": order * 10})
        for sub_order, name in enumerate(seconds, start=1):
            TopicCategory.objects.get_or_create(
                name=name, parent=parent, defaults={"sort_order": sub_order * 10})


def _units(names):
    found = list(Unit.objects.filter(name__in=names))
    missing = set(names) - {u.name for u in found}
    if missing:
        raise LookupError(f"栏目配置引用了不存在的单位：{'、'.join(sorted(missing))}")
    return found


def _create_column(parent, spec):
    model = apps.get_model(spec.app, spec.kind)
    page = model(
        title=spec.title, slug=spec.slug, intro=spec.intro, column_type=spec.column_type,
        meta_column_type=spec.meta_column_type, show_in_menus=parent.depth == 2,
        **spec.options,
    )
    page.maintainers.set(_units(spec.maintainers))
    page.contributors.set(_units(spec.contributors))
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def ensure_columns(home):
    """Create every column of tree.TREE missing under home.

    Columns that exist are left as they are: an administrator may have
    renamed them or changed who maintains them.
    """
    pages = {"": home}
    created = 0
    for path, spec in walk():
        parent = pages[path.rpartition("/")[0]]
        page = parent.get_children().filter(slug=spec.slug).first()
        if page is None:
            page = _create_column(parent, spec)
            created += 1
        pages[path] = page.specific
    return pages, created
