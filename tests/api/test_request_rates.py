"""The API's request counts (api/throttling.py): one row per client in the database, a sliding
window estimated from the current period and the one before, refused requests not counted."""

import threading

import pytest
from django.core.management import call_command
from django.db import connection, connections
from django.urls import reverse
from rest_framework.test import APIClient
from rest_framework.throttling import SimpleRateThrottle

from api.models import RequestCount
from api.throttling import count_request, seconds_to_wait

pytestmark = pytest.mark.django_db

MINUTE = 60
T0 = 1_800_000_000  # the start of a period of a minute (a multiple of 60)


def count(key="anon_1", *, at, limit=3):
    return count_request(key, limit=limit, duration=MINUTE, now=T0 + at)


def test_a_client_gets_its_limit_in_a_period_and_refused_requests_are_not_counted():
    assert [count(at=1).allowed for _ in range(3)] == [True, True, True]
    refused = count(at=2)
    assert not refused.allowed and refused.hits == 3
    assert not count(at=3).allowed
    assert RequestCount.objects.get(key="anon_1").hits == 3


def test_the_previous_periods_requests_weigh_as_much_of_it_as_lies_within_a_period_of_now():
    for _ in range(3):
        count(at=5)
    # 20 s into the next period: 3 × 40/60 = 2 earlier requests still weigh; one more fits
    assert count(at=MINUTE + 20).allowed
    assert not count(at=MINUTE + 21).allowed  # 3 × 39/60 + 1 + 1 > 3
    later = count(at=MINUTE + 50)  # 3 × 10/60 + 1 + 1 ≤ 3
    assert later.allowed and later.previous == 3 and later.hits == 2


def test_a_client_quiet_for_a_whole_period_starts_afresh():
    for _ in range(3):
        count(at=0)
    assert [count(at=2 * MINUTE + 1).allowed for _ in range(4)] == [True, True, True, False]


def test_clients_are_counted_apart():
    for _ in range(3):
        count("anon_1", at=0)
    assert not count("anon_1", at=1).allowed
    assert count("anon_2", at=1).allowed


def test_retry_after_is_when_the_next_request_fits_again():
    for _ in range(3):
        count(at=5)
    refused = count(at=5)
    wait = seconds_to_wait(refused, limit=3, duration=MINUTE, now=T0 + 5)
    # the next period, once a third of it has passed: 3 × 2/3 + 0 + 1 = 3
    assert wait == 75
    assert not count(at=5 + wait - 1).allowed
    assert count(at=5 + wait).allowed


def test_retry_after_within_the_period_when_the_previous_one_is_what_weighs():
    count(at=50)
    count(at=50)
    count(at=50)
    refused = count(at=MINUTE + 1)  # 3 × 59/60 + 0 + 1 > 3
    assert not refused.allowed and refused.hits == 0 and refused.previous == 3
    wait = seconds_to_wait(refused, limit=3, duration=MINUTE, now=T0 + MINUTE + 1)
    assert wait == 19  # 20 s into the period: 3 × 40/60 + 0 + 1 = 3
    assert not count(at=MINUTE + 1 + wait - 1).allowed
    assert count(at=MINUTE + 1 + wait).allowed


def test_a_changed_rate_period_does_not_carry_the_old_counts_over():
    for _ in range(3):
        count(at=0)
    # the same client's row, now counted per hour: its period numbers no longer follow on
    assert count_request("anon_1", limit=3, duration=3600, now=T0 + 1).allowed


def test_the_purge_deletes_the_counts_that_no_longer_count_and_keeps_the_others(monkeypatch):
    count("quiet", at=0)
    count("busy", at=3 * MINUTE)
    monkeypatch.setattr("time.time", lambda: T0 + 3 * MINUTE + 1)
    call_command("purge_request_counts", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert list(RequestCount.objects.values_list("key", flat=True)) == ["busy"]


def test_an_anonymous_clients_requests_are_counted_in_the_database_and_refused_over_the_rate(settings, monkeypatch):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {**settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"], "anonymous": "2/minute"},
    }
    monkeypatch.setattr(SimpleRateThrottle, "timer", lambda self: T0 + 10)
    # two clients from one address: as two web processes would see them, one count
    statuses = [APIClient().get(reverse("api:theme-list")).status_code for _ in range(3)]
    assert statuses == [200, 200, 429]
    row = RequestCount.objects.get()
    assert row.key.startswith("throttle_anonymous_") and row.hits == 2 and not row.allowed
    refused = APIClient().get(reverse("api:theme-list"))
    assert refused.status_code == 429 and refused["Retry-After"] == "80"  # 50 s to the next period, then 30
    monkeypatch.setattr(SimpleRateThrottle, "timer", lambda self: T0 + 10 + 80)
    assert APIClient().get(reverse("api:theme-list")).status_code == 200


@pytest.mark.django_db(transaction=True)  # restores the migrated data after it: tests/conftest.py
@pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite serialises writers itself")
def test_concurrent_requests_of_one_client_are_each_counted_once():
    """Four processes' requests at once: the limit holds exactly (a count read and written back
    in two steps would let some through twice)."""
    allowed: list[bool] = []
    start = threading.Barrier(4)

    def client():
        try:
            start.wait(10)
            for _ in range(15):
                allowed.append(count_request("busy", limit=40, duration=MINUTE, now=T0 + 1).allowed)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=client) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert len(allowed) == 60 and allowed.count(True) == 40
    assert RequestCount.objects.get(key="busy").hits == 40
