"""Public pages carry validators for anonymous readers and answer 304; signed-in readers'
pages are private and never validated or kept."""

import pytest
from django.conf import settings
from django.urls import reverse

from practices import services
from tests.practices.factories import make_practice

pytestmark = pytest.mark.django_db

READER_PAGES = ("home", "search:search")


@pytest.fixture
def practice(contributor):
    return make_practice(author=contributor, title="Family support in Ravnstad", publish=True)


def _detail(practice) -> str:
    return reverse("practices:detail", args=[practice.pk])


@pytest.mark.parametrize("name", READER_PAGES)
def test_anonymous_reader_pages_carry_an_etag_and_answer_304(client, practice, name):
    response = client.get(reverse(name))
    assert response.status_code == 200
    etag = response["ETag"]
    assert "public" in response["Cache-Control"] and "no-cache" in response["Cache-Control"]
    assert "Cookie" in response["Vary"] and "Accept-Language" in response["Vary"]
    assert "csrftoken" not in response.cookies
    again = client.get(reverse(name), HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304
    assert again.content == b""


def test_a_published_change_gives_the_practice_page_a_new_etag(client, practice, org_admin):
    first = client.get(_detail(practice))
    assert b"Family support in Ravnstad" in first.content
    services.practice_withdraw(practice=practice, actor=org_admin, reason="Outdated")
    again = client.get(_detail(practice), HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 404


def test_a_practice_restricted_to_members_is_not_served_from_an_anonymous_cache(client, practice, contributor):
    first = client.get(_detail(practice))
    services.practice_set_visibility(practice=practice, actor=contributor, visibility="members")
    assert client.get(_detail(practice), HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 404
    assert client.get(_detail(practice)).status_code == 404
    assert b"Family support in Ravnstad" not in client.get(reverse("search:search")).content


def test_a_new_publication_shows_at_once_on_a_kept_page(client, practice, contributor):
    assert b"Prison mentoring" not in client.get(reverse("search:search")).content
    make_practice(author=contributor, title="Prison mentoring", publish=True)
    assert b"Prison mentoring" in client.get(reverse("search:search")).content


@pytest.mark.parametrize("name", READER_PAGES)
def test_signed_in_readers_get_private_pages_without_validators(colleague_client, practice, name):
    response = colleague_client.get(reverse(name))
    assert response.status_code == 200
    assert "ETag" not in response
    assert "private" in response["Cache-Control"]
    assert "Cookie" in response["Vary"]
    assert colleague_client.get(reverse(name), HTTP_IF_NONE_MATCH='"anything"').status_code == 200


def test_the_outsider_sees_the_practice_page_privately(outsider_client, practice):
    response = outsider_client.get(_detail(practice))
    assert response.status_code == 200 and "ETag" not in response and "private" in response["Cache-Control"]


def test_signed_in_reader_never_gets_the_anonymous_page(client, colleague_client, practice):
    client.get(_detail(practice))  # kept for anonymous readers
    page = colleague_client.get(_detail(practice)).content.decode()
    assert "Case desk" in page  # the contact, shown to signed-in readers only
    assert "Case desk" not in client.get(_detail(practice)).content.decode()


def test_a_private_network_page_is_private(contributor_client):
    response = contributor_client.get(reverse("network:list"))
    assert response.status_code == 200
    assert "private" in response["Cache-Control"] and "ETag" not in response


def test_an_anonymous_reader_with_a_session_gets_no_validator(client, practice):
    client.cookies[settings.SESSION_COOKIE_NAME] = "not-a-session"
    response = client.get(_detail(practice))
    assert response.status_code == 200 and "ETag" not in response


def test_each_language_has_its_own_kept_page(client, practice):
    english = client.get(reverse("search:search")).content.decode()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fr"
    french = client.get(reverse("search:search")).content.decode()
    assert 'lang="fr"' in french and 'lang="en"' in english


def test_anonymous_readers_switch_language_without_a_csrf_token(client):
    response = client.get(reverse("language_switch"), {"language": "fr", "next": "/practices/"})
    assert response.status_code == 302 and response["Location"] == "/practices/"
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "fr"
    assert 'lang="fr"' in client.get("/search/").content.decode()


def test_the_language_switch_never_sends_a_reader_elsewhere(client):
    response = client.get(reverse("language_switch"), {"language": "fr", "next": "https://evil.example/"})
    assert response["Location"] == "/"
    unknown = client.get(reverse("language_switch"), {"language": "xx", "next": "/"})
    assert settings.LANGUAGE_COOKIE_NAME not in unknown.cookies


def test_a_moderators_change_of_a_published_practice_is_served_at_once(client, practice, moderator):
    first = client.get(_detail(practice))
    services.practice_set_evidence_level(practice=practice, moderator=moderator, level="outcome_evaluation")
    again = client.get(_detail(practice), HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 200 and again["ETag"] != first["ETag"]
    assert "Outcome evaluation" in again.content.decode()


@pytest.mark.parametrize("name", ["api:practice-list", "api:practice-detail"])
def test_the_api_answers_304_to_anonymous_readers_and_never_to_signed_in_ones(client, colleague_client, practice, name):
    url = reverse(name, args=[practice.pk] if name.endswith("detail") else [])
    first = client.get(url)
    assert first.status_code == 200 and first["ETag"]
    assert client.get(url, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    signed_in = colleague_client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert signed_in.status_code == 200 and "ETag" not in signed_in and "private" in signed_in["Cache-Control"]


def test_the_api_forgets_a_practice_restricted_to_members(client, practice, contributor):
    url = reverse("api:practice-detail", args=[practice.pk])
    assert client.get(url).json()["title"] == "Family support in Ravnstad"
    services.practice_set_visibility(practice=practice, actor=contributor, visibility="members")
    assert client.get(url).status_code == 404
    assert client.get(reverse("api:practice-list")).json()["count"] == 0
