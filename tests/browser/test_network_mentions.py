"""Typing @ in the reply box offers the network's members by the name they are shown by;
the keyboard picks one, and the posted reply mentions that member."""

import re

import pytest
from playwright.sync_api import expect

from network import services
from network.models import Mention, Network
from tests.browser.test_networks import _signed_in_page
from tests.conftest import make_user

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def discussion(moderator, contributor, home_organisation):
    """A network of the contributor and Ola Rasmussen, shown as "Raven", with one thread."""
    network = services.network_create(
        actor=moderator, name="Exit work north", purpose="p", policy=Network.Policy.INVITATION
    )
    raven = make_user("ola.r@ravnstad.example", home_organisation, display_name="Ola Rasmussen", pseudonym="Raven")
    for user in (contributor, raven):
        services.network_member_add(network=network, user=user, actor=moderator)
    thread = services.thread_create(network=network, actor=contributor, title="A family", body="First notes.")
    return network, raven, thread


def test_mention_autocomplete_offers_a_members_pseudonym(
    browser_page, live_server, artifacts_dir, contributor, discussion
):
    _network, raven, thread = discussion

    page = _signed_in_page(browser_page.context.browser, contributor, live_server.url)
    page.goto(thread.get_absolute_url())
    box = page.get_by_label("Your reply")
    box.click()
    box.press_sequentially("Could you look, @Rav", delay=30)
    # a list for "@R" or "@Ra" may show first on a slow machine: wait for the one of "@Rav"
    expect(page.get_by_role("listbox")).to_have_text("Raven")  # never "Ola Rasmussen"
    assert box.get_attribute("aria-expanded") is None  # a textbox has no aria-expanded (axe: critical)
    assert box.get_attribute("aria-controls") == page.locator("[role=listbox]").get_attribute("id")
    page.screenshot(path=str(artifacts_dir / "network-mention-autocomplete.png"))
    box.press("ArrowDown")
    box.press("Enter")
    expect(box).to_have_value("Could you look, @Raven ")
    expect(page.locator("[role=listbox]")).to_be_hidden()
    box.press_sequentially("?")
    page.get_by_role("button", name="Post the reply").click()
    page.get_by_text("Could you look, @Raven ?").wait_for()
    assert Mention.objects.filter(user=raven, post__thread=thread).count() == 1


def test_a_suggestion_answered_late_does_not_reopen_the_list_after_a_name_is_picked(
    browser_page, live_server, contributor, discussion
):
    """The list for "@Ra" is open when "v" is typed; the member picks Raven with Enter before the
    answer for "@Rav" comes (a slow server, a loaded machine). That answer, come too late, must
    not open the list again over the text being written."""
    network, _raven, thread = discussion

    page = _signed_in_page(browser_page.context.browser, contributor, live_server.url)
    held = []  # the request for "@Rav", answered only when the test says so
    suggestions = re.compile(rf"/networks/{network.pk}/mentions/\?q=")
    page.route(suggestions, lambda route: held.append(route) if "q=Rav" in route.request.url else route.continue_())
    page.goto(thread.get_absolute_url())
    box = page.get_by_label("Your reply")
    box.click()
    box.press_sequentially("Hello @Ra", delay=30)
    listbox = page.get_by_role("listbox")
    expect(listbox).to_have_text("Raven")
    with page.expect_request(lambda request: "q=Rav" in request.url):
        box.press_sequentially("v")
    box.press("Enter")
    expect(box).to_have_value("Hello @Raven ")
    expect(listbox).to_be_hidden()
    assert len(held) == 1

    with page.expect_response(lambda response: "q=Rav" in response.url) as late:
        held[0].continue_()
    late.value.finished()
    # A list that opens does so as soon as the answer is read: give it a second to (not) do so.
    with pytest.raises(AssertionError):
        expect(listbox).to_be_visible(timeout=1_000)
    expect(box).to_have_value("Hello @Raven ")
