"""Issue 14, item 20 (found by the soak): while the database restarts, pages and the API answer
503 with Retry-After, never a 500; persistent connections are health-checked."""

import pytest
from django.db import OperationalError
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

pytestmark = pytest.mark.django_db


@pytest.fixture
def database_down(monkeypatch):
    """The database refuses new work, as during a restart (psycopg raises OperationalError)."""
    from django.db.backends.utils import CursorWrapper

    def refuse(*args, **kwargs):
        raise OperationalError("connection to server at 127.0.0.1 failed: Connection refused")

    monkeypatch.setattr(CursorWrapper, "execute", refuse)
    monkeypatch.setattr(CursorWrapper, "executemany", refuse)


def test_a_page_answers_503_with_retry_after_while_the_database_is_down(database_down):
    response = Client(raise_request_exception=False).get(reverse("search:search"))
    assert response.status_code == 503
    assert int(response["Retry-After"]) > 0


def test_the_api_answers_503_with_retry_after_while_the_database_is_down(database_down):
    response = APIClient(raise_request_exception=False).get(reverse("api:practice-list"))
    assert response.status_code == 503
    assert int(response["Retry-After"]) > 0
    assert response["Content-Type"] == "application/problem+json"


def test_persistent_connections_are_health_checked(settings):
    assert settings.DATABASES["default"]["CONN_HEALTH_CHECKS"] is True


def test_the_apis_503_is_a_whole_problem_document(database_down):
    body = APIClient(raise_request_exception=False).get(reverse("api:practice-list") + "?q=x").json()
    assert body["status"] == 503 and body["code"] == "database_unavailable"
    assert body["instance"] == reverse("api:practice-list") + "?q=x"
    assert "database" in body["detail"] and body["title"] == "Service Unavailable"


@pytest.fixture
def portal_fails(monkeypatch):
    """A fault in the portal's own code (a bug), not the database: every search fails."""
    from search.backends.database import DatabaseSearchBackend

    def fail(*args, **kwargs):
        raise RuntimeError("a bug with private words: Secret case notes")

    monkeypatch.setattr(DatabaseSearchBackend, "search", fail)


def test_a_failure_under_the_api_is_a_problem_document_without_the_failures_words(portal_fails, settings):
    settings.DEBUG = False
    response = APIClient(raise_request_exception=False).get(reverse("api:practice-list"))
    assert response.status_code == 500, response.content
    assert response["Content-Type"] == "application/problem+json"
    body = response.json()
    assert (body["status"], body["code"], body["instance"]) == (500, "server_error", reverse("api:practice-list"))
    assert "Secret" not in response.content.decode() and "Traceback" not in response.content.decode()


def test_a_failure_of_a_page_is_still_the_portals_page(portal_fails, settings):
    settings.DEBUG = False
    response = Client(raise_request_exception=False).get(reverse("search:search") + "?q=mentoring")
    assert response.status_code == 500
    assert response["Content-Type"].startswith("text/html") and "Secret" not in response.content.decode()
