"""Writes with side effects for accounts and organisations."""

from django.db import transaction

from portal.models import Organisation, User
from practices.models import OrganisationType


def organisation_get_or_create(*, name: str, type_code: str = "other", country: str = "") -> Organisation:
    """The organisation of that name (case-insensitive), created unverified if new."""
    name = " ".join(name.split())
    existing = Organisation.objects.filter(name__iexact=name).first()
    if existing is not None:
        return existing
    org_type = OrganisationType.objects.filter(code=type_code).first() or OrganisationType.objects.get(code="other")
    return Organisation.objects.create(name=name, type=org_type, country=country, verified=False)


@transaction.atomic
def user_join_organisation(
    *, user: User, display_name: str, organisation: Organisation | None, new_organisation_name: str = ""
) -> User:
    """Attach a newly signed-up user to their organisation (new ones start unverified)."""
    if organisation is None:
        organisation = organisation_get_or_create(name=new_organisation_name)
    user.display_name = display_name.strip()
    user.organisation = organisation
    user.save(update_fields=["display_name", "organisation"])
    return user
