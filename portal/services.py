"""Writes with side effects for accounts, organisations and memberships."""

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.models import Session
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from mailer.models import Message as QueuedEmail

from portal.access import banned_from, can_ban, can_decide_membership, can_manage_members, is_moderator
from portal.audit import audit_record
from portal.models import Membership, Organisation, OrganisationType, User
from portal.notifications import moderators, notify, organisation_admins, supported_language
from portal.signals import account_close_refusals, account_closing, membership_ended


def organisation_get_or_create(*, name: str, type_code: str = "other", country: str = "") -> Organisation:
    """The organisation of that name (case-insensitive), created unverified if new."""
    name = " ".join(name.split())
    existing = Organisation.objects.filter(name__iexact=name).first()
    if existing is not None:
        return existing
    org_type = OrganisationType.objects.filter(code=type_code).first() or OrganisationType.objects.get(code="other")
    return Organisation.objects.create(name=name, type=org_type, country=country, verified=False)


def organisations_matching_email(email: str) -> list[Organisation]:
    """Organisations whose staff address domain matches ``email`` (suggested when joining)."""
    domain = email.rsplit("@", 1)[-1].lower().strip()
    if not domain:
        return []
    return [
        organisation
        for organisation in Organisation.objects.exclude(email_domain="").select_related("type")
        if domain == organisation.email_domain.lower() or domain.endswith("." + organisation.email_domain.lower())
    ]


@transaction.atomic
def membership_request(
    *, user: User, organisation: Organisation | None = None, new_organisation_name: str = "", message: str = ""
) -> Membership:
    """Ask to join an organisation. Someone who names a new one asks to administer it;
    a moderator verifies the organisation and approves them."""
    if Membership.objects.filter(user=user, state__in=[Membership.State.REQUESTED, Membership.State.APPROVED]).exists():
        raise ValidationError(_("You already belong to an organisation or have asked to join one."))
    role = Membership.Role.MEMBER
    if organisation is None:
        if not new_organisation_name.strip():
            raise ValidationError(_("Choose your organisation, or give its name if it is not listed."))
        created = not Organisation.objects.filter(name__iexact=" ".join(new_organisation_name.split())).exists()
        organisation = organisation_get_or_create(name=new_organisation_name)
        role = Membership.Role.ADMIN if created else Membership.Role.MEMBER
    if banned_from(user, organisation.pk):  # chosen from the list or typed by name alike
        raise ValidationError(
            _(
                "You cannot ask to join %(organisation)s again: its administrators have closed it to you. "
                "You may ask to join another organisation."
            )
            % {"organisation": organisation.name}
        )
    try:
        with transaction.atomic():
            membership = Membership.objects.create(
                user=user, organisation=organisation, role=role, message=message.strip()
            )
    except IntegrityError:  # two clicks at once: the other one's request is recorded (one_live_membership_per_user)
        raise ValidationError(_("You already belong to an organisation or have asked to join one.")) from None
    audit_record(
        actor=user, action="membership.request", target=membership, to_state=membership.state, organisation=organisation
    )
    if has_verified_email(user):  # otherwise once it is verified (portal.receivers)
        membership_announce(membership=membership)
    user.forget_membership()
    return membership


def has_verified_email(user: User) -> bool:
    """Whether ``user`` confirmed the address they sign in with (allauth's ``EmailAddress``)."""
    return EmailAddress.objects.filter(user_id=user.pk, email__iexact=user.email, verified=True).exists()


@transaction.atomic
def membership_announce(*, membership: Membership) -> bool:
    """Tell the organisation's administrators (or the moderators, when it has none) of a
    request, once. Returns whether it was announced now."""
    if membership.state != Membership.State.REQUESTED or membership.announced_at is not None:
        return False
    membership.announced_at = timezone.now()
    membership.save(update_fields=["announced_at"])
    notify(
        recipients=organisation_admins(membership.organisation) or moderators(),
        subject=gettext_lazy("Someone asks to join %(organisation)s"),
        subject_params={"organisation": membership.organisation.name},
        template="portal/email/membership_request.txt",
        context={"membership": membership, "actor": membership.user},
    )
    return True


_MEMBERSHIP_FIELDS = ["state", "role", "announced_at", "decided_at", "decided_by", "ended_at"]


def _lock(membership: Membership) -> None:
    """Lock the membership's row and re-read it in place: a caller's copy may be from a page
    opened before another administrator decided, or before the member left."""
    membership.refresh_from_db(
        fields=_MEMBERSHIP_FIELDS, from_queryset=Membership.objects.select_for_update(of=("self",))
    )


@transaction.atomic
def membership_decide(*, membership: Membership, actor, approve: bool, ban: bool = False) -> Membership:
    """Approve or decline a request to join; ``ban`` declines it for good (until the ban is lifted:
    ``membership_unban``). The requester hears the decision, never who took it."""
    if not can_manage_members(actor, membership.organisation_id):
        raise PermissionDenied(_("Only the organisation's administrators or moderators decide."))
    if not can_decide_membership(actor, membership):
        raise PermissionDenied(_("Another administrator or a moderator decides on your own request."))
    if approve and ban:
        raise ValidationError(_("Choose to approve or to decline the request."))
    _lock(membership)
    if membership.state == Membership.State.ENDED and membership.decided_at is None:
        raise ValidationError(_("This request was withdrawn by the requester."))
    if membership.state != Membership.State.REQUESTED:
        raise ValidationError(_("This request has already been decided."))
    from_state = membership.state
    membership.state = Membership.State.APPROVED if approve else Membership.State.DECLINED
    if ban:
        membership.state = Membership.State.BANNED
    membership.decided_at, membership.decided_by = timezone.now(), actor
    membership.save(update_fields=["state", "decided_at", "decided_by"])
    audit_record(
        actor=actor,
        action="membership.decide",
        target=membership,
        from_state=from_state,
        to_state=membership.state,
        organisation=membership.organisation,
    )
    notify(
        recipients=[membership.user],
        subject=gettext_lazy("Your request to join %(organisation)s was approved")
        if approve
        else gettext_lazy("Your request to join %(organisation)s was declined"),
        subject_params={"organisation": membership.organisation.name},
        template="portal/email/membership_decided.txt",
        context={"membership": membership, "actor": actor, "approved": approve},
    )
    membership.user.forget_membership()
    return membership


@transaction.atomic
def membership_end(*, membership: Membership, actor: User, ban: bool = False) -> Membership:
    """A member leaves (or a requester withdraws), or an administrator or moderator removes a
    member, with ``ban`` for good: a banned person may not ask to join again until the ban is
    lifted (``membership_unban``). Access ends at once. A request to join is decided, not removed,
    by others. Nobody bans themselves."""
    if actor.pk != membership.user_id and not can_manage_members(actor, membership.organisation_id):
        raise PermissionDenied(_("You may not remove this member."))
    if ban and not can_ban(actor, membership):
        raise PermissionDenied(_("You may not ban this member."))
    _lock(membership)
    if membership.state not in (Membership.State.APPROVED, Membership.State.REQUESTED):
        raise ValidationError(_("This membership has already ended."))
    if membership.state == Membership.State.REQUESTED and actor.pk != membership.user_id:
        # ending it would decline it unannounced: the requester would never hear
        raise ValidationError(_("This is a request to join: approve or decline it."))
    from_state = membership.state
    membership.state = Membership.State.BANNED if ban else Membership.State.ENDED
    membership.ended_at = timezone.now()
    membership.save(update_fields=["state", "ended_at"])
    action = "membership.leave" if actor.pk == membership.user_id else "membership.remove"
    audit_record(
        actor=actor,
        action=action,
        target=membership,
        from_state=from_state,
        to_state=membership.state,
        organisation=membership.organisation,
    )
    membership.user.forget_membership()
    membership_ended.send(sender=Membership, membership=membership)
    return membership


@transaction.atomic
def membership_unban(*, membership: Membership, actor: User) -> Membership:
    """Lift a ban: the person may ask to join again (they are not a member again). The row reads
    as before the ban: ended after a removal, declined after a request."""
    if not can_ban(actor, membership):
        raise PermissionDenied(_("You may not lift this ban."))
    _lock(membership)
    if membership.state != Membership.State.BANNED:
        raise ValidationError(_("This person is not banned (any more)."))
    ended = membership.ended_at is not None
    membership.state = Membership.State.ENDED if ended else Membership.State.DECLINED
    membership.save(update_fields=["state"])
    audit_record(
        actor=actor,
        action="membership.unban",
        target=membership,
        from_state=Membership.State.BANNED,
        to_state=membership.state,
        organisation=membership.organisation,
    )
    return membership


@transaction.atomic
def membership_set_role(*, membership: Membership, actor, role: str) -> Membership:
    """Promote a member to administrator or make an administrator a member again. Nobody changes
    their own role (so the last administrator is never demoted unawares); a request is decided
    first; setting the role someone has changes and records nothing."""
    if not can_manage_members(actor, membership.organisation_id):
        raise PermissionDenied(_("Only the organisation's administrators or moderators change roles."))
    if not can_decide_membership(actor, membership):
        raise PermissionDenied(_("You cannot change your own role: another administrator or a moderator can."))
    if role not in Membership.Role.values:
        raise ValidationError(_("Unknown role."))
    _lock(membership)
    if membership.state == Membership.State.REQUESTED:
        raise ValidationError(_("Decide on the request first: roles are for members."))
    if membership.state != Membership.State.APPROVED:
        raise ValidationError(_("This membership has already ended."))
    if membership.role == role:
        return membership
    audit_record(
        actor=actor,
        action="membership.role",
        target=membership,
        from_state=membership.role,
        to_state=role,
        organisation=membership.organisation,
    )
    membership.role = role
    membership.save(update_fields=["role"])
    membership.user.forget_membership()
    return membership


@transaction.atomic
def organisation_verify(*, organisation: Organisation, actor: User, verified: bool = True) -> Organisation:
    if not is_moderator(actor):
        raise PermissionDenied(_("Only moderators verify organisations."))
    organisation.refresh_from_db(fields=["verified"], from_queryset=Organisation.objects.select_for_update())
    if organisation.verified == verified:
        return organisation
    audit_record(
        actor=actor,
        action="organisation.verify",
        target=organisation,
        from_state=str(organisation.verified),
        to_state=str(verified),
        organisation=organisation,
    )
    organisation.verified = verified
    organisation.save(update_fields=["verified"])
    return organisation


def _language(code: str) -> str:
    if code and code not in dict(settings.LANGUAGES):
        raise ValidationError(_("Choose a language of the portal."))
    return code


@transaction.atomic
def user_update_profile(*, user: User, display_name: str, pseudonym: str, language: str | None = None) -> User:
    """``language``: the language of the portal's emails ("" for the portal's own; None leaves it)."""
    user.display_name = display_name.strip()
    user.pseudonym = pseudonym.strip()
    fields = ["display_name", "pseudonym"]
    if language is not None:
        user.language = _language(language)
        fields.append("language")
    user.save(update_fields=fields)
    return user


@transaction.atomic
def user_sign_up(
    *,
    user: User,
    display_name: str,
    organisation: Organisation | None,
    new_organisation_name: str = "",
    language: str = "",
    message: str = "",
) -> Membership:
    """After allauth created the account: set the name and the language of the sign-up page (the
    emails' language until changed on the profile page), and ask to join the organisation."""
    user.display_name = display_name.strip()
    user.language = supported_language(language) if language else ""
    user.save(update_fields=["display_name", "language"])
    return membership_request(
        user=user, organisation=organisation, new_organisation_name=new_organisation_name, message=message
    )


def closed_address(user: User) -> str:
    """The address a closed account keeps: unique, and undeliverable (``.invalid``, RFC 2606)."""
    return f"closed-{user.pk}@closed.invalid"


@transaction.atomic
def user_close(*, user: User, password: str) -> None:
    """The person closes their own account, for good. With their password (wrong: nothing
    changes); refused while an app has a reason (``account_close_refusals``: the sole moderator
    of a network). Their organisation memberships and requests end (``membership_end``), each
    app ends what the account holds there (``account_closing``: networks, requests to join,
    invitations, API tokens), their sessions and second factors are deleted, and their names and
    addresses are erased: the portal shows them as a former member to everyone (``display_name``),
    the address is free for a new account, and no email reaches them again. What they wrote stays."""
    locked = User.objects.select_for_update().get(pk=user.pk)
    if locked.closed_at is not None or not locked.is_active:
        raise ValidationError(_("This account is closed."))
    if not locked.check_password(password):
        raise ValidationError({"password": _("This is not your password.")})
    reasons: list[str] = []
    for _receiver, found in account_close_refusals.send(sender=User, user=user):
        reasons += found or []
    if reasons:
        raise ValidationError(reasons)
    for membership in Membership.objects.filter(
        user=user, state__in=[Membership.State.REQUESTED, Membership.State.APPROVED]
    ).select_related("organisation", "user"):
        membership.user = user  # so that ending it forgets what ``user`` caches
        membership_end(membership=membership, actor=user)
    account_closing.send(sender=User, user=user)
    _delete_sessions(user)
    Authenticator.objects.filter(user=user).delete()
    _drop_queued_emails(user)
    _erase_identity(user)
    audit_record(actor=user, action="account.close", target=user)


def _delete_sessions(user: User) -> None:
    """Every session signed in as ``user``: each of their browsers is signed out at once."""
    ended = [
        session.pk
        for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator()
        if session.get_decoded().get(SESSION_KEY) == str(user.pk)
    ]
    Session.objects.filter(pk__in=ended).delete()


def _drop_queued_emails(user: User) -> None:
    """The emails still waiting in the outbox (django-mailer's queue, deferred ones too) for the
    person's addresses alone: none of them reaches the former address after closing."""
    addresses = {
        address.casefold() for address in EmailAddress.objects.filter(user=user).values_list("email", flat=True)
    }
    addresses.add(user.email.casefold())
    waiting = [
        email.pk
        for email in QueuedEmail.objects.iterator()
        if email.to_addresses and {address.casefold() for address in email.to_addresses} <= addresses
    ]
    QueuedEmail.objects.filter(pk__in=waiting).delete()


def _erase_identity(user: User) -> None:
    address = closed_address(user)
    user.display_name = user.pseudonym = user.first_name = user.last_name = ""
    user.email = address
    user.is_active = False
    user.closed_at = timezone.now()
    user.set_unusable_password()
    user.save()
    user.forget_membership()
    EmailAddress.objects.filter(user=user).delete()
    EmailAddress.objects.create(user=user, email=address, verified=False, primary=True)
    Membership.objects.filter(user=user).exclude(message="").update(message="")  # their own words to the deciders
