"""A practitioner signs up, uploads the seed template, corrects it, saves and reads it."""

import re
from pathlib import Path

import pytest
from django.core import mail
from playwright.sync_api import expect

from portal.models import Membership, Organisation, OrganisationType, User
from portal.services import membership_decide
from practices.models import Practice
from tests.conftest import PASSWORD, make_user, with_totp

SEED = Path(__file__).resolve().parents[2] / "practices" / "fixtures" / "templates" / "000_c92d1ef0c5228cd4.txt"

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def _sign_up_and_verify(page) -> None:
    page.goto("/accounts/signup/")
    page.get_by_label("Email").fill("ingrid@sarpsborg.example")
    page.get_by_label("Your name").fill("Ingrid Practitioner")  # leaving the email field suggests the organisation
    chosen = page.locator("#id_organisation").evaluate("select => select.selectedOptions[0].textContent")
    assert chosen.strip() == "Municipalité de Sarpsborg"
    page.locator("#id_password1").fill(PASSWORD)
    page.get_by_label("Password (again)").fill(PASSWORD)
    page.get_by_role("button", name="Sign up").click()
    page.wait_for_url(re.compile(r"/accounts/confirm-email/"))
    link = re.search(r"https?://[^/\s]+(/accounts/confirm-email/\S+)", mail.outbox[-1].body).group(1)
    page.goto(link)
    with page.expect_navigation():  # page.url is read on the page the confirmation leads to
        page.get_by_role("button", name="Confirm").click()
    if "/accounts/login/" in page.url:
        page.get_by_label("Email").fill("ingrid@sarpsborg.example")
        page.get_by_label("Password").fill(PASSWORD)
        page.get_by_role("button", name="Log in").click()
    page.wait_for_url(lambda url: "/accounts/" not in url)


def _approve_membership(email: str) -> None:
    """The organisation's administrator approves the request (their own pages are tested elsewhere)."""
    admin = User.objects.get(email="admin@sarpsborg.example")
    membership = Membership.objects.get(user__email=email, state=Membership.State.REQUESTED)
    membership_decide(membership=membership, actor=admin, approve=True)


def test_practitioner_imports_corrects_and_reads_a_practice(browser_page, artifacts_dir):
    organisation = Organisation.objects.create(
        name="Municipalité de Sarpsborg",
        type=OrganisationType.objects.get(code="municipality"),
        verified=True,
        email_domain="sarpsborg.example",
    )
    with_totp(make_user("admin@sarpsborg.example", organisation, role="admin"))  # its role needs a second factor
    page = browser_page
    _sign_up_and_verify(page)
    page.goto("/practices/new/")
    assert "/organisation/" in page.url  # not a member until the administrator approves
    _approve_membership("ingrid@sarpsborg.example")

    with page.expect_navigation():
        page.get_by_role("link", name="Share a practice").first.click()
    page.locator("#id_document").set_input_files(str(SEED))
    # the page reached has the same (empty) form as the page left: wait for it, then read it
    with page.expect_navigation():
        page.get_by_role("button", name="Read the document").click()

    title = page.get_by_label("Name of the practice")
    expect(title).to_have_value("Soutien familial à Sarpsborg")
    expect(page.locator("#wrap-description .field-warnings")).to_be_visible()
    expect(page.locator("#id_description-word-count")).to_have_class(re.compile(r"\bover\b"))

    scope = page.get_by_label("Geographical scope")
    scope.fill(scope.input_value() + "\n\nAussi utilisée dans le comté de Viken.")
    # No visibility is pre-selected: the error summary says so, takes the focus, links to the
    # choice, and nothing typed is lost. The summary shows while the page is read; its script
    # (deferred) focuses it only then: wait for the page's load, not for the summary alone.
    with page.expect_navigation():
        page.get_by_role("button", name="Save draft").click()
    summary = page.locator("[data-error-summary]")
    expect(summary).to_be_focused()
    page.screenshot(path=str(artifacts_dir / "practice-form-error-summary.png"), full_page=True)
    summary.get_by_role("link", name=re.compile("Choose who may read this practice")).click()
    expect(page.locator("[name=visibility]:focus")).to_have_count(1)
    assert "comté de Viken" in page.get_by_label("Geographical scope").input_value()
    page.get_by_label("Members: every verified practitioner of the portal").check()
    page.get_by_role("button", name="Save draft").click()

    page.wait_for_url(re.compile(r"/practices/\d+/$"))
    assert page.get_by_role("heading", level=1).inner_text() == "Soutien familial à Sarpsborg"
    assert page.get_by_text("Aussi utilisée dans le comté de Viken.").is_visible()
    assert page.get_by_text("Insoo Kim Berg").first.is_visible()
    page.screenshot(path=str(artifacts_dir / "practice-detail.png"), full_page=True)

    practice = Practice.objects.get()
    assert practice.status == Practice.Status.DRAFT
    assert practice.author.email == "ingrid@sarpsborg.example"
    assert "comté de Viken" in practice.geographical_scope
