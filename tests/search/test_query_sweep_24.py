"""A seventh unseen sweep of what practitioners type (docs/SEARCH.md, "What practitioners type: an
unseen sweep"), session 24: 40 queries written before any was run, weighted to what sweeps 18 to 23
asked least: misspellings in languages other than English, queries mixing two languages, acronyms
and their expansions (``P/CVE``, ``FTF``, ``RAN``, ``EXIT``), numbers and years, hyphens and
apostrophes (``peer-to-peer``, ``l'école``, ``d'anciens``), singular and plural and compounds in
Dutch, German, Swedish and Finnish, quotes left open, ``OR`` and ``-`` together, a sentence pasted
from an e-mail, emoji or punctuation alone, a very long query. On a corpus of its own (``CORPUS``:
13 fictional practices in nine languages; the shared sweep corpus is left as it is), through the
engine and through the page and the API, on the database engine (SQLite or PostgreSQL, by the test
database) and on Elasticsearch.

``how`` as in the earlier sweeps (``match``: found as a true match; ``respelled``: found, by the
respelling if need be; ``some``: found first among some of the words; ``found``: found, as a true
match or among some of the words; ``any``: answered, no error). ``ORDER``: where the order of the
practices found matters. Known gaps are strict xfails with their reason.
"""

from collections.abc import Iterator

import pytest

from tests.search.sweeps import (  # noqa: F401 (fixture)
    case,
    check_engine,
    check_order,
    check_page,
    own_corpus,
    own_elasticsearch_index,
    searching,
    sweep_params,
)

pytestmark = pytest.mark.usefixtures("db")

FIRST_PK = 9_300_001  # apart from the shared sweep corpus's keys and the 23rd sweep's

# key: (language code, title, description); fictional practices
CORPUS: dict[str, tuple[str, str, str]] = {
    "en_exit": (
        "en",
        "EXIT programme for people leaving violent right-wing groups",
        "Since 2015 the programme has supported 120 people through peer-to-peer mentoring by former"
        " members; a member of the RAN working group on exit work.",
    ),
    "de_aussteiger": (
        "de",
        "Aussteigerprogramm für Jugendliche",
        "Seit 2015 begleiten Sozialarbeiterinnen Aussteiger aus der rechtsextremen Szene;"
        " Peer-to-Peer-Beratung durch ehemalige Aussteiger.",
    ),
    "fr_ecole": (
        "fr",
        "Prévention de la radicalisation à l'école",
        "Des éducateurs et d'anciens extrémistes interviennent dans les collèges de Lyon depuis 2019 ;"
        " l'équipe forme les enseignants.",
    ),
    "nl_buurt": (
        "nl",
        "Buurtvaders tegen polarisatie",
        "Vrijwilligers in Rotterdamse wijken praten met jongeren; het project liep van 2019 tot 2021"
        " met steun van de gemeente.",
    ),
    "sv_fritid": (
        "sv",
        "Fritidsledare förebygger våldsbejakande extremism",
        "Fritidsgårdar i Malmö utbildar fritidsledarna sedan 2018 i att känna igen radikalisering.",
    ),
    "fi_nuoriso": (
        "fi",
        "Nuorisotyöntekijät väkivaltaisen radikalisoitumisen ehkäisyssä",
        "Helsingin nuorisotalot tekevät yhteistyötä koulujen kanssa vuodesta 2016; vertaistuki ja mentorointi.",
    ),
    "es_carcel": (
        "es",
        "Desradicalización en las cárceles",
        "Psicólogos y educadores acompañan a los internos de la prisión de Valencia; programa de"
        " prevención del extremismo violento (P/CVE) desde 2017.",
    ),
    "it_scuola": (
        "it",
        "Prevenzione della radicalizzazione nelle scuole",
        "Gli insegnanti di Torino e gli educatori lavorano con gli studenti sull'odio online dal 2020.",
    ),
    "pl_rodzina": (
        "pl",
        "Wsparcie dla rodzin osób radykalizujących się",
        "Psycholodzy w Gdańsku prowadzą grupy wsparcia dla rodziców; program działa od 2018 roku.",
    ),
    "en_ftf": (
        "en",
        "Returning foreign terrorist fighters (FTF) and their children",
        "Municipal case management for returnees and their families; rehabilitation and reintegration"
        " of women and minors since 2019.",
    ),
    "pt_familia": (
        "pt",
        "Apoio às famílias de jovens em risco de radicalização",
        "Técnicos de intervenção social em Coimbra acompanham os pais; o programa começou em 2021.",
    ),
    "en_online": (
        "en",
        "Counter-narratives online: a youth-led campaign",
        "Young people make counter-narrative videos against hate speech on social media; a 2019-2021"
        " pilot in three cities.",
    ),
    "el_school": (
        "el",
        "Εκπαιδευτικοί απέναντι στη ριζοσπαστικοποίηση",
        "Σχολεία της Θεσσαλονίκης συνεργάζονται με ψυχολόγους από το 2022.",
    ),
}

LONG = (
    "We are looking for a programme like the one in Valencia where psicólogos y educadores acompañan a"
    " los internos de la prisión, desradicalización en las cárceles, prevención del extremismo violento,"
    " ideally with some evaluation results, a contact person, the budget and how the work with the"
    " families was organised after release; our municipality starts a similar project in 2025 and we"
    " would like to learn from others who have done this for several years already. "
) * 3

# Known gaps (strict xfails), decided in the first run's review: the cases below were written
# before it and stay as written.
POLISH_ES = (
    "Elasticsearch has no Polish analyzer without the analysis-stempel plugin (not in the official image): Polish"
    " is folded there ('gdansku'), stemmed by the database engines (Snowball); found there by the respelling only"
)

CASES = [
    # misspellings in languages other than English
    case("prevenzione radicalizazione", "it_scuola", how="respelled"),  # one z short
    case("Aussteigerprogram", "de_aussteiger", how="respelled"),  # one m short
    case("prévention radicalistion école", "fr_ecole", how="respelled"),
    case("polarizatie buurtvaders", "nl_buurt", how="respelled"),  # z for s
    case("desradicalizacion en las carceles", "es_carcel"),  # without accents
    # two languages in one query
    case("exit programme Aussteiger", "en_exit de_aussteiger", how="found"),
    case("RAN EXIT Aussteiger", "en_exit de_aussteiger", how="found"),
    case("famílias radicalisation", "pt_familia", how="found"),
    # acronyms and their expansions
    case("P/CVE", "es_carcel", "en_exit en_ftf"),
    case("PCVE", "es_carcel"),
    case("CVE", "es_carcel", "en_exit"),
    case("FTF returnees", "en_ftf", "en_exit"),
    case("ftfs", "en_ftf"),
    case("foreign terrorist fighters", "en_ftf"),
    case("RAN", "en_exit", "en_ftf en_online"),
    case("EXIT", "en_exit", "en_ftf"),
    # numbers and years
    case("2019", "fr_ecole nl_buurt en_ftf en_online", "it_scuola pl_rodzina"),
    case("2019-2021", "en_online", "it_scuola fr_ecole"),
    case("since 2015", "en_exit", "en_ftf"),
    case("programa desde 2017", "es_carcel"),
    case("od 2018 roku", "pl_rodzina", "sv_fritid"),
    # hyphens and apostrophes
    case("peer-to-peer", "en_exit de_aussteiger"),
    case("peertopeer", "en_exit de_aussteiger"),
    case("l'école", "fr_ecole"),
    case("d’anciens extremistes l’ecole", "fr_ecole"),  # curly apostrophes, no accents
    case("sull'odio", "it_scuola"),
    case("counternarratives", "en_online"),
    # singular, plural and compounds: Dutch, German, Swedish, Finnish
    case("buurtvader", "nl_buurt"),  # singular of the title's compound
    case("vaders wijk", "nl_buurt"),  # a compound's part; singular of "wijken"
    case("Aussteigerprogramme", "de_aussteiger"),  # plural of the title's compound
    case("fritidsgård Malmö", "sv_fritid"),  # singular of "Fritidsgårdar"
    case("nuorisotalo", "fi_nuoriso"),  # singular of "nuorisotalot"
    case("työntekijät", "fi_nuoriso"),  # the title compound's second part
    # quotes left open
    case('"peer-to-peer mentoring', "en_exit", "de_aussteiger"),
    case("„Aussteiger aus der", "de_aussteiger"),
    # OR and minus together
    case("Aussteiger OR buurtvaders -Rotterdam", "de_aussteiger", "nl_buurt"),
    case("2019 -2021", "fr_ecole en_ftf", "nl_buurt en_online"),
    # a sentence pasted from an e-mail
    case(
        "Bonjour, je cherche des exemples de prévention de la radicalisation à l'école avec d'anciens"
        " extrémistes, merci d'avance !",
        "fr_ecole",
        how="some",
    ),
    # emoji, punctuation alone, a very long query
    case("🙏🙏 ?!…", how="any"),
    case(LONG, "es_carcel", how="some"),
    # a second batch, written after the first run's fix (Dutch stemmed alike on every engine), at
    # its edges and the first batch's
    case("Rotterdamse", "nl_buurt"),  # the adjective the text writes
    case("buurtvaders -Rotterdamse", "", "nl_buurt", how="any"),  # the adjective excluded
    case("gemeentes", "nl_buurt"),  # plural of the text's "gemeente"
    case("Helsinki", "fi_nuoriso"),  # the genitive "Helsingin"; a strict xfail until the 25th sweep
    case("Gdańsk", "pl_rodzina", gap=POLISH_ES, gap_on=("elasticsearch",)),  # the text has the locative "Gdańsku"
    case("Malmo fritidsledaren", "sv_fritid"),  # without the ring; the definite singular
    case("vertaistukea", "fi_nuoriso"),  # partitive of "vertaistuki"
    case("Beratung Jugendlicher", "de_aussteiger"),  # a compound's part; the genitive plural
    case("P/CVE OR FTF -Valencia", "en_ftf", "es_carcel"),
    case('"FTF', "en_ftf"),  # an acronym after a quote left open
    case("2019–2021", "en_online"),  # an en dash
    case("youth led counter narrative", "en_online"),
    case("l'equipe d'educateurs", "fr_ecole"),
    case("dell'odio online", "it_scuola"),
]

# where the order of the practices found matters: these first, in this order
ORDER = {
    "RAN EXIT Aussteiger": ["en_exit", "de_aussteiger"],
    "exit programme Aussteiger": ["en_exit", "de_aussteiger"],
    "2019-2021": ["en_online"],
}


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
    yield from own_elasticsearch_index(request, corpus["documents"], "sweep24")


@pytest.mark.parametrize(
    ("sweep_engine", "query", "finds", "not_finds", "how", "filters"),
    list(sweep_params(CASES)),
)
def test_a_practitioner_finds_what_they_typed(searching, corpus, query, finds, not_finds, how, filters):
    check_engine(corpus, query, finds, not_finds, how, filters)
    if query in ORDER:
        check_order(corpus, query, filters, ORDER[query])


@pytest.mark.parametrize(
    ("sweep_engine", "query", "finds", "not_finds", "how", "filters"),
    list(sweep_params(CASES, page=True)),
)
def test_the_page_and_the_api_answer_and_show_the_titles(
    searching, corpus, client, query, finds, not_finds, how, filters
):
    check_page(client, query, finds, how, filters, texts=CORPUS)
