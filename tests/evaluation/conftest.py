import pytest

from evaluation.models import EvaluationSettings, UnitQuota
from units.models import Unit

from .factories import Item


@pytest.fixture
def quotas(db):
    """Default quota 0; 薛城区 3, 医政医管科 2, 峄城区 1 items a quarter."""
    settings_obj = EvaluationSettings.load()
    settings_obj.default_quota = 0
    settings_obj.save()
    UnitQuota.objects.all().delete()  # the demo's
    for name, quota in (("薛城区卫计局", 3), ("医政医管科", 2), ("峄城区卫计局", 1)):
        UnitQuota.objects.create(unit=Unit.objects.get(name=name), quota=quota)


@pytest.fixture
def year_2025(db, user, column):
    """A crafted 2025 (no demo data falls in 2025).

    薛城区 (xuecheng, 区(市)动态): item 1 submitted on the last day of Q1 and
    published after 清明 (5 working days); item 2 a 图片新闻 (1 day); item 3
    rejected once, published after 劳动节 (4 days); item 7 rejected, never
    published.  医政医管科 (yzk, 通知公告): item 4 submitted 30 June, published
    1 July (Q3); item 5 published (2 days) then withdrawn for its content.
    峄城区: item 6 published directly at 23:30 on 30 June, reached its 下线时间
    in Q3 (not a withdrawal).
    """
    xuecheng, yzk = user("xuecheng"), user("yzk")
    district, notices, news = column("updates/district"), column("notices"), column("news")
    items = {
        1: Item("薛城区卫计局", xuecheng, district).submit("2025-03-31 10:00")
        .publish("2025-04-08 10:00", [("一级审核", "xuecheng_head"), ("二级审核", "yjs")]),
        2: Item("薛城区卫计局", xuecheng, district, picture=True).submit("2025-04-10 09:00")
        .publish("2025-04-11 15:00"),
        3: Item("薛城区卫计局", xuecheng, district).submit("2025-04-28 09:00")
        .reject("2025-04-29 11:00").publish("2025-05-07 10:00"),
        4: Item("医政医管科", yzk, notices).submit("2025-06-30 16:00")
        .publish("2025-07-01 09:00"),
        5: Item("医政医管科", yzk, notices).submit("2025-05-12 09:00")
        .publish("2025-05-14 09:00", [("一级审核", "yzk_head"), ("二级审核（分管领导）", "fgld"),
                                      ("研究室发布审核", "yjs")])
        .withdraw("2025-06-05 10:00", "文中统计数据有误"),
        6: Item("峄城区卫计局", None, news).publish("2025-06-30 23:30")
        .withdraw("2025-07-02 00:00", "到期自动下线"),
        7: Item("薛城区卫计局", xuecheng, district).submit("2025-06-20 09:00")
        .reject("2025-06-23 09:00"),
    }
    return items
