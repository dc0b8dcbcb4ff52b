"""The sign-up page lists only verified organisations to anonymous visitors (an unverified one would
tell who has applied), and sign-up answers the same whether or not the address has an account."""

import pytest
from django.core import mail
from django.urls import reverse

from portal.models import Membership, Organisation, OrganisationType, User
from tests.conftest import PASSWORD, sign_up

pytestmark = pytest.mark.django_db


def test_the_sign_up_page_lists_only_verified_organisations(client, home_organisation):
    Organisation.objects.create(
        name="Secret Applicants Unit", type=OrganisationType.objects.get(code="other"), verified=False
    )
    page = client.get(reverse("account_signup")).content.decode()
    assert home_organisation.name in page
    assert "Secret Applicants Unit" not in page


def test_an_unverified_organisation_cannot_be_picked_by_id(client):
    hidden = Organisation.objects.create(
        name="Secret Applicants Unit", type=OrganisationType.objects.get(code="other"), verified=False
    )
    client.post(
        reverse("account_signup"),
        {
            "email": "x@lindenau.example",
            "display_name": "X",
            "organisation": str(hidden.pk),
            "new_organisation": "",
            "password1": PASSWORD,
            "password2": PASSWORD,
        },
    )
    assert not Membership.objects.filter(organisation=hidden).exists()


def test_sign_up_answers_the_same_for_an_existing_address(client, contributor):
    new = sign_up(client, "new.worker@lindenau.example")
    client.logout()
    existing = sign_up(client, contributor.email)
    assert (existing.status_code, existing["Location"]) == (new.status_code, new["Location"])
    assert User.objects.filter(email=contributor.email).count() == 1
    # each address gets one email: a verification link, or word that it already has an account
    assert len([m for m in mail.outbox if m.to == [contributor.email]]) == 1
    assert len([m for m in mail.outbox if m.to == ["new.worker@lindenau.example"]]) == 1
