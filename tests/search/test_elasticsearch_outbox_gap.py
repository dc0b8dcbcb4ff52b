"""Elasticsearch between a change and the outbox worker, read from the outsider's side.

A practice withdrawn or narrowed, a post removed, a closed account's name rewritten in posts:
the database (and the ``database`` engine) is right at once, Elasticsearch once the outbox
worker has written it. In between every Elasticsearch read leaves out the documents with a
change the worker has not applied (search.outbox.pending), so no total, facet count, spelling
suggestion, completion or similar practice of an outsider (anonymous, another organisation's
practitioner, a former member of the network) counts what was taken from them; past a limit
(the worker down or failing) the ``database`` engine answers. Every test here runs with the
worker NOT run, unless it says so.

docs/SEARCH.md, "Between a change and the worker"; docs/ACCESS.md."""

from datetime import timedelta

import pytest
from django.db import connection, transaction
from django.test import Client
from django.utils import timezone

from network import services as network_services
from network.models import Network
from network.selectors.search import search_posts
from portal.access import reader_scope
from portal.services import user_close
from practices.indexing import COLLECTION as PRACTICES
from practices.indexing import practice_changed
from practices.services import practice_set_visibility, practice_withdraw_trusted
from search.backends import get_search_backend, reset_engines
from search.backends.base import SearchQuery
from search.backends.database import DatabaseSearchBackend
from search.backends.elasticsearch import ElasticsearchSearchBackend
from search.models import OutboxEntry
from search.worker import drain
from tests.conftest import PASSWORD
from tests.practices.factories import make_practice
from tests.search.conftest_es import es_backend, es_prefix, es_url  # noqa: F401 (fixtures)

pytestmark = pytest.mark.django_db

OPEN = "Qzopenword"  # a public practice of the contributor's organisation
MEMBERS = "Qzmemberword"  # a members-only practice of the contributor's organisation
KEPT = "Qzkeptword"  # a public practice of the other organisation, never changed
POST = "Qzpostword"


def _engines(settings, es, **options) -> None:
    """Elasticsearch answers, the ``database`` engine beside it as in production (the fallback)."""
    settings.SEARCH_BACKENDS = {
        "database": {"ENGINE": "search.backends.database.DatabaseSearchBackend"},
        "elasticsearch": {
            "ENGINE": "search.backends.elasticsearch.ElasticsearchSearchBackend",
            **es.options,
            **options,
        },
    }
    settings.SEARCH_BACKEND = "elasticsearch"
    reset_engines()


@pytest.fixture
def es(request, settings, contributor, outsider):
    from tests.search.conftest import _elasticsearch_engine

    backend = _elasticsearch_engine(request)
    _engines(settings, backend)
    practices = {
        "open": make_practice(author=contributor, title=f"{OPEN} mentoring", publish=True),
        "members": make_practice(
            author=contributor,
            title=f"{MEMBERS} mentoring",
            publish=True,
            visibility="members",
            themes=("exit-strategies",),
        ),
        "kept": make_practice(author=outsider, title=f"{KEPT} mentoring", publish=True),
    }
    drain(engines={"elasticsearch": backend})
    backend.practices = practices
    yield backend
    reset_engines()


def _waiting() -> int:
    return OutboxEntry.objects.filter(processed_at__isnull=True).count()


def _counted(results) -> tuple[int, dict[str, dict[str, int]]]:
    """A search's total and every facet's counts (codes counted zero left out)."""
    facets = {facet: {code: n for code, n in counts.items() if n} for facet, counts in results.facets.items()}
    return results.total, {facet: counts for facet, counts in facets.items() if counts}


def _search(backend, scope, text: str = "mentoring", **options):
    return backend.search(PRACTICES, SearchQuery(text=text, scope=scope, **options))


def _take(es, contributor, change: str) -> str:
    """Withdraw or narrow a practice (the worker not run); returns its marker word."""
    practices = es.practices
    if change == "withdraw":
        practice_withdraw_trusted(practice=practices["open"], reason="A name in the title.")
        return OPEN
    if change == "narrow public":
        practice_set_visibility(practice=practices["open"], actor=contributor, visibility="organisation")
        return OPEN
    practice_set_visibility(practice=practices["members"], actor=contributor, visibility="organisation")
    return MEMBERS


# (change, readers from whom it takes the practice)
CHANGES = [
    ("withdraw", ("anonymous", "outsider")),
    ("narrow public", ("anonymous", "outsider")),
    ("narrow members", ("outsider",)),
]
READERS = [(change, reader) for change, readers in CHANGES for reader in readers]


def _scope(reader: str, outsider):
    return reader_scope(None if reader == "anonymous" else outsider)


@pytest.mark.parametrize(("change", "reader"), READERS)
def test_totals_and_every_facet_count_leave_out_what_was_taken(es, contributor, outsider, change, reader):
    """Searched by a word and browsed without one, a practice taken from the reader is in no
    total and no facet count: Elasticsearch answers as the ``database`` engine does, always
    current (the oracle), and one practice fewer than before."""
    scope = _scope(reader, outsider)
    database = DatabaseSearchBackend()
    before = {text: _counted(_search(es, scope, text)) for text in ("mentoring", "")}
    _take(es, contributor, change)
    assert _waiting() > 0 and es.practices["open"].pk in es.document_ids(PRACTICES)  # the worker's step is needed
    for text in ("mentoring", ""):
        total, facets = _counted(_search(es, scope, text))
        assert (total, facets) == _counted(_search(database, scope, text)), text
        assert total == before[text][0] - 1, text
        assert sum(facets["theme"].values()) < sum(before[text][1]["theme"].values()), text
    filtered = _search(es, scope, "mentoring", filters={"theme": ["exit-strategies"]})
    assert _counted(filtered) == _counted(_search(database, scope, "mentoring", filters={"theme": ["exit-strategies"]}))


@pytest.mark.parametrize(("change", "reader"), READERS)
def test_no_spelling_suggestion_names_what_was_taken(es, contributor, outsider, change, reader):
    """A word of the taken practice misspelt: no suggestion offers it (one was offered before)."""
    scope = _scope(reader, outsider)
    marker = OPEN if change != "narrow members" else MEMBERS
    misspelt = marker[:-1] + "x"
    assert _search(es, scope, misspelt).suggestion == marker.lower()  # the test reads something
    _take(es, contributor, change)
    results = _search(es, scope, misspelt)
    assert (results.suggestion, results.total) == (None, 0)
    assert _search(es, scope, f"{misspelt} mentoring").suggestion is None


@pytest.mark.parametrize(("change", "reader"), READERS)
def test_no_completion_or_similar_practice_is_the_one_taken(es, contributor, outsider, change, reader):
    scope = _scope(reader, outsider)
    marker = OPEN if change != "narrow members" else MEMBERS
    taken = es.practices["open" if marker == OPEN else "members"]
    kept = es.practices["kept"].pk
    assert f"{marker} mentoring" in es.autocomplete(PRACTICES, marker[:5], scope=scope)
    assert taken.pk in {hit.id for hit in es.similar(PRACTICES, kept, scope=scope, limit=10)}
    _take(es, contributor, change)
    assert es.autocomplete(PRACTICES, marker[:5], scope=scope) == []
    assert taken.pk not in {hit.id for hit in es.similar(PRACTICES, kept, scope=scope, limit=10)}


@pytest.mark.parametrize("reader", ["anonymous", "outsider"])
def test_the_api_and_the_search_page_count_nothing_withdrawn(es, contributor, outsider, reader):
    client = Client()
    if reader == "outsider":
        client.force_login(outsider)
    before = client.get("/api/v1/practices/", {"q": "mentoring"}).json()
    _take(es, contributor, "withdraw")
    answer = client.get("/api/v1/practices/", {"q": "mentoring"}).json()
    themes = {entry["code"]: entry["count"] for entry in answer["facets"]["theme"]}
    themes_before = {entry["code"]: entry["count"] for entry in before["facets"]["theme"]}
    assert answer["count"] == before["count"] - 1
    assert themes["prison-probation"] == themes_before["prison-probation"] - 1
    misspelt = client.get("/api/v1/practices/", {"q": OPEN[:-1] + "x"}).json()
    assert (misspelt["count"], misspelt["suggestion"]) == (0, None)
    page = client.get("/search/", {"q": OPEN[:-1] + "x"}).content.decode()
    assert OPEN.lower() not in page.lower()
    assert client.get("/search/autocomplete/", {"q": OPEN[:5]}).content.decode().count(OPEN) == 0


def test_a_widened_practice_waits_for_the_worker_and_an_edited_one_comes_back_after_it(es, contributor):
    """A pending change that widens (members-only made public by an approved update) shows nothing to anonymous
    readers before the worker, neither hit nor count; the practice is withheld from those who
    read it already (a member) until the worker has run, then counted again for both."""
    anonymous, member = reader_scope(None), reader_scope(contributor)
    members = es.practices["members"]
    assert members.pk in {hit.id for hit in _search(es, member).hits}
    with transaction.atomic():  # as a moderator's approved update of the practice does
        members.visibility = "public"
        members.save(update_fields=["visibility"])
        practice_changed(members)
    assert members.pk not in {hit.id for hit in _search(es, anonymous).hits}
    assert _search(es, anonymous).total == 2  # the open and the kept practice
    drain(engines={"elasticsearch": es})
    assert members.pk in {hit.id for hit in _search(es, anonymous).hits}
    for scope in (anonymous, member):
        assert _counted(_search(es, scope)) == _counted(_search(DatabaseSearchBackend(), scope))


def test_a_practice_whose_own_edit_waits_still_lists_similar_practices(es, contributor):
    """Its page keeps the list for SIMILAR_PRACTICES_SECONDS: an edit must not empty it."""
    anonymous, practice = reader_scope(None), es.practices["open"]
    before = {hit.id for hit in es.similar(PRACTICES, practice.pk, scope=anonymous, limit=10)}
    assert es.practices["kept"].pk in before
    with transaction.atomic():  # as an approved update of the practice does
        practice.description += " With a new paragraph."
        practice.save(update_fields=["description"])
        practice_changed(practice)
    assert _waiting() > 0
    assert {hit.id for hit in es.similar(PRACTICES, practice.pk, scope=anonymous, limit=10)} == before


KEPT_CACHES = {
    alias: {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": f"outbox-gap-{alias}"}
    for alias in ("default", "pages", "reader-pages")
} | {"fragments": {"BACKEND": "portal.cache_layers.StringMemoryCache", "LOCATION": "outbox-gap-fragments"}}


def test_a_similar_list_lacking_a_practice_whose_edit_waits_is_shown_not_kept(es, settings, outsider):
    """Another practice's edit waits for the worker: a practice page read then lists its similar
    practices without it, and neither the list (kept an hour when whole) nor the page (kept for
    anonymous readers) is kept so: once the worker has written, the next reader sees it listed."""
    settings.CACHES, settings.PAGE_CACHE_SECONDS, settings.SCOPE_CACHE_SECONDS = KEPT_CACHES, 300, 300
    settings.SIMILAR_PRACTICES_SECONDS = 3600
    anonymous, practice, kept = reader_scope(None), es.practices["open"], es.practices["kept"]
    assert es.similar(PRACTICES, practice.pk, scope=anonymous, limit=10).degraded is False
    with transaction.atomic():  # its author edits it (an approved update): readable all along
        kept.description += " With a new paragraph."
        kept.save(update_fields=["description"])
        practice_changed(kept)
    waiting = es.similar(PRACTICES, practice.pk, scope=anonymous, limit=10)
    assert (kept.pk in {hit.id for hit in waiting}, waiting.degraded) == (False, True)
    reader = Client()
    assert KEPT not in reader.get(practice.get_absolute_url()).content.decode()
    drain(engines={"elasticsearch": es})
    assert KEPT in reader.get(practice.get_absolute_url()).content.decode()
    assert KEPT in Client().get(practice.get_absolute_url()).content.decode()


def test_a_similar_list_from_the_fallback_engine_is_degraded(es, settings):
    """Elasticsearch unreachable: the ``database`` engine's list is shown, marked degraded (not
    kept: the configured engine answers again as soon as it is back)."""
    _engines(settings, es, URL="http://127.0.0.1:9", SEARCH_TIMEOUT=1)
    listed = get_search_backend().similar(PRACTICES, es.practices["open"].pk, scope=reader_scope(None), limit=10)
    assert (es.practices["kept"].pk in {hit.id for hit in listed}, listed.degraded) == (True, True)


class RefusingOne(ElasticsearchSearchBackend):
    """The real node, sent one malformed document (a year that is not a number), which it refuses
    while it writes the others of the same bulk request."""

    bad: int = 0

    def index(self, collection, documents) -> None:
        super().index(collection, [{**d, "start_year": "not a year"} if d["id"] == self.bad else d for d in documents])


def test_a_document_the_engine_refuses_holds_back_its_own_row_alone(es, settings, contributor):
    """One document refused: the other rows of the batch are written and done; its row waits
    (``refused``, retried with the backoff), its document left out of reads, and Elasticsearch
    keeps answering the collection (not sent to the ``database`` engine as if the worker were behind)."""
    anonymous, practice, kept = reader_scope(None), es.practices["open"], es.practices["kept"]
    refusing = RefusingOne(es.options)
    refusing.bad = practice.pk
    with transaction.atomic():
        for each in (practice, kept):
            each.description += " Revised."
            each.save(update_fields=["description"])
            practice_changed(each)
    report = drain(engines={"elasticsearch": refusing})
    assert (report.processed, report.failed) == (1, 1)
    held = OutboxEntry.objects.get(processed_at__isnull=True)
    assert (held.document_id, held.refused, held.attempts) == (practice.pk, True, 1)
    assert "not a year" in held.last_error or "start_year" in held.last_error
    OutboxEntry.objects.filter(pk=held.pk).update(created_at=timezone.now() - timedelta(minutes=5))
    answer = get_search_backend().search(PRACTICES, SearchQuery(text="mentoring", scope=anonymous))
    assert (answer.engine, answer.degraded) == ("elasticsearch", False)
    assert {hit.id for hit in answer.hits} == {kept.pk}  # the refused one is left out, not shown stale
    OutboxEntry.objects.filter(pk=held.pk).update(next_attempt_at=timezone.now())
    assert drain(engines={"elasticsearch": es}).processed == 1  # the document mended: written, done
    assert not OutboxEntry.objects.filter(processed_at__isnull=True).exists()
    assert practice.pk in {hit.id for hit in _search(es, anonymous).hits}


def test_the_database_engine_answers_while_the_worker_is_too_far_behind(es, settings, contributor):
    """A change waiting longer than BEHIND_SECONDS, or more documents waiting than WITHHELD_LIMIT:
    Elasticsearch does not answer (SearchUnavailable), the ``database`` engine does, marked degraded."""
    anonymous = reader_scope(None)
    _take(es, contributor, "withdraw")
    assert get_search_backend().search(PRACTICES, SearchQuery(text="mentoring", scope=anonymous)).degraded is False
    OutboxEntry.objects.filter(processed_at__isnull=True).update(created_at=timezone.now() - timedelta(minutes=5))
    late = get_search_backend().search(PRACTICES, SearchQuery(text="mentoring", scope=anonymous))
    assert (late.degraded, late.engine, late.total) == (True, "database", 1)
    OutboxEntry.objects.filter(processed_at__isnull=True).update(created_at=timezone.now())
    _engines(settings, es, WITHHELD_LIMIT=0)
    many = get_search_backend().search(PRACTICES, SearchQuery(text="mentoring", scope=anonymous))
    assert (many.degraded, many.total) == (True, 1)
    assert get_search_backend().autocomplete(PRACTICES, OPEN[:5], scope=anonymous) == []


# --- network posts ----------------------------------------------------------------------------


@pytest.fixture
def posts_on_es(es, moderator, contributor, colleague, outsider):
    """A network of the contributor, a colleague and a member of another organisation (who
    leaves it), one thread naming the contributor, indexed by the worker."""
    network = network_services.network_create(
        actor=moderator, name="Exit work south", purpose="Cases.", policy=Network.Policy.INVITATION
    )
    for member in (contributor, colleague, outsider):
        network_services.network_member_add(network=network, user=member, actor=moderator)
    thread = network_services.thread_create(
        network=network, actor=colleague, title="Case review", body=f"{POST} notes on the mentoring plan."
    )
    named = network_services.post_create(thread=thread, actor=colleague, body="Ask @Kari Contributor about it.")
    drain(engines={"elasticsearch": es})
    return network, thread.posts.order_by("pk").first(), named


def test_a_removed_post_is_counted_by_no_member_and_a_former_member_finds_nothing(
    posts_on_es, colleague, outsider, moderator
):
    network, first, _named = posts_on_es
    assert search_posts(user=outsider, query=POST).total == 1
    network_services.network_member_remove(membership=network.memberships.get(user=outsider), actor=moderator, ban=True)
    network_services.post_delete(post=first, actor=colleague)
    assert _waiting() > 0
    for reader in (colleague, outsider):
        found = search_posts(user=reader, query=POST)
        assert (found.total, found.hits) == (0, []), reader
    assert search_posts(user=colleague, query="mentoring").total == 0


def test_a_closed_accounts_name_is_counted_in_no_post(posts_on_es, contributor, colleague):
    """Closing an account rewrites its @name in the posts as "Former member"; until the worker
    has run, Elasticsearch holds the old text: the post is not counted for the name."""
    assert search_posts(user=colleague, query="Kari Contributor").total == 1
    user_close(user=contributor, password=PASSWORD)
    assert _waiting() > 0
    found = search_posts(user=colleague, query="Kari Contributor")
    assert (found.total, found.hits) == (0, [])


# --- the database engine, without Elasticsearch ---------------------------------------------------


@pytest.mark.parametrize(("change", "reader"), READERS)
def test_the_database_engine_is_right_at_once(settings, contributor, outsider, change, reader):
    """The same changes on the ``database`` engine alone (SQLite or PostgreSQL): totals, facets
    and suggestion are right in the writing transaction."""
    assert connection.vendor in ("sqlite", "postgresql")
    settings.SEARCH_BACKENDS = {"database": {"ENGINE": "search.backends.database.DatabaseSearchBackend"}}
    settings.SEARCH_BACKEND = "database"
    reset_engines()
    practices = {
        "open": make_practice(author=contributor, title=f"{OPEN} mentoring", publish=True),
        "members": make_practice(author=contributor, title=f"{MEMBERS} mentoring", publish=True, visibility="members"),
        "kept": make_practice(author=outsider, title=f"{KEPT} mentoring", publish=True),
    }
    database = get_search_backend()
    holder = type("Holder", (), {"practices": practices})()
    scope = _scope(reader, outsider)
    before = _search(database, scope).total
    marker = _take(holder, contributor, change)
    results = _search(database, scope)
    assert results.total == before - 1
    assert practices["open" if marker == OPEN else "members"].pk not in {hit.id for hit in results.hits}
    assert _search(database, scope, marker[:-1] + "x").suggestion is None
    assert database.autocomplete(PRACTICES, marker[:5], scope=scope) == []
    reset_engines()
