"""A submission with planted personal data goes through redaction, review and publication."""

import re

import pytest
from django.conf import settings
from django.test import Client

from practices.models import Practice
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PLANTED = "Our mentor Jonas Berg (+47 912 34 567, jonas.berg@example.no) met the family every week"


def _log_in(page, email: str) -> None:
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(lambda url: "/accounts/login/" not in url)


def _session_of(user, context, base_url: str) -> None:
    """Sign ``user`` in by session cookie (a moderator signs in with a second factor;
    the login pages are tested elsewhere)."""
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": base_url}])


def _write_and_submit(page) -> None:
    page.goto("/practices/new/")
    page.get_by_label("Name of the practice").fill("Weekly family mentoring")
    page.get_by_label("Description").fill(f"{PLANTED} to prevent their son's violent radicalisation.")
    page.get_by_label("Family support").check()
    page.get_by_label("Exit strategies").check()
    page.get_by_label("Families", exact=True).check()
    page.get_by_label("Public: everyone").check()  # no visibility is chosen for the contributor
    page.get_by_role("button", name="Save draft").click()
    page.wait_for_url(re.compile(r"/practices/\d+/$"))
    page.get_by_role("link", name="Submit for review…").click()
    page.wait_for_url(re.compile(r"/practices/\d+/submit/$"))
    page.get_by_role("button", name="Submit for review").click()
    page.wait_for_url(re.compile(r"/practices/\d+/$"))


def test_planted_personal_data_is_redacted_reviewed_and_published(
    browser_page, contributor, moderator, live_server, artifacts_dir
):
    page = browser_page
    _log_in(page, contributor.email)
    _write_and_submit(page)

    findings = page.locator(".findings")
    assert "+47 912 34 567" in findings.inner_text()
    assert "jonas.berg@example.no" in findings.inner_text()
    while page.locator(".finding").count():
        # the page reached has the practice's address too: wait for its load (wait_for_load_state()
        # is satisfied at once by the page being left, whose finding would be counted and clicked again)
        with page.expect_navigation():
            page.locator(".finding").first.get_by_role("button", name="Redact").click()
    assert page.get_by_text("[phone]").first.is_visible()
    practice = Practice.objects.get(title="Weekly family mentoring")
    assert practice.status == "submitted"

    moderator_context = page.context.browser.new_context(base_url=live_server.url)
    _session_of(moderator, moderator_context, live_server.url)
    review = moderator_context.new_page()
    review.goto("/moderation/")
    review.get_by_role("link", name="Weekly family mentoring").click()
    review.wait_for_url(re.compile(r"/moderation/practices/\d+/$"))
    with review.expect_navigation():  # the decision is read from the database once its page is back
        review.get_by_role("button", name="Approve", exact=True).click()
    practice.refresh_from_db()
    assert practice.status == "published"

    reader = page.context.browser.new_context(base_url=live_server.url).new_page()
    reader.goto(practice.get_absolute_url())
    text = reader.locator("main").inner_text()
    assert "Weekly family mentoring" in text
    for planted in ("Jonas Berg", "912 34 567", "jonas.berg@example.no"):
        assert planted not in text
    assert "[email]" in text and "[phone]" in text
    reader.screenshot(path=str(artifacts_dir / "published-after-redaction.png"), full_page=True)
    moderator_context.close()
