"""Printing a practice's page: the portal had no print stylesheet, so a printed practice began with
the header's menu and language switch, carried its buttons and forms, and its links to reports on
other sites printed as underlined words with no address. Printed now: the content without the menu,
the actions, the table of contents or the footer's links; each link to another site followed by its
address; and the address the practice was printed from. On screen nothing changes."""

import pytest
from django.conf import settings

from tests.browser.conftest import blocking_violations, signed_in_page
from tests.practices.factories import make_practice

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

REPORT = "https://www.example.org/evaluation-2024.pdf"

SHOWN = """(report) => {
  const shown = selector => Array.from(document.querySelectorAll(selector))
    .some(e => getComputedStyle(e).display !== 'none' && (e.offsetWidth || e.offsetHeight));
  const link = Array.from(document.querySelectorAll('main a')).find(a => a.href === report);
  return {
    menu: shown('.site-menu'),
    actions: shown('main .actions'),
    contents: shown('.practice-toc'),
    footer_links: shown('.site-footer nav'),
    address: shown('.print-only') ? document.querySelector('.print-only').textContent.trim() : null,
    link: link ? getComputedStyle(link, '::after').content : null,
  };
}"""


def test_a_printed_practice_is_its_content_with_its_links_addresses(browser, live_server, contributor):
    practice = make_practice(
        author=contributor,
        publish=True,
        description=f"Weekly mentoring to prevent violent extremism after release. See [the evaluation]({REPORT}).",
    )
    page = signed_in_page(browser, contributor, live_server.url, width=1280)
    page.goto(practice.get_absolute_url())
    on_screen = page.evaluate(SHOWN, REPORT)
    assert blocking_violations(page) == []
    page.emulate_media(media="print")
    printed = page.evaluate(SHOWN, REPORT)
    page.context.close()
    assert on_screen == {
        "menu": True,
        "actions": True,
        "contents": on_screen["contents"],
        "footer_links": True,
        "address": None,
        "link": "none",
    }
    assert printed == {
        "menu": False,
        "actions": False,
        "contents": False,
        "footer_links": False,
        "address": f"Printed from {settings.PORTAL_URL}{practice.get_absolute_url()}",
        "link": f'" ({REPORT})"',
    }
