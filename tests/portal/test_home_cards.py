"""The home page's newest practices, read as values (portal/views.py ``_cards``): each card shows
what the practice's own fields say, in the reader's language, and only what the reader may read."""

import uuid

import pytest
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
            ["Norway", "since 2016", ">French</span>"],
            ["Exit strategies", "Prison and probation", "Family support"],
        ),
        (
            "fr",
            ["Norvège", "depuis 2016", ">Français</span>"],
            ["Stratégies de sortie", "Prison et probation", "Soutien de la famille"],
        ),
    ],
)
def test_a_card_shows_the_practice_in_the_reader_s_language(client, newest, language, facts, themes):
    card = _card(client.get(reverse("home"), HTTP_ACCEPT_LANGUAGE=language).content.decode(), "Family circle method")
    assert f'<a href="{newest.get_absolute_url()}">' in card
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
