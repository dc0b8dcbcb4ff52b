"""Sweep 26: the API as a developer at another municipality meets it, writing a client from
docs/API.md alone, every expectation being what the document promises (or, where it is silent,
what a serious API does):

- a token made on /account/tokens/ and sent as ``Authorization: Token pve_…``;
- the search with words in several languages and facet filters combined (OR within, AND across),
  facet counts that agree with the results, labels in the request's language;
- every page walked with the cursors until ``next`` is null: no repeats, no gaps, stable under a
  publication in the middle;
- the detail: every field listed, with the type the schema gives; contact details only for those
  the document names;
- a draft written, corrected after clear field errors (nothing secret in them) and submitted; a
  template uploaded through the API;
- the OpenAPI schema agreeing with the answers (fields, types, status codes, examples);
- ETag and If-None-Match on anonymous answers, dates in one ISO 8601 form.
"""

import itertools
import json
import re
from datetime import datetime, timedelta
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import jsonschema
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from rest_framework.test import APIClient

from api.models import ApiToken
from practices.models import Practice
from practices.services import practice_withdraw_trusted
from tests.api.conftest import token_client
from tests.conftest import make_user
from tests.practices.factories import make_practice

pytestmark = pytest.mark.django_db

PROBLEM = "application/problem+json"
PAGE = 20
SEARCH = "/api/v1/practices/"
SEED = Path(__file__).resolve().parents[2] / "practices" / "fixtures" / "templates" / "000_c92d1ef0c5228cd4.txt"
ISO_DATETIME = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{1,6})?(Z|[+-]\d\d:\d\d)$")


def problem(response, status: int) -> dict:
    assert response.status_code == status, (response.status_code, response.content[:300])
    assert response["Content-Type"] == PROBLEM
    body = response.json()
    assert {"type", "title", "status", "detail", "instance", "code"} <= set(body)
    assert body["status"] == status
    return body


def fields_in_error(body: dict) -> set:
    return {error["field"] for error in body.get("errors", [])}


def walk(client, url: str, **headers) -> list[dict]:
    pages = []
    while url:
        response = client.get(url, **headers)
        assert response.status_code == 200, response.content[:300]
        pages.append(response.json())
        url = pages[-1]["next"]
        assert len(pages) < 30, "a walk that does not end"
    return pages


def ids_of(pages: list[dict]) -> list[int]:
    return [item["id"] for page in pages for item in page["results"]]


# The OpenAPI schema, as a JSON Schema validator of answers -----------------------------------


@pytest.fixture
def openapi(client) -> dict:
    response = client.get("/api/schema/?format=json")
    assert response.status_code == 200
    return json.loads(response.content)


def _json_schema(node):
    """OpenAPI 3.0's schema objects as JSON Schema (nullable, $ref into $defs)."""
    if isinstance(node, list):
        return [_json_schema(each) for each in node]
    if not isinstance(node, dict):
        return node
    converted = {}
    for key, value in node.items():
        if key == "$ref":
            converted[key] = value.replace("#/components/schemas/", "#/$defs/")
        elif key in ("nullable", "readOnly", "writeOnly", "example", "examples", "discriminator", "xml"):
            continue
        elif key == "properties":
            converted[key] = {name: _json_schema(each) for name, each in value.items()}
        else:
            converted[key] = _json_schema(value)
    if node.get("nullable"):
        return {"anyOf": [converted, {"type": "null"}]}
    return converted


def validator_for(openapi: dict, schema: dict) -> jsonschema.Draft202012Validator:
    whole = {**_json_schema(schema), "$defs": _json_schema(openapi["components"]["schemas"])}
    return jsonschema.Draft202012Validator(whole, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)


def response_schema(openapi: dict, path: str, method: str, status: str) -> dict:
    responses = openapi["paths"][path][method]["responses"]
    assert status in responses, f"{method.upper()} {path} answers {status}, the schema does not say so"
    content = responses[status].get("content", {})
    return next(iter(content.values()))["schema"] if content else {}


def assert_matches(openapi: dict, path: str, method: str, status: int, data) -> None:
    validator = validator_for(openapi, response_schema(openapi, path, method, str(status)))
    errors = sorted(validator.iter_errors(data), key=lambda error: list(error.path))
    assert not errors, [f"{list(error.path)}: {error.message}"[:300] for error in errors[:5]]


# The world of this sweep ------------------------------------------------------------------


@pytest.fixture
def library(contributor, outsider):
    """Published practices in several languages, countries, organisation types and years."""
    rows = [
        (contributor, "Soutien aux familles après la prison", "fr", ("family-support", "exit-strategies"), 2012),
        (contributor, "Familienhilfe für Rückkehrer", "de", ("family-support", "prison-probation"), 2016),
        (contributor, "Familiestøtte i Ravnstad", "no", ("family-support", "exit-strategies"), 2021),
        (outsider, "Mentoring behind the walls", "en", ("prison-probation", "exit-strategies"), 2017),
        (outsider, "Family hotline for worried parents", "en", ("family-support", "prison-probation"), 2023),
        (outsider, "Återfallsprevention i fängelse", "sv", ("prison-probation", "exit-strategies"), 2008),
    ]
    made = {}
    for author, title, language, themes, year in rows:
        made[title] = make_practice(
            author=author, title=title, language=language, themes=themes, start_year=year, publish=True
        )
    return made


def _count(client, **query) -> int:
    response = client.get(SEARCH, query)
    assert response.status_code == 200, response.content[:300]
    return response.json()["count"]


# 1. A token ---------------------------------------------------------------------------------


def _token_from_the_page(client, scope: str) -> str:
    expires = (timezone.localdate() + timedelta(days=30)).isoformat()
    page = client.post("/account/tokens/", {"name": "Lindenau sync", "scope": scope, "expires_on": expires})
    assert page.status_code == 200
    found = re.search(r"pve_[0-9a-f]{64}", page.content.decode())
    assert found, "the new token is shown on the page"
    return found.group(0)


def test_a_token_made_on_the_token_page_authenticates_and_its_scope_holds(contributor_client, contributor):
    secret = _token_from_the_page(contributor_client, "read-write")
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {secret}")
    me = client.get("/api/v1/me/").json()
    assert (me["id"], me["token_scope"]) == (contributor.pk, "read-write")
    read_only = APIClient()
    read_only.credentials(HTTP_AUTHORIZATION=f"Token {_token_from_the_page(contributor_client, 'read')}")
    assert read_only.get("/api/v1/me/").json()["token_scope"] == "read"
    body = problem(read_only.post(SEARCH, {"title": "x"}, format="json"), 403)
    assert body["type"] == "urn:pve-portal:problem:forbidden"


def test_a_wrong_token_and_a_missing_one_are_told_apart(db):
    wrong = APIClient()
    wrong.credentials(HTTP_AUTHORIZATION="Token pve_" + "0" * 64)
    assert problem(wrong.get("/api/v1/me/"), 401)["type"] == "urn:pve-portal:problem:authentication-failed"
    assert problem(APIClient().get("/api/v1/me/"), 401)["type"] == "urn:pve-portal:problem:not-authenticated"
    body = problem(APIClient().post(SEARCH, {}, format="json"), 401)
    assert body["type"] == "urn:pve-portal:problem:not-authenticated"


def test_a_401_tells_the_client_how_to_authenticate(db):
    """RFC 9110: a 401 carries WWW-Authenticate, naming the scheme the document asks for."""
    response = APIClient().get("/api/v1/me/")
    assert response.status_code == 401
    assert response.get("WWW-Authenticate", "").startswith("Token")


# 2. Searching ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "title"),
    [
        ("familles", "Soutien aux familles après la prison"),
        ("Familienhilfe", "Familienhilfe für Rückkehrer"),
        ("familiestøtte", "Familiestøtte i Ravnstad"),
        ("återfallsprevention", "Återfallsprevention i fängelse"),
        ('"worried parents"', "Family hotline for worried parents"),
    ],
)
def test_words_in_several_languages_find_their_practice(client, library, query, title):
    titles = [hit["title"] for hit in client.get(SEARCH, {"q": query}).json()["results"]]
    assert title in titles


def test_an_excluded_word_and_or_narrow_and_widen(client, library):
    either = {hit["title"] for hit in client.get(SEARCH, {"q": "hotline OR walls"}).json()["results"]}
    assert either == {"Family hotline for worried parents", "Mentoring behind the walls"}
    without = {hit["title"] for hit in client.get(SEARCH, {"q": "family -hotline"}).json()["results"]}
    assert "Family hotline for worried parents" not in without


def test_facet_filters_are_or_within_a_facet_and_and_across(client, library):
    assert _count(client, country="NO") == 3
    assert _count(client, country=["NO", "NL"]) == 6
    assert _count(client, country="NL", theme="family-support") == 1
    assert _count(client, theme=["family-support", "exit-strategies"]) == 6
    assert _count(client, organisation_type="municipality", language=["fr", "de"]) == 2
    assert _count(client, organisation_type="prison-probation", audience="violent-extremists", country="NL") == 3


@pytest.mark.parametrize(
    ("periods", "expected"),
    [
        (["before-2010"], 1),
        (["2010-2014"], 1),
        (["2015-2019"], 2),
        (["2015-2019", "2020-2024"], 4),
        (["2025-later"], 0),
    ],
)
def test_year_ranges_filter_by_start_period(client, library, periods, expected):
    assert _count(client, start_period=periods) == expected


def test_filters_and_words_combined_give_only_practices_meeting_all(client, library):
    data = client.get(SEARCH, {"q": "family", "country": "NL", "start_period": "2020-2024", "language": "en"}).json()
    assert [hit["title"] for hit in data["results"]] == ["Family hotline for worried parents"]
    hit = data["results"][0]
    assert hit["country"] == "NL" and hit["language"] == "en" and hit["start_year"] == 2023


def test_an_unknown_facet_code_finds_nothing_rather_than_everything(client, library):
    assert _count(client, country="XX") == 0
    assert _count(client, theme="no-such-theme") == 0


def test_every_facet_count_is_what_filtering_by_that_code_finds(client, library):
    data = client.get(SEARCH).json()
    assert data["count"] == 6
    for facet, options in data["facets"].items():
        assert options, facet
        for option in options:
            assert set(option) == {"code", "label", "count"}
            assert _count(client, **{facet: option["code"]}) == option["count"], (facet, option)
    for single in ("country", "language", "organisation_type", "start_period", "source"):
        assert sum(option["count"] for option in data["facets"][single]) == data["count"], single


def test_facet_counts_follow_the_words_and_filters(client, library):
    data = client.get(SEARCH, {"q": "family", "country": "NO"}).json()
    assert data["count"] >= 1
    for facet, options in data["facets"].items():
        if facet == "country":
            continue
        for option in options:
            assert option["count"] <= data["count"], (facet, option)
            narrowed = _count(client, q="family", country="NO", **{facet: option["code"]})
            assert narrowed == option["count"], (facet, option)


def test_facet_labels_and_problem_titles_follow_accept_language(client, library):
    french = client.get(SEARCH, HTTP_ACCEPT_LANGUAGE="fr").json()
    labels = {facet: {o["code"]: o["label"] for o in options} for facet, options in french["facets"].items()}
    assert labels["theme"]["family-support"] == "Soutien de la famille"
    assert labels["country"]["NO"] == "Norvège"
    assert labels["language"]["de"] in ("allemand", "Allemand")
    themes = client.get("/api/v1/themes/", HTTP_ACCEPT_LANGUAGE="fr").json()["results"]
    theme = next(item for item in themes if item["code"] == "family-support")
    assert theme["label"] == theme["label_fr"] == "Soutien de la famille"
    body = problem(client.get("/api/v1/me/", HTTP_ACCEPT_LANGUAGE="fr"), 401)
    assert body["title"] != problem(client.get("/api/v1/me/"), 401)["title"]


def test_a_localised_answer_says_its_language_and_varies_by_it(client, library):
    for url in (SEARCH, f"{SEARCH}{next(iter(library.values())).pk}/", "/api/v1/themes/"):
        response = client.get(url, HTTP_ACCEPT_LANGUAGE="fr")
        assert response["Content-Language"] == "fr", url
        assert "accept-language" in response.get("Vary", "").lower(), url
    assert client.get(SEARCH, HTTP_ACCEPT_LANGUAGE="de").get("Content-Language") == "en"


# 3. Walking the pages ---------------------------------------------------------------------------


@pytest.fixture
def shelf(contributor, outsider):
    """More than two pages of public practices from two organisations, a few members-only."""
    made = []
    for index in range(2 * PAGE + 5):
        author = contributor if index % 2 else outsider
        made.append(
            make_practice(
                author=author,
                title=f"Shelf method {index}",
                publish=True,
                visibility="members" if index % 9 == 0 else "public",
                start_year=2011 + index % 14,
            )
        )
    return made


@pytest.mark.parametrize("query", [{}, {"sort": "date"}, {"theme": "exit-strategies"}, {"q": "shelf"}])
def test_walking_every_page_shows_each_practice_once_and_ends(client, shelf, query):
    url = SEARCH + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")
    pages = walk(client, url)
    walked = ids_of(pages)
    public = {p.pk for p in shelf if p.visibility == "public"}
    assert len(walked) == len(set(walked)) == len(public) == pages[0]["count"]
    assert set(walked) == public
    assert all(len(page["results"]) == PAGE for page in pages[:-1])
    assert all(page["count"] == pages[0]["count"] for page in pages)
    for page in pages:
        if page["next"]:
            kept = parse_qs(urlsplit(page["next"]).query)
            assert {k: v for k, v in kept.items() if k != "cursor"} == {k: [v] for k, v in query.items()}


def test_a_member_walks_the_practices_a_member_may_read(shelf, outsider):
    client = token_client(outsider, ApiToken.Scope.READ)
    walked = ids_of(walk(client, SEARCH))
    assert len(walked) == len(set(walked)) == len(shelf)


@pytest.mark.parametrize("change", ["published", "withdrawn"])
def test_a_walk_is_stable_under_a_change_in_the_middle(client, shelf, contributor, change):
    first = client.get(SEARCH).json()
    shown = ids_of([first])
    if change == "published":
        make_practice(author=contributor, title="Shelf method published meanwhile", publish=True)
    else:
        practice_withdraw_trusted(practice=Practice.objects.get(pk=shown[0]), reason="Identifies a person.")
    rest = walk(client, first["next"])
    walked = shown + ids_of(rest)
    assert len(walked) == len(set(walked))
    assert {p.pk for p in shelf if p.visibility == "public"} == set(walked)


def test_previous_leads_back_to_the_page_before(client, shelf):
    pages = walk(client, SEARCH + "?sort=date")
    assert pages[0]["previous"] is None and len(pages) == 2
    for before, after in itertools.pairwise(pages):
        back = client.get(after["previous"]).json()
        assert ids_of([back]) == ids_of([before])


def test_a_page_size_chosen_by_the_client_is_refused(client, shelf):
    body = problem(client.get(SEARCH, {"page_size": 100}), 400)
    assert body["type"] == "urn:pve-portal:problem:validation-error" and fields_in_error(body) == {"page_size"}
    assert body["instance"] == "/api/v1/practices/?page_size=100"


# 4. The detail of a practice --------------------------------------------------------------------


DETAIL_FIELDS = {
    "id": int,
    "title": str,
    "description": str,
    "key_themes": list,
    "target_audiences": list,
    "country": str,
    "language": str,
    "organisation": dict,
    "html": dict,
    "featured": bool,
    "visibility": str,
    "status": str,
    "evidence_level": str,
    "start_year": (int, type(None)),
    "created_at": str,
    "updated_at": str,
    "published_at": (str, type(None)),
    "findings": list,
    "review_comments": list,
    "import_warnings": list,
    "can_edit": bool,
    "can_submit": bool,
}


def test_the_detail_holds_every_documented_field_with_its_type(client, library, openapi):
    practice = library["Familienhilfe für Rückkehrer"]
    response = client.get(f"{SEARCH}{practice.pk}/")
    data = response.json()
    for name, kind in DETAIL_FIELDS.items():
        assert name in data and isinstance(data[name], kind), (name, data.get(name))
    assert "contact" in data and data["contact"] is None and "contact" not in data["html"]
    assert {term["code"] for term in data["key_themes"]} == {"family-support", "prison-probation"}
    assert set(data["organisation"]) >= {"id", "name", "type", "country"}
    assert all(isinstance(value, str) for value in data["html"].values())
    assert_matches(openapi, "/api/v1/practices/{id}/", "get", 200, data)


@pytest.mark.parametrize(
    ("reader", "sees"),
    [
        ("anonymous", False),
        ("applicant", False),
        ("former_member", False),
        ("outsider", True),
        ("colleague", True),
        ("contributor", True),
        ("moderator", True),
    ],
)
def test_contact_details_only_for_whom_the_document_names(request, world, reader, sees):
    client = APIClient() if reader == "anonymous" else token_client(request.getfixturevalue(reader))
    data = client.get(f"{SEARCH}{world.public.pk}/").json()
    assert (data["contact"] is not None) is sees, data["contact"]
    assert ("contact" in data["html"]) is sees
    markdown = client.get(f"{SEARCH}{world.public.pk}/template.md")
    assert markdown.status_code == 200
    assert ("desk@ravnstad.example" in markdown.content.decode()) is sees


def test_the_curator_fields_are_empty_for_a_reader_and_filled_for_the_author(world, contributor, outsider):
    Practice.objects.filter(pk=world.public.pk).update(
        import_warnings=[{"field": "start", "code": "unmapped", "message": "A line not read."}]
    )
    other = token_client(outsider).get(f"{SEARCH}{world.public.pk}/").json()
    own = token_client(contributor).get(f"{SEARCH}{world.public.pk}/").json()
    assert other["import_warnings"] == [] and other["can_edit"] is False
    assert own["import_warnings"] == [{"field": "start", "code": "unmapped", "message": "A line not read."}]


def test_a_practice_one_may_not_read_is_404_as_a_missing_one(world, outsider):
    client = token_client(outsider)
    hidden = problem(client.get(f"{SEARCH}{world.own_organisation.pk}/"), 404)
    missing = problem(client.get(f"{SEARCH}987654321/"), 404)
    assert (hidden["title"], hidden["detail"], hidden["type"]) == (missing["title"], missing["detail"], missing["type"])


# 5. Dates --------------------------------------------------------------------------------------


def test_dates_are_iso_8601_with_an_offset_and_the_same_in_list_and_detail(client, library):
    listed = {hit["id"]: hit for hit in client.get(SEARCH).json()["results"]}
    for practice in library.values():
        detail = client.get(f"{SEARCH}{practice.pk}/").json()
        for name in ("published_at", "updated_at"):
            assert ISO_DATETIME.match(detail[name]), (name, detail[name])
            assert listed[practice.pk][name] == detail[name], (name, listed[practice.pk][name], detail[name])
        practice.refresh_from_db()
        assert datetime.fromisoformat(detail["published_at"]) == practice.published_at


def test_dates_do_not_change_with_the_request_language(client, library):
    practice = next(iter(library.values()))
    english = client.get(f"{SEARCH}{practice.pk}/").json()
    french = client.get(f"{SEARCH}{practice.pk}/", HTTP_ACCEPT_LANGUAGE="fr").json()
    assert english["published_at"] == french["published_at"] and english["created_at"] == french["created_at"]


# 6. Writing, field errors, submitting --------------------------------------------------------------


def test_a_draft_with_every_mistake_names_each_field(contributor):
    client = token_client(contributor)
    body = problem(
        client.post(
            SEARCH,
            {
                "title": "",
                "language": "xx",
                "key_themes": ["no-such-theme"],
                "start_year": "2019",
                "end_year": 1,
                "colour": "blue",
            },
            format="json",
        ),
        400,
    )
    assert body["type"] == "urn:pve-portal:problem:validation-error"
    assert {"title", "description", "language", "key_themes", "start_year", "end_year", "colour"} <= fields_in_error(
        body
    )
    assert all(error["detail"] and error["code"] for error in body["errors"])


def test_a_field_error_tells_nothing_secret(contributor, outsider, world):
    client = token_client(contributor)
    text = json.dumps(
        problem(client.post(SEARCH, {"title": "x" * 400, "description": "A", "language": "en"}, format="json"), 400)
    )
    for secret in ("Traceback", "SELECT", "sqlite", "postgres", "pve_", "outsider@", "password", "x" * 400):
        assert secret not in text, secret


def test_a_draft_written_changed_and_submitted_by_the_api(contributor):
    client = token_client(contributor)
    created = client.post(
        SEARCH,
        {
            "title": "Mentoring after release",
            "description": "Weekly mentoring that helps people disengage from violent extremism after release.",
            "language": "en",
            "key_themes": ["exit-strategies", "prison-probation"],
            "target_audiences": ["violent-extremists"],
            "visibility": "members",
        },
        format="json",
    )
    assert created.status_code == 201, created.content[:300]
    draft = created.json()
    assert created["Location"].endswith(f"/api/v1/practices/{draft['id']}/")
    assert draft["status"] == "draft" and draft["can_edit"] is True
    changed = client.patch(
        f"{SEARCH}{draft['id']}/", {"start_year": 2019, "geographical_scope": "Ravnstad"}, format="json"
    )
    assert changed.status_code == 200 and changed.json()["start_year"] == 2019
    assert [t["code"] for t in changed.json()["key_themes"]] == ["exit-strategies", "prison-probation"]
    submitted = client.post(f"{SEARCH}{draft['id']}/submit/", {}, format="json")
    assert submitted.status_code == 200 and submitted.json()["status"] == "submitted"
    # docs/API.md: 403 for "a practice you may read but not edit" (a submission waits for review)
    again = problem(client.post(f"{SEARCH}{draft['id']}/submit/", {}, format="json"), 403)
    assert again["type"] == "urn:pve-portal:problem:forbidden"


def test_a_member_of_an_organisation_not_approved_cannot_write(applicant):
    body = problem(
        token_client(applicant).post(SEARCH, {"title": "T", "description": "D", "language": "en"}, format="json"), 403
    )
    assert body["type"] == "urn:pve-portal:problem:forbidden"


# 7. Uploading a template ----------------------------------------------------------------------------


def _upload(client, name: str, content: bytes, query: str = ""):
    return client.post(f"{SEARCH}import/{query}", {"document": SimpleUploadedFile(name, content)}, format="multipart")


def test_an_uploaded_template_comes_back_ready_to_send(contributor, openapi):
    client = token_client(contributor)
    response = _upload(client, "practice.txt", SEED.read_bytes())
    assert response.status_code == 200
    data = response.json()
    assert set(data) == {"draft", "warnings", "organisation"}
    assert_matches(openapi, "/api/v1/practices/import/", "post", 200, data)
    assert client.post(SEARCH, data["draft"], format="json").status_code == 201
    saved = _upload(client, "practice.txt", SEED.read_bytes(), "?save=true")
    assert saved.status_code == 201 and saved.json()["status"] == "draft"
    assert_matches(openapi, "/api/v1/practices/import/", "post", 201, saved.json())


def test_an_unreadable_upload_names_the_document_field(contributor):
    body = problem(_upload(token_client(contributor), "practice.msg", b"\xd0\xcf\x11\xe0 Outlook"), 400)
    assert fields_in_error(body) == {"document"}
    assert ".eml" in body["errors"][0]["detail"]
    missing = problem(token_client(contributor).post(f"{SEARCH}import/", {}, format="multipart"), 400)
    assert fields_in_error(missing) == {"document"}


# 8. The OpenAPI schema against the answers ------------------------------------------------------------


def test_search_answers_match_the_schema(client, library, openapi, outsider):
    assert_matches(openapi, "/api/v1/practices/", "get", 200, client.get(SEARCH, {"q": "family"}).json())
    assert_matches(openapi, "/api/v1/practices/", "get", 200, client.get(SEARCH, {"q": "zzzqqq"}).json())
    member = token_client(outsider)
    assert_matches(openapi, "/api/v1/practices/", "get", 200, member.get(SEARCH, {"featured": "true"}).json())


@pytest.mark.parametrize(
    "path",
    ["/api/v1/themes/", "/api/v1/audiences/", "/api/v1/organisation-types/", "/api/v1/organisations/", "/api/v1/me/"],
)
def test_reference_answers_match_the_schema(openapi, world, contributor, path):
    assert_matches(openapi, path, "get", 200, token_client(contributor).get(path).json())


def test_drafts_and_writes_match_the_schema(openapi, world, contributor):
    client = token_client(contributor)
    assert_matches(openapi, "/api/v1/practices/drafts/", "get", 200, client.get(f"{SEARCH}drafts/").json())
    created = client.post(SEARCH, {"title": "T", "description": "D", "language": "en"}, format="json")
    assert_matches(openapi, "/api/v1/practices/", "post", 201, created.json())
    bad = client.post(SEARCH, {}, format="json")
    assert_matches(openapi, "/api/v1/practices/", "post", 400, bad.json())


def _examples(openapi: dict):
    """(where, schema, value) of every example of a response or request body."""
    for path, operations in openapi["paths"].items():
        for method, operation in operations.items():
            bodies = [(status, response) for status, response in operation.get("responses", {}).items()]
            if "requestBody" in operation:
                bodies.append(("request", operation["requestBody"]))
            for status, body in bodies:
                for media_type, media in body.get("content", {}).items():
                    for name, example in (media.get("examples") or {}).items():
                        yield (method, path, status, media_type, name), media["schema"], example["value"]


def test_every_example_of_the_schema_is_valid_against_its_schema(openapi):
    checked = 0
    for where, schema, value in _examples(openapi):
        errors = [f"{list(e.path)}: {e.message}"[:200] for e in validator_for(openapi, schema).iter_errors(value)]
        assert not errors, (where, errors[:3])
        checked += 1
    assert checked >= 5


def test_the_schema_lists_what_the_search_filters_take(openapi):
    parameters = {p["name"] for p in openapi["paths"]["/api/v1/practices/"]["get"]["parameters"]}
    documented = {"q", "sort", "cursor", "featured", "theme", "audience", "country", "organisation_type"}
    assert documented | {"language", "peer_reviewed", "evidence_level", "start_period", "source"} <= parameters


def test_the_schema_lists_the_statuses_the_endpoints_answer(openapi):
    paths = openapi["paths"]
    assert {"201", "400", "401", "403"} <= set(paths["/api/v1/practices/"]["post"]["responses"])
    assert "409" in paths["/api/v1/moderation/practices/{id}/approve/"]["post"]["responses"]
    assert "304" in paths["/api/v1/practices/"]["get"]["responses"]
    assert "304" in paths["/api/v1/practices/{id}/"]["get"]["responses"]


# 9. ETag, If-None-Match, headers ----------------------------------------------------------------------


@pytest.mark.parametrize("which", ["search", "detail"])
def test_anonymous_answers_carry_an_etag_and_answer_304_until_content_changes(client, world, contributor, which):
    url = SEARCH if which == "search" else f"{SEARCH}{world.public.pk}/"
    first = client.get(url)
    etag = first["ETag"]
    assert etag
    again = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304 and again.content == b"" and again["ETag"] == etag
    assert client.get(url, HTTP_IF_NONE_MATCH=f'"other", {etag}').status_code == 304
    make_practice(author=contributor, title="Published since", publish=True)
    if which == "detail":
        Practice.objects.filter(pk=world.public.pk).update(title="Public mentoring method, renamed")
        from search.generation import content_changed

        content_changed()
    changed = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200 and changed["ETag"] != etag


def test_an_etag_of_one_language_is_not_valid_for_another(client, world):
    english = client.get(SEARCH)
    french = client.get(SEARCH, HTTP_ACCEPT_LANGUAGE="fr", HTTP_IF_NONE_MATCH=english["ETag"])
    assert french.status_code == 200


def test_signed_in_answers_are_private(world, contributor):
    response = token_client(contributor).get(f"{SEARCH}{world.public.pk}/")
    assert "private" in response["Cache-Control"]
    assert "private" in token_client(contributor).get(SEARCH)["Cache-Control"]


def test_api_answers_carry_no_cors_opening_for_credentials(client, world):
    """The document promises no cross-origin access: a browser on another site gets no
    permission to send the reader's cookies, and the answers are not sniffed."""
    response = client.get(SEARCH, HTTP_ORIGIN="https://evil.example")
    assert response.get("Access-Control-Allow-Credentials") is None
    assert response.get("Access-Control-Allow-Origin") in (None, "*")
    assert response["X-Content-Type-Options"] == "nosniff"


def test_a_path_without_its_slash_is_a_404_problem_not_a_redirect(contributor):
    body = problem(token_client(contributor).post("/api/v1/practices", {}, format="json"), 404)
    assert body["type"] == "about:blank" and body["title"] == "Not Found"


def test_featured_takes_no_other_filter(client, world):
    body = problem(client.get(SEARCH, {"featured": "true", "q": "mentoring", "country": "NO"}), 400)
    assert fields_in_error(body) == {"q", "country"}


def test_a_new_member_of_an_organisation_sees_contact_at_once(world, home_organisation):
    newcomer = make_user("newcomer@ravnstad.example", home_organisation, display_name="Nina Newcomer")
    data = token_client(newcomer).get(f"{SEARCH}{world.members_only.pk}/").json()
    assert data["contact"] and data["visibility"] == "members"


def test_every_invalid_query_parameter_is_listed_in_one_answer(client, world):
    body = problem(client.get(SEARCH, {"sort": "oldest", "page_size": 5, "featured": "perhaps", "year": 2020}), 400)
    assert fields_in_error(body) == {"sort", "page_size", "featured", "year"}
    codes = {error["field"]: error["code"] for error in body["errors"]}
    assert codes["sort"] == "invalid_choice" and codes["featured"] == "invalid"
