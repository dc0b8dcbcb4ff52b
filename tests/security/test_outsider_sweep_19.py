"""An outsider's sweep of session 19's new pages and actions: a network moderator's Decline and
Hide confirmations (and the forms they post to), the featured list's Undo, the practice
visibility confirmation, closing one's own account.

Each is asked, GET and POST, by an anonymous visitor, a practitioner of another organisation,
a member of the network who is not its moderator, the author of the post, members who left, were
removed and were banned, the moderator of another network, a network moderator where only portal
moderators act, a portal moderator without their second factor, and the old session cookie and
API token of a closed account (portal moderators moderate every network: no new action is the
network moderators' alone); with the id of a
thing that exists and one that does not: both answer alike, nothing private is shown, nothing
changes. Then an account closes and its old name and pseudonym are looked for everywhere
others read it. The same structure as ``test_outsider_sweep.py``, whose helpers it reuses."""

from dataclasses import dataclass
from datetime import timedelta

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from api.models import ApiToken
from api.services import api_token_create
from network import services as network_services
from network.models import JoinRequest, Network, NetworkMembership, Post, Report, Thread
from network.notify import digests_send
from portal.models import User
from portal.services import user_close, user_update_profile
from practices.models import Practice
from practices.selectors import practice_for_user
from practices.services import practice_feature, practice_unfeature
from search.worker import drain
from tests.conftest import PASSWORD, make_user, with_totp
from tests.federation.conftest import fake_peer  # noqa: F401 (a fixture)
from tests.federation.fakes import send_through_client
from tests.practices.factories import make_practice
from tests.security.test_outsider_sweep import _leaks, _text

pytestmark = pytest.mark.django_db

MISSING = 987_654
REQUESTER = "Rikke Qvrequester"
PRIVATE_WORDS = ("Qvhidemark", "Qvthreadmark", REQUESTER, "Qvpracticemark")
CLOSER_NAME = "Carl Qvcloser"
CLOSER_PSEUDONYM = "Qvmask Nine"
CLOSER_EMAIL = "carl.qvcloser@ravnstad.example"
CLOSER_WORDS = (CLOSER_NAME, CLOSER_PSEUDONYM, CLOSER_EMAIL, "Qvcloser", "Qvmask")


@dataclass
class World:
    users: dict[str, User]
    network: Network
    thread: Thread
    post: Post
    report: Report
    join_request: JoinRequest
    draft: Practice  # the contributor's, own organisation only: widening it asks first
    unfeatured: Practice  # featured, then no longer: the list offers to undo that
    clients: dict[str, Client]


def _signed_in(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _token(user: User) -> str:
    _row, secret = api_token_create(
        user=user, name="sweep 19", scope="read-write", expires_on=timezone.localdate() + timedelta(days=7)
    )
    return secret


@pytest.fixture
def world(contributor, colleague, outsider, moderator, bare_moderator, home_organisation, other_organisation) -> World:
    netmod = with_totp(make_user("netmod@westerland.example", other_organisation, display_name="Nina Netmod"))
    other_netmod = with_totp(make_user("othermod@westerland.example", other_organisation, display_name="Odd Othermod"))
    requester = make_user("requester@westerland.example", other_organisation, display_name=REQUESTER)
    leaver = make_user("leaver@ravnstad.example", home_organisation, display_name="Lars Leaver")
    removed = make_user("removed@ravnstad.example", home_organisation, display_name="Rita Removed")
    banned = make_user("banned@ravnstad.example", home_organisation, display_name="Bert Banned")
    closed = make_user("closed@ravnstad.example", home_organisation, display_name="Clara Closed")

    network = network_services.network_create(
        actor=moderator, name="Exit work north", purpose="Cases.", policy=Network.Policy.REQUEST, listed=True
    )
    other = network_services.network_create(
        actor=moderator, name="Other forum", purpose="Other cases.", policy=Network.Policy.REQUEST, listed=True
    )
    network_services.network_member_add(network=network, user=netmod, actor=moderator, role="moderator")
    network_services.network_member_add(network=other, user=other_netmod, actor=moderator, role="moderator")
    for member in (contributor, colleague, leaver, removed, banned, closed):
        network_services.network_member_add(network=network, user=member, actor=moderator)
    thread = network_services.thread_create(
        network=network, actor=contributor, title="Qvthreadmark case", body="Qvhidemark notes about K."
    )
    post = thread.posts.get()
    report = network_services.post_report(post=post, actor=colleague, reason=Report.Reason.values[0])
    join_request = network_services.network_join_request(network=network, user=requester)

    draft = make_practice(author=contributor, title="Qvpracticemark plan", visibility="organisation")
    unfeatured = make_practice(author=contributor, title="Open featured method", publish=True)
    practice_feature(practice=unfeatured, actor=moderator)
    practice_unfeature(practice=unfeatured, actor=moderator)

    users = {
        "contributor": contributor,  # the post's author, a member who moderates nothing
        "colleague": colleague,  # a member of the network, no moderator
        "outsider": outsider,  # another organisation, not in the network
        "netmod": netmod,  # moderates the network, no portal moderator
        "other_netmod": other_netmod,  # moderates another network only
        "leaver": leaver,
        "removed": removed,
        "banned": banned,
        "closed": closed,
        "moderator": moderator,
        "bare_moderator": bare_moderator,  # the portal moderator role without its second factor
    }
    clients = {name: _signed_in(user) for name, user in users.items()}
    clients["anonymous"] = Client()
    closed_token = _token(closed)
    for name, ban in (("removed", False), ("banned", True)):
        membership = NetworkMembership.objects.get(network=network, user=users[name])
        network_services.network_member_remove(membership=membership, actor=moderator, ban=ban)
    network_services.network_member_leave(
        membership=NetworkMembership.objects.get(network=network, user=leaver), actor=leaver
    )
    user_close(user=closed, password=PASSWORD)  # its client keeps the old session cookie
    clients["closed_token"] = Client(HTTP_AUTHORIZATION=f"Token {closed_token}")
    return World(users, network, thread, post, report, join_request, draft, unfeatured, clients)


def _state(world: World) -> tuple:
    return (
        JoinRequest.objects.get(pk=world.join_request.pk).state,
        Post.objects.get(pk=world.post.pk).state,
        Report.objects.get(pk=world.report.pk).state,
        Practice.objects.get(pk=world.draft.pk).visibility,
        Practice.objects.get(pk=world.unfeatured.pk).is_featured,
        sorted(NetworkMembership.objects.values_list("pk", "state", "role")),
    )


def _network_actions(world: World) -> list[tuple[str, str, int, dict]]:
    """(method, view name, existing id, data) of the new confirmations and the forms they post to."""
    return [
        ("get", "network:request_decline", world.join_request.pk, {}),
        ("post", "network:request_decline", world.join_request.pk, {}),
        ("post", "network:request_decide", world.join_request.pk, {"decision": "decline"}),
        ("get", "network:post_hide", world.post.pk, {}),
        ("post", "network:post_hide", world.post.pk, {}),
        ("post", "network:post_moderate", world.post.pk, {"action": "hide"}),
        ("get", "network:report_hide", world.report.pk, {}),
        ("post", "network:report_hide", world.report.pk, {}),
        ("post", "network:report_resolve", world.report.pk, {"decision": "hide"}),
    ]


NOT_NETWORK_MODERATORS = (
    "anonymous",
    "outsider",
    "colleague",
    "contributor",
    "leaver",
    "removed",
    "banned",
    "other_netmod",
    "closed",
    "bare_moderator",
)


def _ask(client: Client, method: str, url: str, data: dict):
    return client.get(url, data) if method == "get" else client.post(url, data)


def test_who_may_not_moderate_the_network_gets_the_missing_answer_sees_nothing_and_changes_nothing(world):
    before = _state(world)
    problems = []
    for actor in NOT_NETWORK_MODERATORS:
        client = world.clients[actor]
        for method, name, pk, data in _network_actions(world):
            url, missing = reverse(name, args=[pk]), reverse(name, args=[MISSING])
            response = _ask(client, method, url, data)
            expected = _ask(client, method, missing, data).status_code
            if response.status_code != expected:
                problems.append(f"{actor} {method.upper()} {url}: {response.status_code} (missing: {expected})")
            if response.status_code not in (302, 404, 405):
                problems.append(f"{actor} {method.upper()} {url}: answered {response.status_code}")
            found = _leaks(_text(response), [*PRIVATE_WORDS, "Kari Contributor", "Ola Colleague"])
            if found:
                problems.append(f"{actor} {method.upper()} {url}: {found}")
    assert problems == [], "\n".join(problems)
    assert _state(world) == before


def test_the_network_moderator_and_the_portal_moderator_may_act(world):
    """The sweep above would pass on pages that answer 404 to everyone: these open for the
    network's own moderator, and for a portal moderator (a moderator of every network)."""
    for actor in ("netmod", "moderator"):
        client = world.clients[actor]
        decline = client.get(reverse("network:request_decline", args=[world.join_request.pk])).content.decode()
        assert REQUESTER in decline and "Exit work north" in decline
        hide = client.get(reverse("network:post_hide", args=[world.post.pk])).content.decode()
        assert "Qvhidemark" in hide
        from_report = client.get(reverse("network:report_hide", args=[world.report.pk])).content.decode()
        assert "Qvhidemark" in from_report
    response = world.clients["netmod"].post(
        reverse("network:request_decide", args=[world.join_request.pk]), {"decision": "decline"}
    )
    assert response.status_code == 302
    assert JoinRequest.objects.get(pk=world.join_request.pk).state == JoinRequest.State.DECLINED


def test_the_featured_undo_is_for_portal_moderators_only(world):
    """Undo (featuring again) and the list's offer to undo: a network moderator, members,
    outsiders, visitors and a closed account's session get the missing answer."""
    before = _state(world)
    again, missing = (reverse("moderation:featured_again", args=[pk]) for pk in (world.unfeatured.pk, MISSING))
    offer = reverse("moderation:featured") + f"?stopped={world.unfeatured.pk}"
    problems = []
    for actor in ("anonymous", "outsider", "colleague", "contributor", "netmod", "closed", "bare_moderator"):
        client = world.clients[actor]
        for method in ("get", "post"):
            status = _ask(client, method, again, {}).status_code
            expected = _ask(client, method, missing, {}).status_code
            if status != expected or status not in (302, 404):
                problems.append(f"{actor} {method.upper()} {again}: {status} (missing: {expected})")
        page = client.get(offer)
        if page.status_code not in (302, 404) or "Open featured method" in page.content.decode():
            problems.append(f"{actor} GET {offer}: {page.status_code}")
    assert problems == [], "\n".join(problems)
    assert _state(world) == before
    assert "Open featured method" in world.clients["moderator"].get(offer).content.decode()
    assert world.clients["moderator"].post(again).status_code == 302
    assert Practice.objects.get(pk=world.unfeatured.pk).is_featured


def _may_read(user, practice: Practice) -> bool:
    from django.http import Http404

    try:
        practice_for_user(user=user, pk=practice.pk)
    except Http404:
        return False
    return True


def test_the_visibility_confirmation_is_never_shown_to_who_may_not_change_it(world):
    """Widening asks first on a page naming the practice: to anyone who may not change who
    reads it, no title; a practice they may not read answers as a missing one."""
    before = _state(world)
    requests = [
        ("practices:visibility", {"visibility": "members"}),
        ("practices:visibility", {"visibility": "public"}),
        ("practices:visibility", {"visibility": "members", "confirm": "1"}),
        ("practices:edit", {"title": "Qvpracticemark plan", "visibility": "members"}),
    ]
    problems = []
    for actor in ("anonymous", "outsider", "colleague", "netmod", "leaver", "closed", "bare_moderator"):
        client = world.clients[actor]
        user = world.users.get(actor)
        readable = user is not None and _may_read(user, world.draft)
        for name, data in requests:
            url, missing = reverse(name, args=[world.draft.pk]), reverse(name, args=[MISSING])
            response = client.post(url, data)
            expected = client.post(missing, data).status_code
            if not readable and response.status_code != expected:
                problems.append(f"{actor} POST {url}: {response.status_code} (missing: {expected})")
            if readable and response.status_code != 403:
                problems.append(f"{actor} POST {url}: {response.status_code} (reads it, may not change it: 403)")
            if _leaks(_text(response), ["Qvpracticemark", "Let more people read"], url):
                problems.append(f"{actor} POST {url}: the confirmation or the title")
    assert problems == [], "\n".join(problems)
    assert _state(world) == before
    page = world.clients["contributor"].post(
        reverse("practices:visibility", args=[world.draft.pk]), {"visibility": "members"}
    )
    assert "Qvpracticemark plan" in page.content.decode()  # the author is asked


def test_a_closed_accounts_old_session_and_token_open_nothing(world):
    session, token = world.clients["closed"], world.clients["closed_token"]
    for method in ("get", "post"):
        response = _ask(session, method, reverse("account_close"), {"password": PASSWORD})
        assert response.status_code == 302 and response["Location"].startswith(reverse("account_login"))
        visitor = _ask(world.clients["anonymous"], method, reverse("account_close"), {"password": PASSWORD})
        assert visitor.status_code == 302 and visitor["Location"].startswith(reverse("account_login"))
    assert session.get(reverse("network:detail", args=[world.network.pk])).status_code == 404
    urls = [
        reverse("api:me"),
        reverse("api:network-list"),
        reverse("api:network-threads", kwargs={"pk": world.network.pk}),
        reverse("api:thread-posts", kwargs={"pk": world.thread.pk}),
        reverse("api:post-search") + "?q=Qvhidemark",
    ]
    for url in urls:
        response = token.get(url)
        assert response.status_code == 401, url
        assert _leaks(_text(response), list(PRIVATE_WORDS), url) == [], url
    assert not ApiToken.objects.filter(user=world.users["closed"]).exists()


def test_the_new_actions_refuse_a_post_without_the_csrf_token(world):
    """Each new form's target, by whoever may use it, with Django's CSRF check on: 403, nothing changes."""
    before = _state(world)
    posts = [
        ("moderator", reverse("network:request_decide", args=[world.join_request.pk]), {"decision": "decline"}),
        ("netmod", reverse("network:post_moderate", args=[world.post.pk]), {"action": "hide"}),
        ("netmod", reverse("network:report_resolve", args=[world.report.pk]), {"decision": "hide"}),
        ("moderator", reverse("moderation:featured_again", args=[world.unfeatured.pk]), {}),
        (
            "contributor",
            reverse("practices:visibility", args=[world.draft.pk]),
            {"visibility": "members", "confirm": "1"},
        ),
    ]
    for actor, url, data in posts:
        client = Client(enforce_csrf_checks=True)
        client.force_login(world.users[actor])
        assert client.post(url, data).status_code == 403, url
    assert _state(world) == before
    closing = Client(enforce_csrf_checks=True)
    closing.force_login(world.users["colleague"])
    assert closing.post(reverse("account_close"), {"password": PASSWORD}).status_code == 403
    assert User.objects.get(pk=world.users["colleague"].pk).closed_at is None


# --- after an account closes: its old name nowhere ----------------------------------------------


@dataclass
class Closing:
    world: World
    closer: User
    client: Client
    thread: Thread
    post: Post
    report: Report  # of the closer's post
    reported_by_closer: Report
    join_request: JoinRequest
    review: Practice  # the closer's, submitted


@pytest.fixture
def closing(world, org_admin) -> Closing:
    users = world.users
    closer = make_user(CLOSER_EMAIL, users["contributor"].organisation, display_name="tmp")
    user_update_profile(user=closer, display_name=CLOSER_NAME, pseudonym=CLOSER_PSEUDONYM)
    closer.refresh_from_db()
    network_services.network_member_add(network=world.network, user=closer, actor=users["moderator"])
    network_services.network_member_add(network=world.network, user=org_admin, actor=users["moderator"])
    colleague = users["colleague"]
    NetworkMembership.objects.filter(network=world.network, user=colleague).update(email="digest")
    thread = network_services.thread_create(
        network=world.network, actor=closer, title="Mentoring in the north", body="Weekly visits to the family."
    )
    post = network_services.post_create(
        thread=thread, actor=closer, body=f"@{colleague.display_name} the school agreed to meet us."
    )
    network_services.post_create(thread=thread, actor=colleague, body="Good news.", quote_of=post)
    report = network_services.post_report(post=post, actor=colleague, reason=Report.Reason.values[0])
    reported_by_closer = network_services.post_report(post=world.post, actor=closer, reason=Report.Reason.values[0])
    other = Network.objects.get(name="Other forum")
    join_request = network_services.network_join_request(network=other, user=closer)
    review = make_practice(author=closer, title="Closer's family method")
    Practice.objects.filter(pk=review.pk).update(status=Practice.Status.SUBMITTED)
    drain()
    return Closing(world, closer, _signed_in(closer), thread, post, report, reported_by_closer, join_request, review)


def _readers(closing: Closing, org_admin) -> dict[str, Client]:
    clients = closing.world.clients
    return {
        "colleague": clients["colleague"],
        "netmod": clients["netmod"],
        "moderator": clients["moderator"],
        "org_admin": _signed_in(org_admin),
        "outsider": clients["outsider"],
        "anonymous": clients["anonymous"],
    }


def _pages_naming_people(closing: Closing) -> list[str]:
    world, network = closing.world, closing.world.network
    other = closing.join_request.network
    return [
        reverse("network:thread", args=[closing.thread.pk]),
        reverse("network:detail", args=[network.pk]),
        reverse("network:members", args=[network.pk]),
        reverse("network:reports", args=[network.pk]),
        reverse("network:requests", args=[other.pk]),
        reverse("network:request_decline", args=[closing.join_request.pk]),
        reverse("network:post_hide", args=[closing.post.pk]),
        reverse("network:report_hide", args=[closing.report.pk]),
        reverse("network:report_hide", args=[closing.reported_by_closer.pk]),
        reverse("network:post_history", args=[closing.post.pk]),
        reverse("network:notifications"),
        reverse("network:search_all") + "?q=school",
        reverse("network:search", args=[network.pk]) + "?q=school",
        reverse("network:mentions", args=[network.pk]) + "?q=Qv",
        reverse("network:mentions", args=[network.pk]) + "?q=Carl",
        reverse("moderation:queue"),
        reverse("moderation:review", args=[closing.review.pk]),
        reverse("moderation:audit"),
        reverse("organisation_members"),
        reverse("api:thread-posts", kwargs={"pk": closing.thread.pk}),
        reverse("api:network-threads", kwargs={"pk": network.pk}),
        reverse("api:post-search") + "?q=school",
        reverse("api:moderation-list"),
        f"/practices/{world.draft.pk}/",
    ]


def test_after_closing_the_old_name_and_pseudonym_appear_nowhere_for_anyone(closing, org_admin):
    readers = _readers(closing, org_admin)
    urls = _pages_naming_people(closing)
    named_before = set()
    for client in readers.values():  # pages kept for them before the closing
        for url in urls:
            if _leaks(_text(client.get(url)), list(CLOSER_WORDS), url):
                named_before.add(url)
    # The sweep would see the name where it is shown: every page above named them to a reader,
    # but the searches (no author in a hit), the practice, and a report the closer made.
    quiet = {url for url in urls if "q=school" in url or "q=Carl" in url or url.startswith("/practices/")}
    quiet.add(reverse("network:report_hide", args=[closing.reported_by_closer.pk]))
    assert named_before == set(urls) - quiet

    response = closing.client.post(reverse("account_close"), {"password": PASSWORD})
    assert response.status_code == 302
    drain()
    problems = []
    for reader, client in readers.items():
        for url in urls:
            response = client.get(url)
            found = _leaks(_text(response), list(CLOSER_WORDS), url)
            if found:
                problems.append(f"{reader} GET {url}: {found}")
    assert problems == [], "\n".join(problems)
    hide_page = readers["netmod"].get(reverse("network:post_hide", args=[closing.post.pk])).content.decode()
    assert "Hide this post by Former member?" in hide_page


def test_a_digest_sent_after_the_closing_names_a_former_member(closing):
    colleague = closing.world.users["colleague"]
    assert closing.client.post(reverse("account_close"), {"password": PASSWORD}).status_code == 302
    mail.outbox.clear()
    assert digests_send() == 1
    (digest,) = mail.outbox
    assert digest.to == [colleague.email]
    assert "Former member mentioned you" in digest.body
    assert _leaks(digest.subject + digest.body, list(CLOSER_WORDS)) == []


def test_the_audit_log_names_the_closed_account_a_former_member_in_its_filter_too(closing):
    assert closing.client.post(reverse("account_close"), {"password": PASSWORD}).status_code == 302
    moderator = closing.world.clients["moderator"]
    page = moderator.get(reverse("moderation:audit"), {"actor": closing.closer.pk}).content.decode()
    assert "Former member" in page and _leaks(page, list(CLOSER_WORDS)) == []


def test_a_peer_never_receives_an_authors_name(closing, fake_peer, settings):
    """The federation feed shares practices without authors: a closer's published practice
    travels, and no name of theirs, before or after the closing."""
    settings.FEDERATION_SHARE_DELAY = 0  # shared as soon as it is published
    fake_peer.register(share=("public", "members"))
    shared = make_practice(author=closing.closer, title="Qvshared family method", publish=True)

    def served() -> str:
        feed = send_through_client(Client(), fake_peer.signed("GET", "/federation/feed?cursor=0"))
        item = send_through_client(Client(), fake_peer.signed("GET", f"/federation/items/{shared.uuid}"))
        assert feed.status_code == 200 and item.status_code == 200
        return _text(feed) + _text(item)

    before = served()
    assert "Qvshared" in before and _leaks(before, [CLOSER_NAME, CLOSER_PSEUDONYM, CLOSER_EMAIL]) == []
    assert closing.client.post(reverse("account_close"), {"password": PASSWORD}).status_code == 302
    assert _leaks(served(), [CLOSER_NAME, CLOSER_PSEUDONYM, CLOSER_EMAIL]) == []


def test_the_note_the_closer_wrote_with_an_open_report_stays_for_the_moderators_only(closing):
    """Decided (docs/ACCESS.md): the network's moderators need a pending report's note to judge
    the post, so it stays, signed "Former member"; nobody else ever reads it."""
    Report.objects.filter(pk=closing.reported_by_closer.pk).update(note="Carl here, this names my pupil.")
    assert closing.client.post(reverse("account_close"), {"password": PASSWORD}).status_code == 302
    reports = reverse("network:reports", args=[closing.world.network.pk])
    page = _text(closing.world.clients["netmod"].get(reports))
    assert "this names my pupil" in page and "Former member" in page
    assert _leaks(page, [CLOSER_NAME, CLOSER_PSEUDONYM, CLOSER_EMAIL]) == []
    for reader in ("colleague", "outsider", "anonymous", "leaver", "closed"):
        response = closing.world.clients[reader].get(reports)
        assert "this names my pupil" not in _text(response), reader


# --- the phone menu ----------------------------------------------------------------------------


def _menu(page: str) -> str:
    """The header's folded menu, from its button to its end."""
    return page[page.index('<details class="site-menu">') : page.index("</details>")]


def test_the_menu_shows_each_reader_only_their_own_count_and_links(world):
    """The header's fragments are kept per process: after a moderator's and a member's pages, a
    visitor's and a practitioner's menus hold no moderation link, no count; a member who leaves
    the network loses the count of the reply waiting for them at once."""
    reply = network_services.post_create(thread=world.thread, actor=world.users["colleague"], body="Noted.")
    assert reply.pk
    for reader in ("moderator", "contributor"):
        world.clients[reader].get(reverse("home"))
    contributor_menu = _menu(world.clients["contributor"].get(reverse("home")).content.decode())
    assert "1 unread notification" in contributor_menu and reverse("moderation:dashboard") not in contributor_menu
    assert reverse("moderation:dashboard") in _menu(world.clients["moderator"].get(reverse("home")).content.decode())
    for reader in ("anonymous", "outsider", "netmod", "leaver", "closed", "colleague"):
        menu = _menu(world.clients[reader].get(reverse("home")).content.decode())
        assert reverse("moderation:dashboard") not in menu, reader
        assert "unread notification" not in menu, reader
    assert reverse("network:list") not in _menu(world.clients["anonymous"].get(reverse("home")).content.decode())
    network_services.network_member_leave(
        membership=NetworkMembership.objects.get(network=world.network, user=world.users["contributor"]),
        actor=world.users["contributor"],
    )
    assert "unread notification" not in _menu(world.clients["contributor"].get(reverse("home")).content.decode())
