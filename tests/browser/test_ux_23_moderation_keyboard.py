"""The keyboard meets a moderation list before its filters, as the eye does on a phone: the review
queue and the audit log used to put the filters first in the page and show them after the list
on a phone (CSS order), so Tab went down into filters the moderator could not see. Now the page
holds the list first; a desktop still shows the filters in the left column, and the list's
"Filters" link, off the page until the keyboard reaches it there, leads to them."""

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from practices.models import Practice
from tests.browser.conftest import signed_in_page
from tests.practices.factories import make_practice

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def no_mfa(settings):
    settings.PORTAL_REQUIRE_MFA = False


def _focused(page) -> str:
    return page.evaluate(
        "() => { const e = document.activeElement; return (e.closest('#filters') ? 'filters:' : '') + "
        "(e.closest('table') ? 'list:' : '') + (e.textContent || e.name || '').trim().slice(0, 40) }"
    )


@pytest.mark.parametrize("path", ["/moderation/queue/", "/moderation/audit/"])
def test_tab_reaches_the_list_before_its_filters_on_a_phone_and_a_desktop(
    browser, live_server, contributor, moderator, path
):
    for number in range(3):
        practice = make_practice(author=contributor, title=f"Submitted practice {number}")
        Practice.objects.filter(pk=practice.pk).update(status=Practice.Status.SUBMITTED, updated_at=timezone.now())
    page = signed_in_page(browser, moderator, live_server.url, width=375)
    for width in (375, 1280):
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(path)
        seen = []
        for _ in range(80):
            page.keyboard.press("Tab")
            seen.append(_focused(page))
            if seen[-1].startswith("filters:"):
                break
        first_filter = next(index for index, where in enumerate(seen) if where.startswith("filters:"))
        jump_at = seen.index("Filters")  # the way to the filters comes before the list and the filters
        assert jump_at < first_filter and seen[jump_at - 1] == "Evidence levels", (width, seen)  # the subnav's last
        if path == "/moderation/queue/":
            first_row = next(index for index, where in enumerate(seen) if where.startswith("list:"))
            assert first_row < first_filter, (width, seen)
        filters, section = page.locator("#filters"), page.locator("section").first
        if width == 1280:  # the filters still stand in the left column
            assert filters.bounding_box()["x"] + filters.bounding_box()["width"] <= section.bounding_box()["x"]
        else:
            assert filters.bounding_box()["y"] > section.bounding_box()["y"]
        jump = page.locator(".filters-jump a")
        jump.focus()
        expect(jump).to_be_in_viewport()
        page.keyboard.press("Enter")
        page.keyboard.press("Tab")
        assert _focused(page).startswith("filters:"), (width, _focused(page))
    page.context.close()
