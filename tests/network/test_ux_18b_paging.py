"""Lists that grow come in pages: a network's requests to join (oldest first, the order a moderator
works through them), its reported posts, and the list of networks (the reader's own, and those
they may ask to join). Each page links to the next and reads a fixed number of queries."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from network import services
from network.models import JoinRequest, Network
from tests.conftest import make_user
from tests.network.conftest import add_member

pytestmark = pytest.mark.django_db

# session, user with portal membership, second factor, network, the page (COUNT, rows with their
# users or posts), their portal memberships (how names are shown), the queue's two counts (the
# network's navigation)
QUEUE_QUERIES = 9
REPORT_QUERIES = 9


def _forum(moderator, name: str = "Open exit forum") -> Network:
    return services.network_create(actor=moderator, name=name, purpose="p", policy="request", listed=True)


def _people(organisation, count: int, prefix: str = "asker") -> list:
    return [
        make_user(f"{prefix}{n:02}@ravnstad.example", organisation, display_name=f"{prefix.title()} {n:02}")
        for n in range(count)
    ]


def _requests(forum, people) -> None:
    """Requests to join, asked in the reverse of the people's order (the last person asked first),
    so that neither the primary keys nor the names give the order they were asked in."""
    now = timezone.now()
    for number, person in enumerate(people):
        join_request = services.network_join_request(network=forum, user=person)
        JoinRequest.objects.filter(pk=join_request.pk).update(created_at=now - timedelta(minutes=number))


def _asker_names(page: str) -> list[str]:
    return re.findall(r'<li class="practice-card" id="request-\d+">\s*<p>(Asker \d+)', page)


def test_requests_to_join_come_in_pages_oldest_first(moderator, moderator_client, home_organisation, monkeypatch):
    monkeypatch.setattr("network.views.queues.QUEUE_PER_PAGE", 4)
    forum = _forum(moderator)
    _requests(forum, _people(home_organisation, 6))  # Asker 05 asked first, Asker 00 last
    url = reverse("network:requests", args=[forum.pk])
    first = moderator_client.get(url).content.decode()
    assert _asker_names(first) == ["Asker 05", "Asker 04", "Asker 03", "Asker 02"]
    assert "Page 1 of 2" in first and 'href="?page=2"' in first
    second = moderator_client.get(url, {"page": 2}).content.decode()
    assert _asker_names(second) == ["Asker 01", "Asker 00"]


def test_requests_to_join_page_reads_a_fixed_number_of_queries(
    moderator, moderator_client, home_organisation, django_assert_num_queries, monkeypatch
):
    monkeypatch.setattr("network.views.queues.QUEUE_PER_PAGE", 4)
    forum = _forum(moderator)
    url = reverse("network:requests", args=[forum.pk])
    _requests(forum, _people(home_organisation, 2))
    moderator_client.get(url)  # warm the per-process caches
    with django_assert_num_queries(QUEUE_QUERIES):
        assert len(_asker_names(moderator_client.get(url).content.decode())) == 2
    _requests(forum, _people(home_organisation, 9, prefix="late"))
    moderator_client.get(url)  # the requests notified the moderator: the header badge counts again once
    with django_assert_num_queries(QUEUE_QUERIES):
        assert moderator_client.get(url, {"page": 2}).status_code == 200


def _reports(network, thread, moderator, organisation, count: int, prefix: str = "author") -> list:
    authors = _people(organisation, count, prefix=prefix)
    for number, author in enumerate(authors):
        add_member(network, author, moderator=moderator)
        post = services.post_create(thread=thread, actor=author, body=f"Reported reply {number:02}")
        services.post_report(post=post, actor=moderator, reason="personal-data")
    return authors


def test_reported_posts_come_in_pages_oldest_first(
    network, thread, moderator, moderator_client, home_organisation, monkeypatch
):
    monkeypatch.setattr("network.views.queues.QUEUE_PER_PAGE", 4)
    _reports(network, thread, moderator, home_organisation, 6)
    url = reverse("network:reports", args=[network.pk])
    first = moderator_client.get(url).content.decode()
    assert re.findall(r"Reported reply (\d+)", first) == ["00", "01", "02", "03"]
    assert "Page 1 of 2" in first and 'href="?page=2"' in first
    second = moderator_client.get(url, {"page": 2}).content.decode()
    assert re.findall(r"Reported reply (\d+)", second) == ["04", "05"]


def test_reported_posts_page_reads_a_fixed_number_of_queries(
    network, thread, moderator, moderator_client, home_organisation, django_assert_num_queries, monkeypatch
):
    monkeypatch.setattr("network.views.queues.QUEUE_PER_PAGE", 4)
    _reports(network, thread, moderator, home_organisation, 2)
    url = reverse("network:reports", args=[network.pk])
    moderator_client.get(url)  # warm the per-process caches and the posts' kept renderings
    with django_assert_num_queries(REPORT_QUERIES):
        assert len(re.findall(r'id="report-\d+"', moderator_client.get(url).content.decode())) == 2
    _reports(network, thread, moderator, home_organisation, 9, prefix="later")
    moderator_client.get(url, {"page": 2})  # the header badge counts again once, the posts are kept
    with django_assert_num_queries(REPORT_QUERIES):
        assert len(re.findall(r'id="report-\d+"', moderator_client.get(url, {"page": 2}).content.decode())) == 4


def test_the_list_of_networks_comes_in_pages(contributor, contributor_client, moderator, monkeypatch):
    monkeypatch.setattr("network.views.networks.NETWORKS_PER_PAGE", 3)
    for number in range(4):
        mine = services.network_create(actor=moderator, name=f"Mine {number}", purpose="p", policy="invitation")
        add_member(mine, contributor, moderator=moderator)
        _forum(moderator, name=f"Listed {number}")
    url = reverse("network:list")
    first = contributor_client.get(url).content.decode()
    assert re.findall(r">(Mine \d|Listed \d)</a>", first) == [
        "Mine 0",
        "Mine 1",
        "Mine 2",
        "Listed 0",
        "Listed 1",
        "Listed 2",
    ]
    assert 'href="?page=2"' in first and 'href="?joinable_page=2"' in first
    # each list pages on its own, keeping where the other one is
    mine = contributor_client.get(url, {"page": 2}).content.decode()
    assert re.findall(r">(Mine \d|Listed \d)</a>", mine) == ["Mine 3", "Listed 0", "Listed 1", "Listed 2"]
    both = contributor_client.get(url, {"page": 2, "joinable_page": 2}).content.decode()
    assert re.findall(r">(Mine \d|Listed \d)</a>", both) == ["Mine 3", "Listed 3"]
    assert 'href="?page=1&amp;joinable_page=2"' in both or 'href="?page=1&joinable_page=2"' in both
