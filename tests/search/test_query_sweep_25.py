"""An eighth unseen sweep of what practitioners type (docs/SEARCH.md, "What practitioners type: an
unseen sweep"), session 25: 45 queries written before any was run, weighted to what sweeps 18 to 24
asked least: Norwegian in bokmål and nynorsk spellings, the Danish, Norwegian and Swedish look-alike
``radikalisering``, Finnish inflected forms and consonant gradation (``Turku`` for "Turussa",
``vertaistuen`` for "vertaistuki"), Estonian, Latvian and Lithuanian words, Greek with and without
accents, in capitals and in Latin letters, Polish and Czech with and without diacritics, hyphens
inside compounds (``exit-program``, ``anti-radikaliserings``), a query in one language for a
practice written in another, a quoted phrase across a line break (in the text, in the query), a
query of one letter or two, a language's stop word alone (``och``, ``og``, ``ja``), numbers with
units (``12 months``, ``12 mån``), a query in capitals. On a corpus of its own (``CORPUS``: 14
fictional practices, ten of them Nordic, Baltic, Central European or Greek; the shared sweep corpus
is left as it is), through the engine and through the page and the API, on the database engine
(SQLite or PostgreSQL, by the test database) and on Elasticsearch.

``how`` as in the earlier sweeps (``match``: found as a true match; ``respelled``: found, by the
respelling if need be; ``some``: found first among some of the words; ``found``: found, as a true
match or among some of the words; ``any``: answered, no error). ``ORDER``: where the order of the
practices found matters. Known gaps are strict xfails with their reason.
"""

from collections.abc import Iterator

import pytest
from django.db import connection

from search.query import parse
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

FIRST_PK = 9_400_001  # apart from the shared sweep corpus's keys and the 23rd and 24th sweeps'

# key: (language code, title, description); fictional practices
CORPUS: dict[str, tuple[str, str, str]] = {
    "no_bokmal": (
        "no",
        "Forebygging av radikalisering blant ungdom i Trondheim",
        "Kommunen tilbyr et exit-program med mentor og samtaler med foreldrene, og samarbeider med"
        " skolene. Tiltaket varer i 12 måneder og er EU-finansiert.",
    ),
    "no_nynorsk": (
        "no",
        "Førebygging av valdeleg ekstremisme i skulen",
        "Lærarane på Voss lærer å kjenne att teikn på radikalisering hjå elevane. Tiltaket starta i"
        " 2021 og varer i 18 månader.",
    ),
    "da_aarhus": (
        "da",
        "Anti-radikaliseringsindsats for unge i Aarhus",
        "Kommunen forebygger radikalisering med mentorforløb til unge, der vil ud af ekstremistiske"
        " miljøer. Forløbet varer 6 måneder, og familien inddrages.",
    ),
    "sv_goteborg": (
        "sv",
        "Avhopparverksamhet med exitprogram i Göteborg",
        "Socialtjänsten stödjer personer som vill lämna våldsbejakande\nextremism och förebygger"
        " radikalisering. Insatsen pågår i 12 mån och följs upp av en samordnare.",
    ),
    "fi_helsinki": (
        "fi",
        "Radikalisoitumisen ennaltaehkäisy Helsingin kouluissa",
        "Koulukuraattorit ja nuorisotyöntekijät tarjoavat tukea nuorille ja heidän perheilleen."
        " Exit-ohjelma kestää 12 kuukautta; hanketta hallinnoi Turvaverkko ry.",
    ),
    "fi_turku": (
        "fi",
        "Vanhempien vertaistuki Turussa",
        "Radikalisoituneiden nuorten vanhemmat tapaavat kerran kuukaudessa; ryhmää ohjaa psykologi.",
    ),
    "et_tartu": (
        "et",
        "Noorte radikaliseerumise ennetamine Tartus",
        "Tartu noortekeskus pakub noortele ja nende vanematele vestlusi ning mentorlust; programm kestab 12 kuud.",
    ),
    "lv_riga": (
        "lv",
        "Jauniešu radikalizācijas novēršana Rīgas skolās",
        "Skolotāji un sociālie darbinieki strādā ar jauniešiem un viņu ģimenēm.",
    ),
    "lt_kaunas": (
        "lt",
        "Smurtinio ekstremizmo prevencija Kauno mokyklose",
        "Mokytojai ir psichologai dirba su jaunimu ir tėvais; programa trunka 12 mėnesių.",
    ),
    "pl_krakow": (
        "pl",
        "Przeciwdziałanie radykalizacji młodzieży w Krakowie",
        "Pedagodzy szkolni i psycholodzy prowadzą warsztaty dla uczniów i rodziców; program trwa 12 miesięcy.",
    ),
    "cs_ostrava": (
        "cs",
        "Prevence radikalizace mládeže v Ostravě",
        "Sociální pracovníci a učitelé pracují s mladými lidmi a jejich rodinami; exit-program trvá 12 měsíců.",
    ),
    "el_heraklion": (
        "el",
        "Πρόγραμμα αποχώρησης από εξτρεμιστικές ομάδες στο Ηράκλειο",
        "Κοινωνικοί λειτουργοί και ψυχολόγοι στηρίζουν νέους και τις οικογένειές τους για 12 μήνες.",
    ),
    "el_athens": (
        "el",
        "Ριζοσπαστικοποίηση νέων στο διαδίκτυο",
        "Εκπαιδευτικοί στην Αθήνα διδάσκουν ψηφιακό γραμματισμό σε μαθητές γυμνασίου.",
    ),
    "en_oslo": (
        "en",
        "Family support for parents of radicalised youth in Oslo",
        "A helpline and parent groups run by the municipality; counselling lasts 12 months and is"
        " offered in Norwegian and English.",
    ),
}

NORDIC_LOOK_ALIKES = "no_bokmal no_nynorsk da_aarhus sv_goteborg"

# Known gaps (strict xfails), decided in the first run's review: the cases below were written
# before it and stay as written (only their ``gap`` added).
DANISH_DERIVATION = (
    "Snowball's Danish (every engine) leaves the noun's -ing: 'radikalisering' stems 'radikalisering', the"
    " participle 'radikaliserede' 'radikalis' (a derivation, not an inflection); found as some of the words"
)
GREEKLISH = (
    "Greek typed in Latin letters (Greeklish) has no one spelling and is not indexed (docs/SEARCH.md, the"
    " fifth sweep's decision)"
)
LATVIAN_DATABASE = (
    "Latvian is folded only on the database engines (no Snowball stemmer): 'radikalizacija' and 'Riga' are"
    " not 'radikalizācijas' and 'Rīgas' there; Elasticsearch stems Latvian"
)
DANISH_FINAL_S = (
    "Snowball's Danish (every engine) takes the final s of 'indsats' for an ending ('radikaliseringsindsat')"
    " but keeps it before the definite -en ('radikaliseringsindsatsen': 'radikaliseringsindsats'); PostgreSQL"
    " meets them by chance (the query's Norwegian stem is the text's word as written, which its vector holds)"
)
DANISH_FINAL_S_ON = ("elasticsearch",) if connection.vendor == "postgresql" else ("database", "elasticsearch")
ESTONIAN_PLURAL = (
    "Snowball's Estonian, on every engine, stems the nominative plural 'noored' 'noore' and the text's"
    " 'noorte', 'noortele' 'noor'; the database engines meet them only through another language's stem of"
    " the query word, Elasticsearch compares Estonian stems only"
)

CASES = [
    # the Danish, Norwegian and Swedish look-alikes, and a Danish participle
    case("radikalisering", NORDIC_LOOK_ALIKES, "fi_helsinki et_tartu en_oslo"),
    case("radikaliserede unge", "da_aarhus", "no_nynorsk sv_goteborg", gap=DANISH_DERIVATION),
    # hyphens inside compounds
    case("radikaliseringsindsats", "da_aarhus"),  # the part after the text's hyphen
    case("anti-radikaliserings", "da_aarhus"),  # a compound's first part, as hyphenated
    case("exit-program", "no_bokmal sv_goteborg cs_ostrava", "fi_turku"),
    case("exitprogram", "no_bokmal sv_goteborg cs_ostrava"),
    case("exit programme", "no_bokmal sv_goteborg cs_ostrava"),  # English, for Nordic and Czech texts
    case("exit-ohjelma", "fi_helsinki", "fi_turku"),
    # Norwegian: bokmål and nynorsk
    # bokmål; nynorsk writes "skulen" (found since the 26th sweep: search.query._BOKMAL_NYNORSK)
    case("forebygging i skolen", "no_bokmal no_nynorsk"),
    # nynorsk; since the 26th sweep it finds the bokmål text's "skolene" too, as the bokmål query
    # finds the nynorsk text (it was written expecting the bokmål text left out)
    case("førebygging i skulen", "no_nynorsk no_bokmal"),
    case("voldelig ekstremisme", "no_nynorsk"),  # bokmål for nynorsk "valdeleg"
    case('"forebygging av radikalisering"', "no_bokmal", "no_nynorsk"),
    case("RADIKALISERING I SKOLEN", "no_bokmal", "da_aarhus sv_goteborg"),  # in capitals
    case("radikalisering och skola", "no_bokmal", "sv_goteborg"),  # Swedish, for a Norwegian text
    case("elevar", "no_nynorsk"),  # the indefinite plural of the text's "elevane"
    case("mentor", "no_bokmal da_aarhus"),  # a word, and a Danish compound's part
    case("Gothenburg", "sv_goteborg"),  # the English name of Göteborg (found since the 26th sweep)
    # a quoted phrase across a line break: in the text, then in the query
    case('"våldsbejakande extremism"', "sv_goteborg"),
    case('"parent\ngroups"', "en_oslo"),
    # numbers with units
    case("12 months", "en_oslo", "no_bokmal fi_helsinki"),
    case("12 mån", "sv_goteborg", "no_nynorsk"),
    case("12 måneder", "no_bokmal", "da_aarhus"),
    case("12 kuukautta", "fi_helsinki", "fi_turku"),
    # Finnish inflections and consonant gradation
    case("Helsingissä koulu", "fi_helsinki"),  # inessive for the genitive, singular for "kouluissa"
    case("Turku", "fi_turku"),  # the text has the inessive "Turussa"
    case("vertaistuen", "fi_turku"),  # genitive (weak grade) of the text's "vertaistuki"
    # one letter or two, a language's stop word alone
    case("ry", "fi_helsinki", "fi_turku"),
    case("EU", "no_bokmal", "sv_goteborg"),
    case("i", how="any"),
    case("och", how="any"),
    case("og", how="any"),
    case("ja", how="any"),
    # Estonian, Latvian, Lithuanian
    case("radikaliseerumine Tartu", "et_tartu"),  # nominative for the genitive
    case(
        "noored ja vanemad", "et_tartu", gap=ESTONIAN_PLURAL, gap_on=("elasticsearch",)
    ),  # nominative plurals for "noortele", "vanematele"
    case(
        "radikalizacija Riga", "lv_riga", gap=LATVIAN_DATABASE, gap_on=("database",)
    ),  # nominatives, without diacritics
    case("mokykla Kaunas", "lt_kaunas"),  # nominatives for "mokyklose", "Kauno"
    case("tevai ir mokytojai", "lt_kaunas"),  # without diacritics; nominative for "tėvais"
    # Polish and Czech, with and without diacritics
    case("przeciwdzialanie radykalizacji mlodziezy", "pl_krakow"),
    case("Kraków warsztaty", "pl_krakow"),  # the text has the locative "Krakowie"
    case("mladez Ostrava", "cs_ostrava"),  # nominatives without diacritics for "mládeže", "Ostravě"
    # Greek: without accents, in capitals, with accents, in Latin letters
    case("κοινωνικοι λειτουργοι", "el_heraklion"),
    case("ΟΙΚΟΓΕΝΕΙΕΣ", "el_heraklion"),
    case("Ηράκλειο ψυχολόγοι", "el_heraklion"),
    case("ριζοσπαστικοποιηση στο διαδικτυο", "el_athens", "el_heraklion"),
    case("Irakleio", "el_heraklion", gap=GREEKLISH),
    # a second batch, written after the first run's fixes (function words of the older languages,
    # a hyphenated word's first part before a compound's, Finnish consonant gradation), at their edges
    case("Turkuun", "fi_turku"),  # illative, strong grade, for the text's weak "Turussa"
    case("Helsinki kouluissa", "fi_helsinki", "fi_turku"),  # the sweep 24 gap, now met
    case("vertaistukea -Turku", "", "fi_turku", how="any"),  # a graded exclusion leaves it out
    case("exit-ohjelmaa", "fi_helsinki"),  # partitive after the hyphen
    case('"anti-radikaliserings"', "da_aarhus"),  # quoted
    # the definite form, hyphen kept
    case("anti-radikaliseringsindsatsen", "da_aarhus", gap=DANISH_FINAL_S, gap_on=DANISH_FINAL_S_ON),
    case("Schule und radikalisering", "", how="any"),  # a German word no text has: no error
    case("radikalisering samt mentor", "no_bokmal da_aarhus"),  # Swedish "samt" (and), no text has it
    case("ning", how="any"),  # a function word alone is still asked for
]


@pytest.mark.parametrize(
    ("word", "grades"),
    [
        ("Turku", {"turu"}),
        ("Turussa", {"turku"}),
        ("Helsinki", {"helsing"}),
        ("Helsingin", {"helsink"}),
        ("vertaistuen", {"vertaistuke"}),
        ("state", set()),  # an English word
        ("ning", set()),  # a function word (Estonian "and")
        ("politik", set()),  # not Finnish
    ],
)
def test_a_finnish_word_also_asks_for_its_other_grade(word, grades):
    from search.query import _finnish_grades

    assert grades <= set(_finnish_grades(word)) and (bool(grades) or not _finnish_grades(word))


@pytest.mark.parametrize("query", ["radikalisering och skola", "radikalisering og skole", "Radikalisierung und Schule"])
def test_the_function_words_of_the_older_languages_are_not_asked_for(query):
    assert len(parse(query).clauses) == 2


# where the order of the practices found matters: these first, in this order
ORDER = {
    "radikalisering": ["no_bokmal"],  # the only one with the word itself in its title
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
    yield from own_elasticsearch_index(request, corpus["documents"], "sweep25")


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
