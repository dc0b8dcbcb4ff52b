"""OPTIONS answers as the matching GET does (found by the API client sweep): the practices'
list and detail are open to anonymous readers, so their OPTIONS is too, whatever the query
string; the networks' need a signed-in reader, as their GET."""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("query", ["", "?q=mentoring&theme=x"])
def test_an_anonymous_options_on_the_practices_list_answers_as_its_get(query):
    client = APIClient()
    url = reverse("api:practice-list") + query
    assert client.get(reverse("api:practice-list")).status_code == 200
    response = client.options(url)
    assert response.status_code == 200, response.content
    assert response.json()["name"] and "actions" not in response.json()  # nothing to write for a visitor


def test_an_anonymous_options_on_networks_is_refused_as_its_get():
    client = APIClient()
    url = reverse("api:network-list")
    assert client.get(url).status_code == client.options(url).status_code == 401


def test_options_describes_the_practice_form_only_to_a_contributor(persona_client):
    response = persona_client("contributor").options(reverse("api:practice-list"))
    assert response.status_code == 200 and "title" in response.json()["actions"]["POST"]
