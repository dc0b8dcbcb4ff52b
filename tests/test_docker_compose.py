"""The production docker-compose.yml, as Docker Compose itself resolves it.

Runs ``docker compose config --format json`` (no Docker engine needed). Skips when
the docker client or its compose plugin is absent; ``make compose-plugin``
installs the plugin.
"""

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
COMPOSE_FILE = ROOT / "docker-compose.yml"
REQUIRED = {
    "DJANGO_SECRET_KEY": "compose-test-secret",
    "DJANGO_ALLOWED_HOSTS": "portal.example.org",
    "PORTAL_URL": "https://portal.example.org",
    "POSTGRES_PASSWORD": "compose-test-db-password",
    "ELASTIC_PASSWORD": "compose-test-es-password",
}
SERVICES = ("web", "worker", "postgres", "elasticsearch")


def _docker_compose() -> list[str]:
    docker = shutil.which("docker")
    if docker is None:
        pytest.skip("the docker client is not installed, so docker-compose.yml cannot be resolved")
    probe = subprocess.run([docker, "compose", "version"], capture_output=True, text=True)
    if probe.returncode != 0:
        pytest.skip("the docker client has no compose plugin (`make compose-plugin` installs one)")
    return [docker, "compose"]


def _run_config(env_overrides: dict[str, str], tmp_path: Path) -> subprocess.CompletedProcess:
    # An explicit, empty env file keeps a developer's .env out of the result.
    env_file = tmp_path / "empty.env"
    env_file.write_text("")
    env = {k: v for k, v in os.environ.items() if k not in REQUIRED}
    env.update(env_overrides)
    command = [
        *_docker_compose(),
        "--project-directory",
        str(ROOT),
        "-f",
        str(COMPOSE_FILE),
        "--env-file",
        str(env_file),
        "config",
        "--format",
        "json",
    ]
    return subprocess.run(command, capture_output=True, text=True, env=env, cwd=ROOT, timeout=60)


@pytest.fixture(scope="module")
def config(tmp_path_factory) -> dict:
    result = _run_config(REQUIRED, tmp_path_factory.mktemp("compose"))
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_the_four_services_exist(config):
    assert set(SERVICES) <= set(config["services"])


@pytest.mark.parametrize("service", SERVICES)
def test_every_service_has_a_health_check(config, service):
    healthcheck = config["services"][service].get("healthcheck")
    assert healthcheck, f"{service} has no healthcheck"
    assert not healthcheck.get("disable", False)
    assert healthcheck["test"] and healthcheck["test"][0] in ("CMD", "CMD-SHELL")


def test_web_checks_the_healthz_page(config):
    assert any("/healthz/" in part for part in config["services"]["web"]["healthcheck"]["test"])


def test_web_waits_for_healthy_postgres_and_elasticsearch(config):
    depends_on = config["services"]["web"]["depends_on"]
    assert depends_on["postgres"]["condition"] == "service_healthy"
    assert depends_on["elasticsearch"]["condition"] == "service_healthy"


def test_worker_runs_the_search_worker_after_web(config):
    worker = config["services"]["worker"]
    assert worker["command"][-1] == "search_worker"
    assert worker["depends_on"]["web"]["condition"] == "service_healthy"


def test_web_and_worker_share_the_project_image(config):
    web, worker = config["services"]["web"], config["services"]["worker"]
    assert web["build"]["dockerfile"] == "Dockerfile"
    assert web["image"] == worker["image"]


def test_images_are_pinned(config):
    assert re.fullmatch(
        r"docker\.elastic\.co/elasticsearch/elasticsearch:8\.14\.\d+", config["services"]["elasticsearch"]["image"]
    )
    assert config["services"]["postgres"]["image"] == "postgres:16"


def test_elasticsearch_security_is_explicit(config):
    environment = config["services"]["elasticsearch"]["environment"]
    assert environment["xpack.security.enabled"] == "true"
    assert environment["discovery.type"] == "single-node"
    url = config["services"]["web"]["environment"]["ELASTICSEARCH_URL"]
    assert url == f"http://elastic:{REQUIRED['ELASTIC_PASSWORD']}@elasticsearch:9200"


def test_data_lives_in_named_volumes(config):
    assert {"postgres-data", "elasticsearch-data"} <= set(config.get("volumes") or {})
    mounts = {
        service: {(m["type"], m.get("source"), m["target"]) for m in config["services"][service].get("volumes", [])}
        for service in ("postgres", "elasticsearch")
    }
    assert ("volume", "postgres-data", "/var/lib/postgresql/data") in mounts["postgres"]
    assert ("volume", "elasticsearch-data", "/usr/share/elasticsearch/data") in mounts["elasticsearch"]


def test_only_web_publishes_a_port_on_loopback_by_default(config):
    assert [p["host_ip"] for p in config["services"]["web"]["ports"]] == ["127.0.0.1"]
    for service in ("worker", "postgres", "elasticsearch"):
        assert not config["services"][service].get("ports")


def test_production_settings(config):
    environment = config["services"]["web"]["environment"]
    assert environment["DJANGO_DEBUG"] == "false"
    assert environment["DATABASE_URL"].startswith("postgres://portal:compose-test-db-password@postgres:5432/")
    assert "127.0.0.1" in environment["DJANGO_ALLOWED_HOSTS"].split(",")


@pytest.mark.parametrize("missing", sorted(REQUIRED))
def test_required_values_are_enforced(tmp_path, missing):
    result = _run_config({k: v for k, v in REQUIRED.items() if k != missing}, tmp_path)
    assert result.returncode != 0
    assert missing in result.stderr


def test_rates_are_counted_in_a_cache_every_web_process_shares(config):
    web = config["services"]["web"]
    assert web["environment"]["DJANGO_CACHE"] == "database"
    assert config["services"]["worker"]["environment"]["DJANGO_CACHE"] == "database"
    command = web["command"][-1]
    assert command.index("migrate") < command.index("createcachetable") < command.index("gunicorn")
