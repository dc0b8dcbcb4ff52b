"""What the stored vectors add to the search page: near-duplicates grouped (through the HTTP
client), and the closest sentence of a hit found by meaning only. The real model, vectors
stored as the outbox worker stores them (search.embedding.store.refresh)."""

import json
from pathlib import Path

import pytest
from django.urls import reverse

from practices.indexing import COLLECTION as PRACTICES
from search import embedding
from search.backends.base import Hit
from search.embedding import store
from search.hits import with_best_sentences
from search.selectors import ReadableHit
from tests.search.builders import document, make_published

pytestmark = [pytest.mark.embeddings, pytest.mark.usefixtures("database_only")]

URL = reverse("search:search")
TRANSLATIONS = Path(__file__).resolve().parents[2] / "benchmarks" / "data" / "translated_practices.json"
WAY_OUT = next(
    entry for entry in json.loads(TRANSLATIONS.read_text()) if entry["source"] == "en-exit-right-wing-mentoring"
)
ENGLISH = (
    "Way Out supports men and women who want to leave violent right-wing extremist groups, neo-Nazi networks and "
    "militant hooligan scenes. The practice is explicitly aimed at disengagement and deradicalisation: reducing the "
    "risk of violence, ending membership of the group and helping the person build a life and an identity without "
    "extremist ideology.\n\nPeople contact Way Out themselves, through a family member, or on referral by probation, "
    "the police or a prison. After a first meeting in a neutral place, an exit coach and the participant agree on a "
    "plan. The work usually lasts two to three years and has three phases."
)
FRENCH = WAY_OUT["description"].split("\n\n- ")[0]
# The same work told in French with no word of ENGLISH: only meaning links them.
LEAVING = (
    "Un accompagnateur aide les hommes et les femmes qui veulent quitter les bandes néonazies et les milieux "
    "d'extrême droite. Le suivi dure deux à trois ans : sécurité, logement et dettes d'abord, puis retour sur "
    "le parcours de vie, enfin une nouvelle vie sans haine."
)


@pytest.fixture(scope="module")
def model():
    return embedding.load()


@pytest.fixture
def vectors_on(settings, model):
    settings.SEARCH_EMBEDDINGS = True
    settings.PAGE_CACHE_SECONDS = 0


def stored(*practices):
    store.refresh(PRACTICES, [document(practice) for practice in practices])
    return practices


@pytest.fixture
def copies(vectors_on, home_organisation, other_organisation):
    english = make_published("Way Out: exit mentoring", organisation=other_organisation, description=ENGLISH)
    french = make_published(
        "Way Out : accompagnement à la sortie", organisation=other_organisation, language="fr", description=FRENCH
    )
    other = make_published(
        "Way Out of hate: school workshops",
        organisation=other_organisation,
        description=(
            "Teachers run four workshops a year in which pupils discuss racism, online hate and how groups recruit. "
            "A youth worker joins each workshop. Pupils write a charter for their class."
        ),
    )
    return stored(english, french, other)


def test_a_translation_shows_once_with_a_link_to_the_other_language(client, copies, django_assert_num_queries):
    english, french, other = copies
    # the content token, the search (generation, snapshot: documents, facets and vectors,
    # matches, snippets), the labels, the practices, and one read of the hits' stored
    # sentences, whatever the number of hits
    with django_assert_num_queries(10):
        page = client.get(URL, {"q": "Way Out"}).content.decode()
    assert page.count('class="practice-card"') == 2  # the pair, and the other practice
    also = page[page.index("Also in:") :]
    also = also[: also.index("</p>")]
    # whichever ranks first, the other is its "also in" link, labelled with its language
    first, copy = (english, french) if page.index(english.title) < page.index(french.title) else (french, english)
    assert f'href="{copy.get_absolute_url()}?' in also and f">{copy.language.upper()}</a>" in also
    assert first.get_absolute_url() not in also
    assert "3 practices" in page  # the count counts practices, copies included
    assert "Also in:" not in page[page.index(other.title) :]


def test_practices_written_in_one_organisation_s_words_are_not_copies(client, vectors_on, other_organisation):
    """Two practices told in the same six sentences around one of their own (the demo's
    generated write-ups): each shows as a practice, neither under the other."""
    from practices.demo import METHODS, WRITE_UP

    made = []
    for language, number in (("en", 0), ("en", 3), ("fr", 5), ("fr", 6)):  # four methods
        title, summary = METHODS[language][number]
        description = WRITE_UP[language]["description"].format(
            summary=summary, organisation=other_organisation.name, start=2015
        )
        made.append(make_published(title, organisation=other_organisation, language=language, description=description))
    stored(*made)
    page = client.get(URL, {"q": other_organisation.name}).content.decode()
    assert page.count('class="practice-card"') == 4 and "Also in:" not in page
    assert all(practice.title in page for practice in made)


def test_a_copy_the_reader_may_not_read_is_never_linked(client, outsider_client, vectors_on, home_organisation):
    english = make_published("Way Out: exit mentoring", organisation=home_organisation, description=ENGLISH)
    french = make_published(
        "Way Out : accompagnement à la sortie",
        organisation=home_organisation,
        language="fr",
        description=FRENCH,
        visibility="organisation",
    )
    stored(english, french)
    for reader in (client, outsider_client):
        page = reader.get(URL, {"q": "Way Out"}).content.decode()
        assert "Also in:" not in page and french.get_absolute_url() not in page
        assert "1 practice" in page


def test_a_hit_found_by_meaning_only_shows_its_closest_sentence(copies):
    english = copies[0]
    found = [ReadableHit(Hit(id=english.pk, title=english.title, score=1.0, matched_by="semantic"), english)]
    shown = with_best_sentences(PRACTICES, found, "accompagnement après la prison par un référent")
    assert str(shown[0].highlight).startswith("People contact Way Out themselves")
    lexical = [ReadableHit(Hit(id=english.pk, title=english.title, score=1.0, highlight="kept"), english)]
    assert with_best_sentences(PRACTICES, lexical, "prison")[0].highlight == "kept"


@pytest.fixture
def neighbours(vectors_on, home_organisation, other_organisation):
    source = make_published("Way Out: exit mentoring", organisation=other_organisation, description=ENGLISH)
    french = make_published(
        "Quitter les bandes néonazies",
        organisation=other_organisation,
        language="fr",
        description=LEAVING,
    )
    hidden = make_published(
        "Quitter les bandes néonazies : suivi interne",
        organisation=home_organisation,
        language="fr",
        description=LEAVING,
        visibility="organisation",
    )
    unrelated = make_published(
        "Cooking classes for retired people",
        organisation=other_organisation,
        description="Retired people cook together once a week in the community centre kitchen.",
    )
    return stored(source, french, hidden, unrelated)


def similar_on_page(reader, practice) -> str:
    page = reader.get(practice.get_absolute_url()).content.decode()
    return page[page.index('class="similar-practices"') :] if 'class="similar-practices"' in page else ""


def test_similar_practices_include_a_practice_in_another_language_sharing_no_word(
    client, colleague_client, settings, neighbours
):
    source, french, hidden, unrelated = neighbours
    assert french.title in similar_on_page(client, source)
    assert unrelated.title not in similar_on_page(client, source)
    assert hidden.title not in similar_on_page(client, source)  # another organisation's own practice
    assert hidden.title in similar_on_page(colleague_client, source)
    settings.SEARCH_EMBEDDINGS = False  # the words alone do not link them
    assert french.title not in similar_on_page(client, source)


def test_the_similar_practices_vectors_are_held_as_stored_int8_with_a_scale_per_row(client, neighbours):
    from search import neighbours as module

    source, french, *_ = neighbours
    assert french.title in similar_on_page(client, source)
    matrix = module._matrix(PRACTICES)
    assert matrix.vectors.codes.dtype.name == "int8"
    assert sorted(matrix.ids.tolist()) == sorted(practice.pk for practice in neighbours)
    assert matrix.vectors.nbytes == len(neighbours) * (matrix.vectors.codes.shape[1] + 4)


def test_a_semantic_hit_on_the_page_shows_the_sentence_closest_to_the_query(client, vectors_on, other_organisation):
    (english,) = stored(make_published("Way Out: exit mentoring", organisation=other_organisation, description=ENGLISH))
    # no word of the query is in the English write-up: it is found by meaning only
    asked = "première rencontre dans un lieu neutre, puis accord sur la marche à suivre"
    page = client.get(URL, {"q": asked}).content.decode()
    card = page[page.index(english.title) :]
    snippet = card[card.index('class="snippet"') : card.index("</p>", card.index('class="snippet"'))]
    assert "After a first meeting in a neutral place, an exit coach and the participant agree on a" in snippet
    assert "<mark>" not in snippet
