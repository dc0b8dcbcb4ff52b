"""With DJANGO_CACHE=database the caches' tables come from `manage.py createcachetable`: without
them the portal says so at start (portal/checks.py), naming each missing table and the command."""

import pytest
from django.core.checks import Error, Warning, run_checks
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.core.management.base import SystemCheckError

from portal import checks

pytestmark = pytest.mark.django_db

DATABASE_CACHE = "django.core.cache.backends.db.DatabaseCache"


@pytest.fixture
def database_caches(settings):
    """The production layout (portal/settings.py with DJANGO_CACHE=database) on tables this test
    database does not hold."""
    settings.CACHES = {
        **settings.CACHES,
        "default": {"BACKEND": DATABASE_CACHE, "LOCATION": "test_rates_table"},
        "pages-shared": {"BACKEND": DATABASE_CACHE, "LOCATION": "test_pages_table"},
        "pages": {"BACKEND": "portal.cache_layers.LocalFirstCache", "LOCATION": "pages-shared"},
    }


def _ours(messages) -> list:
    return [message for message in messages if message.id.startswith("portal.")]


def test_check_names_each_missing_table_and_the_command(database_caches):
    with pytest.raises(SystemCheckError) as refused:
        call_command("check", "--tag", "caches")
    assert "test_rates_table (cache 'default')" in str(refused.value)
    assert "test_pages_table (cache 'pages-shared')" in str(refused.value)
    assert "manage.py createcachetable" in str(refused.value)
    assert [type(message) for message in _ours(run_checks(include_deployment_checks=True))] == [Error]


def test_migrate_is_only_warned_as_the_tables_come_after_it(database_caches):
    (warning,) = _ours(run_checks(databases=["default"]))  # as `migrate` runs the checks
    assert isinstance(warning, Warning) and warning.id == "portal.W001"
    assert "test_pages_table" in warning.msg


def test_the_web_process_refuses_to_start_without_them(database_caches):
    with pytest.raises(ImproperlyConfigured, match=r"test_rates_table .*test_pages_table .*createcachetable"):
        checks.require_cache_tables()


def test_createcachetable_makes_them_and_the_check_passes(database_caches):
    call_command("createcachetable", verbosity=0)
    assert _ours(run_checks()) == []
    checks.require_cache_tables()
    call_command("check", "--tag", "caches")


def test_memory_caches_need_no_table():
    assert checks.missing_cache_tables() == []
    assert _ours(run_checks()) == []
