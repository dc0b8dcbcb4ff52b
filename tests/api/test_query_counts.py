"""List endpoints run a fixed number of queries, however many rows they return.

Every figure below includes the request's count against its client's rate: one statement,
the throttle's (api/throttling.py), on every request, kept answers and 404s too."""

import pytest
from django.urls import reverse

from network import services as network_services
from practices.models import Practice
from tests.api.conftest import api_client_for
from tests.conftest import make_user
from tests.practices.factories import make_practice

pytestmark = pytest.mark.django_db


def _practices(author, count: int, **attributes) -> None:
    for number in range(count):
        make_practice(author=author, title=f"Method number {number}", publish=True, **attributes)


def _count(client, url, params, django_assert_num_queries, expected: int):
    with django_assert_num_queries(expected):
        response = client.get(url, params)
    assert response.status_code == 200
    return response.json()


@pytest.mark.parametrize("rows", [1, 15])
def test_anonymous_search_costs_the_same_for_one_hit_or_a_full_page(
    client, contributor, rows, django_assert_num_queries
):
    _practices(contributor, rows)
    # content token (kept answers); engine: index generation, documents and facets (reloaded: the
    # index just changed), matches, highlights; the three taxonomies' terms (one query, for the facets'
    # labels and the practices' themes and audiences: api/selectors.py), the practices as values, their
    # themes and audiences (one query). 12 before the page was read as values.
    data = _count(client, reverse("api:practice-list"), {"q": "method"}, django_assert_num_queries, 10)
    assert len(data["results"]) == rows
    # the same request again, nothing published since: the content token, then the kept answer
    assert _count(client, reverse("api:practice-list"), {"q": "method"}, django_assert_num_queries, 2) == data


@pytest.mark.parametrize("rows", [1, 15])
def test_a_members_search_costs_the_same_for_one_hit_or_a_full_page(contributor, rows, django_assert_num_queries):
    _practices(contributor, rows, visibility="members")
    client = api_client_for(contributor)
    # session, user with membership (one query: portal/auth_backends.py), the content token (the
    # results kept per reader scope, portal/caching.py), then as for an anonymous search
    data = _count(client, reverse("api:practice-list"), {"q": "method"}, django_assert_num_queries, 12)
    assert len(data["results"]) == rows
    # the same search again: kept for the member's scope (session, user with membership, content token)
    again = _count(client, reverse("api:practice-list"), {"q": "method"}, django_assert_num_queries, 4)
    assert again == data


@pytest.mark.parametrize("rows", [1, 15])
def test_a_practices_detail_has_a_fixed_cost(client, contributor, colleague, rows, django_assert_num_queries):
    _practices(contributor, rows, visibility="members")
    practice = Practice.objects.order_by("pk").first()
    url = reverse("api:practice-detail", kwargs={"pk": practice.pk})
    # session, user with membership; the practice's stamp (the access rule); the content token; the
    # practice with its organisation and type, its themes and audiences (one query)
    member = _count(api_client_for(colleague), url, {}, django_assert_num_queries, 7)
    assert member["title"] == "Method number 0" and member["contact"]
    # again, or another member of the scope: kept (api/views.py): session, user, stamp, token
    assert _count(api_client_for(colleague), url, {}, django_assert_num_queries, 5) == member
    # its author: session, user, stamp, then their own side's data, never kept: the practice, its themes
    # and audiences (one query), findings, review comments
    author = _count(api_client_for(contributor), url, {}, django_assert_num_queries, 8)
    assert author["findings"] == [] and author["contact"] == member["contact"]
    # anonymous: content token, stamp (404: members only)
    with django_assert_num_queries(3):
        assert client.get(url).status_code == 404


@pytest.mark.parametrize("rows", [1, 15])
def test_the_drafts_list_has_a_fixed_cost(contributor, rows, django_assert_num_queries):
    for number in range(rows):
        make_practice(author=contributor, title=f"Draft {number}")
    # session, user with membership (one query: portal/auth_backends.py), drafts, themes, audiences
    data = _count(api_client_for(contributor), reverse("api:practice-drafts"), {}, django_assert_num_queries, 6)
    assert len(data["results"]) == rows


def test_taxonomy_and_organisation_lists_take_one_query_besides_the_rate_count(
    client, contributor, outsider, django_assert_num_queries
):
    _count(client, reverse("api:theme-list"), {}, django_assert_num_queries, 2)
    _count(client, reverse("api:audience-list"), {}, django_assert_num_queries, 2)
    _count(client, reverse("api:organisation-type-list"), {}, django_assert_num_queries, 2)
    _count(client, reverse("api:organisation-list"), {}, django_assert_num_queries, 2)


@pytest.mark.parametrize("rows", [1, 12])
def test_the_review_queue_has_a_fixed_cost(moderator, contributor, rows, django_assert_num_queries):
    for number in range(rows):
        make_practice(author=contributor, title=f"Submitted {number}")
    Practice.objects.update(status="submitted")
    # session, user, second factor, queue page, authors' memberships
    data = _count(api_client_for(moderator), reverse("api:moderation-list"), {}, django_assert_num_queries, 6)
    assert len(data["results"]) == rows


def _members(network, moderator, organisation, count: int) -> list:
    users = []
    for number in range(count):
        user = make_user(
            f"m{number}@ravnstad.example",
            organisation,
            display_name=f"Member {number}",
            pseudonym=f"Bird {number}" if number % 2 else "",
        )
        network_services.network_member_add(network=network, user=user, actor=moderator)
        users.append(user)
    return users


@pytest.mark.parametrize("viewer", ["contributor", "org_admin"])
def test_network_lists_have_a_fixed_cost_for_members_and_administrators(
    request, viewer, world, moderator, home_organisation, django_assert_num_queries
):
    user = request.getfixturevalue(viewer)
    if viewer == "org_admin":
        network_services.network_member_add(network=world.network, user=user, actor=moderator)
    client = api_client_for(user)
    authors = _members(world.network, moderator, home_organisation, 6)
    for number in range(12):
        network_services.thread_create(
            network=world.network, actor=authors[number % 6], title=f"Case {number}", body="Notes"
        )
        network_services.post_create(thread=world.thread, actor=authors[number % 6], body=f"Reply {number}")
    # session, user with membership (one query: portal/auth_backends.py), network ids, networks page
    _count(client, reverse("api:network-list"), {}, django_assert_num_queries, 5)
    # session, user with membership, network, network membership, threads page, authors' memberships,
    # and for an administrator their second factor (naming members of their organisation is a power)
    admin = 1 if viewer == "org_admin" else 0
    threads = reverse("api:network-threads", kwargs={"pk": world.network.pk})
    assert len(_count(client, threads, {}, django_assert_num_queries, 7 + admin)["results"]) == 13
    # session, user with membership, thread + network, network membership, posts page, authors' memberships
    posts = reverse("api:thread-posts", kwargs={"pk": world.thread.pk})
    assert len(_count(client, posts, {}, django_assert_num_queries, 7 + admin)["results"]) == 13
