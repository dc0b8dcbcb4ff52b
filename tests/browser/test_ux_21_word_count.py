"""The live word count under a long field groups its numbers as the page's language does, as the
server prints every other count: "1 200 mots" on a French page, "1,200 words" on an English one
(it printed 1200 in both)."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import blocking_violations, signed_in_page

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.mark.parametrize(("language", "grouped"), [("en", "1,200"), ("fr", "1\u202f200")])
def test_the_word_count_groups_thousands_the_pages_way(browser, live_server, contributor, language, grouped):
    page = signed_in_page(browser, contributor, live_server.url, width=375)
    page.context.add_cookies([{"name": "django_language", "value": language, "url": live_server.url}])
    page.goto("/practices/new/")
    page.locator("#id_description").fill("mentoring " * 1200)
    count = page.locator("#id_description-word-count")
    expect(count).to_contain_text(grouped)
    assert "1200" not in count.inner_text()
    assert blocking_violations(page) == []
    page.context.close()
