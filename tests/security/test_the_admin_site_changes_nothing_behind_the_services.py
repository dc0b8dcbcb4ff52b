"""The Django admin signs in through allauth (second factor, rate limit), and cannot edit workflow
records behind the services' back: an edit there would leave the search index stale (an anonymous
visitor's autocomplete showing a title made organisation-only)."""

import pytest
from django.test import Client
from django.urls import reverse

from practices.models import Practice
from search.worker import drain
from tests.conftest import PASSWORD, make_user, with_totp
from tests.practices.factories import make_practice

pytestmark = pytest.mark.django_db


@pytest.fixture
def site_admin(db):
    return with_totp(make_user("root@portal.example", is_staff=True, is_superuser=True, display_name="Root"))


def _admin_client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _suggestions(prefix: str) -> list[str]:
    return Client().get(reverse("search:autocomplete"), {"q": prefix}).json()["suggestions"]


def test_an_admin_edit_of_a_practice_is_refused_and_search_stays_true(site_admin, contributor):
    practice = make_practice(author=contributor, title="Mentoring after prison", publish=True)
    drain()
    url = reverse("admin:practices_practice_change", args=[practice.pk])
    client = _admin_client(site_admin)
    assert client.get(url).status_code == 200  # it can be looked at
    response = client.post(url, {"title": "Secret internal title", "visibility": "organisation"})
    assert response.status_code == 403
    assert Practice.objects.get(pk=practice.pk).title == "Mentoring after prison"
    drain()
    assert _suggestions("Secret") == []
    assert _suggestions("Mentoring") == ["Mentoring after prison"]


@pytest.mark.parametrize("name", ["admin:practices_practice_add", "admin:network_network_add"])
def test_no_workflow_record_is_added_through_the_admin(site_admin, name):
    assert _admin_client(site_admin).get(reverse(name)).status_code == 403


def test_the_admin_login_page_sends_to_allauths_login(client):
    response = client.get(reverse("admin:login"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_a_password_posted_to_the_admin_login_signs_no_one_in(client, site_admin):
    client.post(reverse("admin:login"), {"username": site_admin.email, "password": PASSWORD})
    assert "_auth_user_id" not in client.session
    assert client.get(reverse("admin:index")).status_code == 302


def test_signing_in_for_the_admin_asks_for_the_second_factor(client, site_admin):
    response = client.post(reverse("account_login"), {"login": site_admin.email, "password": PASSWORD})
    assert response.status_code == 302 and response["Location"] == reverse("mfa_authenticate")
    assert "_auth_user_id" not in client.session


def test_staff_without_a_second_factor_open_no_admin_page(db):
    staff = make_user("staff@portal.example", is_staff=True, is_superuser=True)
    client = _admin_client(staff)
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302
    assert client.get(response["Location"])["Location"] == reverse("mfa_activate_totp")
