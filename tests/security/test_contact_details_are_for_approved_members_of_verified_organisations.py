"""Contact details are shown only to approved members of verified organisations (and moderators and
the practice's own side): not to anonymous visitors, applicants, former members, or members of an
organisation no moderator has verified; on the page and the API alike."""

import pytest
from django.test import Client
from django.urls import reverse

from portal.models import Organisation, OrganisationType
from tests.conftest import make_user
from tests.practices.factories import make_practice

pytestmark = pytest.mark.django_db
CONTACT = "Desk, desk@ravnstad.example, +47 22 33 44 55"


@pytest.fixture
def unverified_member(db):
    organisation = Organisation.objects.create(
        name="Self-declared Unit", verified=False, type=OrganisationType.objects.get(code="other")
    )
    return make_user("member@unverified.example", organisation)


@pytest.fixture
def practice(contributor):
    return make_practice(author=contributor, publish=True, contact=CONTACT)


def _sees(user, practice) -> tuple[bool, bool]:
    client = Client()
    if user is not None:
        client.force_login(user)
    page = client.get(practice.get_absolute_url()).content.decode()
    api = client.get(reverse("api:practice-detail", args=[practice.pk])).json()
    return "desk@ravnstad.example" in page, api["contact"] == CONTACT


@pytest.mark.parametrize("persona", ["applicant", "former_member", "unverified_member"])
def test_signed_in_people_the_portal_does_not_vouch_for_see_no_contact(request, persona, practice):
    assert _sees(request.getfixturevalue(persona), practice) == (False, False)


def test_the_anonymous_visitor_sees_no_contact(practice):
    assert _sees(None, practice) == (False, False)


@pytest.mark.parametrize("persona", ["outsider", "colleague", "moderator"])
def test_approved_members_of_verified_organisations_and_moderators_see_it(request, persona, practice):
    assert _sees(request.getfixturevalue(persona), practice) == (True, True)
