"""Reads of networks and their people: the lists of networks, members and their profiles,
mention suggestions, bans, invitations, requests to join, reports and the moderation queues."""

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from allauth.account.models import EmailAddress
from django.core.paginator import Page, Paginator
from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet
from django.utils import timezone
from django.utils.text import Truncator

from network import access
from network.mentions import member_url, mentionable_members, prime_memberships, public_name, unknown_names
from network.models import Invitation, JoinRequest, Network, NetworkMembership, Post, Report, Thread
from network.selectors.threads import Visible, _with_read_state
from portal.access import display_name, is_verified_member
from portal.text import html_text

# The list of networks ----------------------------------------------------------------------


def my_networks_page(*, user, networks: list[Network], number, per_page: int) -> Page:
    """One page of ``networks`` (``access.readable_networks(user)``, already read: the page costs no
    COUNT), each with ``unread`` (threads with posts ``user`` has not read)."""
    page = Paginator(networks, per_page).get_page(number)
    rows = list(page.object_list)
    unread = (
        _with_read_state(Thread.objects.filter(network__in=[n.pk for n in rows]), user)
        .filter(Q(last_read_at__isnull=True) | Q(last_post_at__gt=F("last_read_at")))
        .values("network_id")
        .annotate(count=Count("pk"))
        .order_by()
    )
    counts = {row["network_id"]: row["count"] for row in unread} if rows else {}
    for network in rows:
        network.unread = counts.get(network.pk, 0)
    page.object_list = rows
    return page


def joinable_networks_page(*, user, exclude: list[int], number, per_page: int) -> Page | None:
    """One page of the listed networks a verified member may ask to join (name, purpose and policy
    only), by name; None for anyone else."""
    if not is_verified_member(user):
        return None
    pending = JoinRequest.objects.filter(network=OuterRef("pk"), user_id=user.pk, state=JoinRequest.State.PENDING)
    banned = NetworkMembership.objects.filter(
        network=OuterRef("pk"), user_id=user.pk, state=NetworkMembership.State.BANNED
    )
    networks = (
        Network.objects.filter(listed=True, is_case_room=False)
        .exclude(pk__in=exclude)
        .exclude(Exists(banned))  # a request would be refused: not offered
        .annotate(requested=Exists(pending))
        .order_by("name", "pk")
    )
    return Paginator(networks, per_page).get_page(number)


# Members and moderation --------------------------------------------------------------------


def members_page(*, network: Network, number, per_page: int, moderates: bool = False) -> Page:
    """One page of the network's active members, moderators first, each with its ``page_url``:
    those who may read the network now (``access.may_use_networks_q``). A member whose portal
    access has lapsed (they left their organisation, it lost its verification) keeps the
    membership, which returns with the access, but is listed to the network's moderators only, as
    ``has_access`` False: to the other members the list says who reads what they post, and never
    that a colleague left their organisation."""
    members = (
        NetworkMembership.objects.filter(network=network, state=NetworkMembership.State.ACTIVE)
        .select_related("user")
        .annotate(has_access=access.may_use_networks_q("user"))
        .order_by("-role", "user__display_name", "pk")
    )
    if not moderates:
        members = members.filter(has_access=True)
    page = Paginator(members, per_page).get_page(number)
    rows = list(page.object_list)
    prime_memberships([m.user for m in rows])
    for membership in rows:
        membership.page_url = member_url(network.pk, public_name(membership.user))
    page.object_list = rows
    return page


MEMBER_RECENT_POSTS = 10


@dataclass(frozen=True)
class MemberProfile:
    """What a member page shows: ``organisation`` is "" when the reader may not know who is
    behind a pseudonym (an organisation narrows it down)."""

    membership: NetworkMembership
    name: str
    organisation: str
    posts: list[Post]


def member_profile(*, viewer, membership: NetworkMembership) -> MemberProfile:
    """A member's page in their network (``membership`` from ``access.member_for_reader``):
    their name as ``viewer`` may see it, organisation, role and latest visible posts there."""
    person = membership.user
    prime_memberships([person])
    name = display_name(viewer=viewer, person=person)
    approved = person.__dict__.get("membership")
    knows = not person.pseudonym or name != person.pseudonym
    posts = list(
        Post.objects.filter(thread__network_id=membership.network_id, author_id=person.pk, state=Visible)
        .select_related("thread")
        .order_by("-created_at", "-pk")[:MEMBER_RECENT_POSTS]
    )
    for post in posts:
        post.excerpt = Truncator(html_text(post.body_html)).words(30)
    organisation = approved.organisation.name if approved is not None and knows else ""
    return MemberProfile(membership=membership, name=name, organisation=organisation, posts=posts)


MENTION_SUGGESTIONS = 8


def mention_suggestions(*, user, network: Network, prefix: str, limit: int = MENTION_SUGGESTIONS) -> list[str]:
    """Names that complete ``@prefix`` in ``network``: its other active members with live portal
    access, by the name members are shown by (``public_name``: the pseudonym when there is one),
    those starting with the prefix first, then those with a word starting with it. A real name
    behind a pseudonym is never matched, so a suggestion never tells who uses a pseudonym."""
    wanted = " ".join((prefix or "").split()).casefold()
    if not wanted or len(wanted) > 50:
        return []
    ranked = []
    for member in mentionable_members(network):
        if member.pk == user.pk or not access.may_use_networks(member):
            continue
        name = public_name(member)
        folded = name.casefold()
        if folded.startswith(wanted):
            ranked.append((0, folded, name))
        elif any(word.startswith(wanted) for word in folded.split()):
            ranked.append((1, folded, name))
    return [name for _rank, _folded, name in sorted(ranked)[:limit]]


def bans_page(*, network: Network, number, per_page: int) -> Page:
    """One page of the people banned from the network, newest ban first, each with its user."""
    bans = (
        NetworkMembership.objects.filter(network=network, state=NetworkMembership.State.BANNED)
        .select_related("user")
        .order_by("-ended_at", "-pk")
    )
    page = Paginator(bans, per_page).get_page(number)
    rows = list(page.object_list)
    prime_memberships([m.user for m in rows])
    page.object_list = rows
    return page


def has_pending_request(*, user, network: Network) -> bool:
    return JoinRequest.objects.filter(network=network, user_id=user.pk, state=JoinRequest.State.PENDING).exists()


def is_banned_from(*, user, network: Network) -> bool:
    """Whether ``user`` is banned from ``network`` (their request to join would be refused)."""
    state = NetworkMembership.State.BANNED
    return NetworkMembership.objects.filter(network=network, user_id=user.pk, state=state).exists()


def pending_requests_page(*, network: Network, number, per_page: int) -> Page:
    """One page of the network's pending requests to join, oldest first (the order a moderator
    works through them), each with its user."""
    requests = (
        JoinRequest.objects.filter(network=network, state=JoinRequest.State.PENDING)
        .select_related("user")
        .order_by("created_at", "pk")
    )
    page = Paginator(requests, per_page).get_page(number)
    rows = list(page.object_list)
    prime_memberships([r.user for r in rows])
    page.object_list = rows
    return page


def next_in_queue(item: JoinRequest | Report) -> JoinRequest | Report | None:
    """The request or report a moderator goes on to after deciding ``item``: the next one still
    waiting in the queue's order (oldest first), or the one before it when ``item`` was the last."""
    waiting: QuerySet[Any]
    if isinstance(item, JoinRequest):
        waiting = JoinRequest.objects.filter(network_id=item.network_id, state=JoinRequest.State.PENDING)
    else:
        waiting = Report.objects.filter(post__thread__network_id=item.post.thread.network_id, state=Report.State.OPEN)
    waiting = waiting.exclude(pk=item.pk)
    after = Q(created_at__gt=item.created_at) | Q(created_at=item.created_at, pk__gt=item.pk)
    following = waiting.filter(after).order_by("created_at", "pk").first()
    return following or waiting.exclude(after).order_by("-created_at", "-pk").first()


def _usable_invitations() -> QuerySet[Invitation]:
    """Not accepted, not expired: revoking or declining an invitation ends it (``expires_at``)."""
    return Invitation.objects.filter(accepted_at__isnull=True, expires_at__gt=timezone.now())


def open_invitations_of(*, network: Network) -> QuerySet[Invitation]:
    return _usable_invitations().filter(network=network).order_by("-created_at", "-pk")


def _verified_address(user) -> Q:
    """Invitations sent to ``user``'s own address, once that address is verified."""
    verified = EmailAddress.objects.filter(user_id=user.pk, email__iexact=user.email, verified=True)
    return Q(email__iexact=user.email or "") & Q(Exists(verified))


def networks_moderated_alone(*, user) -> list[Network]:
    """The networks of which ``user`` is the only active moderator (another active account
    moderating there would keep the network moderated once they left), by name."""
    others = NetworkMembership.objects.filter(
        network=OuterRef("network"), state=NetworkMembership.State.ACTIVE, role=NetworkMembership.Role.MODERATOR
    ).exclude(user=user)
    mine = NetworkMembership.objects.filter(
        user=user, state=NetworkMembership.State.ACTIVE, role=NetworkMembership.Role.MODERATOR
    ).exclude(Exists(others.filter(user__is_active=True)))
    return list(Network.objects.filter(pk__in=mine.values("network_id")).order_by("name", "pk"))


def invitations_for(*, user) -> list[Invitation]:
    """Usable invitations sent to ``user``'s verified address, with their network (name and
    purpose only are shown). Nothing for anyone who may not use networks."""
    if not access.may_use_networks(user) or not user.email:
        return []
    return list(_usable_invitations().filter(_verified_address(user)).select_related("network").order_by("pk"))


def open_reports_page(*, network: Network, number, per_page: int) -> Page:
    """One page of the network's open reports, oldest first, each with its post, thread and people."""
    reports = (
        Report.objects.filter(post__thread__network=network, state=Report.State.OPEN)
        .select_related("post", "post__author", "post__thread", "reporter")
        .order_by("created_at", "pk")
    )
    page = Paginator(reports, per_page).get_page(number)
    rows = list(page.object_list)
    prime_memberships([person for r in rows for person in (r.post.author, r.reporter) if person])
    page.object_list = rows
    return page


def open_reports_by_network(*, user) -> list[Mapping[str, Any]]:
    """For the moderators' dashboard: each network with open reports that ``user`` moderates,
    as ``{"network_id", "name", "is_case_room", "count"}``, most reports first. One query."""
    if not access.is_moderator(user):
        return []
    rows = (
        Report.objects.filter(state=Report.State.OPEN)
        .values(
            network_id=F("post__thread__network_id"),
            name=F("post__thread__network__name"),
            is_case_room=F("post__thread__network__is_case_room"),
        )
        .annotate(count=Count("pk"))
        .order_by("-count", "name", "network_id")
    )
    return list(rows)


def queue_counts(*, network: Network) -> dict[str, int]:
    return {
        "requests": JoinRequest.objects.filter(network=network, state=JoinRequest.State.PENDING).count(),
        "reports": Report.objects.filter(post__thread__network=network, state=Report.State.OPEN).count(),
    }


# Mentions that match nobody ----------------------------------------------------------------


def unknown_mentions(*, network: Network, body: str) -> list[str]:
    """The ``@names`` in ``body`` that match no member of ``network``, as typed, each once
    (outside code and links, as mentions link: network.mentions.unknown_names). Names that do
    match are taken out first (longest first), so a member called "Anna Berg" leaves no "@Anna"
    behind."""
    return unknown_names(body, network_id=network.pk, members=mentionable_members(network))
