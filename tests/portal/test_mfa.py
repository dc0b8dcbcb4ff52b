"""Two-factor authentication: open to everyone, required for moderators and administrators."""

import pytest
from django.test import Client
from django.urls import reverse

from tests.conftest import PASSWORD, make_user

pytestmark = pytest.mark.django_db


def test_a_moderator_without_a_second_factor_is_sent_to_set_one_up(home_organisation):
    moderator = make_user("new.moderator@portal.example", home_organisation, is_moderator=True)
    client = Client()
    client.force_login(moderator)
    response = client.get(reverse("moderation:queue"))
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_activate_totp")


def test_an_organisation_admin_without_a_second_factor_cannot_manage_members(home_organisation):
    admin = make_user("new.admin@ravnstad.example", home_organisation, role="admin")
    client = Client()
    client.force_login(admin)
    response = client.get(reverse("organisation_members"))
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_activate_totp")


def test_a_moderator_with_totp_opens_the_queue(moderator_client):
    assert moderator_client.get(reverse("moderation:queue")).status_code == 200


def test_any_member_can_set_up_totp(client, contributor):
    client.post(reverse("account_login"), {"login": contributor.email, "password": PASSWORD})
    first = client.get(reverse("mfa_activate_totp"))
    assert first.status_code == 302 and reverse("account_reauthenticate") in first["Location"]
    client.post(first["Location"], {"password": PASSWORD})
    page = client.get(reverse("mfa_activate_totp"))
    assert page.status_code == 200
    assert "Authenticator" in page.content.decode()
