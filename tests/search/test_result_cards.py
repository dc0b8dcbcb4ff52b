"""Each search result's card is rendered from a plain dictionary of what it shows and kept in the
process's memory under a hash of it (search/presentation.py: ``result_card``): a kept card is only
ever served for the very inputs it was made of, and only for hits the reader may read."""

import uuid

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.cache import caches
from django.db import connection
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.safestring import SafeString

from practices import indexing
from practices.models import Practice
from tests.search.builders import make_practice, make_published

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


def _card_of(practice, back: str) -> dict:
    """What the card shows, read through the model's own display methods (the reference the page's
    plain values, ``Collection.readable_cards``, must match)."""
    practice.refresh_from_db()
    return {
        "url": f"{practice.get_absolute_url()}?{back}",
        "title": practice.title,
        "language": practice.language,
        "language_name": str(practice.get_language_display()),
        "restricted": str(practice.get_visibility_display()) if practice.visibility != "public" else "",
        "is_demo": practice.is_demo,
        "origin": {"is_copy": practice.is_copy, "origin_name": practice.origin_name, "origin_url": practice.origin_url},
        "organisation": practice.organisation.name,
        "type": str(practice.organisation.type.label),
        "country": str(practice.country.name) if practice.country else "",
        "start_year": practice.start_year,
        "highlight": practice.description,  # a list without words: the description's beginning
        "copies": [],
    }


def test_each_reader_sees_every_card_as_the_practice_shows_itself(
    home_organisation, other_organisation, client, colleague_client, outsider_client
):
    public = make_published("Public exit mentoring", organisation=home_organisation, start_year=2016)
    members = make_published(
        "Mentorat réservé aux membres",
        organisation=other_organisation,
        visibility="members",
        language="fr",
        country="DE",
        is_demo=True,
    )
    internal = make_published("Internal exit mentoring", organisation=home_organisation, visibility="organisation")
    copy = make_published(
        "Shared exit mentoring",
        organisation=other_organisation,
        language="nl",
        country="",
        origin_uuid=uuid.uuid4(),
        origin_name="Portal of Westerland",
        origin_url="https://westerland.example/p/7/",
    )
    readers = {
        client: [public, copy],
        outsider_client: [public, members, copy],
        colleague_client: [public, members, internal, copy],
    }
    for reader, readable in readers.items():
        for language in ("en", "fr"):
            page = reader.get(URL, HTTP_ACCEPT_LANGUAGE=language).content.decode()
            with translation.override(language):
                for practice in readable:
                    card = render_to_string("search/_result_card.html", {"card": _card_of(practice, "back=")})
                    assert card in page, (practice.title, language)
            assert page.count('class="practice-card"') == len(readable)


def test_cards_of_more_ids_than_one_query_reads_keep_each_readers_rule(
    monkeypatch, home_organisation, other_organisation, colleague, outsider
):
    monkeypatch.setattr(indexing, "CARD_SLOTS", 2)  # five ids: three queries of two slots
    public = make_published("Public", organisation=home_organisation)
    members = make_published("Members", organisation=other_organisation, visibility="members")
    internal = make_published("Internal", organisation=home_organisation, visibility="organisation")
    draft = make_practice("Draft", organisation=home_organisation, status=Practice.Status.DRAFT)
    elsewhere = make_published("Elsewhere", organisation=other_organisation, visibility="organisation")
    ids = [public.pk, members.pk, internal.pk, draft.pk, elsewhere.pk]
    readers = {
        AnonymousUser(): {public.pk},
        outsider: {public.pk, members.pk, elsewhere.pk},
        colleague: {public.pk, members.pk, internal.pk},
    }
    for reader, expected in readers.items():
        cards = indexing.readable_cards(reader, ids)
        assert set(cards) == expected
        assert {cards[pk]["title"] for pk in expected} == {
            p.title for p in (public, members, internal, elsewhere) if p.pk in expected
        }


def test_a_highlight_keeps_only_its_marks_however_often_it_is_read():
    """``safe_highlight`` (remembered per text: the same openings show on every page) keeps the
    engine's <mark> and escaped text, and drops anything else an engine might send, every time."""
    from search.selectors import safe_highlight

    sent = 'Parents <mark>support</mark> <script>alert(1)</script><img src=x onerror="alert(2)"> &lt;b&gt;'
    for _ in range(3):
        shown = safe_highlight(sent)
        assert shown == "Parents <mark>support</mark>  &lt;b&gt;"
        assert isinstance(shown, SafeString)
