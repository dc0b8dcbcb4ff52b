"""Keyboard focus is visible on every background: tabbing through a page (sign-in, an organisation's
members, the tokens page), each control that takes focus shows a ring with at least 3:1 contrast
against what is behind it (WCAG 2.4.11). The amber ring alone had 2:1 on the white pages."""

import pytest

from tests.browser.conftest import AXE, blocking_violations, signed_in_page

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

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


def _luminance(colour: str) -> float:
    channels = [int(part) / 255 for part in colour[colour.index("(") + 1 : colour.index(")")].split(",")[:3]]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def _contrast(one: str, other: str) -> float:
    light, dark = sorted((_luminance(one), _luminance(other)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def _faint_rings(page, presses: int) -> list[str]:
    faint = []
    for _ in range(presses):
        page.keyboard.press("Tab")
        ring = page.evaluate(FOCUS_RING)
        if ring["what"].startswith("body"):  # past the last control: the browser's own bar
            continue
        best = max((_contrast(c, ring["behind"]) for c in (ring["outline"], ring["shadow"]) if c), default=0)
        if best < 3:
            faint.append(f"{ring['what']}: {best:.1f}:1 ({ring})")
    return faint


def test_focus_shows_on_every_background(browser, live_server, org_admin):
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
    context.add_init_script(path=str(AXE))
    page = context.new_page()
    page.goto("/accounts/login/")
    faint = _faint_rings(page, 12)
    assert blocking_violations(page) == []
    context.close()
    page = signed_in_page(browser, org_admin, live_server.url, width=375)
    for path in ("/organisation/members/", "/account/tokens/"):
        page.goto(path)
        faint += [f"{path}: {ring}" for ring in _faint_rings(page, 12)]
    page.context.close()
    assert faint == []
