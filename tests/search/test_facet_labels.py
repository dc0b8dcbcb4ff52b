"""The facets' labels are kept in each process under the content token and the language
(search/presentation.py: ``facet_labels``); a term edited in the admin replaces the token
(practices/indexing.py: ``taxonomy_changed``), so its new label shows on the next page, kept or not."""

import pytest
from django.urls import reverse

from practices.models import KeyTheme
from search.generation import content_token
from tests.search.builders import make_published

URL = reverse("search:search")

pytestmark = pytest.mark.usefixtures("database_only")


def _page(client, language: str = "en", **params) -> str:
    response = client.get(URL, params, HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200
    return response.content.decode()


def test_a_theme_relabelled_in_the_admin_shows_on_every_readers_next_page(
    home_organisation, client, colleague_client, outsider_client
):
    make_published("Exit mentoring in Ravnstad", organisation=home_organisation, themes=("exit-strategies",))
    readers = (client, colleague_client, outsider_client)  # a kept page, results kept per scope, each language
    for reader in readers:
        assert "Exit strategies" in _page(reader) and "Stratégies de sortie" in _page(reader, "fr")
    before = content_token()
    theme = KeyTheme.objects.get(code="exit-strategies")
    theme.label_en, theme.label_fr = "Leaving extremist milieus", "Quitter les milieux extrémistes"
    theme.save()  # as the admin saves it
    assert content_token() != before
    for reader in readers:
        english, french = _page(reader), _page(reader, "fr")
        assert "Leaving extremist milieus" in english and "Exit strategies" not in english
        assert "Quitter les milieux extrémistes" in french and "Stratégies de sortie" not in french


def test_a_code_only_the_address_names_is_shown_as_given_and_escaped(home_organisation, client):
    make_published("Exit mentoring in Ravnstad", organisation=home_organisation, themes=("exit-strategies",))
    page = _page(client, theme=["exit-strategies", "<b>made-up</b>"])
    assert "Key themes: &lt;b&gt;made-up&lt;/b&gt;" in page and "<b>made-up</b>" not in page
    assert "Key themes: Exit strategies" in page
