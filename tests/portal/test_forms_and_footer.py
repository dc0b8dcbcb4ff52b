"""Forms say every error at once at the top, keep what was typed, and use one wording for
signing up and logging in; the footer's pages exist; account emails carry the portal's name."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from practices.forms import EUROPEAN_COUNTRIES, PracticeForm, european_countries_first
from practices.models import Practice
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db

SUMMARY_LINK = re.compile(r'<li><a href="#(id_\w+)">')


def _summary(page: str) -> str:
    match = re.search(r"<div class=\"error-summary\".*?</div>", page, re.S)
    assert match, "no error summary"
    return match.group(0)


def test_sign_up_lists_every_error_at_the_top_linked_to_its_field_and_keeps_the_passwords(client):
    data = {"email": "not-an-address", "display_name": "", "password1": "a long passphrase 42", "password2": "other"}
    page = client.post(reverse("account_signup"), data).content.decode()
    summary = _summary(page)
    targets = SUMMARY_LINK.findall(summary)
    assert {"id_email", "id_display_name"} <= set(targets)
    for target in targets:
        assert f'id="{target}"' in page
    assert "Choose your organisation" in summary  # the form's own error is listed too
    assert 'value="a long passphrase 42"' in page
    assert page.index("error-summary") < page.index('id="id_email"')


def test_log_in_errors_are_summarised_and_keep_the_password(client, contributor):
    page = client.post(reverse("account_login"), {"login": contributor.email, "password": "wrong one"}).content.decode()
    assert "There is a problem" in _summary(page)
    assert 'value="wrong one"' in page


@pytest.mark.parametrize("name", ["account_signup", "account_login", "account_reset_password"])
def test_account_pages_say_sign_up_and_log_in_never_sign_in(client, name):
    page = client.get(reverse(name)).content.decode()
    assert "Sign In" not in page and "sign in" not in page and "Signup" not in page and "Sign Up" not in page


def test_every_form_template_uses_the_shared_error_summary(settings):
    from pathlib import Path

    templates = Path(settings.BASE_DIR) / "templates"
    for path in templates.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        if 'method="post"' in text and ("{{ field.errors }}" in text or ".errors }}" in text):
            assert "includes/error_summary.html" in text, path


def test_a_new_practice_has_no_visibility_chosen_and_saving_without_one_says_so(contributor_client):
    page = contributor_client.get(reverse("practices:create")).content.decode()
    radios = re.findall(r'<input type="radio" name="visibility"[^>]*>', page)
    assert len(radios) == len(Practice.Visibility.choices)
    assert not any("checked" in radio for radio in radios)
    response = contributor_client.post(reverse("practices:create"), {"title": "Mentoring", "language": "en"})
    assert "Choose who may read this practice" in _summary(response.content.decode())
    assert not Practice.objects.exists()


def test_an_existing_practice_keeps_its_visibility(contributor):
    from tests.practices.factories import make_practice

    practice = make_practice(author=contributor, visibility="organisation")
    assert PracticeForm(instance=practice)["visibility"].value() == "organisation"


@pytest.mark.parametrize("language", ["en", "fr"])
def test_european_countries_come_first_then_the_rest_in_both_languages(language):
    from django.utils import translation
    from django_countries import countries

    with translation.override(language):
        choices = european_countries_first()
        alphabetical = [code for code, _name in countries]
    european = [code for code, _name in choices[: len(EUROPEAN_COUNTRIES)]]
    assert set(european) == EUROPEAN_COUNTRIES
    assert european == [code for code in alphabetical if code in EUROPEAN_COUNTRIES]
    assert [code for code, _name in choices[len(EUROPEAN_COUNTRIES) :]] == [
        code for code in alphabetical if code not in EUROPEAN_COUNTRIES
    ]
    assert {"FR", "DE", "NO", "UA"} <= set(european) and "US" not in european
    assert len(choices) > 240


def test_sign_up_offers_known_organisations_as_you_type(client, home_organisation):
    page = client.get(reverse("account_signup")).content.decode()
    assert 'list="organisation-names"' in page
    assert f'<option value="{home_organisation.name}">' in page
    assert "<script>" not in page  # the Content-Security-Policy forbids inline scripts


@pytest.mark.parametrize(
    "name, words",
    [
        ("page_about", "About the portal"),
        ("page_privacy", "Privacy notice"),
        ("page_accessibility", "Accessibility statement"),
        ("page_contact", "Contact"),
    ],
)
def test_footer_pages_are_linked_from_every_page_and_answer(client, settings, name, words):
    settings.PORTAL_CONTACT_EMAIL = "team@portal.example"
    home = client.get(reverse("home")).content.decode()
    footer = home[home.index("<footer") :]
    for linked in (reverse(name), reverse("evidence_levels"), reverse("api:docs")):
        assert f'href="{linked}"' in footer
    page = client.get(reverse(name)).content.decode()
    assert f"<h1>{words}</h1>" in page
    if name != "page_about":
        assert "team@portal.example" in page


def test_account_emails_carry_the_portal_name_not_the_host_name(client, settings):
    settings.PORTAL_NAME = "Exit Practice Exchange"
    client.post(
        reverse("account_signup"),
        {
            "email": "new@lindenau.example",
            "display_name": "Sam",
            "new_organisation": "City of Lindenau",
            "password1": PASSWORD,
            "password2": PASSWORD,
        },
    )
    body = mail.outbox[-1].body
    assert "Exit Practice Exchange" in body
    assert "testserver!" not in body and "from testserver" not in body
