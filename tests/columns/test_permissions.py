"""Who may add, edit and publish where (第十六条; nobody publishes directly)."""

import pytest
from wagtail.models import GroupPagePermission, Page

from columns.models import NewsPage
from tests.helpers import news_form_data

pytestmark = pytest.mark.django_db


def add_news(client, column, action=None, **fields):
    url = f"/admin/pages/add/columns/newspage/{column.pk}/"
    return client.post(url, news_form_data(action=action, **fields))


def refused(response):
    """Wagtail answers a refused admin request with 403, or for a page view
    with a redirect to the dashboard and an error message."""
    return response.status_code == 403 or (
        response.status_code == 302 and response.url == "/admin/")


def first_item(column, **filters):
    return NewsPage.objects.child_of(column).filter(**filters).first()


def test_no_group_holds_the_publish_permission():
    assert not GroupPagePermission.objects.filter(permission__codename="publish_page").exists()


def test_a_district_editor_saves_a_draft_in_district_updates(login, column):
    client = login("xuecheng")
    district = column("updates/district")
    response = add_news(client, district)
    assert response.status_code == 302
    page = NewsPage.objects.get(slug="xuecheng-family-doctor")
    assert not page.live
    assert page.source_unit.name == "薛城区卫计局"
    assert page.get_parent().pk == district.pk


def test_a_district_editor_cannot_publish_from_the_editor(login, column):
    client = login("xuecheng")
    add_news(client, column("updates/district"), action="action-publish")
    page = NewsPage.objects.get(slug="xuecheng-family-doctor")
    assert not page.live
    assert not Page.objects.get(pk=page.pk).live


def test_a_district_editor_cannot_publish_by_a_crafted_post_on_edit(login, column, user):
    client = login("xuecheng")
    add_news(client, column("updates/district"))
    page = NewsPage.objects.get(slug="xuecheng-family-doctor")
    client.post(f"/admin/pages/{page.pk}/edit/",
                news_form_data(action="action-publish", title=page.title))
    page.refresh_from_db()
    assert not page.live


def test_the_research_office_cannot_publish_directly_either(login, column):
    client = login("yjs")
    add_news(client, column("news"), action="action-publish", slug="yjs-news", unit="研究室")
    page = NewsPage.objects.get(slug="yjs-news")
    assert not page.live


def test_bulk_publish_is_refused_to_editors(login, column, user):
    client = login("yjs")
    add_news(client, column("news"), slug="yjs-bulk", unit="研究室")
    page = NewsPage.objects.get(slug="yjs-bulk")
    response = client.post(
        f"/admin/bulk/wagtailcore/page/publish/?id={page.pk}&next=/admin/",
        {"include_descendants": ""},
    )
    page.refresh_from_db()
    assert not page.live
    assert response.status_code in (200, 302, 403)


def test_a_superuser_can_publish_directly(login, column):
    client = login("admin")
    add_news(client, column("news"), action="action-publish", slug="admin-news", unit="研究室")
    assert NewsPage.objects.get(slug="admin-news").live


def test_a_district_editor_cannot_add_under_health_zaozhuang(login, column):
    client = login("xuecheng")
    prevention = column("health/prevention")
    assert refused(client.get(f"/admin/pages/add/columns/newspage/{prevention.pk}/"))
    response = add_news(client, prevention, slug="not-allowed")
    assert refused(response)
    assert not NewsPage.objects.filter(slug="not-allowed").exists()


def test_a_district_editor_cannot_edit_health_zaozhuang_items(login, column):
    client = login("xuecheng")
    item = first_item(column("health/prevention"))
    assert refused(client.get(f"/admin/pages/{item.pk}/edit/"))
    response = client.post(f"/admin/pages/{item.pk}/edit/", news_form_data(title="篡改"))
    assert refused(response)
    item.refresh_from_db()
    assert item.title != "篡改"


def test_a_district_editor_cannot_edit_another_districts_item(login, column):
    client = login("xuecheng")
    other = first_item(column("updates/district"), source_unit__name="滕州市卫计局")
    assert other is not None
    assert refused(client.get(f"/admin/pages/{other.pk}/edit/"))


def test_a_district_editor_edits_his_own_draft(login, column):
    client = login("xuecheng")
    add_news(client, column("updates/district"))
    page = NewsPage.objects.get(slug="xuecheng-family-doctor")
    assert client.get(f"/admin/pages/{page.pk}/edit/").status_code == 200


def test_the_publicity_section_maintains_every_health_item(login, column):
    client = login("xck")
    item = first_item(column("health/living"))
    assert client.get(f"/admin/pages/{item.pk}/edit/").status_code == 200
    news = first_item(column("news"))
    assert refused(client.get(f"/admin/pages/{news.pk}/edit/"))


def test_the_research_office_edits_items_anywhere(login, column):
    client = login("yjs")
    for path in ("updates/district", "health/prevention", "news"):
        item = first_item(column(path))
        assert client.get(f"/admin/pages/{item.pk}/edit/").status_code == 200, path


def test_an_editor_may_only_name_his_own_unit_as_source(login, column):
    client = login("xuecheng")
    district = column("updates/district")
    response = client.get(f"/admin/pages/add/columns/newspage/{district.pk}/")
    choices = list(response.context["form"].fields["source_unit"].queryset)
    assert [u.name for u in choices] == ["薛城区卫计局"]
    response = add_news(client, district, unit="峄城区卫计局")
    assert response.status_code == 200  # form re-rendered with an error
    assert not NewsPage.objects.filter(slug="xuecheng-family-doctor").exists()


def test_the_research_office_may_name_any_unit_as_source(login, column):
    client = login("yjs")
    add_news(client, column("updates/district"), unit="峄城区卫计局", slug="yjs-for-yicheng")
    assert NewsPage.objects.get(slug="yjs-for-yicheng").source_unit.name == "峄城区卫计局"


def test_changing_who_maintains_a_column_changes_permissions(login, column, user):
    from units.models import Unit

    living = column("health/living")
    living.maintainers.add(Unit.objects.get(name="薛城区卫计局"))
    living.save_revision().publish()
    client = login("xuecheng")
    item = first_item(living)
    assert client.get(f"/admin/pages/{item.pk}/edit/").status_code == 200



def test_a_change_of_source_unit_by_the_research_office_is_logged(login, column):
    from wagtail.models import PageLogEntry

    client = login("yjs")
    district = column("updates/district")
    item = first_item(district, source_unit__name="滕州市卫计局")
    client.post(f"/admin/pages/{item.pk}/edit/",
                news_form_data(title=item.title, slug=item.slug, unit="薛城区卫计局"))
    entry = PageLogEntry.objects.get(page=item, action="portal.source_unit")
    assert entry.data == {"from": "滕州市卫计局", "to": "薛城区卫计局"}
    assert entry.user.username == "yjs"
