"""The OpenAPI 3 schema and the interactive documentation, served by the portal itself."""

import re

import pytest
import yaml
from django.contrib.staticfiles import finders
from django.urls import reverse
from drf_spectacular.validation import validate_schema

pytestmark = pytest.mark.django_db


@pytest.fixture
def schema(client) -> dict:
    response = client.get(reverse("api:schema"))
    assert response.status_code == 200
    return yaml.safe_load(response.content)


def test_the_schema_is_valid_openapi_3(schema):
    assert schema["openapi"].startswith("3.")
    validate_schema(schema)


def test_the_schema_covers_every_endpoint_of_the_issue(schema):
    paths = set(schema["paths"])
    assert {
        "/api/v1/practices/",
        "/api/v1/practices/{id}/",
        "/api/v1/practices/{id}/submit/",
        "/api/v1/practices/import/",
        "/api/v1/themes/",
        "/api/v1/audiences/",
        "/api/v1/organisation-types/",
        "/api/v1/organisations/",
        "/api/v1/networks/",
        "/api/v1/networks/{id}/threads/",
        "/api/v1/threads/{id}/posts/",
        "/api/v1/posts/{id}/",
        "/api/v1/moderation/practices/",
        "/api/v1/moderation/practices/{id}/approve/",
        "/api/v1/moderation/practices/{id}/request-changes/",
        "/api/v1/moderation/practices/{id}/reject/",
        "/api/v1/moderation/practices/{id}/evidence-level/",
        "/api/v1/moderation/practices/{id}/findings/{finding_pk}/redact/",
        "/api/v1/moderation/practices/{id}/findings/{finding_pk}/dismiss/",
    } <= paths


def test_every_operation_documents_its_problem_responses(schema):
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            for status in ("401", "404", "429"):
                content = operation["responses"][status]["content"]
                assert list(content) == ["application/problem+json"], (path, method, status)
            assert "Retry-After" in operation["responses"]["429"]["headers"]


def test_the_main_endpoints_carry_examples(schema):
    search = schema["paths"]["/api/v1/practices/"]["get"]["responses"]["200"]["content"]["application/json"]
    create = schema["paths"]["/api/v1/practices/"]["post"]["requestBody"]["content"]["application/json"]
    detail = schema["paths"]["/api/v1/practices/{id}/"]["get"]["responses"]["200"]["content"]["application/json"]
    assert search["examples"] and create["examples"] and detail["examples"]


def test_public_endpoints_take_anonymous_requests_and_private_ones_do_not(schema):
    assert {} in schema["paths"]["/api/v1/practices/"]["get"]["security"]
    assert {} not in schema["paths"]["/api/v1/practices/"]["post"]["security"]
    assert {} not in schema["paths"]["/api/v1/moderation/practices/"]["get"]["security"]
    assert "tokenAuth" in schema["components"]["securitySchemes"]


def test_the_documentation_page_loads_nothing_from_another_host(client):
    response = client.get(reverse("api:docs"))
    assert response.status_code == 200
    page = response.content.decode()
    assets = re.findall(r'(?:src|href)="([^"]+)"', page)
    assert assets and not [url for url in assets if url.startswith(("http:", "https:", "//"))]
    for url in assets:
        if not url.startswith("/static/"):  # the page's own start-up script, served beside it
            assert client.get(url).status_code == 200, url
            continue
        path = url.split("?")[0].removeprefix("/static/")
        assert finders.find(path), url
