import re

import pytest
from django.core import mail
from django.urls import reverse

from portal.models import Membership, Organisation, User
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
    verification = [m for m in mail.outbox if m.to == ["new.worker@lindenau.example"]]
    assert len(verification) == 1

    client.logout()
    login = client.post(reverse("account_login"), {"login": "new.worker@lindenau.example", "password": PASSWORD})
    assert login.status_code == 302
    assert "confirm-email" in login["Location"]  # sent to verify, not logged in
    assert "_auth_user_id" not in client.session

    link = _confirmation_link(verification[0])
    client.post(link)
    login = client.post(reverse("account_login"), {"login": "new.worker@lindenau.example", "password": PASSWORD})
    assert login.status_code == 302
    assert client.session["_auth_user_id"] == str(User.objects.get(email="new.worker@lindenau.example").pk)


def test_sign_up_with_a_new_organisation_creates_it_unverified_and_asks_to_administer_it(client):
    _sign_up(client)
    user = User.objects.get(email="new.worker@lindenau.example")
    membership = Membership.objects.get(user=user)
    assert user.display_name == "Sam Worker"
    assert membership.organisation.name == "City of Lindenau"
    assert membership.organisation.verified is False
    assert membership.organisation.type.code == "other"
    assert (membership.state, membership.role) == ("requested", "admin")
    assert user.organisation is None  # not a member until approved


def _to_admin(admin) -> list:
    return [m for m in mail.outbox if m.to == [admin.email] and "asks to join" in m.subject]


def test_sign_up_asks_to_join_an_existing_organisation_and_notifies_its_admins_once_the_email_is_verified(
    client, org_admin, home_organisation, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        _sign_up(client, organisation=str(home_organisation.pk), new_organisation="")
    membership = Membership.objects.get(user__email="new.worker@lindenau.example")
    assert (membership.organisation, membership.state, membership.role) == (home_organisation, "requested", "member")
    assert Organisation.objects.count() == 1
    assert _to_admin(org_admin) == []  # the address may not be theirs: nobody is told yet

    [verification] = [m for m in mail.outbox if m.to == ["new.worker@lindenau.example"]]
    with django_capture_on_commit_callbacks(execute=True):
        client.post(_confirmation_link(verification))
        client.post(_confirmation_link(verification))  # confirming twice announces once
    [announcement] = _to_admin(org_admin)
    link = f"/organisation/requests/{membership.pk}/"
    assert link in announcement.body  # the exact request, not a list


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


def test_sign_up_page_marks_organisations_with_their_email_domain(client, home_organisation):
    home_organisation.email_domain = "ravnstad.example"
    home_organisation.save()
    page = client.get(reverse("account_signup")).content.decode()
    assert f'data-domain="ravnstad.example" value="{home_organisation.pk}"' in page or (
        'data-domain="ravnstad.example"' in page and f'value="{home_organisation.pk}"' in page
    )
    assert "js/signup.js" in page
