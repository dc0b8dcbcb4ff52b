"""Every notification email is written in its recipient's preferred language, whoever caused
it and whatever language they were using; the preference is set at sign-up and on the profile page."""

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import translation

from portal import services
from portal.models import Membership, User
from tests.conftest import PASSWORD, make_user

pytestmark = pytest.mark.django_db


def _to(address: str):
    return [m for m in mail.outbox if m.to == [address]]


def test_sign_up_keeps_the_language_of_the_sign_up_page(client, home_organisation):
    data = {
        "email": "nouvelle@lindenau.example",
        "display_name": "Camille",
        "organisation": str(home_organisation.pk),
        "new_organisation": "",
        "password1": PASSWORD,
        "password2": PASSWORD,
    }
    client.post(reverse("account_signup"), data, HTTP_ACCEPT_LANGUAGE="fr")
    assert User.objects.get(email="nouvelle@lindenau.example").language == "fr"


def test_sign_up_in_english_records_english(client, home_organisation):
    data = {
        "email": "new@lindenau.example",
        "display_name": "Sam",
        "organisation": str(home_organisation.pk),
        "new_organisation": "",
        "password1": PASSWORD,
        "password2": PASSWORD,
    }
    client.post(reverse("account_signup"), data, HTTP_ACCEPT_LANGUAGE="en")
    assert User.objects.get(email="new@lindenau.example").language == "en"


def test_the_language_is_changed_on_the_profile_page(contributor, contributor_client):
    page = contributor_client.get(reverse("profile")).content.decode()
    assert 'name="language"' in page
    data = {"display_name": "Kari Contributor", "pseudonym": "", "language": "fr"}
    assert contributor_client.post(reverse("profile"), data).status_code == 302
    contributor.refresh_from_db()
    assert contributor.language == "fr"
    response = contributor_client.post(reverse("profile"), {**data, "language": "xx"})
    assert response.status_code == 400
    contributor.refresh_from_db()
    assert contributor.language == "fr"


def test_membership_decision_reaches_a_french_member_in_french(
    org_admin, home_organisation, django_capture_on_commit_callbacks
):
    applicant = make_user("candidate@ravnstad.example", display_name="Claire", language="fr")
    membership = Membership.objects.create(user=applicant, organisation=home_organisation)
    with django_capture_on_commit_callbacks(execute=True):
        services.membership_decide(membership=membership, actor=org_admin, approve=True)
    [message] = _to("candidate@ravnstad.example")
    assert message.subject == "[PVE portal] Votre demande d'adhésion à Municipality of Ravnstad a été approuvée"


def test_one_request_reaches_each_administrator_in_their_own_language(
    home_organisation, org_admin, django_capture_on_commit_callbacks
):
    french_admin = make_user("admin.fr@ravnstad.example", home_organisation, role="admin", language="fr")
    applicant = make_user("candidate@ravnstad.example", display_name="Claire")
    with translation.override("fr"), django_capture_on_commit_callbacks(execute=True):  # the applicant's language
        services.membership_request(user=applicant, organisation=home_organisation)
    [french] = _to(french_admin.email)
    [english] = _to(org_admin.email)
    assert french.subject == "[PVE portal] Une personne demande à rejoindre Municipality of Ravnstad"
    assert english.subject == "[PVE portal] Someone asks to join Municipality of Ravnstad"
    assert "sur le portail" in french.body and "on the portal" in english.body
