"""Rates on abusable actions: counted per user in the default cache, which production shares
between processes through a database table (DJANGO_CACHE=database)."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.test import RequestFactory, override_settings

from portal.env import env_rate
from portal.ratelimits import over_rate

ROOT = Path(__file__).resolve().parents[2]
DATABASE_CACHE = {"default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "portal_cache"}}


def _request(user):
    request = RequestFactory().post("/")
    request.user = user
    return request


@pytest.mark.django_db
def test_rates_count_per_user_in_the_shared_database_cache(contributor, colleague):
    with override_settings(CACHES=DATABASE_CACHE):
        call_command("createcachetable", verbosity=0)
        assert [over_rate(_request(contributor), group="test", rate="2/h") for _ in range(3)] == [False, False, True]
        assert over_rate(_request(colleague), group="test", rate="2/h") is False
        assert over_rate(_request(contributor), group="other", rate="2/h") is False
        from django.db import connection

        with connection.cursor() as cursor:
            cursor.execute("SELECT COUNT(*) FROM portal_cache")
            assert cursor.fetchone()[0] >= 3  # the counts live in the table, not in this process


@pytest.mark.parametrize("value", ["30/h", "10/m", "100/15m", "5/d", "1/s"])
def test_rates_are_read_from_the_environment(monkeypatch, value):
    monkeypatch.setenv("TEST_RATE", value)
    assert env_rate("TEST_RATE", "1/h") == value


@pytest.mark.parametrize("value", ["30", "0/h", "ten/h", "30/hour", "30/h;"])
def test_a_malformed_rate_stops_the_start(monkeypatch, value):
    monkeypatch.setenv("TEST_RATE", value)
    with pytest.raises(ImproperlyConfigured):
        env_rate("TEST_RATE", "1/h")


@pytest.mark.parametrize(("choice", "backend"), [("", "locmem.LocMemCache"), ("database", "db.DatabaseCache")])
def test_the_cache_is_chosen_by_an_environment_variable(choice, backend):
    env = {**os.environ, "DJANGO_DEBUG": "1", "DJANGO_SETTINGS_MODULE": "portal.settings"}
    env.pop("DJANGO_CACHE", None)
    if choice:
        env["DJANGO_CACHE"] = choice
    code = "from django.conf import settings; print(settings.CACHES['default']['BACKEND'])"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"django.core.cache.backends.{backend}"


def test_an_unknown_cache_stops_the_start():
    env = {**os.environ, "DJANGO_DEBUG": "1", "DJANGO_SETTINGS_MODULE": "portal.settings", "DJANGO_CACHE": "redis"}
    code = "from django.conf import settings; settings.CACHES"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=ROOT)
    assert result.returncode != 0 and "DJANGO_CACHE must be one of" in result.stderr
