"""A contributor writes a draft with a name inside a re-identification hint, checks it, redacts the
hint (only the age goes), then the name (its finding is gone), and submits once."""

import re

import pytest
from playwright.sync_api import expect

from portal.models import AuditEvent
from practices.models import Finding, Practice
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

HINTED = "In 2019 Jonas Berg, a 17-year-old boy from Ravnstad, joined the programme. It ran for two years."


def _log_in(page, email: str) -> None:
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(lambda url: "/accounts/login/" not in url)


def _write_draft(page) -> None:
    page.goto("/practices/new/")
    page.get_by_label("Name of the practice").fill("Mentors for young people after release")
    page.get_by_label("Description").fill(HINTED)
    page.get_by_label("Exit strategies").check()
    page.get_by_label("Families", exact=True).check()
    page.get_by_label("Public: everyone").check()
    page.get_by_role("button", name="Save draft").click()
    page.wait_for_url(re.compile(r"/practices/\d+/$"))


def _redact(page, kind: str) -> None:
    # The page reached has the practice's address too: wait for its load, not for the URL (nor
    # for wait_for_load_state(), which the page being left, loaded already, satisfies at once).
    with page.expect_navigation():
        page.locator(".finding", has_text=kind).first.get_by_role("button", name="Redact").click()


def test_check_redact_the_hint_then_the_name_and_submit_once(browser_page, contributor, artifacts_dir):
    page = browser_page
    _log_in(page, contributor.email)
    _write_draft(page)
    with page.expect_navigation():
        page.get_by_role("button", name="Check for personal data").first.click()
    findings = page.locator(".finding-list")
    assert "Jonas Berg" in findings.inner_text() and "Detail that could identify someone" in findings.inner_text()
    page.screenshot(path=str(artifacts_dir / "contribute-check-findings.png"), full_page=True)

    _redact(page, "Detail that could identify someone")
    assert page.get_by_text("a [age] boy from Ravnstad").first.is_visible()  # the sentence stays readable
    assert "Detail that could identify someone" not in page.locator("main").inner_text()
    page.screenshot(path=str(artifacts_dir / "contribute-check-hint-redacted.png"), full_page=True)

    _redact(page, "Jonas Berg")
    assert page.locator(".finding-list").count() == 0  # no finding left open: nothing to trap anyone
    assert page.get_by_text("In 2019 [name], a [age] boy").first.is_visible()
    page.screenshot(path=str(artifacts_dir / "contribute-check-name-redacted.png"), full_page=True)

    page.get_by_role("link", name="Submit for review…").click()
    page.wait_for_url(re.compile(r"/practices/\d+/submit/$"))
    form = page.locator("form[data-busy]")
    # hold this submission in the page, as a slow server would, to see what the contributor sees meanwhile
    form.evaluate("form => form.addEventListener('submit', event => event.preventDefault())")
    button = form.locator("button[type=submit]")
    button.click()
    expect(button).to_be_disabled()
    expect(button).to_contain_text("Submitting")
    expect(form.locator("[role=status]")).to_contain_text("Submitting")
    page.screenshot(path=str(artifacts_dir / "contribute-check-submitting.png"), full_page=True)
    expect(form).to_have_attribute("data-sent", "true")  # the page's script cancels any further submit
    form.evaluate("form => form.submit()")  # the held submission goes through
    page.wait_for_url(re.compile(r"/practices/\d+/$"))
    page.screenshot(path=str(artifacts_dir / "contribute-check-submitted.png"), full_page=True)
    practice = Practice.objects.get(title="Mentors for young people after release")
    assert practice.status == Practice.Status.SUBMITTED
    assert not practice.findings.filter(status=Finding.Status.OPEN).exists()
    assert AuditEvent.objects.filter(action="practice.submit", target_id=practice.pk).count() == 1
    assert practice.description.startswith("In 2019 [name], a [age] boy from Ravnstad")
