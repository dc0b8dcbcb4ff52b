"""The error pages a reader may meet are the portal's, in the reader's language, with a way on:
a page that does not exist (404), a refused action (403), a form refused by the CSRF check (a
page left open for long, or a sign-in elsewhere) and an error of the portal (500). Django's own
are bare English pages with no way back to the portal."""

import pytest
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils import translation
from django.views.defaults import server_error

pytestmark = pytest.mark.django_db

TITLE = "· PVE Practitioners' Portal</title>"


def test_a_page_that_does_not_exist_is_the_portals(client, contributor_client):
    response = client.get("/no-such-page/")
    text = response.content.decode()
    assert response.status_code == 404
    assert f"Page not found {TITLE}" in text
    assert "There is no page here, or you may not see it." in text
    assert f'href="{reverse("account_login")}?next=/no-such-page/"' in text
    signed_in = contributor_client.get("/no-such-page/").content.decode()
    assert "Log out" in signed_in  # the reader's own account menu


def test_a_page_that_does_not_exist_leads_to_the_practices(client, contributor_client):
    """An old link to a practice withdrawn since led to Home only: the practices' search is one step away."""
    for reader in (client, contributor_client):
        text = reader.get("/practices/999999/").content.decode()
        assert f'<a href="{reverse("search:search")}">Browse practices</a>' in text


def test_a_page_that_does_not_exist_speaks_french(client):
    client.cookies["django_language"] = "fr"
    text = client.get("/no-such-page/", HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert '<html lang="fr">' in text
    assert "Page introuvable" in text


def test_a_refused_action_is_the_portals(applicant_client):
    response = applicant_client.post(reverse("practices:import"))  # not a member yet: PermissionDenied
    text = response.content.decode()
    assert response.status_code == 403
    assert f"You may not do this. {TITLE}" in text
    assert "Log out" in text


def test_a_form_refused_by_the_csrf_check_says_what_to_do_and_saves_nothing(contributor):
    from practices.models import Practice

    client = Client(enforce_csrf_checks=True)
    client.force_login(contributor)
    response = client.post(reverse("practices:create"), {"title": "A long afternoon's work"})
    text = response.content.decode()
    assert response.status_code == 403
    assert f"The form could not be sent {TITLE}" in text
    assert "your browser usually still shows what you typed" in text
    assert "Log out" in text  # still signed in: the account menu says so
    assert "CSRF verification failed" not in text
    assert not Practice.objects.exists()


def test_an_error_of_the_portal_is_the_portals_page():
    with translation.override("en"):
        response = server_error(RequestFactory().get("/"))
    text = response.content.decode()
    assert response.status_code == 500
    assert f"Something went wrong {TITLE}" in text
    assert "css/portal.css" in text
    assert 'href="/"' in text


def test_a_refused_action_says_what_to_do_next(applicant_client):
    """It used to say "You may not do this." and nothing else: not why, nor what to do."""
    text = applicant_client.post(reverse("practices:import")).content.decode()
    assert "the page you came from is out of date" in text
    assert "Go back and reload that page" in text
    assert f'href="{reverse("page_contact")}"' in text


def test_a_refused_action_gives_the_refusals_own_reason(contributor):
    from django.contrib.sessions.backends.db import SessionStore
    from django.core.exceptions import PermissionDenied
    from django.views.defaults import permission_denied

    request = RequestFactory().get("/practices/7/edit/")
    request.user, request.session = contributor, SessionStore()
    with translation.override("en"):
        response = permission_denied(request, PermissionDenied("Only moderators review practices."))
    text = response.content.decode()
    assert response.status_code == 403
    assert "<p>Only moderators review practices.</p>" in text
    assert "Go back and reload that page" in text
