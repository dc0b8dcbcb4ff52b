"""Each search result's card is rendered from a plain dictionary of what it shows and kept in the
process's memory under a hash of it (search/presentation.py: ``result_card``): a kept card is only
ever served for the very inputs it was made of, and only for hits the reader may read."""

import pytest
from django.core.cache import caches
from django.db import connection
from django.urls import reverse

from tests.search.builders import make_published

URL = reverse("search:search")

pytestmark = pytest.mark.usefixtures("database_only")


@pytest.fixture(autouse=True)
def _first_readers(settings):
    """Nothing kept per page or scope: every page renders its cards (kept or not)."""
    settings.PAGE_CACHE_SECONDS = 0
    settings.SCOPE_CACHE_SECONDS = 0


def _page(client, **params) -> str:
    response = client.get(URL, params)
    assert response.status_code == 200
    return response.content.decode()


def _cards() -> int:
    return sum(1 for key in caches["fragments"]._cache if ":card:" in key)  # type: ignore[attr-defined]


def test_a_renamed_organisation_and_an_edited_title_show_on_the_next_page(home_organisation, client):
    practice = make_published("Exit mentoring in Ravnstad", organisation=home_organisation)
    page = _page(client, q="mentoring")
    assert "Exit mentoring in Ravnstad" in page and home_organisation.name in page
    assert _cards() == 1
    home_organisation.name = "Ravnstad kommune, exit team"
    home_organisation.save()
    assert "Ravnstad kommune, exit team" in _page(client, q="mentoring")
    with connection.cursor() as cursor:  # straight to the database: no signal, no cache told
        cursor.execute("UPDATE practices_practice SET title = %s WHERE id = %s", ["Exit mentors", practice.pk])
    page = _page(client, q="mentoring")
    assert "Exit mentors</a>" in page and "Exit mentoring in Ravnstad" not in page


def test_a_card_kept_for_a_member_never_reaches_an_outsider_or_a_visitor(
    home_organisation, colleague_client, outsider_client, client
):
    make_published("Ravnstad internal exit mentoring", organisation=home_organisation, visibility="organisation")
    make_published("Public exit mentoring", organisation=home_organisation)
    assert "Ravnstad internal exit mentoring" in _page(colleague_client, q="mentoring")
    assert _cards() == 2
    for other in (outsider_client, client):
        page = _page(other, q="mentoring")
        assert "Public exit mentoring" in page and "Ravnstad internal exit mentoring" not in page


def test_the_card_follows_the_words_the_language_and_the_query_it_links_back_to(home_organisation, client):
    make_published("Exit mentoring in Ravnstad", organisation=home_organisation, description="Mentors and families.")
    first = _page(client, q="mentoring").split('class="practice-list')[1]
    second = _page(client, q="families").split('class="practice-list')[1]
    assert "?back=q%3Dmentoring" in first
    assert "?back=q%3Dfamilies" in second and "q%3Dmentoring" not in second
    french = client.get(URL, {"q": "mentoring"}, HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    english_type = home_organisation.type.label_en
    assert home_organisation.type.label_fr in french.split('class="practice-list')[1]
    assert english_type != home_organisation.type.label_fr
