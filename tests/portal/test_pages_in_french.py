"""Every page type rendered in French (anonymous visitor, member, moderator): no text the
catalogue lacks. While each page renders, every string looked up in the French catalogue and
not found there is recorded; the test fails when such a string shows in the page's HTML."""

import html
import re

import pytest
from django.urls import reverse
from django.utils.translation import trans_real

from network import services as network_services
from network.models import Network
from practices import services as practice_services
from tests.practices.factories import make_practice

pytestmark = pytest.mark.django_db

PLACEHOLDER = re.compile(r"%(?:\(\w+\))?[sd]|\{\w*\}")
LETTERS = re.compile(r"[A-Za-z]{3,}")


@pytest.fixture
def missing_french(monkeypatch) -> set[str]:
    """Strings the French catalogue was asked for and does not hold (msgids, context dropped)."""
    missing: set[str] = set()
    gettext, ngettext = trans_real.DjangoTranslation.gettext, trans_real.DjangoTranslation.ngettext

    def unknown(self, key) -> bool:
        """Not in the catalogue, and not itself one of its French texts (a label translated twice)."""
        return key not in self._catalog and key not in french_texts

    french_texts = {value for _key, value in trans_real.translation("fr")._catalog.items() if isinstance(value, str)}

    def recording_gettext(self, message):
        if self.language() == "fr" and unknown(self, message):
            missing.add(message.split(trans_real.CONTEXT_SEPARATOR)[-1])
        return gettext(self, message)

    def recording_ngettext(self, singular, plural, number):
        if self.language() == "fr" and unknown(self, (singular, 0)):
            missing.update({singular.split(trans_real.CONTEXT_SEPARATOR)[-1], plural})
        return ngettext(self, singular, plural, number)

    monkeypatch.setattr(trans_real.DjangoTranslation, "gettext", recording_gettext)
    monkeypatch.setattr(trans_real.DjangoTranslation, "ngettext", recording_ngettext)
    return missing


def _visible_in(page: str, message: str) -> bool:
    """Whether a msgid shows in the page: whole, as a text or an attribute's value, or, with
    placeholders, its longest fixed piece anywhere."""
    pieces = [piece.strip() for piece in PLACEHOLDER.split(message)]
    longest = max(pieces, key=len)
    if not LETTERS.search(longest):
        return False
    if len(pieces) > 1:
        return longest in page
    return re.search(r"[>\"]\s*" + re.escape(message.strip()) + r"\s*[<\"]", page) is not None


def _gaps(client, urls: list[str], missing: set[str]) -> list[str]:
    client.cookies["django_language"] = "fr"
    gaps = []
    for url in urls:
        missing.clear()
        response = client.get(url, HTTP_ACCEPT_LANGUAGE="fr")
        assert response.status_code == 200, url
        page = html.unescape(response.content.decode())
        assert '<html lang="fr">' in page, url
        gaps += [f"{url}: {message!r}" for message in sorted(missing) if _visible_in(page, message)]
    return gaps


def test_anonymous_pages_in_french_show_no_untranslated_text(client, contributor, missing_french):
    practice = make_practice(author=contributor, publish=True)
    urls = [
        reverse("home"),
        reverse("search:search"),
        reverse("search:search") + "?q=mentoring",
        practice.get_absolute_url(),
        reverse("account_signup"),
        reverse("account_login"),
        reverse("account_reset_password"),
        reverse("evidence_levels"),
        reverse("page_about"),
        reverse("page_privacy"),
        reverse("page_accessibility"),
        reverse("page_contact"),
    ]
    gaps = _gaps(client, urls, missing_french)
    assert gaps == [], "\n".join(gaps)


def test_forms_with_errors_in_french_show_no_untranslated_text(client, contributor_client, missing_french):
    client.cookies["django_language"] = contributor_client.cookies["django_language"] = "fr"
    pages = [
        client.post(reverse("account_signup"), {"email": "not an address"}, HTTP_ACCEPT_LANGUAGE="fr"),
        client.post(
            reverse("account_login"), {"login": "x@example.org", "password": "wrong"}, HTTP_ACCEPT_LANGUAGE="fr"
        ),
        contributor_client.post(reverse("practices:create"), {"title": ""}, HTTP_ACCEPT_LANGUAGE="fr"),
    ]
    for response in pages:
        page = html.unescape(response.content.decode())
        assert "data-error-summary" in page
        assert "There is a problem" not in page
    gaps = sorted(
        message
        for message in missing_french
        if any(_visible_in(html.unescape(r.content.decode()), message) for r in pages)
    )
    assert gaps == [], "\n".join(gaps)


def test_member_pages_in_french_show_no_untranslated_text(contributor_client, contributor, moderator, missing_french):
    network = network_services.network_create(
        actor=moderator, name="Réseau nord", purpose="Sortie de la violence.", policy=Network.Policy.INVITATION
    )
    network_services.network_member_add(network=network, user=contributor, actor=moderator)
    thread = network_services.thread_create(network=network, actor=contributor, title="Une famille", body="Bonjour.")
    draft = make_practice(author=contributor, title="Brouillon")
    urls = [
        reverse("practices:create"),
        draft.get_absolute_url(),
        reverse("practices:edit", args=[draft.pk]),
        reverse("profile"),
        reverse("account_close"),
        reverse("network:list"),
        reverse("network:detail", args=[network.pk]),
        thread.get_absolute_url(),
        reverse("network:notifications"),
        reverse("api_tokens"),
        reverse("organisation_home"),
    ]
    gaps = _gaps(contributor_client, urls, missing_french)
    assert gaps == [], "\n".join(gaps)


def test_moderator_pages_in_french_show_no_untranslated_text(moderator_client, moderator, contributor, missing_french):
    practice = make_practice(
        author=contributor,
        title="Soutien aux familles à Ravnstad",
        geographical_scope="Ravnstad",
        description="Le programme de Ravnstad accompagne les familles pour prévenir l'extrémisme violent.",
    )
    practice_services.practice_submit(practice=practice, actor=contributor)
    featured = make_practice(author=contributor, title="Sortir de l'extrémisme à Ravnstad", publish=True)
    practice_services.practice_feature(practice=featured, actor=moderator)
    urls = [
        reverse("moderation:queue"),
        reverse("moderation:review", args=[practice.pk]),
        reverse("moderation:audit"),
        reverse("moderation:organisations"),
        reverse("moderation:featured"),
    ]
    gaps = _gaps(moderator_client, urls, missing_french)
    assert gaps == [], "\n".join(gaps)
