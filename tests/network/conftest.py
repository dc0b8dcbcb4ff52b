"""Networks for tests: the contributor belongs to "Exit work Ravnstad", which the portal
moderator created; the colleague (same organisation) and the outsider do not."""

import pytest

from network import services
from network.models import Network, Post, Thread
from portal.models import User


@pytest.fixture
def network(moderator, contributor) -> Network:
    network = services.network_create(
        actor=moderator,
        name="Exit work Ravnstad",
        purpose="Exit counselling cases in the north.",
        policy=Network.Policy.INVITATION,
    )
    services.network_member_add(network=network, user=contributor, actor=moderator)
    return network


@pytest.fixture
def thread(network, contributor) -> Thread:
    return services.thread_create(
        network=network, actor=contributor, title="Returning fighter in Ravnstad", body="Secret case notes about K."
    )


@pytest.fixture
def first_post(thread) -> Post:
    return thread.posts.get()


def published_practice(*, author: User, title: str, visibility: str = "members"):
    """A published practice, without going through the search index (tested elsewhere)."""
    from django.utils import timezone

    from practices.models import Practice
    from tests.practices.factories import make_practice

    practice = make_practice(author=author, title=title)
    Practice.objects.filter(pk=practice.pk).update(
        status=Practice.Status.PUBLISHED, visibility=visibility, published_at=timezone.now()
    )
    practice.refresh_from_db()
    return practice


def add_member(network: Network, user: User, *, moderator: User, role: str = "member"):
    return services.network_member_add(network=network, user=user, actor=moderator, role=role)
