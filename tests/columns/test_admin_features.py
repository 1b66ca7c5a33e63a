"""Admin features editors rely on: column duties, uploads, surveys."""

import threading

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, connections, transaction

from columns.index_numbers import IndexNumberSequence, next_serial
from columns.models import SurveyPage

pytestmark = pytest.mark.django_db


def test_every_editor_sees_who_maintains_each_column(login):
    client = login("xuecheng")
    html = client.get("/admin/reports/column-duties/").content.decode()
    assert "栏目维护分工" in html
    assert "区(市)动态" in html and "薛城区卫计局" in html
    assert "健康枣庄" in html and "宣传科" in html


def test_the_column_duties_export_is_a_spreadsheet(login):
    response = login("yjs").get("/admin/reports/column-duties/?export=xlsx")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")


def upload(client, name, content=b"%PDF-1.4\n%%EOF\n"):
    return client.post("/admin/documents/multiple/add/", {
        "title": name, "files[]": SimpleUploadedFile(name, content),
    }, headers={"x-requested-with": "XMLHttpRequest"})


@pytest.mark.parametrize("name", ["通知.pdf", "公文.ofd", "报名表.docx", "统计表.xlsx",
                                  "旧版文件.doc", "金山文档.wps", "表格.et", "材料.zip"])
def test_editors_upload_the_formats_offices_send(login, name):
    response = upload(login("xuecheng"), name)
    assert response.json()["success"] is True, response.json()


def test_an_unknown_file_type_is_refused_with_a_chinese_message(login):
    response = upload(login("xuecheng"), "病毒.exe", b"MZ")
    body = response.json()
    assert body["success"] is False
    assert "exe" in body["error_message"] and "不" in body["error_message"]


@pytest.fixture
def open_survey(column):
    return SurveyPage.objects.child_of(column("services/surveys")).live().filter(
        closes_at__isnull=False).order_by("-closes_at").first()


def survey_answers(survey):
    data = {}
    for field in survey.get_form_fields():
        choices = [c.strip() for c in field.choices.splitlines() if c.strip()]
        if field.field_type == "checkboxes":
            data[field.clean_name] = [choices[0]]
        elif choices:
            data[field.clean_name] = choices[0]
        else:
            data[field.clean_name] = "希望进一步方便群众就医。"
    return data


def test_a_citizen_answers_an_open_survey(client, open_survey):
    assert not open_survey.is_closed
    response = client.post(open_survey.url, survey_answers(open_survey))
    assert response.status_code == 200
    assert "感谢" in response.content.decode()
    assert open_survey.get_submission_class().objects.filter(page=open_survey).count() == 1


def test_a_closed_survey_takes_no_answers(client, column):
    closed = next(s for s in SurveyPage.objects.child_of(column("services/surveys")).live()
                  if s.is_closed)
    response = client.post(closed.url, survey_answers(closed))
    assert "本次调查已截止" in response.content.decode()
    assert closed.get_submission_class().objects.filter(page=closed).count() == 0


def test_a_missing_required_answer_is_explained(client, open_survey):
    required = [f for f in open_survey.get_form_fields() if f.required]
    assert required
    answers = survey_answers(open_survey)
    answers.pop(required[0].clean_name)
    response = client.post(open_survey.url, answers)
    html = response.content.decode()
    assert '<p class="error" role="alert">必需字段</p>' in html
    assert open_survey.get_submission_class().objects.filter(page=open_survey).count() == 0


@pytest.mark.skipif(connection.vendor != "postgresql",
                    reason="concurrent writers need separate PostgreSQL connections; "
                           "SQLite serialises all writers by locking the whole file")
@pytest.mark.django_db(transaction=False)
def test_concurrent_publishers_never_share_an_index_serial():
    year, per_thread, threads = 2999, 5, 6
    serials, errors = [], []

    def publish_many():
        try:
            for _ in range(per_thread):
                with transaction.atomic():
                    serials.append(next_serial(year))
        except Exception as error:  # reported below, with the others
            errors.append(error)
        finally:
            connections.close_all()

    workers = [threading.Thread(target=publish_many) for _ in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    try:
        assert not errors
        assert sorted(serials) == list(range(1, per_thread * threads + 1))
    finally:
        cleanup = threading.Thread(
            target=lambda: (IndexNumberSequence.objects.filter(year=year).delete(),
                            connections.close_all()))
        cleanup.start()
        cleanup.join()
