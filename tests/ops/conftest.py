"""Fixtures for the operations tests: processes (workers, schedulers, gunicorn) that run
outside pytest and so need a database of their own, migrated."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parents[2]


def process_environment(**extra: str) -> dict[str, str]:
    """The test run's environment for a child process, with ``extra`` on top."""
    return {**os.environ, "DJANGO_SETTINGS_MODULE": "portal.settings", **extra}


def manage(*arguments: str, environment: dict[str, str], timeout: float = 300) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", *arguments],
        cwd=PROJECT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


@pytest.fixture(scope="session")
def migrated_sqlite_url(tmp_path_factory) -> str:
    """A migrated SQLite database file for child processes (the test database is in memory)."""
    url = f"sqlite:///{tmp_path_factory.mktemp('ops') / 'portal.sqlite3'}"
    result = manage("migrate", "-v0", environment=process_environment(DATABASE_URL=url))
    assert result.returncode == 0, result.stderr
    return url
