"""List pages and long threads render with a fixed number of queries, however much they hold."""

import re

import pytest
from django.urls import reverse

from network import services
from network.models import Post
from tests.conftest import make_user
from tests.network.conftest import add_member

pytestmark = pytest.mark.django_db


def _members(network, moderator, organisation, count: int) -> list:
    users = []
    for number in range(count):
        user = make_user(
            f"m{number}@ravnstad.example",
            organisation,
            display_name=f"Member {number}",
            pseudonym=f"Bird {number}" if number % 2 else "",
        )
        add_member(network, user, moderator=moderator)
        users.append(user)
    return users


def test_thread_page_with_200_posts_renders_with_a_fixed_number_of_queries(
    contributor_client,
    contributor,
    moderator,
    network,
    thread,
    first_post,
    home_organisation,
    django_assert_num_queries,
):
    # session, user with portal membership (one query: portal/auth_backends.py), thread with its
    # network, the reader's network membership, read mark, subscription and the post count (one
    # query: network.selectors.thread_page), the page's posts with their authors' names and quotes
    # (one query), header badge; the page's posts once rendered are kept (network/fragments.py);
    # linked practice: none
    expected = 5
    # the author has read their own first post already: nothing new, no read mark written
    with django_assert_num_queries(expected):
        assert contributor_client.get(thread.get_absolute_url()).status_code == 200
    authors = _members(network, moderator, home_organisation, 8)
    for number in range(199):
        post = services.post_create(
            thread=thread,
            actor=authors[number % 8],
            body=f"Reply {number} @Member 2",
            quote_of=first_post if number % 5 == 0 else None,
        )
        if number % 7 == 0:
            services.post_edit(post=post, actor=post.author, body=f"Edited reply {number}")
    assert Post.objects.filter(thread=thread).count() == 200
    # a first reading of a page: its edited posts' earlier versions counted, the read mark written;
    # page 1 counts the badge again (the new posts changed it), page 4 reads the kept count
    # (network/badge.py); read again, page 4 has no "new" marks any more (rendered again, nothing
    # written), then it is kept: neither counting nor writing
    for page, queries in ((1, expected + 2), (4, expected + 1), (4, expected), (4, expected - 1)):
        with django_assert_num_queries(queries):
            response = contributor_client.get(thread.get_absolute_url(), {"page": page})
        assert response.status_code == 200 and response.content.decode().count('class="practice-card post') == 50


def test_thread_page_costs_the_same_for_an_organisation_administrator(
    org_admin, moderator, contributor, network, thread, home_organisation, django_assert_num_queries
):
    from django.test import Client

    add_member(network, org_admin, moderator=moderator)
    client = Client()
    client.force_login(org_admin)
    authors = _members(network, moderator, home_organisation, 6)
    for number in range(30):
        services.post_create(thread=thread, actor=authors[number % 6], body=f"Reply {number}")
    # three more than a member's first reading (6: the thread page test above, read mark written):
    # the administrator's second factor, the authors and their memberships (naming is one of their powers)
    with django_assert_num_queries(9):
        page = client.get(thread.get_absolute_url()).content.decode()
    assert "Bird 1 (Member 1)" in page  # administrators of the author's organisation know who it is


def test_thread_list_renders_with_a_fixed_number_of_queries(
    contributor_client, contributor, moderator, network, home_organisation, django_assert_num_queries
):
    # session, user with portal membership (one query: portal/auth_backends.py), network, network
    # membership, thread count, threads page, authors' memberships, header badge
    expected = 8
    services.thread_create(network=network, actor=contributor, title="First", body="x")
    with django_assert_num_queries(expected):
        assert contributor_client.get(network.get_absolute_url()).status_code == 200
    for number, author in enumerate(_members(network, moderator, home_organisation, 30)):
        services.thread_create(network=network, actor=author, title=f"Thread {number}", body="x")
    with django_assert_num_queries(expected):
        response = contributor_client.get(network.get_absolute_url())
    assert response.content.decode().count('<li class="practice-card">') == 25


def test_network_list_renders_with_a_fixed_number_of_queries(
    contributor_client, contributor, moderator, django_assert_num_queries
):
    # session, user with portal membership (one query: portal/auth_backends.py), my memberships
    # (networks, then ids), unread threads per network, listed networks (count, page: 25 a page),
    # notifications, their authors' memberships, unread notification count, invitations, header badge
    expected = 12

    def add_networks(number: int) -> None:
        mine = services.network_create(actor=moderator, name=f"Mine {number}", purpose="p", policy="invitation")
        add_member(mine, contributor, moderator=moderator)
        services.thread_create(network=mine, actor=moderator, title=f"T {number}", body="@Kari Contributor")
        services.network_create(actor=moderator, name=f"Listed {number}", purpose="p", policy="request", listed=True)

    def count() -> str:
        with django_assert_num_queries(expected):
            return contributor_client.get(reverse("network:list")).content.decode()

    add_networks(0)
    assert len(re.findall(r">Mine \d+</a>", count())) == 1
    for number in range(1, 7):
        add_networks(number)
    page = count()
    assert len(re.findall(r">Mine \d+</a>", page)) == 7 and len(re.findall(r">Listed \d+</a>", page)) == 7


def test_members_page_renders_with_a_fixed_number_of_queries(
    contributor_client, moderator, network, home_organisation, django_assert_num_queries
):
    # session, user with portal membership (one query: portal/auth_backends.py), network, network
    # membership, members page (count, rows: 50 a page), their portal memberships, header badge
    expected = 8
    url = reverse("network:members", args=[network.pk])
    with django_assert_num_queries(expected):
        assert contributor_client.get(url).status_code == 200
    _members(network, moderator, home_organisation, 30)
    with django_assert_num_queries(expected):
        page = contributor_client.get(url).content.decode()
    assert ">Member 0<" in page and ">Bird 1<" in page and ">Member 1<" not in page  # pseudonyms as members see them


def test_notifications_page_renders_with_a_fixed_number_of_queries(
    contributor_client, contributor, moderator, network, home_organisation, django_assert_num_queries
):
    # session, user with portal membership (one query: portal/auth_backends.py), notifications (count,
    # page), their posts' authors, invitations, unread marks, header badge
    expected = 8
    url = reverse("network:notifications")
    services.thread_create(network=network, actor=moderator, title="First", body="@Kari Contributor")
    with django_assert_num_queries(expected):
        assert contributor_client.get(url).status_code == 200
    for number, author in enumerate(_members(network, moderator, home_organisation, 12)):
        services.thread_create(network=network, actor=author, title=f"Thread {number}", body="@Kari Contributor hello")
    with django_assert_num_queries(expected):
        page = contributor_client.get(url).content.decode()
    assert "Thread 11" in page and "Thread 0" in page
