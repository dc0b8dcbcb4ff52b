"""Issue 15, walked through as new users would try it, at 1280 and 390 px, with screenshots in
test-artifacts/ (``issue15-*``). Each journey opens its own browser contexts (a width, a person).

Bullets covered elsewhere in tests/browser/ (not repeated here): the personal-data check, redacting
only the identifying words and submitting once (test_contribute_check.py, test_review_workflow.py);
import notes and reading an imported template (test_contribute_from_template.py); facets on click,
"show more", the phone's "Filters (n)" button, the summary box and "back to results"
(test_search.py); the header badge, invitations on /networks/, Enter picks the first suggestion,
unknown @names (test_network_badge_invitations.py, test_network_mentions.py); the error summary,
type-ahead, axe-core and sideways scrolling on every page type (test_accessibility.py).
"""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core import mail
from django.test import Client

from network import services as network_services
from network.models import Invitation, Network
from portal import services as portal_services
from portal.models import Membership
from tests.browser.conftest import TIMEOUT_MS
from tests.conftest import make_user
from tests.practices.factories import make_practice

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

AXE = Path(__file__).resolve().parent / "node_modules" / "axe-core" / "axe.min.js"
WIDTHS = (1280, 390)


@pytest.fixture
def browser(chromium_path, live_server):
    """One browser per test, as in the other browser tests: with a browser kept for the module, the
    second transactional test found the migrations' reference data (organisation types) gone."""
    from playwright.sync_api import sync_playwright

    with pytest.MonkeyPatch.context() as patch:
        # Playwright's sync API runs an event loop in this thread; Django's async guard is relaxed here only.
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=chromium_path, headless=True, args=["--no-sandbox"])
            yield browser
            browser.close()


@pytest.fixture(autouse=True)
def no_second_factor_prompt(settings):
    """Moderators and administrators have a second factor; signing in with it is tested elsewhere."""
    settings.PORTAL_REQUIRE_MFA = False


def _page(browser, base_url: str, width: int, user=None):
    """A new context at ``width`` px (axe-core loaded through the browser's own channel), signed in as ``user``."""
    context = browser.new_context(base_url=base_url, viewport={"width": width, "height": 900})
    if AXE.exists():
        context.add_init_script(path=str(AXE))
    if user is not None:
        client = Client()
        client.force_login(user)
        cookie = client.cookies[settings.SESSION_COOKIE_NAME]
        context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": base_url}])
    page = context.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    return page


def _shot(page, artifacts: Path, name: str, width: int) -> None:
    page.screenshot(path=str(artifacts / f"issue15-{name}-{width}.png"), full_page=True)


def _fits(page) -> None:
    """No sideways scrolling, and no serious or critical axe-core finding."""
    assert page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth") <= 0
    if AXE.exists():
        result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
        assert [v["id"] for v in result["violations"] if v["impact"] in ("serious", "critical")] == []


def _background(locator) -> str:
    return locator.evaluate("e => getComputedStyle(e).backgroundColor")


# Networks: mentions as links, member pages, post search ------------------------------------


@pytest.fixture
def north(moderator, contributor, colleague):
    network = network_services.network_create(
        actor=moderator, name="Exit work north", purpose="Cases in the north.", policy=Network.Policy.INVITATION
    )
    for user in (contributor, colleague):
        network_services.network_member_add(network=network, user=user, actor=moderator)
    thread = network_services.thread_create(
        network=network, actor=colleague, title="A returning family", body="We meet the **family** on Monday."
    )
    return network, thread


@pytest.mark.parametrize("width", WIDTHS)
def test_a_mention_leads_to_the_members_page_and_post_search_shows_rendered_text(
    width, browser, live_server, artifacts_dir, north, contributor, outsider
):
    network, thread = north
    page = _page(browser, live_server.url, width, contributor)
    page.goto(thread.get_absolute_url())
    follow = page.get_by_role("button", name=re.compile("Follow this thread|Stop following"))
    reply = page.get_by_role("button", name="Post the reply")
    assert _background(follow) != _background(reply)  # a secondary button does not look like the primary one
    page.get_by_label("Your reply").fill("Thanks @Ola Colleague, see [the guide](https://example.org/g).")
    page.get_by_role("button", name="Post the reply").click()
    mention = page.locator("a.mention", has_text="@Ola Colleague")
    mention.wait_for()
    _shot(page, artifacts_dir, "mention-link", width)
    with page.expect_navigation():  # the member's page read whole, not as far as its heading
        mention.click()
    page.get_by_role("heading", level=1, name="Ola Colleague").wait_for()
    body = page.locator("main").inner_text()
    assert "Municipality of Ravnstad" in body and "Role in Exit work north" in body
    assert "We meet the family on Monday." in body and "**" not in body
    _fits(page)
    _shot(page, artifacts_dir, "member-page", width)
    member_url = page.url

    page.goto(f"/networks/{network.pk}/search/?q=family")
    snippet = page.locator("main mark").first
    snippet.wait_for()
    assert snippet.inner_text().lower() == "family"
    results = page.locator("main").inner_text()
    assert "**" not in results and "](" not in results
    _fits(page)
    _shot(page, artifacts_dir, "post-search", width)
    page.context.close()

    stranger = _page(browser, live_server.url, width, outsider)
    assert stranger.goto(member_url).status == 404
    assert "Ola Colleague" not in stranger.locator("body").inner_text()
    stranger.context.close()


# Organisations: the request page the email opens -------------------------------------------


def test_the_request_email_opens_the_request_and_decline_is_a_warning_button(
    browser, live_server, artifacts_dir, org_admin, home_organisation
):
    candidate = make_user("claire@ravnstad.example", display_name="Claire Candidate")
    mail.outbox.clear()
    membership = portal_services.membership_request(
        user=candidate, organisation=home_organisation, message="Youth team, Nordby office."
    )
    [email] = [m for m in mail.outbox if m.to == [org_admin.email]]
    link = re.search(r"https?://[^/\s]+(/\S*)", email.body).group(1)
    for width in WIDTHS:
        page = _page(browser, live_server.url, width, org_admin)
        page.goto(link)
        page.get_by_role("heading", name="Claire Candidate asks to join Municipality of Ravnstad").wait_for()
        assert "Youth team, Nordby office." in page.locator("main").inner_text()
        approve, decline = page.get_by_role("button", name="Approve"), page.get_by_role("button", name="Decline")
        assert _background(approve) != _background(decline)
        _fits(page)
        _shot(page, artifacts_dir, "membership-request", width)
        if width == WIDTHS[-1]:
            with page.expect_navigation():
                decline.click()
            page.get_by_text("Request declined.").wait_for()
            assert re.search(r"Declined by Anne Admin on \d{1,2} \w+\.? \d{4}\.", page.locator("main").inner_text())
            _shot(page, artifacts_dir, "membership-request-decided", width)
        page.context.close()
    assert Membership.objects.get(pk=membership.pk).state == Membership.State.DECLINED


# Moderators: the dashboard, an email that opens the exact report, the audit log in words -----


def test_a_moderator_follows_the_dashboard_and_an_email_to_the_report_and_reads_the_log_in_both_languages(
    browser, live_server, artifacts_dir, moderator, contributor, colleague, home_organisation, north
):
    from practices import services as practice_services

    _network, thread = north
    practice_services.practice_submit(practice=make_practice(author=contributor), actor=contributor)
    unverified = make_user("new@ravnstad.example", display_name="Una Unverified")
    unverified.emailaddress_set.update(verified=False)
    portal_services.membership_request(user=unverified, organisation=home_organisation)
    mail.outbox.clear()
    report = network_services.post_report(post=thread.posts.get(), actor=contributor, reason="harmful")
    [email] = [m for m in mail.outbox if m.to == [moderator.email]]
    link = re.search(r"https?://[^/\s]+(/\S*)", email.body).group(1)

    for width in WIDTHS:
        page = _page(browser, live_server.url, width, moderator)
        page.goto("/moderation/")
        main = page.locator("main")
        main.get_by_text("Email not verified yet").wait_for()
        counts = main.locator(".dashboard-count").all_inner_texts()
        assert "1" in counts  # the submission, the request and the report are each counted
        _fits(page)
        _shot(page, artifacts_dir, "moderation-dashboard", width)
        page.context.close()

    page = _page(browser, live_server.url, 390, moderator)
    page.goto(link)
    item = page.locator(f"#report-{report.pk}")
    item.wait_for()
    hide, dismiss = (
        item.get_by_role("link", name="Hide the post…"),  # asks first, on a page of its own
        item.get_by_role("button", name="Dismiss the report"),
    )
    assert _background(hide) != _background(dismiss)
    _shot(page, artifacts_dir, "report-from-email", 390)
    # wait_for_load_state() is satisfied at once by the page being left: the audit log could be
    # opened before the dismissal is recorded. Wait for the page the dismissal leads to.
    with page.expect_navigation():
        dismiss.click()

    page.goto("/moderation/audit/")
    log = page.locator("main").inner_text()
    assert "Report dismissed" in log and "network.report.resolve" not in log and "open → dismissed" not in log
    assert re.search(r"\b\d{1,2} [A-Z][a-z]{2} \d{4}\b", log) and not re.search(r"\b\d{1,2}/\d{1,2}/\d{4}\b", log)
    page.locator(".site-menu > summary").click()  # at 390 px the language switch is behind "Menu"
    page.locator("#language-select").select_option("fr")
    with page.expect_navigation():  # the log read whole, not as far as the header's button
        page.get_by_role("button", name="Change").click()
    page.locator('html[lang="fr"]').wait_for(state="attached")  # its "Changer" is behind the closed "Menu"
    log = page.locator("main").inner_text()
    assert "Signalement classé sans suite" in log and "Report dismissed" not in log
    assert re.search(r"\b\d{1,2} [a-zéû]{3,4}\.? \d{4}\b", log)
    _fits(page)
    _shot(page, artifacts_dir, "audit-log-fr", 390)
    page.context.close()


# Network moderators: pending invitations are revoked and sent again ------------------------


def test_a_network_moderator_sends_an_invitation_again_then_revokes_it(
    browser, live_server, artifacts_dir, moderator, north
):
    network, _thread = north
    invitation, _token = network_services.network_invitation_create(
        network=network, actor=moderator, email="guest@ravnstad.example"
    )
    mail.outbox.clear()
    page = _page(browser, live_server.url, 390, moderator)
    page.goto(f"/networks/{network.pk}/invite/")
    with page.expect_navigation():  # the email is sent once the page it leads to is back
        page.get_by_role("button", name="Send again to guest@ravnstad.example").click()
    assert [m.to for m in mail.outbox] == [["guest@ravnstad.example"]]
    _shot(page, artifacts_dir, "invitation-sent-again", 390)
    page.get_by_role("link", name="Revoke the invitation sent to guest@ravnstad.example").click()
    page.wait_for_url(re.compile(r"/networks/invitations/\d+/revoke/$"))
    confirm = page.get_by_role("button", name="Yes, revoke the invitation")
    assert "button-danger" in (confirm.get_attribute("class") or "")
    _fits(page)
    _shot(page, artifacts_dir, "invitation-revoke", 390)
    confirm.click()
    page.wait_for_url(f"**/networks/{network.pk}/invite/")
    assert "guest@ravnstad.example" not in page.locator("main").inner_text()
    assert not Invitation.objects.get(pk=invitation.pk).is_usable()
    page.context.close()


# Readers and contributors: one place to find practices, a page worth reading, duplicates ----


FOOTER = ("About", "Privacy notice", "Accessibility statement", "Contact", "Evidence levels", "API documentation")


@pytest.mark.parametrize("width", WIDTHS)
def test_a_visitor_finds_every_practice_in_one_place_and_reads_one(
    width, browser, live_server, artifacts_dir, contributor
):
    practice = make_practice(author=contributor, publish=True, title="Mentoring after prison", peer_reviewed="yes")
    page = _page(browser, live_server.url, width)
    page.goto("/practices/")
    assert re.search(r"/search/", page.url)
    page.get_by_role("link", name="Mentoring after prison").first.wait_for()
    facets = page.locator("main").text_content() or ""  # on a phone they wait behind "Filters"
    assert "Reviewed by fellow practitioners" in facets and "Peer reviewed" not in facets
    footer = page.locator("footer")
    assert all(footer.get_by_role("link", name=name).count() == 1 for name in FOOTER)
    _fits(page)
    _shot(page, artifacts_dir, "search-everything", width)

    page.goto(practice.get_absolute_url())
    page.locator(".practice-summary").wait_for()
    page.get_by_role("navigation", name="Contents").wait_for()
    body = page.locator("main").inner_text()
    assert "words, limit" not in body and body.count("Municipality of Ravnstad") == 1
    _fits(page)
    _shot(page, artifacts_dir, "practice-page", width)
    page.context.close()


def test_a_contributor_is_warned_of_a_practice_with_the_same_title_before_submitting(
    browser, live_server, artifacts_dir, contributor, colleague
):
    existing = make_practice(author=colleague, publish=True, title="Mentoring after prison")
    draft = make_practice(author=contributor, title="Mentoring after prison")
    page = _page(browser, live_server.url, 390, contributor)
    page.goto(draft.get_absolute_url())
    page.get_by_role("link", name="Submit for review…").click()
    page.wait_for_url(re.compile(r"/practices/\d+/submit/$"))
    warning = page.locator("section.duplicates")
    warning.get_by_role("heading", name="A similar practice already exists").wait_for()
    assert (
        warning.get_by_role("link", name="Mentoring after prison").get_attribute("href") == existing.get_absolute_url()
    )
    _fits(page)
    _shot(page, artifacts_dir, "duplicate-warning", 390)
    page.context.close()
