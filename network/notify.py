"""Notifications of network activity: rows for the notifications page, and emails, each in
its recipient's language (``portal.notifications``; subjects are lazy translations).

Emails carry no post text. Case-room emails carry nothing at all of the room (no
name, no title): only a link, since a case room's content never leaves the instance.
Every recipient's access is checked when an email is sent (digests: at send time).

Every email goes through ``portal.notifications.deliver``: in production into the outbox, which
keeps what the mail server refuses until it is back (docs/OPERATIONS.md, "Emails"). Without the
outbox a digest the server refuses is still not lost: its notifications stay waiting for the
next run; other emails are logged and dropped.
"""

import logging
from collections import defaultdict
from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from network import access
from network.badge import badge_changed
from network.mentions import prime_memberships, public_name
from network.models import REPORT_KINDS, Network, NetworkMembership, Notification, Post, Report, ThreadSubscription
from portal.models import User
from portal.notifications import deliver, email_language, moderators, notify, render_email

Email = NetworkMembership.Email
logger = logging.getLogger(__name__)


def email_invitation(*, address: str, invitation, token: str) -> None:
    """The invitation email, to an address that may not have an account yet: in the language of
    the account with that address, if there is one, otherwise in the portal's. Nothing goes to a
    deactivated account, nor to a member banned from the network (neither could join)."""
    account = User.objects.filter(email__iexact=address).only("language", "is_active").first()
    if account is not None and not _may_be_invited(account, invitation.network):
        return
    language = email_language(account)
    subject, body = render_email(
        language=language,
        subject=_("You are invited to a network"),
        template="network/email/invitation.txt",
        context={"invitation": invitation, "network": invitation.network, "token": token},
    )
    transaction.on_commit(lambda: deliver(subject=subject, body=body, address=address, language=language))


def _may_be_invited(account: User, network: Network) -> bool:
    if not account.is_active:
        return False
    banned = NetworkMembership.objects.filter(network=network, user=account, state=NetworkMembership.State.BANNED)
    return not banned.exists()


def network_moderators(network: Network) -> list[User]:
    """Active network moderators who still have portal access; the portal's moderators if none."""
    users = list(
        User.objects.filter(
            is_active=True,
            network_memberships__network=network,
            network_memberships__state=NetworkMembership.State.ACTIVE,
            network_memberships__role=NetworkMembership.Role.MODERATOR,
        )
    )
    prime_memberships(users)
    return [u for u in users if access.may_use_networks(u)] or moderators()


def notify_moderators(*, network: Network, subject: str | Promise, template: str, item=None) -> None:
    """``item``: the request or report the email is about, which its link opens."""
    notify(
        recipients=network_moderators(network),
        subject=subject,
        template=template,
        context={"network": network, "item": item},
    )


def notify_request_decided(*, join_request) -> None:
    """Tell the person who asked to join whether they were let in (never who decided)."""
    approved = join_request.state == join_request.State.APPROVED
    notify(
        recipients=[join_request.user],
        subject=_("Your request to join a network is approved")
        if approved
        else _("Your request to join a network was not accepted"),
        template="network/email/request_decided.txt",
        context={"network": join_request.network, "approved": approved},
    )


def notify_membership_ended(*, membership: NetworkMembership) -> None:
    """Tell a removed or banned member that their access ended (never who ended it; a case room
    is not named)."""
    notify(
        recipients=[membership.user],
        subject=_("Your membership of a network has ended"),
        template="network/email/membership_ended.txt",
        context={"network": membership.network, "banned": membership.state == NetworkMembership.State.BANNED},
    )


def notify_post_hidden(*, post: Post, actor: User) -> None:
    """Tell a post's author that a moderator hid it, with the moderator's reason if one was given
    (never who hid it, never the post's text): to the author alone, while they are a member, unless
    they chose no email. A case room's email carries nothing of the room, the reason included."""
    author = post.author
    if author is None or author.pk == actor.pk:
        return
    network = post.thread.network
    membership = _live_members(network, [author]).get(author.pk)
    if membership is None or membership.email == Email.NONE:
        return
    notify(
        recipients=[author],
        subject=_("A moderator hid one of your posts"),
        template="network/email/post_hidden.txt",
        context={"post": post, "thread": post.thread, "network": network, "reason": post.hidden_reason},
    )


def notify_report_handled(*, report: Report, post: Post, actor: User) -> None:
    """Tell the member who reported ``post`` that their report was handled and whether the post
    was hidden: in their notifications, and by email as their membership's setting says (at once,
    in the digest, or not). Never who handled it, never the moderator's reason."""
    reporter = report.reporter
    if reporter is None or reporter.pk == actor.pk:
        return
    network = post.thread.network
    membership = _live_members(network, [reporter]).get(reporter.pk)
    if membership is None:
        return
    hidden = report.state == Report.State.HIDDEN
    kind = Notification.Kind.REPORT_HIDDEN if hidden else Notification.Kind.REPORT_KEPT
    now = timezone.now()
    handled = None if membership.email == Email.DIGEST else now
    # One row per person and post: the outcome takes the place of an earlier mention or reply.
    Notification.objects.update_or_create(
        recipient=reporter,
        post=post,
        defaults={"kind": kind, "created_at": now, "read_at": None, "emailed_at": handled},
    )
    if membership.email != Email.IMMEDIATE:
        return
    notify(
        recipients=[reporter],
        subject=_("Your report of a network post was handled"),
        template="network/email/report_handled.txt",
        context={"post": post, "thread": post.thread, "network": network, "hidden": hidden},
    )


def _live_members(network: Network, users: list[User]) -> dict[int, NetworkMembership]:
    """Of ``users``, those with live access to ``network``, with their membership."""
    rows = NetworkMembership.objects.filter(
        network=network, user_id__in=[u.pk for u in users], state=NetworkMembership.State.ACTIVE
    )
    by_user = {m.user_id: m for m in rows}
    prime_memberships(users)
    if network.access_has_ended():
        return {}
    return {u.pk: by_user[u.pk] for u in users if u.pk in by_user and access.may_use_networks(u)}


def _subscribers(post: Post, exclude: set[int]) -> list[User]:
    rows = ThreadSubscription.objects.filter(thread_id=post.thread_id).exclude(user_id__in=exclude)
    return list(User.objects.filter(pk__in=rows.values("user_id"), is_active=True))


def notify_post(*, post: Post, mentioned: list[User], replies: bool = True) -> None:
    """Notify the members mentioned in ``post`` and, for a new post, the thread's subscribers."""
    network = post.thread.network
    exclude = {pk for pk in (post.author_id, *(u.pk for u in mentioned)) if pk is not None}
    wanted = [(u, Notification.Kind.MENTION) for u in mentioned if u.pk != post.author_id]
    if replies:
        wanted += [(u, Notification.Kind.REPLY) for u in _subscribers(post, exclude)]
    live = _live_members(network, [u for u, _kind in wanted])
    now = timezone.now()
    by_kind: dict[Notification.Kind, list[User]] = defaultdict(list)
    rows = []
    for user, kind in wanted:
        membership = live.get(user.pk)
        if membership is None:
            continue
        immediate = membership.email == Email.IMMEDIATE
        handled = None if membership.email == Email.DIGEST else now
        rows.append(Notification(recipient=user, post=post, kind=kind, created_at=now, emailed_at=handled))
        if immediate:
            by_kind[kind].append(user)
    Notification.objects.bulk_create(rows, ignore_conflicts=True)
    badge_changed()  # bulk_create sends no post_save
    for kind, users in by_kind.items():
        _email_post(post=post, kind=kind, recipients=users)


def _email_post(*, post: Post, kind: str, recipients: list[User]) -> None:
    network = post.thread.network
    if network.is_case_room:
        subject = _("New activity in a case room")
    elif kind == Notification.Kind.MENTION:
        subject = _("You were mentioned in a network discussion")
    else:
        subject = _("A new reply in a discussion you follow")
    context = {
        "post": post,
        "thread": post.thread,
        "network": network,
        "kind": kind,
        "author_name": public_name(post.author) if post.author else "",
    }
    notify(recipients=recipients, subject=subject, template="network/email/post.txt", context=context)


# Daily digests -----------------------------------------------------------------------------


def _digest_items(user: User, notifications: list[Notification]) -> list[Notification]:
    """What ``user`` may still receive, checked now: live membership choosing the digest,
    and a post still visible."""
    items = []
    for notification in notifications:
        network = notification.post.thread.network
        membership = access.membership_of(user, network)
        if membership is None or membership.email != Email.DIGEST:
            continue
        if notification.post.is_visible or notification.kind in REPORT_KINDS:
            items.append(notification)
    return items


class DigestNotSent(Exception):
    """The mail server refused a digest: its notifications stay waiting."""


def digests_send(*, now: datetime | None = None) -> int:
    """Email each member one digest of their waiting notifications; returns the emails sent.
    Every waiting notification is marked handled, sent or not (nothing of a removed member is
    sent later), except those of a digest the mail server refused: they go with the next run."""
    now = now or timezone.now()
    waiting = list(
        Notification.objects.filter(emailed_at__isnull=True)
        .select_related("recipient", "post", "post__author", "post__thread", "post__thread__network")
        .order_by("recipient_id", "created_at", "pk")
    )
    by_user: dict[int, list[Notification]] = defaultdict(list)
    for notification in waiting:
        by_user[notification.recipient_id].append(notification)
    sent = 0
    for notifications in by_user.values():
        user = notifications[0].recipient
        try:
            with transaction.atomic():
                Notification.objects.filter(pk__in=[n.pk for n in notifications]).update(emailed_at=now)
                items = _digest_items(user, notifications)
                if items:
                    _email_digest(user, items)
                    sent += 1
        except DigestNotSent:
            continue  # the marks are rolled back: waiting for the next run
    return sent


def _email_digest(user: User, items: list[Notification]) -> None:
    """Sent now, inside the transaction that marks the notifications handled, so that a refusal
    undoes the marks: raises ``DigestNotSent`` when the mail server refuses it."""
    if not user.is_active or not user.email:
        return
    prime_memberships([n.post.author for n in items if n.post.author])
    lines = [{"notification": n, "author_name": public_name(n.post.author) if n.post.author else ""} for n in items]
    language = email_language(user)
    subject, body = render_email(
        language=language,
        subject=_("Your daily digest of network activity"),
        template="network/email/digest.txt",
        context={"lines": lines},
    )
    try:
        deliver(subject=subject, body=body, address=user.email, language=language, fail_silently=False)
    except OSError as error:
        logger.warning("The mail server refused a digest to %s; it goes with the next run.", user.email, exc_info=True)
        raise DigestNotSent from error
