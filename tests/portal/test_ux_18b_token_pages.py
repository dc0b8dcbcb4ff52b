"""The API tokens page (/account/tokens/) comes in pages: expired tokens stay listed until they are
cleaned up, so the list grows past the 20 live tokens a person may hold."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from api.models import ApiToken

pytestmark = pytest.mark.django_db

# session, user with portal membership, the page of tokens (count, rows)
QUERIES = 4


def _tokens(user, count: int) -> None:
    """``count`` tokens, Token 00 the oldest; all but the newest five expired."""
    now = timezone.now()
    for number in range(count):
        token, _secret = ApiToken.objects.create(user=user, expiry=timedelta(days=30), name=f"Token {number:02}")
        ApiToken.objects.filter(pk=token.pk).update(created=now - timedelta(days=count - number))
        if number < count - 5:
            ApiToken.objects.filter(pk=token.pk).update(expiry=now - timedelta(days=1))


def _names(page: str) -> list[str]:
    return re.findall(r"<th scope=\"row\">(Token \d+)</th>", page)  # each row is named by its token


def test_the_tokens_page_shows_a_page_of_tokens_newest_first_and_links_to_the_next(
    contributor, contributor_client, monkeypatch
):
    monkeypatch.setattr("api.token_views.TOKENS_PER_PAGE", 4)
    _tokens(contributor, 6)
    url = reverse("api_tokens")
    first = contributor_client.get(url).content.decode()
    assert _names(first) == ["Token 05", "Token 04", "Token 03", "Token 02"]
    assert "Page 1 of 2" in first and 'href="?page=2"' in first
    second = contributor_client.get(url, {"page": 2}).content.decode()
    assert _names(second) == ["Token 01", "Token 00"]
    assert second.count("Expired") == 1  # Token 00: expired tokens stay listed


def test_the_tokens_page_reads_a_fixed_number_of_queries(
    contributor, contributor_client, django_assert_num_queries, monkeypatch
):
    monkeypatch.setattr("api.token_views.TOKENS_PER_PAGE", 4)
    url = reverse("api_tokens")
    _tokens(contributor, 2)
    contributor_client.get(url)  # warm the per-process caches
    with django_assert_num_queries(QUERIES):
        assert len(_names(contributor_client.get(url).content.decode())) == 2
    ApiToken.objects.filter(user=contributor).delete()
    _tokens(contributor, 30)
    with django_assert_num_queries(QUERIES):
        assert len(_names(contributor_client.get(url, {"page": 3}).content.decode())) == 4


def test_another_persons_tokens_are_on_no_page_of_mine(contributor, colleague, contributor_client, monkeypatch):
    monkeypatch.setattr("api.token_views.TOKENS_PER_PAGE", 4)
    _tokens(colleague, 6)
    url = reverse("api_tokens")
    for number in (1, 2):
        page = contributor_client.get(url, {"page": number}).content.decode()
        assert _names(page) == [] and "You have no tokens." in page
