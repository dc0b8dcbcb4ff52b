"""The home page's newest practices, read as values (portal/views.py ``_cards``): each card shows
what the practice's own fields say, in the reader's language, and only what the reader may read."""

import uuid

import pytest
from django.core.cache import caches
from django.urls import reverse

from practices.models import KeyTheme, Practice
from tests.practices.factories import make_practice

pytestmark = pytest.mark.django_db


@pytest.fixture
def newest(contributor):
    shown = make_practice(
        author=contributor,
        title="Family circle method",
        publish=True,
        themes=("prison-probation", "family-support", "exit-strategies"),
        start_year=2016,
        language="fr",
        country="NO",
    )
    KeyTheme.objects.filter(code="family-support").update(position=900)  # moved last in the admin
    copy = make_practice(author=contributor, title="A shared method", publish=True, themes=())
    Practice.objects.filter(pk=copy.pk).update(
        origin_uuid=uuid.uuid4(), origin_name="Hub portal", origin_url="https://hub.example/p/1", is_demo=True
    )
    make_practice(author=contributor, title="Our own method", publish=True, visibility="organisation")
    return shown


def _card(page: str, title: str) -> str:
    start = page.index(f">{title}</a>")
    return page[page.rindex('<li class="practice-card">', 0, start) : page.index("</ul>", start)]


@pytest.mark.parametrize(
    ("language", "facts", "themes"),
    [
        (
            "en",
            ["Municipality / local authority · Norway", "since 2016", ">French</span>"],
            ["Exit strategies", "Prison and probation", "Family support"],
        ),
        (
            "fr",
            ["Municipalité / autorité locale · Norvège", "depuis 2016", ">Français</span>"],
            ["Stratégies de sortie", "Prison et probation", "Soutien de la famille"],
        ),
    ],
)
def test_a_card_shows_the_practice_in_the_reader_s_language(client, newest, language, facts, themes):
    card = _card(client.get(reverse("home"), HTTP_ACCEPT_LANGUAGE=language).content.decode(), "Family circle method")
    assert f'<a href="{newest.get_absolute_url()}" lang="{newest.language}">' in card  # its title in its language
    assert f"{newest.organisation.name} · " in card
    assert all(fact in card for fact in facts)
    positions = [card.index(f'<li class="tag">{theme}</li>') for theme in themes]
    assert positions == sorted(positions)  # the taxonomy's order as it stands


def test_a_shared_demo_practice_says_where_it_comes_from(client, newest):
    page = client.get(reverse("home")).content.decode()
    card = _card(page, "A shared method")
    assert "Shared by" in card and 'href="https://hub.example/p/1"' in card and "Hub portal" in card
    assert "badge-demo" in card
    assert "badge-demo" not in _card(page, "Family circle method") and "Shared by" not in _card(
        page, "Family circle method"
    )


def test_outsider_and_visitor_see_no_card_of_an_organisation_only_practice(
    client, outsider_client, colleague_client, newest
):
    assert "Our own method" not in client.get(reverse("home")).content.decode()
    assert "Our own method" not in outsider_client.get(reverse("home")).content.decode()
    assert "Our own method" in _card(colleague_client.get(reverse("home")).content.decode(), "Our own method")


def test_readers_in_turn_on_one_connection_each_get_their_own_count_and_cards(
    client, outsider_client, colleague_client, former_member_client, newest, settings
):
    """The page's SQL is compiled once per connection and reader rule (portal/views.py): each reader
    in turn gets their own rule's practices and count."""
    settings.PAGE_CACHE_SECONDS = settings.SCOPE_CACHE_SECONDS = 0  # every page computed
    turns = [
        (colleague_client, 3),
        (client, 2),
        (outsider_client, 2),
        (colleague_client, 3),
        (former_member_client, 2),
        (client, 2),
    ]
    for reader, count in turns:
        page = reader.get(reverse("home")).content.decode()
        assert f"{count} published practices" in page
        assert page.count('<li class="practice-card">') == count
        assert ("Our own method" in page) == (count == 3)


@pytest.fixture
def fragments_kept(settings):
    """The fragments cache as in production (in tests, as in development, it keeps nothing)."""
    kept = {"BACKEND": "portal.cache_layers.StringMemoryCache", "LOCATION": "home-fragments"}
    settings.CACHES = {**settings.CACHES, "fragments": kept}
    caches["fragments"].clear()
    yield caches["fragments"]
    caches["fragments"].clear()


def test_the_kept_cards_follow_every_change_they_show(client, colleague_client, newest, fragments_kept, settings):
    """The cards' HTML is kept per process under a hash of what they show (portal/views.py): a
    rename, a theme's new label, another language or another reader's practices make another key."""
    settings.PAGE_CACHE_SECONDS = settings.SCOPE_CACHE_SECONDS = 0  # every page computed
    assert "Family circle method" in client.get(reverse("home")).content.decode()
    assert sum(":home:" in key for key in fragments_kept._cache) == 1  # type: ignore[attr-defined]
    Practice.objects.filter(pk=newest.pk).update(title="Family circle, renamed")
    KeyTheme.objects.filter(code="exit-strategies").update(label_en="Leaving extremism")
    page = client.get(reverse("home")).content.decode()
    assert "Family circle, renamed" in page and "Family circle method" not in page
    assert page.count("Leaving extremism") == 2  # the card's theme and the theme's link
    assert "Soutien de la famille" in client.get(reverse("home"), HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert "Our own method" in colleague_client.get(reverse("home")).content.decode()
    assert "Our own method" not in client.get(reverse("home")).content.decode()
