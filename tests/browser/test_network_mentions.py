"""Typing @ in the reply box offers the network's members by the name they are shown by;
the keyboard picks one, and the posted reply mentions that member."""

import pytest

from network import services
from network.models import Mention, Network
from tests.browser.test_networks import _signed_in_page
from tests.conftest import make_user

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_mention_autocomplete_offers_a_members_pseudonym(
    browser_page, live_server, artifacts_dir, moderator, contributor, home_organisation
):
    network = services.network_create(
        actor=moderator, name="Exit work north", purpose="p", policy=Network.Policy.INVITATION
    )
    raven = make_user("ola.r@ravnstad.example", home_organisation, display_name="Ola Rasmussen", pseudonym="Raven")
    for user in (contributor, raven):
        services.network_member_add(network=network, user=user, actor=moderator)
    thread = services.thread_create(network=network, actor=contributor, title="A family", body="First notes.")

    page = _signed_in_page(browser_page.context.browser, contributor, live_server.url)
    page.goto(thread.get_absolute_url())
    box = page.get_by_label("Your reply")
    box.click()
    box.press_sequentially("Could you look, @Rav", delay=30)
    option = page.get_by_role("option", name="Raven")
    option.wait_for()
    assert page.get_by_role("listbox").inner_text() == "Raven"  # never "Ola Rasmussen"
    assert box.get_attribute("aria-expanded") is None  # a textbox has no aria-expanded (axe: critical)
    assert box.get_attribute("aria-controls") == page.locator("[role=listbox]").get_attribute("id")
    page.screenshot(path=str(artifacts_dir / "network-mention-autocomplete.png"))
    box.press("ArrowDown")
    box.press("Enter")
    assert box.input_value() == "Could you look, @Raven "
    assert page.locator("[role=listbox]").is_hidden()
    box.press_sequentially("?")
    page.get_by_role("button", name="Post the reply").click()
    page.get_by_text("Could you look, @Raven ?").wait_for()
    assert Mention.objects.filter(user=raven, post__thread=thread).count() == 1
