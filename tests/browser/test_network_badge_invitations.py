"""In the browser: the header badge counts a mention and an invitation, with a label a screen
reader reads out, and leads to the notifications page; the invited member accepts on /networks/
(no "ask to join"); in the reply box, Enter picks the first suggestion without arrow keys; an
@name matching nobody is reported after posting, and the post is kept. At desktop and phone widths."""

import pytest
from playwright.sync_api import expect

from network import services
from network.models import Network, NetworkMembership
from tests.browser.test_networks import _signed_in_page
from tests.conftest import make_user

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.mark.parametrize("width", [1280, 390])
def test_badge_invitation_and_first_mention(
    width, browser_page, live_server, artifacts_dir, moderator, contributor, colleague, home_organisation
):
    network = services.network_create(
        actor=moderator, name="Exit work north", purpose="Cases in the north.", policy=Network.Policy.INVITATION
    )
    families = services.network_create(
        actor=moderator,
        name="Families network",
        purpose="Families of leavers.",
        policy=Network.Policy.REQUEST,
        listed=True,
    )
    raven = make_user("ola.r@ravnstad.example", home_organisation, display_name="Ola Rasmussen", pseudonym="Raven")
    rafael = make_user("rafael@ravnstad.example", home_organisation, display_name="Rafael Ruiz")
    for user in (contributor, colleague, raven, rafael):
        services.network_member_add(network=network, user=user, actor=moderator)
    thread = services.thread_create(network=network, actor=colleague, title="A family", body="@Kari Contributor, look.")
    services.network_invitation_create(network=families, actor=moderator, email=contributor.email)

    page = _signed_in_page(browser_page.context.browser, contributor, live_server.url)
    page.set_viewport_size({"width": width, "height": 900})
    page.goto("/")
    if width < 640:  # on a phone the links are behind "Menu", which shows the count too
        menu = page.locator(".site-menu > summary")
        expect(menu).to_contain_text("2 unread notifications")
        menu.click()
    badge = page.get_by_role("link", name="2 unread notifications")
    badge.wait_for()
    page.screenshot(path=str(artifacts_dir / f"network-badge-{width}.png"))
    badge.click()
    page.wait_for_url("**/networks/notifications/")
    page.get_by_text("You are invited to join Families network.").wait_for()

    page.goto("/networks/")
    card = page.locator("li.invitation", has_text="Families network")
    card.get_by_role("button", name="Accept and join").wait_for()
    assert page.get_by_role("heading", name="Networks you can ask to join").count() == 0
    page.screenshot(path=str(artifacts_dir / f"network-invitation-{width}.png"), full_page=True)
    card.get_by_role("button", name="Accept and join").click()
    page.wait_for_url(f"**/networks/{families.pk}/")
    assert NetworkMembership.objects.get(network=families, user=contributor).state == "active"

    page.goto(thread.get_absolute_url())
    box = page.get_by_label("Your reply")
    box.click()
    box.press_sequentially("Thanks @Ra", delay=30)
    # The suggestions come from the server a moment after the typing stops; on a slow machine a list
    # for "@R" may show first: wait for the list of "@Ra" itself, then read it.
    options = page.locator("ul.mention-suggestions [role=option]")
    expect(options).to_have_text(["Rafael Ruiz", "Raven"])
    expect(options.first).to_have_attribute("aria-selected", "true")
    page.screenshot(path=str(artifacts_dir / f"network-mention-first-selected-{width}.png"))
    box.press("Enter")
    expect(box).to_have_value("Thanks @Rafael Ruiz ")
    box.press_sequentially("and @Nobodyhere")
    page.get_by_role("button", name="Post the reply").click()
    page.get_by_text("@Nobodyhere matches no member of this network").wait_for()
    page.get_by_text("Thanks @Rafael Ruiz and @Nobodyhere").wait_for()
    page.screenshot(path=str(artifacts_dir / f"network-unknown-mention-{width}.png"), full_page=True)
