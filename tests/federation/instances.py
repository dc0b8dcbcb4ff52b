"""Real portal instances for the federation tests: each its own gunicorn process on a free
loopback port, its own database (a SQLite file copied from one migrated template, or a
PostgreSQL database created from a migrated template database), its own key and PORTAL_URL,
ready on /healthz/, driven only by HTTP and ``manage.py``."""

import contextlib
import json
import os
import shutil
import socket
import subprocess
import sys
import time
import uuid
from pathlib import Path
from urllib.parse import urlsplit

import requests

ROOT = Path(__file__).resolve().parents[2]
PYTHON = sys.executable
TEMPLATE_DOCUMENT = ROOT / "practices" / "fixtures" / "templates" / "en_practice.md"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def base_environment() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_", "PORTAL_", "SEARCH_"))}
    env.update(
        {
            "DJANGO_DEBUG": "false",
            "DJANGO_SECRET_KEY": "federation-instance-tests",
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
            "DJANGO_SSL_REDIRECT": "false",
            "DJANGO_SECURE_COOKIES": "false",
            "DJANGO_HSTS_SECONDS": "0",
            "DJANGO_MANIFEST_STATIC": "false",
            "DJANGO_LOG_LEVEL": "ERROR",
            "PII_WARM_UP_AT_START": "false",
            "PORTAL_REQUIRE_MFA": "false",
            "SEARCH_BACKEND": "database",
            "SEARCH_EMBEDDINGS": "false",  # lexical search: no model loaded by each process
            "FEDERATION_SHARE_DELAY": "0",
            "FEDERATION_PULL_INTERVAL": "300",
            "PYTHONUNBUFFERED": "1",
        }
    )
    return env


def manage(env: dict[str, str], *args: str, check: bool = True, timeout: float = 120) -> str:
    result = subprocess.run(
        [PYTHON, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout
    )
    if check and result.returncode != 0:
        raise AssertionError(f"manage.py {' '.join(args)} failed ({result.returncode}):\n{result.stderr[-3000:]}")
    return result.stdout + result.stderr


class Databases:
    """Where instances get their databases: copies of one migrated template."""

    def __init__(self, workdir: Path, postgres_url: str | None = None):
        self.workdir = workdir
        self.postgres_url = postgres_url
        self.template = f"fedtpl_{uuid.uuid4().hex[:8]}"
        self.created: list[str] = []

    def _admin(self, sql: str) -> None:
        import psycopg

        parts = urlsplit(self.postgres_url or "")
        dsn = f"host={parts.hostname} port={parts.port or 5432} user={parts.username} password={parts.password}"
        with psycopg.connect(dsn + " dbname=postgres", autocommit=True) as conn:
            conn.execute(sql)

    def _pg_url(self, name: str) -> str:
        parts = urlsplit(self.postgres_url or "")
        return f"{parts.scheme}://{parts.netloc}/{name}"

    def prepare(self) -> None:
        env = base_environment()
        if self.postgres_url:
            self._admin(f'CREATE DATABASE "{self.template}"')
            self.created.append(self.template)
            env["DATABASE_URL"] = self._pg_url(self.template)
        else:
            env["DATABASE_URL"] = f"sqlite:///{self.workdir / 'template.sqlite3'}"
        manage(env, "migrate", "--noinput", timeout=600)

    def new(self, name: str) -> str:
        if self.postgres_url:
            database = f"{self.template}_{name}"
            self._admin(f'CREATE DATABASE "{database}" TEMPLATE "{self.template}"')
            self.created.append(database)
            return self._pg_url(database)
        path = self.workdir / f"{name}.sqlite3"
        shutil.copyfile(self.workdir / "template.sqlite3", path)
        return f"sqlite:///{path}"

    def drop_all(self) -> None:
        for database in reversed(self.created):
            try:
                self._admin(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
            except Exception as exc:  # noqa: BLE001 - cleaning up: report, do not hide the test's result
                print(f"could not drop {database}: {exc}", file=sys.stderr)


class Instance:
    """One portal: a gunicorn process, started and stopped by the test."""

    def __init__(self, name: str, databases: Databases, workdir: Path, *, proxied: bool = False, **settings: str):
        """``proxied``: its PORTAL_URL is a recording proxy (``self.proxy``) relaying to its gunicorn."""
        from tests.federation.proxy import Proxy

        self.name = name
        self.port = free_port()
        self.direct_url = f"http://127.0.0.1:{self.port}"
        self.proxy = Proxy(self.port).start() if proxied else None
        self.url = self.proxy.url if self.proxy else self.direct_url
        self.env = base_environment()
        self.env.update(
            {
                "DATABASE_URL": databases.new(name),
                "PORTAL_URL": self.url,
                "PORTAL_NAME": f"Portal {name}",
                "ELASTICSEARCH_INDEX": f"fed-{name.lower()}-{uuid.uuid4().hex[:8]}",
            }
        )
        self.env.update(settings)
        self.workdir = workdir
        self.databases = databases
        self.process: subprocess.Popen | None = None

    def start(self) -> "Instance":
        log = open(self.workdir / f"{self.name}.log", "ab")  # noqa: SIM115 - handed to the process
        self.process = subprocess.Popen(
            [PYTHON, "-m", "gunicorn", "portal.wsgi", "--bind", f"127.0.0.1:{self.port}", "--workers", "2"],
            cwd=ROOT,
            env=self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise AssertionError(f"{self.name} exited: {(self.workdir / f'{self.name}.log').read_text()[-3000:]}")
            try:
                if requests.get(self.direct_url + "/healthz/", timeout=10).status_code == 200:
                    return self
            except requests.RequestException:
                pass
            time.sleep(0.2)
        raise AssertionError(f"{self.name} was not ready on /healthz/ within 60 s")

    def stop(self, *, proxy: bool = False) -> None:
        if proxy and self.proxy is not None:
            self.proxy.stop()
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.process = None

    def manage(self, *args: str, check: bool = True) -> str:
        return manage(self.env, *args, check=check)

    def manage_json(self, *args: str):
        return json.loads(manage(self.env, *args))

    def identity(self) -> dict:
        """What its operator gives the other side's (docs/FEDERATION.md, "Joining a federation")."""
        if not hasattr(self, "_identity"):
            self._identity = self.manage_json("federation_identity", "--json")
        return self._identity

    def peer_with(self, other: "Instance", *, share: str = "public,members", accept: str = "public,members") -> None:
        fingerprint = other.identity()["fingerprint"]
        self.manage(
            "federation_peer", "add", other.url, "--name", other.name, "--fingerprint", fingerprint,
            "--share", share, "--accept", accept,
        )  # fmt: skip

    def publish(self, *titles: str, contact: str = "", publish: bool = True) -> None:
        """Practices imported from filled-in templates (the trusted command-line path), in one command."""
        folder = self.workdir / uuid.uuid4().hex
        folder.mkdir()
        for title in titles:
            text = TEMPLATE_DOCUMENT.read_text()
            text = text.replace("Safe Harbour: mentoring young people leaving custody", title)
            if contact:
                text = text.replace("Programme team Safe Harbour, Harbourside Probation Partnership", contact)
            (folder / f"{uuid.uuid4().hex}.md").write_text(text)
        args = ["import_practice", str(folder), "--organisation", f"Organisation of {self.name}"]
        self.manage(*args, *(["--publish"] if publish else []))

    def get(self, path: str, **params) -> requests.Response:
        """A reader's request, straight to gunicorn (what the proxy sees is peers' traffic only)."""
        return requests.get(self.direct_url + path, params=params, timeout=30)

    def shell(self, code: str) -> str:
        return self.manage("shell", "-c", code)


@contextlib.contextmanager
def start_portals(workdir: Path, names: tuple[str, ...], shares: dict[tuple[str, str], str]):
    """Instances ``names`` (the first one proxied: its peers' traffic is recorded), started and
    peered as ``shares`` says ((who, with whom): what it shares), by name; stopped and their
    databases dropped on leaving."""
    url = os.environ.get("DATABASE_URL", "")
    databases = Databases(workdir, postgres_url=url if url.startswith(("postgres://", "postgresql://")) else None)
    databases.prepare()
    instances = {name: Instance(name, databases, workdir, proxied=name == names[0]) for name in names}
    try:
        for instance in instances.values():
            instance.start()
        for (who, other), share in shares.items():
            instances[who].peer_with(instances[other], share=share)
        yield instances
    finally:
        for instance in instances.values():
            instance.stop(proxy=True)
        databases.drop_all()


def soon(check, seconds: float = 15) -> bool:
    """Whether ``check`` holds within ``seconds`` (Elasticsearch shows writes after a refresh)."""
    deadline = time.monotonic() + seconds
    while not check():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.3)
    return True


def shared(instance: Instance, words: str) -> int:
    """How many copies (results with an origin badge) the instance's search page lists."""
    return instance.get("/search/", q=words).text.count("Shared by")


def number(instance: Instance, words: str) -> str:
    """The number of the first practice the instance's search page lists for ``words``."""
    import re

    match = re.search(r"/practices/(\d+)/", instance.get("/search/", q=words).text)
    assert match, f"{words!r} is not found on {instance.name}"
    return match.group(1)


def peer_status(instance: Instance, peer: str) -> dict:
    """What ``federation_status --json`` says on ``instance`` about its peer ``peer``."""
    peers = instance.manage_json("federation_status", "--json")["peers"]
    return next(p for p in peers if p["name"] == peer)
