"""API clients for the shared personas, and a small world of practices and a network.

The world, from the contributor's (verified) organisation unless said otherwise:
- published: public, members-only, own-organisation;
- unpublished: a draft and a submission of the contributor's;
- a public practice and a draft of the outsider's organisation;
- the "Exit work Ravnstad" network, created by the moderator, with the contributor as a member,
  a thread and its first post.
"""

from dataclasses import dataclass

import pytest
from django.core.cache import cache
from rest_framework.test import APIClient

from api.models import ApiToken
from api.services import api_token_create
from network import services as network_services
from network.models import Network, Post, Thread
from practices.models import Practice
from tests.conftest import make_user
from tests.practices.factories import make_practice

PERSONAS = ("anonymous", "applicant", "outsider", "colleague", "contributor", "org_admin", "moderator", "former_member")


@pytest.fixture(autouse=True)
def _fresh_throttles():
    """Request rates are counted in the cache: every test starts from zero."""
    cache.clear()
    yield
    cache.clear()


def api_client_for(user=None) -> APIClient:
    client = APIClient()
    if user is not None:
        client.force_login(user)
    return client


def token_client(user, scope: str = ApiToken.Scope.READ_WRITE) -> APIClient:
    from datetime import timedelta

    from django.utils import timezone

    _token, secret = api_token_create(
        user=user, name="tests", scope=scope, expires_on=timezone.localdate() + timedelta(days=7)
    )
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {secret}")
    return client


@pytest.fixture
def persona_client(request, db):
    """``persona_client("outsider")``: an API client signed in as that persona (or anonymous)."""

    def build(persona: str) -> APIClient:
        if persona == "anonymous":
            return APIClient()
        return api_client_for(request.getfixturevalue(persona))

    return build


@dataclass
class World:
    public: Practice
    members_only: Practice
    own_organisation: Practice
    draft: Practice
    submitted: Practice
    outsider_public: Practice
    outsider_draft: Practice
    network: Network
    thread: Thread
    post: Post

    def published(self) -> dict[str, Practice]:
        return {
            "public": self.public,
            "members_only": self.members_only,
            "own_organisation": self.own_organisation,
            "outsider_public": self.outsider_public,
        }

    def unpublished(self) -> dict[str, Practice]:
        return {"draft": self.draft, "submitted": self.submitted, "outsider_draft": self.outsider_draft}


def _network(moderator, contributor) -> tuple[Network, Thread, Post]:
    network = network_services.network_create(
        actor=moderator,
        name="Exit work Ravnstad",
        purpose="Exit counselling cases in the north.",
        policy=Network.Policy.INVITATION,
    )
    network_services.network_member_add(network=network, user=contributor, actor=moderator)
    thread = network_services.thread_create(
        network=network, actor=contributor, title="Returning fighter in Ravnstad", body="Secret case notes about K."
    )
    return network, thread, thread.posts.get()


@pytest.fixture
def world(contributor, colleague, outsider, org_admin, moderator, applicant, former_member) -> World:
    submitted = make_practice(author=contributor, title="Submitted family method")
    Practice.objects.filter(pk=submitted.pk).update(status=Practice.Status.SUBMITTED)
    submitted.refresh_from_db()
    network, thread, post = _network(moderator, contributor)
    return World(
        public=make_practice(author=contributor, title="Public mentoring method", publish=True),
        members_only=make_practice(
            author=contributor, title="Members mentoring method", publish=True, visibility="members"
        ),
        own_organisation=make_practice(
            author=contributor, title="Ravnstad internal method", publish=True, visibility="organisation"
        ),
        draft=make_practice(author=contributor, title="Unfinished draft method"),
        submitted=submitted,
        outsider_public=make_practice(author=outsider, title="Westerland probation method", publish=True),
        outsider_draft=make_practice(author=outsider, title="Westerland draft method"),
        network=network,
        thread=thread,
        post=post,
    )


@pytest.fixture
def former_network_member(home_organisation, world, moderator):
    """A verified member of the contributor's organisation who belonged to the network and left it."""
    user = make_user("left-network@ravnstad.example", home_organisation, display_name="Lars Left")
    membership = network_services.network_member_add(network=world.network, user=user, actor=moderator)
    network_services.network_member_leave(membership=membership, actor=user)
    return user
