"""A sixth unseen sweep of what practitioners type (docs/SEARCH.md, "What practitioners type: an
unseen sweep"), session 23: queries written before any was run, in the official EU languages the
portal added last as practice languages (Polish, Czech, Slovak, Slovenian, Croatian, Bulgarian,
Lithuanian, Latvian, Estonian, Irish, Maltese), on a corpus of its own (two practices a language,
``CORPUS`` below: the shared sweep corpus of tests/search/sweeps.py is left as it is, so the other
sweeps' answers do not move), through the engine and through the search page and the API, on the
database engine (SQLite or PostgreSQL, by the test database) and on Elasticsearch.

Each language is asked at least five ways: another inflection of a word of the text (a case or a
number the text does not use), the words typed without their diacritics (the way practitioners
type on a foreign keyboard or a phone), a function word of the language in the query (``dla``,
``pro``, ``za``, ``от``, ``iš``, ``no``, ``ning``, ``do``, ``għal``) which must not make the
answer partial, an exclusion (``-`` and a place name, inflected or as written) and a quoted phrase.

``how`` as in the earlier sweeps (``match``: found as a true match; ``some``: found first among
some of the words; ``any``: answered, no error). Known gaps are strict xfails with their reason.
"""

from collections.abc import Iterator

import pytest
from django.urls import reverse
from django.utils.html import escape

from practices.indexing import COLLECTION as PRACTICES
from search.backends import get_search_backend
from search.backends.base import SearchQuery
from tests.search.sweeps import case, check_engine, own_corpus, own_elasticsearch_index, searching, sweep_params  # noqa: F401 (fixture)

pytestmark = pytest.mark.usefixtures("db")

URL = reverse("search:search")
FIRST_PK = 9_200_001  # apart from the shared sweep corpus's keys (tests/search/sweeps.py)

# key: (language code, title, description)
CORPUS: dict[str, tuple[str, str, str]] = {
    "pl_prison": (
        "pl",
        "Resocjalizacja więźniów po wyjściu z zakładu karnego",
        "Kuratorzy sądowi i wolontariusze z Krakowa pomagają byłym więźniom w szukaniu pracy i mieszkania.",
    ),
    "pl_school": (
        "pl",
        "Przeciwdziałanie radykalizacji młodzieży w szkołach",
        "Nauczyciele i wolontariusze we Wrocławiu rozmawiają z uczniami o mowie nienawiści w internecie.",
    ),
    "cs_prison": (
        "cs",
        "Podpora propuštěných vězňů při návratu do společnosti",
        "Probační úředníci a dobrovolníci v Brně pomáhají bývalým vězňům najít práci a bydlení.",
    ),
    "cs_school": (
        "cs",
        "Prevence radikalizace mládeže ve školách",
        "Učitelé a dobrovolníci v Ostravě diskutují se studenty o nenávistných projevech na sociálních sítích.",
    ),
    "sk_prison": (
        "sk",
        "Pomoc prepusteným väzňom pri hľadaní práce",
        "Probační úradníci a dobrovoľníci v Košiciach sprevádzajú bývalých väzňov na úrady a k zamestnávateľom.",
    ),
    "sk_school": (
        "sk",
        "Prevencia radikalizácie mladých ľudí v školách",
        "Učitelia a dobrovoľníci v Bratislave sa rozprávajú so žiakmi o extrémizme na internete.",
    ),
    "sl_prison": (
        "sl",
        "Podpora nekdanjim zapornikom po prestajanju kazni",
        "Svetovalci in prostovoljci v Mariboru pomagajo nekdanjim zapornikom pri iskanju zaposlitve in stanovanja.",
    ),
    "sl_school": (
        "sl",
        "Preprečevanje radikalizacije mladih v šolah",
        "Učitelji in prostovoljci v Ljubljani se z dijaki pogovarjajo o sovražnem govoru na spletu.",
    ),
    "hr_prison": (
        "hr",
        "Podrška bivšim zatvorenicima nakon izlaska iz zatvora",
        "Savjetnici i volonteri u Splitu pomažu bivšim zatvorenicima u traženju posla i smještaja.",
    ),
    "hr_school": (
        "hr",
        "Prevencija radikalizacije mladih u školama",
        "Nastavnici i volonteri u Zagrebu razgovaraju s učenicima o govoru mržnje na društvenim mrežama.",
    ),
    "bg_prison": (
        "bg",
        "Подкрепа за бивши затворници след излизане от затвора",
        "Социални работници и доброволци в Пловдив помагат на бившите затворници да намерят работа и жилище.",
    ),
    "bg_school": (
        "bg",
        "Превенция на радикализацията сред младежите в училищата",
        "Учители и доброволци в Бургас разговарят с учениците за езика на омразата в социалните мрежи.",
    ),
    "lt_prison": (
        "lt",
        "Buvusių kalinių integracija į visuomenę",
        "Socialiniai darbuotojai ir savanoriai Kaune padeda buvusiems kaliniams susirasti darbą ir būstą.",
    ),
    "lt_school": (
        "lt",
        "Jaunimo radikalizacijos prevencija mokyklose",
        "Mokytojai ir savanoriai Vilniuje kalbasi su mokiniais apie neapykantos kalbą socialiniuose tinkluose.",
    ),
    "lv_prison": (
        "lv",
        "Bijušo ieslodzīto reintegrācija sabiedrībā",
        "Sociālie darbinieki un brīvprātīgie Daugavpilī palīdz bijušajiem ieslodzītajiem atrast darbu un mājokli.",
    ),
    "lv_school": (
        "lv",
        "Jauniešu radikalizācijas novēršana skolās",
        "Skolotāji un brīvprātīgie Rīgā runā ar skolēniem par naida runu sociālajos tīklos.",
    ),
    "et_prison": (
        "et",
        "Endiste vangide tagasipöördumine ühiskonda",
        "Tartu sotsiaaltöötajad ja vabatahtlikud aitavad endistel vangidel leida tööd ja elukohta.",
    ),
    "et_school": (
        "et",
        "Noorte radikaliseerumise ennetamine koolides",
        "Tallinna õpetajad ja vabatahtlikud arutavad õpilastega vihakõne üle sotsiaalmeedias.",
    ),
    "ga_school": (
        "ga",
        "Cosc ar radacú i measc daoine óga i scoileanna",
        "Oibríonn múinteoirí agus oibrithe óige i nGaillimh le daltaí ar chaint fuatha ar na meáin shóisialta.",
    ),
    "ga_prison": (
        "ga",
        "Tacaíocht d'iarchimí tar éis scaoileadh saor",
        "Cabhraíonn oibrithe sóisialta agus oibrithe deonacha i gCorcaigh le hiarchimí post agus lóistín a fháil.",
    ),
    "mt_school": (
        "mt",
        "Prevenzjoni tar-radikalizzazzjoni fl-iskejjel",
        "L-għalliema u l-voluntiera f'Birkirkara jitkellmu mal-istudenti dwar il-diskors ta' mibegħda"
        " fuq il-midja soċjali.",
    ),
    "mt_prison": (
        "mt",
        "Appoġġ lil ex-priġunieri wara l-ħelsien",
        "Il-ħaddiema soċjali u l-voluntiera f'Paola jgħinu lill-ex-priġunieri jsibu xogħol u akkomodazzjoni.",
    ),
    "en_control": (
        "en",
        "Mentoring young people in schools",
        "Youth workers and volunteers talk with pupils about hate speech on social media.",
    ),
}

# Known gaps (strict xfails), decided in the first run's review (docs/SEARCH.md, "Which engine stems
# which language"): the expectations above were written before it and stay as written.
NO_STEMMER = (
    "no well-kept stemmer for Slovak, Slovenian or Croatian (Snowball, PostgreSQL and Elasticsearch have none; a"
    " neighbour's, Czech's or Serbian's, would be a wrong language's): folded and lower-cased only, another case"
    " or number of a word is another word"
)
SK_DB = NO_STEMMER + " (Elasticsearch finds this one through the title's English stems, by chance)"
POLISH_ES = (
    "Elasticsearch has no Polish analyzer without the analysis-stempel plugin (not in the official image): Polish"
    " is folded there, stemmed by the database engines (Snowball)"
)
ES_ONLY = (
    "Bulgarian and Latvian: Elasticsearch stems them (Lucene's light stemmers), the database engines fold them"
    " only (Snowball has no stemmer for them)"
)
BULGARIAN_ARTICLE = (
    "the database engines fold Bulgarian only; Lucene's Bulgarian stemmer (Elasticsearch) stems 'радикализация'"
    " 'радикализац' and its definite form 'радикализацията' 'радикализаци'"
)
ESTONIAN_KOOL = (
    "Snowball's Estonian (database engines and Elasticsearch alike) leaves 'kool' whole and stems 'koolides' 'kooli'"
    " (the stem's vowel kept): the nominative singular meets no other form"
)
IRISH_PLURAL = (
    "Snowball's Irish (database engines and Elasticsearch alike) takes off initial mutations and some derivational"
    " endings, not the plural '-eanna': 'scoil' and 'scoileanna' stay apart"
)
LATVIAN_OR = (
    "Latvian 'vai' (or) is Portuguese 'vai' (goes) too ('quem vai ajudar as famílias'): it is no OR; a stop word,"
    " so both words are asked for (found as some of the words)"
)

CASES = [
    # Polish
    case(
        "radykalizacja młodzieży", "pl_school", gap=POLISH_ES, gap_on=("elasticsearch",)
    ),  # nominative for the genitive "radykalizacji"
    case("wiezniowie", "pl_prison"),  # nominative plural, without diacritics, for "więźniów"/"więźniom"
    case("szkoła", "pl_school", gap=POLISH_ES, gap_on=("elasticsearch",)),  # singular for "szkołach"
    case("praca dla więźniów", "pl_prison"),  # "dla" a function word; "praca" for "pracy"
    case(
        "wolontariusze -Wrocław", "pl_prison", "pl_school", gap=POLISH_ES, gap_on=("elasticsearch",)
    ),  # the text has "Wrocławiu"
    case('"mowie nienawisci"', "pl_school"),  # a phrase without diacritics
    case('"mowa nienawiści"', "pl_school", gap=POLISH_ES, gap_on=("elasticsearch",)),  # the phrase in the nominative
    # Czech
    case("vezni", "cs_prison"),  # nominative plural, without diacritics, for "vězňů"/"vězňům"
    case("radikalizace mladeze", "cs_school"),
    case("škola", "cs_school"),  # singular for "školách"
    case("bydlení pro vězně", "cs_prison"),  # "pro" a function word; accusative "vězně"
    case("dobrovolníci -Ostrava", "cs_prison", "cs_school"),  # the text has "Ostravě"
    case('"socialnich sitich"', "cs_school"),
    # Slovak
    case("vaznov", "sk_prison"),  # as written, without diacritics
    case(
        "radikalizacia", "sk_school", gap=SK_DB, gap_on=("database",)
    ),  # nominative for "radikalizácie", without diacritics
    case("škola", "sk_school", gap=NO_STEMMER),
    case("pomoc pre väzňov", "sk_prison"),  # "pre" a function word
    case("dobrovoľníci -Bratislave", "sk_prison", "sk_school"),
    case('"mladych ludi"', "sk_school"),
    # Slovenian
    case("zaporniki", "sl_prison", gap=NO_STEMMER),  # nominative plural for "zapornikom"
    case("preprecevanje radikalizacije", "sl_school"),
    case("šola", "sl_school", gap=NO_STEMMER),  # singular for "šolah"
    case("zaposlitev za zapornike", "sl_prison", gap=NO_STEMMER),  # "za" a function word
    case("prostovoljci -Ljubljana", "sl_prison", "sl_school", gap=NO_STEMMER),  # the text has "Ljubljani"
    case('"sovraznem govoru"', "sl_school"),
    # Croatian
    case("zatvorenici", "hr_prison", gap=NO_STEMMER),  # nominative plural for "zatvorenicima"
    case("govor mrznje", "hr_school", gap=NO_STEMMER),  # "govoru mržnje" without diacritics
    case("škola", "hr_school", gap=NO_STEMMER),
    case("posao za zatvorenike", "hr_prison", gap=NO_STEMMER),  # "za" a function word
    case("volonteri -Zagreb", "hr_prison", "hr_school", gap=NO_STEMMER),  # the text has "Zagrebu"
    case('"drustvenim mrezama"', "hr_school"),
    # Bulgarian (Cyrillic)
    case("затворник", "bg_prison", gap=ES_ONLY, gap_on=("database",)),  # singular for "затворници"
    case("радикализация", "bg_school", gap=BULGARIAN_ARTICLE),  # without the article, for "радикализацията"
    case("УЧИЛИЩА", "bg_school", gap=ES_ONLY, gap_on=("database",)),  # capitals, without the article
    case("учители от Бургас", "bg_school"),  # "от" a function word
    case("доброволци -Пловдив", "bg_school", "bg_prison"),
    case('"езика на омразата"', "bg_school"),
    # Lithuanian
    case("kaliniai", "lt_prison"),  # nominative plural for "kalinių"/"kaliniams"
    case("radikalizacija", "lt_school"),  # nominative for "radikalizacijos"
    case("mokykla", "lt_school"),  # singular for "mokyklose"
    case("savanoriai iš Kauno", "lt_prison"),  # "iš" a function word; genitive for "Kaune"
    case("savanoriai -Vilnius", "lt_prison", "lt_school"),  # the text has "Vilniuje"
    case('"neapykantos kalba"', "lt_school"),  # "kalbą" without its ogonek
    case("busta", "lt_prison"),  # "būstą" without diacritics
    # Latvian
    case("ieslodzitie", "lv_prison", gap=ES_ONLY, gap_on=("database",)),  # nominative plural, without diacritics
    case(
        "radikalizacija", "lv_school", gap=ES_ONLY, gap_on=("database",)
    ),  # nominative for "radikalizācijas", without diacritics
    case("skola", "lv_school", gap=ES_ONLY, gap_on=("database",)),  # singular for "skolās"
    case(
        "brīvprātīgie no Daugavpils", "lv_prison", gap=ES_ONLY, gap_on=("database",)
    ),  # "no" a function word; genitive for "Daugavpilī"
    case("brīvprātīgie -Rīga", "lv_prison", "lv_school"),  # the text has "Rīgā"
    case('"naida runu"', "lv_school"),
    # Estonian
    case("vangid", "et_prison"),  # nominative plural for "vangide"/"vangidel"
    case("radikaliseerumine", "et_school"),  # nominative for "radikaliseerumise"
    case("kool", "et_school", gap=ESTONIAN_KOOL),  # singular for "koolides"
    case("vangid ning vabatahtlikud", "et_prison"),  # "ning" a function word
    case("vabatahtlikud -Tallinna", "et_prison", "et_school"),
    case('"opetajad ja vabatahtlikud"', "et_school"),  # a phrase without diacritics
    case("vihakone", "et_school"),
    # Irish: initial mutations (eclipsis, h-prefix), fadas typed or not
    case("scoil", "ga_school", gap=IRISH_PLURAL),  # singular for "scoileanna"
    case("Gaillimh", "ga_school"),  # the text has "i nGaillimh"
    case("iarchimi", "ga_prison"),  # "d'iarchimí", "hiarchimí", without the fada
    case("post do iarchimí", "ga_prison"),  # "do" a function word
    case("oibrithe -Corcaigh", "ga_school", "ga_prison"),  # the text has "i gCorcaigh"
    case('"meáin shóisialta"', "ga_school"),
    # Maltese: articles joined by a hyphen, ċ ġ ħ ż
    case("radikalizzazzjoni", "mt_school"),  # the text has "tar-radikalizzazzjoni"
    case("prigunieri", "mt_prison"),  # without the dot of ġ
    case("voluntiera -Paola", "mt_school", "mt_prison"),
    case('"midja socjali"', "mt_school"),
    case("xogħol għal ex-priġunieri", "mt_prison"),  # "għal" a function word
    # across: an English word does not bring in the new languages' practices, nor the reverse
    case("volunteers schools", "en_control", "pl_school cs_school sk_school"),
    # a second batch, written after the first run's fixes, at their edges: "or" in each language
    # (as in the 22nd sweep's), a function word alone or excluded, words as written
    case("szkołach lub mieszkania", "pl_school pl_prison"),
    case("školách nebo bydlení", "cs_school cs_prison"),
    case("školách alebo zamestnávateľom", "sk_school sk_prison"),
    case("školama ili posla", "hr_school hr_prison"),
    case("училищата или жилище", "bg_school bg_prison"),
    case("mokyklose arba būstą", "lt_school lt_prison"),
    case("skolās vai mājokli", "lv_school lv_prison", gap=LATVIAN_OR),
    case("koolides või elukohta", "et_school et_prison"),
    case("scoileanna nó lóistín", "ga_school ga_prison"),
    case("dla", how="any"),  # a function word alone: answered
    case("wolontariusze -na", "pl_school pl_prison"),  # a function word excluded leaves nothing out
    case("więźniów", "pl_prison"),  # as written, every engine
    case("dobrovolníci -Brno", "cs_school", "cs_prison"),  # the text has "v Brně"
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
    yield from own_elasticsearch_index(request, corpus["documents"], "sweep23")


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
    response = client.get(URL, {"q": query, **filters})
    assert response.status_code == 200, (query, response.status_code)
    assert client.get(reverse("api:practice-list"), {"q": query, **filters}).status_code == 200, query
    page = response.content.decode()
    for key in finds:
        assert escape(CORPUS[key][1]) in page, (query, key)


LANGUAGES = sorted({language for language, _title, _description in CORPUS.values()} - {"en"})


@pytest.mark.parametrize("sweep_engine", ["database", "elasticsearch"])
@pytest.mark.parametrize("language", LANGUAGES)
def test_the_language_filter_keeps_its_practices_only(searching, corpus, language):
    results = get_search_backend().search(
        PRACTICES, SearchQuery(text="", filters={"language": [language]}, per_page=60)
    )
    keys = {practice.pk: key for key, practice in corpus["practices"].items()}
    assert sorted(keys[hit.id] for hit in results.hits) == [f"{language}_prison", f"{language}_school"]
    assert results.facets["language"], results.facets


def test_or_in_the_added_languages_and_the_words_left_as_typed():
    """ "lub", "или", "või"... between two words is OR; Latvian "vai" (Portuguese "goes"), Slovenian
    "ali" (a name) and Maltese "jew" (an English word) are never OR."""
    from search.query import parse

    assert [len(clause.terms) for clause in parse("szkoły lub więzienia").clauses] == [2]
    assert [len(clause.terms) for clause in parse("училища или затвори").clauses] == [2]
    for text in ("quem vai ajudar as famílias", "šola ali zapor", "Muslim jew dialogue"):
        assert all(len(clause.terms) == 1 for clause in parse(text).clauses), text
