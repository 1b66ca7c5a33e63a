"""Units, their groups and the supervising leaders."""

import pytest
from django.contrib.auth.models import Group

from units.catalogue import AFFILIATES, DISTRICTS, SECTIONS, TOWNSHIPS
from units.models import LEADERS_GROUP, Leader, Unit, leaders_of

pytestmark = pytest.mark.django_db


def test_the_regulation_s_units_exist_with_their_kinds():
    kinds = dict(Unit.objects.values_list("name", "kind"))
    assert all(kinds[name] == "section" for name in SECTIONS)
    assert all(kinds[name] == "district" for name in DISTRICTS)
    assert len(DISTRICTS) == 6
    assert all(kinds[name] == "affiliate" for name in AFFILIATES)
    assert all(kinds[name] == "township" for name in TOWNSHIPS)
    assert kinds["枣矿集团生活卫生管理中心"] == "other"


def test_each_unit_has_an_editors_and_a_heads_group():
    unit = Unit.objects.get(name="薛城区卫计局")
    assert unit.editors_group.name == "薛城区卫计局·信息员"
    assert unit.heads_group.name == "薛城区卫计局·负责人"
    assert [u.username for u in unit.heads()] == ["xuecheng_head"]


def test_a_new_unit_gets_groups_that_can_enter_the_admin():
    unit = Unit.objects.create(name="枣庄市急救中心", kind="affiliate")
    for group in (unit.editors_group, unit.heads_group):
        assert group.permissions.filter(codename="access_admin").exists()


def test_renaming_a_unit_renames_its_groups():
    unit = Unit.objects.get(name="科教科")
    unit.name = "科技教育科"
    unit.save()
    assert Group.objects.filter(name="科技教育科·信息员").exists()
    assert not Group.objects.filter(name="科教科·信息员").exists()


def test_a_supervising_leader_is_linked_to_the_sections_he_supervises(user):
    leader = Leader.objects.get(user__username="fgld")
    assert {u.name for u in leader.supervised_units.all()} == {"宣传科", "医政医管科"}
    assert leaders_of(Unit.objects.get(name="医政医管科")) == [user("fgld")]
    assert leaders_of(Unit.objects.get(name="人事科")) == []
    assert user("fgld").groups.filter(name=LEADERS_GROUP).exists()


def test_units_of_a_user_are_those_whose_groups_he_is_in(user):
    assert [u.name for u in Unit.objects.for_user(user("xuecheng"))] == ["薛城区卫计局"]
    assert [u.name for u in Unit.objects.for_user(user("fgld"))] == []


def test_only_a_superuser_manages_units_in_the_admin(login):
    assert login("admin").get("/admin/units/unit/").status_code == 200
    response = login("xuecheng").get("/admin/units/unit/")
    assert response.status_code in (302, 403)
