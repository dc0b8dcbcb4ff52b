"""The closing page in Chromium: reached from the profile page, accessible (axe), a wrong
password shown as an error at the top, the right one closing the account and signing out."""

import pytest
from playwright.sync_api import expect

from portal.models import User
from tests.browser.conftest import blocking_violations, signed_in_page
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_a_member_closes_their_account_from_the_profile_page(browser, live_server, contributor):
    page = signed_in_page(browser, contributor, live_server.url)
    page.goto("/account/profile/")
    page.get_by_role("link", name="Close your account…").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Close your account")
    assert blocking_violations(page) == []
    button = page.get_by_role("button", name="Close my account for good")
    page.get_by_label("Your password").fill("not my password")
    button.click()
    expect(page.get_by_role("alert")).to_contain_text("This is not your password.")
    assert blocking_violations(page) == []
    page.get_by_label("Your password").fill(PASSWORD)
    page.get_by_role("button", name="Close my account for good").click()
    expect(page.get_by_text("Your account is closed.")).to_be_visible()
    expect(page.get_by_role("link", name="Log in")).to_be_visible()
    assert blocking_violations(page) == []
    assert User.objects.get(pk=contributor.pk).closed_at is not None
