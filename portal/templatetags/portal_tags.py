"""Template helpers shared by every public page."""

from django import template
from django.utils import timezone
from wagtail.models import Page

register = template.Library()


@register.filter
def cn_date(value):
    """2016年9月21日 — how Chinese readers expect a date."""
    if not value:
        return ""
    if hasattr(value, "hour"):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
    return f"{value.year}年{value.month}月{value.day}日"


@register.filter
def meta_datetime(value):
    """PubDate in the national meta-tag format: 2016-09-21 09:00."""
    if not value:
        return ""
    return timezone.localtime(value).strftime("%Y-%m-%d %H:%M")


@register.simple_tag(takes_context=True)
def site_nav(context):
    """The nine columns: live children of the site root shown in menus."""
    request = context.get("request")
    cache = getattr(request, "_portal_nav", None)
    if cache is not None:
        return cache
    site_root = _site_root(context)
    nav = list(site_root.get_children().live().public().in_menu()) if site_root else []
    if request is not None:
        request._portal_nav = nav
    return nav


def _site_root(context):
    request = context.get("request")
    from wagtail.models import Site

    site = Site.find_for_request(request) if request else None
    return site.root_page if site else None


@register.simple_tag
def breadcrumbs(page):
    """Ancestors below the tree root, home first (one query)."""
    if page is None or not isinstance(page, Page):
        return []
    return list(page.get_ancestors().filter(depth__gt=1))


@register.simple_tag
def column_of(page):
    """The column an item or column page belongs to, for ColumnName/ColumnType."""
    from columns.models import BaseColumnPage, ItemPage

    specific = page.specific if isinstance(page, Page) else page
    if isinstance(specific, ItemPage):
        return specific.get_parent().specific
    if isinstance(specific, BaseColumnPage):
        return specific
    return None


@register.filter
def top_slug(page):
    """Slug of the top-level column a page sits under (nav highlighting)."""
    if not isinstance(page, Page) or page.depth < 3:
        return ""
    return page.get_ancestors(inclusive=True).filter(depth=3).values_list(
        "slug", flat=True).first() or ""


@register.simple_tag(takes_context=True)
def column_extras(context, page):
    """Blocks other apps add to a column page through the ``column_page_extras``
    hook (e.g. the mailbox's 常见问题), so that columns need not know them."""
    from django.utils.html import format_html_join
    from wagtail import hooks

    parts = [fn(page, context.get("request")) for fn in hooks.get_hooks("column_page_extras")]
    return format_html_join("", "{}", ((p,) for p in parts if p))
