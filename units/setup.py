"""Idempotent creation of the units and of the demo accounts."""

from django.contrib.auth import get_user_model

from .catalogue import UNITS
from .models import Leader, Unit

DEMO_PASSWORD = "portal2016"

# username -> (full name, unit name or None, role)
DEMO_ACCOUNTS = {
    "yjs": ("研究室 刘敏", "研究室", "editor+head"),
    "bgs": ("办公室 王芳", "办公室", "editor+head"),
    "xck": ("宣传科 李娜", "宣传科", "editor"),
    "yzk": ("医政医管科 赵磊", "医政医管科", "editor"),
    "yzk_head": ("医政医管科科长 孙强", "医政医管科", "head"),
    "fgld": ("分管领导 张伟", None, "leader"),
    "xuecheng": ("薛城区卫计局 陈静", "薛城区卫计局", "editor"),
    "xuecheng_head": ("薛城区卫计局局长 周涛", "薛城区卫计局", "head"),
}
LEADER_SUPERVISES = {"fgld": ("医政医管科", "宣传科")}


def ensure_units():
    """Create the catalogue's units; existing ones (maybe edited) are kept."""
    for order, (name, kind, short_name) in enumerate(UNITS, start=1):
        unit = Unit.objects.filter(name=name).first()
        if unit is None:
            Unit.objects.create(name=name, kind=kind, short_name=short_name,
                                sort_order=order * 10)
        else:
            unit.save()  # re-creates groups an admin may have deleted


def _ensure_user(username, full_name, **extra):
    user_model = get_user_model()
    user = user_model.objects.filter(username=username).first()
    if user is not None:
        return user
    user = user_model(username=username, first_name=full_name,
                      email=f"{username}@example.org", **extra)
    user.set_password(DEMO_PASSWORD)
    user.save()
    return user


def ensure_demo_accounts():
    _ensure_user("admin", "系统管理员", is_superuser=True, is_staff=True)
    for username, (full_name, unit_name, role) in DEMO_ACCOUNTS.items():
        user = _ensure_user(username, full_name)
        if unit_name:
            unit = Unit.objects.get(name=unit_name)
            if "editor" in role:
                user.groups.add(unit.editors_group)
            if "head" in role:
                user.groups.add(unit.heads_group)
        if role == "leader":
            leader, _ = Leader.objects.get_or_create(user=user, defaults={"title": "副主任"})
            leader.supervised_units.add(
                *Unit.objects.filter(name__in=LEADER_SUPERVISES[username]))
            leader.save()
