"""Issue 14, item 17: search_worker writes the heartbeat that docker-compose's health check reads."""

import os
import subprocess
import sys
import time

import yaml

from tests.ops.conftest import PROJECT, process_environment


def worker_health_check() -> list[str]:
    """The worker's health check command, as docker-compose.yml writes it (CMD form)."""
    compose = yaml.safe_load((PROJECT / "docker-compose.yml").read_text())
    test = compose["services"]["worker"]["healthcheck"]["test"]
    assert test[0] == "CMD" and test[1] == "python"
    return [sys.executable, *test[2:]]


def health(environment: dict[str, str]) -> int:
    return subprocess.run(worker_health_check(), env=environment, capture_output=True, timeout=30).returncode


def test_the_worker_health_check_passes_while_the_worker_runs_and_fails_when_it_stalls(migrated_sqlite_url, tmp_path):
    heartbeat = tmp_path / "search-worker.heartbeat"
    environment = process_environment(
        DATABASE_URL=migrated_sqlite_url, SEARCH_BACKEND="database", SEARCH_WORKER_HEARTBEAT_FILE=str(heartbeat)
    )
    assert health(environment) != 0  # no heartbeat yet
    worker = subprocess.Popen(
        [sys.executable, "manage.py", "search_worker", "--interval", "0.2"],
        cwd=PROJECT,
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 60
        while not heartbeat.exists() and worker.poll() is None and time.monotonic() < deadline:
            time.sleep(0.2)
        assert heartbeat.exists(), worker.stderr.read().decode() if worker.poll() is not None else "no heartbeat"
        first = heartbeat.stat().st_mtime
        time.sleep(1)
        assert heartbeat.stat().st_mtime > first  # touched on every poll
        assert health(environment) == 0
    finally:
        worker.terminate()
        worker.wait(timeout=30)
    stale = time.time() - 600
    os.utime(heartbeat, (stale, stale))  # a worker stuck for ten minutes
    assert health(environment) != 0
