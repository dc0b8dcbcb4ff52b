"""An outsider's sweep of every URL the portal serves: anonymous visitors, applicants, members of
an unverified organisation, a former member of the organisation, one removed from it with a ban,
a member of another organisation,
a network member who left and one who was banned, each signed in and through an API token of
their own, request every route (GET, HEAD, OPTIONS; POST refused and changing nothing) with the
ids of private things filled in, after insiders have read the same pages (so a page kept for an
insider would be served to them). No private title, text, contact detail, real name or email
address reaches any of them, no hidden object answers otherwise than a missing one, nothing fails."""

import io
import re
import zipfile
from dataclasses import dataclass, field
from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import Client
from django.urls import NoReverseMatch, URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from api.models import ApiToken
from api.services import api_token_create
from network import services as network_services
from network.badge import kept_badge_count
from network.models import Network, NetworkMembership, Post, Thread
from portal.models import Membership, Organisation, OrganisationType, User
from portal.services import membership_end, user_update_profile
from practices.models import Finding, Practice
from practices.selectors import practices_visible_to
from practices.services import (
    practice_set_visibility,
    practice_start_revision,
    practice_submit,
    practice_withdraw_trusted,
)
from search.generation import content_changed
from search.worker import drain
from tests.conftest import make_user
from tests.federation.conftest import fake_peer  # noqa: F401 (a fixture)
from tests.federation.fakes import send_through_client
from tests.network.factories import make_case_room
from tests.practices.factories import make_practice

pytestmark = pytest.mark.django_db

CONTACT_NAME = "Qvcontact Hiddenperson"
CONTACT_EMAIL = "qvcontact.hidden@ravnstad.example"
CONTACT_PHONE = "+47 912 34 567"
REAL_NAME = "Kari Qvrealname"  # the contributor's name behind the pseudonym
PSEUDONYM = "Raven Nine"

# What each kind of outsider must never see (case-insensitive).
PRIVATE_PRACTICES = (
    "Qvmembersmark",
    "Qvorgonlymark",
    "Qvdraftmark",
    "Qvwithdrawnmark",
    "Qvformerdraftmark",
    "Qvrevisionmark",
)
NETWORK_TEXTS = (
    "Qvthreadmark",
    "Qvpostmark",
    "Qvreplymark",
    "Qvcasemark",
    "Qvcasepostmark",
    "Qvnetworkpurpose",
    "Qvlinkedthreadmark",
)
CONTACT = (CONTACT_NAME, CONTACT_EMAIL, CONTACT_PHONE, "912 34 567", "91234567")


@dataclass
class Sweep:
    users: dict[str, User]
    practices: dict[str, Practice]
    networks: dict[str, Network]
    threads: dict[str, Thread]
    posts: dict[str, Post]
    finding: Finding
    ids: dict[str, list] = field(default_factory=dict)
    secrets: dict[str, str] = field(default_factory=dict)


def _verified(name: str, type_code: str, country: str, verified: bool = True) -> Organisation:
    kind = OrganisationType.objects.get(code=type_code)
    return Organisation.objects.create(name=name, type=kind, country=country, verified=verified)


def _restricted(author: User, marker: str, visibility: str, contact: str):
    """A published practice only ``visibility`` may read, its title and text carrying ``marker``."""
    return make_practice(
        author=author,
        title=f"{marker} mentoring",
        description=f"{marker} weekly mentoring to prevent violent extremism.",
        publish=True,
        visibility=visibility,
        contact=contact,
    )


def _token(user: User) -> str:
    _token_row, secret = api_token_create(
        user=user, name="sweep", scope="read-write", expires_on=timezone.localdate() + timedelta(days=7)
    )
    return secret


@pytest.fixture(autouse=True)
def _no_share_delay(settings):
    """Practices are shared with peers as soon as they are published."""
    settings.FEDERATION_SHARE_DELAY = 0


@pytest.fixture
def sweep(contributor, colleague, outsider, moderator, applicant, home_organisation) -> Sweep:
    user_update_profile(user=contributor, display_name=REAL_NAME, pseudonym=PSEUDONYM)
    contributor.refresh_from_db()
    unverified_org = _verified("Qvunverified Youth Club", "other", "DK", verified=False)
    unverified = make_user("unverified@youthclub.example", unverified_org, display_name="Ulla Unverified")
    former = make_user("former.author@ravnstad.example", home_organisation, display_name="Frode Former")
    removed_banned = make_user("banished@ravnstad.example", home_organisation, display_name="Berit Banished")
    leaver = make_user("leaver@westerland.example", outsider.organisation, display_name="Lars Leaver")
    banned = make_user("banned@westerland.example", outsider.organisation, display_name="Bert Banned")

    contact = f"{CONTACT_NAME}, {CONTACT_EMAIL}, {CONTACT_PHONE}"
    practices = {
        "public": make_practice(author=contributor, title="Open mentoring method", publish=True, contact=contact),
        "members": _restricted(contributor, "Qvmembersmark", "members", contact),
        "organisation": _restricted(contributor, "Qvorgonlymark", "organisation", contact),
        "draft": make_practice(
            author=contributor, title="Qvdraftmark mentoring", description="Qvdraftmark text.", contact=contact
        ),
        "withdrawn": make_practice(
            author=contributor,
            title="Qvwithdrawnmark mentoring",
            description="Qvwithdrawnmark weekly mentoring.",
            publish=True,
            contact=contact,
        ),
        "former_draft": make_practice(author=former, title="Qvformerdraftmark mentoring", contact=contact),
    }
    practice_withdraw_trusted(practice=practices["withdrawn"], reason="Qvwithdrawnmark reason")
    # An update of the open practice in review: its readers keep reading the published text.
    revision = practice_start_revision(practice=practices["public"], editor=contributor)
    Practice.objects.filter(pk=revision.pk).update(
        title="Qvrevisionmark mentoring", description="Qvrevisionmark weekly mentoring."
    )
    revision.refresh_from_db()
    practice_submit(practice=revision, actor=contributor, change_summary="Qvrevisionmark summary")
    practices["revision"] = revision
    draft = practices["draft"]
    start = draft.description.index("Qvdraftmark")
    finding = Finding.objects.create(
        practice=draft, field="description", type="PERSON", text="Qvdraftmark", start=start, end=start + 11
    )

    network = network_services.network_create(
        actor=moderator,
        name="Exit work north",
        purpose="Qvnetworkpurpose cases.",
        policy=Network.Policy.REQUEST,
    )
    # The former member of the organisation keeps a network membership row: their portal access ends it.
    for member in (contributor, leaver, banned, former):
        network_services.network_member_add(network=network, user=member, actor=moderator)
    thread = network_services.thread_create(
        network=network, actor=contributor, title="Qvthreadmark case", body="Qvpostmark notes about K."
    )
    network_services.post_create(thread=thread, actor=leaver, body="Leaver's word on the case.")
    network_services.post_create(thread=thread, actor=banned, body="Banned member's word on the case.")
    network_services.post_create(thread=thread, actor=former, body="Former member's word on the case.")
    reply = network_services.post_create(
        thread=thread,
        actor=contributor,
        body=f"Qvreplymark for @{leaver.display_name}, @{banned.display_name} and @{former.display_name}.",
    )
    network_services.thread_create(
        network=network,
        actor=contributor,
        title="Qvlinkedthreadmark about the open method",
        body="Qvpostmark on the open method.",
        practice=practices["public"],
    )
    room = make_case_room(moderator=moderator, members=(contributor, leaver, banned, former), name="Case room 12")
    case_thread = network_services.thread_create(
        network=room, actor=contributor, title="Qvcasemark family", body="Qvcasepostmark room notes."
    )

    users = {
        "contributor": contributor,
        "colleague": colleague,
        "moderator": moderator,
        "outsider": outsider,
        "applicant": applicant,
        "unverified": unverified,
        "former": former,
        "org_banned": removed_banned,
        "leaver": leaver,
        "banned": banned,
    }
    secrets = {
        name: _token(users[name])
        for name in ("outsider", "applicant", "unverified", "former", "org_banned", "leaver", "banned")
    }
    secrets["contributor"] = _token(contributor)
    # Their standing ends after they had read and been told things.
    membership_end(membership=Membership.objects.get(user=former), actor=former)
    membership_end(membership=Membership.objects.get(user=removed_banned), actor=moderator, ban=True)
    for each in (network, room):
        network_services.network_member_leave(
            membership=NetworkMembership.objects.get(network=each, user=leaver), actor=leaver
        )
        network_services.network_member_remove(
            membership=NetworkMembership.objects.get(network=each, user=banned), actor=moderator, ban=True
        )
    network_services.post_create(thread=thread, actor=contributor, body="Qvreplymark after they went.")
    drain()
    return Sweep(
        users=users,
        practices=practices,
        networks={"network": network, "room": room},
        threads={"thread": thread, "case": case_thread},
        posts={"reply": reply, "first": thread.posts.order_by("pk").first(), "case": case_thread.posts.get()},
        finding=finding,
        secrets=secrets,
    )


# --- the routes --------------------------------------------------------------------------------


def _routes():
    """(view name with namespaces, route text, parameter names) of every named URL pattern."""

    def walk(patterns, prefix, namespace):
        for each in patterns:
            if isinstance(each, URLResolver):
                inner = namespace
                if each.namespace:
                    inner = f"{namespace}:{each.namespace}" if namespace else each.namespace
                yield from walk(each.url_patterns, prefix + str(each.pattern), inner)
            elif isinstance(each, URLPattern) and each.name:
                name = f"{namespace}:{each.name}" if namespace else each.name
                yield name, prefix + str(each.pattern), list(each.pattern.regex.groupindex)

    return list(walk(get_resolver().url_patterns, "", ""))


MISSING = 987_654


def _values(world: Sweep, route: str, param: str) -> list:
    """The private things (and one missing id) to fill ``param`` of ``route`` with."""
    practices = [p.pk for p in world.practices.values()]
    networks = [n.pk for n in world.networks.values()]
    threads = [t.pk for t in world.threads.values()]
    posts = [p.pk for p in world.posts.values()]
    if param == "fmt":
        return ["docx", "md"]
    if param == "code":
        return ["exit-strategies"]
    if param == "uuid":
        return [str(p.uuid) for p in world.practices.values()]
    if param == "uid":
        return [str(t.uid) for t in ApiToken.objects.filter(user=world.users["contributor"])]
    if param == "token":
        return ["not-a-real-invitation"]
    if param == "name":
        return [PSEUDONYM, REAL_NAME]
    if param == "finding_pk":
        return [world.finding.pk, MISSING]
    if param == "object_id" or param == "path":
        return []
    head = route.split("<")[0].split("(?P")[0]
    if "finding" in head:
        return [world.finding.pk, MISSING]
    if "networks/memberships" in head:
        return [*NetworkMembership.objects.values_list("pk", flat=True), MISSING]
    if "organisation/" in head or "organisations" in head:
        if "moderation" in head or "api" in head:
            return [*Organisation.objects.values_list("pk", flat=True), MISSING]
        return [*Membership.objects.values_list("pk", flat=True), MISSING]
    if "threads" in head and "networks/<" not in route:
        return [*threads, MISSING]
    if "posts" in head:
        return [*posts, MISSING]
    if "networks/invitations" in head or "networks/requests" in head or "networks/reports" in head:
        return [1, 2, MISSING]
    if "network" in head:
        return [*networks, MISSING]
    if "practice" in head or "moderation" in head:
        return [*practices, MISSING]
    return [1, MISSING]


def _urls(world: Sweep) -> list[tuple[str, str, object]]:
    """(view name, URL, the id filled in or None) for every route."""
    urls = []
    for name, route, params in _routes():
        if name == "not-found":
            continue
        if not params:
            try:
                urls.append((name, reverse(name), None))
            except NoReverseMatch:  # a route with unnamed groups cannot be reversed: skipped
                continue
            continue
        choices = [_values(world, route, param) for param in params]
        if any(not each for each in choices):
            continue
        main = choices[-1] if params[-1] != "fmt" else choices[0]
        for value in main:
            kwargs = {}
            for param, options in zip(params, choices, strict=True):
                kwargs[param] = value if options is main else options[0]
            try:
                urls.append((name, reverse(name, kwargs=kwargs), value))
            except NoReverseMatch:
                continue
    return urls


QUERIES = {
    "search": ["q=Qvmembersmark", "q=Qvorgonlymark", "q=mentoring", "q=mentoring&theme=exit-strategies&country=NO", ""],
    "search:autocomplete": ["q=Qvm", "q=Qvo", "q=ment"],
    "network:search_all": ["q=Qvpostmark", "q=Qvreplymark", "q=Qvcasepostmark"],
    "network:search": ["q=Qvpostmark", "q=Qvreplymark"],
    "network:mentions": ["q=Rav", "q=Kar"],
    "api:practice-list": ["q=Qvmembersmark", "q=Qvorgonlymark", "q=mentoring", "theme=exit-strategies"],
    "api:post-search": ["q=Qvpostmark", "q=Qvreplymark", "q=Qvcasepostmark"],
    "practices:list": ["theme=exit-strategies", "country=NO"],
    "practices:export_selection": ["q=mentoring", "q=mentoring&format=md", "", "format=md"],
}


def _with_queries(urls):
    out = []
    for name, url, value in urls:
        out.append((name, url, value))
        for suffix in next((qs for key, qs in QUERIES.items() if name.endswith(key)), []):
            out.append((name, f"{url}?{suffix}", value))
    return out


# --- what each outsider must not see -----------------------------------------------------------


def _forbidden(world: Sweep, actor: str) -> list[str]:
    words = list(NETWORK_TEXTS)
    if actor not in ("outsider", "leaver", "banned"):  # not an approved member of a verified organisation
        words += CONTACT
        words.append("Qvmembersmark")
    words += [w for w in PRIVATE_PRACTICES if w != "Qvmembersmark"]
    words.append(REAL_NAME)
    own = world.users[actor].email if actor in world.users else None
    words += [u.email for u in world.users.values() if u.email != own]
    return words


def _clients(world: Sweep, actor: str) -> list[tuple[str, Client]]:
    if actor == "anonymous":
        return [("session", Client())]
    session = Client()
    session.force_login(world.users[actor])
    token = Client(HTTP_AUTHORIZATION=f"Token {world.secrets[actor]}")
    return [("session", session), ("token", token)]


ACTORS = ("anonymous", "applicant", "unverified", "former", "org_banned", "outsider", "leaver", "banned")
INSIDERS = ("contributor", "moderator")
# HEAD and OPTIONS run the view as GET does (Django answers HEAD from GET's response): asked by one
# anonymous and one signed-in outsider, GET by all.
EVERY_METHOD = ("anonymous", "outsider")


def _fingerprint() -> tuple:
    return (
        list(Practice.objects.order_by("pk").values_list("pk", "status", "visibility", "title")),
        list(NetworkMembership.objects.order_by("pk").values_list("pk", "state", "role")),
        list(Post.objects.order_by("pk").values_list("pk", "state", "body")),
        list(Thread.objects.order_by("pk").values_list("pk", "pinned", "locked", "title")),
        list(Membership.objects.order_by("pk").values_list("pk", "state", "role")),
        list(Finding.objects.order_by("pk").values_list("pk", "status")),
        list(ApiToken.objects.filter(user__email__endswith="ravnstad.example").values_list("pk", "expiry")),
        list(Organisation.objects.order_by("pk").values_list("pk", "verified", "name")),
    )


def _unpacked(body: bytes) -> str:
    """``body`` as text; a .zip (a .docx, a selection of templates) with every member unpacked,
    and its XML once more without tags (a run boundary may split a word)."""
    if not body.startswith(b"PK\x03\x04"):
        return body.decode("utf-8", "replace")
    with zipfile.ZipFile(io.BytesIO(body)) as archive:
        parts = [_unpacked(archive.read(name)) for name in archive.namelist()]
    text = "\n".join(parts)
    return text + "\n" + re.sub(r"<[^>]+>", "", text)


def _text(response) -> str:
    body = b"".join(response.streaming_content) if response.streaming else response.content
    headers = "\n".join(f"{k}: {v}" for k, v in response.items())
    return headers + "\n" + _unpacked(body)


def _leaks(text: str, words: list[str], url: str = "") -> list[str]:
    """The ``words`` in ``text``, but for those the reader typed in the URL (a search echoes its words)."""
    lowered, asked = text.lower(), url.lower()
    return [w for w in words if w.lower() in lowered and w.lower() not in asked]


def test_no_outsider_sees_private_content_on_any_url(sweep):
    urls = _with_queries(_urls(sweep))
    # Insiders read everything first: a page kept for them must never be served to an outsider.
    anonymous = Client()  # one client: each new one loads the middleware again (WhiteNoise reads every static file)
    for insider in INSIDERS:
        client = Client()
        client.force_login(sweep.users[insider])
        for _name, url, _value in urls:
            client.get(url)
            anonymous.get(url)
    problems = []
    for actor in ACTORS:
        words = _forbidden(sweep, actor)
        for how, client in _clients(sweep, actor):
            for name, url, _value in urls:
                if how == "token" and not url.startswith("/api/"):
                    continue  # a token signs API requests only; a page reads it as anonymous
                for method in ("get", "head", "options") if actor in EVERY_METHOD else ("get",):
                    response = getattr(client, method)(url)
                    if response.status_code >= 500:
                        problems.append(f"{actor}/{how} {method.upper()} {url}: {response.status_code}")
                    found = _leaks(_text(response), words, url)
                    if found:
                        problems.append(f"{actor}/{how} {method.upper()} {url} ({name}): {found}")
    assert problems == [], "\n".join(problems)


def _names_practice(key: str) -> bool:
    return key.startswith(("practices:", "api:practice", "moderation:", "api:moderation"))


def test_hidden_things_answer_as_missing_ones(sweep):
    """A private thing answers each outsider as a missing one does (404, never 403)."""
    urls = _urls(sweep)
    problems = []
    by_route: dict[str, list] = {}
    for name, url, value in urls:
        by_route.setdefault(name + "|" + re.sub(r"\d+", "N", url), []).append((url, value))
    for actor in ACTORS:
        user = sweep.users.get(actor, AnonymousUser())
        readable = set(practices_visible_to(user=user).values_list("pk", flat=True))
        listed = set(Organisation.objects.filter(verified=True).values_list("pk", flat=True))
        for how, client in _clients(sweep, actor):
            for key, entries in by_route.items():
                missing = [url for url, value in entries if value == MISSING]
                if not missing:
                    continue
                expected = client.get(missing[0]).status_code
                for url, value in entries:
                    if value == MISSING or (_names_practice(key) and value in readable):
                        continue  # a practice the reader may read answers as such
                    if key.startswith("api:organisation-detail") and value in listed:
                        continue  # verified organisations are listed to everyone
                    status = client.get(url).status_code
                    if status != expected:
                        problems.append(f"{actor}/{how} GET {url}: {status} (missing: {expected})")
    assert problems == [], "\n".join(problems)


def test_posts_by_outsiders_are_refused_and_change_nothing(sweep):
    urls = _urls(sweep)
    before = _fingerprint()
    problems = []
    for actor in ACTORS:
        words = _forbidden(sweep, actor)
        for how, client in _clients(sweep, actor):
            for name, url, _value in urls:
                if how == "token" and not url.startswith("/api/"):
                    continue  # a token signs API requests only; a page reads it as anonymous
                response = client.post(url)
                if response.status_code >= 500:
                    problems.append(f"{actor}/{how} POST {url}: {response.status_code}")
                found = _leaks(_text(response), words, url)
                if found:
                    problems.append(f"{actor}/{how} POST {url} ({name}): {found}")
                if response.status_code < 400:  # taken: did it change anything?
                    after = _fingerprint()
                    if after != before:
                        problems.append(f"{actor}/{how} POST {url} changed something")
                        before = after
            after = _fingerprint()  # and whatever a refusal may have written, batch by batch
            if after != before:
                problems.append(f"{actor}/{how}: a refused POST changed something")
                before = after
    assert problems == [], "\n".join(problems)


# --- counts, and what is kept of pages when standing changes -------------------------------------


@pytest.mark.parametrize(
    ("actor", "readable"), [("anonymous", 1), ("applicant", 1), ("unverified", 1), ("former", 1), ("outsider", 2)]
)
def test_counts_and_facets_count_only_what_the_reader_may_read(sweep, actor, readable):
    client = _clients(sweep, actor)[0][1]
    page = client.get("/search/", {"q": "mentoring", "theme": "exit-strategies"}).content.decode()
    facet_counts = set(re.findall(r'<span class="count">\((\d+)\)</span>', page))
    assert facet_counts == {str(readable)}
    assert client.get("/api/v1/practices/", {"q": "mentoring"}).json()["count"] == readable
    assert client.get("/api/v1/practices/").json()["count"] == readable


def test_the_sweep_would_see_what_it_looks_for(sweep):
    """The insiders' pages hold every marker the sweep looks for: an outsider's page holding none is a finding."""
    member = Client()
    member.force_login(sweep.users["contributor"])
    organisation_page = member.get(f"/practices/{sweep.practices['organisation'].pk}/").content.decode()
    assert "Qvorgonlymark" in organisation_page and CONTACT_EMAIL in organisation_page
    assert "Qvlinkedthreadmark" in member.get(f"/practices/{sweep.practices['public'].pk}/").content.decode()
    docx = member.get(f"/practices/{sweep.practices['organisation'].pk}/template.docx")
    assert CONTACT_EMAIL in _text(docx) and "Qvorgonlymark" in _text(docx)
    moderator = Client()
    moderator.force_login(sweep.users["moderator"])
    review = moderator.get(reverse("moderation:review", args=[sweep.practices["revision"].pk])).content.decode()
    assert "Qvrevisionmark" in review
    selection = _text(moderator.get("/practices/export/templates.zip", {"q": "mentoring"}))
    assert "Qvorgonlymark" in selection and CONTACT_EMAIL in selection
    assert "Qvorgonlymark" in member.get("/search/", {"q": "Qvorgonlymark"}).content.decode()
    assert "Qvreplymark" in member.get(reverse("network:thread", args=[sweep.threads["thread"].pk])).content.decode()
    assert "Qvpostmark" in member.get("/networks/search/", {"q": "Qvpostmark"}).content.decode()
    assert "Qvcasepostmark" in member.get(reverse("network:thread", args=[sweep.threads["case"].pk])).content.decode()


def _pages_of_a_member(world: Sweep) -> list[str]:
    organisation = world.practices["organisation"].pk
    return [
        f"/practices/{organisation}/",
        f"/practices/{organisation}/template.md",
        "/search/?q=Qvorgonlymark",
        "/search/?q=mentoring",
        "/",
        f"/api/v1/practices/{organisation}/",
        f"/api/v1/practices/{organisation}/template.md",
        "/api/v1/practices/?q=Qvorgonlymark",
        "/api/v1/practices/",
    ]


def test_a_member_who_leaves_is_served_nothing_kept_from_before(sweep, colleague):
    """The colleague reads the organisation's own practice everywhere, leaves, reads again."""
    session = Client()
    session.force_login(colleague)
    urls = _pages_of_a_member(sweep)
    for url in urls:
        response = session.get(url)
        assert response.status_code == 200, url
        assert "Qvorgonlymark" in _text(response), url
    membership_end(membership=Membership.objects.get(user=colleague), actor=colleague)
    for url in urls:
        assert _leaks(_text(session.get(url)), ["Qvorgonlymark", CONTACT_EMAIL], url) == [], url


def test_a_network_member_who_leaves_is_served_nothing_kept_from_before(sweep, outsider, moderator):
    network, thread = sweep.networks["network"], sweep.threads["thread"]
    network_services.network_member_add(network=network, user=outsider, actor=moderator)
    network_services.post_create(thread=thread, actor=outsider, body="Outsider's word.")
    network_services.post_create(thread=thread, actor=sweep.users["contributor"], body="Qvreplymark to the outsider.")
    drain()
    session = Client()
    session.force_login(outsider)
    urls = [
        reverse("network:thread", args=[thread.pk]),
        reverse("network:detail", args=[network.pk]),
        reverse("network:notifications"),
        "/networks/search/?q=Qvpostmark",
        f"/practices/{sweep.practices['public'].pk}/",
        f"/api/v1/threads/{thread.pk}/posts/",
        "/api/v1/posts/search/?q=Qvpostmark",
        "/api/v1/networks/",
    ]
    before = "".join(_text(session.get(url)) for url in urls)
    assert _leaks(before, list(NETWORK_TEXTS)) == [w for w in NETWORK_TEXTS if not w.startswith("Qvcase")]
    assert kept_badge_count(user=outsider) > 0  # the reply to them is unread
    network_services.network_member_leave(
        membership=NetworkMembership.objects.get(network=network, user=outsider), actor=outsider
    )
    drain()
    for url in urls:
        assert _leaks(_text(session.get(url)), list(NETWORK_TEXTS), url) == [], url
    assert kept_badge_count(user=outsider) == 0


@pytest.mark.parametrize("change", ["narrow", "withdraw"])
def test_a_practice_taken_from_the_public_leaves_every_anonymous_page_at_once(sweep, change):
    practice = sweep.practices["public"]
    Practice.objects.filter(pk=practice.pk).update(title="Open mentoring method Qvonceopenmark")
    content_changed()
    urls = [
        f"/practices/{practice.pk}/",
        f"/practices/{practice.pk}/template.md",
        f"/practices/{practice.pk}/template.docx",
        "/search/?q=mentoring",
        "/search/",
        "/",
        f"/api/v1/practices/{practice.pk}/",
        f"/api/v1/practices/{practice.pk}/template.md",
        "/api/v1/practices/",
        "/api/v1/practices/?q=mentoring",
    ]
    drain()
    visitor = Client()
    etags = {}
    for url in urls:
        response = visitor.get(url)
        assert response.status_code == 200, url
        etags[url] = response.get("ETag")
    if change == "narrow":
        practice_set_visibility(practice=practice, actor=sweep.users["contributor"], visibility="organisation")
    else:
        practice_withdraw_trusted(practice=practice, reason="Taken back.")
    drain()
    for url in urls:
        fresh = Client().get(url)
        assert "Qvonceopenmark" not in fresh.content.decode(errors="replace"), url
        if etags[url]:
            assert Client().get(url, HTTP_IF_NONE_MATCH=etags[url]).status_code != 304, url


def test_a_peer_portal_is_served_nothing_private(sweep, fake_peer):
    """A registered peer sharing public and members practices: no contact detail, organisation-only,
    unpublished or withdrawn practice, network text, name or email in any byte it is served."""
    fake_peer.register(share=("public", "members"))

    def call(path: str):
        return send_through_client(Client(), fake_peer.signed("GET", path))

    served = [call("/federation/feed?cursor=0"), call("/federation/manifest")]
    served += [call(f"/federation/items/{p.uuid}") for p in sweep.practices.values()]
    assert served[0].status_code == 200
    assert "Qvmembersmark" in served[0].content.decode()  # what the agreement covers does travel
    words = [w for w in _forbidden(sweep, "anonymous") if w != "Qvmembersmark"]
    for response in served:
        assert _leaks(_text(response), words) == []
