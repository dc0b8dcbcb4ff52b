"""The refused-action (403) and not-found (404) pages in a browser on a phone, in English and French:
they fit the screen, axe-core finds nothing serious, and the 403 page says what to do next."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import blocking_violations, signed_in_page
from tests.practices.factories import make_practice

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.mark.parametrize("language", ["en", "fr"])
def test_the_error_pages_fit_a_phone_and_say_what_to_do(browser, live_server, contributor, language):
    published = make_practice(author=contributor, publish=True, title="Mentoring after prison")
    page = signed_in_page(browser, contributor, live_server.url, width=375)
    page.context.add_cookies([{"name": "django_language", "value": language, "url": live_server.url}])
    refused = page.goto(f"/practices/{published.pk}/submit/")  # published already: nothing to submit
    assert refused.status == 403
    expect(page.locator("main a[href='/contact/']")).to_be_visible()
    checks = [(blocking_violations(page), page.evaluate("() => document.documentElement.scrollWidth - innerWidth"))]
    assert page.goto("/no-such-page/").status == 404
    checks.append((blocking_violations(page), page.evaluate("() => document.documentElement.scrollWidth - innerWidth")))
    assert checks == [([], 0), ([], 0)]
    page.context.close()
