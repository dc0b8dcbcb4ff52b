"""The API as a municipality's or service's own script uses it, knowing only docs/API.md and
the OpenAPI schema: where the two and the answers must agree (session 20's client sweep)."""

import pytest
import yaml
from django.test import override_settings
from django.urls import reverse
from rest_framework.test import APIClient

from practices.indexing import FACETS
from tests.practices.factories import make_practice

from .conftest import token_client

pytestmark = pytest.mark.django_db

SEARCH = "/api/v1/practices/"


@pytest.fixture
def schema():
    return yaml.safe_load(APIClient().get(reverse("api:schema")).content)


def _problem(response, status: int) -> dict:
    assert response.status_code == status, response.content
    assert response["Content-Type"] == "application/problem+json"
    return response.json()


# Filters: every facet the search answers with is a filter it takes --------------------------


def test_every_facet_the_search_counts_is_a_filter_of_the_api_as_of_the_search_page(world):
    facets = APIClient().get(SEARCH).json()["facets"]
    assert set(facets) == set(FACETS)
    for facet, counts in facets.items():
        for entry in counts:
            response = APIClient().get(SEARCH, {facet: entry["code"]})
            assert response.status_code == 200, (facet, response.content)
            assert response.json()["count"] == entry["count"], (facet, entry)


def test_the_source_filter_keeps_this_portals_practices_and_no_unknown_host(world):
    local = APIClient().get(SEARCH, {"source": "local"}).json()
    assert local["count"] == 2 and {hit["title"] for hit in local["results"]} == {
        "Public mentoring method",
        world.outsider_public.title,
    }
    assert APIClient().get(SEARCH, {"source": "portal.example"}).json()["count"] == 0


def test_the_schema_names_every_facet_as_a_repeatable_query_parameter(schema):
    parameters = {p["name"]: p for p in schema["paths"][SEARCH]["get"]["parameters"]}
    for facet in FACETS:
        assert parameters[facet]["schema"]["type"] == "array", facet
        assert parameters[facet].get("description"), facet


# Errors: one documented shape, in the request's language ------------------------------------

RFC_9110_TITLES = {
    404: "Not Found",
    405: "Method Not Allowed",
    406: "Not Acceptable",
    413: "Content Too Large",
    415: "Unsupported Media Type",
}


def _about_blank_problems(client, world, **headers) -> dict[int, dict]:
    with override_settings(DATA_UPLOAD_MAX_MEMORY_SIZE=100):
        too_large = client.post(SEARCH, {"title": "x" * 500}, format="json", **headers)
    return {
        404: _problem(client.get("/api/v1/no-such-thing/", **headers), 404),
        405: _problem(client.put(reverse("api:theme-list"), {}, format="json", **headers), 405),
        406: _problem(client.get(SEARCH, HTTP_ACCEPT="text/html", **headers), 406),
        413: _problem(too_large, 413),
        415: _problem(client.post(SEARCH, "a=b", content_type="application/x-www-form-urlencoded", **headers), 415),
    }


def test_about_blank_problems_are_titled_with_rfc_9110s_phrases(world, contributor):
    problems = _about_blank_problems(token_client(contributor), world)
    for status, problem in problems.items():
        assert problem["type"] == "about:blank" and problem["status"] == status
        assert problem["title"] == RFC_9110_TITLES[status], status


def test_about_blank_titles_follow_the_requests_language(world, contributor):
    problems = _about_blank_problems(token_client(contributor), world, HTTP_ACCEPT_LANGUAGE="fr")
    assert all(problem["title"] != RFC_9110_TITLES[status] for status, problem in problems.items())


@pytest.mark.parametrize("fmt", ["", "template.docx", "template.md"])
def test_a_practice_not_found_is_said_in_the_requests_language_as_any_404(world, fmt):
    hidden = APIClient().get(f"/api/v1/practices/{world.draft.pk}/{fmt}", HTTP_ACCEPT_LANGUAGE="fr")
    absent = APIClient().get(f"/api/v1/practices/99999999/{fmt}", HTTP_ACCEPT_LANGUAGE="fr")
    unknown = APIClient().get("/api/v1/no-such-thing/", HTTP_ACCEPT_LANGUAGE="fr")
    details = {_problem(response, 404)["detail"] for response in (hidden, absent, unknown)}
    assert details == {"Non trouvé."}


@pytest.mark.parametrize(
    "body, position",
    [
        ('{"title": "x",}', "line 1, column 15"),
        ('{\n  "title": x\n}', "line 2, column 12"),
        (b"\xff\xfe{}", "UTF-8"),
        ('{"start_year": NaN}', "not valid JSON."),
    ],
)
def test_a_body_that_is_not_json_says_where_in_the_apis_words_not_the_decoders(contributor, body, position):
    response = token_client(contributor).post(SEARCH, body, content_type="application/json")
    problem = _problem(response, 400)
    assert problem["type"] == "urn:pve-portal:problem:malformed-request"
    assert "JSON parse error" not in problem["detail"] and "Expecting" not in problem["detail"]
    assert "codec" not in problem["detail"] and "Out of range" not in problem["detail"]
    assert position in problem["detail"]


def test_the_schema_documents_406_on_every_operation_and_instance_with_its_query(schema):
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            if method in ("get", "post", "put", "patch", "delete"):
                assert "406" in operation["responses"], (method, path)
    assert "query" in schema["components"]["schemas"]["Problem"]["properties"]["instance"]["description"]
    assert _problem(APIClient().get(SEARCH, {"nope": "1"}), 400)["instance"] == "/api/v1/practices/?nope=1"


# Downloads ----------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["docx", "md"])
def test_the_schema_documents_the_downloads_content_disposition_as_sent(schema, world, fmt):
    response = APIClient().get(f"/api/v1/practices/{world.public.pk}/template.{fmt}", {"language": "fr"})
    sent = response["Content-Disposition"]
    assert sent == f'attachment; filename="ran-template-{world.public.pk}-public-mentoring-method-fr.{fmt}"'
    documented = schema["paths"][f"/api/v1/practices/{{id}}/template.{fmt}"]["get"]["responses"]["200"]
    assert documented["description"]
    header = documented["headers"]["Content-Disposition"]
    assert header["schema"]["type"] == "string" and "attachment; filename=" in header["description"]
    assert response["Content-Type"].split(";")[0] in documented["content"]


# The documented walk: a script pages through a French or German search to its end -----------


@pytest.mark.parametrize(
    "language, query, title", [("fr", "familles", "Soutien aux familles"), ("de", "Familien", "Familienberatung")]
)
def test_a_script_pages_through_a_search_in_french_or_german_with_facets_to_the_end(
    contributor, colleague, language, query, title
):
    for number in range(23):
        make_practice(
            author=contributor,
            title=f"{title} {number}",
            description=f"{title} {query} {number}.",
            language=language,
            publish=True,
        )
    client = token_client(colleague, scope="read")
    url, seen, pages = f"{SEARCH}?q={query}&language={language}&theme=exit-strategies&country=NO&source=local", [], 0
    while url:
        page = client.get(url).json()
        seen += [hit["id"] for hit in page["results"]]
        assert {entry["code"] for entry in page["facets"]["language"]} == {language}
        url, pages = page["next"], pages + 1
    assert pages == 2 and len(seen) == len(set(seen)) == page["count"] == 23


# Values: what "me" says is one of the values the schema lists ------------------------------


@pytest.mark.parametrize("scope", ["read", "read-write"])
def test_me_says_role_and_token_scope_with_values_the_schema_lists(schema, org_admin, contributor, scope):
    me = schema["components"]["schemas"]["Me"]["properties"]

    def listed(prop: dict) -> list:
        return [value for part in prop.get("oneOf", [prop]) for value in resolve(schema, part).get("enum", [])]

    for user in (org_admin, contributor):
        answer = token_client(user, scope=scope).get(reverse("api:me")).json()
        assert answer["token_scope"] == scope and scope in listed(me["token_scope"])
        assert answer["role"] in listed(me["role"]), answer["role"]
    assert set(listed(me["token_scope"])) >= {"read", "read-write"}
    assert set(listed(me["role"])) >= {"member", "admin"}


def resolve(schema: dict, part: dict) -> dict:
    return schema["components"]["schemas"][part["$ref"].split("/")[-1]] if "$ref" in part else part
