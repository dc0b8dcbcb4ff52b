"""An outsider's sweep of what the portal keeps (session 21): whole pages for anonymous readers,
what pages show per reader scope, a reader's own pages, thread fragments, cooked readings,
similar practices and search cards, and the validators (ETag, 304) and headers that go with them.

Every test runs with the caches on (``override_settings``), once on each cache layout
production may use (settings.CACHES): each process's memory (``locmem``), and the shared
database tables with each process's memory in front (``database``: ``LocalFirstCache``).

1. A page or API answer kept for one reader is never served to another: a second reader's
   page read after the first reader filled every cache is the page they read with every cache
   empty (which private words, counts, facet counts, language), for readers in both orders
   across anonymous and signed-in, two organisations, a moderator and a practitioner, French
   and English; and at the moment of a change (a practice narrowed or withdrawn, a network
   member banned, an account closed) the outsider's next request holds nothing kept from before.
2. Validators: an ETag from one reader's page sent by another reader never yields 304 where
   their page differs; Vary and Cache-Control on kept pages, signed-in pages and token answers.
3. Side channels: a hidden thing answers as a missing one does, status, size and type alike,
   HTML and API; searching a hidden word answers as searching a word nowhere; spelling
   suggestions and autocomplete name nothing hidden.
4. The search index: a withdrawn or narrowed practice and a removed post leave it (the
   ``database`` engine in the writing transaction, Elasticsearch once the outbox worker ran).

The same structure as ``test_outsider_sweep.py``, whose helpers it reuses."""

import re
from dataclasses import dataclass

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import Client, override_settings
from django.urls import reverse

from network import services as network_services
from network.models import Network, NetworkMembership, Post, Thread
from portal.access import reader_scope
from portal.models import Organisation, User
from portal.services import user_close
from practices.models import KeyTheme, Practice
from practices.services import practice_set_visibility, practice_withdraw_trusted
from search import collections
from search.backends import get_search_backend, reset_engines
from search.backends.base import PostQuery, SearchQuery
from search.models import OutboxEntry
from search.worker import drain
from tests.conftest import PASSWORD, make_user
from tests.federation.conftest import fake_peer  # noqa: F401 (a fixture)
from tests.federation.fakes import send_through_client
from tests.practices.factories import make_practice
from tests.search.conftest_es import es_backend, es_prefix, es_url  # noqa: F401 (fixtures)
from tests.security.conftest import empty_caches as _empty_caches
from tests.security.test_outsider_sweep import _leaks, _text

pytestmark = pytest.mark.django_db

# Words only some readers may see (case-insensitive), each in one private thing's title and text.
OPEN = "Qvopenmark"  # a public practice: everyone
MEMBERS = "Qvmembersmark"  # verified members only
ORG_A = "Qvorgamark"  # the contributor's organisation only
ORG_B = "Qvwesternmark"  # the outsider's organisation only
QUEUE = "Qvqueuemark"  # submitted, waiting for a moderator
THREAD = "Qvthreadmark"  # a network's thread
POST = "Qvpostmark"  # its first post
CONTACT = "qvcontact.desk@ravnstad.example"  # the practices' contact: approved members of verified organisations
MARKERS = (OPEN, MEMBERS, ORG_A, ORG_B, QUEUE, THREAD, POST, CONTACT)

DATABASE_CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "portal_cache"},
    "pages-shared": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "portal_page_cache"},
    "pages": {"BACKEND": "portal.cache_layers.LocalFirstCache", "LOCATION": "pages-shared"},
    "fragments": {"BACKEND": "portal.cache_layers.StringMemoryCache", "LOCATION": "sweep21-fragments"},
    "reader-pages": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "sweep21-reader-pages"},
}
LOCMEM_CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "sweep21"},
    "pages": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "sweep21-pages"},
    "fragments": {"BACKEND": "portal.cache_layers.StringMemoryCache", "LOCATION": "sweep21-fragments"},
    "reader-pages": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "sweep21-reader-pages"},
}
CACHES_ON = {
    "PAGE_CACHE_SECONDS": 300,
    "SCOPE_CACHE_SECONDS": 300,
    "SIMILAR_PRACTICES_SECONDS": 3600,
}


@pytest.fixture(autouse=True)
def _no_share_delay(settings):
    """Practices are shared with peers as soon as they are published."""
    settings.FEDERATION_SHARE_DELAY = 0


@pytest.fixture(params=["locmem", "database"])
def caches_on(request, db):
    """Every cache on, as production runs them (settings.CACHES), on one layout or the other."""
    layout = DATABASE_CACHES if request.param == "database" else LOCMEM_CACHES
    with override_settings(CACHES=layout, **CACHES_ON):
        if request.param == "database":
            call_command("createcachetable", verbosity=0)
        _empty_caches()
        yield request.param
        _empty_caches()


@dataclass
class World:
    users: dict[str, User]
    practices: dict[str, Practice]
    network: Network
    thread: Thread
    post: Post


@pytest.fixture
def world(caches_on, contributor, colleague, outsider, moderator, applicant, other_organisation) -> World:
    def practice(author, marker, **attributes):
        return make_practice(
            author=author,
            title=f"{marker} mentoring",
            description=f"{marker} weekly mentoring to prevent violent extremism after release.",
            contact=f"Case desk, {CONTACT}",
            **attributes,
        )

    practices = {
        "open": practice(contributor, OPEN, publish=True),
        "members": practice(contributor, MEMBERS, publish=True, visibility="members"),
        "org_a": practice(contributor, ORG_A, publish=True, visibility="organisation"),
        "org_b": practice(outsider, ORG_B, publish=True, visibility="organisation"),
        "queue": practice(colleague, QUEUE),
    }
    Practice.objects.filter(pk=practices["queue"].pk).update(status=Practice.Status.SUBMITTED)
    banned = make_user("banned@westerland.example", other_organisation, display_name="Bert Banned")
    closing = make_user("closing@westerland.example", other_organisation, display_name="Carl Closing")
    network = network_services.network_create(
        actor=moderator, name="Exit work north", purpose="Cases.", policy=Network.Policy.INVITATION
    )
    for member in (contributor, banned, closing):
        network_services.network_member_add(network=network, user=member, actor=moderator)
    thread = network_services.thread_create(
        network=network, actor=contributor, title=f"{THREAD} case", body=f"{POST} notes about K. on mentoring."
    )
    drain()
    users = {
        "contributor": contributor,
        "colleague": colleague,
        "outsider": outsider,
        "moderator": moderator,
        "applicant": applicant,
        "banned": banned,
        "closing": closing,
    }
    return World(users, practices, network, thread, thread.posts.get())


def _client(world: World, actor: str, language: str = "en") -> Client:
    """``actor`` (a user's key or "anonymous"), reading in ``language``."""
    client = Client(HTTP_ACCEPT_LANGUAGE=language)
    if actor != "anonymous":
        client.force_login(world.users[actor])
    return client


def _urls(world: World) -> list[str]:
    """Every page and answer the caches keep something of, with the private things' ids."""
    p, thread, network = world.practices, world.thread, world.network
    urls = ["/", "/search/", "/search/?q=mentoring", "/search/?q=mentoring&theme=exit-strategies&sort=date"]
    for key in ("open", "members", "org_a", "org_b"):
        pk = p[key].pk
        urls += [
            f"/practices/{pk}/",
            f"/practices/{pk}/?back=q%3Dmentoring",
            f"/practices/{pk}/template.md",
            f"/practices/{pk}/template.docx",
            f"/api/v1/practices/{pk}/",
            f"/api/v1/practices/{pk}/template.md",
        ]
    urls += [
        "/api/v1/practices/",
        "/api/v1/practices/?q=mentoring",
        "/api/v1/practices/?q=mentoring&theme=exit-strategies",
        "/search/autocomplete/?q=Qvo",
        "/practices/export/templates.zip?q=mentoring&format=md",
        reverse("moderation:queue"),
        reverse("moderation:review", args=[p["queue"].pk]),
        reverse("network:thread", args=[thread.pk]),
        reverse("network:detail", args=[network.pk]),
        "/networks/search/?q=mentoring",
        f"/api/v1/threads/{thread.pk}/posts/",
        "/api/v1/posts/search/?q=mentoring",
    ]
    return urls


def _french_label() -> str:
    return KeyTheme.objects.get(code="exit-strategies").label_fr


def _fingerprint(response) -> tuple:
    """What a reader learns from an answer that a kept copy could get wrong: the status, which
    private words it holds, its counts and facet counts, its language."""
    text = _text(response)
    markers = tuple(word for word in MARKERS if word.lower() in text.lower())
    counts = tuple(re.findall(r'<span class="count">\((\d+)\)</span>', text))
    total = tuple(re.findall(r'"count":\s*(\d+)', text))
    language = tuple(re.findall(r'<html lang="([a-z-]+)"', text))
    return (response.status_code, markers, counts, total, language, _french_label() in text)


def _read_all(client: Client, urls: list[str]) -> dict[str, tuple]:
    return {url: _fingerprint(client.get(url)) for url in urls}


# (first reader, their language), (second reader, theirs): the first fills every cache.
PAIRS = [
    (("anonymous", "en"), ("contributor", "en")),
    (("contributor", "en"), ("anonymous", "en")),
    (("contributor", "en"), ("outsider", "en")),
    (("outsider", "en"), ("contributor", "en")),
    (("contributor", "en"), ("applicant", "en")),
    (("moderator", "en"), ("contributor", "en")),
    (("moderator", "en"), ("anonymous", "en")),
    (("contributor", "en"), ("banned", "en")),  # another organisation's member of the same network
    (("anonymous", "fr"), ("anonymous", "en")),
    (("contributor", "fr"), ("contributor", "en")),
    (("outsider", "en"), ("outsider", "fr")),
]


@pytest.mark.parametrize(("first", "second"), PAIRS, ids=lambda pair: "-".join(pair))
def test_a_page_kept_for_one_reader_is_never_served_to_another(world, first, second):
    urls = _urls(world)
    cold = _read_all(_client(world, *second), urls)  # every cache empty: what the second reader must get
    _empty_caches()
    theirs = _read_all(_client(world, *first), urls)
    warm = _read_all(_client(world, *second), urls)  # after the first reader filled every cache
    problems = [f"{url}: {warm[url]} (with nothing kept: {cold[url]})" for url in urls if warm[url] != cold[url]]
    assert problems == [], "\n".join(problems)
    assert any(theirs[url] != cold[url] for url in urls), "the two readers read the same: the pair tests nothing"


def test_the_pairs_see_what_the_sweep_looks_for(world):
    """The fingerprints tell the readers apart where they may read different things."""
    urls = _urls(world)
    seen = {actor: _read_all(_client(world, actor), urls) for actor in ("anonymous", "contributor", "outsider")}
    search = "/search/?q=mentoring"
    assert seen["anonymous"][search][1] == (OPEN,)
    assert set(seen["contributor"][search][1]) == {OPEN, MEMBERS, ORG_A}
    assert set(seen["outsider"][search][1]) == {OPEN, MEMBERS, ORG_B}
    assert seen["contributor"][search][2] != seen["anonymous"][search][2]  # facet counts differ
    thread = reverse("network:thread", args=[world.thread.pk])
    assert THREAD in seen["contributor"][thread][1] and seen["outsider"][thread][0] == 404
    french = _read_all(_client(world, "anonymous", "fr"), ["/search/?q=mentoring", "/api/v1/practices/"])
    assert french["/search/?q=mentoring"][4:] == (("fr",), True)
    assert french["/api/v1/practices/"][5] is True
    queue = reverse("moderation:queue")
    assert QUEUE in _read_all(_client(world, "moderator"), [queue])[queue][1]


# --- the moment of change ------------------------------------------------------------------------


def _outbox_waiting() -> int:
    return OutboxEntry.objects.filter(processed_at__isnull=True).count()


def _practice_urls(world: World, key: str) -> list[str]:
    pk, open_pk = world.practices[key].pk, world.practices["open"].pk
    return [
        "/",
        "/search/?q=mentoring",
        f"/search/?q={MEMBERS}",
        "/search/?q=mentoring&theme=exit-strategies",
        f"/practices/{pk}/",
        f"/practices/{pk}/template.md",
        f"/practices/{pk}/template.docx",
        f"/practices/{open_pk}/",  # its similar practices
        f"/api/v1/practices/{pk}/",
        f"/api/v1/practices/{pk}/template.md",
        "/api/v1/practices/",
        "/api/v1/practices/?q=mentoring",
        "/search/autocomplete/?q=Qvme",
    ]


@pytest.mark.parametrize("change", ["narrow", "withdraw"])
def test_a_members_practice_taken_from_the_outsider_leaves_their_next_request(world, change):
    """The outsider (another organisation's verified member) reads the members' practice
    everywhere, with the anonymous visitor and the contributor reading the same pages; then it is
    narrowed to its organisation or withdrawn. Their next request, before the outbox worker ran
    (the ``database`` engine is written in the transaction) and after, holds nothing of it."""
    practice, urls = world.practices["members"], _practice_urls(world, "members")
    readers = {actor: _client(world, actor) for actor in ("outsider", "anonymous", "contributor")}
    for url in urls:
        for client in readers.values():
            client.get(url)
    before = "".join(_text(readers["outsider"].get(url)) for url in urls)
    assert MEMBERS in before
    if change == "narrow":
        practice_set_visibility(practice=practice, actor=world.users["contributor"], visibility="organisation")
    else:
        practice_withdraw_trusted(practice=practice, reason="Taken back.")
    assert _outbox_waiting() > 0  # the change went through the outbox
    for moment in ("before the worker", "after the worker"):
        for url in urls:
            assert _leaks(_text(readers["outsider"].get(url)), [MEMBERS], url) == [], f"{moment}: {url}"
        drain()
        assert _outbox_waiting() == 0
    if change == "narrow":  # its own organisation still reads it: the check above could fail
        assert MEMBERS in "".join(_text(readers["contributor"].get(url)) for url in urls)


def _network_urls(world: World) -> list[str]:
    thread, network = world.thread, world.network
    return [
        reverse("network:thread", args=[thread.pk]),
        reverse("network:detail", args=[network.pk]),
        reverse("network:list"),
        reverse("network:notifications"),
        f"/networks/search/?q={POST}",
        f"/networks/{network.pk}/search/?q={POST}",
        f"/api/v1/threads/{thread.pk}/posts/",
        f"/api/v1/threads/{thread.pk}/",
        f"/api/v1/posts/{world.post.pk}/",
        f"/api/v1/posts/search/?q={POST}",
        f"/api/v1/networks/{network.pk}/threads/",
    ]


def test_a_banned_member_is_served_nothing_kept_from_before(world, moderator):
    banned, urls = _client(world, "banned"), _network_urls(world)
    insider = _client(world, "contributor")
    for url in urls:
        insider.get(url)
    assert THREAD in "".join(_text(banned.get(url)) for url in urls)
    membership = NetworkMembership.objects.get(network=world.network, user=world.users["banned"])
    network_services.network_member_remove(membership=membership, actor=moderator, ban=True)
    for moment in ("before the worker", "after the worker"):
        for url in urls:
            response = banned.get(url)
            assert _leaks(_text(response), [THREAD, POST], url) == [], f"{moment}: {url}"
        drain()


def test_a_closed_accounts_session_is_served_nothing_kept_from_before(world):
    """The closing member's session cookie, used again after the account closed, reads nothing
    kept for it (its kept pages are keyed by its id: the key must not outlive the account)."""
    closing = _client(world, "closing")
    urls = _network_urls(world) + _practice_urls(world, "members")
    assert MEMBERS in "".join(_text(closing.get(url)) for url in urls)
    user_close(user=world.users["closing"], password=PASSWORD)
    for url in urls:
        assert _leaks(_text(closing.get(url)), [THREAD, POST, MEMBERS, CONTACT], url) == [], url


def test_a_moderator_who_loses_the_role_is_served_nothing_kept_from_before(world):
    """A moderator's kept pages (the queue, the review, everything published) go with the role."""
    moderator = _client(world, "moderator")
    urls = [
        reverse("moderation:queue"),
        reverse("moderation:review", args=[world.practices["queue"].pk]),
        "/search/?q=mentoring",
        f"/practices/{world.practices['org_b'].pk}/",
        f"/api/v1/practices/{world.practices['org_b'].pk}/",
    ]
    before = "".join(_text(moderator.get(url)) for url in urls)
    assert QUEUE in before and ORG_B in before
    User.objects.filter(pk=world.users["moderator"].pk).update(is_moderator=False)
    for url in urls:
        assert _leaks(_text(moderator.get(url)), [QUEUE, ORG_B], url) == [], url


# --- validators and headers ----------------------------------------------------------------------


def _anonymous_etags(world: World, urls: list[str]) -> dict[str, str]:
    visitor = _client(world, "anonymous")
    etags = {url: visitor.get(url).get("ETag") for url in urls}
    return {url: etag for url, etag in etags.items() if etag}


def test_another_readers_etag_never_answers_304(world):
    """Anonymous pages carry an ETag: sent back by any reader whose page differs (signed in,
    through a token, in another language, asking another type), never a 304."""
    urls = _urls(world)
    etags = _anonymous_etags(world, urls)
    assert len(etags) >= 10  # the kept pages and answers
    since = "Wed, 01 Jan 2031 00:00:00 GMT"  # a date after every change
    others = {
        "contributor": _client(world, "contributor"),
        "outsider": _client(world, "outsider"),
        "moderator": _client(world, "moderator"),
        "anonymous-fr": _client(world, "anonymous", "fr"),
    }
    from tests.security.test_outsider_sweep_19 import _token

    token = Client(HTTP_AUTHORIZATION=f"Token {_token(world.users['outsider'])}")
    problems = []
    for url, etag in etags.items():
        for name, client in others.items():
            response = client.get(url, HTTP_IF_NONE_MATCH=etag, HTTP_IF_MODIFIED_SINCE=since)
            if response.status_code == 304:
                problems.append(f"{name} {url}: 304")
        if url.startswith("/api/"):
            if token.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 304:
                problems.append(f"token {url}: 304")
            html = _client(world, "anonymous").get(url, HTTP_IF_NONE_MATCH=etag, HTTP_ACCEPT="text/html")
            if html.status_code == 304:
                problems.append(f"anonymous asking HTML {url}: 304")
    assert problems == [], "\n".join(problems)
    # The same reader's own ETag does answer 304: the check above could fail.
    url, etag = next(iter(etags.items()))
    assert _client(world, "anonymous").get(url, HTTP_IF_NONE_MATCH=etag).status_code == 304


def test_no_reader_gets_a_304_for_a_page_changed_since(world):
    """The anonymous ETag of the members' practice's search, sent back after it was narrowed, is not confirmed."""
    urls = _practice_urls(world, "open")
    etags = _anonymous_etags(world, urls)
    practice_set_visibility(practice=world.practices["open"], actor=world.users["contributor"], visibility="members")
    drain()
    visitor = _client(world, "anonymous")
    confirmed = [url for url, etag in etags.items() if visitor.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 304]
    assert confirmed == []


def _vary(response) -> set[str]:
    return {part.strip().lower() for part in response.get("Vary", "").split(",") if part.strip()}


def _cache_control(response) -> set[str]:
    return {part.strip().lower() for part in response.get("Cache-Control", "").split(",") if part.strip()}


def test_kept_pages_vary_on_what_decides_them_and_signed_in_answers_are_private(world):
    urls = _urls(world)
    problems = []
    visitor = _client(world, "anonymous")
    for url in urls:
        for attempt in ("first", "kept"):
            response = visitor.get(url)
            if response.get("ETag") or "public" in _cache_control(response):
                missing = {"cookie", "accept-language"} - _vary(response)
                if missing:
                    problems.append(f"anonymous {attempt} {url}: Vary lacks {sorted(missing)}")
                if "no-cache" not in _cache_control(response) and "max-age=0" not in _cache_control(response):
                    problems.append(f"anonymous {attempt} {url}: public without revalidation")
    from tests.security.test_outsider_sweep_19 import _token

    token = Client(HTTP_AUTHORIZATION=f"Token {_token(world.users['contributor'])}")
    member = _client(world, "contributor")
    for url in urls:
        answers = [("session", member.get(url))]
        if url.startswith("/api/"):
            answers.append(("token", token.get(url)))
        for how, response in answers:
            control = _cache_control(response)
            if not control & {"private", "no-store"} or "public" in control:
                problems.append(f"{how} {url}: Cache-Control {response.get('Cache-Control')!r}")
            if response.get("ETag"):
                problems.append(f"{how} {url}: an ETag")
            if how == "session" and "cookie" not in _vary(response):
                problems.append(f"{how} {url}: Vary lacks cookie")
    assert problems == [], "\n".join(problems)


# --- side channels -------------------------------------------------------------------------------


def _missing_like(model, pk: int) -> int:
    """An id of no ``model`` row with as many digits as ``pk`` (a page may show the id it was asked)."""
    digits = len(str(pk))
    taken = set(model.objects.values_list("pk", flat=True))
    return next(n for n in range(10**digits - 1, 10 ** (digits - 1) - 1, -1) if n not in taken)


def _shape(response, hidden: int, missing: int) -> tuple:
    body = b"".join(response.streaming_content) if response.streaming else response.content
    text = body.decode("utf-8", "replace").replace(str(hidden), "ID").replace(str(missing), "ID")
    text = re.sub(r'(csrfmiddlewaretoken" value=|nonce=)"[^"]+"', r"\1X", text)
    return (
        response.status_code,
        response.get("Content-Type"),
        len(text),
        response.get("Location", "").replace(str(hidden), "ID").replace(str(missing), "ID"),
    )


def _hidden_routes(world: World) -> list[tuple[str, object, int]]:
    """(URL with {}, model, id of a thing that exists but the outsider may not see)."""
    p, thread, network, post = world.practices, world.thread, world.network, world.post
    unverified = Organisation.objects.create(
        name="Qvunverified club", type=world.users["outsider"].organisation.type, country="DK", verified=False
    )
    rows = []
    for key in ("org_a", "queue"):
        pk = p[key].pk
        rows += [
            ("/practices/{}/", Practice, pk),
            ("/practices/{}/template.md", Practice, pk),
            ("/practices/{}/template.docx", Practice, pk),
            ("/api/v1/practices/{}/", Practice, pk),
            ("/api/v1/practices/{}/template.md", Practice, pk),
            ("/api/v1/practices/{}/template.docx", Practice, pk),
            ("/moderation/practices/{}/", Practice, pk),
            ("/practices/{}/update/", Practice, pk),  # an update's e-mail link
            ("/moderation/practices/{}/update/", Practice, pk),
        ]
    rows += [
        ("/networks/{}/", Network, network.pk),
        ("/networks/{}/members/", Network, network.pk),
        ("/networks/{}/search/?q=mentoring", Network, network.pk),
        ("/api/v1/networks/{}/", Network, network.pk),
        ("/api/v1/networks/{}/threads/", Network, network.pk),
        ("/networks/threads/{}/", Thread, thread.pk),
        ("/api/v1/threads/{}/", Thread, thread.pk),
        ("/api/v1/threads/{}/posts/", Thread, thread.pk),
        ("/networks/posts/{}/", Post, post.pk),
        ("/networks/posts/{}/history/", Post, post.pk),
        ("/api/v1/posts/{}/", Post, post.pk),
        ("/api/v1/organisations/{}/", Organisation, unverified.pk),
    ]
    return rows


@pytest.mark.parametrize("actor", ["anonymous", "outsider", "applicant"])
def test_a_hidden_thing_answers_as_a_missing_one_status_size_and_type(world, actor):
    client = _client(world, actor)
    problems = []
    for route, model, hidden in _hidden_routes(world):
        missing = _missing_like(model, hidden)
        seen = _shape(client.get(route.format(hidden)), hidden, missing)
        expected = _shape(client.get(route.format(missing)), hidden, missing)
        if seen != expected:
            problems.append(f"{actor} {route.format(hidden)}: {seen} (missing: {expected})")
    assert problems == [], "\n".join(problems)


def test_a_network_members_name_answers_as_an_unknown_one(world):
    """The members' page of one's own network: a member of another network, or nobody, alike."""
    other = network_services.network_create(
        actor=world.users["moderator"], name="Other forum", purpose="Others.", policy=Network.Policy.INVITATION
    )
    stranger = make_user(
        "stranger@westerland.example", world.users["outsider"].organisation, display_name="Qvstranger Person"
    )
    network_services.network_member_add(network=other, user=stranger, actor=world.users["moderator"])
    client = _client(world, "contributor")
    known = client.get(reverse("network:member", args=[world.network.pk, "Qvstranger Person"]))
    unknown = client.get(reverse("network:member", args=[world.network.pk, "Qvnobodyat Person"]))
    assert (known.status_code, len(known.content)) == (unknown.status_code, len(unknown.content))


# Words of the same lengths that nothing holds and that are no misspelling of any word held.
SAME_LENGTH_NOWHERE = {ORG_A: "Zqxjvkwpty", MEMBERS: "Zqxjvkwptybdf", QUEUE: "Zqxjvkwptyb", POST: "Zqxjvkwptz"}


@pytest.mark.parametrize("actor", ["anonymous", "outsider", "applicant"])
def test_searching_a_hidden_word_answers_as_searching_a_word_nowhere(world, actor):
    """Results, counts, facets, suggestions and autocomplete for a word only hidden practices or
    posts hold are those for a word of the same length that nothing holds."""
    client = _client(world, actor)
    hidden = [ORG_A, QUEUE, POST] + ([MEMBERS] if actor != "outsider" else [])
    problems = []
    for word in hidden:
        nowhere = SAME_LENGTH_NOWHERE[word]
        assert len(nowhere) == len(word)
        for url in (
            "/search/?q={}",
            "/api/v1/practices/?q={}",
            "/search/autocomplete/?q={}",
            "/networks/search/?q={}",
            "/api/v1/posts/search/?q={}",
            "/search/?q={}&theme=exit-strategies",
        ):
            found = client.get(url.format(word))
            none = client.get(url.format(nowhere))
            a = _shape(found, 0, 0)[:3], _text(found).lower().replace(word.lower(), "W")
            b = _shape(none, 0, 0)[:3], _text(none).lower().replace(nowhere.lower(), "W")
            a_body = re.sub(r'(csrfmiddlewaretoken" value=|nonce=)"[^"]+"', "X", a[1])
            b_body = re.sub(r'(csrfmiddlewaretoken" value=|nonce=)"[^"]+"', "X", b[1])
            a_body = re.sub(r"(etag|date|expires): [^\n]*", "", a_body)
            b_body = re.sub(r"(etag|date|expires): [^\n]*", "", b_body)
            if a[0] != b[0] or a_body != b_body:
                problems.append(f"{actor} {url.format(word)}: {a[0]} vs {b[0]}")
        # a misspelling of the hidden word is not corrected to it
        typo = word[:-1] + ("x" if word[-1] != "x" else "y")
        for url in ("/search/?q={}", "/api/v1/practices/?q={}"):
            if word.lower() in _text(client.get(url.format(typo))).lower():
                problems.append(f"{actor} {url.format(typo)}: suggests the hidden word")
    assert problems == [], "\n".join(problems)


# --- the search index ----------------------------------------------------------------------------


def _practice_ids(backend, scope) -> set[int]:
    results = backend.search(collections.get("practices"), SearchQuery(text="mentoring", scope=scope, per_page=50))
    return {int(hit.id) for hit in results.hits}


def _post_ids(backend, network_ids) -> set[int]:
    results = backend.search(collections.get("posts"), PostQuery(text="mentoring", network_ids=frozenset(network_ids)))
    return {int(hit.id) for hit in results.hits}


def _index_follows_the_changes(world: World, backend, *, worker) -> None:
    practices = world.practices
    everything = reader_scope(world.users["moderator"])
    anonymous = reader_scope(None)
    assert {practices["open"].pk, practices["members"].pk} <= _practice_ids(backend, everything)
    assert _post_ids(backend, [world.network.pk]) == {world.post.pk}
    practice_set_visibility(practice=practices["open"], actor=world.users["contributor"], visibility="organisation")
    practice_withdraw_trusted(practice=practices["members"], reason="Taken back.")
    network_services.post_delete(post=world.post, actor=world.users["contributor"])
    worker()
    assert practices["open"].pk not in _practice_ids(backend, anonymous)
    assert practices["open"].pk not in _practice_ids(backend, reader_scope(world.users["outsider"]))
    assert practices["open"].pk in _practice_ids(backend, reader_scope(world.users["contributor"]))
    assert practices["members"].pk not in _practice_ids(backend, everything)
    assert practices["members"].pk not in set(map(int, backend.document_ids(collections.get("practices"))))
    assert _post_ids(backend, [world.network.pk]) == set()
    assert world.post.pk not in set(map(int, backend.document_ids(collections.get("posts"))))


def test_the_database_index_leaves_out_what_was_narrowed_withdrawn_or_removed_at_once(world):
    assert connection.vendor in ("sqlite", "postgresql")
    _index_follows_the_changes(world, get_search_backend(), worker=lambda: None)


def test_the_elasticsearch_index_leaves_out_what_was_narrowed_withdrawn_or_removed_after_the_worker(world, request):
    from tests.search.conftest import _elasticsearch_engine

    es = _elasticsearch_engine(request)
    OutboxEntry.objects.update(processed_at=None, next_attempt_at=None)  # the world's rows, once more, for this index
    drain(engines={"elasticsearch": es})
    _index_follows_the_changes(world, es, worker=lambda: drain(engines={"elasticsearch": es}))


# --- the federation feed -------------------------------------------------------------------------


def test_a_peers_answers_are_stored_by_no_cache(world, fake_peer):
    """The feed, manifest and items a registered peer is served hold members-only practices (what
    its agreement covers). They come with no cookie and no Authorization header (an RFC 9421
    signature instead), so nothing but their own Cache-Control keeps a shared cache in front of
    the portal (RFC 9111 lets one store a 200 heuristically) from serving them again to a request
    without a signature, or to another peer."""
    fake_peer.register(share=("public", "members"))
    members = world.practices["members"]
    paths = ["/federation/feed?cursor=0", "/federation/manifest", f"/federation/items/{members.uuid}"]
    answers = {path: send_through_client(Client(), fake_peer.signed("GET", path)) for path in paths}
    assert MEMBERS in answers[paths[0]].content.decode()  # what the sweep looks for is there
    problems = []
    for path, response in answers.items():
        control = _cache_control(response)
        if response.status_code != 200 or not {"no-store", "private"} <= control:
            problems.append(f"{path}: {response.status_code} Cache-Control {response.get('Cache-Control')!r}")
    unsigned = Client().get(paths[0])
    assert unsigned.status_code == 401 and MEMBERS not in unsigned.content.decode()
    assert problems == [], "\n".join(problems)


# --- Elasticsearch between a change and the outbox worker ----------------------------------------


@pytest.fixture
def on_elasticsearch(world, request, settings):
    """Elasticsearch answers the searches, the ``database`` engine beside it as in production
    (settings.py: always configured, the fallback), the world's practices in both."""
    from tests.search.conftest import elasticsearch_beside_database

    es = elasticsearch_beside_database(request, settings)
    yield es
    reset_engines()


def _window_urls(world: World) -> list[str]:
    return [
        "/search/?q=mentoring",
        f"/search/?q={OPEN}",
        "/api/v1/practices/?q=mentoring",
        f"/api/v1/practices/?q={OPEN}",
        f"/search/autocomplete/?q={OPEN[:5]}",
        f"/practices/{world.practices['open'].pk}/",
        f"/api/v1/practices/{world.practices['open'].pk}/",
        f"/practices/{world.practices['members'].pk}/",  # its similar practices
    ]


@pytest.mark.parametrize("change", ["narrow", "withdraw"])
def test_elasticsearch_before_the_worker_shows_no_title_of_a_practice_taken_from_the_reader(
    world, on_elasticsearch, change
):
    """A practice withdrawn (off every page, list and index at once) or narrowed is committed
    before the outbox worker writes Elasticsearch: in between, the engine still holds it. Results,
    pages and suggestions are re-read through the access rule, so no reader who may no longer
    read it is shown its title; the worker then takes it out of the engine."""
    visitor, outsider = _client(world, "anonymous"), _client(world, "outsider")
    urls = _window_urls(world)
    assert OPEN in "".join(_text(visitor.get(url)) for url in urls)
    practice = world.practices["open"]
    if change == "narrow":
        practice_set_visibility(practice=practice, actor=world.users["contributor"], visibility="organisation")
    else:
        practice_withdraw_trusted(practice=practice, reason="A name in the title.")
    assert practice.pk in on_elasticsearch.document_ids(collections.get("practices"))  # the worker's step is needed
    for moment in ("before the worker", "after the worker"):
        for name, client in (("anonymous", visitor), ("outsider", outsider)):
            for url in urls:
                found = _leaks(_text(client.get(url)), [OPEN], url)
                assert found == [], f"{moment} {name} {url}"
        drain(engines={"elasticsearch": on_elasticsearch})


def test_elasticsearch_before_the_worker_counts_nothing_taken_from_the_reader(world, on_elasticsearch):
    """Until the worker has run, every Elasticsearch read leaves out the documents with a change
    waiting in the outbox (search.outbox.pending): the total drops at once and no suggestion
    offers a word of the withdrawn title (tests/search/test_elasticsearch_outbox_gap.py for
    facets, completion, similar practices, posts and more readers)."""
    visitor = _client(world, "anonymous")
    before = visitor.get("/api/v1/practices/", {"q": "mentoring"}).json()["count"]
    practice_withdraw_trusted(practice=world.practices["open"], reason="A name in the title.")
    answer = visitor.get("/api/v1/practices/", {"q": "mentoring"}).json()
    misspelt = visitor.get("/api/v1/practices/", {"q": OPEN[:-1] + "c"}).json()
    assert (answer["count"], misspelt["suggestion"]) == (before - 1, None)
