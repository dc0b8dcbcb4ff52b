"""Issue 14, item 12: text sizes are bounded in the form, the API and the importer; deeply
nested documents are refused, not a 500; the personal-data checker reads long texts in pieces."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from rest_framework.test import APIClient

from practices.models import Practice

pytestmark = pytest.mark.django_db

API_DRAFT = {
    "title": "Mentoring after release",
    "description": "Weekly mentoring to prevent violent extremism after release from prison.",
    "language": "en",
    "key_themes": ["exit-strategies", "prison-probation"],
    "target_audiences": ["violent-extremists"],
    "visibility": "members",
}


def too_long(settings) -> str:
    """A text one paragraph long, one character over the field limit, ending in a marker."""
    words = "Weekly mentoring sessions prevent violent extremism. "
    text = (words * (settings.PRACTICE_FIELD_MAX_CHARS // len(words) + 1))[: settings.PRACTICE_FIELD_MAX_CHARS - 9]
    return text + " THE-END!!"


def nested_html(depth: int = 400) -> bytes:
    return ("<div>" * depth + "Name of the practice" + "</div>" * depth).encode()


@pytest.fixture
def contributor_api(contributor) -> APIClient:
    client = APIClient()
    client.force_login(contributor)
    return client


def test_the_form_refuses_an_over_long_field_and_keeps_the_text(contributor_client, settings):
    text = too_long(settings)
    response = contributor_client.post(
        reverse("practices:create"),
        {
            "title": "Street outreach",
            "description": "Outreach.",
            "evidence_evaluation": text,
            "language": "en",
            "visibility": "members",
            "peer_reviewed": "no",
        },
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert f"at most {settings.PRACTICE_FIELD_MAX_CHARS} characters" in page
    assert "THE-END!!" in page  # what the user typed comes back whole
    assert not Practice.objects.exists()


def test_the_form_keeps_a_long_text_within_the_limit(contributor_client, settings):
    text = too_long(settings)[1:]
    response = contributor_client.post(
        reverse("practices:create"),
        {
            "title": "Street outreach",
            "description": "Outreach.",
            "evidence_evaluation": text,
            "language": "en",
            "visibility": "members",
            "peer_reviewed": "no",
        },
    )
    assert response.status_code == 302
    assert Practice.objects.get().evidence_evaluation == text


def test_the_api_refuses_an_over_long_field(contributor_api, settings):
    response = contributor_api.post(
        reverse("api:practice-list"), {**API_DRAFT, "deliverables": too_long(settings)}, format="json"
    )
    assert response.status_code == 400
    assert [(e["field"], e["code"]) for e in response.json()["errors"]] == [("deliverables", "max_length")]
    assert not Practice.objects.exists()


def test_the_api_schema_states_the_field_limit(client, settings):
    schema = client.get(reverse("api:schema"), {"format": "json"}).json()
    request = schema["components"]["schemas"]["PracticeWriteRequest"]["properties"]
    assert request["description"]["maxLength"] == settings.PRACTICE_FIELD_MAX_CHARS
    assert f'"maxLength": {settings.PRACTICE_FIELD_MAX_CHARS}' in json.dumps(request["contact"])  # blank or bounded


@pytest.mark.parametrize("name", ["nested.html", "nested.txt"])
def test_a_deeply_nested_document_is_refused_on_the_web(contributor_client, name):
    response = contributor_client.post(
        reverse("practices:import"), {"document": SimpleUploadedFile(name, nested_html())}
    )
    assert response.status_code == 400
    assert "nests its elements too deeply" in response.content.decode()


@pytest.mark.parametrize("name", ["nested.html", "nested.txt"])
def test_a_deeply_nested_document_is_refused_by_the_api(contributor_api, name):
    response = contributor_api.post(
        reverse("api:practice-import-document"),
        {"document": SimpleUploadedFile(name, nested_html())},
        format="multipart",
    )
    assert response.status_code == 400
    assert "nests its elements too deeply" in str(response.json())


def test_an_import_with_an_over_long_field_keeps_it_but_saves_nothing(contributor_api, contributor_client, settings):
    document = f"Name of the practice\tMentoring\nDescription\t{too_long(settings)}\n".encode()
    web = contributor_client.post(reverse("practices:import"), {"document": SimpleUploadedFile("long.txt", document)})
    assert web.status_code == 200  # the text comes back whole, to shorten, with a note naming the limit
    assert "THE-END!!" in web.content.decode() and "a field may hold at most" in web.content.decode()
    api = contributor_api.post(
        reverse("api:practice-import-document") + "?save=true",
        {"document": SimpleUploadedFile("long.txt", document)},
        format="multipart",
    )
    assert api.status_code == 400
    assert [e["field"] for e in api.json()["errors"]] == ["description"]
    assert not Practice.objects.exists()


def test_web_imports_are_limited_like_the_apis(contributor_client, settings):
    settings.PRACTICE_IMPORT_RATE = "2/h"
    document = b"Name of the practice\tMentoring\nDescription\tWeekly mentoring.\n"

    def upload() -> int:
        return contributor_client.post(
            reverse("practices:import"), {"document": SimpleUploadedFile("t.txt", document)}
        ).status_code

    assert [upload(), upload(), upload()] == [200, 200, 429]


def test_the_default_web_import_rate_is_the_apis(settings):
    count, period = settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]["import"].split("/")
    assert f"{count}/{period[0]}" == settings.PRACTICE_IMPORT_RATE
