"""Government-information documents: 索引号, 不予公开, 有效性."""

import datetime
import re

import pytest
from django.core.exceptions import ValidationError

from columns.models import DisclosureSettings, GovDocumentPage
from tests.helpers import gov_document_form_data
from units.models import Unit

pytestmark = pytest.mark.django_db


def make_document(column, title, written=datetime.date(2025, 3, 1), **fields):
    fields.setdefault("source_unit", Unit.objects.get(name="研究室"))
    page = GovDocumentPage(title=title, written_date=written, live=False, **fields)
    column.add_child(instance=page)
    return page


def credit_code():
    return DisclosureSettings.objects.first().credit_code


def test_the_regulation_gets_a_2016_index_number():
    regulation = GovDocumentPage.objects.get(doc_number="枣卫字〔2016〕62号")
    assert regulation.index_number == f"{credit_code()}/2016-00001"


def test_index_numbers_count_within_the_written_year(column):
    catalogue = column("open/catalogue")
    first = make_document(catalogue, "二〇三〇年文件一", written=datetime.date(2030, 1, 5))
    second = make_document(catalogue, "二〇三〇年文件二", written=datetime.date(2030, 6, 5))
    assert first.index_number is None  # allocated when first published
    first.save_revision().publish()
    second.save_revision().publish()
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.index_number == f"{credit_code()}/2030-00001"
    assert second.index_number == f"{credit_code()}/2030-00002"
    assert re.fullmatch(r"[0-9A-Z]{18}/\d{4}-\d{5}", first.index_number)


def test_an_index_number_survives_later_revisions_and_republishing(column):
    doc = make_document(column("open/catalogue"), "二〇三一年文件", written=datetime.date(2031, 2, 1))
    stale_revision = doc.save_revision()  # saved before any number existed
    stale_revision.publish()
    doc.refresh_from_db()
    number = doc.index_number
    doc.unpublish()
    stale_revision.publish()
    doc.refresh_from_db()
    assert doc.index_number == number
    latest = doc.get_latest_revision_as_object()
    latest.title = "二〇三一年文件（修订）"
    latest.save_revision().publish()
    doc.refresh_from_db()
    assert doc.index_number == number


def test_index_numbers_are_never_reused_after_deletion(column):
    catalogue = column("open/catalogue")
    doc = make_document(catalogue, "将被删除的文件", written=datetime.date(2032, 1, 1))
    doc.save_revision().publish()
    doc.refresh_from_db()
    deleted_number = doc.index_number
    doc.delete()
    other = make_document(catalogue, "后续文件", written=datetime.date(2032, 2, 1))
    other.save_revision().publish()
    other.refresh_from_db()
    assert other.index_number != deleted_number
    assert other.index_number.endswith("2032-00002")


def test_a_withheld_document_cannot_be_published_by_code(column):
    doc = make_document(column("open/catalogue"), "涉密文件", disclosure_mode="withheld")
    with pytest.raises(ValidationError):
        doc.save_revision().publish()
    assert not GovDocumentPage.objects.get(pk=doc.pk).live


def test_a_withheld_document_cannot_be_published_even_by_a_superuser(login, column):
    client = login("admin")
    catalogue = column("open/catalogue")
    response = client.post(
        f"/admin/pages/add/columns/govdocumentpage/{catalogue.pk}/",
        gov_document_form_data("不予公开的内部文件", action="action-publish",
                               slug="withheld-doc", disclosure_mode="withheld"),
    )
    assert response.status_code == 200
    assert "不予公开" in response.content.decode()
    assert not GovDocumentPage.objects.filter(slug="withheld-doc", live=True).exists()


def test_bulk_publish_of_a_withheld_document_is_refused(login, column):
    doc = make_document(column("open/catalogue"), "批量发布的涉密文件", disclosure_mode="withheld")
    doc.save_revision()
    client = login("admin")
    response = client.post(
        f"/admin/bulk/wagtailcore/page/publish/?id={doc.pk}&next=/admin/", {})
    assert response.status_code in (200, 302)
    assert not GovDocumentPage.objects.get(pk=doc.pk).live


def test_an_amended_document_links_to_its_replacement(client, column):
    catalogue = column("open/catalogue")
    new = make_document(catalogue, "新版管理办法", written=datetime.date(2026, 5, 1))
    new.save_revision().publish()
    old = make_document(catalogue, "旧版管理办法", validity="amended", replaced_by=new)
    old.save_revision().publish()
    html = client.get(old.url).content.decode()
    assert "本文件已修改" in html
    assert f'href="{new.url}"' in html
    assert "validity-banner" not in client.get(new.url).content.decode()

