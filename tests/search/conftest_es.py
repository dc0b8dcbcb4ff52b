"""Elasticsearch test support: the shared test node, unique index prefixes, and private
clusters that a test may stop and start at will.

Import what a test module needs (``from tests.search.conftest_es import es_backend, ...``):
pytest finds fixtures imported into a test module.

- ``es_url``: the shared test node (env ``ELASTICSEARCH_URL``, default http://127.0.0.1:9201),
  started by ``scripts/elasticsearch.sh start``. Absent: the test skips, or fails under
  ``REQUIRE_SERVICES=1``.
- ``es_prefix``: an index prefix unique to this test run; every index made under it is
  deleted at the end of the session.
- ``es_backend``: a fresh ``ElasticsearchSearchBackend`` per test, on its own index.
- ``LocalCluster``: one or more nodes of their own (other ports, other data paths), run from
  the same distribution as ``scripts/elasticsearch.sh`` (``.services/elasticsearch/dist``),
  for tests that stop nodes. They never touch the shared node.
"""

import itertools
import json
import os
import pwd
import shutil
import signal
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
import uuid
from pathlib import Path

import pytest

from tests.conftest import require_service

PROJECT_DIR = Path(__file__).resolve().parents[2]
ES_VERSION = "8.14.3"
DIST_LINK = PROJECT_DIR / ".services" / "elasticsearch" / "dist"
SCRIPT = PROJECT_DIR / "scripts" / "elasticsearch.sh"
ANALYSIS_PLUGIN_INSTALL = PROJECT_DIR / "scripts" / "elasticsearch" / "analysis-plugin" / "install.sh"
DEFAULT_URL = "http://127.0.0.1:9201"


def http_json(url: str, *, method: str = "GET", timeout: float = 5.0) -> dict | None:
    """A small HTTP call with no client library: None when nothing answers."""
    request = urllib.request.Request(url, method=method)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return json.loads(response.read() or b"{}")
    except urllib.error.HTTPError as error:
        return json.loads(error.read() or b"{}")
    except (OSError, ValueError):
        return None


def shared_node_url() -> str:
    return os.environ.get("ELASTICSEARCH_URL", DEFAULT_URL).rstrip("/")


@pytest.fixture(scope="session")
def es_url() -> str:
    url = shared_node_url()
    health = http_json(f"{url}/_cluster/health", timeout=5)
    require_service(
        bool(health and health.get("status") in ("green", "yellow")),
        f"Elasticsearch is not answering at {url} (start it: scripts/elasticsearch.sh start)",
    )
    return url


@pytest.fixture(scope="session")
def es_prefix(es_url):
    prefix = f"pytest-{uuid.uuid4().hex[:10]}"
    yield prefix
    http_json(f"{es_url}/{prefix}*?expand_wildcards=all&ignore_unavailable=true", method="DELETE", timeout=30)


_backend_numbers = itertools.count(1)


def make_backend(url: str, index: str, **options):
    """An engine on the shared test node. Its reads may take 10 s, not production's 2 s: on a
    loaded two-core CI machine (the suite on two workers, the node beside them) a read of the
    shared node once timed out ("Connection timed out", query sweep 20). Tests of the timeout
    itself give their own ``SEARCH_TIMEOUT``."""
    from search.backends.elasticsearch import ElasticsearchSearchBackend

    return ElasticsearchSearchBackend({"URL": url, "INDEX": index, "SEARCH_TIMEOUT": 10, **options})


@pytest.fixture
def es_backend(es_url, es_prefix):
    backend = make_backend(es_url, f"{es_prefix}-{next(_backend_numbers)}", REPLICAS=0)
    yield backend
    backend.drop()


def search_document(
    document_id: int,
    title: str,
    description: str = "",
    *,
    version: int = 1,
    visibility: str = "public",
    organisation_id: int = 7,
    language: str = "en",
    body: str = "",
    themes=("exit-strategies",),
) -> dict:
    """A search document shaped as practices.indexing.practice_document builds it, without the database."""
    return {
        "id": document_id,
        "version": version,
        "title": title,
        "description": description,
        "taxonomy": "",
        "organisation": "Municipality of Ravnstad",
        "body": body,
        "themes": list(themes),
        "audiences": [],
        "country": ["NO"],
        "organisation_type": ["municipality"],
        "language": [language],
        "peer_reviewed": ["no"],
        "evidence_level": ["not-assessed"],
        "start_period": ["2015-2019"],
        "start_year": 2016,
        "published_at": f"2024-01-{document_id % 28 + 1:02d}T10:00:00+00:00",
        "visibility": visibility,
        "organisation_id": organisation_id,
    }


# --- private clusters ---------------------------------------------------------------


def _java_home() -> str | None:
    if os.environ.get("ES_JAVA_HOME"):
        return os.environ["ES_JAVA_HOME"]
    java = shutil.which("java")
    return str(Path(java).resolve().parent.parent) if java else None


def elasticsearch_distribution() -> Path | None:
    """The unpacked distribution, fetched through the shared script when missing, with the
    analysis plugin that stands in for the analysis-common module."""
    dist = DIST_LINK.resolve() / f"elasticsearch-{ES_VERSION}"
    if not (dist / "bin" / "elasticsearch").exists() and SCRIPT.exists():
        subprocess.run([str(SCRIPT), "fetch"], check=False, timeout=600, cwd=PROJECT_DIR)
        dist = DIST_LINK.resolve() / f"elasticsearch-{ES_VERSION}"
    if not (dist / "bin" / "elasticsearch").exists():
        return None
    subprocess.run([str(ANALYSIS_PLUGIN_INSTALL), str(dist)], check=True, timeout=300)
    return dist


def _run_user() -> str | None:
    """Elasticsearch refuses to run as root: as root, nodes run as the script's system user."""
    if os.geteuid() != 0:
        return None
    user = os.environ.get("ES_RUN_USER", "portal-es")
    try:
        pwd.getpwnam(user)
    except KeyError:
        subprocess.run(
            [
                "useradd",
                "--system",
                "--user-group",
                "--home-dir",
                "/nonexistent",
                "--no-create-home",
                "--shell",
                "/usr/sbin/nologin",
                user,
            ],
            check=True,
        )
    return user


class LocalCluster:
    """N nodes on 127.0.0.1, HTTP ports base_http+1..N, transport base_transport+1..N."""

    def __init__(self, *, name: str, nodes: int, base_http: int, base_transport: int, heap: str = "-Xms384m -Xmx384m"):
        self.name, self.size, self.heap = name, nodes, heap
        self.base_http, self.base_transport = base_http, base_transport
        self.dist = elasticsearch_distribution()
        self.java_home = _java_home()
        self.user = _run_user()
        self.root = Path(tempfile.mkdtemp(prefix=f"pve-{name}-", dir="/var/tmp"))
        self.processes: dict[int, subprocess.Popen] = {}

    @property
    def available(self) -> bool:
        return self.dist is not None and self.java_home is not None

    def http_port(self, i: int) -> int:
        return self.base_http + i

    def url(self, i: int = 1) -> str:
        return f"http://127.0.0.1:{self.http_port(i)}"

    def urls(self) -> list[str]:
        return [self.url(i) for i in range(1, self.size + 1)]

    def _chown(self, path: Path) -> None:
        if self.user:
            shutil.chown(path, self.user, self.user)
            for child in path.rglob("*"):
                shutil.chown(child, self.user, self.user)

    def _configure(self, i: int) -> Path:
        node = self.root / f"node{i}"
        if (node / "config").exists():
            return node
        for sub in ("data", "logs", "tmp"):
            (node / sub).mkdir(parents=True, exist_ok=True)
        shutil.copytree(self.dist / "config", node / "config")
        options = (node / "config" / "jvm.options").read_text()
        options = options.replace("file=logs/gc.log", f"file={node}/logs/gc.log")
        options = options.replace("HeapDumpPath=data", f"HeapDumpPath={node}/logs")
        options = options.replace("ErrorFile=logs/", f"ErrorFile={node}/logs/")
        (node / "config" / "jvm.options").write_text(options)
        (node / "config" / "jvm.options.d" / "heap.options").write_text("\n".join(self.heap.split()) + "\n")
        seeds = ", ".join(f'"127.0.0.1:{self.base_transport + j}"' for j in range(1, self.size + 1))
        masters = ", ".join(f"node{j}" for j in range(1, self.size + 1))
        discovery = (
            ["discovery.type: single-node"]
            if self.size == 1
            else [f"discovery.seed_hosts: [{seeds}]", f"cluster.initial_master_nodes: [{masters}]"]
        )
        (node / "config" / "elasticsearch.yml").write_text(
            "\n".join(
                [
                    f"cluster.name: {self.name}",
                    f"node.name: node{i}",
                    f"path.data: {node}/data",
                    f"path.logs: {node}/logs",
                    "network.host: 127.0.0.1",
                    f"http.port: {self.http_port(i)}",
                    f"transport.port: {self.base_transport + i}",
                    *discovery,
                    "xpack.security.enabled: false",
                    "cluster.routing.allocation.disk.threshold_enabled: false",
                    "action.destructive_requires_name: false",
                ]
            )
            + "\n"
        )
        return node

    def start_node(self, i: int) -> None:
        node = self._configure(i)
        self.root.chmod(0o755)
        self._chown(self.root)
        env = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "ES_JAVA_HOME": self.java_home,
            "ES_PATH_CONF": str(node / "config"),
            "ES_TMPDIR": str(node / "tmp"),
            "ES_JAVA_OPTS": "",
        }
        command = [str(self.dist / "bin" / "elasticsearch"), "-p", str(node / "es.pid")]
        if self.user:
            command = ["runuser", "-u", self.user, "--", "env", *[f"{k}={v}" for k, v in env.items()], *command]
        log = open(node / "console.log", "ab")  # noqa: SIM115 (closed with the process)
        self.processes[i] = subprocess.Popen(
            command,
            cwd="/",
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        log.close()

    def stop_node(self, i: int, *, timeout: float = 60) -> None:
        process = self.processes.pop(i, None)
        if process is None or process.poll() is not None:
            return
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=10)

    def wait_ready(self, *, nodes: int | None = None, status: str | None = None, timeout: float = 150) -> None:
        nodes = nodes or len(self.processes)
        status = status or ("yellow" if nodes == 1 else "green")
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for i, process in self.processes.items():
                if process.poll() is not None:
                    raise RuntimeError(f"node{i} of {self.name} exited:\n{self.console(i)}")
            for url in (self.url(i) for i in self.processes):
                health = http_json(f"{url}/_cluster/health?wait_for_nodes={nodes}&wait_for_status={status}&timeout=1s")
                if health and health.get("number_of_nodes") == nodes and not health.get("timed_out"):
                    return
            time.sleep(1)
        raise TimeoutError(f"{self.name}: not {status} with {nodes} node(s) after {timeout:.0f}s")

    def console(self, i: int) -> str:
        log = self.root / f"node{i}" / "console.log"
        return log.read_text(errors="replace")[-4000:] if log.exists() else ""

    def start(self, *, timeout: float = 150) -> None:
        for i in range(1, self.size + 1):
            self.start_node(i)
        self.wait_ready(nodes=self.size, timeout=timeout)

    def stop(self) -> None:
        for i in list(self.processes):
            self.stop_node(i)
        shutil.rmtree(self.root, ignore_errors=True)


def require_local_cluster(cluster: LocalCluster) -> None:
    require_service(
        cluster.available,
        "Elasticsearch or Java is not installed for private test clusters "
        "(scripts/elasticsearch.sh fetch, and a JDK 17+)",
    )
    busy = [url for url in cluster.urls() if http_json(f"{url}/", timeout=1) is not None]
    require_service(not busy, f"ports of the private test cluster are taken: {', '.join(busy)}")
