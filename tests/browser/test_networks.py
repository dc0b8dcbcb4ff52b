"""A moderator creates a network and invites a member; the member joins, starts a thread and
mentions another member, who is notified on the page and by email; an outsider gets 404."""

import re

import pytest
from django.conf import settings
from django.core import mail
from django.test import Client

from network import services
from network.models import Network, Thread
from tests.browser.conftest import TIMEOUT_MS

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

INVITATION = re.compile(r"https?://[^/\s]+(/networks/invitations/\S+/)")


def _signed_in_page(browser, user, base_url: str):
    """A new browser context signed in as ``user`` by session cookie (moderators sign in
    with a second factor; the login pages are tested elsewhere)."""
    context = browser.new_context(base_url=base_url, viewport={"width": 1280, "height": 900})
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": base_url}])
    page = context.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    return page


def _create_network_and_invite(page, email: str) -> Network:
    page.goto("/networks/")
    page.get_by_role("link", name="Create a network").click()
    page.wait_for_url("**/networks/new/")  # fill the form of the page reached, not a field of the page left
    page.get_by_label("Name").fill("Exit work north")
    page.get_by_label("Purpose").fill("Exit counselling for the northern municipalities.")
    page.get_by_label("Membership policy").select_option("invitation")
    page.get_by_role("button", name="Create the network").click()
    page.wait_for_url(re.compile(r"/networks/\d+/invite/$"))
    page.get_by_label("Email address of the person to invite").fill(email)
    page.get_by_role("button", name="Send the invitation").click()
    page.get_by_text("The invitation is sent.").wait_for()
    return Network.objects.get(name="Exit work north")


def _accept_and_start_thread(page, link: str) -> Thread:
    page.goto(link)
    page.get_by_role("button", name="Accept the invitation").click()
    page.wait_for_url(re.compile(r"/networks/\d+/$"))
    page.get_by_role("link", name="Start a discussion").click()
    page.wait_for_url(re.compile(r"/networks/\d+/threads/new/$"))
    page.get_by_label("Title").fill("A returning fighter's family")
    page.get_by_label("Message").fill("The family asks for support. @Ola Colleague, you met them last year?")
    page.get_by_role("button", name="Start the discussion").click()
    page.wait_for_url(re.compile(r"/networks/threads/\d+/$"))
    return Thread.objects.get(title="A returning fighter's family")


def test_network_invitation_thread_and_mention(
    browser_page, live_server, artifacts_dir, moderator, contributor, colleague, outsider
):
    browser = browser_page.context.browser
    moderator_page = _signed_in_page(browser, moderator, live_server.url)
    network = _create_network_and_invite(moderator_page, contributor.email)
    link = INVITATION.search(mail.outbox[-1].body).group(1)
    assert mail.outbox[-1].to == [contributor.email]
    services.network_member_add(network=network, user=colleague, actor=moderator)

    member_page = _signed_in_page(browser, contributor, live_server.url)
    thread = _accept_and_start_thread(member_page, link)
    assert member_page.get_by_role("heading", level=1).inner_text().startswith("A returning fighter's family")

    mention = [m for m in mail.outbox if m.to == [colleague.email]]
    assert len(mention) == 1 and "mentioned you" in mention[0].body
    assert "/networks/posts/" in mention[0].body and "asks for support" not in mention[0].body

    colleague_page = _signed_in_page(browser, colleague, live_server.url)
    colleague_page.goto("/networks/")
    notification = colleague_page.locator(".notification-list").get_by_role("link")
    assert "Kari Contributor mentioned you in “A returning fighter's family”" in notification.first.inner_text()
    notification.first.click()
    colleague_page.wait_for_url(re.compile(rf"/networks/threads/{thread.pk}/"))
    assert colleague_page.get_by_text("The family asks for support.").is_visible()
    colleague_page.screenshot(path=str(artifacts_dir / "network-thread-mention.png"), full_page=True)

    outsider_page = _signed_in_page(browser, outsider, live_server.url)
    response = outsider_page.goto(thread.get_absolute_url())
    assert response.status == 404
    assert "returning fighter" not in outsider_page.content().lower()
    assert "Exit work north" not in outsider_page.content()
