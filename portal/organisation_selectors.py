"""Reads for the organisation pages, and their access functions.

Managing an organisation's members is for its administrators and for
moderators; anyone else gets a 404, never a 403, so the pages reveal nothing.
"""

from allauth.account.models import EmailAddress
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.db.models.functions import Coalesce
from django.http import Http404

from portal.access import approved_membership, can_manage_members, signed_in
from portal.models import Membership, Organisation
from portal.services import organisations_matching_email

LIVE_STATES = (Membership.State.REQUESTED, Membership.State.APPROVED)


def live_membership(user) -> Membership | None:
    """The user's approved membership or pending request, if any."""
    if not signed_in(user):
        return None
    return (
        Membership.objects.select_related("organisation", "organisation__type")
        .filter(user=user, state__in=LIVE_STATES)
        .first()
    )


def organisation_for_manager(*, user, organisation_id: int | None) -> Organisation:
    """The organisation whose members ``user`` may manage: their own as an administrator,
    any as a moderator. 404 for anyone else."""
    if organisation_id is None:
        membership = approved_membership(user)
        if membership is None:
            raise Http404
        organisation_id = membership.organisation_id
    if not can_manage_members(user, organisation_id):
        raise Http404
    organisation = Organisation.objects.select_related("type").filter(pk=organisation_id).first()
    if organisation is None:
        raise Http404
    return organisation


def membership_request_for_manager(*, user, pk: int) -> Membership:
    """A request to join, pending or decided (or withdrawn), with ``email_verified``, to those
    who may decide on it: its organisation's administrators and moderators. 404 for anyone else."""
    membership = (
        Membership.objects.select_related("user", "organisation", "organisation__type", "decided_by")
        .annotate(email_verified=email_verified())
        .filter(pk=pk)
        .first()
    )
    if membership is None:
        raise Http404
    if not can_manage_members(user, membership.organisation_id):
        raise Http404
    return named([membership])[0]


def _with_known_membership(memberships: list[Membership]) -> list[Membership]:
    """Tell each listed user their approved membership, so naming them costs no query."""
    for membership in memberships:
        known = membership if membership.state == Membership.State.APPROVED else None
        membership.user.__dict__["membership"] = known
        membership.user.__dict__["live_organisation_ids"] = {membership.organisation_id}
        # Only the domain: enough to tell whether a requester works there, without the address.
        membership.email_domain = membership.user.email.rsplit("@", 1)[-1]
    return memberships


def email_verified() -> Exists:
    """For a ``Membership`` queryset: whether the member confirmed their sign-in address."""
    addresses = EmailAddress.objects.filter(user_id=OuterRef("user_id"), email__iexact=OuterRef("user__email"))
    return Exists(addresses.filter(verified=True))


def pending_requests(*, organisation: Organisation) -> QuerySet[Membership]:
    """Requests to join, oldest first, each with ``email_verified``."""
    return (
        Membership.objects.select_related("user", "organisation")
        .filter(organisation=organisation, state=Membership.State.REQUESTED)
        .annotate(email_verified=email_verified())
        .order_by("requested_at", "pk")
    )


def current_members(*, organisation: Organisation) -> QuerySet[Membership]:
    return (
        Membership.objects.select_related("user", "organisation")
        .filter(organisation=organisation, state=Membership.State.APPROVED)
        .order_by("-role", "user__display_name", "pk")
    )


def banned_members(*, organisation: Organisation) -> QuerySet[Membership]:
    """People banned from the organisation (removed or declined with a ban), newest ban first;
    for its managers only (the caller has passed ``organisation_for_manager``)."""
    return (
        Membership.objects.select_related("user", "organisation")
        .filter(organisation=organisation, state=Membership.State.BANNED)
        .order_by(Coalesce("ended_at", "decided_at").desc(), "-pk")
    )


def named(memberships) -> list[Membership]:
    """A page of memberships, ready to be named through ``display_name``."""
    return _with_known_membership(list(memberships))


def organisation_admin_count(*, organisation_id: int) -> int:
    return Membership.objects.filter(
        organisation_id=organisation_id, state=Membership.State.APPROVED, role=Membership.Role.ADMIN
    ).count()


def joinable_organisations(*, user) -> tuple[list[Organisation], QuerySet[Organisation]]:
    """Organisations matching the user's email domain (suggested first), and every
    verified one. Unverified organisations named by other applicants are not listed."""
    suggested = organisations_matching_email(user.email)
    others = (
        Organisation.objects.filter(verified=True)
        .exclude(pk__in=[organisation.pk for organisation in suggested])
        .order_by("name")
    )
    return suggested, others


def joinable_queryset(*, suggested: list[Organisation]) -> QuerySet[Organisation]:
    """What the join form accepts: a verified organisation, or one matching the email address."""
    return Organisation.objects.filter(Q(verified=True) | Q(pk__in=[o.pk for o in suggested]))


def public_organisations() -> QuerySet[Organisation]:
    """Organisations anyone may see listed: the verified ones, public fields only."""
    return Organisation.objects.filter(verified=True).select_related("type").order_by("name")
