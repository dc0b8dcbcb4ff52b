"""The query sweeps' shared corpus and checks (test_query_sweep_18.py, _19.py, _20.py, _22.py and
test_language_sweep_elasticsearch.py): the union of the practices they need, made once per test
session, and each sweep's rows run through the same checks on every engine.

What costs is made once per session (tests/search/conftest.py): the practices' search documents
(compound splitting, language folding) and the Elasticsearch index, on the shared node. Each
module then writes the same rows (fixed primary keys, so the session's documents and Elasticsearch
index name them) and the database engine's index inside a transaction rolled back when the module
ends (each test runs in a savepoint of it): the corpus is never seen by another module's tests.

A test takes the engine by name (``sweep_engine``: a plain parameter, so pytest does not set up a
module's engine again for every test, as an indirect parameter of function scope made it do)."""

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import pytest
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from portal.models import Organisation, OrganisationType
from practices.indexing import COLLECTION as PRACTICES
from practices.models import Practice
from search.backends import get_search_backend, reset_engines
from search.backends.base import SearchQuery
from search.backends.database import DatabaseSearchBackend
from search.forms import MAX_QUERY_LENGTH
from tests.search.builders import document, refresh
from tests.search.test_language_sweep import CORPUS as SWEEP_CORPUS

URL = reverse("search:search")
ENGINES = ("database", "elasticsearch")
# far above what the other tests' rows reach: the sweep's rows keep the same keys in every module
FIRST_PK = 9_000_001

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
    # added for the 22nd sweep (test_query_sweep_22.py): Portuguese (Brazilian and European),
    # Greek, Hungarian and Romanian, the last one of them written with the cedilla forms ş and ţ
    # (an older text pasted in), the others with the comma forms ș and ț
    "pt_br": (
        "pt",
        "Ação comunitária contra a polarização nas periferias de São Paulo",
        "Educadores sociais e a equipe do centro acompanham adolescentes e suas famílias;"
        " rodas de conversa sobre discurso de ódio nas redes.",
    ),
    "pt_pt": (
        "pt",
        "Reinserção social de reclusos após a libertação",
        "Em Lisboa, técnicos de reinserção e voluntários acompanham os reclusos; o projeto inclui"
        " mentoria, formação profissional e intervenções com as famílias nas prisões.",
    ),
    "el_prison": (
        "el",
        "Αποριζοσπαστικοποίηση στις φυλακές",
        "Ψυχολόγοι και κοινωνικοί λειτουργοί συνοδεύουν κρατούμενους στην Πάτρα μετά την αποφυλάκιση.",
    ),
    "el_school": (
        "el",
        "Σχολεία ενάντια στον βίαιο εξτρεμισμό",
        "Οι καθηγητές στην Αθήνα μαθαίνουν να αναγνωρίζουν τα σημάδια της ριζοσπαστικοποίησης στους μαθητές.",
    ),
    "hu_school": (
        "hu",
        "Radikalizálódásmegelőzés a debreceni iskolákban",
        "Iskolai szociális munkások foglalkoznak a fiatalokkal és a szülőkkel; a program Budapesten is működik.",
    ),
    "hu_prison": (
        "hu",
        "Börtönből szabadult fiatalok mentorálása",
        "Önkéntes mentorok segítenek a szabadulóknak a munkakeresésben és a családi kapcsolatok helyreállításában.",
    ),
    "ro_school": (
        "ro",
        "Prevenirea radicalizării tinerilor în școli",
        "Consilierii școlari din Timișoara lucrează cu părinții și cu asistenții sociali.",
    ),
    "ro_prison": (
        "ro",
        "Reintegrarea deținuților după eliberare",
        "Asociația însoțește foștii deținuți din penitenciarul de la Cluj-Napoca la primărie și la angajatori.",
    ),
    "ro_cedilla": (
        "ro",
        "Educaţie civică împotriva extremismului",
        "Profesorii din Iaşi discută cu elevii despre ştiri false şi propagandă pe reţelele sociale.",
    ),
}


@dataclass(frozen=True)
class SweepCorpus:
    """The corpus as made once per session: the rows' fields (with their keys) and their documents."""

    organisation: dict
    practices: dict[str, dict]
    documents: list[dict]

    def write(self) -> dict[str, Practice]:
        """The rows, as they were when the documents were made."""
        Organisation.objects.create(**self.organisation)
        made = Practice.objects.bulk_create(Practice(**fields) for fields in self.practices.values())
        return dict(zip(self.practices, made, strict=True))


def corpus_rows(corpus: dict[str, tuple[str, str, str]], first_pk: int) -> SweepCorpus:
    """The rows of ``corpus`` (key: language, title, description): one verified organisation and
    its published public practices, with fixed primary keys from ``first_pk``; no documents yet."""
    organisation = {
        "pk": first_pk,
        "name": "Municipality of Ravnstad",
        "type": OrganisationType.objects.get(code="municipality"),
        "country": "NO",
        "verified": True,
    }
    now = timezone.now()
    practices = {
        key: {
            "pk": first_pk + number,
            "title": title,
            "description": description,
            "organisation_id": first_pk,
            "language": language,
            "country": "NO",
            "status": Practice.Status.PUBLISHED,
            "published_at": now,
            "visibility": "public",
        }
        for number, (key, (language, title, description)) in enumerate(corpus.items())
    }
    return SweepCorpus(organisation, practices, [])


def make_sweep_corpus() -> SweepCorpus:
    """The rows and their documents (call in a transaction the caller rolls back)."""
    corpus = corpus_rows(CORPUS, FIRST_PK)
    corpus.documents.extend(document(practice) for practice in corpus.write().values())
    return corpus


@contextmanager
def own_corpus(corpus: dict[str, tuple[str, str, str]], first_pk: int) -> Iterator[dict]:
    """A sweep's own corpus (test_query_sweep_23.py, _24.py), written with its documents and in the
    database engine's index, inside a transaction rolled back when the context ends."""
    with transaction.atomic():
        rows = corpus_rows(corpus, first_pk)
        practices = rows.write()
        rows.documents.extend(document(practice) for practice in practices.values())
        DatabaseSearchBackend().index(PRACTICES, rows.documents)
        yield {"practices": practices, "documents": rows.documents}
        transaction.set_rollback(True)


def own_elasticsearch_index(request, documents: list[dict], name: str) -> Iterator[dict]:
    """``documents`` in an index of their own (``name``) on the shared node, dropped after: the
    options a ``sweep_elasticsearch`` fixture yields to ``searching``."""
    from tests.search.conftest_es import make_backend

    backend = make_backend(
        request.getfixturevalue("es_url"), f"{request.getfixturevalue('es_prefix')}-{name}", REPLICAS=0
    )
    backend.index(PRACTICES, documents)
    refresh(backend)
    yield backend.options
    backend.drop()


@pytest.fixture(scope="module")
def corpus(django_db_setup, django_db_blocker, sweep_corpus) -> Iterator[dict]:
    """The session's corpus written for this module, in the database engine's index too, inside
    a transaction rolled back when the module ends; read only."""
    with django_db_blocker.unblock(), transaction.atomic():
        practices = sweep_corpus.write()
        DatabaseSearchBackend().index(PRACTICES, sweep_corpus.documents)
        yield {"practices": practices, "documents": sweep_corpus.documents}
        transaction.set_rollback(True)


@pytest.fixture
def searching(request, sweep_engine, corpus, settings):
    """The engine named ``sweep_engine`` answers, the corpus in it."""
    if sweep_engine == "database":
        engines = {"database": {"ENGINE": "search.backends.database.DatabaseSearchBackend"}}
    else:
        options = request.getfixturevalue("sweep_elasticsearch")
        engines = {"elasticsearch": {"ENGINE": "search.backends.elasticsearch.ElasticsearchSearchBackend", **options}}
    settings.SEARCH_BACKENDS = engines
    settings.SEARCH_BACKEND = sweep_engine
    settings.PAGE_CACHE_SECONDS = 0
    reset_engines()
    yield
    reset_engines()


def case(query: str, finds: str = "", not_finds: str = "", *, how="match", filters=None, gap="", gap_on=()):
    """A row: the query, the keys it must find and those it must not (space-separated), how they
    may be found (``match``, ``respelled``, ``some``), facet filters. ``gap``: a known limit on the
    engines of ``gap_on`` (every engine when empty), a strict xfail."""
    return (query, set(finds.split()), set(not_finds.split()), how, filters or {}, gap, tuple(gap_on) or ENGINES)


def sweep_params(cases, *, page: bool = False):
    """Every case on every engine; on the page (``page``), a known gap's case only asks for an answer."""
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


def check_order(corpus, query, filters, first: list[str]) -> None:
    """The engine's first hits for ``query`` are ``first``, in that order."""
    results = get_search_backend().search(PRACTICES, SearchQuery(text=query, filters=filters, per_page=60))
    keys = {practice.pk: key for key, practice in corpus["practices"].items()}
    found = [keys[hit.id] for hit in results.hits]
    assert found[: len(first)] == first, (query, found)


def check_page(client, query, finds, how, filters, texts: dict[str, tuple[str, str, str]] = CORPUS) -> None:
    """The search page and the API answer ``query`` (the API refuses what its documented limits
    refuse), and the page shows the titles of ``finds`` (keys of ``texts``: the shared corpus's or a
    sweep's own)."""
    response = client.get(URL, {"q": query, **filters})
    assert response.status_code == 200, (query, response.status_code)
    api = client.get(reverse("api:practice-list"), {"q": query, **filters})
    refused = len(query) > MAX_QUERY_LENGTH or any(len(code) > 100 for codes in filters.values() for code in codes)
    assert api.status_code == (400 if refused else 200), (query, api.status_code)
    page = response.content.decode()
    if how == "any":
        return
    for key in finds:  # the page shows 20 hits: the cases' few practices are among them
        assert escape(texts[key][1]) in page, (query, key)
