"""Personas whose role carries powers, with and without a second factor, and a small world
of practices, findings, a network and a case room they could use those powers on."""

from dataclasses import dataclass

import pytest
from django.core.cache import caches
from django.test import Client
from rest_framework.test import APIClient

from network import services as network_services
from network.models import Network, Thread
from portal.models import User
from practices.models import Finding, Practice
from tests.conftest import _organisation, make_user, with_totp
from tests.network.factories import make_case_room
from tests.practices.factories import make_practice


def signed_in_api(user: User) -> APIClient:
    client = APIClient()
    client.force_login(user)
    return client


def web_client_for(user: User | None) -> Client:
    """A browser's client, signed in as ``user`` (None: the anonymous visitor)."""
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def api_client_for(user: User | None) -> APIClient:
    """An API client with ``user``'s session (None: the anonymous visitor)."""
    return APIClient() if user is None else signed_in_api(user)


def empty_caches() -> None:
    """Every cache emptied: what a reader reads next is computed, not kept for someone else."""
    for each in caches.all():
        each.clear()


@pytest.fixture
def sent_at_once(monkeypatch, settings):
    """E-mails after commit are sent at once (the test's transaction never commits)."""
    monkeypatch.setattr("django.db.transaction.on_commit", lambda callback, using=None, robust=False: callback())
    settings.FEDERATION_SHARE_DELAY = 0


@pytest.fixture
def bare_moderator(db) -> User:
    """A portal moderator who has not set up a second factor."""
    hub = _organisation("Second moderation team", "other", "FR")
    return make_user("bare.moderator@portal.example", hub, display_name="Basile Moderator", is_moderator=True)


@pytest.fixture
def bare_admin(home_organisation) -> User:
    """An administrator of the contributor's organisation without a second factor."""
    return make_user("bare.admin@ravnstad.example", home_organisation, role="admin", display_name="Bea Admin")


@dataclass
class Powers:
    published: Practice  # the contributor's, public
    outsider_published: Practice
    colleague_draft: Practice
    submitted: Practice  # the contributor's, with an open finding
    clean_submitted: Practice  # the outsider's, no finding: ready to approve
    finding: Finding
    network: Network
    thread: Thread
    case_room: Network
    case_thread: Thread


def _submitted(author: User, title: str) -> Practice:
    practice = make_practice(author=author, title=title)
    Practice.objects.filter(pk=practice.pk).update(status=Practice.Status.SUBMITTED)
    practice.refresh_from_db()
    return practice


def _finding(practice: Practice) -> Finding:
    start = practice.description.index("Weekly")
    return Finding.objects.create(
        practice=practice, field="description", type="PERSON", text="Weekly", start=start, end=start + len("Weekly")
    )


@pytest.fixture
def powers(contributor, colleague, outsider, moderator) -> Powers:
    network = network_services.network_create(
        actor=moderator, name="Exit work Ravnstad", purpose="Exit cases.", policy=Network.Policy.INVITATION
    )
    network_services.network_member_add(network=network, user=contributor, actor=moderator)
    thread = network_services.thread_create(network=network, actor=contributor, title="Case K", body="Notes on K.")
    room = make_case_room(moderator=moderator, members=(contributor,), name="Case room 7")
    case_thread = network_services.thread_create(network=room, actor=contributor, title="Family", body="Room notes.")
    submitted = _submitted(contributor, "Submitted family method")
    return Powers(
        published=make_practice(author=contributor, title="Public mentoring method", publish=True),
        outsider_published=make_practice(author=outsider, title="Westerland probation method", publish=True),
        colleague_draft=make_practice(author=colleague, title="Colleague draft method"),
        submitted=submitted,
        clean_submitted=_submitted(outsider, "Westerland submitted method"),
        finding=_finding(submitted),
        network=network,
        thread=thread,
        case_room=room,
        case_thread=case_thread,
    )


def second_factor(user: User, present: bool) -> User:
    return with_totp(user) if present else user
