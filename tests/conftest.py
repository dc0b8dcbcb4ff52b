"""Shared personas and service switches for every test.

Personas: a contributor, a colleague in the same organisation, an outsider from
another organisation, a moderator, and the anonymous visitor (the plain
``client``). Every access test includes the outsider and the anonymous visitor.
"""

import os
import shutil

import pytest
from django.test import Client

from portal.models import Organisation, User
from practices.models import OrganisationType

PASSWORD = "a-long-test-password-9"


def require_service(available: bool, reason: str) -> None:
    """Skip when a real service is absent locally; fail when CI requires it."""
    if available:
        return
    if os.environ.get("REQUIRE_SERVICES") == "1":
        pytest.fail(f"{reason} (REQUIRE_SERVICES=1 makes this a failure)")
    pytest.skip(reason)


def _organisation(name: str, type_code: str, country: str) -> Organisation:
    return Organisation.objects.create(
        name=name, type=OrganisationType.objects.get(code=type_code), country=country, verified=True
    )


def _user(email: str, organisation: Organisation | None, **extra) -> User:
    user = User.objects.create_user(email=email, password=PASSWORD, organisation=organisation, **extra)
    user.emailaddress_set.create(email=email, verified=True, primary=True)
    return user


@pytest.fixture
def home_organisation(db) -> Organisation:
    return _organisation("Municipality of Ravnstad", "municipality", "NO")


@pytest.fixture
def other_organisation(db) -> Organisation:
    return _organisation("Probation Service of Westerland", "prison-probation", "NL")


@pytest.fixture
def contributor(home_organisation) -> User:
    return _user("contributor@ravnstad.example", home_organisation, display_name="Kari Contributor")


@pytest.fixture
def colleague(home_organisation) -> User:
    return _user("colleague@ravnstad.example", home_organisation, display_name="Ola Colleague")


@pytest.fixture
def outsider(other_organisation) -> User:
    return _user("outsider@westerland.example", other_organisation, display_name="Piet Outsider")


@pytest.fixture
def moderator(db) -> User:
    hub = _organisation("Portal moderation team", "other", "BE")
    return _user("moderator@portal.example", hub, display_name="Mona Moderator", is_staff=True)


def _client_for(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def contributor_client(contributor) -> Client:
    return _client_for(contributor)


@pytest.fixture
def colleague_client(colleague) -> Client:
    return _client_for(colleague)


@pytest.fixture
def outsider_client(outsider) -> Client:
    return _client_for(outsider)


@pytest.fixture
def moderator_client(moderator) -> Client:
    return _client_for(moderator)


CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")


@pytest.fixture(scope="session")
def chromium_path() -> str:
    require_service(
        os.path.exists(CHROMIUM) and shutil.which(CHROMIUM) is not None,
        f"Chromium is not installed at {CHROMIUM} (apt-get install chromium)",
    )
    return CHROMIUM
