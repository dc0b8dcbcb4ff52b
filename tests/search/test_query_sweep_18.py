"""An unseen sweep of what practitioners type in the search box (docs/SEARCH.md, "Languages: what
is found", "Query language"): misspellings and missing accents, inflections, quoted phrases,
abbreviations, queries in one language for a practice in another, a letter or a stop word alone,
a pasted paragraph, the operators and punctuation people type (+, *, AND, NOT, parentheses,
colons, emoji), characters pasted from documents, and words with a facet ticked.

The corpus is the language sweep's, plus a few practices of its own, made once per module; every
case runs on the database engine (SQLite or PostgreSQL, by the test database) and on
Elasticsearch when it answers (an index of this module's own on the shared node). Each case is a
query, the practices it must find and those it must not, and how they may be found: ``match``
(every word, as typed), ``respelled`` (the engine's respelling, said on the page) or ``some``
(the practices matching most words: the answer for a pasted paragraph). Known gaps are strict
xfails, per engine."""

from collections.abc import Iterator

import pytest
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from practices.indexing import COLLECTION as PRACTICES
from practices.models import Practice
from search.backends import get_search_backend, reset_engines
from search.backends.base import SearchQuery
from search.backends.database import DatabaseSearchBackend
from search.forms import MAX_QUERY_LENGTH
from tests.conftest import _organisation, require_service
from tests.search.builders import document, refresh
from tests.search.conftest_es import es_prefix, es_url, make_backend, shared_node_url  # noqa: F401 (fixtures)
from tests.search.test_language_sweep import CORPUS as SWEEP_CORPUS

pytestmark = pytest.mark.usefixtures("db")

URL = reverse("search:search")
ENGINES = ("database", "elasticsearch")

# key: (language code, title, description)
CORPUS: dict[str, tuple[str, str, str]] = {
    **SWEEP_CORPUS,
    "en_ngo": (
        "en",
        "NGO partners in the city",
        "Three NGOs and the RAN's working group on youth run the programme together.",
    ),
    "en_disengage": (
        "en",
        "Disengagement support for former extremists",
        "Caseworkers help people walk away from violent groups and rebuild their lives.",
    ),
    # added for the 20th sweep (test_query_sweep_20.py): compounds, ages, hyphens, other scripts
    "de_ausstieg": (
        "de",
        "Ausstiegsprogramm für Rechtsextreme",
        "Das Programm begleitet Aussteiger aus dem Rechts- und Linksextremismus, ab 16 Jahren.",
    ),
    "nl_traject": (
        "nl",
        "Deradicaliseringstraject voor jongeren",
        "Een traject van zes maanden voor 16-jarigen, met ex-gedetineerden als coach.",
    ),
    "en_offenders": (
        "en",
        "Resettlement of ex-offenders",
        "A resettlement programme pairs ex-offenders with volunteers; open to 16-year-olds and adults.",
    ),
    "bg_rad": (
        "bg",
        "Превенция на радикализацията",
        "Социални работници в София работят с младежи.",
    ),
    "ar_rad": (
        "ar",
        "الوقاية من التطرف العنيف",
        "برنامج للشباب في المدارس",
    ),
}

PARAGRAPH = (
    "We are looking for examples where probation officers mentor radicalised prisoners, ideally"
    " with a multi-agency panel that meets every month, and any evaluation of how well it works"
)


@pytest.fixture(scope="module")
def corpus(django_db_setup, django_db_blocker) -> Iterator[dict]:
    """Made and indexed in the database engine once for the module, inside a transaction rolled
    back when the module ends (each test runs in a savepoint of it); read only."""
    with django_db_blocker.unblock(), transaction.atomic():
        organisation = _organisation("Municipality of Ravnstad", "municipality", "NO")
        now = timezone.now()
        made = Practice.objects.bulk_create(
            Practice(
                title=title,
                description=description,
                organisation=organisation,
                language=language,
                country=organisation.country,
                status=Practice.Status.PUBLISHED,
                published_at=now,
                visibility="public",
            )
            for language, title, description in CORPUS.values()
        )
        documents = [document(practice) for practice in made]
        DatabaseSearchBackend().index(PRACTICES, documents)
        yield {"practices": dict(zip(CORPUS, made, strict=True)), "documents": documents}
        transaction.set_rollback(True)


@pytest.fixture(scope="module")
def search_engine(request, corpus, django_db_blocker):
    """The engine's settings (``SEARCH_BACKENDS``), the corpus indexed in it."""
    if request.param == "database":
        return {"database": {"ENGINE": "search.backends.database.DatabaseSearchBackend"}}
    url = shared_node_url()
    from tests.search.conftest_es import http_json

    health = http_json(f"{url}/_cluster/health", timeout=5)
    require_service(bool(health and health.get("status") in ("green", "yellow")), f"Elasticsearch is not at {url}")
    prefix = request.getfixturevalue("es_prefix")
    backend = make_backend(url, f"{prefix}-sweep18", REPLICAS=0)
    backend.index(PRACTICES, corpus["documents"])
    refresh(backend)
    request.addfinalizer(backend.drop)
    return {"elasticsearch": {"ENGINE": "search.backends.elasticsearch.ElasticsearchSearchBackend", **backend.options}}


@pytest.fixture
def searching(search_engine, settings):
    settings.SEARCH_BACKENDS = search_engine
    settings.SEARCH_BACKEND = next(iter(search_engine))
    settings.PAGE_CACHE_SECONDS = 0
    reset_engines()
    yield
    reset_engines()


def case(query: str, finds: str = "", not_finds: str = "", *, how="match", filters=None, gap="", gap_on=()):
    """A row: the query, the keys it must find and those it must not (space-separated), how they
    may be found (``match``, ``respelled``, ``some``), facet filters. ``gap``: a known limit on the
    engines of ``gap_on`` (every engine when empty), a strict xfail."""
    return (query, set(finds.split()), set(not_finds.split()), how, filters or {}, gap, tuple(gap_on) or ENGINES)


CASES = [
    # misspellings and missing accents
    case("radicalisaton", "fr_rad", how="respelled"),
    case("Ausstiegsberatnug", "de_exit", how="respelled"),
    case("mentorng prisons", "en_uk", how="respelled"),
    case("prevencion radicalizacion juvenil", "es_rad"),
    case("ehkaisy", "fi_rad"),
    case("Kobenhavn", "da_rad"),
    case("valdsbejakande extremism", "sv_arbete"),
    # plurals and other inflections
    case("prisoner", "en_uk"),
    case("Gefangener", "de_justiz"),
    case("educador", "es_rad"),
    case("operatore penitenziario", "it_rad"),
    case("fritidsledaren", "sv_arbete"),
    case("mentorerne", "da_rad"),
    case("NGOs", "en_ngo"),
    # quoted phrases
    case('"multi-agency panel"', "en_uk"),
    case('"jeunes radicalisés"', "fr_rad"),
    case('"radicalisés jeunes"', "", "fr_rad"),
    case('"youth worker"', "en_us"),
    # abbreviations
    case("ngo", "en_ngo"),
    case("RAN's", "en_acronyms en_ngo"),
    case("p/cve", "en_acronyms"),
    # synonyms within a language; a query in one language for a practice in another
    case("disengagement", "en_disengage"),
    case(
        "deradicalisation",
        "en_disengage",
        gap="no synonyms in lexical search: hybrid search finds a practice by meaning",
    ),
    case(
        "youth radicalisation",
        "fr_rad",
        gap="lexical search does not translate: 'youth' is not in the French text (hybrid finds it)",
    ),
    case("Radikalisierung Schule", "de_compound"),
    # a letter, a stop word, a pasted paragraph
    case("a", how="any"),
    case("x", how="any"),
    case("the", how="any"),
    case("de la", how="any"),
    case(PARAGRAPH, "en_uk", how="some"),
    # operators and punctuation people type
    case("+prisons +mentor", "en_uk"),
    case("mentor*", "en_uk"),
    case("(mentor OR Ausstieg) -prisons", "de_exit", "en_uk"),
    case("mentor AND prisons", "en_uk"),
    case("mentor NOT prisons", "da_rad", "en_uk"),
    case("prisons: mentoring", "en_uk"),
    case("title:mentoring", "en_uk"),
    case('title:"multi-agency panel"', "en_uk"),
    case("-title:prisons mentor", "da_rad", "en_uk"),
    case('mentor NOT "probation officers"', "da_rad", "en_uk"),
    case("RAN:n", "en_acronyms en_ngo"),  # Finnish: the genitive ending of an acronym
    case("10:30", how="any"),
    case("mentor^2 prison~", "en_uk"),  # Lucene's boost and fuzziness
    case("NEAR(mentor prisons)", how="any"),  # FTS5's syntax
    case("mentor & prisons | !exit <-> x", how="any"),  # tsquery's operators
    case("{title}: mentor", how="any"),
    case("' OR 1=1 --", how="any"),
    case("/radical.*/ \\", how="any"),
    case("mentoring 🙂", "en_uk"),
    case("🙂", how="any"),
    case("-", how="any"),
    case("*", how="any"),
    case('"', how="any"),
    case("OR", how="any"),
    case("AND", how="any"),
    case("NOT", how="any"),
    case("()", how="any"),
    case("-mentoring", "fr_rad", "en_uk", how="any"),
    # characters pasted from documents and typed on other keyboards
    case("radicali\u00adsation", "en_uk fr_rad"),  # a soft hyphen
    case("soutien\u00a0parentalité", "en_french_words"),  # a no-break space
    case("ＲＡＮ", "en_acronyms"),  # full-width letters
    case("İSLAMISMUS", "de_compound"),  # a Turkish capital I with a dot
    # a second batch, written after the first run's fixes
    case("Praevention", "de_compound"),
    case("C.V.E.", "en_acronyms"),
    case("¿radicalización?", "es_rad"),
    case("#radicalisation", "fr_rad"),
    case("2019-2020", how="any"),
    case("radicalisation,prisons", "en_uk"),
    case("radicalisation/prisons", "en_uk"),
    case("«jeunes radicalisés»", "fr_rad"),
    case("„Ausstiegsberatung“", "de_exit"),
    case("“multi-agency panel”", "en_uk"),
    case("Deradicalisation's", "en_uk"),
    case("MENTORING IN PRISONS", "en_uk"),
    case("de-radicalisation", "en_uk"),
    case("les éducateurs", "fr_rad"),
    # inclusive forms: the text writes the masculine (not "in", which "innen" stems as in Danish)
    case("Sozialarbeiter:innen", "de_justiz", "en_uk"),
    case("sozialarbeiter:innen", "de_justiz", "en_uk"),
    case("Sozialarbeiter*innen", "de_justiz", "en_uk"),
    case("SozialarbeiterInnen", "de_justiz", "en_uk"),
    case("éducateur·rice·s", "fr_rad"),
    case("éducateur.rice.s", "fr_rad"),
    case("radicalisé·es", "fr_rad"),
    # words with a facet ticked
    case("radicalisation", "fr_rad", "en_uk en_us", filters={"language": ["fr"]}),
    case("Jugendliche", "de_exit de_strasse de_hyphens", "nl_jong", filters={"language": ["de"]}),
    case("Jugendliche", "", "de_exit de_strasse de_hyphens", filters={"language": ["nl"]}),
    case("radicalisation", "", "fr_rad en_uk", filters={"language": ["xx"]}, how="any"),
    case("", "fr_rad fr_deseng", "en_uk", filters={"language": ["fr"]}, how="any"),
    case("jeunes", "fr_rad mixed", "es_rad", filters={"language": ["fr", "en"]}),
    case("radicalisation", "", "fr_rad", filters={"language": ["<script>alert(1)</script>"]}, how="any"),
    case("radicalisation", "", "fr_rad", filters={"theme": ["x" * 300], "country": ["NO"]}, how="any"),
    case("mentor", "da_rad", "en_uk", filters={"language": ["da"], "country": ["NO"]}),
]


def sweep_params(cases, *, page: bool = False):
    """Every case on every engine; on the page (``page``), a known gap's case only asks for an answer.
    The later sweeps (test_query_sweep_19.py) run their own cases through the same checks."""
    for engine in ENGINES:
        for query, finds, not_finds, how, filters, gap, gap_on in cases:
            known = bool(gap) and engine in gap_on
            if page and known:
                finds = set()
            marks = [pytest.mark.xfail(strict=True, reason=gap)] if known and not page else []
            label = f"{engine}-{query[:40]!r}" + (f"-{filters}" if filters else "")
            yield pytest.param(engine, query, finds, not_finds, how, filters, marks=marks, id=label)


def check_engine(corpus, query, finds, not_finds, how, filters) -> None:
    """What the engine finds for ``query``: ``how`` it answers, ``finds`` among the hits, no ``not_finds``."""
    results = get_search_backend().search(PRACTICES, SearchQuery(text=query, filters=filters, per_page=60))
    keys = {practice.pk: key for key, practice in corpus["practices"].items()}
    found = [keys[hit.id] for hit in results.hits]
    if how == "match":
        assert not results.partial and results.suggestion is None, (query, found, results.suggestion)
    elif how == "respelled":
        assert results.suggestion is not None or not results.partial, (query, found)
    elif how == "some":
        assert found[:1] == sorted(finds), f"{query!r}: first {found[:3]}"
    assert finds <= set(found), f"{query!r} missed {sorted(finds - set(found))}; found {sorted(found)}"
    assert not (not_finds & set(found)), f"{query!r} found {sorted(not_finds & set(found))}"


def check_page(client, query, finds, how, filters) -> None:
    """The search page and the API answer ``query`` (the API refuses what its documented limits
    refuse), and the page shows the titles of ``finds``."""
    response = client.get(URL, {"q": query, **filters})
    assert response.status_code == 200, (query, response.status_code)
    api = client.get(reverse("api:practice-list"), {"q": query, **filters})
    refused = len(query) > MAX_QUERY_LENGTH or any(len(code) > 100 for codes in filters.values() for code in codes)
    assert api.status_code == (400 if refused else 200), (query, api.status_code)
    page = response.content.decode()
    if how == "any":
        return
    for key in finds:  # the page shows 20 hits: the cases' few practices are among them
        assert escape(CORPUS[key][1]) in page, (query, key)


@pytest.mark.parametrize(
    ("search_engine", "query", "finds", "not_finds", "how", "filters"),
    list(sweep_params(CASES)),
    indirect=["search_engine"],
)
def test_a_practitioner_finds_what_they_typed(searching, corpus, query, finds, not_finds, how, filters):
    check_engine(corpus, query, finds, not_finds, how, filters)


@pytest.mark.parametrize(
    ("search_engine", "query", "finds", "not_finds", "how", "filters"),
    list(sweep_params(CASES, page=True)),
    indirect=["search_engine"],
)
def test_the_page_and_the_api_answer_whatever_is_typed(
    searching, corpus, client, query, finds, not_finds, how, filters
):
    check_page(client, query, finds, how, filters)
