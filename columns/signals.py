"""Keep permissions in step with the records they derive from."""

from django.db.models.signals import post_save
from django.dispatch import receiver
from wagtail.signals import page_published

from units.models import Unit

from .permissions import grant_base_permissions, site_home, sync_page_permissions


@receiver(post_save, sender=Unit)
def give_new_unit_groups_admin_access(sender, instance, created, raw=False, **kwargs):
    if raw:
        return
    for group in (instance.editors_group, instance.heads_group):
        if group is not None:
            grant_base_permissions(group)


@receiver(page_published)
def resync_permissions_when_a_column_changes(sender, instance, **kwargs):
    from .models import BaseColumnPage

    if isinstance(instance, BaseColumnPage):
        home = site_home()
        if home is not None:
            sync_page_permissions(home)
