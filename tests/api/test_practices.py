"""Practices through the API: search, read, write drafts, submit, import template documents."""

from pathlib import Path

import pytest
from django.test import override_settings
from django.urls import reverse

from practices.indexing import COLLECTION as PRACTICES
from practices.models import Finding, Practice
from search.backends import get_search_backend
from search.backends.base import SearchQuery
from tests.api.conftest import api_client_for
from tests.practices.factories import make_practice

pytestmark = pytest.mark.django_db

SEED = Path(__file__).resolve().parents[2] / "practices" / "fixtures" / "templates" / "000_c92d1ef0c5228cd4.txt"
DRAFT = {
    "title": "Mentoring after release",
    "description": "Weekly mentoring to prevent violent extremism after release from prison.",
    "language": "en",
    "key_themes": ["exit-strategies", "prison-probation"],
    "target_audiences": ["violent-extremists"],
    "visibility": "members",
    "start_year": 2019,
}


@pytest.fixture
def contributor_api(contributor):
    return api_client_for(contributor)


# Writing ---------------------------------------------------------------------------------


def test_a_member_writes_a_draft_for_their_organisation(contributor_api, contributor, home_organisation):
    response = contributor_api.post(reverse("api:practice-list"), DRAFT, format="json")
    assert response.status_code == 201
    data = response.json()
    assert response["Location"] == reverse("api:practice-detail", kwargs={"pk": data["id"]})
    practice = Practice.objects.get(pk=data["id"])
    assert (practice.status, practice.author, practice.organisation) == ("draft", contributor, home_organisation)
    assert [term["code"] for term in data["key_themes"]] == ["exit-strategies", "prison-probation"]
    assert data["can_edit"] and data["can_submit"]


def test_an_invalid_draft_is_refused_with_every_invalid_field_listed(contributor_api):
    body = {"description": "x", "key_themes": ["no-such-theme"], "start_year": 1200}
    response = contributor_api.post(reverse("api:practice-list"), body, format="json")
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    problem = response.json()
    assert {error["field"] for error in problem["errors"]} == {"title", "language", "key_themes", "start_year"}
    assert problem["type"] == "urn:pve-portal:problem:validation-error" and problem["status"] == 400
    assert not Practice.objects.exists()


def test_an_end_year_before_the_start_year_is_refused(contributor_api):
    response = contributor_api.post(reverse("api:practice-list"), {**DRAFT, "end_year": 2010}, format="json")
    assert response.status_code == 400
    assert [error["field"] for error in response.json()["errors"]] == ["end_year"]


def test_numbers_are_not_accepted_as_text(contributor_api):
    response = contributor_api.post(reverse("api:practice-list"), {**DRAFT, "title": 12}, format="json")
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "title"


def test_a_partial_update_keeps_the_other_fields_and_the_themes(contributor_api, contributor):
    practice = make_practice(author=contributor)
    url = reverse("api:practice-detail", kwargs={"pk": practice.pk})
    response = contributor_api.patch(url, {"title": "Mentoring, second version"}, format="json")
    assert response.status_code == 200
    practice.refresh_from_db()
    assert practice.title == "Mentoring, second version"
    assert practice.description.startswith("Weekly mentoring")
    assert sorted(practice.key_themes.values_list("code", flat=True)) == ["exit-strategies", "prison-probation"]


def test_a_published_practice_changes_through_a_reviewed_copy(contributor_api, contributor):
    practice = make_practice(author=contributor, publish=True)
    url = reverse("api:practice-detail", kwargs={"pk": practice.pk})
    refused = contributor_api.patch(url, {"title": "Changed in place"}, format="json")
    assert refused.status_code == 403 and "revision" in refused.json()["detail"]
    copy = contributor_api.post(reverse("api:practice-revision", kwargs={"pk": practice.pk}))
    assert copy.status_code == 201
    assert copy.json()["revision_of"] == practice.pk and copy.json()["status"] == "draft"
    practice.refresh_from_db()
    assert practice.title == "Mentoring after prison"


def test_submitting_runs_the_personal_data_check_and_shows_the_findings(contributor_api, contributor):
    practice = make_practice(author=contributor, description="Call Kari Nordmann at kari.nordmann@gmail.com.")
    response = contributor_api.post(reverse("api:practice-submit", kwargs={"pk": practice.pk}), {}, format="json")
    assert response.status_code == 200
    data = response.json()
    assert data["status"] == "submitted" and not data["can_submit"]
    assert ("EMAIL_ADDRESS", "kari.nordmann@gmail.com") in {(f["type"], f["text"]) for f in data["findings"]}
    assert Finding.objects.filter(practice=practice, status=Finding.Status.OPEN).exists()


def test_submitting_twice_is_refused(contributor_api, contributor):
    practice = make_practice(author=contributor)
    url = reverse("api:practice-submit", kwargs={"pk": practice.pk})
    assert contributor_api.post(url, {}, format="json").status_code == 200
    assert contributor_api.post(url, {}, format="json").status_code == 403


def test_an_update_of_a_published_practice_needs_a_change_summary(contributor_api, contributor):
    practice = make_practice(author=contributor, publish=True)
    copy = contributor_api.post(reverse("api:practice-revision", kwargs={"pk": practice.pk})).json()
    url = reverse("api:practice-submit", kwargs={"pk": copy["id"]})
    refused = contributor_api.post(url, {}, format="json")
    assert refused.status_code == 400
    accepted = contributor_api.post(url, {"change_summary": "Adds the costs."}, format="json")
    assert accepted.status_code == 200 and accepted.json()["change_summary"] == "Adds the costs."


# Import --------------------------------------------------------------------------------------


def _upload(client, name: str, content: bytes, **query):
    from django.core.files.uploadedfile import SimpleUploadedFile

    url = reverse("api:practice-import-document")
    if query:
        url += "?" + "&".join(f"{key}={value}" for key, value in query.items())
    return client.post(url, {"document": SimpleUploadedFile(name, content)}, format="multipart")


def test_an_uploaded_template_comes_back_as_a_draft_to_correct_and_nothing_is_saved(contributor_api):
    response = _upload(contributor_api, "practice.txt", SEED.read_bytes())
    assert response.status_code == 200
    data = response.json()
    assert data["draft"]["title"] and data["draft"]["language"] == "fr"
    assert data["organisation"]["name"]
    assert isinstance(data["warnings"], list)
    assert not Practice.objects.exists()
    resent = contributor_api.post(reverse("api:practice-list"), data["draft"], format="json")
    assert resent.status_code == 201, resent.json()


def test_save_true_saves_the_uploaded_template_as_a_draft(contributor_api, contributor):
    response = _upload(contributor_api, "practice.txt", SEED.read_bytes(), save="true")
    assert response.status_code == 201
    practice = Practice.objects.get(pk=response.json()["id"])
    assert (practice.status, practice.author, practice.organisation) == ("draft", contributor, contributor.organisation)
    drafts = contributor_api.get(reverse("api:practice-drafts")).json()["results"]
    assert [item["id"] for item in drafts] == [practice.pk]


def test_an_unreadable_document_is_refused_with_the_reason(contributor_api):
    response = _upload(contributor_api, "practice.doc", b"\xd0\xcf\x11\xe0 binary Word 97")
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "document"
    assert ".doc" in response.json()["errors"][0]["detail"]
    response = _upload(contributor_api, "practice.pdf", b"%PDF-1.7 binary")
    assert response.status_code == 400
    assert "not a valid PDF" in response.json()["errors"][0]["detail"]


@override_settings(PRACTICE_UPLOAD_MAX_BYTES=100)
def test_a_document_over_the_size_limit_is_refused(contributor_api):
    response = _upload(contributor_api, "practice.txt", SEED.read_bytes())
    assert response.status_code == 400 and response.json()["errors"][0]["field"] == "document"


def test_the_import_takes_multipart_uploads_only(contributor_api):
    response = contributor_api.post(reverse("api:practice-import-document"), {"document": "text"}, format="json")
    assert response.status_code == 415
    assert response["Content-Type"] == "application/problem+json"


# Search ----------------------------------------------------------------------------------


def test_search_narrows_by_words_and_facets(client, contributor, outsider):
    make_practice(author=contributor, title="Family circle", publish=True, themes=("family-support",))
    make_practice(author=contributor, title="Prison dialogue", publish=True, themes=("prison-probation",))
    make_practice(author=outsider, title="Family hotline", publish=True, themes=("family-support",))
    url = reverse("api:practice-list")
    assert {hit["title"] for hit in client.get(url, {"q": "family"}).json()["results"]} == {
        "Family circle",
        "Family hotline",
    }
    narrowed = client.get(url, {"q": "family", "country": "NL"}).json()
    assert [hit["title"] for hit in narrowed["results"]] == ["Family hotline"] and narrowed["count"] == 1
    themes = client.get(url, {"theme": ["family-support", "prison-probation"]}).json()
    assert themes["count"] == 3
    labels = {option["code"]: option["label"] for option in themes["facets"]["theme"]}
    assert labels["family-support"] == "Family support"


def test_search_labels_follow_the_language_of_the_request(client, contributor):
    make_practice(author=contributor, title="Family circle", publish=True, themes=("family-support",))
    data = client.get(reverse("api:practice-list"), HTTP_ACCEPT_LANGUAGE="fr").json()
    labels = {option["code"]: option["label"] for option in data["facets"]["theme"]}
    assert labels["family-support"] == "Soutien de la famille"


def test_search_pages_follow_the_cursor_links(client, contributor, settings):
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "PAGE_SIZE": 2}
    for number in range(5):
        make_practice(author=contributor, title=f"Method {number}", publish=True)
    first = client.get(reverse("api:practice-list"), {"sort": "date"}).json()
    assert first["count"] == 5 and len(first["results"]) == 2 and first["previous"] is None
    second = client.get(first["next"]).json()
    third = client.get(second["next"]).json()
    seen = [hit["id"] for page in (first, second, third) for hit in page["results"]]
    assert len(seen) == len(set(seen)) == 5 and third["next"] is None
    assert client.get(third["previous"]).json()["results"] == second["results"]


def test_an_invalid_cursor_or_sort_is_refused(client):
    url = reverse("api:practice-list")
    assert client.get(url, {"cursor": "not-a-cursor"}).status_code == 404
    refused = client.get(url, {"sort": ""})
    assert refused.status_code == 400 and refused.json()["errors"][0]["field"] == "sort"


def test_a_stale_index_shows_nothing_more_than_the_database_allows(client, contributor):
    practice = make_practice(author=contributor, title="Soon restricted", publish=True)
    Practice.objects.filter(pk=practice.pk).update(visibility="organisation")  # the index still says public
    hits = get_search_backend().search(PRACTICES, SearchQuery())
    assert practice.pk in [hit.id for hit in hits.hits]
    assert client.get(reverse("api:practice-list")).json()["results"] == []


def test_highlights_carry_only_mark_tags(client, contributor):
    make_practice(author=contributor, title="Mentoring <script>alert(1)</script>", publish=True)
    data = client.get(reverse("api:practice-list"), {"q": "mentoring"}).json()
    assert "<script>" not in data["results"][0]["highlight"]
