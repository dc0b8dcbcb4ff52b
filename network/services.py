"""Every write in networks. Each checks its actor's rights again (views check first),
runs in one transaction and writes the audit record there. Audit comments carry codes
only: never names, email addresses or post text.
"""

import enum
import secrets
from datetime import date, datetime, timedelta

from allauth.account.models import EmailAddress
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from network import access
from network.badge import badge_changed
from network.indexing import post_changed, posts_removed
from network.mentions import (
    linkable_members,
    linked_names,
    mention_pattern,
    mentionable_members,
    mentioned_users,
    public_name,
)
from network.models import (
    Invitation,
    JoinRequest,
    Mention,
    Network,
    NetworkMembership,
    Notification,
    Post,
    PostRevision,
    Report,
    Thread,
    ThreadRead,
    ThreadSubscription,
    invitation_lifetime,
    token_hash,
)
from network.notify import (
    email_invitation,
    notify_membership_ended,
    notify_moderators,
    notify_post,
    notify_post_hidden,
    notify_report_handled,
    notify_request_decided,
)
from portal.access import is_moderator
from portal.audit import audit_record
from portal.models import User
from practices.models import Practice
from practices.selectors import published_practice_for_user

Role = NetworkMembership.Role
State = NetworkMembership.State


def _forget(user) -> None:
    user.__dict__.pop("_network_memberships", None)


# The same post or thread sent again within this time is the one already written (a double click).
RESENT_WITHIN = timedelta(seconds=30)


def _lock(model, pk: int) -> None:
    """Lock a row until the transaction ends (PostgreSQL; SQLite writes one at a time anyway)."""
    list(model.objects.select_for_update().filter(pk=pk).values_list("pk", flat=True))


def _require(condition: bool, message: str = "") -> None:
    if not condition:
        raise PermissionDenied(message or _("You may not do this."))


# Networks and memberships ------------------------------------------------------------------


def _validate_case_room(*, is_case_room: bool, access_ends_on, retention_days, listed: bool) -> None:
    if not is_case_room:
        return
    if access_ends_on is None or not retention_days:
        raise ValidationError(_("A case room needs the date its memberships end and a retention period."))
    if listed:
        raise ValidationError(_("A case room is never listed."))


@transaction.atomic
def network_create(
    *,
    actor: User,
    name: str,
    purpose: str,
    policy: str,
    listed: bool = False,
    is_case_room: bool = False,
    access_ends_on: date | None = None,
    retention_days: int | None = None,
) -> Network:
    """Portal moderators create networks; they become its first network moderator."""
    _require(is_moderator(actor), _("Only moderators create networks."))
    _validate_case_room(
        is_case_room=is_case_room, access_ends_on=access_ends_on, retention_days=retention_days, listed=listed
    )
    network = Network.objects.create(
        name=name.strip(),
        purpose=purpose.strip(),
        policy=policy,
        listed=listed,
        is_case_room=is_case_room,
        access_ends_on=access_ends_on if is_case_room else None,
        retention_days=retention_days if is_case_room else None,
        created_by=actor,
    )
    audit_record(actor=actor, action="network.create", target=network, to_state="case-room" if is_case_room else "")
    NetworkMembership.objects.create(network=network, user=actor, role=Role.MODERATOR)
    _forget(actor)
    return network


class _Unchanged(enum.Enum):
    """The default of network_update's optional settings: the network keeps its value."""

    UNCHANGED = enum.auto()


_UNCHANGED = _Unchanged.UNCHANGED


def _settings_changes(network: Network, *, actor: User, values: dict) -> dict:
    """The fields of ``values`` that differ from ``network``'s, once the actor's rights to each are checked."""
    changes = {field: value for field, value in values.items() if value is not _UNCHANGED}
    changes = {field: value for field, value in changes.items() if getattr(network, field) != value}
    if {"access_ends_on", "retention_days"} & changes.keys():
        _require(
            access.can_change_case_room_terms(actor, network),
            _("Only portal moderators change a case room's closing date and retention period."),
        )
    if network.is_case_room and {"policy", "listed"} & changes.keys():
        raise ValidationError(_("A case room is never listed and takes members by invitation only."))
    return changes


@transaction.atomic
def network_update(
    *,
    network: Network,
    actor: User,
    name: str,
    purpose: str,
    policy: str | _Unchanged = _UNCHANGED,
    listed: bool | _Unchanged = _UNCHANGED,
    access_ends_on: date | _Unchanged | None = _UNCHANGED,
    retention_days: int | _Unchanged | None = _UNCHANGED,
) -> Network:
    """The network's moderators change its name, purpose, membership policy and listing; portal
    moderators also a case room's closing date and retention period. Whether it is a case room
    never changes. Pending requests to join stay in the queue whatever the new policy."""
    _require(access.can_change_settings(actor, network))
    values = {
        "name": name.strip(),
        "purpose": purpose.strip(),
        "policy": policy,
        "listed": listed,
        "access_ends_on": access_ends_on,
        "retention_days": retention_days,
    }
    current = Network.objects.select_for_update().get(pk=network.pk)  # a refusal leaves ``network`` untouched
    changes = _settings_changes(current, actor=actor, values=values)
    if not changes:
        return current
    for field, value in changes.items():
        setattr(current, field, value)
    current.full_clean(exclude=["created_by"])
    _validate_case_room(
        is_case_room=current.is_case_room,
        access_ends_on=current.access_ends_on,
        retention_days=current.retention_days,
        listed=current.listed,
    )
    current.save(update_fields=sorted(changes))
    audit_record(actor=actor, action="network.settings", target=current, comment="changed=" + ",".join(sorted(changes)))
    return current


def _activate(*, network: Network, user: User, actor: User, role: str, via: str) -> NetworkMembership:
    """Make ``user`` an active member. Only verified members of the portal join; a ban holds."""
    if not access.may_use_networks(user):
        raise ValidationError(_("Only verified members of the portal can join networks."))
    membership, created = NetworkMembership.objects.select_for_update().get_or_create(
        network=network, user=user, defaults={"role": role}
    )
    if not created and membership.state == State.BANNED:
        raise ValidationError(_("You cannot join this network."))
    if not created and membership.state == State.ACTIVE:
        return membership
    from_state = "" if created else membership.state
    membership.state, membership.role, membership.ended_at = State.ACTIVE, role, None
    membership.joined_at = timezone.now()
    membership.save()
    audit_record(
        actor=actor,
        action="network.member.add",
        target=membership,
        from_state=from_state,
        to_state=State.ACTIVE,
        comment=via,
    )
    _forget(user)
    _recook_mentions_of(membership)
    return membership


@transaction.atomic
def network_member_add(*, network: Network, user: User, actor: User, role: str = Role.MEMBER) -> NetworkMembership:
    """A moderator adds a verified member directly (the pages invite instead)."""
    _require(access.can_moderate(actor, network))
    return _activate(network=network, user=user, actor=actor, role=role, via="direct")


def _end_membership(membership: NetworkMembership, *, actor: User, state: str, action: str) -> NetworkMembership:
    from_state = membership.state
    membership.state, membership.ended_at = state, timezone.now()
    membership.save(update_fields=["state", "ended_at"])
    audit_record(actor=actor, action=action, target=membership, from_state=from_state, to_state=state)
    _forget(membership.user)
    _recook_mentions_of(membership)
    return membership


@transaction.atomic
def mentions_recook(*, user: User) -> int:
    """Cook again, in every network ``user`` is an active member of, the posts that @name them
    (after their portal access changed: a mention links only to a member with live access).
    Returns the number of networks looked at."""
    memberships = list(
        NetworkMembership.objects.filter(user=user, state=State.ACTIVE).select_related("network", "user")
    )
    for membership in memberships:
        _recook_mentions_of(membership)
    return len(memberships)


def _naming(rows: QuerySet, name: str) -> list:
    """The rows (posts or earlier versions) whose ``body`` @names ``name``, as ``mention_pattern``
    reads it: the database narrows, the pattern decides."""
    rows = rows.filter(body__contains="@")
    if name.isascii():  # the database compares other letters' cases in its own way (SQLite: not at all)
        rows = rows.filter(body__icontains="@" + name)
    written = mention_pattern(name)
    return [row for row in rows if written.search(row.body)]


def _recook_mentions_of(membership: NetworkMembership) -> None:
    """Cook again the network's posts that @name this member, once they join or leave: a mention
    links to a person while they are a member, and is plain text once they are not."""
    name = public_name(membership.user)
    posts = _naming(Post.objects.filter(thread__network_id=membership.network_id).select_related("thread"), name)
    if not posts:
        return
    members = linkable_members(membership.network)
    for post in posts:
        post.store_html(post.cook(members))
    Post.objects.bulk_update(posts, ["body_html", "body_text"])


@transaction.atomic
def network_member_leave(*, membership: NetworkMembership, actor: User) -> NetworkMembership:
    _require(membership.user_id == actor.pk)
    if membership.state != State.ACTIVE:
        raise ValidationError(_("You are not a member of this network."))
    return _end_membership(membership, actor=actor, state=State.LEFT, action="network.member.leave")


@transaction.atomic
def network_member_remove(*, membership: NetworkMembership, actor: User, ban: bool = False) -> NetworkMembership:
    """Moderators remove (or ban) a member. Only portal moderators remove a network moderator."""
    _require(access.can_moderate(actor, membership.network))
    _require(membership.user_id != actor.pk, _("Leave the network instead."))
    _require(access.can_change_standing(actor, membership), _("Only portal moderators remove a network moderator."))
    if membership.state == State.BANNED or (membership.state != State.ACTIVE and not ban):
        raise ValidationError(_("This person is not a member."))
    state = State.BANNED if ban else State.REMOVED
    _end_membership(membership, actor=actor, state=state, action=f"network.member.{state}")
    notify_membership_ended(membership=membership)
    return membership


@transaction.atomic
def network_member_unban(*, membership: NetworkMembership, actor: User) -> NetworkMembership:
    """Lift a ban. The person may be invited or ask to join again; they are not a member again."""
    _require(access.can_moderate(actor, membership.network))
    membership = NetworkMembership.objects.select_for_update().select_related("network", "user").get(pk=membership.pk)
    if membership.state != State.BANNED:
        raise ValidationError(_("This person is not banned."))
    membership.state = State.REMOVED
    membership.save(update_fields=["state"])
    audit_record(
        actor=actor, action="network.member.unban", target=membership, from_state=State.BANNED, to_state=State.REMOVED
    )
    _forget(membership.user)
    return membership


@transaction.atomic
def network_member_set_role(*, membership: NetworkMembership, actor: User, role: str) -> NetworkMembership:
    _require(access.can_moderate(actor, membership.network))
    _require(access.can_change_standing(actor, membership), _("Only portal moderators demote a network moderator."))
    if membership.state != State.ACTIVE:
        raise ValidationError(_("This person is not a member."))
    if role not in Role.values:
        raise ValidationError(_("Choose a role."))
    from_role = membership.role
    membership.role = role
    membership.save(update_fields=["role"])
    audit_record(actor=actor, action="network.member.role", target=membership, from_state=from_role, to_state=role)
    _forget(membership.user)
    return membership


def network_member_email_set(*, membership: NetworkMembership, actor: User, email: str) -> NetworkMembership:
    """How a member hears of mentions and replies (their own choice: no audit record)."""
    _require(membership.user_id == actor.pk and membership.state == State.ACTIVE)
    if email not in NetworkMembership.Email.values:
        raise ValidationError(_("Choose how to be notified."))
    membership.email = email
    membership.save(update_fields=["email"])
    return membership


@transaction.atomic
def network_account_close(*, user: User) -> None:
    """The person closes their portal account (``portal.services.user_close``): they leave every
    network (``network_member_leave``: mentions of them become plain text), their pending requests
    to join are withdrawn and the invitations sent to their verified addresses are declined.
    Every post and earlier version that @named them says "Former member" instead."""
    _erase_mentions_of(user)
    for membership in NetworkMembership.objects.filter(user=user, state=State.ACTIVE).select_related("network"):
        membership.user = user
        network_member_leave(membership=membership, actor=user)
    for join_request in JoinRequest.objects.select_for_update().filter(user=user, state=JoinRequest.State.PENDING):
        join_request.state = JoinRequest.State.WITHDRAWN
        join_request.save(update_fields=["state"])
        audit_record(
            actor=user,
            action="network.request.withdraw",
            target=join_request,
            from_state=JoinRequest.State.PENDING,
            to_state=JoinRequest.State.WITHDRAWN,
        )
    addresses = EmailAddress.objects.filter(user=user, verified=True).values_list("email", flat=True)
    to_them = Q(pk__in=[])
    for address in addresses:
        to_them |= Q(email__iexact=address)
    now = timezone.now()
    for invitation in Invitation.objects.select_for_update().filter(to_them, accepted_at=None, expires_at__gt=now):
        invitation.expires_at = now
        invitation.save(update_fields=["expires_at"])
        audit_record(
            actor=user, action="network.invite.decline", target=invitation, from_state="sent", to_state="declined"
        )


def _erase_mentions_of(user: User) -> None:
    """Closing an account: ``@Name`` typed by anyone in the networks the person belonged to, in
    posts and their earlier versions, becomes the words "Former member" (in the portal's
    language, without the ``@``: it must never link to whoever takes that name later), as
    forums' anonymisers rewrite mentions of a deleted user. The posts are cooked again and
    indexed again; kept thread fragments change with the stored HTML they are keyed by."""
    name = public_name(user)
    if not name.strip():
        return
    written = mention_pattern(name)
    with translation.override(settings.LANGUAGE_CODE):
        former = _("Former member")
    networks = NetworkMembership.objects.filter(user=user).values("network_id")
    revisions = _naming(PostRevision.objects.filter(post__thread__network_id__in=networks), name)
    for revision in revisions:
        revision.body = written.sub(former, revision.body)
    PostRevision.objects.bulk_update(revisions, ["body"])
    posts = _naming(Post.objects.filter(thread__network_id__in=networks).select_related("thread__network"), name)
    members: dict[int, list[User]] = {}
    for post in posts:
        network_id = post.thread.network_id
        if network_id not in members:
            members[network_id] = [u for u in linkable_members(post.thread.network) if u.pk != user.pk]
        post.body = written.sub(former, post.body)
        post.store_html(post.cook(members[network_id]))
    Post.objects.bulk_update(posts, ["body", "body_html", "body_text"])
    Mention.objects.filter(user=user).delete()
    for post in posts:
        if post.state == Post.State.VISIBLE:
            post_changed(post)


# Invitations and requests ------------------------------------------------------------------


@transaction.atomic
def network_invitation_create(*, network: Network, actor: User, email: str) -> tuple[Invitation, str]:
    """Invite an email address. Returns the invitation and the token (sent by email, never stored)."""
    _require(access.can_moderate(actor, network))
    address = email.strip().lower()
    token = secrets.token_urlsafe(32)
    invitation = Invitation.objects.create(
        network=network,
        email=address,
        token_hash=token_hash(token),
        invited_by=actor,
        expires_at=timezone.now() + invitation_lifetime(),
    )
    audit_record(actor=actor, action="network.invite", target=invitation, to_state="sent")
    email_invitation(address=address, invitation=invitation, token=token)
    return invitation, token


def _invitation_not_valid() -> ValidationError:
    return ValidationError(_("This invitation is not valid: it may have expired or been used."))


def _locked_invitation(**lookup) -> Invitation | None:
    return Invitation.objects.select_for_update().select_related("network").filter(**lookup).first()


@transaction.atomic
def network_invitation_accept(*, token: str, user: User) -> NetworkMembership:
    """Accept through the emailed link."""
    invitation = _locked_invitation(token_hash=token_hash(token))
    if invitation is None or not access.invitation_matches(invitation, user):
        raise _invitation_not_valid()
    return _accept(invitation, user=user)


@transaction.atomic
def network_invitation_respond(*, invitation: Invitation, user: User, accept: bool) -> NetworkMembership | None:
    """Accept or decline an invitation shown on the networks page (the invitee's own, checked
    again here). Declining ends it for good; the moderators may invite again."""
    locked = _locked_invitation(pk=invitation.pk)
    _require(access.may_use_networks(user), _("Only verified members of the portal can join networks."))
    try:
        access.invitation_for_answer(user=user, pk=invitation.pk)  # usable, to the user's verified address
    except Http404:
        raise _invitation_not_valid() from None
    if locked is None:  # gone since it was shown: invitation_for_answer has refused it already
        raise _invitation_not_valid()
    if accept:
        return _accept(locked, user=user)
    locked.expires_at = timezone.now()
    locked.save(update_fields=["expires_at"])
    audit_record(actor=user, action="network.invite.decline", target=locked, from_state="sent", to_state="declined")
    return None


@transaction.atomic
def network_invitation_revoke(*, invitation: Invitation, actor: User) -> Invitation:
    """A moderator withdraws a pending invitation: its link stops working at once."""
    locked = _locked_invitation(pk=invitation.pk)
    if locked is None or not access.can_moderate(actor, locked.network):
        raise PermissionDenied(_("You may not do this."))
    if not locked.is_usable():
        raise ValidationError(_("This invitation is no longer pending."))
    locked.expires_at = timezone.now()
    locked.save(update_fields=["expires_at"])
    audit_record(actor=actor, action="network.invite.revoke", target=locked, from_state="sent", to_state="revoked")
    return locked


@transaction.atomic
def network_invitation_resend(*, invitation: Invitation, actor: User) -> tuple[Invitation, str]:
    """Send a pending invitation again with a new link (the old one stops working) and a new
    expiry date. Returns the invitation and the new token (emailed, never stored)."""
    locked = _locked_invitation(pk=invitation.pk)
    if locked is None or not access.can_moderate(actor, locked.network):
        raise PermissionDenied(_("You may not do this."))
    if not locked.is_usable():
        raise ValidationError(_("This invitation is no longer pending: send a new one."))
    token = secrets.token_urlsafe(32)
    locked.token_hash, locked.expires_at = token_hash(token), timezone.now() + invitation_lifetime()
    locked.save(update_fields=["token_hash", "expires_at"])
    audit_record(actor=actor, action="network.invite.resend", target=locked, from_state="sent", to_state="sent")
    email_invitation(address=locked.email, invitation=locked, token=token)
    return locked, token


def _accept(invitation: Invitation, *, user: User) -> NetworkMembership:
    membership = _activate(network=invitation.network, user=user, actor=user, role=Role.MEMBER, via="invitation")
    invitation.accepted_at, invitation.accepted_by = timezone.now(), user
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    audit_record(actor=user, action="network.invite.accept", target=invitation, from_state="sent", to_state="accepted")
    return membership


@transaction.atomic
def network_join_request(*, network: Network, user: User) -> JoinRequest:
    _require(access.may_use_networks(user), _("Only verified members of the portal can join networks."))
    if network.policy != Network.Policy.REQUEST or not network.listed or network.is_case_room:
        raise ValidationError(_("This network takes members by invitation only."))
    existing = NetworkMembership.objects.filter(network=network, user=user).first()
    if existing is not None and existing.state in (State.ACTIVE, State.BANNED):
        raise ValidationError(_("You cannot ask to join this network."))
    pending = JoinRequest.objects.filter(network=network, user=user, state=JoinRequest.State.PENDING).first()
    if pending is not None:
        return pending
    join_request = JoinRequest.objects.create(network=network, user=user)
    audit_record(actor=user, action="network.request", target=join_request, to_state=join_request.state)
    notify_moderators(
        network=network,
        subject=gettext_lazy("Someone asks to join a network"),
        template="network/email/join_request.txt",
        item=join_request,
    )
    return join_request


@transaction.atomic
def network_join_decide(*, join_request: JoinRequest, actor: User, approve: bool) -> JoinRequest:
    _require(access.can_moderate(actor, join_request.network))
    # Re-read under a lock: two moderators deciding at once, the second is refused, not applied too.
    list(JoinRequest.objects.select_for_update().filter(pk=join_request.pk).values_list("pk", flat=True))
    join_request.refresh_from_db(fields=["state", "decided_at", "decided_by"])
    if join_request.state != JoinRequest.State.PENDING:
        raise ValidationError(_("This request has already been decided."))
    join_request.state = JoinRequest.State.APPROVED if approve else JoinRequest.State.DECLINED
    join_request.decided_at, join_request.decided_by = timezone.now(), actor
    join_request.save(update_fields=["state", "decided_at", "decided_by"])
    audit_record(
        actor=actor,
        action="network.request.decide",
        target=join_request,
        from_state=JoinRequest.State.PENDING,
        to_state=join_request.state,
    )
    if approve:
        _activate(network=join_request.network, user=join_request.user, actor=actor, role=Role.MEMBER, via="request")
    notify_request_decided(join_request=join_request)
    return join_request


# Threads and posts -------------------------------------------------------------------------


@transaction.atomic
def thread_create(*, network: Network, actor: User, title: str, body: str, practice: Practice | None = None) -> Thread:
    _require(access.can_read(actor, network))
    if practice is not None and published_practice_for_user(user=actor, pk=practice.pk) is None:
        raise ValidationError(_("This practice cannot be linked."))
    now = timezone.now()
    _lock(Network, network.pk)  # one writer at a time, so that the twin below is seen
    twin = (
        Thread.objects.filter(
            network=network,
            author=actor,
            title=title.strip(),
            practice=practice,
            created_at__gte=now - RESENT_WITHIN,
            posts__body=body,
            posts__state=Post.State.VISIBLE,
        )
        .order_by("-created_at", "-pk")
        .first()
    )
    if twin is not None:  # the same form sent twice (a double click, a reload): one thread
        return twin
    thread = Thread.objects.create(
        network=network, title=title.strip(), author=actor, practice=practice, created_at=now, last_post_at=now
    )
    audit_record(actor=actor, action="network.thread.create", target=thread)
    _post_write(thread=thread, actor=actor, body=body, quote_of=None, now=now)
    return thread


@transaction.atomic
def post_create(*, thread: Thread, actor: User, body: str, quote_of: Post | None = None) -> Post:
    _require(access.can_post(actor, thread), _("This thread is locked."))
    if quote_of is not None and (quote_of.thread_id != thread.pk or not quote_of.is_visible):
        raise ValidationError(_("You can only quote a visible post of the same thread."))
    now = timezone.now()
    _lock(Thread, thread.pk)  # one writer at a time, so that the twin below is seen
    twin = (
        Post.objects.filter(
            thread=thread,
            author=actor,
            body=body,
            quote_of=quote_of,
            state=Post.State.VISIBLE,
            created_at__gte=now - RESENT_WITHIN,
        )
        .order_by("-created_at", "-pk")
        .first()
    )
    if twin is not None:  # the same reply sent twice (a double click, a reload): one post
        return twin
    Thread.objects.filter(pk=thread.pk).update(last_post_at=now)
    thread.last_post_at = now
    return _post_write(thread=thread, actor=actor, body=body, quote_of=quote_of, now=now)


def _post_write(*, thread: Thread, actor: User, body: str, quote_of: Post | None, now: datetime) -> Post:
    post = Post.objects.create(thread=thread, author=actor, body=body, quote_of=quote_of, created_at=now)
    mentioned = _record_mentions(post, exclude=set())
    ThreadSubscription.objects.get_or_create(thread=thread, user=actor)
    _upsert_read(thread=thread, user=actor, at=now)
    notify_post(post=post, mentioned=mentioned)
    post_changed(post)
    return post


def _record_mentions(post: Post, *, exclude: set[int]) -> list[User]:
    """Store the mentions of members in ``post``; returns those not in ``exclude`` (user ids)."""
    members = [u for u in mentionable_members(post.thread.network) if u.pk != post.author_id]
    # Those the stored HTML shows as mentioned (links), never an @name in code or a comment
    users = mentioned_users(" ".join(linked_names(post.body_html)), members)
    Mention.objects.bulk_create([Mention(post=post, user=u) for u in users], ignore_conflicts=True)
    return [u for u in users if u.pk not in exclude]


@transaction.atomic
def post_edit(*, post: Post, actor: User, body: str) -> Post:
    """Keep the previous text as a revision; new mentions notify."""
    _require(access.can_edit_post(actor, post))
    if body == post.body:
        return post
    now = timezone.now()
    PostRevision.objects.create(
        post=post, body=post.body, written_at=post.edited_at or post.created_at, replaced_at=now, replaced_by=actor
    )
    post.body, post.edited_at = body, now
    post.save(update_fields=["body", "edited_at"])
    audit_record(actor=actor, action="network.post.edit", target=post)
    before = set(Mention.objects.filter(post=post).values_list("user_id", flat=True))
    notify_post(post=post, mentioned=_record_mentions(post, exclude=before), replies=False)
    post_changed(post)
    return post


def _set_post_state(post: Post, *, actor: User, state: str, action: str) -> Post:
    from_state = post.state
    post.state, post.state_changed_at, post.state_changed_by = state, timezone.now(), actor
    if state != Post.State.HIDDEN:
        post.hidden_reason = ""
    post.save(update_fields=["state", "state_changed_at", "state_changed_by", "hidden_reason"])
    audit_record(actor=actor, action=action, target=post, from_state=from_state, to_state=state)
    if state == Post.State.VISIBLE:
        post_changed(post)
    else:
        posts_removed([post.pk])
    return post


@transaction.atomic
def post_delete(*, post: Post, actor: User) -> Post:
    """Its author deletes a post: members see that it was deleted, moderators still read it."""
    _require(access.can_edit_post(actor, post))
    return _set_post_state(post, actor=actor, state=Post.State.DELETED, action="network.post.delete")


@transaction.atomic
def post_hide(*, post: Post, actor: User, reason: str = "") -> Post:
    """A moderator hides a post, saying why if they wish (its author and the moderators read it)."""
    _require(access.can_moderate(actor, post.thread.network))
    if post.state == Post.State.HIDDEN:
        return post
    post.hidden_reason = reason.strip()[:500]
    _set_post_state(post, actor=actor, state=Post.State.HIDDEN, action="network.post.hide")
    for report in Report.objects.filter(post=post, state=Report.State.OPEN).select_related("reporter"):
        _resolve(report, post=post, actor=actor, state=Report.State.HIDDEN)
    notify_post_hidden(post=post, actor=actor)
    return post


@transaction.atomic
def post_restore(*, post: Post, actor: User) -> Post:
    _require(access.can_moderate(actor, post.thread.network))
    if post.state != Post.State.HIDDEN:
        raise ValidationError(_("Only hidden posts are restored."))
    return _set_post_state(post, actor=actor, state=Post.State.VISIBLE, action="network.post.restore")


@transaction.atomic
def thread_pin(*, thread: Thread, actor: User, pinned: bool) -> Thread:
    _require(access.can_moderate(actor, thread.network))
    thread.pinned = pinned
    thread.save(update_fields=["pinned"])
    audit_record(actor=actor, action="network.thread.pin", target=thread, to_state="pinned" if pinned else "unpinned")
    return thread


@transaction.atomic
def thread_lock(*, thread: Thread, actor: User, locked: bool) -> Thread:
    _require(access.can_moderate(actor, thread.network))
    thread.locked = locked
    thread.save(update_fields=["locked"])
    audit_record(actor=actor, action="network.thread.lock", target=thread, to_state="locked" if locked else "open")
    return thread


def thread_mark_read(*, thread: Thread, user: User, up_to: datetime | None, previous: datetime | None) -> None:
    """Record that ``user`` has read the thread up to the post written at ``up_to``, never moving
    the mark back from ``previous`` (their mark as read with the page: ``selectors.thread_page``)."""
    if up_to is not None and (previous is None or up_to > previous):  # a re-read writes nothing
        _upsert_read(thread=thread, user=user, at=up_to)


def _upsert_read(*, thread: Thread, user: User, at: datetime) -> None:
    ThreadRead.objects.bulk_create(
        [ThreadRead(thread=thread, user=user, last_read_at=at)],
        update_conflicts=True,
        unique_fields=["thread", "user"],
        update_fields=["last_read_at"],
    )


def thread_subscription_set(*, thread: Thread, user: User, subscribed: bool) -> None:
    _require(access.can_read(user, thread.network))
    if subscribed:
        ThreadSubscription.objects.get_or_create(thread=thread, user=user)
    else:
        ThreadSubscription.objects.filter(thread=thread, user=user).delete()


def notifications_mark_read(*, user: User, post_ids: list[int] | None = None) -> int:
    """Mark the user's notifications (all, or those of ``post_ids``) read."""
    waiting = Notification.objects.filter(recipient_id=user.pk, read_at__isnull=True)
    if post_ids is not None:
        waiting = waiting.filter(post_id__in=post_ids)
    marked = waiting.update(read_at=timezone.now())
    badge_changed()
    return marked


# Reports -----------------------------------------------------------------------------------


@transaction.atomic
def post_report(*, post: Post, actor: User, reason: str, note: str = "") -> Report:
    _require(access.can_read(actor, post.thread.network) and post.is_visible)
    if reason not in Report.Reason.values:
        raise ValidationError(_("Choose a reason."))
    existing = Report.objects.filter(post=post, reporter=actor, state=Report.State.OPEN).first()
    if existing is not None:
        return existing
    report = Report.objects.create(post=post, reporter=actor, reason=reason, note=note.strip())
    audit_record(actor=actor, action="network.post.report", target=report, to_state=Report.State.OPEN, comment=reason)
    notify_moderators(
        network=post.thread.network,
        subject=gettext_lazy("A post was reported"),
        template="network/email/report.txt",
        item=report,
    )
    return report


def _resolve(report: Report, *, post: Post, actor: User, state: str) -> Report:
    report.state, report.resolved_at, report.resolved_by = state, timezone.now(), actor
    report.save(update_fields=["state", "resolved_at", "resolved_by"])
    audit_record(
        actor=actor, action="network.report.resolve", target=report, from_state=Report.State.OPEN, to_state=state
    )
    notify_report_handled(report=report, post=post, actor=actor)
    return report


@transaction.atomic
def report_resolve(*, report: Report, actor: User, hide: bool, reason: str = "") -> Report:
    network = report.post.thread.network
    _require(access.can_moderate(actor, network))
    # Re-read under a lock: a report handled by another moderator meanwhile is not handled again.
    list(Report.objects.select_for_update().filter(pk=report.pk).values_list("pk", flat=True))
    report.refresh_from_db(fields=["state", "resolved_at", "resolved_by"])
    if report.state != Report.State.OPEN:
        raise ValidationError(_("This report has already been handled."))
    if hide:
        post_hide(post=report.post, actor=actor, reason=reason)
        report.refresh_from_db()
        return report
    return _resolve(report, post=report.post, actor=actor, state=Report.State.DISMISSED)


# Case rooms --------------------------------------------------------------------------------


@transaction.atomic
def case_room_purge(*, network: Network, now: datetime | None = None) -> tuple[int, int]:
    """Delete for good the posts (with their revisions, mentions, notifications and reports)
    older than the room's retention period, then the threads left empty. Returns (posts, threads)."""
    if not network.is_case_room or not network.retention_days:
        return 0, 0
    cutoff = (now or timezone.now()) - timedelta(days=network.retention_days)
    old = Post.objects.filter(thread__network=network, created_at__lt=cutoff)
    post_ids = list(old.values_list("pk", flat=True))
    Post.objects.filter(quote_of_id__in=post_ids).update(quote_of=None)
    old.delete()
    empty = Thread.objects.filter(network=network, posts__isnull=True)
    threads = empty.count()
    empty.delete()
    if post_ids or threads:
        audit_record(
            actor=None,
            action="network.case_room.purge",
            target=network,
            comment=f"posts={len(post_ids)} threads={threads}",
        )
        posts_removed(post_ids)
    return len(post_ids), threads
