"""Who someone is to the portal: the one place that answers role questions.

Every page, list, search backend, feed and API endpoint asks these functions;
nothing else inspects memberships or flags to decide access. Each function
fails closed: an anonymous, inactive or unapproved user gets the least.
"""

from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext

from portal.models import Membership, Organisation


def signed_in(user) -> bool:
    """An authenticated, active account: the least every other rule asks for."""
    return bool(user is not None and user.is_authenticated and user.is_active)


def has_second_factor(user) -> bool:
    """A TOTP or security key (recovery codes alone are no second factor); asked once per user object."""
    if not signed_in(user):
        return False
    if "_has_second_factor" not in user.__dict__:
        from allauth.mfa.models import Authenticator

        factors = Authenticator.objects.filter(user=user).exclude(type=Authenticator.Type.RECOVERY_CODES)
        user.__dict__["_has_second_factor"] = factors.exists()
    return user.__dict__["_has_second_factor"]


def powers_unlocked(user) -> bool:
    """A role with powers over other people's content (moderator, organisation administrator)
    grants them only with a second factor, when ``PORTAL_REQUIRE_MFA`` is on. Without one the
    account reads and writes as an ordinary member until it sets one up."""
    if not settings.PORTAL_REQUIRE_MFA:
        return True
    return has_second_factor(user)


def holds_moderator_role(user) -> bool:
    """The moderator flag, whether or not its powers are unlocked: for sending a moderator
    to set up a second factor, never for granting anything."""
    if not signed_in(user):
        return False
    return bool(user.is_moderator or user.is_superuser)


def is_moderator(user) -> bool:
    """A moderator whose powers are unlocked (see ``powers_unlocked``)."""
    if not holds_moderator_role(user):
        return False
    return powers_unlocked(user)


def approved_membership(user) -> Membership | None:
    if not signed_in(user):
        return None
    return user.membership


def is_verified_member(user) -> bool:
    """A verified practitioner: approved membership of a verified organisation."""
    membership = approved_membership(user)
    if membership is None:
        return False
    return membership.organisation.verified


def member_organisation_id(user) -> int | None:
    """The organisation whose members-only content ``user`` may read, if any."""
    if not is_verified_member(user):
        return None
    return user.membership.organisation_id


def holds_admin_role(user) -> bool:
    """Administrator of their own organisation, whether or not the powers are unlocked."""
    membership = approved_membership(user)
    return membership is not None and membership.role == Membership.Role.ADMIN


def is_organisation_admin(user, organisation: Organisation | int | None) -> bool:
    """An administrator of that organisation whose powers are unlocked (see ``powers_unlocked``)."""
    membership = approved_membership(user)
    if membership is None or organisation is None:
        return False
    organisation_id = organisation if isinstance(organisation, int) else organisation.pk
    if membership.organisation_id != organisation_id:
        return False
    if membership.role != Membership.Role.ADMIN:
        return False
    return powers_unlocked(user)


def can_manage_members(user, organisation_id: int | None) -> bool:
    """Deciding on requests to join, changing roles, removing members: the organisation's
    administrators and moderators (both with their second factor)."""
    if organisation_id is None:
        return False
    return is_moderator(user) or is_organisation_admin(user, organisation_id)


def can_decide_membership(user, membership: Membership) -> bool:
    """Deciding on a request to join or changing a member's role: those who manage the
    organisation's members, never on their own membership (four eyes, as for practices)."""
    if signed_in(user) and user.pk == membership.user_id:
        return False
    return can_manage_members(user, membership.organisation_id)


def can_ban(user, membership: Membership) -> bool:
    """Removing a member or declining a request with a ban, and lifting a ban: the same people as
    deciding (the organisation's administrators and moderators), never on their own membership."""
    return can_decide_membership(user, membership)


def banned_from(user, organisation_id: int | None) -> bool:
    """Whether ``user`` is banned from that organisation: they may not ask to join it again
    (other organisations stay open to them)."""
    if organisation_id is None or user is None or user.pk is None:
        return False
    return Membership.objects.filter(
        user_id=user.pk, organisation_id=organisation_id, state=Membership.State.BANNED
    ).exists()


def belongs_to(user, organisation_id: int | None) -> bool:
    """An approved member (verified or not) of that organisation."""
    membership = approved_membership(user)
    return membership is not None and membership.organisation_id == organisation_id


def needs_mfa(user) -> bool:
    """Moderators and administrators (and staff, for the admin site) must sign in with a second factor."""
    if not signed_in(user):
        return False
    return holds_moderator_role(user) or user.is_staff or holds_admin_role(user)


def lacks_required_second_factor(user) -> bool:
    """A role that needs a second factor, none set up, and the portal requires one."""
    return settings.PORTAL_REQUIRE_MFA and needs_mfa(user) and not has_second_factor(user)


@dataclass(frozen=True)
class ReaderScope:
    """What a reader may see of published content, in a form search engines can filter on.

    ``members``: members-only content; ``organisation_id``: that organisation's
    own-organisation content; ``everything``: moderators see all published content.
    """

    members: bool = False
    organisation_id: int | None = None
    everything: bool = False


def reader_scope(user) -> ReaderScope:
    if is_moderator(user):
        return ReaderScope(members=True, organisation_id=member_organisation_id(user), everything=True)
    if not is_verified_member(user):
        return ReaderScope()
    return ReaderScope(members=True, organisation_id=member_organisation_id(user))


def may_see_behind_pseudonyms(viewer) -> bool:
    """Whether ``display_name`` might show ``viewer`` the real name behind someone else's
    pseudonym (moderators; organisation administrators, powers unlocked or not). When it is
    False, ``display_name`` reads nothing of a person but their id, name, pseudonym and whether
    their account is closed."""
    return is_moderator(viewer) or holds_admin_role(viewer)


def _administers(viewer, person) -> bool:
    """The viewer administers an organisation the person belongs to or asks to join."""
    membership = approved_membership(viewer)
    if membership is None:
        return False
    if membership.role != Membership.Role.ADMIN:  # a plain member: nothing more of the person is read
        return False
    if membership.organisation_id not in person.live_organisation_ids:
        return False
    return is_organisation_admin(viewer, membership.organisation_id)


def display_name(*, viewer, person) -> str:
    """How ``person`` is named to ``viewer``: their pseudonym, unless the viewer is a
    moderator or an administrator of the person's own (or requested) organisation.
    Never falls back to the email address. A closed account is a former member to everyone
    (its names are erased: ``portal.services.user_close``)."""
    if getattr(person, "closed_at", None) is not None:
        return gettext("Former member")
    real = person.display_name or gettext("Member %(number)s") % {"number": person.pk}
    if not person.pseudonym:
        return real
    if viewer is not None and getattr(viewer, "pk", None) == person.pk:
        return real
    if is_moderator(viewer) or _administers(viewer, person):
        return f"{person.pseudonym} ({real})"
    return person.pseudonym
