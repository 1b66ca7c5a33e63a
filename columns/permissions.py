"""Group permissions derived from the column records (第十六条).

The column pages say who maintains them and who reports into them; this
module turns that into Wagtail's own permission rows, so that the server
(not the admin's buttons) enforces it:

- maintainers' editors and heads: ``add_page`` + ``change_page`` on the column;
- contributors' editors and heads: ``add_page`` only (Wagtail lets the owner
  edit what he added, nothing else);
- 研究室: ``add_page`` + ``change_page`` on the whole site (it runs the site);
- nobody: ``publish_page``.  An item goes live only at the end of its review
  chain (see workflow.actions), so no group may hold the right to publish.
"""

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission, Page

from units.catalogue import SITE_OWNER
from units.models import LEADERS_GROUP, Unit

EDIT_CODENAMES = ("add_page", "change_page")
CONTRIBUTE_CODENAMES = ("add_page",)
COLLECTION_CODENAMES = (
    ("wagtailimages", "add_image"), ("wagtailimages", "choose_image"),
    ("wagtaildocs", "add_document"), ("wagtaildocs", "choose_document"),
)


def _permission(app_label, codename):
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def unit_groups(unit):
    return [g for g in (unit.editors_group, unit.heads_group) if g is not None]


def grant_base_permissions(group):
    """Admin access and the image/document library, for any staff group."""
    group.permissions.add(_permission("wagtailadmin", "access_admin"))
    root = Collection.get_first_root_node()
    if root is None:
        return
    for app_label, codename in COLLECTION_CODENAMES:
        GroupCollectionPermission.objects.get_or_create(
            group=group, collection=root, permission=_permission(app_label, codename)
        )


def desired_page_permissions(home):
    """Set of (group_id, page_id, codename) the column records call for."""
    wanted = set()
    for model in _column_models():
        for column in model.objects.descendant_of(home).prefetch_related(
            "maintainers__editors_group", "maintainers__heads_group",
            "contributors__editors_group", "contributors__heads_group",
        ):
            for unit in column.maintainers.all():
                wanted |= {(g.pk, column.pk, c) for g in unit_groups(unit) for c in EDIT_CODENAMES}
            for unit in column.contributors.all():
                wanted |= {(g.pk, column.pk, c) for g in unit_groups(unit)
                           for c in CONTRIBUTE_CODENAMES}
    owner = Unit.objects.filter(name=SITE_OWNER).first()
    if owner:
        wanted |= {(g.pk, home.pk, c) for g in unit_groups(owner) for c in EDIT_CODENAMES}
    return wanted


def _column_models():
    from django.apps import apps

    from .models import BaseColumnPage

    # Every app's column pages (the mailbox columns live in the mailbox app).
    return [m for m in apps.get_models() if issubclass(m, BaseColumnPage)]


def managed_group_ids():
    """Groups whose page permissions this module owns (unit groups)."""
    ids = set()
    for editors, heads in Unit.objects.values_list("editors_group", "heads_group"):
        ids |= {editors, heads}
    ids.discard(None)
    return ids


@transaction.atomic
def sync_page_permissions(home):
    """Make the unit groups' page permissions match the column records."""
    wanted = desired_page_permissions(home)
    perms = {p.codename: p for p in Permission.objects.filter(
        content_type__app_label="wagtailcore", codename__in=EDIT_CODENAMES)}
    existing = GroupPagePermission.objects.filter(group__in=managed_group_ids())
    have = {}
    for row in existing.select_related("permission"):
        have[(row.group_id, row.page_id, row.permission.codename)] = row.pk
    stale = [pk for key, pk in have.items() if key not in wanted]
    GroupPagePermission.objects.filter(pk__in=stale).delete()
    GroupPagePermission.objects.bulk_create([
        GroupPagePermission(group_id=g, page_id=p, permission=perms[c])
        for (g, p, c) in wanted - set(have)
    ])
    revoke_publish_permissions()


def revoke_publish_permissions():
    """No group publishes directly: the review chain's end publishes."""
    GroupPagePermission.objects.filter(
        permission__content_type__app_label="wagtailcore",
        permission__codename="publish_page",
    ).delete()


def ensure_leaders_group():
    group, _ = Group.objects.get_or_create(name=LEADERS_GROUP)
    grant_base_permissions(group)
    return group


def site_home():
    """The site's home page (depth 2), or None before bootstrap."""
    return Page.objects.filter(depth=2).order_by("path").first()
