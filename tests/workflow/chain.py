"""Driving the review chain through the admin's own endpoints."""

from django.urls import reverse

from tests.helpers import checklist, news_form_data, notice_form_data


def create_and_submit(client, column, form_data):
    response = client.post(f"/admin/pages/add/columns/{form_data.pop('_model')}/{column.pk}/",
                           form_data)
    assert response.status_code == 302, response.content.decode()[:2000]
    return response


def submit_news(client, column, **fields):
    data = news_form_data(action="action-submit", **fields)
    data["_model"] = "newspage"
    return create_and_submit(client, column, data)


def submit_notice(client, column, **fields):
    data = notice_form_data(action="action-submit", **fields)
    data["_model"] = "noticepage"
    return create_and_submit(client, column, data)


def act(client, page, action, data):
    task_state = page.current_workflow_task_state
    url = reverse("wagtailadmin_pages:workflow_action", args=(page.pk, action, task_state.pk))
    return client.post(url, data, headers={"x-requested-with": "XMLHttpRequest"})


def approve(client, page, **answers):
    return act(client, page, "approve", checklist(**answers))


def reject(client, page, reason):
    return act(client, page, "reject", {"comment": reason})


def current_task(page):
    page.refresh_from_db()
    state = page.current_workflow_task_state
    return state.task.name if state else None
