import re

import pytest
from django.core import mail
from django.urls import reverse

from portal.models import Organisation, User
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db


def _sign_up(client, **overrides):
    data = {
        "email": "new.worker@lindenau.example",
        "display_name": "Sam Worker",
        "organisation": "",
        "new_organisation": "City of Lindenau",
        "password1": PASSWORD,
        "password2": PASSWORD,
    }
    data.update(overrides)
    return client.post(reverse("account_signup"), data)


def _confirmation_link(message) -> str:
    return re.search(r"https?://[^/\s]+(/accounts/confirm-email/[^\s]+)", message.body).group(1)


def test_sign_up_sends_a_verification_email_and_blocks_login_until_confirmed(client):
    response = _sign_up(client)
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["new.worker@lindenau.example"]

    client.logout()
    login = client.post(reverse("account_login"), {"login": "new.worker@lindenau.example", "password": PASSWORD})
    assert login.status_code == 302
    assert "confirm-email" in login["Location"]  # sent to verify, not logged in
    assert "_auth_user_id" not in client.session

    link = _confirmation_link(mail.outbox[-1])
    client.post(link)
    login = client.post(reverse("account_login"), {"login": "new.worker@lindenau.example", "password": PASSWORD})
    assert login.status_code == 302
    assert client.session["_auth_user_id"] == str(User.objects.get(email="new.worker@lindenau.example").pk)


def test_sign_up_with_a_new_organisation_creates_it_unverified(client):
    _sign_up(client)
    user = User.objects.get(email="new.worker@lindenau.example")
    assert user.display_name == "Sam Worker"
    assert user.organisation.name == "City of Lindenau"
    assert user.organisation.verified is False
    assert user.organisation.type.code == "other"


def test_sign_up_joins_an_existing_organisation(client, home_organisation):
    _sign_up(client, organisation=str(home_organisation.pk), new_organisation="")
    assert User.objects.get(email="new.worker@lindenau.example").organisation == home_organisation
    assert Organisation.objects.count() == 1


def test_sign_up_without_an_organisation_is_refused_and_keeps_the_input(client):
    response = _sign_up(client, new_organisation="")
    page = response.content.decode()
    assert response.status_code == 200
    assert "Choose your organisation, or give its name if it is not listed." in page
    assert "new.worker@lindenau.example" in page
    assert not User.objects.exists()


def test_password_reset_sends_a_link(client, contributor):
    client.post(reverse("account_reset_password"), {"email": contributor.email})
    assert len(mail.outbox) == 1
    assert "/accounts/password/reset/key/" in mail.outbox[0].body


def test_logout_ends_the_session(contributor_client):
    contributor_client.post(reverse("account_logout"))
    assert "_auth_user_id" not in contributor_client.session
