"""API tokens are revoked when the password changes or the account leaves its organisation, and
former members receive no more workflow emails about practices they can no longer read."""

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from portal import services as portal_services
from portal.models import Membership
from practices import services
from practices.models import Practice
from tests.api.conftest import token_client
from tests.conftest import PASSWORD, make_user
from tests.practices.factories import make_practice

pytestmark = pytest.mark.django_db
ME = "/api/v1/me/"


def test_a_token_stops_working_when_the_password_changes_on_the_account_page(contributor):
    api = token_client(contributor)
    assert api.get(ME).status_code == 200
    client = Client()
    client.force_login(contributor)
    response = client.post(
        reverse("account_change_password"),
        {
            "oldpassword": PASSWORD,
            "password1": "another-long-password-7",
            "password2": "another-long-password-7",
        },
    )
    assert response.status_code == 302
    assert api.get(ME).status_code == 401


def test_a_token_stops_working_when_the_password_is_set_anywhere_else(contributor):
    api = token_client(contributor)
    contributor.set_password("set-by-an-administrator-3")
    contributor.save()
    assert api.get(ME).status_code == 401


def test_a_token_survives_a_plain_profile_save(contributor):
    api = token_client(contributor)
    portal_services.user_update_profile(user=contributor, display_name="Kari C.", pseudonym="")
    assert api.get(ME).status_code == 200


@pytest.mark.parametrize("who", ["self", "admin"])
def test_a_token_stops_working_when_the_account_leaves_its_organisation(who, contributor, org_admin):
    api = token_client(contributor)
    membership = Membership.objects.get(user=contributor, state=Membership.State.APPROVED)
    portal_services.membership_end(membership=membership, actor=contributor if who == "self" else org_admin)
    assert api.get(ME).status_code == 401


def test_a_former_author_gets_no_more_workflow_emails(
    contributor, moderator, org_admin, django_capture_on_commit_callbacks
):
    practice = make_practice(author=contributor, title="Mentoring after prison", publish=True)
    membership = Membership.objects.get(user=contributor, state=Membership.State.APPROVED)
    portal_services.membership_end(membership=membership, actor=contributor)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.practice_withdraw(practice=Practice.objects.get(pk=practice.pk), actor=org_admin, reason="Old")
    recipients = {address for message in mail.outbox for address in message.to}
    assert contributor.email not in recipients
    assert moderator.email in recipients


def test_a_former_administrator_gets_no_more_submission_emails(
    contributor, moderator, home_organisation, django_capture_on_commit_callbacks
):
    former_admin = make_user("old.admin@ravnstad.example", home_organisation, role="admin")
    Membership.objects.filter(user=former_admin).update(state=Membership.State.ENDED)
    practice = make_practice(author=contributor, title="Family support")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.practice_submit(practice=practice, actor=contributor)
    recipients = {address for message in mail.outbox for address in message.to}
    assert former_admin.email not in recipients
    assert recipients  # the moderators still hear of it
