"""From the outsider's side, with the credentials scripts use (personal tokens): the API paths the
access matrix (test_access_matrix.py, signed-in sessions) does not list, for an anonymous client,
another organisation's practitioner, and former members whose token outlived what they left:
the organisation (tokens revoked), their account (closed), a network (token still valid).
No refusal holds anything of what it refuses."""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from network import services as network_services
from portal.models import Membership
from portal.services import membership_end, user_close
from tests.conftest import PASSWORD, make_user

from .conftest import token_client

pytestmark = pytest.mark.django_db

OUTSIDERS = ("anonymous", "outsider", "left_organisation", "closed_account", "left_network")
PRIVATE = ("Secret case notes", "Returning fighter", "Exit work Ravnstad", "Ravnstad internal method", "@ravnstad")
TEMPLATE = "practices/fixtures/templates/000_c92d1ef0c5228cd4.txt"


@pytest.fixture
def caller(world, home_organisation, moderator, outsider):
    """``caller(persona)``: a token client, its token created while the persona still had what it lost."""

    def build(persona: str) -> APIClient:
        if persona == "anonymous":
            return APIClient()
        if persona == "outsider":
            return token_client(outsider)
        user = make_user(f"{persona}@ravnstad.example", home_organisation, display_name=f"Erik {persona}")
        network_membership = network_services.network_member_add(network=world.network, user=user, actor=moderator)
        client = token_client(user)
        if persona == "left_organisation":
            membership_end(membership=Membership.objects.get(user=user), actor=user)
        elif persona == "closed_account":
            user_close(user=user, password=PASSWORD)
        elif persona == "left_network":
            network_services.network_member_leave(membership=network_membership, actor=user)
        return client

    return build


def _requests(world) -> dict:
    network, thread = world.network.pk, world.thread.pk
    finding = f"/api/v1/moderation/practices/{world.submitted.pk}/findings/1/"
    return {
        "me": ("get", reverse("api:me"), None),
        "post_search": ("get", reverse("api:post-search") + "?q=case", None),
        "post_search_network": ("get", reverse("api:post-search") + f"?q=case&network={network}", None),
        "thread_posts": ("get", reverse("api:thread-posts", kwargs={"pk": thread}), None),
        "network_threads": ("get", reverse("api:network-threads", kwargs={"pk": network}), None),
        "template_docx_own_organisation": ("get", f"/api/v1/practices/{world.own_organisation.pk}/template.docx", None),
        "template_md_draft": ("get", f"/api/v1/practices/{world.draft.pk}/template.md", None),
        "put_draft": ("put", reverse("api:practice-detail", kwargs={"pk": world.draft.pk}), {"title": "Mine"}),
        "revision_own_organisation": (
            "post",
            reverse("api:practice-revision", kwargs={"pk": world.own_organisation.pk}),
            {},
        ),
        "submit_draft": ("post", reverse("api:practice-submit", kwargs={"pk": world.draft.pk}), {}),
        "approve": ("post", reverse("api:moderation-approve", kwargs={"pk": world.submitted.pk}), {"reviewed": "x"}),
        "reject": ("post", reverse("api:moderation-reject", kwargs={"pk": world.submitted.pk}), {"reason": "No"}),
        "request_changes": (
            "post",
            reverse("api:moderation-request-changes", kwargs={"pk": world.submitted.pk}),
            {"comment": "More"},
        ),
        "dismiss_finding": ("post", finding + "dismiss/", {"reason": "Fine"}),
    }


def _expected(persona: str, name: str) -> int:
    if persona == "anonymous" and name.startswith("template"):
        return 404  # public endpoints: anonymous readers are welcome, and read public practices only
    if persona == "left_network" and name == "template_docx_own_organisation":
        return 200  # still a member of the organisation: reads its practices, as on the web
    if persona in ("anonymous", "left_organisation", "closed_account"):
        return 401  # no lookup happens: nothing is said about the object
    if name == "me":
        return 200
    if name == "post_search":
        return 200  # verified members search their own networks: none here (checked below)
    if persona == "outsider" and name == "put_draft":
        return 404
    if name == "revision_own_organisation" and persona == "left_network":
        return 403  # reads it (same organisation), may not change it: as the web
    return 404


@pytest.mark.parametrize("persona", OUTSIDERS)
def test_paths_the_matrix_misses_answer_outsiders_and_former_members_as_the_web_does(caller, world, persona):
    client = caller(persona)
    for name, (method, url, body) in _requests(world).items():
        response = getattr(client, method)(url, body, format="json") if body is not None else client.get(url)
        assert (name, response.status_code) == (name, _expected(persona, name)), response.content
        if response.status_code >= 400:
            text = response.content.decode()
            assert not any(private in text for private in PRIVATE), (name, text)
            assert response["Content-Type"] == "application/problem+json", name
        if name == "post_search" and response.status_code == 200:
            assert response.json()["count"] == 0 and response.json()["case_room_results"] == []


@pytest.mark.parametrize("persona", ["anonymous", "left_organisation", "closed_account"])
def test_an_import_by_whoever_may_not_write_is_refused_before_the_document_is_read(caller, persona):
    with open(TEMPLATE, "rb") as document:
        response = caller(persona).post(reverse("api:practice-import-document"), {"document": document})
    assert response.status_code == 401 and response["Content-Type"] == "application/problem+json"


def test_a_closed_accounts_token_says_nothing_of_who_held_it(caller):
    response = caller("closed_account").get(reverse("api:me"))
    assert response.json()["code"] == "authentication_failed"
    assert "closed_account" not in response.content.decode() and "Erik" not in response.content.decode()
