import pytest
from django.core.exceptions import ImproperlyConfigured

from portal.env import env_bool, env_choice, env_int, env_list


def test_bad_boolean_fails_loudly(monkeypatch):
    monkeypatch.setenv("PORTAL_FLAG", "perhaps")
    with pytest.raises(ImproperlyConfigured, match="PORTAL_FLAG must be true or false"):
        env_bool("PORTAL_FLAG")


def test_bad_integer_and_choice_fail_loudly(monkeypatch):
    monkeypatch.setenv("PORTAL_NUMBER", "ten")
    monkeypatch.setenv("PORTAL_ENGINE", "solr")
    with pytest.raises(ImproperlyConfigured, match="PORTAL_NUMBER must be an integer"):
        env_int("PORTAL_NUMBER", 1)
    with pytest.raises(ImproperlyConfigured, match="PORTAL_ENGINE must be one of database, elasticsearch"):
        env_choice("PORTAL_ENGINE", ("database", "elasticsearch"), "database")


def test_lists_and_defaults(monkeypatch):
    monkeypatch.setenv("PORTAL_HOSTS", "a.example, b.example,")
    assert env_list("PORTAL_HOSTS", []) == ["a.example", "b.example"]
    assert env_int("PORTAL_UNSET_NUMBER", 7) == 7
    assert env_bool("PORTAL_UNSET_FLAG", default=True) is True


def test_sqlite_file_database_runs_in_wal_mode(tmp_path, settings, django_db_blocker):
    from django.db.backends.sqlite3.base import DatabaseWrapper

    options = settings.DATABASES["default"].get("OPTIONS", {})
    if "init_command" not in options:
        pytest.skip("The suite runs on PostgreSQL; WAL mode concerns the SQLite default only")
    wrapper = DatabaseWrapper({**settings.DATABASES["default"], "NAME": str(tmp_path / "wal.sqlite3")})
    try:
        with django_db_blocker.unblock(), wrapper.cursor() as cursor:
            cursor.execute("PRAGMA journal_mode")
            assert cursor.fetchone()[0] == "wal"
    finally:
        wrapper.close()
