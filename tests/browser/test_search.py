"""A visitor searches, narrows the results by two facets and opens a practice."""

import pytest

from practices.demo import load_demo_data

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_visitor_searches_narrows_by_two_facets_and_opens_a_result(browser_page, artifacts_dir, settings):
    settings.SEARCH_BACKEND = "database"
    load_demo_data(count=12)
    page = browser_page
    page.goto("/")
    page.get_by_label("Search practices in every language").fill("soutien famille")
    page.get_by_role("button", name="Search", exact=True).first.click()
    page.wait_for_url("**/search/?*")
    results = page.locator("main")
    assert "Soutien familial à Sarpsborg" in results.inner_text()

    page.get_by_role("checkbox", name="Family support").check()
    page.get_by_role("checkbox", name="Norway").check()
    page.get_by_role("button", name="Apply filters").click()
    page.wait_for_load_state()
    assert "theme=family-support" in page.url and "country=NO" in page.url
    assert page.get_by_role("checkbox", name="Family support").is_checked()
    assert page.locator("mark").first.is_visible()  # highlighted snippet
    page.screenshot(path=str(artifacts_dir / "search-two-facets.png"), full_page=True)

    page.get_by_role("link", name="Soutien familial à Sarpsborg").first.click()
    assert page.get_by_role("heading", level=1).inner_text() == "Soutien familial à Sarpsborg"
    assert "tsfa@sarpsborg.com" not in page.content()  # the contact stays hidden from visitors
