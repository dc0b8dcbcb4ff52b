"""A sweep of the API with inputs no client should send, as the callers who may not read what they ask
for: anonymous, a token of a practitioner of another organisation, a revoked token, a former network
member (and, as controls, the author's own token and a moderator's).

What docs/API.md promises, checked on every list and detail endpoint:
- every error is a problem details document (``application/problem+json``: type, title, status, detail,
  instance, code; ``errors`` per field), never an HTML page or a traceback;
- a query parameter the endpoint does not take, or a single-valued one given twice, is refused (400);
- cursors and ids that are not ours (tampered, from another endpoint, beyond any integer) are not found;
- 404 for unknown paths under /api/ (a missing trailing slash too), 405 with ``Allow``, 406, 415, 400
  for bodies that are not JSON objects, 413 for bodies over the limit;
- pages: counts, next/previous links at the edges, links keeping the query and carrying no credentials,
  pages disjoint and complete;
- what a caller may not read answers exactly as what does not exist;
- 429 carries ``Retry-After`` and the same shape.
"""

import base64
import json
from datetime import timedelta
from urllib.parse import parse_qs, urlsplit

import pytest
from django.conf import settings as django_settings
from django.utils import timezone
from rest_framework.test import APIClient

from api import pagination
from api.models import ApiToken
from api.services import api_token_create
from portal.models import Organisation, OrganisationType
from practices.models import Practice
from practices.services import practice_withdraw_trusted
from tests.api.conftest import token_client
from tests.practices.factories import make_practice

pytestmark = pytest.mark.django_db

PROBLEM = "application/problem+json"
MEMBERS = ("type", "title", "status", "detail", "instance", "code")
CALLERS = ("anonymous", "other_organisation", "revoked", "former_network_member", "member", "moderator")
MISSING = 987654321  # an id no object has in these tests


def problem(response, status: int | None = None) -> dict:
    """The response is a problem details document (of ``status``, if given): its body."""
    assert response["Content-Type"] == PROBLEM, (response.status_code, response.content[:200])
    body = json.loads(response.content)
    assert all(member in body for member in MEMBERS), body
    assert body["status"] == response.status_code
    if status is not None:
        assert response.status_code == status, body
    if "errors" in body:
        assert body["errors"] and all(set(error) == {"field", "detail", "code"} for error in body["errors"])
    return body


def same_answer(hidden, missing) -> None:
    """Two answers a caller cannot tell apart: status, headers that matter, body but for ``instance``."""
    assert hidden.status_code == missing.status_code
    assert hidden.get("Allow") == missing.get("Allow")
    assert hidden.get("Content-Type") == missing.get("Content-Type")
    one, other = json.loads(hidden.content), json.loads(missing.content)
    one.pop("instance"), other.pop("instance")
    assert one == other


def drf_cursor(position: str, offset: int = 0) -> str:
    """A cursor of DRF's cursor pagination, as a client could forge it."""
    return base64.b64encode(f"o={offset}&p={position}".encode()).decode()


def search_cursor(text: str, path: str = "/api/v1/practices/") -> str:
    """A search cursor holding ``text``, sealed as the portal seals them for ``path``."""
    return pagination.seal(text, path)


# Callers ---------------------------------------------------------------------------------


def revoked_client(user) -> APIClient:
    token, secret = api_token_create(
        user=user, name="revoked", scope=ApiToken.Scope.READ_WRITE, expires_on=timezone.localdate() + timedelta(days=7)
    )
    token.delete()
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {secret}")
    return client


@pytest.fixture
def caller(world, contributor, outsider, moderator, former_network_member):
    def build(name: str) -> APIClient:
        return {
            "anonymous": APIClient,
            "other_organisation": lambda: token_client(outsider),
            "revoked": lambda: revoked_client(contributor),
            "former_network_member": lambda: token_client(former_network_member),
            "member": lambda: token_client(contributor),
            "moderator": lambda: token_client(moderator),
        }[name]()

    return build


# Endpoints -------------------------------------------------------------------------------

# name -> (path template, kind): "list" (database cursor), "search" (page cursor), "detail", "file"
ENDPOINTS = {
    "practices": ("/api/v1/practices/", "search"),
    "practice": ("/api/v1/practices/{public}/", "detail"),
    "practice_md": ("/api/v1/practices/{public}/template.md", "file"),
    "practice_docx": ("/api/v1/practices/{public}/template.docx", "file"),
    "drafts": ("/api/v1/practices/drafts/", "list"),
    "themes": ("/api/v1/themes/", "list"),
    "theme": ("/api/v1/themes/exit-strategies/", "detail"),
    "audiences": ("/api/v1/audiences/", "list"),
    "organisation_types": ("/api/v1/organisation-types/", "list"),
    "organisations": ("/api/v1/organisations/", "list"),
    "organisation": ("/api/v1/organisations/{organisation}/", "detail"),
    "me": ("/api/v1/me/", "detail"),
    "networks": ("/api/v1/networks/", "list"),
    "network": ("/api/v1/networks/{network}/", "detail"),
    "threads": ("/api/v1/networks/{network}/threads/", "list"),
    "thread": ("/api/v1/threads/{thread}/", "detail"),
    "posts": ("/api/v1/threads/{thread}/posts/", "list"),
    "post": ("/api/v1/posts/{post}/", "detail"),
    "post_search": ("/api/v1/posts/search/?q=case", "search"),
    "moderation": ("/api/v1/moderation/practices/", "list"),
    "moderation_practice": ("/api/v1/moderation/practices/{submitted}/", "detail"),
}


def url_of(world, name: str) -> str:
    ids = {
        "public": world.public.pk,
        "submitted": world.submitted.pk,
        "organisation": world.public.organisation_id,
        "network": world.network.pk,
        "thread": world.thread.pk,
        "post": world.post.pk,
    }
    return ENDPOINTS[name][0].format(**ids)


def with_query(url: str, query: str) -> str:
    return f"{url}{'&' if '?' in url else '?'}{query}"


# 1. The query string ---------------------------------------------------------------------

ODD_QUERIES = {
    "unknown": "zzz=1",
    "unknown_with_nul": "zzz=%00",
    "undecodable_name": "%ED%A0%80=1",
    "page_size_negative": "page_size=-1",
    "page_number_huge": "page=99999999999999999999999999",
}


@pytest.mark.parametrize("name", ENDPOINTS)
def test_a_query_parameter_the_endpoint_does_not_take_is_refused_by_every_endpoint(caller, world, name):
    url = url_of(world, name)
    for who in CALLERS:
        client = caller(who)
        baseline = client.get(url)
        for label, query in ODD_QUERIES.items():
            response = client.get(with_query(url, query))
            body = problem(response)
            if baseline.status_code == 200:
                assert response.status_code == 400, (who, label, body)
                assert body["type"] == "urn:pve-portal:problem:validation-error"
                assert any(error["field"] and error["code"] == "invalid" for error in body["errors"]), (who, label)
            else:  # the caller may not read it at all: that answer, or the refusal, but never the content
                assert response.status_code in (baseline.status_code, 400), (who, label, body)


REPEATED = {
    "practices": ["sort=date&sort=relevance", "q=family&q=prison", "cursor=a&cursor=b"],
    "post_search": ["sort=date&sort=relevance", "q=notes&q=case", "network=1&network=2"],
    "moderation": ["older_than=1&older_than=2", "cursor=a&cursor=b"],
    "practice_md": ["language=en&language=fr"],
    "themes": ["cursor=a&cursor=b"],
    "drafts": ["cursor=a&cursor=b"],
    "threads": ["cursor=a&cursor=b"],
}


@pytest.mark.parametrize(
    "name,query", [(name, query) for name, queries in REPEATED.items() for query in queries], ids=str
)
def test_a_single_valued_parameter_given_twice_is_refused_not_silently_one_of_them(caller, world, name, query):
    client = caller("moderator" if name == "moderation" else "member")
    url = url_of(world, name)
    field = query.split("=")[0]
    if name == "post_search":
        url = "/api/v1/posts/search/"
        query = query if "q=" in query else f"q=case&{query}"
    body = problem(client.get(with_query(url, query)), 400)
    assert [error["field"] for error in body["errors"]] == [field]


def test_a_list_taking_repeated_values_still_takes_them(caller, world):
    response = caller("member").get("/api/v1/practices/?theme=exit-strategies&theme=family-support")
    assert response.status_code == 200 and response.json()["count"] == 4
    moderation = caller("moderator").get("/api/v1/moderation/practices/?state=submitted&state=rejected")
    assert moderation.status_code == 200


TAMPERED_CURSORS = {
    "not_base64": "%%%",
    "base64_of_garbage": base64.b64encode(b"\xff\xfe\x00").decode(),
    "nul": "%00",
    "lone_surrogate": "%ED%A0%80",
    "another_endpoints": "",  # a search's on a list, a list's on a search: see the test
    "position_not_a_date_or_number": drf_cursor("abc"),
    "position_huge": drf_cursor("9" * 40),
    "offset_negative": drf_cursor("1", offset=-5),
    "search_page_zero": search_cursor("p=0"),
    "search_page_huge": search_cursor("p=" + "9" * 40),
    "too_long": "A" * 5000,
}
CURSOR_LISTS = ("practices", "drafts", "themes", "organisations", "networks", "threads", "posts", "moderation")


@pytest.mark.parametrize("name", CURSOR_LISTS)
def test_a_cursor_not_of_this_list_is_a_problem_never_a_server_error_nor_a_database_message(caller, world, name):
    client = caller("moderator" if name == "moderation" else "member")
    for cursor in TAMPERED_CURSORS:
        _tampered_cursor_is_refused(client, world, name, cursor)


def _tampered_cursor_is_refused(client, world, name: str, cursor: str) -> None:
    value = TAMPERED_CURSORS[cursor]
    if cursor == "another_endpoints":
        # a real cursor, of the next page of another list: of the organisations, or of the search
        if ENDPOINTS[name][1] == "search":
            other = "/api/v1/organisations/"
            _organisations(PAGE)
        else:
            other = "/api/v1/practices/"
            for index in range(PAGE - 1):
                make_practice(author=world.public.author, title=f"Sweep {index}", publish=True)
        value = parse_qs(urlsplit(client.get(other).json()["next"]).query)["cursor"][0].replace("=", "%3D")
    body = problem(client.get(with_query(url_of(world, name), f"cursor={value}")))
    assert body["status"] in (400, 404), (cursor, body)
    if body["status"] == 404:
        assert body["detail"] == "Invalid cursor.", cursor
    assert "format" not in body["detail"] and "expected" not in body["detail"], cursor  # no database message


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/practices/99999999999999999999999999/",
        "/api/v1/practices/-1/",
        "/api/v1/practices/0/",
        "/api/v1/practices/1e3/",
        "/api/v1/networks/99999999999999999999999999/threads/",
        "/api/v1/threads/99999999999999999999999999/posts/",
        "/api/v1/posts/99999999999999999999999999/",
        "/api/v1/organisations/99999999999999999999999999/",
        "/api/v1/moderation/practices/99999999999999999999999999/",
        "/api/v1/practices/99999999999999999999999999/template.md",
    ],
)
def test_ids_beyond_any_integer_or_not_numbers_are_not_found(caller, world, url):
    problem(caller("moderator").get(url), 404)


@pytest.mark.parametrize(
    "url,field",
    [
        ("/api/v1/moderation/practices/?older_than=99999999999999999999999999", "older_than"),
        ("/api/v1/moderation/practices/?older_than=-1", "older_than"),
        ("/api/v1/moderation/practices/?organisation=99999999999999999999999999", "organisation"),
        ("/api/v1/posts/search/?q=case&network=99999999999999999999999999", "network"),
        ("/api/v1/posts/search/?q=case&network=0", "network"),
        ("/api/v1/practices/?q=%00", "q"),
        ("/api/v1/posts/search/?q=%00%00", "q"),
        ("/api/v1/practices/?theme=%00", "theme"),
    ],
)
def test_out_of_range_and_nul_values_are_field_errors(caller, world, url, field):
    body = problem(caller("moderator").get(url), 400)
    assert [error["field"].split(".")[0] for error in body["errors"]] == [field]  # theme.0: its first value


def test_a_lone_surrogate_in_the_query_string_is_read_as_a_replacement_character(caller, world):
    response = caller("member").get("/api/v1/practices/?q=%ED%A0%80")
    assert response.status_code == 200 and response["Content-Type"] == "application/json"


# 2. Paths, methods, content types --------------------------------------------------------

UNKNOWN_PATHS = [
    "/api/",
    "/api/v1/",
    "/api/v2/practices/",
    "/api/v1/practices",  # no trailing slash: 404, not a redirect (a POST would become a GET)
    "/api/v1/practices/{public}",
    "/api/v1/networks/{network}/threads",
    "/api/v1/nothing/",
    "/api/v1/practices/{public}/nothing/",
    "/api/v1/practices/{public}/template.pdf",
    "/api/v1/%00/",
    "/api/v1/themes/%ED%A0%80/",
    "/api/schema",
]


@pytest.mark.parametrize("path", UNKNOWN_PATHS)
def test_an_unknown_path_under_the_api_is_a_problem_404(caller, world, path):
    url = path.format(public=world.public.pk, network=world.network.pk)
    for method in ("get", "post", "put", "delete"):
        assert problem(getattr(caller("member"), method)(url), 404)["type"] == "about:blank", method


@pytest.mark.parametrize("name", ENDPOINTS)
def test_a_method_an_endpoint_does_not_have_is_405_with_allow_and_an_unmet_accept_406(caller, world, name):
    url = url_of(world, name)
    for who in ("anonymous", "other_organisation", "revoked"):
        response = caller(who).delete(url)
        problem(response, 405)
        allowed = {method.strip() for method in response["Allow"].split(",")}
        assert "GET" in allowed and "DELETE" not in allowed
    client = caller("moderator")
    unmet = "application/json" if ENDPOINTS[name][1] == "file" else "text/html"
    problem(client.get(url, HTTP_ACCEPT=unmet), 406)
    assert client.get(url, HTTP_ACCEPT="*/*").status_code == 200


def _write_endpoints(world) -> dict[str, tuple[str, str]]:
    """Where the member (or, for decisions, the moderator) may write: url, who."""
    return {
        "create": ("/api/v1/practices/", "member"),
        "patch": (f"/api/v1/practices/{world.draft.pk}/", "member"),
        "submit": (f"/api/v1/practices/{world.draft.pk}/submit/", "member"),
        "thread": (f"/api/v1/networks/{world.network.pk}/threads/", "member"),
        "reply": (f"/api/v1/threads/{world.thread.pk}/posts/", "member"),
        "approve": (f"/api/v1/moderation/practices/{world.submitted.pk}/approve/", "moderator"),
        "reject": (f"/api/v1/moderation/practices/{world.submitted.pk}/reject/", "moderator"),
    }


WRITES = ("create", "patch", "submit", "thread", "reply", "approve", "reject")
TOO_LARGE = django_settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1
BODIES = {
    # label: (bytes, content type, status, problem type or None for about:blank)
    "not_json": (b"{not json", "application/json", 400, "malformed-request"),
    "invalid_utf8": (b'{"title": "a\xed\xa0\x80b"}', "application/json", 400, "malformed-request"),
    "deeply_nested": (b"[" * 100_000 + b"]" * 100_000, "application/json", 400, "malformed-request"),
    "nan": (b'{"title": NaN}', "application/json", 400, "malformed-request"),
    "an_array": (b"[1, 2]", "application/json", 400, "validation-error"),
    "nul_in_strings": (
        json.dumps(dict.fromkeys(("title", "body", "reason", "comment", "description"), "a\x00b")).encode(),
        "application/json",
        400,
        "validation-error",
    ),
    "lone_surrogates": (
        b'{"title": "a\\ud800", "body": "a\\ud800", "reason": "a\\ud800", "comment": "a\\ud800", '
        b'"description": "a\\ud800"}',
        "application/json",
        400,
        "validation-error",
    ),
    "plain_text": (b"title=x", "text/plain", 415, None),
    "form": (b"title=x", "application/x-www-form-urlencoded", 415, None),
    "too_large": (b'{"title": "' + b"x" * TOO_LARGE + b'"}', "application/json", 413, None),
}


@pytest.mark.parametrize("endpoint", WRITES)
def test_a_body_that_is_not_a_json_object_of_the_endpoint_is_a_problem(caller, world, endpoint):
    url, who = _write_endpoints(world)[endpoint]
    client = caller(who)
    method = "PATCH" if endpoint == "patch" else "POST"
    before = (Practice.objects.count(), world.thread.posts.count(), world.network.threads.count())
    for body, (data, content_type, status, problem_type) in BODIES.items():
        answer = problem(client.generic(method, url, data, content_type=content_type))
        assert answer["status"] == status, (body, answer)
        assert answer["type"] == (f"urn:pve-portal:problem:{problem_type}" if problem_type else "about:blank"), body
    assert (Practice.objects.count(), world.thread.posts.count(), world.network.threads.count()) == before


# 3. Nothing told about what one may not read ---------------------------------------------

HIDDEN = {
    # name: (url template, method, the object, callers who may not use it)
    "practice": ("/api/v1/practices/{id}/", "get", "outsider_draft", ("anonymous", "revoked", "member")),
    "practice_own_organisation": ("/api/v1/practices/{id}/", "get", "own_organisation", CALLERS[:3]),
    "practice_draft": ("/api/v1/practices/{id}/", "get", "draft", ("anonymous", "other_organisation")),
    "practice_md": ("/api/v1/practices/{id}/template.md", "get", "own_organisation", ("other_organisation",)),
    "practice_docx": ("/api/v1/practices/{id}/template.docx", "get", "draft", ("former_network_member",)),
    "patch": ("/api/v1/practices/{id}/", "patch", "outsider_draft", ("member", "former_network_member")),
    "submit": ("/api/v1/practices/{id}/submit/", "post", "outsider_draft", ("member", "former_network_member")),
    "revision": ("/api/v1/practices/{id}/revision/", "post", "own_organisation", ("other_organisation",)),
    "network": ("/api/v1/networks/{id}/", "get", "network", CALLERS[1:4]),
    "threads": ("/api/v1/networks/{id}/threads/", "get", "network", CALLERS[1:4]),
    "new_thread": ("/api/v1/networks/{id}/threads/", "post", "network", CALLERS[1:4]),
    "thread": ("/api/v1/threads/{id}/", "get", "thread", CALLERS[1:4]),
    "posts": ("/api/v1/threads/{id}/posts/", "get", "thread", CALLERS[1:4]),
    "reply": ("/api/v1/threads/{id}/posts/", "post", "thread", CALLERS[1:4]),
    "post": ("/api/v1/posts/{id}/", "get", "post", CALLERS[1:4]),
    "post_search_network": ("/api/v1/posts/search/?q=case&network={id}", "get", "network", CALLERS[1:4]),
    "moderation": ("/api/v1/moderation/practices/{id}/", "get", "submitted", CALLERS[:5]),
    "approve": ("/api/v1/moderation/practices/{id}/approve/", "post", "submitted", CALLERS[:5]),
}


@pytest.mark.parametrize("name", HIDDEN)
def test_what_a_caller_may_not_use_answers_exactly_as_what_does_not_exist(caller, world, name):
    template, method, attribute, callers = HIDDEN[name]
    body = {"title": "A case", "body": "Notes", "change_summary": "x"} if method != "get" else None
    for who in callers:
        client = caller(who)
        hidden = getattr(client, method)(template.format(id=getattr(world, attribute).pk), body, format="json")
        missing = getattr(client, method)(template.format(id=MISSING), body, format="json")
        problem(hidden)
        assert hidden.status_code in (401, 404), who
        same_answer(hidden, missing)


# 4. Pages --------------------------------------------------------------------------------

PAGE = django_settings.REST_FRAMEWORK["PAGE_SIZE"]


def _organisations(count: int) -> None:
    kind = OrganisationType.objects.get(code="other")
    Organisation.objects.bulk_create(
        Organisation(name=f"Sweep organisation {index:03}", type=kind, country="SE", verified=True)
        for index in range(count)
    )


def _pages(client, url: str) -> list[dict]:
    pages = []
    while url:
        response = client.get(url)
        assert response.status_code == 200, response.content[:300]
        pages.append(response.json())
        url = pages[-1]["next"]
        assert len(pages) < 20
    return pages


@pytest.mark.parametrize("extra", [PAGE - 4, PAGE - 3, 2 * PAGE - 3, 2 * PAGE - 2])  # the world has 3 already
def test_cursor_pages_of_a_list_are_disjoint_complete_and_linked_at_the_edges(caller, world, extra):
    _organisations(extra)
    total = Organisation.objects.filter(verified=True).count()
    client = caller("member")
    pages = _pages(client, "/api/v1/organisations/?format=json")
    ids = [item["id"] for page in pages for item in page["results"]]
    assert len(ids) == len(set(ids)) == total
    assert len(pages) == -(-total // PAGE)
    assert all(len(page["results"]) == PAGE for page in pages[:-1]) and 1 <= len(pages[-1]["results"]) <= PAGE
    assert pages[0]["previous"] is None and pages[-1]["next"] is None
    for page in pages:
        for link in (page["next"], page["previous"]):
            if link:
                assert parse_qs(urlsplit(link).query).keys() == {"format", "cursor"}
                assert "pve_" not in link and "Token" not in link
    if len(pages) > 1:  # back from the last page is the one before it
        back = client.get(pages[-1]["previous"]).json()
        assert [item["id"] for item in back["results"]] == [item["id"] for item in pages[-2]["results"]]


@pytest.fixture
def many_public(contributor, world):
    """The world's two public practices and PAGE - 1 more: one more than a page."""
    return [
        make_practice(author=contributor, title=f"Sweep mentoring {index}", publish=True) for index in range(PAGE - 1)
    ]


def test_search_pages_keep_the_query_carry_no_credentials_and_end_right(caller, many_public):
    client = caller("member")
    first = client.get("/api/v1/practices/?theme=exit-strategies&sort=date&format=json")
    assert first.status_code == 200
    data = first.json()
    readable = data["count"]
    assert readable == PAGE + 1 + 2  # and the members' and organisation's practices of the world
    link = data["next"]
    assert "pve_" not in link and "Token" not in link and data["previous"] is None
    query = parse_qs(urlsplit(link).query)
    assert query.keys() == {"theme", "sort", "format", "cursor"}
    second = client.get(link).json()
    assert second["count"] == readable and second["next"] is None and len(second["results"]) == readable - PAGE
    ids = [item["id"] for item in data["results"] + second["results"]]
    assert len(set(ids)) == readable
    back = client.get(second["previous"]).json()
    assert [item["id"] for item in back["results"]] == [item["id"] for item in data["results"]]
    beyond = client.get(f"/api/v1/practices/?theme=exit-strategies&sort=date&cursor={search_cursor('p=3')}")
    assert beyond.status_code == 200 and beyond.json()["results"] == [] and beyond.json()["count"] == readable


def test_a_search_cursor_is_of_its_own_search_only(caller, world):
    """A cursor of the practice search read on the post search (or the reverse) is refused as
    another list's cursors are, not read as that page number of the other search; a cursor of
    either, signed for it, is read."""
    client = caller("member")
    practices, posts = "/api/v1/practices/", "/api/v1/posts/search/?q=case"
    for cursor, url in ((search_cursor("p=2"), posts), (search_cursor("p=2", "/api/v1/posts/search/"), practices)):
        body = problem(client.get(with_query(url, f"cursor={cursor}")))
        assert body["status"] == 404 and body["detail"] == "Invalid cursor.", url
    for cursor, url in ((search_cursor("p=2", "/api/v1/posts/search/"), posts), (search_cursor("p=2"), practices)):
        assert client.get(with_query(url, f"cursor={cursor}")).status_code == 200, url


def test_a_search_of_exactly_one_page_has_no_next_link(caller, world, contributor):
    for index in range(PAGE - 2):
        make_practice(author=contributor, title=f"Sweep mentoring {index}", publish=True)
    data = caller("anonymous").get("/api/v1/practices/").json()
    assert data["count"] == PAGE and len(data["results"]) == PAGE and data["next"] is None


@pytest.mark.parametrize(
    ("sort", "change"), [("date", "published"), ("date", "withdrawn"), (None, "published"), ("relevance", "both")]
)
def test_a_walk_of_every_practice_neither_repeats_nor_skips_one_across_changes(
    caller, many_public, contributor, sort, change
):
    """The list without words is walked by key (the last practice shown), not by page number: a
    practice published between two pages is not shown in the walk (it is newer than its start),
    and one shown on the first page withdrawn since moves nothing: by page numbers, the first
    would have shown the first page's last practice twice, the second skipped one."""
    client = caller("member")
    url = "/api/v1/practices/" + (f"?sort={sort}" if sort else "")
    first = client.get(url).json()
    everyone = first["count"]
    assert len(first["results"]) == PAGE < everyone and first["next"]
    shown = [item["id"] for item in first["results"]]
    if change in ("published", "both"):
        make_practice(author=contributor, title="Published in between", publish=True)
    if change in ("withdrawn", "both"):
        practice_withdraw_trusted(practice=Practice.objects.get(pk=shown[3]), reason="Identifies a family.")
    second = client.get(first["next"]).json()
    assert second["next"] is None and second["previous"]
    walked = shown + [item["id"] for item in second["results"]]
    assert len(walked) == len(set(walked)) == everyone  # each once, the withdrawn one on the first page
    assert "Published in between" not in {item["title"] for item in second["results"]}


def test_a_walk_cursor_altered_or_of_the_post_search_is_refused(caller, many_public):
    client = caller("member")
    cursor = parse_qs(urlsplit(client.get("/api/v1/practices/").json()["next"]).query)["cursor"][0]
    assert client.get("/api/v1/practices/", {"cursor": cursor}).status_code == 200
    sealed = bytearray(base64.urlsafe_b64decode(cursor))
    sealed[-1] ^= 1  # one bit of the sealed key changed
    forged = base64.urlsafe_b64encode(bytes(sealed)).decode()
    for url, value in (("/api/v1/practices/", forged), ("/api/v1/posts/search/", cursor)):
        body = problem(client.get(url, {"cursor": value, **({"q": "case"} if "posts" in url else {})}))
        assert body["status"] == 404 and body["detail"] == "Invalid cursor.", url


def test_a_draft_written_between_two_cursor_pages_neither_repeats_nor_hides_one(caller, contributor, world):
    drafts = [make_practice(author=contributor, title=f"Sweep draft {index}") for index in range(PAGE + 2)]
    client = caller("member")
    first = client.get("/api/v1/practices/drafts/").json()
    make_practice(author=contributor, title="Written in between")
    rest = _pages(client, first["next"])
    ids = [item["id"] for page in [first, *rest] for item in page["results"]]
    assert len(ids) == len(set(ids))
    assert {draft.pk for draft in drafts} | {world.draft.pk, world.submitted.pk} <= set(ids)


# 5. Request rates ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "who,name",
    [("anonymous", name) for name in ("practices", "practice", "themes", "organisations", "nothing")]
    + [("member", name) for name in ("practices", "practice", "themes", "organisations", "me", "networks", "nothing")],
)
def test_a_refusal_over_the_rate_is_a_problem_with_retry_after(caller, world, settings, name, who):
    rates = settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {**rates, "anonymous": "1/minute", "token": "1/minute"},
    }
    client = caller(who)
    url = "/api/v1/nothing/" if name == "nothing" else url_of(world, name)
    client.get(url)
    response = client.get(url)
    body = problem(response, 429)
    assert body["type"] == "urn:pve-portal:problem:rate-limited"
    assert int(response["Retry-After"]) > 0


def test_a_moderator_pages_through_a_review_queue_longer_than_a_page(caller, world, contributor):
    for index in range(PAGE):
        practice = make_practice(author=contributor, title=f"Sweep submission {index}")
        Practice.objects.filter(pk=practice.pk).update(status=Practice.Status.SUBMITTED)
    pages = _pages(caller("moderator"), "/api/v1/moderation/practices/?language=en")
    ids = [item["id"] for page in pages for item in page["results"]]
    assert len(pages) == 2 and len(ids) == len(set(ids)) == PAGE + 1
    assert parse_qs(urlsplit(pages[0]["next"]).query).keys() == {"language", "cursor"}
