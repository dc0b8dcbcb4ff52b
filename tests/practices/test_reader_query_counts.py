"""Reader pages run a fixed number of queries, whether 3 or 30 practices are published
(the network pages, the practice list and the moderation queue: in their own test files)."""

import pytest
from django.test import Client, override_settings
from django.urls import reverse

from network import services as network_services
from tests.conftest import make_user
from tests.practices.factories import make_practice

pytestmark = pytest.mark.django_db

SIZES = [3, 30]


def _publish(author, count: int) -> list:
    return [
        make_practice(
            author=author,
            title=f"Mentoring method {number}",
            publish=True,
            description=f"Mentoring families, method {number}.",
        )
        for number in range(count)
    ]


def _queries(client: Client, url: str, django_assert_num_queries, expected: int, params=None) -> str:
    with django_assert_num_queries(expected):
        response = client.get(url, params or {})
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize("size", SIZES)
def test_home_page_has_a_fixed_cost(client, colleague_client, contributor, size, django_assert_num_queries):
    _publish(contributor, size)
    # anonymous: content token, count, featured practices, latest practices, their themes, themes
    # (then the page is kept)
    page = _queries(client, reverse("home"), django_assert_num_queries, 6)
    assert page.count('class="practice-card"') == min(size, 6)
    _queries(client, reverse("home"), django_assert_num_queries, 1)
    # signed in: session, user with membership (one query: portal/auth_backends.py), content token,
    # count, featured, latest, drafts, their themes, themes, header badge
    _queries(colleague_client, reverse("home"), django_assert_num_queries, 10)
    # again: what the page shows of published content is kept for the reader's scope (portal/caching.py),
    # the badge for the reader: session, user with membership, content token, drafts
    _queries(colleague_client, reverse("home"), django_assert_num_queries, 4)


@pytest.mark.parametrize("size", SIZES)
def test_search_page_has_a_fixed_cost(colleague_client, contributor, size, django_assert_num_queries):
    _publish(contributor, size)
    url = reverse("search:search")
    # session, user with membership (one query: portal/auth_backends.py); the content token (results
    # kept per reader scope, portal/caching.py);
    # the engine (index generation, documents and facets reloaded, matches, snippets); theme, audience,
    # type labels; the practices; the header badge
    page = _queries(colleague_client, url, django_assert_num_queries, 13, {"q": "mentoring"})
    assert page.count("Mentoring method") == min(size, 20)
    # the same search again: its results kept for the reader's scope (portal/caching.py), the header
    # badge for this reader (network/badge.py): session, user with membership, content token
    _queries(colleague_client, url, django_assert_num_queries, 3, {"q": "mentoring"})
    # with a facet chosen (the engine's documents and facets now in memory; the content token read
    # first, for the kept results, then by the engine; the facets' labels kept in the process under
    # the content token since the first search: three queries fewer)
    _queries(colleague_client, url, django_assert_num_queries, 7, {"q": "mentoring", "theme": "exit-strategies"})


@pytest.mark.parametrize("size", SIZES)
def test_practice_page_has_a_fixed_cost(
    client, colleague_client, contributor, moderator, size, django_assert_num_queries
):
    practices = _publish(contributor, size)
    practice = practices[0]
    network = network_services.network_create(actor=moderator, name="Exit work", purpose="p", policy="invitation")
    network_services.network_member_add(network=network, user=contributor, actor=moderator)
    for number in range(size):
        network_services.thread_create(
            network=network, actor=contributor, title=f"About it {number}", body="x", practice=practice
        )
    url = reverse("practices:detail", args=[practice.pk])
    # anonymous: content token; the practice's stamp (the access rule, practices/selectors.py); its
    # cooked reading (none yet, practices/cooking.py: the test's transaction never commits, so the
    # publication did not cook it), so the practice, its themes and audiences (one query), versions,
    # the reading stored (a savepoint, one upsert); similar practices (engine: generation, documents,
    # facets, the practice's text, matches; their titles re-read)
    page = _queries(client, url, django_assert_num_queries, 15)
    assert "Mentoring method" in page
    _queries(client, url, django_assert_num_queries, 1)  # kept
    # the page kept for anonymous readers is per URL, its reading per scope: content token, stamp
    _queries(client, url, django_assert_num_queries, 2, {"back": "q=mentoring"})
    # nothing kept per URL or scope (a first reader): content token, stamp, the cooked reading; the
    # similar practices' ids and titles kept (one query of the cache's own)
    with override_settings(PAGE_CACHE_SECONDS=0, SCOPE_CACHE_SECONDS=0):
        cooked = _queries(client, url, django_assert_num_queries, 3, {"back": "q=method"})
    assert _reading(cooked) == _reading(page)
    # its author: session, user with membership (one query: portal/auth_backends.py); stamp; practice,
    # its themes and audiences (one query), versions, findings, review comments, pending revision; similar practices (as
    # above, documents already loaded; the content token their titles are kept under); network
    # memberships with their networks (once: the networks to discuss it in come with them,
    # network/selectors.py), linked threads; the header badge
    member = Client()
    member.force_login(contributor)
    page = _queries(member, url, django_assert_num_queries, 17)
    assert "About it " in page
    # a colleague outside the network, in the author's reader scope: session, user, stamp, content
    # token; the cooked reading with contact details (none yet), so practice, its themes and audiences
    # (one query), versions, the reading stored (a savepoint, one upsert); similar practices kept for the
    # scope (their ids per hour, their titles under the content token); network memberships (none); the badge
    colleague = Client()
    colleague.force_login(make_user("reader@ravnstad.example", practice.organisation))
    page = _queries(colleague, url, django_assert_num_queries, 13)
    assert "About it " not in page
    # again, the reading kept for the scope (practices/views.py) and the badge for the reader: session,
    # user, stamp, content token, network memberships
    again = _queries(colleague, url, django_assert_num_queries, 5)
    assert again.split("<article")[1].split("</article>")[0] == page.split("<article")[1].split("</article>")[0]


def test_the_practice_list_filters_show_what_is_chosen(client, contributor):
    _publish(contributor, 3)
    page = client.get(reverse("search:search"), {"theme": "exit-strategies"}).content.decode()
    chosen = page.split('value="exit-strategies"')[1].split(">")[0]
    assert "checked" in chosen
    other = page.split('value="prison-probation"')[1].split(">")[0]
    assert "checked" not in other


def _reading(page: str) -> str:
    """The practice's article from its status line on (without the way back to the reader's results)."""
    return page.split('<div class="meta">')[1].split("</article>")[0]
