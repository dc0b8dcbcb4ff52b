"""My profile: name and pseudonym."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_anonymous_visitor_is_asked_to_log_in(client):
    response = client.get(reverse("profile"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_profile_shows_my_name_and_explains_who_sees_it(contributor_client):
    page = contributor_client.get(reverse("profile")).content.decode()
    assert 'value="Kari Contributor"' in page
    assert "administrators of your own organisation still see your real name" in page
    assert 'aria-describedby="id_pseudonym_helptext"' in page


def test_setting_a_pseudonym_saves_it(contributor_client, contributor):
    data = {"display_name": " Kari Nordmann ", "pseudonym": "Blue Heron"}
    response = contributor_client.post(reverse("profile"), data)
    assert response.status_code == 302
    contributor.refresh_from_db()
    assert (contributor.display_name, contributor.pseudonym) == ("Kari Nordmann", "Blue Heron")
    page = contributor_client.get(reverse("profile")).content.decode()
    assert "Other members of the portal see you as “Blue Heron”" in page


def test_a_name_is_required(contributor_client, contributor):
    response = contributor_client.post(reverse("profile"), {"display_name": "", "pseudonym": "Blue Heron"})
    assert response.status_code == 400
    contributor.refresh_from_db()
    assert (contributor.display_name, contributor.pseudonym) == ("Kari Contributor", "")


def test_each_person_edits_only_their_own_profile(outsider_client, outsider, contributor):
    outsider_client.post(reverse("profile"), {"display_name": "Changed", "pseudonym": ""})
    contributor.refresh_from_db()
    outsider.refresh_from_db()
    assert contributor.display_name == "Kari Contributor"
    assert outsider.display_name == "Changed"
    page = outsider_client.get(reverse("profile")).content.decode()
    assert "Kari Contributor" not in page
