"""Shared personas and service switches for every test.

Personas: a contributor, a colleague in the same organisation, an outsider from
another organisation, a moderator, and the anonymous visitor (the plain
``client``). Every access test includes the outsider and the anonymous visitor.
"""

import os
import shutil

import pytest
from django.test import Client
from django.urls import reverse

from portal.models import Membership, Organisation, OrganisationType, User

PASSWORD = "a-long-test-password-9"


def require_service(available: bool, reason: str) -> None:
    """Skip when a real service is absent locally; fail when CI requires it."""
    if available:
        return
    if os.environ.get("REQUIRE_SERVICES") == "1":
        pytest.fail(f"{reason} (REQUIRE_SERVICES=1 makes this a failure)")
    pytest.skip(reason)


DATABASE_FIXTURES = frozenset({"db", "transactional_db", "django_db_reset_sequences", "live_server"})


def uses_the_database(item: pytest.Item) -> bool:
    """Whether a test reaches the run's database: through pytest-django (its marker or a fixture
    that needs the database, directly or through other fixtures), or, for a test that reaches it
    another way (a subprocess given DATABASE_URL), because it is marked ``every_database``."""
    return (
        item.get_closest_marker("django_db") is not None
        or item.get_closest_marker("every_database") is not None
        or bool(DATABASE_FIXTURES & set(getattr(item, "fixturenames", ())))
    )


def pytest_collection_modifyitems(config, items):
    """Every transactional test restores the migrated data (taxonomies, organisation types)
    after its flush: without ``serialized_rollback`` the flush at its end leaves empty tables
    to the transactional tests after it, which then fail far from the cause.

    With PORTAL_TESTS_DATABASE_ONLY=1 (set by .ci/run for its second database), the tests that
    touch no database are deselected: their result cannot depend on it, and they ran in the
    first database's run."""
    if os.environ.get("PORTAL_TESTS_DATABASE_ONLY") == "1":
        free = [item for item in items if not uses_the_database(item)]
        if free:
            config.hook.pytest_deselected(items=free)
            items[:] = [item for item in items if uses_the_database(item)]
    for item in items:
        marker = item.get_closest_marker("django_db")
        if marker is not None and marker.kwargs.get("transaction") and "serialized_rollback" not in marker.kwargs:
            kwargs = {**marker.kwargs, "serialized_rollback": True}
            item.add_marker(pytest.mark.django_db(*marker.args, **kwargs), append=False)


def _restore_migrated_data_after_the_flush() -> None:
    """A transactional test (``transaction=True``, ``live_server``) ends with a flush of every
    table; Django restores the migrated data (taxonomies, organisation types) only when the next
    transactional test starts. pytest-django runs the transactional tests last so that no other
    test meets the empty tables, but pytest-xdist (``make test`` runs two workers) hands each
    worker tests in its own order: the data is restored right after the flush instead, so that
    every test, whatever ran before it on its worker, starts on the migrated data.

    The flush empties the tables of models only: the ``database`` search engine's full-text
    tables (search/migrations/0002, 0003) are emptied here too, or a later test would rank
    among a former test's documents (FTS5's bm25 counts every row it holds)."""
    from django.db import connections
    from django.test import TransactionTestCase

    from search.backends.database import postgres, posts, sqlite

    # The tables of the ``database`` search engine that no model owns.
    search_tables = {sqlite.TABLE, postgres.TABLE, posts.SqlitePostText.TABLE, posts.PostgresPostText.TABLE}
    flush = TransactionTestCase._fixture_teardown

    def flush_then_restore(self) -> None:
        flush(self)
        for alias in self._databases_names(include_mirrors=False):
            connection = connections[alias]
            existing = set(connection.introspection.table_names())
            with connection.cursor() as cursor:
                for table in search_tables & existing:
                    cursor.execute(f"DELETE FROM {connection.ops.quote_name(table)}")
            contents = getattr(connection, "_test_serialized_contents", None)
            if self.serialized_rollback and contents is not None:
                connection.creation.deserialize_db_from_string(contents)

    TransactionTestCase._fixture_teardown = flush_then_restore


def pytest_configure(config):
    _restore_migrated_data_after_the_flush()


@pytest.fixture(autouse=True)
def _fresh_rate_counts():
    """Request rates are counted in the cache, which outlives a test: every test starts from zero
    (and with nothing kept of pages: every cache)."""
    from django.core.cache import caches

    for each in caches.all():
        each.clear()
    yield
    for each in caches.all():
        each.clear()


@pytest.fixture(autouse=True)
def _default_language():
    """The active language belongs to the thread and outlives a test: a request in French (the
    locale middleware activates the reader's language) or a translation.activate() would leave a
    later test of the same worker reading French messages. Every test starts and ends in the
    portal's default language."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


def _organisation(name: str, type_code: str, country: str) -> Organisation:
    return Organisation.objects.create(
        name=name, type=OrganisationType.objects.get(code=type_code), country=country, verified=True
    )


def sign_up(client, email: str, **headers):
    """The sign-up form posted for ``email`` with a new organisation (Sam Worker, City of Lindenau)."""
    data = {
        "email": email,
        "display_name": "Sam Worker",
        "organisation": "",
        "new_organisation": "City of Lindenau",
        "password1": PASSWORD,
        "password2": PASSWORD,
    }
    return client.post(reverse("account_signup"), data, **headers)


def make_user(email: str, organisation: Organisation | None = None, *, role: str = "member", **extra) -> User:
    """A user with a verified email and, when ``organisation`` is given, an approved membership."""
    user = User.objects.create_user(email=email, password=PASSWORD, **extra)
    user.emailaddress_set.create(email=email, verified=True, primary=True)
    if organisation is not None:
        Membership.objects.create(user=user, organisation=organisation, role=role, state=Membership.State.APPROVED)
    return user


@pytest.fixture
def home_organisation(db) -> Organisation:
    return _organisation("Municipality of Ravnstad", "municipality", "NO")


@pytest.fixture
def other_organisation(db) -> Organisation:
    return _organisation("Probation Service of Westerland", "prison-probation", "NL")


@pytest.fixture
def contributor(home_organisation) -> User:
    return make_user("contributor@ravnstad.example", home_organisation, display_name="Kari Contributor")


@pytest.fixture
def colleague(home_organisation) -> User:
    return make_user("colleague@ravnstad.example", home_organisation, display_name="Ola Colleague")


@pytest.fixture
def outsider(other_organisation) -> User:
    return make_user("outsider@westerland.example", other_organisation, display_name="Piet Outsider")


def with_totp(user: User) -> User:
    """Give ``user`` a TOTP authenticator, as moderators and administrators must have."""
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    TOTP.activate(user, generate_totp_secret())
    return user


@pytest.fixture
def org_admin(home_organisation) -> User:
    return with_totp(make_user("admin@ravnstad.example", home_organisation, role="admin", display_name="Anne Admin"))


@pytest.fixture
def moderator(db) -> User:
    hub = _organisation("Portal moderation team", "other", "BE")
    return with_totp(make_user("moderator@portal.example", hub, display_name="Mona Moderator", is_moderator=True))


@pytest.fixture
def applicant(home_organisation) -> User:
    """Signed up and asked to join, not yet approved: sees public content only."""
    user = make_user("applicant@ravnstad.example", display_name="Nils Applicant")
    Membership.objects.create(user=user, organisation=home_organisation)
    return user


@pytest.fixture
def former_member(home_organisation) -> User:
    """Was a member of the contributor's organisation; the membership has ended."""
    user = make_user("former@ravnstad.example", home_organisation, display_name="Frida Former")
    Membership.objects.filter(user=user).update(state=Membership.State.ENDED)
    return user


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


@pytest.fixture
def org_admin_client(org_admin) -> Client:
    return _client_for(org_admin)


@pytest.fixture
def applicant_client(applicant) -> Client:
    return _client_for(applicant)


@pytest.fixture
def former_member_client(former_member) -> Client:
    return _client_for(former_member)


CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")


@pytest.fixture(scope="session")
def chromium_path() -> str:
    require_service(
        os.path.exists(CHROMIUM) and shutil.which(CHROMIUM) is not None,
        f"Chromium is not installed at {CHROMIUM} (apt-get install chromium)",
    )
    return CHROMIUM


@pytest.fixture
def rendered():
    """The names of the templates rendered during the test, in order (Django's test signal)."""
    from django.test.signals import template_rendered

    names: list[str] = []

    def record(sender, template, context, **kwargs):
        names.append(template.name)

    template_rendered.connect(record, dispatch_uid="tests.conftest.rendered")
    yield names
    template_rendered.disconnect(dispatch_uid="tests.conftest.rendered")
