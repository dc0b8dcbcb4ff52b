"""On a phone the moderation queue's table stacks each row and hides its header row: each cell then
shows its column's name before its value ("Open findings: 0", not a bare "0"); on a desktop the
header row names the columns and the cells show their values alone."""

import pytest

from practices import services
from tests.browser.conftest import SPLIT_WORDS, blocking_violations, signed_in_page
from tests.practices.factories import make_practice

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

LABEL = "(td) => getComputedStyle(td, '::before').content"


@pytest.mark.parametrize(("width", "shown"), [(375, '"Open findings: "'), (1280, "none")])
def test_queue_cells_name_their_column_on_a_phone(browser, live_server, contributor, moderator, width, shown):
    practice = make_practice(author=contributor, title="Mentoring")
    services.practice_submit(practice=practice, actor=contributor)
    page = signed_in_page(browser, moderator, live_server.url, width=width)
    page.goto("/moderation/queue/")
    cells = page.locator(".data-table tbody td")
    assert cells.count() == 5
    assert cells.last.evaluate(LABEL) == shown
    if width == 375:
        assert cells.nth(1).evaluate(LABEL) == '"Author: "'
        assert page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth") <= 0
    assert blocking_violations(page) == []
    page.context.close()


def test_queue_cells_break_no_word_on_a_desktop(browser, live_server, contributor, moderator):
    """``main { overflow-wrap: anywhere }`` (no sideways scrolling on a phone) let the table's columns
    shrink below their words: the review queue read "0 minute" over "s" at 1280 px."""
    practice = make_practice(author=contributor, title="Mentoring")
    services.practice_submit(practice=practice, actor=contributor)
    page = signed_in_page(browser, moderator, live_server.url, width=1280)
    page.goto("/moderation/queue/")
    broken = page.evaluate(SPLIT_WORDS, ".data-table tbody")
    assert broken == [], broken
    page.context.close()
