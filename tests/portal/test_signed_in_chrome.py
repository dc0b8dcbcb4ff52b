"""What every signed-in page pays, made cheaper without keeping anything of the reader:

- the session and the reader with their membership are read from the database on every request
  (portal/sessions.py, portal/auth_backends.py: SQL compiled once), so a change written straight
  to the database, by any process and behind every cache, shows on the next request;
- the chrome's fragments (templates/base.html) are kept per process under the language and the
  reader's role only: one reader's badge or moderator's link never reaches another;
- pages and their parts are kept in a cache of their own ("pages"), with each process's memory in
  front of the shared table (portal/cache_layers.py): a change made in one process is never
  hidden by another process's memory.
"""

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.core.cache import caches
from django.core.cache.backends.locmem import LocMemCache
from django.core.management import call_command
from django.db import connection
from django.test import override_settings
from django.urls import reverse

from portal.auth_backends import _users_with_membership, user_with_membership
from portal.cache_layers import LocalFirstCache
from portal.models import Membership, User
from tests.practices.factories import make_practice

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
LOG_OUT = "Log out"
MODERATION_LINK = 'href="/moderation/"'


def _sql(statement: str, params: list) -> None:
    """A write straight to the database: no model, no signal, no cache told."""
    with connection.cursor() as cursor:
        cursor.execute(statement, params)


def _home(client) -> str:
    response = client.get(reverse("home"))
    assert response.status_code == 200
    return response.content.decode()


def _search(client, words: str) -> str:
    response = client.get(reverse("search:search"), {"q": words})
    assert response.status_code == 200
    return response.content.decode()


# --- the reader, read with SQL compiled once ------------------------------------------------------


@pytest.mark.parametrize("persona", ["contributor", "applicant", "former_member", "outsider", "moderator"])
def test_the_compiled_reader_query_reads_what_the_orm_reads(persona, request):
    user = request.getfixturevalue(persona)
    expected = _users_with_membership(user.pk).get()
    read = user_with_membership(user.pk)
    assert read is not None and type(read) is User
    fields = [field.attname for field in User._meta.concrete_fields]
    assert [getattr(read, name) for name in fields] == [getattr(expected, name) for name in fields]
    membership = getattr(expected, "approved_membership", None)
    if membership is None:
        assert read.membership is None
    else:
        assert (read.membership.pk, read.membership.state) == (membership.pk, Membership.State.APPROVED)
        assert read.membership.organisation.name == membership.organisation.name
        assert read.membership.organisation.type.code == membership.organisation.type.code


@pytest.mark.parametrize("user_id", [10**9, "not a number", None])
def test_no_reader_for_an_unknown_or_malformed_id(user_id):
    assert user_with_membership(user_id) is None


# --- changes written behind every cache show on the next request ----------------------------------


def test_a_session_deleted_in_the_database_signs_the_reader_out_at_once(contributor_client):
    assert LOG_OUT in _home(contributor_client)
    _sql("DELETE FROM django_session", [])  # signed out by another process
    page = _home(contributor_client)
    assert LOG_OUT not in page and "Log in" in page


def test_an_expired_session_is_not_read(contributor_client):
    assert LOG_OUT in _home(contributor_client)
    _sql("UPDATE django_session SET expire_date = %s", ["2000-01-01 00:00:00"])
    assert LOG_OUT not in _home(contributor_client)


def test_signing_out_takes_effect_on_the_next_request(contributor_client):
    assert contributor_client.post(reverse("account_logout")).status_code == 302
    assert LOG_OUT not in _home(contributor_client)


def test_a_membership_ended_in_the_database_shows_on_the_next_request(contributor, colleague, colleague_client):
    make_practice(author=contributor, title="Mentoring members method", visibility="members", publish=True)
    assert "Mentoring members method" in _search(colleague_client, "mentoring")  # now kept for the member's scope
    _sql("UPDATE portal_membership SET state = %s WHERE user_id = %s", [Membership.State.ENDED, colleague.pk])
    assert "Mentoring members method" not in _search(colleague_client, "mentoring")
    assert "Mentoring members method" not in _home(colleague_client)


def test_an_account_deactivated_in_the_database_is_signed_out_at_once(colleague, colleague_client):
    assert LOG_OUT in _home(colleague_client)
    _sql("UPDATE portal_user SET is_active = %s WHERE id = %s", [False, colleague.pk])
    assert LOG_OUT not in _home(colleague_client)


def test_a_moderator_demoted_in_the_database_loses_the_moderation_link_at_once(moderator, moderator_client):
    assert MODERATION_LINK in _home(moderator_client)
    _sql("UPDATE portal_user SET is_moderator = %s, is_superuser = %s WHERE id = %s", [False, False, moderator.pk])
    assert MODERATION_LINK not in _home(moderator_client)


# --- the chrome's kept fragments ------------------------------------------------------------------


def test_the_chrome_kept_for_a_moderator_never_reaches_other_readers(moderator_client, outsider_client, client):
    assert MODERATION_LINK in _home(moderator_client) and MODERATION_LINK in _search(moderator_client, "x")
    outsider_page = _home(outsider_client)
    assert MODERATION_LINK not in outsider_page and LOG_OUT in outsider_page
    anonymous_page = _home(client)
    assert MODERATION_LINK not in anonymous_page and LOG_OUT not in anonymous_page and "Sign up" in anonymous_page


def test_the_csrf_tokens_are_masked_afresh_on_every_page(contributor_client, outsider_client):
    """(The badge beside them: tests/network/test_kept_badge.py.)"""
    token = 'name="csrfmiddlewaretoken" value="'
    pages = [_home(contributor_client), _home(contributor_client), _home(outsider_client)]
    assert [page.count(token) for page in pages] == [2, 2, 2]  # log out, language
    per_page = [{part.split('"')[0] for part in page.split(token)[1:]} for page in pages]
    assert [len(tokens) for tokens in per_page] == [1, 1, 1]  # one mask a page, both forms
    assert len(set.union(*per_page)) == 3  # never one kept from another page or reader


def test_the_chrome_follows_the_language_and_the_page(contributor_client):
    assert 'aria-current="page"' not in _home(contributor_client)
    assert 'aria-current="page"' in _search(contributor_client, "x")
    contributor_client.post(reverse("set_language"), {"language": "fr", "next": "/"})
    page = _home(contributor_client)
    assert "Se déconnecter" in page or 'lang="fr"' in page
    assert 'name="next" type="hidden" value="/"' in page
    assert 'value="/search/?q=x"' in _search(contributor_client, "x")


# --- pages kept apart, each process's memory in front of the shared table -------------------------

DATABASE_CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "portal_cache"},
    "pages-shared": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "portal_page_cache"},
    "pages": {"BACKEND": "portal.cache_layers.LocalFirstCache", "LOCATION": "pages-shared"},
    "fragments": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "test-fragments"},
    "reader-pages": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "test-reader-pages"},
}


@pytest.fixture
def database_caches():
    with override_settings(CACHES=DATABASE_CACHES, SCOPE_CACHE_SECONDS=300):
        call_command("createcachetable", verbosity=0)
        yield caches["pages"]
        for alias in DATABASE_CACHES:
            caches[alias].clear()


def _rows(table: str) -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT cache_key FROM {table}")
        return [row[0] for row in cursor.fetchall()]


def test_kept_pages_live_in_their_own_table_apart_from_the_rate_counts(database_caches, contributor, colleague_client):
    make_practice(author=contributor, title="Mentoring public method", publish=True)
    assert "Mentoring public method" in _search(colleague_client, "mentoring")
    assert any("scope:" in key for key in _rows("portal_page_cache"))
    assert not any("scope:" in key or "page:" in key for key in _rows("portal_cache"))


def test_a_change_made_by_one_process_is_never_hidden_by_another_process_memory(
    database_caches, contributor, colleague_client
):
    make_practice(author=contributor, title="Mentoring first method", publish=True)
    worker_a = database_caches._local
    worker_b = LocMemCache("test-worker-b", {"TIMEOUT": None})
    database_caches._local = worker_b  # worker B reads the page and keeps it in its memory
    page = _search(colleague_client, "mentoring")
    assert "Mentoring first method" in page and "1 practice" in page
    database_caches._local = worker_a  # worker A publishes (and reads) another practice
    make_practice(author=contributor, title="Mentoring second method", publish=True)
    assert "Mentoring second method" in _search(colleague_client, "mentoring")
    database_caches._local = worker_b  # back on worker B: its memory holds the former page
    page = _search(colleague_client, "mentoring")
    assert "Mentoring second method" in page and "2 practices" in page
    worker_b.clear()
    database_caches._local = worker_a


def test_a_copy_in_a_process_memory_lives_no_longer_than_the_shared_entry(database_caches):
    database_caches.set("scope:test", "kept", 1)
    other = LocalFirstCache("pages-shared", {})
    other._local = LocMemCache("test-worker-c", {"TIMEOUT": None})
    assert other.get("scope:test") == "kept"  # read from the shared table, copied into its memory
    time.sleep(1.05)
    assert other.get("scope:test") is None and database_caches.get("scope:test") is None
    other._local.clear()


def test_an_entry_written_without_a_lifetime_beside_it_is_not_read(database_caches):
    caches["pages-shared"].set("scope:foreign", "a bare value", 60)
    assert database_caches.get("scope:foreign", "missing") == "missing"


def test_the_database_cache_setting_keeps_pages_apart_with_memory_in_front():
    env = {
        **os.environ,
        "DJANGO_DEBUG": "0",  # production: fragments kept (in development an edited template shows at once)
        "DJANGO_SECRET_KEY": "test-only-secret-key",
        "DJANGO_SETTINGS_MODULE": "portal.settings",
        "DJANGO_CACHE": "database",
    }
    code = (
        "from django.conf import settings; c = settings.CACHES; "
        "print(c['default']['LOCATION'], c['pages']['BACKEND'], c['pages-shared']['LOCATION'], "
        "c['fragments']['BACKEND'])"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "portal_cache",
        "portal.cache_layers.LocalFirstCache",
        "portal_page_cache",
        "portal.cache_layers.StringMemoryCache",
    ]


def test_no_memory_in_front_when_its_entries_are_zero(database_caches):
    without = LocalFirstCache("pages-shared", {"OPTIONS": {"LOCAL_MAX_ENTRIES": 0}})
    without.set("scope:zero", "kept", 60)
    assert without.get("scope:zero") == "kept"
    caches["pages-shared"].delete("scope:zero")  # gone from the table: gone for this process too
    assert without.get("scope:zero") is None
