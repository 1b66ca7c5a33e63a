"""Fixtures for letters: a settable clock, letters, extra staff accounts."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.cache import cache
from django.utils import timezone

SHANGHAI = ZoneInfo("Asia/Shanghai")


def at(y, m, d, hh=10, mm=0):
    return datetime.datetime(y, m, d, hh, mm, tzinfo=SHANGHAI)


@pytest.fixture(autouse=True)
def fresh_cache():
    cache.clear()  # rate limits and the calendar cache start empty
    yield
    cache.clear()


@pytest.fixture
def clock(monkeypatch):
    """clock(at(2026, 9, 30)) → timezone.now() answers that moment."""
    def set_now(moment):
        monkeypatch.setattr(timezone, "now", lambda: moment)
        return moment
    return set_now


@pytest.fixture
def staff(db):
    """staff("xck_head", "宣传科", head=True) → an active user in a unit's group."""
    from django.contrib.auth import get_user_model

    from units.models import Unit

    def make(username, unit_name, head=False):
        from units.setup import DEMO_PASSWORD

        user, created = get_user_model().objects.get_or_create(
            username=username, defaults={"first_name": username, "email": f"{username}@example.org"})
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save()
        unit = Unit.objects.get(name=unit_name)
        user.groups.add(unit.heads_group if head else unit.editors_group)
        return user
    return make


@pytest.fixture
def letter(db):
    """letter(received=…, kind=…) → a registered letter (as the public form makes it)."""
    from mailbox import flow
    from mailbox.models import Channel, Letter, LetterKind

    def make(received, kind=LetterKind.DIRECTOR, **fields):
        defaults = {"name": "张三丰", "phone": "13861234567", "email": "citizen@example.org",
                    "subject": "咨询社区医院预防接种时间", "content": "请问社区卫生服务中心周六是否可以接种疫苗？",
                    "channel": Channel.WEBSITE, "allow_publication": True}
        defaults.update(fields)
        return flow.submit(Letter(kind=kind, received_at=received, **defaults))
    return make
