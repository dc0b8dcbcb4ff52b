"""Personal API tokens: created, named, scoped and revoked by their owner at /account/tokens/,
stored as a hash only, refused once expired or revoked; request rates per user and per token."""

import re
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from api.models import ApiToken
from tests.api.conftest import api_client_for, token_client
from tests.conftest import make_user, with_totp
from tests.practices.factories import make_practice

pytestmark = pytest.mark.django_db

DRAFT = {"title": "A new method", "description": "Prevents violent extremism.", "language": "en"}


def _create(client: Client, **fields):
    data = {"name": "Report script", "scope": "read", "expires_on": timezone.localdate() + timedelta(days=30)}
    return client.post(reverse("api_tokens"), {**data, **fields})


def _secret(response) -> str:
    return re.search(r'id="new-token"[^>]*value="(pve_[0-9a-f]+)"', response.content.decode()).group(1)


def test_the_token_page_asks_visitors_to_log_in(client):
    response = client.get(reverse("api_tokens"))
    assert response.status_code == 302 and "login" in response["Location"]


def test_a_new_token_is_shown_once_and_only_its_hash_is_stored(contributor_client, contributor):
    response = _create(contributor_client)
    assert response.status_code == 200 and response["Cache-Control"] == "no-store"
    secret = _secret(response)
    token = ApiToken.objects.get(user=contributor)
    stored = [str(getattr(token, field.attname)) for field in ApiToken._meta.concrete_fields]
    assert not any(secret in value for value in stored)
    assert token.digest != secret and len(token.digest) == 128
    assert (token.name, token.scope) == ("Report script", "read")
    assert secret not in contributor_client.get(reverse("api_tokens")).content.decode()
    assert "Report script" in contributor_client.get(reverse("api_tokens")).content.decode()


def test_a_token_authenticates_as_its_owner(contributor_client, contributor):
    secret = _secret(_create(contributor_client, scope="read-write"))
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {secret}")
    me = client.get(reverse("api:me")).json()
    assert (me["id"], me["token_scope"]) == (contributor.pk, "read-write")
    assert ApiToken.objects.get(user=contributor).last_used_at is not None


def test_a_read_only_token_reads_but_gets_403_on_every_unsafe_method(contributor):
    practice = make_practice(author=contributor)
    client = token_client(contributor, scope="read")
    detail = reverse("api:practice-detail", kwargs={"pk": practice.pk})
    assert client.get(detail).status_code == 200
    for response in (
        client.post(reverse("api:practice-list"), DRAFT, format="json"),
        client.patch(detail, {"title": "x"}, format="json"),
        client.put(detail, DRAFT, format="json"),
        client.post(reverse("api:practice-submit", kwargs={"pk": practice.pk}), {}, format="json"),
    ):
        assert response.status_code == 403
        assert "read-only" in response.json()["detail"]
    practice.refresh_from_db()
    assert practice.status == "draft" and practice.title == "Mentoring after prison"


def test_a_read_write_token_writes(contributor):
    response = token_client(contributor).post(reverse("api:practice-list"), DRAFT, format="json")
    assert response.status_code == 201


def test_a_revoked_token_stops_working_at_once(contributor_client, contributor):
    secret = _secret(_create(contributor_client))
    token = ApiToken.objects.get(user=contributor)
    url = reverse("api_token_revoke", kwargs={"uid": token.uid})
    assert "Revoke the token" in contributor_client.get(url).content.decode()
    assert ApiToken.objects.filter(pk=token.pk).exists()
    assert contributor_client.post(url).status_code == 302
    assert not ApiToken.objects.filter(pk=token.pk).exists()
    response = APIClient().get(reverse("api:me"), HTTP_AUTHORIZATION=f"Token {secret}")
    assert response.status_code == 401 and response["WWW-Authenticate"] == "Token"


def test_nobody_revokes_another_persons_token(contributor_client, colleague_client, contributor):
    _create(contributor_client)
    token = ApiToken.objects.get(user=contributor)
    url = reverse("api_token_revoke", kwargs={"uid": token.uid})
    assert colleague_client.get(url).status_code == 404
    assert colleague_client.post(url).status_code == 404
    assert ApiToken.objects.filter(pk=token.pk).exists()


def test_an_expired_token_is_refused(contributor):
    client = token_client(contributor)
    ApiToken.objects.update(expiry=timezone.now() - timedelta(seconds=1))
    assert client.get(reverse("api:me")).status_code == 401


def test_a_token_of_a_deactivated_user_is_refused(contributor):
    client = token_client(contributor)
    contributor.is_active = False
    contributor.save()
    assert client.get(reverse("api:me")).status_code == 401


def test_tokens_live_at_most_a_year_and_not_in_the_past(contributor_client):
    too_long = _create(contributor_client, expires_on=timezone.localdate() + timedelta(days=400))
    past = _create(contributor_client, expires_on=timezone.localdate() - timedelta(days=1))
    assert too_long.status_code == 400 and "at most a year" in too_long.content.decode()
    assert past.status_code == 400
    assert not ApiToken.objects.exists()


def test_a_token_expires_at_the_end_of_its_last_day(contributor_client, contributor):
    last_day = timezone.localdate() + timedelta(days=10)
    _create(contributor_client, expires_on=last_day)
    expiry = timezone.localtime(ApiToken.objects.get(user=contributor).expiry)
    assert expiry.date() == last_day + timedelta(days=1) and expiry.hour == 0


def test_moderators_need_a_second_factor_before_creating_tokens(db):
    moderator = make_user("mod2@portal.example", display_name="Mod Two", is_moderator=True)
    client = Client()
    client.force_login(moderator)
    assert client.get(reverse("api_tokens")).status_code == 302
    with_totp(moderator)
    assert client.get(reverse("api_tokens")).status_code == 200


def test_the_session_needs_its_csrf_token_for_unsafe_methods(contributor):
    client = APIClient(enforce_csrf_checks=True)
    client.force_login(contributor)
    refused = client.post(reverse("api:practice-list"), DRAFT, format="json")
    assert refused.status_code == 403 and "CSRF" in refused.json()["detail"]
    client.get(reverse("api_tokens"))  # sets the CSRF cookie
    csrf = client.cookies["csrftoken"].value
    accepted = client.post(reverse("api:practice-list"), DRAFT, format="json", HTTP_X_CSRFTOKEN=csrf)
    assert accepted.status_code == 201


def _rates(settings, **rates):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {**settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"], **rates},
    }


def test_a_token_over_its_rate_gets_429_with_retry_after(contributor, settings):
    _rates(settings, token="2/minute")
    client = token_client(contributor)
    assert [client.get(reverse("api:me")).status_code for _ in range(2)] == [200, 200]
    refused = client.get(reverse("api:me"))
    assert refused.status_code == 429
    assert 0 < int(refused["Retry-After"]) <= 90  # a period at most, and half of one (2 requests a minute)
    assert refused["Content-Type"] == "application/problem+json" and refused.json()["status"] == 429
    assert token_client(contributor).get(reverse("api:me")).status_code == 200  # another token has its own rate


def test_all_of_a_users_tokens_and_sessions_share_the_user_rate(contributor, settings):
    _rates(settings, user="3/minute")
    first, second, session = token_client(contributor), token_client(contributor), api_client_for(contributor)
    assert [c.get(reverse("api:me")).status_code for c in (first, second, session)] == [200, 200, 200]
    assert session.get(reverse("api:me")).status_code == 429


def test_anonymous_requests_are_limited_per_address(client, settings, db):
    _rates(settings, anonymous="2/minute")
    assert [APIClient().get(reverse("api:theme-list")).status_code for _ in range(3)] == [200, 200, 429]
