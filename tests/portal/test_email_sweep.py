"""Every kind of email the portal sends, swept for what its recipient would notice: written in
the recipient's own language (not the language of whoever caused it, nor of the request),
clean plain text (no template syntax, no "None", no HTML escapes), a one-line subject of a
sane length whatever was typed, links to this portal (``PORTAL_URL``) that open for the
recipient, the portal's own sender address, nothing to people who may no longer hear of it,
once only, and a user's action that survives a mail server that is down.

Each email kind is a scenario below; the same checks run on every scenario, for a recipient
who chose English and one who chose French, while the person who caused the email and the
request use the other language."""

import re
import smtplib
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta
from io import StringIO

import pytest
from django.conf import settings
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.core.management import call_command
from django.db import transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext
from mailer.models import PRIORITY_DEFERRED, RESULT_FAILURE, Message, MessageLog

from network import services as network_services
from network.models import Network, NetworkMembership, Report
from network.notify import digests_send
from portal import services as portal_services
from portal.models import Membership, Organisation, OrganisationType, User
from practices import services as practice_services
from practices.models import Practice
from tests.conftest import PASSWORD, make_user, with_totp
from tests.practices.factories import make_practice, publish_update

pytestmark = pytest.mark.django_db

PORTAL_URL = "https://portal.example.org"
# A title as a member may type it: markup, quotes and ampersands reach plain text as typed.
# Markup, an ampersand, quotes: what must reach an e-mail escaped once (no person's name: a given
# name in a practice's title is a personal-data finding, which holds its publication back).
NASTY = "<script>alert('x')</script> Bread & Salt's \"plan\""
LANGUAGES = ("en", "fr")
ESCAPES = ("&amp;", "&#x27;", "&#39;", "&quot;", "&lt;", "&gt;")
LEFTOVERS = ("{{", "}}", "{%", "%}", "%(", ")s", "None")
URL = re.compile(r"https?://[^\s<>\"“”«»]+")


class BrokenSMTPBackend(BaseEmailBackend):
    """A mail server that is down."""

    def send_messages(self, email_messages):
        raise smtplib.SMTPException("Connection refused")


@pytest.fixture(autouse=True)
def portal_settings(settings):
    settings.PORTAL_URL = PORTAL_URL
    settings.PORTAL_REQUIRE_MFA = False
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


def _other(language: str) -> str:
    return "fr" if language == "en" else "en"


def _client(user: User | None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


@dataclass
class World:
    """The people and places of one email, everyone reading the language the recipient does not."""

    language: str  # the recipient's
    capture: Callable
    organisation: Organisation
    contributor: User
    colleague: User
    org_admin: User
    moderator: User
    anonymous: Client = field(default_factory=Client)

    @property
    def other(self) -> str:
        return _other(self.language)

    def speaks(self, user: User) -> User:
        """``user`` chose the recipient's language (the others keep the other one)."""
        User.objects.filter(pk=user.pk).update(language=self.language)
        user.language = self.language
        return user

    def acting(self, action: Callable):
        """Run ``action`` as the sender would, in the other language, emails sent on commit."""
        with translation.override(self.other), self.capture(execute=True):
            return action()

    def network(self, *, name: str = NASTY, **extra) -> Network:
        network = network_services.network_create(
            actor=self.moderator, name=name, purpose="Exit work.", policy=extra.pop("policy", "invitation"), **extra
        )
        network_services.network_member_add(network=network, user=self.contributor, actor=self.moderator)
        return network


@pytest.fixture
def make_world(django_capture_on_commit_callbacks, db):
    def build(language: str) -> World:
        other = _other(language)
        kind = OrganisationType.objects.get(code="municipality")
        organisation = Organisation.objects.create(name=NASTY, type=kind, country="NO", verified=True)
        hub = Organisation.objects.create(name="Moderation team", type=kind, country="BE", verified=True)
        return World(
            language=language,
            capture=django_capture_on_commit_callbacks,
            organisation=organisation,
            contributor=make_user("contributor@ravnstad.example", organisation, display_name="Kari", language=other),
            colleague=make_user("colleague@ravnstad.example", organisation, display_name="Ola", language=other),
            org_admin=with_totp(
                make_user("admin@ravnstad.example", organisation, role="admin", display_name="Anne", language=other)
            ),
            moderator=with_totp(
                make_user("moderator@portal.example", hub, display_name="Mona", is_moderator=True, language=other)
            ),
        )

    return build


# The scenarios: each makes one kind of email reach one recipient ---------------------------


@dataclass
class Scenario:
    name: str
    run: Callable[[World], User]  # returns the recipient
    subject: str  # the subject's msgid (``%`` values given by ``params``)
    body: str  # a sentence of the body that holds no value
    shown: str = ""  # user-typed text the email must show as typed
    params: Callable[[World], dict] = lambda w: {}
    signed_in: bool = True  # whether the recipient follows the links signed in
    links: bool = True  # whether it links to the portal
    body_params: dict = field(default_factory=dict)


def _submitted(w: World) -> Practice:
    practice = make_practice(author=w.contributor, title=NASTY)
    w.acting(lambda: practice_services.practice_submit(practice=practice, actor=w.contributor))
    mail.outbox.clear()
    return practice


def _submitted_to(recipient: str) -> Callable[[World], User]:
    def run(w: World) -> User:
        user = w.speaks(getattr(w, recipient))
        practice = make_practice(author=w.contributor, title=NASTY)
        w.acting(lambda: practice_services.practice_submit(practice=practice, actor=w.contributor))
        return user

    return run


def _changes_requested(w: World) -> User:
    practice = _submitted(w)
    w.speaks(w.contributor)
    w.acting(
        lambda: practice_services.practice_request_changes(practice=practice, moderator=w.moderator, comment=NASTY)
    )
    return w.contributor


def _rejected(w: World) -> User:
    practice = _submitted(w)
    w.speaks(w.contributor)
    w.acting(lambda: practice_services.practice_reject(practice=practice, moderator=w.moderator, reason=NASTY))
    return w.contributor


def _published(w: World) -> User:
    practice = _submitted(w)
    w.speaks(w.contributor)
    w.acting(lambda: practice_services.practice_approve(practice=practice, moderator=w.moderator, comment=NASTY))
    return w.contributor


def _update_published(w: World) -> User:
    practice = make_practice(author=w.contributor, title=NASTY, publish=True)
    w.speaks(w.contributor)
    w.acting(lambda: publish_update(practice, editor=w.contributor, moderator=w.moderator, title=NASTY + " 2"))
    return w.contributor


def _withdrawn_to(recipient: str) -> Callable[[World], User]:
    def run(w: World) -> User:
        practice = make_practice(author=w.contributor, title=NASTY, publish=True)
        user = w.speaks(getattr(w, recipient))
        w.acting(lambda: practice_services.practice_withdraw_trusted(practice=practice, reason=NASTY))
        return user

    return run


def _membership_request(w: World) -> User:
    w.speaks(w.org_admin)
    applicant = make_user("applicant@elsewhere.example", display_name="Nils", language=w.other)
    w.acting(lambda: portal_services.membership_request(user=applicant, organisation=w.organisation))
    return w.org_admin


def _membership_decided(approve: bool) -> Callable[[World], User]:
    def run(w: World) -> User:
        applicant = w.speaks(make_user("applicant@elsewhere.example", display_name="Nils"))
        membership = Membership.objects.create(user=applicant, organisation=w.organisation)
        w.acting(lambda: portal_services.membership_decide(membership=membership, actor=w.org_admin, approve=approve))
        return applicant

    return run


def _invitation(w: World) -> User:
    network = w.network()
    w.speaks(w.colleague)
    w.acting(
        lambda: network_services.network_invitation_create(network=network, actor=w.moderator, email=w.colleague.email)
    )
    return w.colleague


def _join_request(w: World) -> User:
    network = w.network(policy=Network.Policy.REQUEST, listed=True)
    w.speaks(w.moderator)
    w.acting(lambda: network_services.network_join_request(network=network, user=w.colleague))
    return w.moderator


def _discussion(w: World, **network) -> tuple[Network, object]:
    room = w.network(**network)
    network_services.network_member_add(network=room, user=w.colleague, actor=w.moderator)
    thread = network_services.thread_create(network=room, actor=w.moderator, title=NASTY, body="Notes.")
    return room, thread


def _mention(w: World) -> User:
    _network, thread = _discussion(w)
    w.speaks(w.colleague)
    w.acting(lambda: network_services.post_create(thread=thread, actor=w.contributor, body="@Ola what now?"))
    return w.colleague


def _reply(w: World) -> User:
    _network, thread = _discussion(w)
    network_services.thread_subscription_set(thread=thread, user=w.colleague, subscribed=True)
    w.speaks(w.colleague)
    w.acting(lambda: network_services.post_create(thread=thread, actor=w.contributor, body="A reply."))
    return w.colleague


def _case_room(w: World) -> User:
    _room, thread = _discussion(
        w, is_case_room=True, retention_days=30, access_ends_on=timezone.localdate() + timedelta(days=30)
    )
    w.speaks(w.colleague)
    w.acting(lambda: network_services.post_create(thread=thread, actor=w.contributor, body="@Ola see this."))
    return w.colleague


def _report(w: World) -> User:
    _network, thread = _discussion(w)
    w.speaks(w.moderator)
    post = thread.posts.get()
    w.acting(lambda: network_services.post_report(post=post, actor=w.contributor, reason=Report.Reason.HARMFUL))
    return w.moderator


def _digest(w: World) -> User:
    network, thread = _discussion(w)
    NetworkMembership.objects.filter(network=network, user=w.colleague).update(email=NetworkMembership.Email.DIGEST)
    w.speaks(w.colleague)
    w.acting(lambda: network_services.post_create(thread=thread, actor=w.contributor, body="@Ola one"))
    w.acting(digests_send)
    return w.colleague


def _password_reset(w: World) -> User:
    w.speaks(w.contributor)
    w.anonymous.post(reverse("account_reset_password"), {"email": w.contributor.email}, HTTP_ACCEPT_LANGUAGE=w.other)
    return w.contributor


def _account_exists(w: World) -> User:
    w.speaks(w.contributor)
    data = {
        "email": w.contributor.email,
        "display_name": "Someone",
        "organisation": str(w.organisation.pk),
        "new_organisation": "",
        "password1": PASSWORD,
        "password2": PASSWORD,
    }
    w.anonymous.post(reverse("account_signup"), data, HTTP_ACCEPT_LANGUAGE=w.other)
    return w.contributor


def _organisation(w: World) -> dict:
    return {"organisation": w.organisation.name}


RESET = (  # allauth's
    "You're receiving this email because you or someone else has requested a password reset for your user "
    "account.\nIt can be safely ignored if you did not request a password reset. Click the link below to reset "
    "your password."
)
SCENARIOS = [
    Scenario(
        "submitted-to-moderator",
        _submitted_to("moderator"),
        "A practice was submitted for review",
        "Open it in the portal:",
        NASTY,
    ),
    Scenario(
        "submitted-to-admin",
        _submitted_to("org_admin"),
        "A practice was submitted for review",
        "Open it in the portal:",
        NASTY,
    ),
    Scenario("changes-requested", _changes_requested, "Changes requested on your practice", "Comment:", NASTY),
    Scenario("rejected", _rejected, "Your practice was not accepted", "Comment:", NASTY),
    Scenario("published", _published, "Your practice is published", "Open it in the portal:", NASTY),
    Scenario("update-published", _update_published, "Your update is published", "Open it in the portal:", NASTY),
    Scenario("withdrawn-to-moderator", _withdrawn_to("moderator"), "A practice was withdrawn", "Comment:", NASTY),
    # its one link is the contact page (the practice no longer opens for its author)
    Scenario("withdrawn-to-author", _withdrawn_to("contributor"), "A practice was withdrawn", "Comment:", NASTY),
    Scenario(
        "membership-request",
        _membership_request,
        "Someone asks to join %(organisation)s",
        "Review the request:",
        NASTY,
        _organisation,
    ),
    Scenario(
        "membership-approved",
        _membership_decided(True),
        "Your request to join %(organisation)s was approved",
        "",
        NASTY,
        _organisation,
    ),
    Scenario(
        "membership-declined",
        _membership_decided(False),
        "Your request to join %(organisation)s was declined",
        "",
        NASTY,
        _organisation,
    ),
    Scenario(
        "network-invitation",
        _invitation,
        "You are invited to a network",
        "Log in with this email address to accept the invitation:",
        NASTY,
    ),
    Scenario("network-join-request", _join_request, "Someone asks to join a network", "Decide on the portal:", NASTY),
    Scenario("mention", _mention, "You were mentioned in a network discussion", "Read it on the portal:", NASTY),
    Scenario("reply", _reply, "A new reply in a discussion you follow", "Read it on the portal:", NASTY),
    Scenario("case-room", _case_room, "New activity in a case room", "There is new activity for you in a case room."),
    Scenario("report", _report, "A post was reported", "Review it on the portal:", NASTY),
    Scenario("digest", _digest, "Your daily digest of network activity", "New for you in your networks:", NASTY),
    Scenario("password-reset", _password_reset, "Password Reset Email", RESET, signed_in=False),
    Scenario(
        "account-exists",
        _account_exists,
        "Account Already Exists",
        "Hello from %(site_name)s!",
        signed_in=False,
        body_params={"site_name": settings.PORTAL_NAME},
    ),
]


def _scenario(name: str) -> Scenario:
    return next(s for s in SCENARIOS if s.name == name)


CASES = [pytest.param(s, language, id=f"{s.name}-{language}") for s in SCENARIOS for language in LANGUAGES]


def _received(make_world, scenario: Scenario, language: str):
    w = make_world(language)
    mail.outbox.clear()
    recipient = scenario.run(w)
    messages = [m for m in mail.outbox if recipient.email in m.to]
    assert len(messages) == 1, f"{scenario.name}: {len(messages)} emails to the recipient"
    return w, recipient, messages[0]


def _translated(language: str, msgid: str, params: dict | None = None) -> str:
    with translation.override(language):
        text = gettext(msgid)
    return text % params if params else text


def _plain(text: str) -> str:
    """French typography's no-break spaces read as spaces; allauth's sentences may wrap."""
    return " ".join(text.replace("\xa0", " ").replace("\u202f", " ").split())


@pytest.mark.parametrize(("scenario", "language"), CASES)
def test_an_email_reaches_its_recipient_in_the_language_they_chose(make_world, scenario, language):
    w, _recipient, message = _received(make_world, scenario, language)
    subject = _translated(language, scenario.subject, scenario.params(w))
    assert _plain(message.subject) == _plain(settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + subject)
    if scenario.body:
        sentence = _translated(language, scenario.body, scenario.body_params)
        if language == "fr":
            assert sentence != _translated("en", scenario.body, scenario.body_params), "no French for this sentence"
        assert _plain(sentence) in _plain(message.body)
    assert message.extra_headers.get("Content-Language", language) == language


@pytest.mark.parametrize(("scenario", "language"), CASES)
def test_an_email_is_clean_plain_text_from_the_portal_to_its_recipient_alone(make_world, scenario, language):
    _w, recipient, message = _received(make_world, scenario, language)
    for text in (message.subject, message.body):
        for leftover in (*LEFTOVERS, *ESCAPES):
            assert leftover not in text.replace(NASTY, ""), f"{leftover!r} in {text!r}"
    if scenario.shown:
        assert scenario.shown in message.body  # as typed: plain text escapes nothing
    for content, mimetype in getattr(message, "alternatives", []):
        assert mimetype == "text/html"
        assert "<script>" not in content
    assert message.from_email == settings.DEFAULT_FROM_EMAIL
    assert message.to == [recipient.email] and message.cc == [] and message.bcc == []
    assert message.reply_to == []
    assert "\n" not in message.subject and "\r" not in message.subject
    assert len(message.subject) <= 160


@pytest.mark.parametrize(("scenario", "language"), CASES)
def test_every_link_in_an_email_is_on_this_portal_and_opens_for_its_recipient(make_world, scenario, language):
    _w, recipient, message = _received(make_world, scenario, language)
    links = URL.findall(message.body)
    assert bool(links) == scenario.links
    for link in links:
        assert link.startswith(PORTAL_URL + "/"), link
        path = link[len(PORTAL_URL) :].split("#")[0]
        client = _client(recipient if scenario.signed_in else None)
        response = client.get(path, follow=True)
        assert response.status_code == 200, (link, response.status_code)


def test_a_withdrawn_practice_s_email_offers_its_author_no_link_they_cannot_open(make_world):
    w, recipient, message = _received(make_world, _scenario("withdrawn-to-author"), "en")
    assert recipient == w.contributor
    response = _client(recipient).get(reverse("practices:detail", args=[Practice.objects.get().pk]), follow=True)
    assert response.status_code == 404  # withdrawn: moderators only
    assert reverse("practices:detail", args=[Practice.objects.get().pk]) not in message.body


# Nothing to people who may no longer hear of it ---------------------------------------------


def _leave(w: World, network: Network, user: User) -> None:
    network_services.network_member_leave(membership=network.memberships.get(user=user), actor=user)


def _ban(w: World, network: Network, user: User) -> None:
    network_services.network_member_remove(membership=network.memberships.get(user=user), actor=w.moderator, ban=True)


def _deactivate(w: World, network, user: User) -> None:
    User.objects.filter(pk=user.pk).update(is_active=False)


def _former(w: World, network, user: User) -> None:
    Membership.objects.filter(user=user).update(state=Membership.State.ENDED)


def _chose_none(w: World, network: Network, user: User) -> None:
    NetworkMembership.objects.filter(network=network, user=user).update(email=NetworkMembership.Email.NONE)


GONE = {
    "left": _leave,
    "banned": _ban,
    "deactivated": _deactivate,
    "former-member": _former,
    "chose-no-email": _chose_none,
}


@pytest.mark.parametrize("how", GONE)
@pytest.mark.parametrize("email", [NetworkMembership.Email.IMMEDIATE, NetworkMembership.Email.DIGEST])
@pytest.mark.parametrize("kind", ["mention", "reply"])
def test_no_network_email_reaches_someone_who_left_was_banned_deactivated_or_opted_out(make_world, how, email, kind):
    w = make_world("en")
    network, thread = _discussion(w)
    network_services.thread_subscription_set(thread=thread, user=w.colleague, subscribed=True)
    NetworkMembership.objects.filter(network=network, user=w.colleague).update(email=email)
    body = "@Ola, secret words." if kind == "mention" else "Secret words."
    if email == NetworkMembership.Email.IMMEDIATE:
        GONE[how](w, network, w.colleague)
        w.acting(lambda: network_services.post_create(thread=thread, actor=w.contributor, body=body))
    else:  # still there when the post is written, gone when the digest goes
        w.acting(lambda: network_services.post_create(thread=thread, actor=w.contributor, body=body))
        GONE[how](w, network, w.colleague)
    w.acting(digests_send)
    assert [m for m in mail.outbox if w.colleague.email in m.to] == []


PRACTICE_ACTIONS = {
    "changes-requested": lambda w, p: practice_services.practice_request_changes(
        practice=p, moderator=w.moderator, comment="Fix it."
    ),
    "rejected": lambda w, p: practice_services.practice_reject(practice=p, moderator=w.moderator, reason="No."),
    "published": lambda w, p: practice_services.practice_approve(practice=p, moderator=w.moderator),
}


@pytest.mark.parametrize("how", ["deactivated", "former-member"])
@pytest.mark.parametrize("action", PRACTICE_ACTIONS)
def test_no_practice_email_reaches_an_author_who_left_or_was_deactivated(make_world, how, action):
    w = make_world("en")
    practice = _submitted(w)
    GONE[how](w, None, w.contributor)
    w.acting(lambda: PRACTICE_ACTIONS[action](w, practice))
    assert [m for m in mail.outbox if w.contributor.email in m.to] == []
    assert [m for m in mail.outbox if w.org_admin.email in m.to], "the administrator still hears of it"


@pytest.mark.parametrize("approve", [True, False])
def test_no_membership_decision_reaches_a_deactivated_account(make_world, approve):
    w = make_world("en")
    applicant = make_user("applicant@elsewhere.example", display_name="Nils")
    membership = Membership.objects.create(user=applicant, organisation=w.organisation)
    User.objects.filter(pk=applicant.pk).update(is_active=False)
    membership.user.refresh_from_db()
    w.acting(lambda: portal_services.membership_decide(membership=membership, actor=w.org_admin, approve=approve))
    assert mail.outbox == []


@pytest.mark.parametrize("how", ["banned", "deactivated"])
def test_no_network_invitation_reaches_a_banned_member_or_a_deactivated_account(make_world, how):
    w = make_world("en")
    network, _thread = _discussion(w)
    GONE[how](w, network, w.colleague)
    w.acting(
        lambda: network_services.network_invitation_create(network=network, actor=w.moderator, email=w.colleague.email)
    )
    assert mail.outbox == []


def test_no_submission_email_reaches_a_deactivated_administrator(make_world):
    w = make_world("en")
    User.objects.filter(pk=w.org_admin.pk).update(is_active=False)
    _submitted_to("moderator")(w)
    assert [m for m in mail.outbox if w.org_admin.email in m.to] == []
    assert [m for m in mail.outbox if w.moderator.email in m.to]


@pytest.mark.parametrize(
    "scenario",
    [s for s in SCENARIOS if s.name in {"mention", "reply", "case-room", "digest", "report", "network-join-request"}],
    ids=lambda s: s.name,
)
def test_network_emails_quote_no_post_text(make_world, scenario):
    _w, _recipient, message = _received(make_world, scenario, "en")
    for words in ("Notes.", "what now", "A reply.", "see this", "@Ola one"):
        assert words not in message.body


@pytest.mark.parametrize(
    "scenario",
    [
        s
        for s in SCENARIOS
        if s.name.startswith(("submitted", "changes", "rejected", "published", "update", "withdrawn"))
    ],
    ids=lambda s: s.name,
)
def test_practice_emails_never_name_the_practice_s_contact_person(make_world, scenario):
    _w, _recipient, message = _received(make_world, scenario, "en")
    assert "desk@ravnstad.example" not in message.body and "Case desk" not in message.body


def test_a_case_room_email_names_neither_the_room_nor_the_thread(make_world):
    _w, _recipient, message = _received(make_world, _scenario("case-room"), "fr")
    assert NASTY not in message.body and NASTY not in message.subject


# One subject line, whatever was typed --------------------------------------------------------

TYPED_NAMES = {
    "crlf-header": "Evil\r\nBcc: spy@evil.example",
    "lf-header": "Evil\nX-Extra: 1",
    "cr": "Evil\rinjected",
    "longest": "Verein " + "x" * 193,
    "tabs": "Tab\tand\u2028line separator",
}


@pytest.mark.parametrize("name", TYPED_NAMES.values(), ids=TYPED_NAMES.keys())
@pytest.mark.parametrize("kind", ["request", "decided"])
def test_an_organisation_s_name_never_breaks_a_subject(make_world, name, kind):
    """The name is typed at sign-up (spaces collapsed there) or changed in the admin site (as typed)."""
    w = make_world("en")
    Organisation.objects.filter(pk=w.organisation.pk).update(name=name)
    w.organisation.refresh_from_db()
    if kind == "request":
        _membership_request(w)
        recipient = w.org_admin
    else:
        recipient = _membership_decided(True)(w)
    [message] = [m for m in mail.outbox if recipient.email in m.to]
    assert not any(mark in message.subject for mark in ("\n", "\r", "\t", "\u2028"))
    assert len(message.subject) <= 160
    written = message.message()  # the message can be written out, with no header of its own
    assert written["Subject"] is not None and written["Bcc"] is None and written["X-Extra"] is None


# Once only --------------------------------------------------------------------------------


def test_reporting_a_post_twice_emails_the_moderators_once(make_world):
    w = make_world("en")
    _network, thread = _discussion(w)
    post = thread.posts.get()
    for _ in range(2):
        w.acting(lambda: network_services.post_report(post=post, actor=w.contributor, reason=Report.Reason.HARMFUL))
    assert len([m for m in mail.outbox if w.moderator.email in m.to]) == 1


def test_asking_twice_to_join_a_network_emails_its_moderators_once(make_world):
    w = make_world("en")
    network = w.network(policy=Network.Policy.REQUEST, listed=True)
    for _ in range(2):
        w.acting(lambda: network_services.network_join_request(network=network, user=w.colleague))
    assert len([m for m in mail.outbox if w.moderator.email in m.to]) == 1


def test_a_membership_request_is_announced_once(make_world):
    w = make_world("en")
    applicant = make_user("applicant@elsewhere.example", display_name="Nils")
    membership = w.acting(lambda: portal_services.membership_request(user=applicant, organisation=w.organisation))
    w.acting(lambda: portal_services.membership_announce(membership=membership))
    assert len([m for m in mail.outbox if w.org_admin.email in m.to]) == 1


def test_the_digest_job_run_twice_sends_one_digest(make_world):
    _digest(w := make_world("en"))
    w.acting(digests_send)
    assert len([m for m in mail.outbox if w.colleague.email in m.to]) == 1


def test_a_reply_sent_twice_emails_its_followers_once(make_world):
    w = make_world("en")
    _network, thread = _discussion(w)
    network_services.thread_subscription_set(thread=thread, user=w.colleague, subscribed=True)
    for _ in range(2):
        w.acting(lambda: network_services.post_create(thread=thread, actor=w.contributor, body="Same reply."))
    assert len([m for m in mail.outbox if w.colleague.email in m.to]) == 1


def test_submitting_a_practice_twice_emails_the_moderators_once(make_world):
    w = make_world("en")
    practice = make_practice(author=w.contributor, title=NASTY)
    client = _client(w.contributor)
    with w.capture(execute=True):
        for _ in range(2):
            client.post(reverse("practices:submit", args=[practice.pk]), {"change_summary": ""})
    assert Practice.objects.get(pk=practice.pk).status == Practice.Status.SUBMITTED
    assert len([m for m in mail.outbox if w.moderator.email in m.to]) == 1


# A mail server that is down ---------------------------------------------------------------

ACTIONS_THAT_EMAIL = [
    "submitted-to-moderator",
    "published",
    "membership-request",
    "network-invitation",
    "mention",
    "report",
]


@pytest.mark.parametrize("name", ACTIONS_THAT_EMAIL)
def test_a_mail_server_that_is_down_does_not_break_the_action_that_emails(make_world, settings, name):
    settings.EMAIL_BACKEND = f"{__name__}.BrokenSMTPBackend"
    w = make_world("en")
    _scenario(name).run(w)  # the on-commit callbacks ran, raising nothing to the user's action
    assert mail.outbox == []


@pytest.mark.parametrize("name", ["password-reset", "account-exists"])
def test_a_mail_server_that_is_down_does_not_break_an_account_page(make_world, settings, name):
    settings.EMAIL_BACKEND = f"{__name__}.BrokenSMTPBackend"
    w = make_world("en")
    w.anonymous.raise_request_exception = True
    _scenario(name).run(w)


def test_a_digest_that_could_not_be_sent_goes_with_the_next_run(make_world, settings):
    w = make_world("en")
    network, thread = _discussion(w)
    NetworkMembership.objects.filter(network=network, user=w.colleague).update(email=NetworkMembership.Email.DIGEST)
    w.acting(lambda: network_services.post_create(thread=thread, actor=w.contributor, body="@Ola one"))
    settings.EMAIL_BACKEND = f"{__name__}.BrokenSMTPBackend"
    assert w.acting(digests_send) == 0
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert w.acting(digests_send) == 1
    assert len([m for m in mail.outbox if w.colleague.email in m.to]) == 1


# The outbox (production's default, PORTAL_EMAIL_OUTBOX): delayed while the server is down, never lost.

OUTBOX_CASES = [*ACTIONS_THAT_EMAIL, "password-reset", "account-exists"]


@pytest.fixture
def outbox(settings):
    """Production's mail path: every e-mail goes through the outbox, then a server that is down."""
    settings.EMAIL_BACKEND = "mailer.backend.DbBackend"
    settings.MAILER_EMAIL_BACKEND = f"{__name__}.BrokenSMTPBackend"
    return settings


@pytest.mark.parametrize("name", OUTBOX_CASES)
def test_an_email_the_mail_server_refused_waits_in_the_outbox_and_goes_once_it_is_back(make_world, outbox, name):
    w = make_world("en")
    w.anonymous.raise_request_exception = True
    recipient = _scenario(name).run(w)  # the user's action succeeds: the e-mail is a row of the outbox
    queued = [m.pk for m in Message.objects.all() if recipient.email in m.to_addresses]
    assert len(queued) == 1 and mail.outbox == []

    call_command("send_mail")  # the scheduler's job, every minute: the server refuses, the e-mail waits
    call_command("send_mail")
    assert Message.objects.get(pk=queued[0]).priority == PRIORITY_DEFERRED and mail.outbox == []
    assert MessageLog.objects.filter(result=RESULT_FAILURE).exists()
    assert not MessageLog.objects.exclude(message_data="").exclude(message_data__isnull=True).exists()

    outbox.MAILER_EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"  # the server is back
    call_command("send_mail")  # a deferred e-mail waits for retry_deferred (every ten minutes)
    assert mail.outbox == []
    call_command("retry_deferred")
    call_command("send_mail")
    received = [m for m in mail.outbox if m.to == [recipient.email]]
    assert len(received) == 1
    assert not Message.objects.exists()
    call_command("retry_deferred")
    call_command("send_mail")
    assert len([m for m in mail.outbox if m.to == [recipient.email]]) == 1  # sent once


def test_an_email_written_in_a_transaction_that_rolls_back_never_leaves_the_outbox(make_world, outbox):
    w = make_world("en")
    with pytest.raises(RuntimeError), transaction.atomic():
        _scenario("membership-request").run(w)
        assert Message.objects.exists()
        raise RuntimeError("the action failed after writing its e-mail")
    assert not Message.objects.exists()


def test_the_outbox_log_is_forgotten_after_the_configured_days(make_world, outbox):
    outbox.MAIL_LOG_DAYS = 30
    w = make_world("en")
    _mention(w)
    call_command("send_mail")
    assert MessageLog.objects.exists()
    MessageLog.objects.update(when_attempted=timezone.now() - timedelta(days=29))
    call_command("purge_mail_log_old", stdout=StringIO())
    assert MessageLog.objects.exists()
    MessageLog.objects.update(when_attempted=timezone.now() - timedelta(days=31))
    call_command("purge_mail_log_old", stdout=StringIO())
    assert not MessageLog.objects.exists()
