"""Elasticsearch stems without accents, as the database engines' folded Snowball stems, against
the shared node: a word finds its inflections whether either side is written with accents
or not (docs/SEARCH.md, "Mapping and analyzers")."""

import pytest

from portal.access import ReaderScope
from practices.indexing import COLLECTION as PRACTICES
from search.backends.base import SearchQuery
from search.backends.elasticsearch import mapping
from tests.search.conftest_es import es_backend, es_prefix, es_url, search_document  # noqa: F401 (fixtures)

# Every read asks the outbox which documents wait for the worker (search.outbox.pending).
pytestmark = pytest.mark.django_db

doc = search_document
ANONYMOUS = ReaderScope()


def found(backend, text: str) -> set[int]:
    return {hit.id for hit in backend.search(PRACTICES, SearchQuery(text=text, scope=ANONYMOUS)).hits}


@pytest.mark.parametrize(
    ("language", "body", "query"),
    [
        # the body is stemmed in its own language only (not fuzzily matched): either way round
        ("fr", "L'éducation populaire contre les discours de haine.", "educations"),
        ("fr", "Education populaire contre les discours de haine.", "éducations"),
        ("sv", "Samtal i samhället om våldsbejakande extremism.", "samhallets"),
        ("no", "Førebygging i skolen og i idretten.", "forebyggingen"),
    ],
)
def test_a_stem_matches_with_or_without_accents(es_backend, language, body, query):
    es_backend.index(
        PRACTICES,
        [doc(1, "Practice", body=body, language=language), doc(2, "Unrelated sports project", body="Football.")],
    )
    assert found(es_backend, query) == {1}


def test_a_folded_stem_is_marked_in_the_text_as_written(es_backend):
    description = "Des ateliers où les élèves débattent, à l'école, d'une éducation aux médias."
    es_backend.index(PRACTICES, [doc(1, "Ateliers", description, language="fr")])
    [hit] = es_backend.search(PRACTICES, SearchQuery(text="eleve educations", scope=ANONYMOUS)).hits
    assert "<mark>élèves</mark>" in hit.highlight
    assert "<mark>éducation</mark>" in hit.highlight


def test_folding_keeps_every_offset_and_removes_the_accents_of_latin_letters():
    text = "Éducation, élèves, Behörde, førebygging, samhället, Łódź, cœur, Straße"
    folded = mapping.fold_accents(text)
    assert folded == "Education, eleves, Behorde, forebygging, samhallet, Lodz, cœur, Straße"
    assert len(folded) == len(text)


def test_the_index_says_which_mapping_version_built_it(es_backend):
    es_backend.index(PRACTICES, [doc(1, "Anything")])
    found_mapping = es_backend.client.indices.get_mapping(index=es_backend.alias).body
    versions = {index["mappings"]["_meta"]["mapping_version"] for index in found_mapping.values()}
    assert versions == {mapping.MAPPING_VERSION}


def test_an_index_built_before_version_5_still_answers_and_shows_a_compounds_opening(es_backend):
    """Until ``search_reindex``, an index whose ``compounds`` keeps no term vectors (mapping
    version 4) is searched without the highlight that needs them: the practice found through a
    compound's part shows its description's opening, as before, and the search does not fail."""
    body = mapping.index_body(PRACTICES, shards=1, replicas=0)
    fields = body["mappings"]["properties"]
    for name in [name for name in fields if name.startswith("compounds")]:
        fields[name].pop("term_vector", None)
    body["mappings"]["_meta"]["mapping_version"] = 4
    alias = es_backend.index_of(PRACTICES).alias
    es_backend.client.indices.create(index=f"{alias}-v0", **body, aliases={alias: {}})
    description = "Ausstiegsberatung bei Rechtsextremismus."
    compounds = "Ausstieg Beratung Rechts Extremismus"
    es_backend.index(PRACTICES, [{**doc(1, "Beratung", description, language="de"), "compounds": compounds}])
    [hit] = es_backend.search(PRACTICES, SearchQuery(text="Extremismus", scope=ANONYMOUS)).hits
    assert hit.highlight == description


def test_a_compound_found_through_its_part_is_marked_where_the_body_writes_it(es_backend):
    """The description first, else the body (as on the database engine)."""
    body = "Wir beraten Familien. Die Ausstiegsberatung bei Rechtsextremismus & <Gewalt>."
    compounds = "Ausstieg Beratung Rechts Extremismus"
    document = {**doc(1, "Beratung", "Ein Angebot für Familien.", body=body, language="de"), "compounds": compounds}
    es_backend.index(PRACTICES, [document])
    [hit] = es_backend.search(PRACTICES, SearchQuery(text="Extremismus", scope=ANONYMOUS)).hits
    assert "<mark>Rechtsextremismus</mark> &amp; &lt;Gewalt&gt;." in hit.highlight, hit.highlight


def test_folding_removes_greek_accents_and_splits_words_at_apostrophes_keeping_every_offset():
    """Mapping version 6: as the database engine folds Greek and splits words at an apostrophe."""
    text = "Πρόληψη της ριζοσπαστικοποΐησης, ΆΈ, l’engagement, dell'estremismo, RAN’s"
    folded = mapping.fold_accents(text)
    assert folded == "Προληψη τησ ριζοσπαστικοποιησησ, ΑΕ, l engagement, dell estremismo, RAN s"
    assert len(folded) == len(text)
