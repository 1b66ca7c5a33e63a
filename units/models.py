"""The organisation the regulation assigns work to.

Units (科室, 区(市)卫计局, 直属单位, 镇(街) …) each own two Django groups:
their 信息员 (editors) and their 负责人 (heads, who do 一级审核).
Supervising leaders (分管领导) are users linked to the 科室 they supervise.
This app is the ground floor: it imports no other app of the project.
"""

from django.conf import settings
from django.contrib.auth.models import Group
from django.db import models, transaction


class UnitKind(models.TextChoices):
    SECTION = "section", "委机关科室"
    DISTRICT = "district", "区(市)卫计局"
    AFFILIATE = "affiliate", "直属单位"
    TOWNSHIP = "township", "镇(街)"
    OTHER = "other", "其他单位"


EDITORS_SUFFIX = "信息员"
HEADS_SUFFIX = "负责人"
LEADERS_GROUP = "分管领导"


class UnitQuerySet(models.QuerySet):
    def of_kind(self, *kinds):
        return self.filter(kind__in=kinds)

    def for_user(self, user):
        """Units whose editors or heads group the user belongs to."""
        if not user.is_authenticated:
            return self.none()
        group_ids = user.groups.values("pk")
        return self.filter(
            models.Q(editors_group__in=group_ids) | models.Q(heads_group__in=group_ids)
        ).distinct()


class Unit(models.Model):
    """A 科室 of the commission or a unit that reports to the portal."""

    name = models.CharField("单位名称", max_length=100, unique=True)
    short_name = models.CharField("简称", max_length=30, blank=True)
    kind = models.CharField("单位类型", max_length=20, choices=UnitKind.choices)
    sort_order = models.PositiveIntegerField("排序", default=100)
    editors_group = models.OneToOneField(
        Group, verbose_name="信息员用户组", on_delete=models.PROTECT,
        related_name="unit_as_editors", null=True, blank=True, editable=False,
    )
    heads_group = models.OneToOneField(
        Group, verbose_name="负责人用户组", on_delete=models.PROTECT,
        related_name="unit_as_heads", null=True, blank=True, editable=False,
    )

    objects = UnitQuerySet.as_manager()

    class Meta:
        verbose_name = "单位"
        verbose_name_plural = "单位"
        ordering = ["sort_order", "pk"]

    def __str__(self):
        return self.name

    @property
    def display_name(self):
        return self.short_name or self.name

    def save(self, *args, **kwargs):
        with transaction.atomic():
            self._ensure_groups()
            super().save(*args, **kwargs)

    def _ensure_groups(self):
        """Each unit has its own editors and heads groups, named after it.

        A rename renames the groups so that the user admin stays readable.
        """
        for attr, suffix in (("editors_group", EDITORS_SUFFIX), ("heads_group", HEADS_SUFFIX)):
            wanted = f"{self.name}·{suffix}"
            group = getattr(self, attr)
            if group is None:
                group, _ = Group.objects.get_or_create(name=wanted)
                setattr(self, attr, group)
            elif group.name != wanted:
                group.name = wanted
                group.save(update_fields=["name"])

    def members(self):
        from django.contrib.auth import get_user_model

        return get_user_model().objects.filter(
            groups__in=[self.editors_group_id, self.heads_group_id]
        ).distinct()

    def heads(self):
        return self.heads_group.user_set.filter(is_active=True)


class Leader(models.Model):
    """A supervising leader (分管领导) and the 科室 he or she supervises."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, verbose_name="用户", on_delete=models.CASCADE,
        related_name="leader_profile",
    )
    title = models.CharField("职务", max_length=50, default="副主任")
    supervised_units = models.ManyToManyField(
        Unit, verbose_name="分管科室", related_name="supervising_leaders", blank=True,
        limit_choices_to={"kind": UnitKind.SECTION},
    )
    secretaries = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name="秘书（可代签）", related_name="secretary_for",
        blank=True, help_text="受领导委托代为录入审核意见的人员，审核单上同时记录领导和代签人",
    )

    class Meta:
        verbose_name = "分管领导"
        verbose_name_plural = "分管领导"

    def __str__(self):
        full = self.user.get_full_name() or self.user.get_username()
        return f"{full}（{self.title}）"

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        group, _ = Group.objects.get_or_create(name=LEADERS_GROUP)
        self.user.groups.add(group)


def leaders_of(unit):
    """Users who supervise a 科室 (its 分管领导)."""
    return [leader.user for leader in unit.supervising_leaders.select_related("user")]


def units_of(user):
    return Unit.objects.for_user(user)
