"""Result snippets come from the narrative (description, then the other narrative fields),
never from the taxonomy or organisation labels, on every engine, through the HTTP client."""

import pytest
from django.urls import reverse

from tests.search.builders import index, make_practice
from tests.search.page_engines import page_engine  # noqa: F401 (a fixture)

URL = reverse("search:search")


@pytest.fixture
def practices(page_engine, home_organisation):
    made = {
        "labels": make_practice(
            "Parents' evenings in Ravnstad",
            organisation=home_organisation,
            language="fr",
            description="Des soirées mensuelles réunissent les parents inquiets autour d'un éducateur.",
            themes=("family-support",),
        ),
        "narrative": make_practice(
            "Helpline",
            organisation=home_organisation,
            description="A telephone line answers worried relatives every evening.",
            geographical_scope="Families across the whole county call the line.",
            themes=("family-support",),
        ),
    }
    index(page_engine, *made.values())
    return made


def snippet_of(page: str, title: str) -> str:
    """The result's snippet (the paragraph after its title)."""
    card = page[page.index(title) :]
    card = card[: card.index("</li>")]
    start = card.index('class="snippet"')
    return card[start : card.index("</p>", start)]


def test_a_practice_found_through_its_labels_shows_the_start_of_its_description(client, practices):
    # "famille" is only in the French label of the theme (Soutien de la famille)
    page = client.get(URL, {"q": "famille"}).content.decode()
    snippet = snippet_of(page, "Parents&#x27; evenings in Ravnstad")
    assert "Des soirées mensuelles réunissent" in snippet
    assert "Soutien" not in snippet and "Family support" not in snippet and "<mark>" not in snippet


def test_a_snippet_marks_the_words_in_the_narrative_not_in_the_labels(client, practices):
    # "families" is in the English label (Family support) and in the narrative
    page = client.get(URL, {"q": "families"}).content.decode()
    snippet = snippet_of(page, "Helpline")
    assert "<mark>Families</mark> across the whole county" in snippet
    assert "Soutien" not in snippet and "Family support" not in snippet
