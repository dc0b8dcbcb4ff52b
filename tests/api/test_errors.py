"""Every API error is an RFC 9457 problem details document (application/problem+json)."""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from tests.api.conftest import api_client_for
from tests.practices.factories import make_practice

pytestmark = pytest.mark.django_db

MEMBERS = ("type", "title", "status", "detail", "instance")


def _problem(response, status: int) -> dict:
    assert response.status_code == status
    assert response["Content-Type"] == "application/problem+json"
    problem = response.json()
    assert all(member in problem for member in MEMBERS) and problem["status"] == status
    return problem


def test_an_unknown_api_path_is_a_problem_not_an_html_page(client):
    problem = _problem(client.get("/api/v1/no-such-thing/?x=1"), 404)
    assert problem["type"] == "about:blank" and problem["title"] == "Not Found"
    assert problem["instance"] == "/api/v1/no-such-thing/?x=1"


def test_a_practice_one_may_not_read_is_a_plain_404(client, contributor):
    draft = make_practice(author=contributor)
    assert _problem(client.get(reverse("api:practice-detail", kwargs={"pk": draft.pk})), 404)["code"] == "not_found"


def test_ids_beyond_64_bits_are_not_found_rather_than_a_database_error(client):
    _problem(client.get("/api/v1/practices/123456789012345678901234567890/"), 404)
    _problem(client.get("/api/v1/moderation/practices/1/findings/99999999999999999999/redact/"), 404)


def test_validation_errors_list_each_field(contributor):
    problem = _problem(api_client_for(contributor).post(reverse("api:practice-list"), {}, format="json"), 400)
    assert {(e["field"], e["code"]) for e in problem["errors"]} == {
        ("title", "required"),
        ("description", "required"),
        ("language", "required"),
    }


def test_a_service_refusal_becomes_a_problem(contributor):
    practice = make_practice(author=contributor, publish=True)
    copy = api_client_for(contributor).post(reverse("api:practice-revision", kwargs={"pk": practice.pk})).json()
    problem = _problem(api_client_for(contributor).post(reverse("api:practice-submit", kwargs={"pk": copy["id"]})), 400)
    assert problem["errors"][0]["field"] is None and "readers will see" in problem["detail"]


def test_malformed_json_is_a_problem(contributor):
    client = api_client_for(contributor)
    response = client.generic("POST", reverse("api:practice-list"), "{not json", content_type="application/json")
    assert _problem(response, 400)["type"] == "urn:pve-portal:problem:malformed-request"


def test_an_unsupported_method_is_405_with_the_allowed_ones(contributor):
    practice = make_practice(author=contributor)
    response = api_client_for(contributor).delete(reverse("api:practice-detail", kwargs={"pk": practice.pk}))
    _problem(response, 405)
    assert "PATCH" in response["Allow"] and "DELETE" not in response["Allow"]


def test_an_unsupported_method_is_405_even_where_access_would_answer_404(outsider):
    _problem(api_client_for(outsider).delete(reverse("api:moderation-list")), 405)


def test_a_form_post_to_a_json_endpoint_is_415(contributor):
    response = api_client_for(contributor).post(reverse("api:practice-list"), {"title": "x"}, format="multipart")
    _problem(response, 415)


def test_an_invalid_token_is_401_with_the_scheme_to_use(db):
    response = APIClient().get(reverse("api:me"), HTTP_AUTHORIZATION="Token pve_0000")
    assert _problem(response, 401)["type"] == "urn:pve-portal:problem:authentication-failed"
    assert response["WWW-Authenticate"] == "Token"


def test_an_anonymous_request_for_a_signed_in_endpoint_is_401(client):
    assert _problem(client.get(reverse("api:me")), 401)["code"] == "not_authenticated"


def test_problems_speak_the_language_of_the_request(client):
    problem = _problem(client.get(reverse("api:me"), HTTP_ACCEPT_LANGUAGE="fr"), 401)
    english = _problem(client.get(reverse("api:me")), 401)
    assert problem["detail"] != english["detail"]  # DRF's own messages are translated


def test_a_body_naming_an_unknown_field_is_refused(contributor):
    body = {"title": "t", "description": "d", "language": "en", "titel": "typo"}
    problem = _problem(api_client_for(contributor).post(reverse("api:practice-list"), body, format="json"), 400)
    assert [error["field"] for error in problem["errors"]] == ["titel"]
