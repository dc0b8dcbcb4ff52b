"""Who someone is to the portal: the one place that answers role questions.

Every page, list, search backend, feed and API endpoint asks these functions;
nothing else inspects memberships or flags to decide access. Each function
fails closed: an anonymous, inactive or unapproved user gets the least.
"""

from dataclasses import dataclass

from django.utils.translation import gettext

from portal.models import Membership, Organisation


def _signed_in(user) -> bool:
    return bool(user is not None and user.is_authenticated and user.is_active)


def is_moderator(user) -> bool:
    if not _signed_in(user):
        return False
    return bool(user.is_moderator or user.is_superuser)


def is_site_admin(user) -> bool:
    return _signed_in(user) and bool(user.is_superuser)


def approved_membership(user) -> Membership | None:
    if not _signed_in(user):
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


def is_organisation_admin(user, organisation: Organisation | int | None) -> bool:
    membership = approved_membership(user)
    if membership is None or organisation is None:
        return False
    organisation_id = organisation if isinstance(organisation, int) else organisation.pk
    if membership.organisation_id != organisation_id:
        return False
    return membership.role == Membership.Role.ADMIN


def belongs_to(user, organisation_id: int | None) -> bool:
    """An approved member (verified or not) of that organisation."""
    membership = approved_membership(user)
    return membership is not None and membership.organisation_id == organisation_id


def needs_mfa(user) -> bool:
    """Moderators and administrators must sign in with a second factor."""
    if not _signed_in(user):
        return False
    membership = approved_membership(user)
    return is_moderator(user) or user.is_staff or user.is_superuser or bool(
        membership and membership.role == Membership.Role.ADMIN
    )


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


def _administers(viewer, person) -> bool:
    """The viewer administers an organisation the person belongs to or asks to join."""
    membership = approved_membership(viewer)
    if membership is None or membership.role != Membership.Role.ADMIN:
        return False
    return membership.organisation_id in person.live_organisation_ids


def display_name(*, viewer, person) -> str:
    """How ``person`` is named to ``viewer``: their pseudonym, unless the viewer is a
    moderator or an administrator of the person's own (or requested) organisation.
    Never falls back to the email address."""
    real = person.display_name or gettext("Member %(number)s") % {"number": person.pk}
    if not person.pseudonym:
        return real
    if viewer is not None and getattr(viewer, "pk", None) == person.pk:
        return real
    if is_moderator(viewer) or _administers(viewer, person):
        return f"{person.pseudonym} ({real})"
    return person.pseudonym
