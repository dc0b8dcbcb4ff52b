"""Federation between real instances, the parts that bring instances of their own: a peer
searching with Elasticsearch (D), a peer whose clock is ten minutes behind (E), and the
federation workers looping on their intervals. A (its peers' traffic recorded by the proxy of
tests/federation/proxy.py) shares public practices with B; D and E peer with A in their tests.
The story of publishing, pulling, tampering and withdrawing between A, B and C is
tests/federation/test_instances.py; the two modules start their own instances, so that the
suite's workers run them side by side."""

import re
import signal
import subprocess
import time
import uuid

import pytest
import requests

from tests.federation.instances import PYTHON, ROOT, Instance, number, peer_status, shared, soon, start_portals

pytestmark = pytest.mark.django_db(transaction=False)

PUBLISHED = "Harbour sports Orrisroot"


@pytest.fixture(scope="module")
def portals(tmp_path_factory):
    shares = {("A", "B"): "public", ("B", "A"): "public,members"}
    with start_portals(tmp_path_factory.mktemp("instances"), ("A", "B"), shares) as portals:
        portals["A"].publish(PUBLISHED)
        yield portals


PULL_ON_ITS_CLOCK = """
import datetime
from django.utils import timezone
from federation import signing
from federation.models import Peer
from federation.pull import PullFailed, peer_pull
original = signing.sign_prepared
def on_its_clock(prepared, **kwargs):  # our request signed as its clock reads, so that it answers
    return original(prepared, created=timezone.now() - datetime.timedelta(minutes=10), **kwargs)
signing.sign_prepared = on_its_clock
try:
    peer_pull(peer=Peer.objects.get(name=%r))
    print("PULL applied")
except PullFailed as exc:
    print("PULL failed:", str(exc).replace("\\n", " "))
"""


def test_an_instance_ten_minutes_off_is_refused_both_ways_and_its_offset_shown(portals):
    """E's clock is 10 minutes behind (FEDERATION_TEST_CLOCK_SHIFT: its gunicorn and its commands)."""
    a = portals["A"]
    e = Instance("E", a.databases, a.workdir, FEDERATION_TEST_CLOCK_SHIFT="-600")
    try:
        e.start()
        e.peer_with(a)
        a.peer_with(e, share="public")
        out = e.manage("federation_pull", "--peer", "A", check=False)  # its requests: refused by A
        assert "behind our clock" in out, out
        assert shared(e, "Orrisroot") == 0  # nothing applied
        by_e = peer_status(e, "A")
        assert abs(by_e["clock_offset"] - 600) <= 5 and "behind our clock" in by_e["last_error"]  # A's signed refusal
        assert re.search(r"clock offset: -(59\d|60\d) s .*WARNING, beyond", a.manage("federation_status"))
        e.publish("Clock canary Verbena")
        pull = [line for line in a.shell(PULL_ON_ITS_CLOCK % "E").splitlines() if line.startswith("PULL")]
        assert pull and pull[0].startswith("PULL failed") and "answer was signed 6" in pull[0], pull  # its answers
        assert "behind our clock" in pull[0]
        assert shared(a, "Verbena") == 0  # nothing of a refused answer was applied
        by_a = peer_status(a, "E")
        assert abs(by_a["clock_offset"] + 600) <= 5 and "beyond the 60 s limit" in by_a["clock_warning"]
        assert "behind our clock" in by_a["last_error"]
    finally:
        e.stop()


def test_a_copy_is_found_in_elasticsearch_on_a_peer_and_gone_after_a_withdrawal(portals):
    a = portals["A"]
    index = f"fed-d-{uuid.uuid4().hex[:8]}"
    d = Instance("D", a.databases, a.workdir, SEARCH_BACKEND="elasticsearch", ELASTICSEARCH_INDEX=index)
    try:
        d.start()
        d.peer_with(a)
        a.peer_with(d, share="public")
        d.manage("federation_pull", "--peer", "A")
        assert shared(d, "Orrisroot") == 0  # the copy is held, not yet in Elasticsearch
        d.manage("search_worker", "--once")
        assert soon(lambda: shared(d, "Orrisroot") == 1)  # once Elasticsearch refreshed
        a.manage("practice_withdraw", number(a, "Orrisroot"), "--reason", "Merged into another practice")
        a.manage("federation_worker", "--once")  # pushes the withdrawal to D
        d.manage("search_worker", "--once")
        assert soon(lambda: shared(d, "Orrisroot") == 0)
    finally:
        d.stop()
        url = d.env.get("ELASTICSEARCH_URL", "http://127.0.0.1:9201")
        requests.delete(f"{url}/{index}*?expand_wildcards=all&ignore_unavailable=true", timeout=30)


def test_the_worker_loops_pulls_and_pushes_on_its_intervals_and_stops_cleanly(portals):
    a, b = portals["A"], portals["B"]
    heartbeat = a.workdir / "b-worker.heartbeat"
    b_worker = _worker(b, heartbeat, FEDERATION_PULL_INTERVAL="1")
    try:
        a.publish("Worker canary Tansy")
        # no command on B; its worker's first loop starts a process of its own (slow on busy cores)
        assert soon(lambda: shared(b, "Tansy") == 1, 60), "B's worker did not pull"
        assert heartbeat.exists()
        receipts = peer_status(a, "B")["receipts_received"]
        a_worker = _worker(a, a.workdir / "a-worker.heartbeat")
        try:
            a.manage("practice_withdraw", number(a, "Tansy"), "--reason", "Ended")
            assert soon(lambda: shared(b, "Tansy") == 0, 30), "A's worker did not push the withdrawal"
            assert soon(lambda: peer_status(a, "B")["receipts_received"] == receipts + 1, 30), "B posted no receipt"
        finally:
            _stop(a_worker)
    finally:
        touched = heartbeat.stat().st_mtime
        out = _stop(b_worker)
    assert "stopped" in out and time.time() - touched < 30


def _worker(instance: Instance, heartbeat, **settings: str) -> subprocess.Popen:
    env = {**instance.env, "FEDERATION_WORKER_HEARTBEAT_FILE": str(heartbeat), **settings}
    command = [PYTHON, "manage.py", "federation_worker", "--interval", "0.5"]
    return subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)


def _stop(worker: subprocess.Popen) -> str:
    """SIGTERM: the current loop finishes, then it exits 0."""
    worker.send_signal(signal.SIGTERM)
    out, _ = worker.communicate(timeout=60)
    assert worker.returncode == 0, out
    return out
