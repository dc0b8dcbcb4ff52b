"""A fourth unseen sweep of what practitioners type (docs/SEARCH.md, "What practitioners type: an
unseen sweep"), session 20: 60 queries written before any was run, on the query sweeps' corpus
(tests/search/sweeps.py: its fixtures, its rows' shape, its checks), through the engine and through
the search page and the API, on the database engine (SQLite or PostgreSQL, by the test database)
and on Elasticsearch: whole questions in Dutch, Swedish, Italian, Spanish and Danish, misspelt
programme names, plurals and compounds in German and Dutch, words with hyphens and slashes,
British and American spellings, numbers and ages, a query pasted from a PDF (line breaks, a word
cut by a hyphen, a soft hyphen), Cyrillic and Arabic words, a query of 400 characters, input that
looks like Lucene or SQL, and "or" in Danish, Swedish, Dutch and Finnish; then 12 written after
the first run's fixes, at their edges (English "of", inclusive forms and acronyms with a slash,
words on two sides of one)."""

import pytest

from tests.search.sweeps import case, check_engine, check_page, corpus, searching, sweep_params  # noqa: F401 (fixtures)

pytestmark = pytest.mark.usefixtures("db")

# what a probation officer types into the box: 400 characters, a paragraph of their own
LONG = (
    "We are a small team in a mid-sized city setting up a resettlement programme for ex-offenders,"
    " some of them 16-year-olds, convicted of terrorist offences. Which approaches worked elsewhere,"
    " how were the volunteers recruited and trained, what did the municipality pay for, and has"
    " anyone evaluated what happened to the young adults a year after their release? Any contact"
    " with colleagues in other countries is welcome."
)[:400]

CASES = [
    # whole questions, as typed in their language
    case("Hoe begeleiden reclasseringswerkers gedetineerden na hun vrijlating?", "nl_derad", how="some"),
    case("Hur arbetar socialtjänsten med avradikalisering av unga i Göteborg?", "sv_exit", how="some"),
    case("Come lavorano gli operatori penitenziari con i detenuti radicalizzati?", "it_rad", how="some"),
    case("¿Qué hacen los educadores con los jóvenes radicalizados en los barrios?", "es_rad", how="some"),
    case("Wat doen jongerenwerkers tegen polarisatie in de wijk?", "nl_jong", how="some"),
    case("Hvordan støtter mentorer unge radikaliserede i Århus?", "da_rad", how="some"),
    # misspelt programme names
    case("Deradicaliseringsprogama", "nl_derad", how="respelled"),
    case("Avhoppareverksamhet", "sv_exit", how="respelled"),
    case("Islamismuspraevention", "de_compound"),
    case("Distanzierungsarbiet", "de_justiz", how="respelled"),
    case("Forebyggelsesarbjede", "da_arbejde", how="respelled"),
    # plurals, singulars and compounds in German and Dutch
    case("Ausstiegsprogramme", "de_ausstieg"),
    case("Ausstiegsprogramm", "de_ausstieg"),
    case("Programm Ausstieg", "de_ausstieg"),
    case("deradicaliseringstraject", "nl_traject"),
    case("deradicaliseringstrajecten", "nl_traject"),
    case("traject deradicalisering", "nl_traject"),
    case("Deradicaliseringsprogramma's", "nl_derad"),
    case("Jongerenwerker", "nl_jong"),
    case("Gefangenen", "de_justiz"),
    case("Beratungsstellen", "de_exit"),
    # hyphens and slashes
    case("ex-offenders", "en_offenders"),
    case("ex offenders", "en_offenders"),
    case("exoffenders", "en_offenders"),
    case("Rechts-/Linksextremismus", "de_ausstieg"),
    case("Rechts- und Linksextremismus", "de_ausstieg"),
    case("Linksextremismus", "de_ausstieg"),
    case("ex-gedetineerden", "nl_traject"),
    case("re-integration/follow-up", "en_hyphens"),
    # British and American spellings
    case("radicalization", "en_us en_uk"),
    case("youth programme", "en_us"),
    case("resettlement program", "en_offenders"),
    case("deradicalization mentoring", "en_uk"),
    # numbers and ages
    case("16-year-olds", "en_offenders"),
    case("16 year olds", "en_offenders"),
    case("16-jarigen", "nl_traject"),
    case("ab 16 Jahren", "de_ausstieg"),
    case("2,500 calls", "en_hyphens"),
    # pasted from a PDF: line breaks, a word cut at the end of a line, a soft hyphen
    case("Probation officers men\u00adtor radi-\ncalised prisoners;\na multi-\nagency panel", "en_uk"),
    case("Des éducateurs accom-\r\npagnent les jeunes\r\nradicalisés", "fr_rad"),
    # Cyrillic and Arabic scripts
    case("Превенция", "bg_rad"),
    case("ПРЕВЕНЦИЯ радикализацията", "bg_rad"),
    case("младежи София", "bg_rad"),
    case("радикализация молодежи", how="any"),
    case("التطرف", "ar_rad"),
    case("التَّطَرُّف العنيف", "ar_rad"),  # with its short vowels written
    case("Lodzi", "pl_rad"),
    # a query of 400 characters
    case(LONG, "en_offenders", how="some"),
    # input that looks like Lucene or SQL
    case("title:Ausstiegsprogramm", "de_ausstieg"),
    case("mentoring AND (prisons", "en_uk"),
    case("prisons~2", "en_uk"),
    case('"mentoring in prisons"~2', "en_uk"),
    case("Ausstieg*", "de_exit de_ausstieg"),
    case('""mentoring""', "en_uk"),
    case('description:"ex-offenders"', "en_offenders"),
    case("mentoring) OR (exit", "en_uk en_acronyms"),
    case("SELECT * FROM practices WHERE title LIKE '%exit%';", how="any"),
    # "or" in Danish, Swedish, Dutch, Finnish
    case("mentorer eller fritidsledare", "da_rad sv_arbete"),
    case("gedetineerden of jongerenwerkers", "nl_derad nl_jong"),
    case("Tromsø tai Göteborg", "no_school sv_exit"),
    # a second batch, written after the first run's fixes, at their edges
    case("prevention of radicalisation", "fr_rad"),  # English "of": every word
    case("radicalisering of polarisatie", "nl_jong nl_preventie"),  # Dutch "of": either
    case("jongeren of youth", how="any"),
    case("prevenção da radicalização", "pt_rad"),
    case("Sozialarbeiter/innen", "de_justiz"),  # an inclusive form, no slash's two sides
    case("P/CVE", "en_acronyms"),
    case("youth/families", "en_us en_acronyms"),
    case("Linksextremismus/Rechtsextremismus", "de_ausstieg de_umlaut"),
    case("ex-offenders/ex-gedetineerden", "en_offenders nl_traject"),
    case("multi-\nagency panel", "en_uk"),
    case("TCP/IP 2015/2016", how="any"),
    case("נוֹעַר", how="any"),
]


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
def test_the_page_and_the_api_answer_whatever_is_typed(
    searching, corpus, client, query, finds, not_finds, how, filters
):
    check_page(client, query, finds, how, filters)
