"""Who may see and do what in networks: the one place that decides.

Every check runs on every request, against the portal membership as well as the
network membership: a user whose portal membership ends, or whose network
membership ends or expires, loses access at once. Everything fails closed, and a
private object someone may not see answers 404 (never 403), so that its existence
is not revealed. Portal moderators are moderators of every network.
"""

from datetime import timedelta

from django.db.models import Exists, OuterRef, Q
from django.http import Http404
from django.utils import timezone

from network.models import Invitation, JoinRequest, Network, NetworkMembership, Post, Report, Thread, token_hash
from portal.access import display_name, holds_moderator_role, is_moderator, is_verified_member, signed_in
from portal.models import AuditEvent, Membership
from portal.prepared import PreparedQuery

State = NetworkMembership.State
Active = State.ACTIVE


def may_use_networks(user) -> bool:
    """Verified members of the portal, and portal moderators (who read networks they are no
    member of only with their second factor: ``can_read`` asks ``is_moderator``)."""
    if holds_moderator_role(user):
        return True
    return is_verified_member(user)


def may_use_networks_q(user_path: str) -> Q:
    """``may_use_networks`` of the user at ``user_path`` (a foreign key to users, e.g. "user"; "" for
    users themselves), as a filter for lists: the portal's moderators, and approved members of a
    verified organisation, whose account is open (a closed or deactivated one signs in no more).
    tests/network/test_members_page_access.py checks it answers as ``may_use_networks``."""
    field = f"{user_path}__" if user_path else ""
    approved = Membership.objects.filter(
        user_id=OuterRef(f"{user_path}_id" if user_path else "pk"),
        state=Membership.State.APPROVED,
        organisation__verified=True,
    )
    moderator = Q(**{f"{field}is_moderator": True}) | Q(**{f"{field}is_superuser": True})
    return Q(Q(**{f"{field}is_active": True}), moderator | Q(Exists(approved)))


def membership_of(user, network: Network) -> NetworkMembership | None:
    """The user's live membership of ``network``: active, not expired, portal access intact."""
    if not may_use_networks(user):
        return None
    if network.access_has_ended():
        return None
    cache = user.__dict__.setdefault("_network_memberships", {})
    if network.pk not in cache:
        cache[network.pk] = NetworkMembership.objects.filter(network=network, user=user, state=Active).first()
    return cache[network.pk]


def can_read(user, network: Network) -> bool:
    if not may_use_networks(user):
        return False
    if is_moderator(user):
        return True
    return membership_of(user, network) is not None


def can_moderate(user, network: Network) -> bool:
    if not may_use_networks(user):
        return False
    if is_moderator(user):
        return True
    membership = membership_of(user, network)
    return membership is not None and membership.is_moderator


def can_change_standing(user, membership: NetworkMembership) -> bool:
    """Removing, banning or demoting a member: the network's moderators, except that a network
    moderator's standing is changed by portal moderators only (a network moderator may step down)."""
    if not can_moderate(user, membership.network):
        return False
    if membership.role != NetworkMembership.Role.MODERATOR:
        return True
    return is_moderator(user) or membership.user_id == user.pk


def can_change_settings(user, network: Network) -> bool:
    """Name, purpose, membership policy, listing: the network's moderators."""
    return can_moderate(user, network)


def can_change_case_room_terms(user, network: Network) -> bool:
    """A case room's closing date and retention period bound what its members may see and
    how long its content lives: portal moderators set them at creation and alone change them."""
    if not network.is_case_room:
        return False
    if not can_change_settings(user, network):
        return False
    return is_moderator(user)


def can_post(user, thread: Thread) -> bool:
    if not can_read(user, thread.network):
        return False
    if thread.locked:
        return can_moderate(user, thread.network)
    return True


def can_edit_post(user, post: Post) -> bool:
    if not can_post(user, post.thread):
        return False
    if not post.is_visible:
        return False
    return post.author_id == user.pk


def can_see_post_text(user, post: Post) -> bool:
    """Deleted and hidden posts stay readable to moderators only."""
    if post.is_visible:
        return True
    return can_moderate(user, post.thread.network)


def network_for_member(*, user, pk: int) -> Network:
    """The network ``pk`` if ``user`` may read it; 404 otherwise."""
    network = Network.objects.filter(pk=pk).first()
    if network is None:
        raise Http404
    if not can_read(user, network):
        raise Http404
    return network


def network_for_moderator(*, user, pk: int) -> Network:
    network = network_for_member(user=user, pk=pk)
    if not can_moderate(user, network):
        raise Http404
    return network


def network_for_visitor(*, user, pk: int) -> Network:
    """A network's public face (name, purpose, how to join): to its readers, and to
    verified members when it is listed. Unlisted networks 404 to non-members."""
    network = Network.objects.filter(pk=pk).first()
    if network is None:
        raise Http404
    if not may_use_networks(user):
        raise Http404
    if can_read(user, network):
        return network
    if not network.listed:
        raise Http404
    if network.is_case_room:
        raise Http404
    return network


def thread_for_member(*, user, pk: int) -> Thread:
    return readable_thread(user=user, thread=Thread.objects.select_related("network").filter(pk=pk).first())


def readable_thread(*, user, thread: Thread | None) -> Thread:
    """``thread`` (read with its network) if ``user`` may read it; otherwise 404."""
    if thread is None:
        raise Http404
    if not can_read(user, thread.network):
        raise Http404
    return thread


def thread_for_moderator(*, user, pk: int) -> Thread:
    thread = thread_for_member(user=user, pk=pk)
    if not can_moderate(user, thread.network):
        raise Http404
    return thread


def post_for_member(*, user, pk: int) -> Post:
    """A post whose text ``user`` may read (moderators: hidden and deleted ones too)."""
    post = Post.objects.select_related("thread", "thread__network", "author").filter(pk=pk).first()
    if post is None:
        raise Http404
    if not can_read(user, post.thread.network):
        raise Http404
    if not can_see_post_text(user, post):
        raise Http404
    return post


def post_place_for_member(*, user, pk: int) -> Post:
    """A post of a network ``user`` may read, whatever its state: where a link to it leads (the
    thread page shows the place of a hidden or deleted post, not its text). Callers show nothing of
    the post but its state; its text stays behind ``post_for_member``."""
    post = Post.objects.select_related("thread", "thread__network").filter(pk=pk).first()
    if post is None:
        raise Http404
    if not can_read(user, post.thread.network):
        raise Http404
    return post


def own_post_for_author(*, user, pk: int) -> Post:
    """``user``'s own post in a network they may read, whatever its state: an edit sent after a
    moderator hid the post is answered with what was typed, not a 404. Its text stays behind
    ``post_for_author``."""
    post = post_place_for_member(user=user, pk=pk)
    if post.author_id != user.pk:
        raise Http404
    return post


def post_for_author(*, user, pk: int) -> Post:
    post = post_for_member(user=user, pk=pk)
    if not can_edit_post(user, post):
        raise Http404
    return post


def post_for_moderator(*, user, pk: int) -> Post:
    post = post_for_member(user=user, pk=pk)
    if not can_moderate(user, post.thread.network):
        raise Http404
    return post


def membership_for_moderator(*, user, pk: int) -> NetworkMembership:
    membership = NetworkMembership.objects.select_related("network", "user").filter(pk=pk).first()
    if membership is None:
        raise Http404
    if not can_moderate(user, membership.network):
        raise Http404
    return membership


def ban_for_moderator(*, user, pk: int) -> NetworkMembership:
    """A banned membership, to a moderator of its network (the ban list, lifting a ban)."""
    membership = membership_for_moderator(user=user, pk=pk)
    if membership.state != NetworkMembership.State.BANNED:
        raise Http404
    return membership


def member_for_reader(*, user, pk: int, name: str) -> NetworkMembership:
    """The active membership of network ``pk`` whose member is shown to everyone as ``name``
    (an @mention's text: the pseudonym when there is one), to those who may read the network.
    404 when the reader may not read it, or when no member with live access carries that
    name now (former members, real names behind pseudonyms, unknown names alike)."""
    network = network_for_member(user=user, pk=pk)
    wanted = (name or "").casefold()
    memberships = (
        NetworkMembership.objects.filter(network=network, state=Active, user__is_active=True)
        .select_related("user")
        .order_by("pk")
    )
    for membership in memberships:
        person = membership.user
        if display_name(viewer=None, person=person).casefold() != wanted:
            continue
        if not may_use_networks(person):
            continue
        membership.network = network
        return membership
    raise Http404


def live_memberships(user) -> list[NetworkMembership]:
    """The user's active, unexpired network memberships (with their networks), while their
    portal access lasts."""
    if not may_use_networks(user):
        return []
    return [m for m in _ACTIVE_MEMBERSHIPS.objects(user_id=user.pk) if not m.network.access_has_ended()]


# A user's active memberships with their networks, by name (its SQL compiled once per connection).
_ACTIVE_MEMBERSHIPS = PreparedQuery(
    "active_network_memberships",
    NetworkMembership,
    lambda user_id: (
        NetworkMembership.objects.filter(user_id=user_id, state=Active)
        .select_related("network")
        .order_by("network__name", "network_id")
    ),
    user_id=-4_201_938,
)


def network_ids_for_member(user) -> list[int]:
    """Networks whose content ``user`` may find in search and on practice pages: those they are
    an active member of, while their portal access lasts. Portal moderators get only the
    networks they belong to (they read the others to moderate, not to search)."""
    return sorted(m.network_id for m in live_memberships(user))


def readable_networks(user) -> list[Network]:
    """Networks ``user`` reads: portal moderators all, others their live memberships."""
    if is_moderator(user) and may_use_networks(user):
        return list(Network.objects.order_by("name", "pk"))
    return [m.network for m in live_memberships(user)]


def readable_networks_and_member_ids(user) -> tuple[list[Network], list[int]]:
    """``readable_networks(user)`` and ``network_ids_for_member(user)``, reading the user's
    memberships once (the network list needs both)."""
    live = live_memberships(user)
    ids = sorted(m.network_id for m in live)
    if is_moderator(user) and may_use_networks(user):
        return list(Network.objects.order_by("name", "pk")), ids
    return [m.network for m in live], ids


ENDED_SHOWN_DAYS = 90


def recently_ended_memberships(user) -> list[NetworkMembership]:
    """The user's own memberships that ended (left, removed, banned) in the last 90 days, with
    their networks: told to that person only, on their list of networks. Nothing of who ended
    them; the caller shows no case room's name. A network renamed since the membership ended
    is left out: its new name is the network's, no longer the person's to read (the line names
    networks by their current name; the e-mail of the time named it as it was)."""
    if not signed_in(user):
        return []
    since = timezone.now() - timedelta(days=ENDED_SHOWN_DAYS)
    ended = list(
        NetworkMembership.objects.filter(user_id=user.pk, state__in=[State.LEFT, State.REMOVED, State.BANNED])
        .filter(ended_at__gte=since)
        .select_related("network")
        .order_by("-ended_at", "-pk")
    )
    if not ended:
        return ended  # the usual page: no query more
    renamed = _renamed_since(ended)
    return [m for m in ended if m.ended_at is None or renamed.get(m.network_id, m.ended_at) <= m.ended_at]


def _renamed_since(memberships: list[NetworkMembership]) -> dict:
    """Network id -> when it was last renamed, of the networks of ``memberships`` renamed after the
    earliest of their endings. Names change only through ``services.network_update``, which
    records ``network.settings`` with the changed fields' codes (``changed=name,purpose``)."""
    earliest = min(m.ended_at for m in memberships if m.ended_at is not None)
    rows = AuditEvent.objects.filter(
        action="network.settings",
        target_type=Network._meta.model_name,
        target_id__in={m.network_id for m in memberships},
        created_at__gt=earliest,
    ).values_list("target_id", "created_at", "comment")
    renamed: dict = {}
    for network_id, at, comment in rows:
        if "name" in comment.removeprefix("changed=").split(","):
            renamed[network_id] = max(at, renamed.get(network_id, at))
    return renamed


def join_request_for_moderator(*, user, pk: int) -> JoinRequest:
    join_request = JoinRequest.objects.select_related("network", "user").filter(pk=pk).first()
    if join_request is None:
        raise Http404
    if not can_moderate(user, join_request.network):
        raise Http404
    return join_request


def report_for_moderator(*, user, pk: int) -> Report:
    report = Report.objects.select_related("post", "post__thread", "post__thread__network").filter(pk=pk).first()
    if report is None:
        raise Http404
    if not can_moderate(user, report.post.thread.network):
        raise Http404
    return report


def invitation_for_invitee(*, user, token: str) -> Invitation:
    """The invitation behind ``token`` if it is still usable and was sent to ``user``'s address.
    Anyone else learns nothing, not even the network's name."""
    invitation = Invitation.objects.select_related("network").filter(token_hash=token_hash(token)).first()
    if invitation is None:
        raise Http404
    if not may_use_networks(user):
        raise Http404
    if not invitation_matches(invitation, user):
        raise Http404
    return invitation


def invitation_for_answer(*, user, pk: int) -> Invitation:
    """An invitation shown on the invitee's networks page (no token): still usable, sent to
    ``user``'s own address, and that address verified. 404 to anyone else."""
    from allauth.account.models import EmailAddress

    invitation = Invitation.objects.select_related("network").filter(pk=pk).first()
    if invitation is None:
        raise Http404
    if not may_use_networks(user):
        raise Http404
    if not invitation_matches(invitation, user):
        raise Http404
    if not EmailAddress.objects.filter(user_id=user.pk, email__iexact=invitation.email, verified=True).exists():
        raise Http404
    return invitation


def invitation_for_moderator(*, user, pk: int) -> Invitation:
    """A pending invitation, to a moderator of its network (revoke, send again)."""
    invitation = Invitation.objects.select_related("network").filter(pk=pk).first()
    if invitation is None:
        raise Http404
    if not can_moderate(user, invitation.network):
        raise Http404
    if not invitation.is_usable():
        raise Http404
    return invitation


def invitation_matches(invitation: Invitation | None, user) -> bool:
    """Usable (not expired, not accepted), and sent to this user's own address."""
    if invitation is None:
        return False
    if not invitation.is_usable():
        return False
    if not signed_in(user):
        return False
    return invitation.email.lower() == (user.email or "").lower()
