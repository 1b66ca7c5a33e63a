"""Keep permissions in step with the records they derive from."""

from django.contrib.auth.models import Group
from django.db.models.signals import m2m_changed, post_save
from django.dispatch import receiver
from wagtail.log_actions import log
from wagtail.models import Revision
from wagtail.signals import page_published

from units.models import Leader, Unit

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


SECRETARIES_GROUP = "领导秘书"


@receiver(m2m_changed, sender=Leader.secretaries.through)
def let_secretaries_into_the_admin(sender, instance, action, pk_set, reverse=False, **kwargs):
    """A leader's secretary enters decisions for him (代签) in the admin."""
    if action != "post_add" or reverse or not pk_set:
        return
    group, _ = Group.objects.get_or_create(name=SECRETARIES_GROUP)
    grant_base_permissions(group)
    group.user_set.add(*pk_set)


@receiver(post_save, sender=Revision)
def log_source_unit_changes(sender, instance, created, raw=False, **kwargs):
    """The 供稿单位 decides who does 一级审核; every change of it is logged."""
    from .models import ItemPage

    if not created or raw or not isinstance(instance.content_object, ItemPage):
        return
    previous = (Revision.objects.filter(base_content_type_id=instance.base_content_type_id,
                                        object_id=instance.object_id, pk__lt=instance.pk)
                .order_by("-pk").first())
    before = previous.content.get("source_unit") if previous else None
    after = instance.content.get("source_unit")
    if previous is None or before == after:
        return
    names = dict(Unit.objects.filter(pk__in=[before, after]).values_list("pk", "name"))
    log(instance=instance.content_object.specific, action="portal.source_unit",
        user=instance.user, revision=instance,
        data={"from": names.get(before, ""), "to": names.get(after, "")})
