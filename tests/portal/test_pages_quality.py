"""Every page: no asset from another host, landmarks, and the two interface languages."""

import re

import pytest
from django.urls import reverse

from tests.practices.factories import make_practice

pytestmark = pytest.mark.django_db

ASSET = re.compile(r'<(?:script|link|img|iframe|source)\b[^>]*\b(?:src|href)="([^"]+)"', re.I)


def _pages(contributor):
    practice = make_practice(author=contributor, publish=True)
    return [
        reverse("home"),
        reverse("search:search"),
        practice.get_absolute_url(),
        reverse("account_login"),
        reverse("account_signup"),
    ]


def test_pages_load_no_asset_from_another_host(client, contributor_client, contributor):
    urls = _pages(contributor)
    pages = [client.get(url) for url in urls] + [contributor_client.get(reverse("practices:create"))]
    for response in pages:
        assert response.status_code == 200
        for url in ASSET.findall(response.content.decode()):
            assert url.startswith("/") and not url.startswith("//"), url


def test_pages_have_landmarks_and_a_skip_link(client, contributor):
    for url in _pages(contributor):
        page = client.get(url).content.decode()
        assert '<main id="main"' in page
        assert "<header" in page and "<nav" in page and "<footer" in page
        assert 'href="#main"' in page
        assert '<meta name="viewport"' in page


def test_language_switcher_turns_the_interface_to_french(client):
    client.post(reverse("set_language"), {"language": "fr", "next": "/"})
    page = client.get(reverse("home")).content.decode()
    assert '<html lang="fr">' in page
    assert "Pratiques" in page
    assert "Parcourir les pratiques" in page


def test_taxonomy_labels_follow_the_interface_language(client, contributor):
    make_practice(author=contributor, publish=True, themes=("family-support", "education"))
    client.post(reverse("set_language"), {"language": "fr", "next": "/"})
    page = client.get(reverse("search:search")).content.decode()
    assert "Soutien de la famille" in page


def test_health_check_answers(client):
    response = client.get(reverse("healthz"))
    assert response.json() == {"status": "ok"}
