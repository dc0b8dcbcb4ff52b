"""The header on a phone: the navigation and the language switch fold behind "Menu" (a details
element, so it opens without JavaScript), leaving the header under 120 px at 375 px wide (it took
about 185 px, more signed in); every link stays reachable by keyboard and by a tap, and the page
stays axe-clean. On a desktop the menu is always open and its button hidden."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import AXE, TIMEOUT_MS, blocking_violations, signed_in_page

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PHONE_WIDTH = 375
HEADER_BOUND_PX = 120


def _header_height(page) -> float:
    return page.locator(".site-header").bounding_box()["height"]


def _nav_links(page):
    return page.locator(".site-header nav a, .site-header nav button")


def _anonymous_page(browser, base_url: str, width: int, javascript: bool = True):
    context = browser.new_context(
        base_url=base_url, viewport={"width": width, "height": 800}, java_script_enabled=javascript
    )
    context.add_init_script(path=str(AXE))
    page = context.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    return page


def _check_phone_header(page) -> None:
    assert _header_height(page) < HEADER_BOUND_PX, _header_height(page)
    links = _nav_links(page)
    assert links.count() >= 3
    for index in range(links.count()):
        expect(links.nth(index)).to_be_hidden()
    assert blocking_violations(page) == []
    # By keyboard: past the skip link and the brand, the menu button; Enter opens it.
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    expect(page.locator(".site-menu > summary")).to_be_focused()
    page.keyboard.press("Enter")
    for index in range(links.count()):
        link = links.nth(index)
        expect(link).to_be_visible()
        box = link.bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= PHONE_WIDTH, box
    page.keyboard.press("Tab")
    expect(links.first).to_be_focused()
    expect(page.locator("#language-select")).to_be_visible()
    assert blocking_violations(page) == []
    assert page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth") <= 0


def test_phone_header_is_compact_and_every_link_reachable_for_a_visitor(browser, live_server):
    page = _anonymous_page(browser, live_server.url, PHONE_WIDTH)
    page.goto("/")
    _check_phone_header(page)


def test_phone_header_is_compact_and_every_link_reachable_for_a_moderator(browser, live_server, moderator):
    page = signed_in_page(browser, moderator, live_server.url, width=PHONE_WIDTH)
    page.goto("/practices/")
    _check_phone_header(page)
    expect(page.get_by_role("link", name="Moderation")).to_be_visible()
    expect(page.get_by_role("button", name="Log out")).to_be_visible()


def test_phone_header_is_compact_in_french_too(browser, live_server):
    page = _anonymous_page(browser, live_server.url, PHONE_WIDTH)
    page.goto("/language/?language=fr&next=/")
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    _check_phone_header(page)


def test_phone_menu_opens_without_javascript(browser, live_server):
    page = _anonymous_page(browser, live_server.url, PHONE_WIDTH, javascript=False)
    page.goto("/")
    log_in = page.locator(".site-header nav").get_by_role("link", name="Log in")
    expect(log_in).to_be_hidden()
    page.locator(".site-menu > summary").click()
    expect(log_in).to_be_visible()
    with page.expect_navigation():
        log_in.click()
    assert "/accounts/login/" in page.url


def test_desktop_header_shows_every_link_without_a_menu_button(browser, live_server, moderator):
    page = signed_in_page(browser, moderator, live_server.url, width=1280)
    page.goto("/")
    expect(page.locator(".site-menu > summary")).to_be_hidden()
    links = _nav_links(page)
    for index in range(links.count()):
        expect(links.nth(index)).to_be_visible()
    expect(page.locator("#language-select")).to_be_visible()
    assert _header_height(page) < 100, _header_height(page)  # two lines, as before, for a moderator's seven links
    assert blocking_violations(page) == []


# What a browser without ::details-content believes (Firefox before 143, Safari before 18.4): the
# script (static/js/site-menu.js) must then open the menu itself on a wide screen.
NO_DETAILS_CONTENT = """
const supports = CSS.supports.bind(CSS);
CSS.supports = (...args) => (String(args[0]).includes("details-content") ? false : supports(...args));
"""


def test_without_details_content_the_script_opens_the_menu_on_a_wide_screen_only(browser, live_server):
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 800})
    context.add_init_script(NO_DETAILS_CONTENT)
    page = context.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    page.goto("/")
    menu = page.locator(".site-menu")
    expect(menu).to_have_attribute("open", "")
    expect(menu).to_have_class("site-menu site-menu-wide")
    expect(page.locator(".site-header nav").get_by_role("link", name="Log in")).to_be_visible()
    page.set_viewport_size({"width": PHONE_WIDTH, "height": 800})
    expect(menu).to_have_class("site-menu")  # a phone again: the button is back
    expect(page.locator(".site-menu > summary")).to_be_visible()
    context.close()
