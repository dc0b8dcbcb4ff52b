"""Reader pages under gunicorn: throughput as a share of /healthz/, latency, memory.

    .venv/bin/python benchmarks/pages.py                       # 10,000 practices, a 1,000-post thread
    .venv/bin/python benchmarks/pages.py --count 100           # the same at 100 practices
    .venv/bin/python benchmarks/pages.py --write-doc           # also rewrite "## Pages" in docs/PERFORMANCE.md
    .venv/bin/python benchmarks/pages.py --reuse --profile "practice page" --signed-in   # one page's profile
    .venv/bin/python benchmarks/pages.py --reuse --engine elasticsearch   # search by a node (scripts/elasticsearch.sh)

One command: it builds a SQLite database of its own (default /tmp/pve-bench-pages.sqlite3,
recreated each run) with the search benchmark's generated practices (benchmarks/search.py),
renders their Markdown once (``manage.py recook``), indexes them with the ``database``
engine, adds a network whose thread holds ``--posts`` posts and a member to read it,
collects the static files (manifest storage), then starts gunicorn with production
settings (DJANGO_DEBUG off, a benchmark-only secret key, the database cache and persistent
database connections, ``DATABASE_CONN_MAX_AGE=60``, as docker-compose.yml sets them, 2 workers)
on 127.0.0.1:PORT. (Before 2026-12-05's sixth round the benchmark opened a connection for every
request, which the embedded default does but the compose file does not: /healthz/ then served
about 1,100 requests/s instead of about 2,950, and every share was measured against that.)

Each page is driven by ``wrk`` (loopback only, ``--connections`` clients, ``--duration``
seconds per page, with ``X-Forwarded-Proto: https`` as from the TLS proxy) after a one-second
warm-up, in three modes (``--modes``): ``kept``, anonymous readers with their pages kept
(portal/caching.py: wrk repeats one URL, so this is the kept-page path); ``rendered``,
anonymous readers with every page rendered (``PORTAL_PAGE_CACHE_SECONDS=0`` and
``PORTAL_SCOPE_CACHE_SECONDS=0``, the cost of a first reader of a URL); ``signed-in``, every
page read by a verified member (session cookie, default settings: their pages are never kept,
what the pages show of published content is kept per reader scope, portal/caching.py);
``signed-in-first``, the same member with nothing kept per scope (the first reader of a URL
in their scope). The thread page is
always read by that member. /healthz/ (the same middleware stack and one query) is measured
in the same run, first and last, and each page's requests per second is given as a share
of its mean. Printed per page: requests/s, share, p50 and p99; then the resident memory of
each gunicorn worker and the load average when the mode started. A page answering anything
but 200 is reported as an error, not as a figure.

``--engine elasticsearch`` runs the same with the portal's search on Elasticsearch (a node at
``--elasticsearch-url``, default 127.0.0.1:9201, on the same cores), in an alias of the
benchmark's own (``pve-bench-pages``, built from the database's stored vectors, reused with
``--reuse`` when it holds every practice); the figures are written under a heading of their own.

``--profile PAGE`` (with ``--reuse``) profiles one page in-process instead (pyinstrument,
20 requests through Django's test client, production settings, ``--signed-in`` for the
member): what to fix next.
"""

import argparse
import os
import re
import signal
import subprocess
import sys
import time
import urllib.request
from datetime import UTC, datetime, timedelta
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(PROJECT_DIR))

from benchmarks.search import generate, setup_django  # noqa: E402 (after the path is set)
from portal.env import env_bool  # noqa: E402

TARGET_SHARE = 0.25
TARGET_P99_MS = 200.0
SECRET_KEY = "benchmark-only-not-a-secret"
WRK = "/usr/bin/wrk"
# As from the TLS proxy in front of the portal (docs/OPERATIONS.md): production settings redirect plain HTTP.
PROXY_HEADER = "X-Forwarded-Proto: https"


# The benchmark's own Elasticsearch alias (``--engine elasticsearch``): never the portal's.
ELASTICSEARCH_INDEX = "pve-bench-pages"


def server_environment(database_url: str, engine: str = "database", elasticsearch_url: str = "") -> dict[str, str]:
    """Production settings for gunicorn and for the set-up commands."""
    env = dict(os.environ)
    env.update(
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY=SECRET_KEY,
        DATABASE_URL=database_url,
        DJANGO_SETTINGS_MODULE="portal.settings",
        SEARCH_BACKEND=engine,
        ELASTICSEARCH_URL=elasticsearch_url,
        ELASTICSEARCH_INDEX=ELASTICSEARCH_INDEX,
        DJANGO_CACHE="database",  # as docker-compose.yml: one cache every worker shares
        DATABASE_CONN_MAX_AGE="60",  # as docker-compose.yml: each worker keeps its connection between requests
        API_THROTTLE_ANONYMOUS="100000000/minute",  # the benchmark measures pages, not the throttle
        API_THROTTLE_USER="100000000/minute",
        DJANGO_LOG_LEVEL="ERROR",
    )
    return env


# --- the data ------------------------------------------------------------------------------


def build(count: int, posts: int) -> dict:
    """Practices, their cooked HTML and search index, a network thread; returns what the URLs need."""
    from django.core.management import call_command

    started = time.monotonic()
    generate(count)
    with open(os.devnull, "w") as quiet:
        call_command("recook", stdout=quiet)
        call_command("search_reindex", "--engine", "database", stdout=quiet)
    thread, session = _network_thread(posts)
    print(f"  data ready in {time.monotonic() - started:.0f} s", flush=True)
    return {"thread": thread, "session": session, **_samples()}


def reused() -> dict:
    """The data of an earlier run, migrated to the current code (``--reuse``)."""
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore
    from django.contrib.sessions.models import Session
    from django.core.management import call_command

    from network.models import Thread

    call_command("migrate", verbosity=0)
    session = Session.objects.order_by("-expire_date").values_list("session_key", flat=True).first()
    stored = SessionStore(session_key=session)
    stored[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]  # as if signed in with the current backends
    stored.save()
    return {"thread": Thread.objects.get(title="A long thread").pk, "session": session, **_samples()}


def index_elasticsearch(*, rebuild: bool) -> None:
    """The practices and posts in the benchmark's own Elasticsearch alias (``--engine
    elasticsearch``): rebuilt from the database (stored vectors) unless a reused alias already
    holds every searchable practice under the current mapping."""
    from django.core.management import call_command
    from elasticsearch import ApiError, TransportError

    from practices.indexing import COLLECTION
    from search.backends import engine
    from search.backends.elasticsearch import mapping

    backend = engine("elasticsearch")
    wanted = COLLECTION.candidates().count()
    if not rebuild:
        try:
            index = backend.index_of(COLLECTION)
            held = index.client.count(index=index.alias)["count"]
            current = index._mapping_facts()[1] == mapping.MAPPING_VERSION  # else: built by older code
        except (ApiError, TransportError):  # no alias yet (or no node: the rebuild below says so)
            held, current = -1, False
        if held == wanted and current:
            print(f"  Elasticsearch alias {ELASTICSEARCH_INDEX} reused ({held:,} practices)", flush=True)
            _drain_outbox()
            return
    started = time.monotonic()
    with open(os.devnull, "w") as quiet:
        call_command("search_reindex", "--engine", "elasticsearch", "--no-progress", stdout=quiet)
    _drain_outbox()
    print(f"  Elasticsearch indexed in {time.monotonic() - started:.0f} s", flush=True)


def _drain_outbox() -> None:
    """The outbox worker's pass over what set-up wrote (the thread, the generated practices):
    Elasticsearch reads leave out documents with a waiting row, and answer through the database
    engine once a row has waited a minute (docs/SEARCH.md, "Between a change and the worker")."""
    from django.core.management import call_command

    with open(os.devnull, "w") as quiet:
        call_command("search_worker", "--once", stdout=quiet)


def _samples() -> dict:
    from practices.models import KeyTheme, Practice

    practice = Practice.objects.filter(status="published", visibility="public").order_by("-published_at").first()
    theme = KeyTheme.objects.order_by("position").first()
    return {"practice": practice.pk, "theme": theme.code}


def _network_thread(posts: int) -> tuple[int, str]:
    from allauth.account.models import EmailAddress
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    from network import services
    from network.models import Network, Post
    from portal.models import Membership, Organisation, User
    from portal.text import html_text, render_markdown

    organisation = Organisation.objects.order_by("pk").first()
    moderator = User.objects.create_user(email="bench-moderator@example.org", password=None, is_moderator=True)
    reader = User.objects.create_user(email="bench-reader@example.org", password=None, display_name="Bench Reader")
    for user in (moderator, reader):
        EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
        Membership.objects.create(user=user, organisation=organisation, state=Membership.State.APPROVED)
    TOTP.activate(moderator, generate_totp_secret())  # a moderator's powers need a second factor
    network = services.network_create(
        actor=moderator, name="Benchmark network", purpose="Benchmark.", policy=Network.Policy.INVITATION
    )
    services.network_member_add(network=network, user=reader, actor=moderator)
    thread = services.thread_create(network=network, actor=reader, title="A long thread", body="The first post.")
    start = datetime.now(UTC) - timedelta(days=30)
    body = "A **reply** with a [link](https://example.org) and a list:\n\n- one\n- two\n"
    Post.objects.bulk_create(
        Post(
            thread=thread,
            author=reader if n % 2 else moderator,
            body=f"{body}\nReply {n}.",
            body_html=str(render_markdown(f"{body}\nReply {n}.")),
            body_text=html_text(str(render_markdown(f"{body}\nReply {n}."))),
            created_at=start + timedelta(minutes=n),
        )
        for n in range(posts - 1)
    )
    session = SessionStore()
    session[SESSION_KEY] = str(reader.pk)
    session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
    session[HASH_SESSION_KEY] = reader.get_session_auth_hash()
    session.create()
    return thread.pk, session.session_key


# --- the server ----------------------------------------------------------------------------


def collect_static(env: dict) -> None:
    python = str(PROJECT_DIR / ".venv" / "bin" / "python")
    subprocess.run([python, "manage.py", "collectstatic", "--noinput", "-v", "0"], cwd=PROJECT_DIR, env=env, check=True)


def start_gunicorn(env: dict, port: int) -> subprocess.Popen:
    # through this interpreter: a copied virtualenv's bin/gunicorn may name another one
    gunicorn = [sys.executable, "-m", "gunicorn"]
    server = subprocess.Popen(
        [*gunicorn, "portal.wsgi", "--workers", "2", "--bind", f"127.0.0.1:{port}", "--log-level", "warning"],
        cwd=PROJECT_DIR,
        env=env,
        start_new_session=True,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz/", timeout=2) as response:
                if response.status == 200:
                    return server
        except OSError:
            time.sleep(0.5)
    stop(server)
    raise SystemExit("gunicorn did not answer /healthz/ within a minute")


def stop(server: subprocess.Popen) -> None:
    if server.poll() is None:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)


def _workers(server: subprocess.Popen) -> list[str]:
    return Path(f"/proc/{server.pid}/task/{server.pid}/children").read_text().split()


def worker_cpu_seconds(server: subprocess.Popen) -> float:
    """CPU time (user and system) the gunicorn workers have used so far: a page's cost per
    request measured by it does not depend on what else the shared cores run, unlike its
    requests per second."""
    ticks = 0
    for pid in _workers(server):
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        ticks += int(fields[11]) + int(fields[12])  # utime, stime (proc(5): fields 14 and 15)
    return ticks / os.sysconf("SC_CLK_TCK")


def worker_memory_mb(server: subprocess.Popen) -> list[float]:
    """Resident memory of each gunicorn worker (children of the master process)."""
    sizes = []
    for pid in _workers(server):
        status = Path(f"/proc/{pid}/status").read_text()
        sizes.append(int(re.search(r"VmRSS:\s+(\d+) kB", status).group(1)) / 1024)
    return sizes


# --- load ----------------------------------------------------------------------------------


def _milliseconds(value: str) -> float:
    number, unit = re.match(r"([\d.]+)(us|ms|s)", value).groups()
    return float(number) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]


def drive(
    url: str, *, seconds: int, connections: int, cookie: str = "", server: subprocess.Popen | None = None
) -> dict:
    """One wrk run against ``url``; requests/s, p50 and p99 (ms), non-200 answers, and (given
    the ``server``) the workers' CPU milliseconds per request."""
    headers = ["-H", PROXY_HEADER, *(["-H", f"Cookie: {cookie}"] if cookie else [])]
    warm = [WRK, "-t1", "-c1", "-d1s", *headers, url]
    subprocess.run(warm, capture_output=True, check=True)
    command = [WRK, "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", *headers, url]
    cpu = worker_cpu_seconds(server) if server else 0.0
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    cpu = worker_cpu_seconds(server) - cpu if server else 0.0
    latency = dict(re.findall(r"^\s+(50|99)%\s+(\S+)", output, flags=re.M))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    requests = int(re.search(r"(\d+) requests in", output).group(1))
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        "p50": _milliseconds(latency["50"]),
        "p99": _milliseconds(latency["99"]),
        "errors": int(errors.group(1)) if errors else 0,
        "cpu_ms": cpu * 1000 / requests if requests else 0.0,
    }


def pages(data: dict) -> list[tuple[str, str, bool]]:
    """(name, path, members only) of every reader page measured."""
    return [
        ("home", "/", False),
        ("search", "/search/?q=mentoring", False),
        ("search with facets", f"/search/?q=mentoring&theme={data['theme']}&language=en", False),
        ("practice page", f"/practices/{data['practice']}/", False),
        ("practice list (search without words)", "/search/", False),
        ("API list", "/api/v1/practices/", False),
        ("API detail", f"/api/v1/practices/{data['practice']}/", False),
        ("network thread page", f"/networks/threads/{data['thread']}/", True),
    ]


# name: (what the table's title says, pages kept, every page read by the signed-in member)
MODES = {
    "kept": ("anonymous readers, pages kept (PORTAL_PAGE_CACHE_SECONDS=300, the default)", True, False),
    "rendered": (
        "anonymous readers, every page rendered (PORTAL_PAGE_CACHE_SECONDS=0, PORTAL_SCOPE_CACHE_SECONDS=0: "
        "a first reader)",
        False,
        False,
    ),
    "signed-in": (
        "a signed-in verified member, every page (session cookie; default settings: what a page shows of "
        "published content kept per reader scope)",
        True,
        True,
    ),
    "signed-in-first": (
        "a signed-in verified member, every page computed (PORTAL_SCOPE_CACHE_SECONDS=0: the first reader "
        "of a URL in their scope)",
        False,
        True,
    ),
}


def check_status(base: str, path: str, cookie: str) -> None:
    name, value = PROXY_HEADER.split(": ")
    request = urllib.request.Request(base + path, headers={name: value, **({"Cookie": cookie} if cookie else {})})
    with urllib.request.urlopen(request, timeout=30) as response:
        if response.status != 200 or response.url != base + path:
            raise SystemExit(f"{path} answered {response.status} at {response.url}, not a page: check the set-up")


def measure(args, data: dict, port: int, *, signed_in: bool, server: subprocess.Popen) -> dict:
    """Every page under load; the thread page (members only) always with the member's cookie."""
    base = f"http://127.0.0.1:{port}"
    member = f"sessionid={data['session']}"
    results = {"load": os.getloadavg()[0], "healthz": []}
    run = {"seconds": args.duration, "connections": args.connections, "server": server}
    results["healthz"].append(drive(base + "/healthz/", **run))
    for name, path, members_only in pages(data):
        cookie = member if signed_in or members_only else ""
        check_status(base, path, cookie)
        results[name] = drive(base + path, cookie=cookie, **run)
        print(f"  {name}: {results[name]['rps']:.0f} requests/s", flush=True)
    results["healthz"].append(drive(base + "/healthz/", **run))
    return results


def profile(data: dict, name: str, *, signed_in: bool, repeat: int) -> None:
    """``repeat`` requests of one page in-process (Django's test client, production settings),
    profiled by pyinstrument; the first request (cold caches) is left out."""
    from django.conf import settings
    from django.test import Client
    from pyinstrument import Profiler

    settings.PAGE_CACHE_SECONDS = int(os.environ.get("PORTAL_PAGE_CACHE_SECONDS", "0"))
    settings.SCOPE_CACHE_SECONDS = int(os.environ.get("PORTAL_SCOPE_CACHE_SECONDS", "0"))
    path = next((path for page, path, members_only in pages(data) if page.startswith(name)), None)
    if path is None:
        raise SystemExit(f"no page named {name!r}")
    client = Client(SERVER_NAME="127.0.0.1")
    if signed_in or "threads" in path:
        client.cookies["sessionid"] = data["session"]
    client.get(path, secure=True)
    profiler = Profiler(interval=0.0005)
    started, cpu = time.perf_counter(), time.process_time()
    with profiler:
        for _ in range(repeat):
            response = client.get(path, secure=True)  # as behind the TLS proxy
            assert response.status_code == 200, response.status_code
    # CPU time as well: on shared cores the wall-clock time mostly measures the others' load
    print(
        f"{path}: {(time.perf_counter() - started) / repeat * 1000:.1f} ms a request in-process, "
        f"{(time.process_time() - cpu) / repeat * 1000:.1f} ms of CPU"
    )
    print(profiler.output_text(unicode=True, show_all=False))


def cpu_table(data: dict, *, signed_in: bool, repeat: int = 50) -> None:
    """Every page's CPU time a request in-process, unprofiled (the least of three runs of
    ``repeat`` requests after a first one), with its queries: the figure to compare a change by
    on shared cores. /healthz/ read by the same reader, for scale."""
    from django.conf import settings
    from django.db import connection
    from django.test import Client

    settings.PAGE_CACHE_SECONDS = int(os.environ.get("PORTAL_PAGE_CACHE_SECONDS", "0"))
    settings.SCOPE_CACHE_SECONDS = int(os.environ.get("PORTAL_SCOPE_CACHE_SECONDS", "0"))
    print("| page | CPU ms a request | queries |\n|---|---:|---:|")
    for name, path, members_only in [*pages(data), ("/healthz/", "/healthz/", False)]:
        client = Client(SERVER_NAME="127.0.0.1")
        if signed_in or members_only:
            client.cookies["sessionid"] = data["session"]
        assert client.get(path, secure=True).status_code == 200, path
        queries: list[str] = []

        def count(execute, sql, params, many, context, queries=queries):
            queries.append(sql)
            return execute(sql, params, many, context)

        with connection.execute_wrapper(count):  # (Django empties its own query log at each request)
            client.get(path, secure=True)
        runs = []
        for _ in range(3):
            cpu = time.process_time()
            for _ in range(repeat):
                client.get(path, secure=True)
            runs.append((time.process_time() - cpu) / repeat * 1000)
        print(f"| {name} | {min(runs):.2f} | {len(queries)} |", flush=True)


# --- report --------------------------------------------------------------------------------


def report(args, results: dict, memory: list[float], command: str) -> str:
    healthz = results.pop("healthz")
    load = results.pop("load")
    baseline = sum(run["rps"] for run in healthz) / len(healthz)
    cpu_baseline = sum(run["cpu_ms"] for run in healthz) / len(healthz)
    lines = [
        f"{args.count:,} practices, a {args.posts:,}-post thread; gunicorn 2 workers, production settings, SQLite, "
        f"search engine `{args.engine}`"
        + (" (one node on the same cores)" if args.engine == "elasticsearch" else "")
        + ("" if env_bool("SEARCH_EMBEDDINGS", default=True) else ", lexical (SEARCH_EMBEDDINGS off)")
        + "; "
        f"wrk {args.connections} connections, {args.duration} s per page; "
        f"{os.cpu_count()} cores shared with other work (load average {load:.1f} at the start).",
        "",
        f"`/healthz/`: {baseline:.0f} requests/s (first {healthz[0]['rps']:.0f}, last {healthz[-1]['rps']:.0f}), "
        f"p50 {healthz[0]['p50']:.1f} ms, p99 {healthz[0]['p99']:.1f} ms, "
        f"{cpu_baseline:.2f} ms of the workers' CPU a request.",
        "",
        "The CPU columns: the gunicorn workers' CPU milliseconds a request and `/healthz/`'s as a share of it, which",
        "other work on the shared cores does not change (requests/s do): the figure to compare runs by.",
        "",
        "| page | requests/s | share of /healthz/ | p50 ms | p99 ms | target met | workers' CPU ms | CPU share |",
        "|---|---:|---:|---:|---:|---|---:|---:|",
    ]
    for name, run in results.items():
        share = run["rps"] / baseline
        met = share >= TARGET_SHARE and run["p99"] < TARGET_P99_MS and not run["errors"]
        errors = f" ({run['errors']} errors)" if run["errors"] else ""
        cpu_share = cpu_baseline / run["cpu_ms"] if run["cpu_ms"] else 0.0
        lines.append(
            f"| {name} | {run['rps']:.0f} | {share:.0%} | {run['p50']:.1f} | {run['p99']:.1f} | "
            f"{'yes' if met else 'no'}{errors} | {run['cpu_ms']:.2f} | {cpu_share:.0%} |"
        )
    sizes = ", ".join(f"{size:.0f} MB" for size in memory)
    lines += ["", f"Resident memory per worker after the run: {sizes}.", "", f"Command: `{command}`"]
    return "\n".join(lines)


def write_section(section: str, count: int, engine: str) -> None:
    doc = PROJECT_DIR / "docs" / "PERFORMANCE.md"
    text = doc.read_text()
    heading = f"### Pages at {count:,} practices" + (", Elasticsearch" if engine == "elasticsearch" else "")
    block = f"{heading}\n\n{section}\n"
    pattern = re.compile(rf"^{re.escape(heading)}\n.*?(?=^#{{2,3}} |\Z)", flags=re.S | re.M)
    text = pattern.sub(lambda _m: block + "\n", text) if pattern.search(text) else text.rstrip() + "\n\n" + block
    doc.write_text(text)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--count", type=int, default=10_000, help="generated practices")
    parser.add_argument("--posts", type=int, default=1_000, help="posts of the network thread")
    parser.add_argument(
        "--duration", type=int, default=5, help="seconds of load per page (keep it short: shared cores)"
    )
    parser.add_argument("--connections", type=int, default=4)
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--sqlite-path", default="/tmp/pve-bench-pages.sqlite3")
    parser.add_argument(
        "--engine",
        choices=("database", "elasticsearch"),
        default="database",
        help="the portal's search engine (elasticsearch: a running node, the benchmark's own alias)",
    )
    parser.add_argument("--elasticsearch-url", default=os.environ.get("ELASTICSEARCH_URL", "http://127.0.0.1:9201"))
    parser.add_argument(
        "--modes",
        default=",".join(MODES),
        help=f"comma-separated, among {', '.join(MODES)} (default: all)",
    )
    parser.add_argument(
        "--profile",
        metavar="PAGE",
        help="instead of the load: profile PAGE (a page name's beginning, e.g. 'practice page') in-process",
    )
    parser.add_argument("--signed-in", action="store_true", help="with --profile or --cpu: as the signed-in member")
    parser.add_argument(
        "--cpu", action="store_true", help="instead of the load: every page's CPU time and queries in-process"
    )
    parser.add_argument(
        "--reuse",
        action="store_true",
        help="keep the database of an earlier run with the same --count (migrated, not rebuilt)",
    )
    parser.add_argument("--write-doc", action="store_true", help="write the figures into docs/PERFORMANCE.md")
    args = parser.parse_args()
    if not Path(WRK).exists():
        parser.error(f"{WRK} is missing (Debian package wrk)")
    sqlite = Path(args.sqlite_path).resolve()
    if sqlite == (PROJECT_DIR / "db.sqlite3").resolve():
        parser.error("never the dev database: choose another --sqlite-path")
    reuse = args.reuse and sqlite.exists()
    if not reuse:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{sqlite}{suffix}").unlink(missing_ok=True)
    database_url = f"sqlite:///{sqlite}"
    env = server_environment(database_url, args.engine, args.elasticsearch_url)
    os.environ.update(env)
    setup_django(database_url)
    from django.core.management import call_command  # after setup_django

    # DJANGO_CACHE=database, as in production: the set-up commands below write to it already
    call_command("createcachetable", verbosity=0)
    data = reused() if reuse else build(args.count, args.posts)
    if args.engine == "elasticsearch":
        index_elasticsearch(rebuild=not reuse)
    collect_static(env)
    if args.profile:
        profile(data, args.profile, signed_in=args.signed_in, repeat=20)
        return
    if args.cpu:
        cpu_table(data, signed_in=args.signed_in)
        return
    command = " ".join([".venv/bin/python", "benchmarks/pages.py", *sys.argv[1:]])
    sections = []
    for mode in args.modes.split(","):
        title, kept, signed_in = MODES[mode]
        seconds = "300" if kept else "0"
        server_env = {**env, "PORTAL_PAGE_CACHE_SECONDS": seconds, "PORTAL_SCOPE_CACHE_SECONDS": seconds}
        print(f"{mode}: {title}", flush=True)
        server = start_gunicorn(server_env, args.port)
        try:
            results = measure(args, data, args.port, signed_in=signed_in, server=server)
            memory = worker_memory_mb(server)
        finally:
            stop(server)
        sections.append(f"#### {title}\n\n" + report(args, results, memory, command))
    section = "\n\n".join(sections)
    print(section)
    if args.write_doc:
        write_section(section, args.count, args.engine)
        print("docs/PERFORMANCE.md: pages section written")


if __name__ == "__main__":
    main()
