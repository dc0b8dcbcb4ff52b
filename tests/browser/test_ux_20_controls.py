"""Form controls in a browser, on the pages a practitioner fills in besides the practice form.

Every box one types in is as tall as the text boxes (search boxes and date fields were left at the
browser's default, about 20 px high with no padding, beside 40 px buttons: the token's "Valid until",
the audit log's dates, the networks' search boxes). No button's word is cut over two lines on a
French phone ("Recherc|her" beside the practices' search box). And every page leaves room above its
heading and above the footer (main's padding was lost to its .wrap class: the heading touched the
header, the last form the footer)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from api.services import api_token_create
from network import services as network_services
from network.models import Network
from tests.browser.conftest import SPLIT_WORDS, blocking_violations, signed_in_page

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

TEXT_BOXES = """() => Array.from(document.querySelectorAll(
    'main input:is([type=text], [type=email], [type=password], [type=number], [type=search], [type=date], '
    + '[type=url], [type=tel])'))
  .filter(e => e.offsetWidth || e.offsetHeight)
  .map(e => ({name: e.name, height: e.getBoundingClientRect().height}))"""

ROOM = """() => {
  const main = document.querySelector('main');
  const last = Array.from(main.children).filter(e => e.offsetHeight).pop();
  return {
    above: document.querySelector('main h1').getBoundingClientRect().top
      - document.querySelector('.site-header').getBoundingClientRect().bottom,
    below: document.querySelector('.site-footer').getBoundingClientRect().top - last.getBoundingClientRect().bottom,
  };
}"""

TEXT_BOX_HEIGHT = 36  # px: a text box's 1rem padding, its border and a line


@pytest.fixture
def pages(org_admin, moderator) -> dict:
    """A network the organisation's administrator belongs to, a token; which pages each persona opens."""
    network = network_services.network_create(
        actor=moderator, name="Exit work north", purpose="Exit counselling.", policy=Network.Policy.REQUEST
    )
    network_services.network_member_add(network=network, user=org_admin, actor=moderator)
    api_token_create(
        user=org_admin, name="Reporting", scope="read", expires_on=timezone.localdate() + timedelta(days=30)
    )
    return {
        None: ["/", "/search/?q=Radikalisierungspr%C3%A4vention&language=fr"],
        org_admin: ["/networks/", f"/networks/{network.pk}/", "/account/tokens/", "/organisation/members/"],
        moderator: ["/moderation/audit/", f"/networks/{network.pk}/search/?q=Familie"],
    }


def _page(browser, live_server, user, width: int, language: str):
    if user is None:
        from tests.browser.conftest import AXE

        context = browser.new_context(base_url=live_server.url, viewport={"width": width, "height": 900})
        context.add_init_script(path=str(AXE))
        page = context.new_page()
    else:
        page = signed_in_page(browser, user, live_server.url, width=width)
    page.context.add_cookies([{"name": "django_language", "value": language, "url": live_server.url}])
    return page


@pytest.mark.parametrize("width", [375, 1280])
def test_every_text_box_is_as_tall_as_the_others(browser, live_server, pages, width):
    low, violations = [], []
    for user, paths in pages.items():
        page = _page(browser, live_server, user, width, "en")
        for path in paths:
            page.goto(path)
            boxes = page.evaluate(TEXT_BOXES)
            low += [f"{path}: {box}" for box in boxes if box["height"] < TEXT_BOX_HEIGHT]
            if width == 375:
                violations += [f"{path}: {v}" for v in blocking_violations(page)]
        page.context.close()
    assert low == []
    assert violations == []


def test_no_button_word_is_cut_on_a_french_phone(browser, live_server, pages):
    broken, wide = [], []
    for user, paths in pages.items():
        page = _page(browser, live_server, user, 375, "fr")
        for path in paths:
            page.goto(path)
            broken += [f"{path}: {word}" for word in page.evaluate(SPLIT_WORDS, "main button, main .button")]
            if page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth") > 0:
                wide.append(path)
        page.context.close()
    assert broken == []
    assert wide == []


@pytest.mark.parametrize("width", [375, 1280])
def test_every_page_leaves_room_above_its_heading_and_the_footer(browser, live_server, pages, width):
    cramped = []
    for user, paths in pages.items():
        page = _page(browser, live_server, user, width, "en")
        for path in paths:
            page.goto(path)
            room = page.evaluate(ROOM)
            if room["above"] < 16 or room["below"] < 32:
                cramped.append(f"{path}: {room}")
        page.context.close()
    assert cramped == []
