"""Every endpoint against every persona: the status code, and that lists, counts and facet
counts hold nothing the persona may not read. The same access functions as the web decide,
so the expectations below are the web's (tests/practices/test_visibility.py, tests/network/).

Personas: anonymous, applicant (not yet approved), outsider (another organisation),
colleague (member), contributor (member, the author), org_admin, moderator, former_member
(left the organisation) and former_network_member (still a member, left the network).
"""

import pytest
from django.urls import reverse

from tests.api.conftest import api_client_for

pytestmark = pytest.mark.django_db

PERSONAS = [
    "anonymous",
    "applicant",
    "former_member",
    "outsider",
    "colleague",
    "contributor",
    "org_admin",
    "moderator",
    "former_network_member",
]
HOME_MEMBERS = {"colleague", "contributor", "org_admin", "former_network_member"}
VERIFIED = HOME_MEMBERS | {"outsider", "moderator"}

# Published practices each persona reads (the world in tests/api/conftest.py).
READS_PUBLISHED = {
    **{persona: {"public", "outsider_public"} for persona in ("anonymous", "applicant", "former_member")},
    "outsider": {"public", "members_only", "outsider_public"},
    **{persona: {"public", "members_only", "own_organisation", "outsider_public"} for persona in HOME_MEMBERS},
    "moderator": {"public", "members_only", "own_organisation", "outsider_public"},
}
# Unpublished practices each persona reads: the author's side and moderators.
READS_UNPUBLISHED = {
    "contributor": {"draft", "submitted"},
    "org_admin": {"draft", "submitted"},
    "outsider": {"outsider_draft"},
    "moderator": {"draft", "submitted", "outsider_draft"},
}
COUNTRY_OF = {"public": "NO", "members_only": "NO", "own_organisation": "NO", "outsider_public": "NL"}
NETWORK_READERS = {"contributor", "moderator"}


@pytest.fixture
def client_of(request, world, former_network_member):
    def build(persona: str):
        return api_client_for(None if persona == "anonymous" else request.getfixturevalue(persona))

    return build


def _read_endpoints(world) -> dict[str, str]:
    return {
        "me": reverse("api:me"),
        "themes": reverse("api:theme-list"),
        "theme": reverse("api:theme-detail", kwargs={"code": "exit-strategies"}),
        "audiences": reverse("api:audience-list"),
        "organisation_types": reverse("api:organisation-type-list"),
        "organisations": reverse("api:organisation-list"),
        "organisation": reverse("api:organisation-detail", kwargs={"pk": world.public.organisation_id}),
        "practices": reverse("api:practice-list"),
        "drafts": reverse("api:practice-drafts"),
        "networks": reverse("api:network-list"),
        "network": reverse("api:network-detail", kwargs={"pk": world.network.pk}),
        "threads": reverse("api:network-threads", kwargs={"pk": world.network.pk}),
        "thread": reverse("api:thread-detail", kwargs={"pk": world.thread.pk}),
        "posts": reverse("api:thread-posts", kwargs={"pk": world.thread.pk}),
        "post": reverse("api:post-detail", kwargs={"pk": world.post.pk}),
        "queue": reverse("api:moderation-list"),
        "review": reverse("api:moderation-detail", kwargs={"pk": world.submitted.pk}),
    }


PUBLIC_ENDPOINTS = {"themes", "theme", "audiences", "organisation_types", "organisations", "organisation", "practices"}


def _expected_read_status(persona: str, endpoint: str) -> int:
    if endpoint in PUBLIC_ENDPOINTS:
        return 200
    if persona == "anonymous":
        return 401  # says nothing about the object: no lookup happens
    if endpoint in ("me", "drafts"):
        return 200
    if endpoint in ("queue", "review"):
        return 200 if persona == "moderator" else 404
    if endpoint == "networks":
        return 200 if persona in VERIFIED else 404
    if endpoint in ("network", "threads", "thread", "posts", "post"):
        return 200 if persona in NETWORK_READERS else 404
    raise AssertionError(endpoint)


@pytest.mark.parametrize("persona", PERSONAS)
def test_every_read_endpoint_answers_the_persona_as_the_web_does(persona, world, client_of):
    client = client_of(persona)
    answers = {name: client.get(url).status_code for name, url in _read_endpoints(world).items()}
    expected = {name: _expected_read_status(persona, name) for name in answers}
    assert answers == expected


@pytest.mark.parametrize("persona", PERSONAS)
def test_every_practice_detail_answers_200_to_its_readers_and_404_to_everyone_else(persona, world, client_of):
    client = client_of(persona)
    readable = READS_PUBLISHED[persona] | READS_UNPUBLISHED.get(persona, set())
    practices = {**world.published(), **world.unpublished()}
    answers = {
        name: client.get(reverse("api:practice-detail", kwargs={"pk": p.pk})).status_code
        for name, p in practices.items()
    }
    assert answers == {name: 200 if name in readable else 404 for name in practices}


@pytest.mark.parametrize("persona", PERSONAS)
def test_search_results_and_facet_counts_hold_only_what_the_persona_may_read(persona, world, client_of):
    data = client_of(persona).get(reverse("api:practice-list"), {"sort": "date"}).json()
    readable = READS_PUBLISHED[persona]
    assert {hit["id"] for hit in data["results"]} == {getattr(world, name).pk for name in readable}
    assert data["count"] == len(readable)
    countries = {option["code"]: option["count"] for option in data["facets"]["country"]}
    expected = {}
    for name in readable:
        expected[COUNTRY_OF[name]] = expected.get(COUNTRY_OF[name], 0) + 1
    assert countries == expected
    for facet in ("language", "peer_reviewed", "evidence_level", "organisation_type"):
        assert sum(option["count"] for option in data["facets"][facet]) == len(readable), facet


@pytest.mark.parametrize("persona", PERSONAS)
def test_a_text_search_finds_only_readable_practices(persona, world, client_of):
    data = client_of(persona).get(reverse("api:practice-list"), {"q": "method"}).json()
    titles = {hit["title"] for hit in data["results"]}
    assert titles == {getattr(world, name).title for name in READS_PUBLISHED[persona]}
    assert "Unfinished draft method" not in str(data) and "Westerland draft method" not in str(data)


@pytest.mark.parametrize("persona", PERSONAS)
def test_the_drafts_list_holds_only_the_personas_own_drafts(persona, world, client_of):
    response = client_of(persona).get(reverse("api:practice-drafts"))
    if persona == "anonymous":
        assert response.status_code == 401
        return
    own = {"contributor": {world.draft.pk, world.submitted.pk}, "outsider": {world.outsider_draft.pk}}
    assert {item["id"] for item in response.json()["results"]} == own.get(persona, set())


@pytest.mark.parametrize("persona", PERSONAS)
def test_network_lists_hold_only_the_networks_threads_and_posts_of_members(persona, world, client_of):
    client = client_of(persona)
    networks = client.get(reverse("api:network-list"))
    if persona not in VERIFIED:
        assert networks.status_code == (401 if persona == "anonymous" else 404)
        return
    expected = [world.network.pk] if persona in NETWORK_READERS else []
    assert [item["id"] for item in networks.json()["results"]] == expected
    body = str(networks.json())
    assert ("Exit work Ravnstad" in body) == (persona in NETWORK_READERS)


@pytest.mark.parametrize("persona", PERSONAS)
def test_the_review_queue_is_for_moderators_only(persona, world, client_of):
    response = client_of(persona).get(reverse("api:moderation-list"))
    if persona != "moderator":
        assert response.status_code == (401 if persona == "anonymous" else 404)
        return
    assert [item["id"] for item in response.json()["results"]] == [world.submitted.pk]


SEES_CONTACT = {"outsider", "colleague", "contributor", "org_admin", "moderator", "former_network_member"}


@pytest.mark.parametrize("persona", PERSONAS)
def test_contact_details_are_shown_to_approved_members_of_verified_organisations_only(persona, world, client_of):
    data = client_of(persona).get(reverse("api:practice-detail", kwargs={"pk": world.public.pk})).json()
    if persona in SEES_CONTACT:
        assert data["contact"] == world.public.contact
    else:
        assert data["contact"] is None
        assert "desk@ravnstad.example" not in str(data)


# Writes --------------------------------------------------------------------------------------

CAN_CONTRIBUTE = {"outsider", "colleague", "contributor", "org_admin", "moderator", "former_network_member"}
WRITE_BODY = {"title": "A new method", "description": "Prevents violent extremism.", "language": "en"}


def _expected_write(persona: str, action: str) -> int:
    if persona == "anonymous":
        return 401
    return {
        "create": 201 if persona in CAN_CONTRIBUTE else 403,
        "patch_draft": {"contributor": 200, "org_admin": 200, "moderator": 200}.get(persona, 404),
        "patch_public": 403,
        "submit_draft": {"contributor": 200, "org_admin": 200, "moderator": 403}.get(persona, 404),
        "network_thread": 201 if persona in NETWORK_READERS else 404,
        "network_post": 201 if persona in NETWORK_READERS else 404,
        "moderation_evidence": 200 if persona == "moderator" else 404,
    }[action]


def _write(client, world, action: str):
    detail = {"pk": world.draft.pk}
    requests = {
        "create": lambda: client.post(reverse("api:practice-list"), WRITE_BODY, format="json"),
        "patch_draft": lambda: client.patch(reverse("api:practice-detail", kwargs=detail), {"title": "Renamed"}),
        "patch_public": lambda: client.patch(
            reverse("api:practice-detail", kwargs={"pk": world.public.pk}), {"title": "Renamed"}
        ),
        "submit_draft": lambda: client.post(reverse("api:practice-submit", kwargs=detail), {}),
        "network_thread": lambda: client.post(
            reverse("api:network-threads", kwargs={"pk": world.network.pk}), {"title": "New case", "body": "Notes"}
        ),
        "network_post": lambda: client.post(
            reverse("api:thread-posts", kwargs={"pk": world.thread.pk}), {"body": "A reply"}
        ),
        "moderation_evidence": lambda: client.post(
            reverse("api:moderation-evidence-level", kwargs={"pk": world.public.pk}), {"level": "process_evaluation"}
        ),
    }
    return requests[action]()


@pytest.mark.parametrize(
    "action",
    ["create", "patch_draft", "patch_public", "submit_draft", "network_thread", "network_post", "moderation_evidence"],
)
@pytest.mark.parametrize("persona", PERSONAS)
def test_every_write_endpoint_answers_the_persona_as_the_web_does(persona, action, world, client_of):
    response = _write(client_of(persona), world, action)
    assert response.status_code == _expected_write(persona, action), response.content
