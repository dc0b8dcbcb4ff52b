"""A moderator's day with a queue of 40 submissions, on a phone (375 px, in French) and a desktop
(1280 px, in English), by keyboard. The review queue opens with its list on a phone (its filters
took the whole first screen, on every page of the queue) and a link to the filters, which follow
the list; on a desktop they stay beside it. The review page's note of what is left to resolve links
to each field holding personal data; following a link and pressing Tab reaches that field's
buttons; a redaction made by keyboard shows its placeholder in the text and the note counts what
remains. Submissions waiting longer than the overview's 7 days are marked in the queue. axe-core
finds nothing serious, and no page is wider than the phone."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from practices.models import Finding, Practice
from tests.browser.conftest import WIDER, blocking_violations, signed_in_page
from tests.practices.factories import make_practice

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

TEXT = "Weekly talks with Kari Nordmann and Ola Hansen after release, to prevent violent extremism."


def _queue_of_40(contributor) -> Practice:
    for number in range(1, 40):
        make_practice(author=contributor, title=f"Mentoring scheme {number}")
    first = make_practice(author=contributor, title="Family support after release", description=TEXT)
    Practice.objects.update(status=Practice.Status.SUBMITTED)
    ten_days_ago = timezone.now() - timedelta(days=10)  # five waiting longer than the overview's 7 days
    Practice.objects.filter(title__in=[f"Mentoring scheme {n}" for n in range(1, 6)]).update(updated_at=ten_days_ago)
    for field, text, within in (
        ("description", "Kari Nordmann", TEXT),
        ("description", "Ola Hansen", TEXT),
        ("contact", "desk@ravnstad.example", first.contact),
    ):
        start = within.index(text)
        Finding.objects.create(
            practice=first, field=field, type="PERSON", text=text, start=start, end=start + len(text)
        )
    return first


def test_the_queue_and_the_review_page_on_a_phone_a_desktop_and_by_keyboard(
    browser, live_server, contributor, moderator
):
    first = _queue_of_40(contributor)
    page = signed_in_page(browser, moderator, live_server.url, width=375)
    page.context.add_cookies([{"name": "django_language", "value": "fr", "url": live_server.url}])
    page.goto("/moderation/queue/")
    row, filters = page.locator("table.data-table tbody tr").first, page.locator("#filters")
    assert row.bounding_box()["y"] < filters.bounding_box()["y"]  # the list first…
    assert row.bounding_box()["y"] + row.bounding_box()["height"] < 900  # …on the first screen
    expect(page.locator(".badge-overdue")).to_have_count(5)
    expect(row.locator(".badge-overdue")).to_contain_text("7")  # the words: test_queue_waiting.py
    jump = page.locator(".filters-jump a")
    expect(jump).to_have_text("Filtres")
    jump.focus()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile("#filters$"))
    page.keyboard.press("Tab")
    expect(filters.locator("input").first).to_be_focused()
    assert page.evaluate(WIDER) <= 0
    assert blocking_violations(page) == []

    page.set_viewport_size({"width": 1280, "height": 900})
    assert jump.bounding_box()["x"] < 0  # off the page until the keyboard reaches it
    assert filters.bounding_box()["x"] + filters.bounding_box()["width"] <= row.bounding_box()["x"]

    page.context.add_cookies([{"name": "django_language", "value": "en", "url": live_server.url}])
    page.goto(f"/moderation/practices/{first.pk}/")
    where = page.locator(".findings-where a")
    expect(where).to_have_text(["Description", "Contact details"])
    expect(page.locator(".findings-where li")).to_have_text(["Description (2)", "Contact details (1)"])
    where.nth(1).focus()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile("#field-contact$"))
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.closest('section').id") == "field-contact"
    assert blocking_violations(page) == []

    page.locator("#field-description button", has_text="Redact").first.focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.locator(".messages")).to_contain_text("Redacted: the text now reads “[name]”")
    expect(page.locator("#field-description .diff ins").first).to_contain_text("[name]")
    assert "Kari Nordmann" not in page.locator("#field-description .diff").inner_text()
    # the text was checked again: the note counts what is left, field by field, and adds up
    left = [
        int(re.search(r"\((\d+)\)$", item).group(1)) for item in page.locator(".findings-where li").all_inner_texts()
    ]
    summary = page.locator(".findings-summary p").inner_text()
    assert summary.startswith(f"{sum(left)} possible piece"), (summary, left)
    page.set_viewport_size({"width": 375, "height": 900})
    assert page.evaluate(WIDER) <= 0
    assert blocking_violations(page) == []

    published = make_practice(author=contributor, title="A published practice", publish=True)
    batch = Practice.objects.get(title="Mentoring scheme 1")  # 38 near-duplicates: five shown, the rest folded
    for path in (
        "/moderation/audit/",
        "/moderation/",
        f"/practices/{published.pk}/withdraw/",
        f"/moderation/practices/{batch.pk}/",
    ):
        page.goto(path)  # the other pages changed in this round, on the phone
        assert page.evaluate(WIDER) <= 0, path
        assert blocking_violations(page) == [], path
        if path.endswith(f"/{batch.pk}/"):
            expect(page.locator(".duplicates > ul > li")).to_have_count(5)
            expect(page.locator(".duplicates-more summary")).to_have_text("Show 34 more")
        if path == "/moderation/audit/":  # the audit log's list first too
            assert page.locator("#filters").bounding_box()["y"] > page.locator("table").bounding_box()["y"]
    page.context.close()
