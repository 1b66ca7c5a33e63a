import pytest
from django.test import Client

from units.setup import DEMO_PASSWORD


@pytest.fixture
def as_user(db):
    """as_user("xuecheng") → a separate logged-in client per user."""
    clients = {}

    def get(username):
        if username not in clients:
            client = Client()
            assert client.login(username=username, password=DEMO_PASSWORD)
            clients[username] = client
        return clients[username]

    return get
