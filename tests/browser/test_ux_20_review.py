"""The moderator's review page on a phone and a desktop: each possible personal detail is marked in
the text where it stands, on its own line's height. The list rule ".finding" (the findings on a
practice's page) also styled the review diff's <mark class="finding">: 12 px of padding above and
below and a rule, drawn over the line above the name, hiding the words around it. Nor is the list of
findings under a field framed twice (the practice page's amber ".findings" box around the review's
own finding boxes)."""

import pytest

from practices import services
from practices.models import Finding
from tests.browser.conftest import blocking_violations, signed_in_page
from tests.practices.factories import make_practice

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

MARKS = """() => Array.from(document.querySelectorAll('.diff mark.finding')).map(mark => ({
  text: mark.textContent,
  height: mark.getBoundingClientRect().height / mark.getClientRects().length,
  line: parseFloat(getComputedStyle(mark.closest('.diff')).lineHeight),
}))"""


def test_a_finding_is_marked_on_its_lines_height(browser, live_server, contributor, moderator):
    description = (
        "Weekly talks with the family and their mentor to prevent violent extremism after release, "
        "with Kari Nordmann, see https://www.example.org/a/long/path/without/spaces/prevention.pdf."
    )
    practice = make_practice(author=contributor, title="Family support", description=description)
    start = description.index("Kari Nordmann")
    Finding.objects.create(
        practice=practice, field="description", type="PERSON", text="Kari Nordmann", start=start, end=start + 13
    )
    services.practice_submit(practice=practice, actor=contributor)
    page = signed_in_page(browser, moderator, live_server.url, width=375)
    page.goto(f"/moderation/practices/{practice.pk}/")
    for width in (375, 1280):  # the page loaded once, then widened to a desktop's
        page.set_viewport_size({"width": width, "height": 900})
        marks = page.evaluate(MARKS)
        assert [mark["text"] for mark in marks] == ["Kari Nordmann"]
        assert all(mark["height"] <= mark["line"] + 2 for mark in marks), (width, marks)
        frame = page.locator("ul[aria-label^='Possible personal data']")
        assert frame.evaluate("e => getComputedStyle(e).borderTopStyle") == "none"
        assert blocking_violations(page) == []
        assert page.evaluate("() => document.documentElement.scrollWidth - innerWidth") <= 0, width
    page.context.close()
