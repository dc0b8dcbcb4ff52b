"""A visitor searches, narrows the results by two facets and opens a practice."""

import pytest
from playwright.sync_api import expect

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

    # A filter applies at once: the click navigates. Playwright's check()/uncheck() read the box's
    # state again after the click, and that read races the navigation (on a phone the new page's
    # box is hidden behind "Filters" and uncheck() waits for a visible one until its timeout): click,
    # then read the state on the page the click led to.
    with page.expect_navigation():
        page.get_by_role("checkbox", name="Family support").click()
    with page.expect_navigation():
        page.get_by_role("checkbox", name="Norway").click()
    assert not page.get_by_role("button", name="Apply filters").is_visible()
    assert "theme=family-support" in page.url and "country=NO" in page.url
    assert page.get_by_role("checkbox", name="Family support").is_checked()
    assert page.locator("mark").first.is_visible()  # highlighted snippet
    page.screenshot(path=str(artifacts_dir / "search-two-facets.png"), full_page=True)

    # A click that leads to another page returns once the navigation starts: every read waits
    # for the page reached (its load), not the page left.
    with page.expect_navigation():
        page.get_by_role("link", name="Soutien familial à Sarpsborg").first.click()
    assert page.get_by_role("heading", level=1).inner_text() == "Soutien familial à Sarpsborg"
    assert "tsfa@sarpsborg.com" not in page.content()  # the contact stays hidden from visitors
    assert page.locator(".practice-summary").is_visible()
    page.screenshot(path=str(artifacts_dir / "practice-page-reader.png"), full_page=True)
    with page.expect_navigation():
        page.get_by_role("link", name="Back to results").click()
    assert "theme=family-support" in page.url and "country=NO" in page.url and "q=soutien" in page.url
    expect(page.get_by_role("checkbox", name="Norway")).to_be_checked()


def test_on_a_phone_the_filters_wait_behind_a_button_and_the_first_result_is_on_the_first_screen(
    browser_page, artifacts_dir, settings
):
    settings.SEARCH_BACKEND = "database"
    load_demo_data(count=12)
    page = browser_page
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto("/search/?theme=family-support")
    button = page.get_by_role("button", name="Filters (1)")
    assert button.is_visible()
    assert not page.get_by_role("checkbox", name="Family support").is_visible()
    first = page.locator(".search-results .practice-card").first
    box = first.bounding_box()
    assert box is not None and box["y"] < 844, box
    page.screenshot(path=str(artifacts_dir / "search-phone-first-screen.png"))
    button.click()
    expect(page.get_by_role("checkbox", name="Family support")).to_be_checked()  # shown by the click
    page.screenshot(path=str(artifacts_dir / "search-phone-filters-open.png"))
    with page.expect_navigation():
        page.get_by_role("checkbox", name="Family support").click()  # see the first test: no uncheck()
    assert "theme=" not in page.url
    # the new page folds the filters again: the box is hidden, and get_by_role skips hidden boxes
    assert not page.get_by_role("checkbox", name="Family support", include_hidden=True).is_checked()
    assert page.get_by_role("button", name="Filters (0)").is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390


def test_on_a_desktop_long_facet_lists_fold_behind_show_more(browser_page, artifacts_dir, settings):
    settings.SEARCH_BACKEND = "database"
    load_demo_data(count=12)
    page = browser_page
    page.goto("/practices/")  # the former list page: now the search page
    assert "/search/" in page.url
    assert not page.get_by_role("button", name="Filters (0)").is_visible()
    more = page.locator(".facet-more summary").first
    assert more.is_visible()
    scrolling = page.evaluate(
        "[...document.querySelectorAll('.search-facets ul')].some(u => u.scrollHeight > u.clientHeight + 1)"
    )
    assert not scrolling
    page.screenshot(path=str(artifacts_dir / "search-desktop-all-practices.png"), full_page=True)


def test_on_a_phone_a_practice_opens_with_its_summary_and_goes_back_to_the_same_results(
    browser_page, artifacts_dir, settings
):
    settings.SEARCH_BACKEND = "database"
    load_demo_data(count=12)
    page = browser_page
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto("/search/?q=famille&theme=family-support")
    with page.expect_navigation():
        page.locator(".search-results .practice-card h3 a").first.click()
    assert page.locator(".practice-summary").is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.screenshot(path=str(artifacts_dir / "practice-page-phone.png"))
    with page.expect_navigation():
        page.get_by_role("link", name="Back to results").click()
    assert "q=famille" in page.url and "theme=family-support" in page.url
    assert page.get_by_role("button", name="Filters (1)").is_visible()


@pytest.mark.parametrize("leave", ["Escape", "Tab"])
def test_title_suggestions_answered_late_do_not_open_after_the_reader_closed_them_or_left_the_box(
    browser_page, settings, leave
):
    """The reader types, then presses Escape (or moves on with Tab) before the suggestions come
    (a slow server, a loaded machine): the answer, come too late, must not open the list again."""
    settings.SEARCH_BACKEND = "database"
    load_demo_data(count=12)
    page = browser_page
    held = []  # the suggestions' request, answered only when the test says so
    page.route("**/search/autocomplete/?q=*", lambda route: held.append(route))
    page.goto("/search/")
    box = page.locator("#search-q")
    with page.expect_request("**/search/autocomplete/?q=*"):
        box.press_sequentially("Soutien", delay=20)
    box.press(leave)
    listbox = page.locator("#search-q-suggestions")
    expect(listbox).to_be_hidden()

    with page.expect_response("**/search/autocomplete/?q=*") as late:
        held[-1].continue_()
    late.value.finished()
    assert "Soutien familial" in late.value.text()  # there was something to show
    with pytest.raises(AssertionError):  # a list that opens does so as soon as the answer is read
        expect(listbox).to_be_visible(timeout=1_000)
