"""Every page type, at desktop and phone widths: axe-core (the npm package from
tests/browser/package.json, installed by make venv) finds no serious or critical
violation, and no page is wider than a 390 px phone screen. Screenshots go to test-artifacts/."""

from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from playwright.sync_api import expect

from network import services as network_services
from network.models import Network
from practices import services as practice_services
from tests.browser.conftest import AXE, TIMEOUT_MS, blocking_violations
from tests.practices.factories import make_practice

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PHONE, DESKTOP = {"width": 390, "height": 844}, {"width": 1280, "height": 900}


def _context(browser, base_url: str, viewport: dict, user=None):
    """A browser context whose pages carry axe-core (injected through the browser's own
    channel, which the Content-Security-Policy does not govern), signed in as ``user``."""
    context = browser.new_context(base_url=base_url, viewport=viewport)
    context.add_init_script(path=str(AXE))
    if user is not None:
        client = Client()
        client.force_login(user)
        cookie = client.cookies[settings.SESSION_COOKIE_NAME]
        context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": base_url}])
    return context


def _overflow(page) -> int:
    """How many pixels the page is wider than the viewport (0: no sideways scrolling)."""
    return page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")


WIDEST = """() => Array.from(document.querySelectorAll('main *, header *, footer *'))
  .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1)
  .filter(e => !e.parentElement || e.parentElement.getBoundingClientRect().right <= window.innerWidth + 1)
  .slice(0, 3).map(e => e.tagName.toLowerCase() + (e.className ? '.' + e.className : ''))"""


def _check_pages(browser, base_url: str, pages: dict[str, str], artifacts: Path, user=None) -> list[str]:
    """Each page loaded once on a desktop, checked, then narrowed to a phone and checked again."""
    problems = []
    context = _context(browser, base_url, DESKTOP, user)
    page = context.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    for name, url in pages.items():
        page.set_viewport_size(DESKTOP)
        response = page.goto(url)
        assert response is not None and response.status == 200, (name, url, response and response.status)
        page.wait_for_load_state("load")
        if name == "api-docs":  # Swagger UI draws the page after loading the schema
            page.locator(".swagger-ui .info").wait_for()
            page.locator(".opblock").first.wait_for()
        for width_name, viewport in (("desktop", DESKTOP), ("phone", PHONE)):
            page.set_viewport_size(viewport)
            page.screenshot(path=str(artifacts / f"a11y-{name}-{width_name}.png"), full_page=True)
            problems += [f"{name} [{width_name}] {violation}" for violation in blocking_violations(page)]
            if viewport is PHONE and (extra := _overflow(page)) > 0:
                problems.append(f"{name} [phone] is {extra}px wider than the 390px screen: {page.evaluate(WIDEST)}")
    context.close()
    return problems


def _submitted_practice(contributor):
    practice = make_practice(author=contributor, title="Family support after release")
    return practice_services.practice_submit(practice=practice, actor=contributor)


def _network_with_thread(moderator, contributor):
    network = network_services.network_create(
        actor=moderator, name="Exit work north", purpose="Exit counselling cases.", policy=Network.Policy.INVITATION
    )
    network_services.network_member_add(network=network, user=contributor, actor=moderator)
    return network, network_services.thread_create(
        network=network, actor=contributor, title="A returning fighter's family", body="The family asks for support."
    )


def test_anonymous_pages_have_no_serious_violation_and_fit_a_phone(browser, live_server, artifacts_dir, contributor):
    practice = make_practice(author=contributor, publish=True, title="Mentoring after prison")
    pages = {
        "home": reverse("home"),
        "search": reverse("search:search") + "?q=mentoring",
        "practice": practice.get_absolute_url(),
        "signup": reverse("account_signup"),
        "login": reverse("account_login"),
        "evidence-levels": reverse("evidence_levels"),
        "api-docs": reverse("api:docs"),
        "about": reverse("page_about"),
        "privacy": reverse("page_privacy"),
        "accessibility": reverse("page_accessibility"),
        "contact": reverse("page_contact"),
    }
    problems = _check_pages(browser, live_server.url, pages, artifacts_dir)
    assert problems == [], "\n".join(problems)


def test_member_pages_have_no_serious_violation_and_fit_a_phone(
    browser, live_server, artifacts_dir, contributor, moderator
):
    network, thread = _network_with_thread(moderator, contributor)
    make_practice(author=contributor, publish=True, title="Mentoring after prison")  # listed on "organisation"
    pages = {
        "practice-form": reverse("practices:create"),
        "profile": reverse("profile"),
        "network-list": reverse("network:list"),
        "network": reverse("network:detail", args=[network.pk]),
        "network-members": reverse("network:members", args=[network.pk]),
        "thread": thread.get_absolute_url(),
        "tokens": reverse("api_tokens"),
        "organisation": reverse("organisation_home"),
    }
    problems = _check_pages(browser, live_server.url, pages, artifacts_dir, user=contributor)
    assert problems == [], "\n".join(problems)


def test_moderator_pages_have_no_serious_violation_and_fit_a_phone(
    browser, live_server, artifacts_dir, contributor, moderator
):
    practice = _submitted_practice(contributor)
    featured = make_practice(author=contributor, title="Mentoring families after release", publish=True)
    practice_services.practice_feature(practice=featured, actor=moderator)
    pages = {
        "moderation-queue": reverse("moderation:queue"),
        "review": reverse("moderation:review", args=[practice.pk]),
        "audit-log": reverse("moderation:audit"),
        "moderation-organisations": reverse("moderation:organisations"),
        "moderation-featured": reverse("moderation:featured"),
    }
    problems = _check_pages(browser, live_server.url, pages, artifacts_dir, user=moderator)
    assert problems == [], "\n".join(problems)


def test_sign_up_errors_are_summarised_linked_and_focused_and_keep_the_passwords(browser, live_server, artifacts_dir):
    for width_name, viewport in (("desktop", DESKTOP), ("phone", PHONE)):
        context = _context(browser, live_server.url, viewport)
        page = context.new_page()
        page.goto(reverse("account_signup"))
        page.locator("#id_password1").fill("a long enough passphrase 42")
        # the summary shows as the page is read; its (deferred) script focuses it only then
        with page.expect_navigation():
            page.get_by_role("button", name="Sign up").click()
        summary = page.locator("[data-error-summary]")
        expect(summary).to_be_focused()
        links = summary.get_by_role("link")
        assert links.count() >= 2  # email and name at least, all at once
        assert page.locator("#id_password1").input_value() == "a long enough passphrase 42"
        links.first.click()
        expect(page.locator("#id_email")).to_be_focused()
        assert blocking_violations(page) == []
        page.screenshot(path=str(artifacts_dir / f"signup-errors-{width_name}.png"), full_page=True)
        context.close()


def test_sign_up_organisation_type_ahead_picks_a_listed_organisation(browser, live_server, home_organisation):
    context = _context(browser, live_server.url, PHONE)
    page = context.new_page()
    page.goto(reverse("account_signup"))
    suggestions = page.locator("#organisation-names option")
    assert home_organisation.name in [suggestions.nth(i).get_attribute("value") for i in range(suggestions.count())]
    page.locator("#id_new_organisation").fill(home_organisation.name.upper())
    page.locator("#id_new_organisation").dispatch_event("change")
    expect(page.locator("#id_organisation")).to_have_value(str(home_organisation.pk))
    expect(page.locator("#id_new_organisation")).to_have_value("")
    context.close()
