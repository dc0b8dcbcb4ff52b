"""Playwright on Debian's Chromium, against pytest-django's live server.

Waiting, so that a test passes on a loaded two-core CI machine as it does alone:

- a click that leads to another page returns once the navigation starts: read the page reached
  after ``with page.expect_navigation(): ...click()`` or ``page.wait_for_url(...)``, never after
  ``page.wait_for_load_state()``, which the page being left (loaded already) satisfies at once;
- what a script or a fetch sets after the page has loaded (focus, a suggestion list, a value) is
  read with ``expect(locator)`` (playwright.sync_api.expect), which retries, not with one read
  (``is_visible()``, ``inner_text()``, ``input_value()``, ``page.evaluate``);
- a control whose change sends its form (the search page's facets and sort order) is clicked
  inside ``expect_navigation()``, not ``check()``ed, ``uncheck()``ed or ``select_option()``ed:
  those read the control again after the change, racing the navigation;
- no fixed sleep (``wait_for_timeout``) to wait for something to happen;
- ``TIMEOUT_MS`` for actions, navigations and ``expect`` alike.
"""

import os
from pathlib import Path

import pytest

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
AXE = Path(__file__).resolve().parent / "node_modules" / "axe-core" / "axe.min.js"

# How long an action, a navigation or a web-first assertion (``expect``) waits. CI runs these tests
# on two cores beside a second worker: a page that answers in 1 s alone may take several then.
# Playwright's ``expect`` waits 5 s unless told: it is told the same here.
TIMEOUT_MS = 30_000


@pytest.fixture(autouse=True)
def expect_waits_as_long_as_actions():
    from playwright.sync_api import expect

    expect.set_options(timeout=TIMEOUT_MS)


@pytest.fixture
def browser_page(chromium_path, live_server, monkeypatch):
    # Playwright's sync API runs an event loop in this thread; the test's own
    # database calls are still synchronous, so Django's async guard is relaxed here only.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path, headless=True, args=["--no-sandbox"])
        context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
        page = context.new_page()
        page.set_default_timeout(TIMEOUT_MS)
        yield page
        context.close()
        browser.close()


@pytest.fixture
def browser(chromium_path, monkeypatch):
    """One Chromium for a test that opens its own contexts (each page carrying axe-core: ``AXE``)."""
    from tests.conftest import require_service

    require_service(AXE.exists(), "axe-core is not installed: run `make venv` (npm ci in tests/browser/)")
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path, headless=True, args=["--no-sandbox"])
        yield browser
        browser.close()


# Words split over two lines (a range over the word has two tops) in the text of every element the
# selector names, text a screen reader alone reads (.visually-hidden) left out:
# ``page.evaluate(SPLIT_WORDS, "main button")``.
SPLIT_WORDS = """(selector) => {
  const broken = [];
  for (const root of document.querySelectorAll(selector)) {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (node.parentElement.closest('.visually-hidden')) continue;
      for (const match of node.data.matchAll(/\\S+/g)) {
        const range = document.createRange();
        range.setStart(node, match.index);
        range.setEnd(node, match.index + match[0].length);
        const tops = new Set(Array.from(range.getClientRects()).map(r => Math.round(r.top)));
        if (tops.size > 1) broken.push(match[0]);
      }
    }
  }
  return broken;
}"""

BLOCKING = {"serious", "critical"}  # axe-core's impacts a page may not have


def signed_in_page(browser, user, base_url: str, width: int = 1280):
    """A new page at ``width`` px with axe-core loaded, signed in as ``user`` by session cookie
    (the login pages are tested elsewhere)."""
    from django.conf import settings
    from django.test import Client

    context = browser.new_context(base_url=base_url, viewport={"width": width, "height": 900})
    context.add_init_script(path=str(AXE))
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": base_url}])
    page = context.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    return page


def blocking_violations(page) -> list[str]:
    """axe-core's serious and critical violations on ``page`` (whose context carries ``AXE``)."""
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:3]}"
        for v in result["violations"]
        if v["impact"] in BLOCKING
    ]


@pytest.fixture
def artifacts_dir() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.browser)


# --- what the browser walks check on every page (tests/browser/test_ux_2*.py) ---------------------

WIDER = "() => document.documentElement.scrollWidth - innerWidth"

HEADINGS_OUT_OF_ORDER = """() => {
  const found = [...document.querySelectorAll('h1, h2, h3, h4, h5, h6')].filter(h => !h.closest('[hidden]'));
  const wrong = [];
  let previous = 0;
  found.forEach((h, i) => {
    const level = +h.tagName[1];
    if (i === 0 && level !== 1) wrong.push('first heading ' + h.tagName);
    if (previous && level > previous + 1)
      wrong.push(h.tagName + ' after h' + previous + ': ' + h.textContent.trim().slice(0, 50));
    previous = level;
  });
  if (found.filter(h => h.tagName === 'H1').length !== 1) wrong.push('not one h1');
  return wrong;
}"""

FOCUS_VISIBLE = """() => {
  const e = document.activeElement;
  if (!e || e === document.body) return false;
  const s = getComputedStyle(e);
  return (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) || s.boxShadow !== 'none';
}"""

# The interface's own text in an element: text nodes and accessible names, the practices' own text
# (an element with another lang= than the page's) left out.
INTERFACE_TEXT = """(root) => {
  const page = document.documentElement.lang;
  const own = n => { const l = n.closest('[lang]'); return !l || l.lang === page; };
  const out = [];
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const e = n.parentElement;
    if (!own(e) || e.closest('script, style, [hidden], template')) continue;
    if (n.data.trim()) out.push(n.data.trim());
  }
  root.querySelectorAll('[aria-label], [title], [placeholder]').forEach(e => {
    if (!own(e)) return;
    for (const a of ['aria-label', 'title', 'placeholder']) if (e.getAttribute(a)) out.push(e.getAttribute(a));
  });
  return out.join('\\n');
}"""
