"""Soak test under faults (issue 14, item 20). Loopback only, bounded in requests and time.

Needs its OWN PostgreSQL and Elasticsearch (never the shared ones), started first:

    PGPORT=55433 scripts/postgres.sh start
    ES_BASE_HTTP_PORT=9260 ES_BASE_TRANSPORT_PORT=9360 scripts/elasticsearch.sh start
    .venv/bin/python benchmarks/soak.py --pgport 55433 --es-http-base 9260 --es-transport-base 9360

It migrates and fills that database (demo data, a writer with an API token, a network thread),
starts gunicorn (4 sync workers, debug off, SEARCH_BACKEND=elasticsearch) and search_worker, then
drives 50 concurrent clients (25 readers: pages, the practice API, post search; 25 writers:
drafts and network posts through the API) for --seconds (60). PostgreSQL is restarted once
(at 25 % of the run) and Elasticsearch stopped (at 50 %) and started again (at 70 %).
Afterwards it waits for the outbox to drain and checks: no 500; every acknowledged write
(201) is in the database; post search answered degraded while Elasticsearch was down; a
sample of the acknowledged posts is found again through Elasticsearch. Prints the figures
(docs/PERFORMANCE.md, "Soak under faults"); exits 1 when a check fails. Not run in CI.
"""

import argparse
import json
import os
import random
import secrets
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable
MAX_REQUESTS_PER_CLIENT = 5_000
SETUP = """
import json
from api.management.commands.api_demo_token import demo_member
from network import services
from network.models import Network
from portal.models import User
writer = demo_member("soak-writer@example.org")
moderator = User.objects.filter(email="soak-moderator@example.org").first() or User.objects.create_user(
    email="soak-moderator@example.org", password=None, display_name="Soak Moderator", is_moderator=True)
network = services.network_create(actor=moderator, name="Soak network", purpose="Soak test.",
                                  policy=Network.Policy.INVITATION)
services.network_member_add(network=network, user=writer, actor=moderator)
thread = services.thread_create(network=network, actor=writer, title="Soak thread", body="First post.")
print(json.dumps({"thread": thread.pk}))
"""


@dataclass
class Tally:
    statuses: Counter = field(default_factory=Counter)
    retry_after_missing: int = 0
    practices: dict[int, str] = field(default_factory=dict)  # acknowledged id -> title
    posts: dict[int, str] = field(default_factory=dict)  # acknowledged id -> unique word
    degraded_searches: int = 0
    latencies: list[float] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)


def request(base: str, method: str, path: str, token: str | None = None, body: dict | None = None):
    headers = {"Accept": "application/json"}
    if token:
        headers["Authorization"] = f"Token {token}"
    data = None
    if body is not None:
        data, headers["Content-Type"] = json.dumps(body).encode(), "application/json"
    req = urllib.request.Request(base + path, data=data, method=method, headers=headers)
    started = time.monotonic()
    try:
        with urllib.request.urlopen(req, timeout=15) as response:
            return response.status, dict(response.headers), response.read(), time.monotonic() - started
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read(), time.monotonic() - started
    except (urllib.error.URLError, TimeoutError, ConnectionError) as error:
        return 0, {}, str(error).encode(), time.monotonic() - started


def record(tally: Tally, status: int, headers: dict, latency: float) -> None:
    with tally.lock:
        tally.statuses[status] += 1
        tally.latencies.append(latency)
        if status == 503 and "Retry-After" not in headers:
            tally.retry_after_missing += 1


def reader(base: str, token: str, stop: threading.Event, tally: Tally) -> None:
    paths = ["/", "/practices/", "/api/v1/practices/", "/search/?q=family", "/api/v1/posts/search/?q=soak"]
    for _ in range(MAX_REQUESTS_PER_CLIENT):
        if stop.is_set():
            return
        path = random.choice(paths)
        status, headers, body, latency = request(base, "GET", path, token if "posts" in path else None)
        record(tally, status, headers, latency)
        if status == 200 and "posts/search" in path and json.loads(body).get("degraded"):
            with tally.lock:
                tally.degraded_searches += 1


def writer(base: str, token: str, thread: int, stop: threading.Event, tally: Tally) -> None:
    for number in range(MAX_REQUESTS_PER_CLIENT):
        if stop.is_set():
            return
        word = f"soak{secrets.token_hex(5)}"
        if number % 2:
            body = {"body": f"Case note {word}."}
            status, headers, answer, latency = request(base, "POST", f"/api/v1/threads/{thread}/posts/", token, body)
            if status == 201:
                with tally.lock:
                    tally.posts[json.loads(answer)["id"]] = word
        else:
            draft = {
                "title": f"Soak practice {word}",
                "description": "Mentoring to prevent violent extremism.",
                "language": "en",
                "visibility": "members",
            }
            status, headers, answer, latency = request(base, "POST", "/api/v1/practices/", token, draft)
            if status == 201:
                with tally.lock:
                    tally.practices[json.loads(answer)["id"]] = draft["title"]
        record(tally, status, headers, latency)


def service(script: str, action: str, environment: dict[str, str]) -> float:
    started = time.monotonic()
    subprocess.run(
        ["bash", script, action],
        cwd=PROJECT,
        env=environment,
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        timeout=600,
    )
    return time.monotonic() - started


def manage(environment: dict[str, str], *arguments: str) -> str:
    result = subprocess.run(
        [PYTHON, "manage.py", *arguments], cwd=PROJECT, env=environment, capture_output=True, text=True, timeout=900
    )
    if result.returncode != 0:
        raise SystemExit(f"manage.py {' '.join(arguments)} failed:\n{result.stderr}")
    return result.stdout


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pgport", type=int, required=True)
    parser.add_argument("--es-http-base", type=int, required=True)
    parser.add_argument("--es-transport-base", type=int, required=True)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--port", type=int, default=8790)
    options = parser.parse_args()
    if options.pgport == 55432 or options.es_http_base == 9200:
        raise SystemExit("Use your own PostgreSQL and Elasticsearch, not the shared ones (55432, 9201).")
    pg_env = {**os.environ, "PGPORT": str(options.pgport)}
    es_env = {
        **os.environ,
        "ES_BASE_HTTP_PORT": str(options.es_http_base),
        "ES_BASE_TRANSPORT_PORT": str(options.es_transport_base),
    }
    environment = {
        **os.environ,
        "DATABASE_URL": f"postgres://portal:portal@127.0.0.1:{options.pgport}/portal",
        "DATABASE_CONN_MAX_AGE": "60",
        "SEARCH_BACKEND": "elasticsearch",
        "ELASTICSEARCH_URL": f"http://127.0.0.1:{options.es_http_base + 1}",
        "ELASTICSEARCH_INDEX": "soak-practices",
        "DJANGO_DEBUG": "false",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_CACHE": "database",
        "DJANGO_SSL_REDIRECT": "false",
        "DJANGO_MANIFEST_STATIC": "false",
        "API_THROTTLE_USER": "100000/minute",
        "API_THROTTLE_TOKEN": "100000/minute",
        "API_THROTTLE_ANONYMOUS": "100000/minute",
        "DJANGO_LOG_LEVEL": "ERROR",
    }
    manage(environment, "migrate", "-v0")
    manage(environment, "createcachetable")
    manage(environment, "load_demo_data", "--count", "10", "--no-collection")
    manage(environment, "search_reindex")
    setup = json.loads(manage(environment, "shell", "-v0", "-c", SETUP).strip().splitlines()[-1])
    setup["token"] = manage(environment, "api_demo_token", "--email", "soak-writer@example.org").strip()
    base = f"http://127.0.0.1:{options.port}"
    gunicorn = subprocess.Popen(
        [
            PYTHON,
            "-m",
            "gunicorn",
            "portal.wsgi:application",
            "--bind",
            f"127.0.0.1:{options.port}",
            "--workers",
            "4",
            "--timeout",
            "60",
        ],
        cwd=PROJECT,
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=open("/tmp/soak-gunicorn.log", "w"),  # noqa: SIM115 (the server's log stays open while it runs)
    )
    worker = subprocess.Popen(
        [PYTHON, "manage.py", "search_worker", "--interval", "0.5"],
        cwd=PROJECT,
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(60):
            if request(base, "GET", "/healthz/")[0] == 200:
                break
            time.sleep(1)
        return run(options, base, setup, environment, pg_env, es_env)
    finally:
        gunicorn.terminate()
        worker.terminate()
        gunicorn.wait(timeout=60)
        worker.wait(timeout=60)


def run(options, base: str, setup: dict, environment, pg_env, es_env) -> int:
    tally, stop = Tally(), threading.Event()
    clients = [
        threading.Thread(target=reader, args=(base, setup["token"], stop, tally)) for _ in range(options.clients // 2)
    ]
    clients += [
        threading.Thread(target=writer, args=(base, setup["token"], setup["thread"], stop, tally))
        for _ in range(options.clients - options.clients // 2)
    ]
    started = time.monotonic()
    for client in clients:
        client.start()
    faults = {}
    time.sleep(options.seconds * 0.25)
    faults["postgres_restart_s"] = service("scripts/postgres.sh", "stop", pg_env) + service(
        "scripts/postgres.sh", "start", pg_env
    )
    time.sleep(max(0.0, started + options.seconds * 0.5 - time.monotonic()))
    faults["elasticsearch_stop_s"] = service("scripts/elasticsearch.sh", "stop", es_env)
    time.sleep(max(0.0, started + options.seconds * 0.7 - time.monotonic()))
    faults["elasticsearch_start_s"] = service("scripts/elasticsearch.sh", "start", es_env)
    time.sleep(max(0.0, started + options.seconds - time.monotonic()))
    stop.set()
    for client in clients:
        client.join(timeout=60)
    elapsed = time.monotonic() - started
    caught_up = wait_for_outbox(environment)
    return report(tally, elapsed, faults, caught_up, environment, setup, base)


def wait_for_outbox(environment) -> float:
    started = time.monotonic()
    count = "from search.models import OutboxEntry as O; print(O.objects.filter(processed_at__isnull=True).count())"
    while time.monotonic() - started < 300:
        if manage(environment, "shell", "-v0", "-c", count).strip() == "0":
            return time.monotonic() - started
        time.sleep(2)
    return -1.0


def report(tally: Tally, elapsed: float, faults: dict, caught_up: float, environment, setup, base) -> int:
    check = (
        "import json; from practices.models import Practice as P; from network.models import Post;"
        "print(json.dumps({'practices': {str(p): t for p, t in P.objects.values_list('pk', 'title')},"
        "'posts': {str(p): b for p, b in Post.objects.values_list('pk', 'body')}}))"
    )
    stored = json.loads(manage(environment, "shell", "-v0", "-c", check).strip().splitlines()[-1])
    lost_practices = [pk for pk, title in tally.practices.items() if stored["practices"].get(str(pk)) != title]
    lost_posts = [pk for pk, word in tally.posts.items() if word not in stored["posts"].get(str(pk), "")]
    sample = random.sample(sorted(tally.posts.items()), min(20, len(tally.posts)))
    not_found = []
    for pk, word in sample:
        status, _headers, body, _latency = request(base, "GET", f"/api/v1/posts/search/?q={word}", setup["token"])
        answer = json.loads(body) if status == 200 else {}
        if answer.get("degraded", True) or pk not in [hit["post"] for hit in answer.get("results", [])]:
            not_found.append(pk)
    latencies = sorted(tally.latencies)
    figures = {
        "seconds": round(elapsed, 1),
        "requests": sum(tally.statuses.values()),
        "statuses": dict(sorted(tally.statuses.items())),
        "503_without_retry_after": tally.retry_after_missing,
        "acknowledged_practices": len(tally.practices),
        "acknowledged_posts": len(tally.posts),
        "lost_practices": len(lost_practices),
        "lost_posts": len(lost_posts),
        "degraded_post_searches": tally.degraded_searches,
        "outbox_drained_after_s": round(caught_up, 1),
        "sample_posts_not_found_in_elasticsearch": len(not_found),
        "p50_ms": round(1000 * latencies[len(latencies) // 2]) if latencies else None,
        "p95_ms": round(1000 * latencies[int(len(latencies) * 0.95)]) if latencies else None,
        **{key: round(value, 1) for key, value in faults.items()},
    }
    print(json.dumps(figures, indent=2))
    failed = (
        tally.statuses.get(500, 0)
        or tally.retry_after_missing
        or lost_practices
        or lost_posts
        or not tally.degraded_searches
        or caught_up < 0
        or not_found
    )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
