"""Shared fixtures: one bootstrapped portal per test session.

The whole site (units, columns, permissions, workflow, demo accounts and
content) is built once with the real ``bootstrap_portal --demo`` command;
each test then runs in a transaction that is rolled back.
"""

import pytest
from django.core.management import call_command
from wagtail.models import Page

from units.setup import DEMO_PASSWORD


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        call_command("bootstrap_portal", "--demo", verbosity=0)


@pytest.fixture
def home(db):
    from home.models import HomePage

    return HomePage.objects.get()


@pytest.fixture
def column(home):
    """column("updates/district") → the live column page at that path."""

    def find(path):
        page = home
        for slug in path.split("/"):
            page = page.get_children().get(slug=slug)
        return page.specific

    return find


@pytest.fixture
def user(db):
    from django.contrib.auth import get_user_model

    return lambda username: get_user_model().objects.get(username=username)


@pytest.fixture
def login(client, user):
    """login("xuecheng") → the test client, logged in as that demo user."""

    def as_user(username):
        assert client.login(username=username, password=DEMO_PASSWORD)
        return client

    return as_user


def page_at(url_path):
    return Page.objects.get(url_path=url_path).specific
