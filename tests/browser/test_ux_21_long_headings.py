"""Long headings on a phone (375 px): a German compound or an address in a practice's title, a
network's name or a discussion's title. Every heading of the page content hyphenates in its own
language (``hyphens: auto``, with ``lang`` set on the practice's title where it is printed: the home
page's cards and the edit form's heading said nothing of the title's language, so a browser would
hyphenate German by English rules), a word longer than the line breaks inside the heading rather
than pushing it past the screen, and no page is wider than the phone. axe-core finds nothing serious."""

import pytest

from network import services as network_services
from network.models import Network
from tests.browser.conftest import blocking_violations, signed_in_page
from tests.practices.factories import make_practice

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

COMPOUND = "Landeskriminalamtspräventionsberatungsstellenkoordinierungsausschuss"
NETWORK = "Ausstiegsbegleitungskoordinierungsstellenverbund"  # a name in no known language: the page's
ADDRESS = "https://www.example.org/praevention/berichte/landeskriminalamt/2024/abschlussbericht-final.pdf"

# Each heading of the content: its computed hyphens, the language it is read in, and how far it reaches.
HEADINGS = """() => Array.from(document.querySelectorAll('main h1, main h2, main h3')).filter(h => h.offsetHeight)
  .map(h => ({
    text: h.textContent.trim().slice(0, 40),
    hyphens: getComputedStyle(h).hyphens,
    wrap: getComputedStyle(h).overflowWrap,
    titleLang: Array.from(h.querySelectorAll('*')).concat([h])
      .filter(e => e.textContent.includes('Landeskriminalamt') && !e.children.length)
      .map(e => e.closest('[lang]').lang)[0] || null,
    right: Math.max(...Array.from(h.getClientRects()).map(r => r.right)),
  }))"""


@pytest.fixture
def pages(contributor, moderator) -> list[str]:
    practice = make_practice(
        author=contributor, publish=True, language="de", title=f"{COMPOUND} im Strafvollzug", description=ADDRESS
    )
    network = network_services.network_create(
        actor=moderator, name=f"Netzwerk {NETWORK}", purpose="Ausstiegsarbeit.", policy=Network.Policy.REQUEST
    )
    network_services.network_member_add(network=network, user=contributor, actor=moderator)
    thread = network_services.thread_create(network=network, actor=contributor, title=ADDRESS, body="Bitte lesen.")
    return [
        "/",
        practice.get_absolute_url(),
        f"/practices/{practice.pk}/edit/",
        "/search/?q=Strafvollzug",
        "/organisation/",
        f"/networks/{network.pk}/",
        thread.get_absolute_url(),
    ]


def test_long_headings_hyphenate_in_their_language_and_fit_a_phone(browser, live_server, contributor, pages):
    page = signed_in_page(browser, contributor, live_server.url, width=375)
    problems = []
    for path in pages:
        page.goto(path)
        headings = page.evaluate(HEADINGS)
        assert headings, path
        for heading in headings:
            if heading["hyphens"] != "auto":
                problems.append(f"{path}: {heading['text']!r} does not hyphenate ({heading['hyphens']})")
            if heading["titleLang"] not in (None, "de"):
                problems.append(f"{path}: {heading['text']!r} is read as {heading['titleLang']!r}, not German")
            if heading["right"] > 375 + 1:
                problems.append(f"{path}: {heading['text']!r} reaches {heading['right']:.0f}px")
        if (extra := page.evaluate("() => document.documentElement.scrollWidth - innerWidth")) > 0:
            problems.append(f"{path}: {extra}px wider than the phone")
        problems += [f"{path}: {v}" for v in blocking_violations(page)]
    page.context.close()
    assert problems == [], "\n".join(problems)
