"""Issue 14, item 19: the backup and restore commands of docs/OPERATIONS.md (scripts/backup.sh)
bring back every practice, post and membership, found again by search after search_reindex.

Runs on the database engine of the test run: PostgreSQL (pg_dump/pg_restore) when DATABASE_URL
names one, else SQLite (its online backup). Both databases are made fresh for the test."""

import json
import os
import secrets
import subprocess
from collections.abc import Iterator
from pathlib import Path

import dj_database_url
import pytest

from tests.ops.conftest import PROJECT, manage, process_environment

pytestmark = pytest.mark.every_database  # its own databases, on the run's engine

ENGINE_URL = os.environ.get("DATABASE_URL", "")
ON_POSTGRES = ENGINE_URL.startswith(("postgres://", "postgresql://"))


def _postgres_admin(statement: str) -> None:
    import psycopg

    config = dj_database_url.parse(ENGINE_URL)
    with psycopg.connect(
        host=config["HOST"],
        port=config["PORT"] or 5432,
        user=config["USER"],
        password=config["PASSWORD"],
        dbname="postgres",
        autocommit=True,
    ) as connection:
        connection.execute(statement)


@pytest.fixture
def fresh_database(tmp_path) -> Iterator:
    """A function making empty databases of the run's engine; dropped afterwards."""
    made: list[str] = []

    def make(label: str) -> str:
        if not ON_POSTGRES:
            return f"sqlite:///{tmp_path / (label + '.sqlite3')}"
        name = f"ops_{label}_{secrets.token_hex(4)}"
        _postgres_admin(f'CREATE DATABASE "{name}"')
        made.append(name)
        return ENGINE_URL.rsplit("/", 1)[0] + "/" + name

    yield make
    for name in made:
        _postgres_admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def backup_script(action: str, file: Path, url: str) -> None:
    result = subprocess.run(
        ["bash", "scripts/backup.sh", action, str(file)],
        cwd=PROJECT,
        capture_output=True,
        text=True,
        timeout=300,
        env=process_environment(DATABASE_URL=url),
    )
    assert result.returncode == 0, result.stderr


def run(url: str, *arguments: str) -> str:
    result = manage(*arguments, environment=process_environment(DATABASE_URL=url, SEARCH_BACKEND="database"))
    assert result.returncode == 0, result.stderr
    return result.stdout


def found_ids(url: str, *arguments: str) -> set[int]:
    return {hit["id"] for hit in json.loads(run(url, "search", *arguments, "--json"))["hits"]}


def test_a_backup_restored_into_a_fresh_database_gives_back_everything(fresh_database, tmp_path):
    source = fresh_database("source")
    run(source, "migrate", "-v0")
    world = json.loads(run(source, "shell", "-v0", "-c", "from tests.ops.backup_world import build; build()"))
    backup = tmp_path / ("portal.dump" if ON_POSTGRES else "portal-backup.sqlite3")
    backup_script("backup", backup, source)

    restored = fresh_database("restored")
    backup_script("restore", backup, restored)
    run(restored, "search_reindex")

    assert "No planned migration operations" in run(restored, "migrate", "--plan")
    for practice in world["practices"]:
        assert practice["id"] in found_ids(restored, practice["word"])
    for post in world["posts"]:
        assert post["id"] in found_ids(restored, post["word"], "--posts", "--as", world["member"])
    memberships = "from portal.models import Membership as M; print(sorted(M.objects.values_list('pk', flat=True)))"
    assert json.loads(run(restored, "shell", "-v0", "-c", memberships)) == world["memberships"]
