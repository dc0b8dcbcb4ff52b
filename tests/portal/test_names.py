"""How people are named: pseudonyms hide real names from everyone but those who vet them."""

import pytest

from portal.access import display_name
from portal.models import Membership
from tests.conftest import make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def exit_worker(home_organisation):
    return make_user("exit.worker@ravnstad.example", home_organisation, display_name="Eva Exit", pseudonym="Raven")


def test_other_members_see_only_the_pseudonym(exit_worker, outsider, colleague):
    assert display_name(viewer=outsider, person=exit_worker) == "Raven"
    assert display_name(viewer=colleague, person=exit_worker) == "Raven"


def test_moderators_and_own_admins_see_who_it_is(exit_worker, moderator, org_admin):
    assert display_name(viewer=moderator, person=exit_worker) == "Raven (Eva Exit)"
    assert display_name(viewer=org_admin, person=exit_worker) == "Raven (Eva Exit)"


def test_admins_deciding_on_a_request_see_who_asks(org_admin, home_organisation):
    applicant = make_user("new@ravnstad.example", display_name="Nora New", pseudonym="Owl")
    Membership.objects.create(user=applicant, organisation=home_organisation)
    assert display_name(viewer=org_admin, person=applicant) == "Owl (Nora New)"


def test_an_admin_of_another_organisation_sees_only_the_pseudonym(exit_worker, other_organisation):
    foreign_admin = make_user("admin@westerland.example", other_organisation, role="admin")
    assert display_name(viewer=foreign_admin, person=exit_worker) == "Raven"


def test_a_nameless_person_is_never_named_by_their_email(outsider, home_organisation):
    nameless = make_user("jane.doe@ravnstad.example", home_organisation)
    assert "jane" not in display_name(viewer=outsider, person=nameless).lower()
