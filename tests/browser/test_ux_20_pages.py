"""The pages a practitioner fills in and reads in tables besides the practice form, in a browser: each
page is loaded once per persona and language on a phone (375 px), checked, then widened to a desktop
(1280 px) and checked again, instead of once per check.

Form controls: every box one types in is as tall as the text boxes (search boxes and date fields were
left at the browser's default, about 20 px high with no padding, beside 40 px buttons: the token's
"Valid until", the audit log's dates, the networks' search boxes). No button's word is cut over two
lines on a French phone ("Recherc|her" beside the practices' search box). And every page leaves room
above its heading and above the footer (main's padding was lost to its .wrap class: the heading
touched the header, the last form the footer).

Data tables (API tokens, an organisation's members and requests, a network's members, the audit log,
the organisations, the review queue, the featured practices): on a phone a table stacks each row and
hides its header row, so every cell names its column before its value ("Valid until: 7 Jan 2027", not
a bare date next to another bare date), in the reader's language. On a desktop every table looks the
same (the styles used to live in moderation.css, which the tokens and network members pages do not
load: centred headers, no rules between rows) and fits the page even when a row's name is a long
German compound: neither the table nor the visually hidden text of its cells pushes the page
sideways, and every cell is laid out as a cell (the actions cell was a flex box: the rule under its
row sat at another height than its neighbours').

Keyboard focus is visible on every background: tabbing through the sign-in page (desktop), an
organisation's members and the tokens page (phone), each control that takes focus shows a ring with
at least 3:1 contrast against what is behind it (WCAG 2.4.11). The amber ring alone had 2:1 on the
white pages.

On every page at 375 px axe-core finds nothing serious and the page is no wider than the phone."""

from datetime import timedelta

import pytest
from django.utils import timezone

from api.services import api_token_create
from network import services as network_services
from network.models import Network
from portal.models import Membership, Organisation
from practices import services as practice_services
from tests.browser.conftest import AXE, SPLIT_WORDS, TIMEOUT_MS, blocking_violations, signed_in_page
from tests.conftest import make_user
from tests.practices.factories import make_practice

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PHONE, DESKTOP = {"width": 375, "height": 900}, {"width": 1280, "height": 900}
COMPOUND = "Landeskriminalamtspräventionsberatungsstellenkoordinierungsausschuss"

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

# Their organisation column (a cell, not the row's name) keeps its words whole, so that no short word
# ("minutes", "Netherlands") is ever broken to squeeze a column: the compound makes the table scroll
# sideways inside its own box, the page stays as wide as the window.
SCROLLS_IN_ITS_BOX = {"/moderation/audit/", "/moderation/queue/", "/moderation/featured/"}

# Each stacked cell whose column has a visible header, and what its label shows (its ::before).
CELL_LABELS = """() => {
  const found = [];
  for (const table of document.querySelectorAll('main .data-table')) {
    const headers = Array.from(table.querySelectorAll('thead th'));
    for (const row of table.querySelectorAll('tbody tr')) {
      for (const cell of row.cells) {
        const header = headers[cell.cellIndex];
        const name = header ? header.cloneNode(true) : null;
        if (name) name.querySelectorAll('.visually-hidden').forEach(e => e.remove());
        const column = name ? name.textContent.replace(/\\s+/g, ' ').trim() : '';
        if (cell.tagName === 'TD' && column)
          found.push({column, shown: getComputedStyle(cell, '::before').content});
      }
    }
  }
  return found;
}"""

TABLE_FACTS = """() => ({
  page: document.documentElement.scrollWidth - window.innerWidth,
  boxes: Array.from(document.querySelectorAll('main .table-scroll')).map(box => box.scrollWidth - box.clientWidth),
  tables: Array.from(document.querySelectorAll('main .data-table')).map(table => ({
    width: Math.round(table.getBoundingClientRect().width),
    box: Math.round(table.parentElement.clientWidth),
    align: getComputedStyle(table.querySelector('thead th')).textAlign,
    rule: getComputedStyle(table.querySelector('tbody td, tbody th')).borderBottomStyle,
    not_cells: Array.from(table.querySelectorAll('tbody td, tbody th'))
      .filter(cell => getComputedStyle(cell).display !== 'table-cell').map(cell => cell.className || cell.tagName),
  })),
})"""

# The focused element's ring colours (outline, box-shadow) and the colour behind it.
FOCUS_RING = """() => {
  const e = document.activeElement;
  const style = getComputedStyle(e);
  let behind = e.parentElement, background = 'rgba(0, 0, 0, 0)';
  for (; behind; behind = behind.parentElement) {
    background = getComputedStyle(behind).backgroundColor;
    if (!/rgba\\(.*, 0\\)$/.test(background)) break;
  }
  return {
    what: e.tagName.toLowerCase() + ' ' + (e.innerText || e.name || '').trim().slice(0, 30),
    outline: style.outlineStyle === 'none' || style.outlineWidth === '0px' ? null : style.outlineColor,
    shadow: style.boxShadow === 'none' ? null : style.boxShadow.match(/rgba?\\([^)]*\\)/)[0],
    behind: /rgba\\(.*, 0\\)$/.test(background) ? 'rgb(255, 255, 255)' : background,
  };
}"""

WIDER_THAN_THE_WINDOW = "() => document.documentElement.scrollWidth - window.innerWidth"


@pytest.fixture
def pages(contributor, org_admin, moderator) -> dict:
    """A long-named organisation with a request to join and members, a network, a token, audit events,
    a practice in the review queue and a featured one; which pages each persona opens, and what each
    page is checked for: its form controls, its tables, its focus rings (at which width)."""
    organisation = org_admin.organisation
    Organisation.objects.filter(pk=organisation.pk).update(name=f"Stadt {COMPOUND}")
    newcomer = make_user("newcomer@ravnstad.example", display_name=f"Maximilian {COMPOUND}")
    Membership.objects.create(user=newcomer, organisation=organisation)
    network = network_services.network_create(
        actor=moderator, name="Exit work north", purpose="Exit counselling.", policy=Network.Policy.REQUEST
    )
    for member in (contributor, org_admin):
        network_services.network_member_add(network=network, user=member, actor=moderator)
    api_token_create(
        user=org_admin, name=f"Skript {COMPOUND}", scope="read", expires_on=timezone.localdate() + timedelta(days=30)
    )
    waiting = make_practice(author=contributor, title="Family talks")
    practice_services.practice_submit(practice=waiting, actor=contributor)
    featured = make_practice(author=contributor, publish=True, title=f"{COMPOUND} im Strafvollzug")
    practice_services.practice_feature(practice=featured, actor=moderator)
    members = f"/networks/{network.pk}/members/"
    return {
        None: {
            "/": {"controls"},
            "/search/?q=Radikalisierungspr%C3%A4vention&language=fr": {"controls"},
            "/accounts/login/": {"focus-desktop"},
        },
        org_admin: {
            "/networks/": {"controls"},
            f"/networks/{network.pk}/": {"controls"},
            "/account/tokens/": {"controls", "tables", "focus-phone"},
            "/organisation/members/": {"controls", "tables", "focus-phone"},
            members: {"tables"},
        },
        moderator: {
            "/moderation/audit/": {"controls", "tables"},
            f"/networks/{network.pk}/search/?q=Familie": {"controls"},
            "/moderation/organisations/": {"tables"},
            "/moderation/queue/": {"tables"},
            "/moderation/featured/": {"tables"},
            members: {"tables"},
        },
    }


def _page(browser, live_server, user, language: str):
    if user is None:
        context = browser.new_context(base_url=live_server.url, viewport=PHONE)
        context.add_init_script(path=str(AXE))
        page = context.new_page()
        page.set_default_timeout(TIMEOUT_MS)
    else:
        page = signed_in_page(browser, user, live_server.url, width=PHONE["width"])
    page.context.add_cookies([{"name": "django_language", "value": language, "url": live_server.url}])
    return page


def _control_problems(page, path: str) -> list[str]:
    boxes = page.evaluate(TEXT_BOXES)
    low = [f"{path}: {box} lower than a text box" for box in boxes if box["height"] < TEXT_BOX_HEIGHT]
    room = page.evaluate(ROOM)
    return low + ([f"{path}: cramped {room}"] if room["above"] < 16 or room["below"] < 32 else [])


def _unnamed_cells(page, path: str) -> list[str]:
    cells = page.evaluate(CELL_LABELS)
    if not cells:
        return [f"{path}: no table cell"]
    return [f"{path}: {c['column']!r} shows {c['shown']}" for c in cells if c["shown"] != f'"{c["column"]}: "']


def _table_problems(page, path: str) -> list[str]:
    facts = page.evaluate(TABLE_FACTS)
    problems = [] if facts["tables"] else [f"{path}: no table"]
    if facts["page"] > 0:
        problems.append(f"{path}: the page is {facts['page']}px wider than the window")
    if path not in SCROLLS_IN_ITS_BOX:
        problems += [f"{path}: the table scrolls {extra}px sideways" for extra in facts["boxes"] if extra > 0]
    for table in facts["tables"]:
        if table["width"] < table["box"] or table["align"] not in ("left", "start"):
            problems.append(f"{path}: unstyled table {table}")
        if table["rule"] != "solid":
            problems.append(f"{path}: no rule between rows {table}")
        if table["not_cells"]:  # a cell laid out otherwise ends above or below its row's rule
            problems.append(f"{path}: cells not laid out as cells: {table['not_cells']}")
    return problems


def _luminance(colour: str) -> float:
    channels = [int(part) / 255 for part in colour[colour.index("(") + 1 : colour.index(")")].split(",")[:3]]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def _contrast(one: str, other: str) -> float:
    light, dark = sorted((_luminance(one), _luminance(other)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def _faint_rings(page, path: str, presses: int = 12) -> list[str]:
    faint = []
    for _ in range(presses):
        page.keyboard.press("Tab")
        ring = page.evaluate(FOCUS_RING)
        if ring["what"].startswith("body"):  # past the last control: the browser's own bar
            continue
        best = max((_contrast(c, ring["behind"]) for c in (ring["outline"], ring["shadow"]) if c), default=0)
        if best < 3:
            faint.append(f"{path}: {ring['what']}: {best:.1f}:1 ({ring})")
    return faint


def _phone_problems(page, path: str, checks: set[str], language: str) -> list[str]:
    problems = []
    if page.evaluate(WIDER_THAN_THE_WINDOW) > 0:
        problems.append(f"{path}: wider than the phone")
    if "tables" in checks:
        problems += _unnamed_cells(page, path)
    if language == "fr" and "controls" in checks:
        problems += [f"{path}: {word} cut" for word in page.evaluate(SPLIT_WORDS, "main button, main .button")]
    if language == "en":
        problems += [f"{path}: {v}" for v in blocking_violations(page)]
        if "controls" in checks:
            problems += _control_problems(page, path)
        if "focus-phone" in checks:
            problems += _faint_rings(page, path)
    return problems


def _desktop_problems(page, path: str, checks: set[str]) -> list[str]:
    problems = _control_problems(page, path) if "controls" in checks else []
    if "tables" in checks:
        problems += _table_problems(page, path)
    if "focus-desktop" in checks:
        problems += [f"{path}: {v}" for v in blocking_violations(page)] + _faint_rings(page, path)
    return problems


@pytest.mark.parametrize("language", ["en", "fr"])
def test_forms_tables_and_focus_on_a_phone_and_a_desktop(browser, live_server, pages, language):
    problems = []
    for user, checks_by_path in pages.items():
        page = _page(browser, live_server, user, language)
        for path, checks in checks_by_path.items():
            page.set_viewport_size(PHONE)
            page.goto(path)
            problems += _phone_problems(page, path, checks, language)
            if language == "en":
                page.set_viewport_size(DESKTOP)
                problems += _desktop_problems(page, path, checks)
        page.context.close()
    assert problems == [], "\n".join(problems)
