"""Every data table of the portal (API tokens, an organisation's members and requests, a network's
members, the audit log, the organisations, the review queue, the featured practices) in a browser.

On a phone a table stacks each row and hides its header row: every cell names its column before its
value ("Valid until: 7 Jan 2027", not a bare date next to another bare date), in the reader's
language. On a desktop every table looks the same (the styles used to live in moderation.css, which
the tokens and network members pages do not load: centred headers, no rules between rows) and fits
the page even when a row's name is a long German compound: neither the table nor the visually
hidden text of its cells pushes the page sideways, and every cell is laid out as a cell (the actions
cell was a flex box: the rule under its row sat at another height than its neighbours')."""

from datetime import timedelta

import pytest
from django.utils import timezone

from api.services import api_token_create
from network import services as network_services
from network.models import Network
from portal.models import Membership, Organisation
from practices import services as practice_services
from tests.browser.conftest import blocking_violations, signed_in_page
from tests.conftest import make_user
from tests.practices.factories import make_practice

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

COMPOUND = "Landeskriminalamtspräventionsberatungsstellenkoordinierungsausschuss"

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


def _label(cell: dict) -> str:
    """What a stacked cell should show before its value: its column's name."""
    return f'"{cell["column"]}: "'


@pytest.fixture
def tables(contributor, org_admin, moderator, outsider) -> dict:
    """A long-named organisation with a request to join and members, a network, a token, audit events,
    a practice in the review queue and a featured one; which pages each persona opens."""
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
    return {
        org_admin: ["/account/tokens/", "/organisation/members/", f"/networks/{network.pk}/members/"],
        moderator: [
            "/moderation/audit/",
            "/moderation/organisations/",
            "/moderation/queue/",
            "/moderation/featured/",
            f"/networks/{network.pk}/members/",
        ],
    }


@pytest.mark.parametrize("language", ["en", "fr"])
def test_every_stacked_cell_names_its_column_on_a_phone(browser, live_server, tables, language):
    unnamed, wide, violations = [], [], []
    for user, paths in tables.items():
        page = signed_in_page(browser, user, live_server.url, width=375)
        page.context.add_cookies([{"name": "django_language", "value": language, "url": live_server.url}])
        for path in paths:
            page.goto(path)
            cells = page.evaluate(CELL_LABELS)
            assert cells, f"{path}: no table cell"
            unnamed += [f"{path}: {c['column']!r} shows {c['shown']}" for c in cells if c["shown"] != _label(c)]
            if page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth") > 0:
                wide.append(path)
            if language == "en":
                violations += [f"{path}: {v}" for v in blocking_violations(page)]
        page.context.close()
    assert unnamed == []
    assert wide == []
    assert violations == []


def test_every_table_is_styled_and_fits_the_page_on_a_desktop(browser, live_server, tables):
    problems = []
    for user, paths in tables.items():
        page = signed_in_page(browser, user, live_server.url, width=1280)
        for path in paths:
            page.goto(path)
            facts = page.evaluate(TABLE_FACTS)
            assert facts["tables"], f"{path}: no table"
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
        page.context.close()
    assert problems == [], problems
