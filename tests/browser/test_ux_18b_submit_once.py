"""A double click on "Save draft", "Start the discussion" or "Post the reply" sends the form once:
the first click disables the form's buttons and says what is happening (static/js/submit-once.js).
The network services also take a form sent twice within 30 s as one (a reload); the practice form
had no such guard, so a double click there saved two drafts."""

import pytest
from playwright.sync_api import expect

from network import services
from network.models import Network, Post
from tests.browser.conftest import blocking_violations, signed_in_page
from tests.practices.factories import make_practice

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def _click_twice_while_the_first_is_on_its_way(page, button, path: str, busy: str) -> None:
    """Click ``button`` while its POST to ``path`` gets no page back (204, as if the server were
    still at work: the form stays on screen), then click it again and press Enter in the form.
    The form must say it is busy, its button must not be pressable, and one POST only must leave.
    (A quick double click alone does not show the fault in Chromium: the second submission replaces
    the first before either leaves; a click while the first answer is awaited sends it again.)"""
    sent: list[str] = []

    def answer(route) -> None:
        if route.request.method == "POST":
            sent.append(route.request.url)
            route.fulfill(status=204)
        else:
            route.continue_()

    def matches(url: str) -> bool:
        return path in url

    page.route(matches, answer)
    button.click()
    expect(button).to_be_disabled()
    expect(button).to_have_text(busy)
    button.click(force=True)  # a disabled button sends nothing
    button.evaluate("(b) => b.form.requestSubmit()")  # nor does Enter in a field
    expect(button).to_be_disabled()
    assert len(sent) == 1
    page.unroute(matches, answer)


@pytest.fixture
def network(moderator, contributor) -> Network:
    network = services.network_create(
        actor=moderator, name="Exit work Ravnstad", purpose="Exit counselling.", policy=Network.Policy.INVITATION
    )
    services.network_member_add(network=network, user=contributor, actor=moderator)
    return network


def test_save_draft_is_sent_once_when_clicked_twice(browser, live_server, contributor):
    page = signed_in_page(browser, contributor, live_server.url)
    page.goto("/practices/new/")
    page.get_by_label("Name of the practice").fill("Mentoring returnees in Ravnstad")
    button = page.locator("#practice-form button[type=submit]")  # its name changes once pressed
    _click_twice_while_the_first_is_on_its_way(page, button, "/practices/new/", "Saving…")
    assert blocking_violations(page) == []

    practice = make_practice(author=contributor, title="Mentoring returnees in Ravnstad")
    page.goto(f"/practices/{practice.pk}/edit/")
    button = page.locator("#practice-form button[type=submit]")  # its name changes once pressed
    _click_twice_while_the_first_is_on_its_way(page, button, f"/practices/{practice.pk}/edit/", "Saving…")
    page.context.close()


def test_start_the_discussion_is_sent_once_when_clicked_twice(browser, live_server, contributor, network):
    page = signed_in_page(browser, contributor, live_server.url)
    page.goto(f"/networks/{network.pk}/threads/new/")
    page.get_by_label("Title").fill("Returning fighter in Ravnstad")
    page.get_by_label("Message").fill("How do you plan the first week?")
    button = page.locator("main form[method=post] button[type=submit]")  # its name changes once pressed
    _click_twice_while_the_first_is_on_its_way(page, button, "/threads/new/", "Posting…")
    assert blocking_violations(page) == []
    page.context.close()


def test_post_the_reply_is_sent_once_when_clicked_twice(browser, live_server, contributor, network):
    thread = services.thread_create(network=network, actor=contributor, title="Returning fighter", body="First.")
    page = signed_in_page(browser, contributor, live_server.url)
    page.goto(thread.get_absolute_url())
    page.get_by_label("Your reply").fill("A second thought on the first week.")
    button = page.locator("form[action$='/reply/'] button[type=submit]")  # its name changes once pressed
    _click_twice_while_the_first_is_on_its_way(page, button, "/reply/", "Posting…")
    # a refused (empty) reply comes back on a page of its own, with the same form
    page.goto(thread.get_absolute_url())
    with page.expect_navigation():
        page.get_by_role("button", name="Post the reply").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Reply")
    page.get_by_label("Your reply").fill("A second thought on the first week.")
    button = page.locator("form[action$='/reply/'] button[type=submit]")  # its name changes once pressed
    _click_twice_while_the_first_is_on_its_way(page, button, "/reply/", "Posting…")
    page.context.close()


def test_the_form_sent_once_is_written_once(browser, live_server, contributor, network):
    """Without the held answer: the reply is posted and shown, the form on the new page usable."""
    thread = services.thread_create(network=network, actor=contributor, title="Returning fighter", body="First.")
    page = signed_in_page(browser, contributor, live_server.url)
    page.goto(thread.get_absolute_url())
    page.get_by_label("Your reply").fill("A second thought on the first week.")
    with page.expect_navigation():
        page.get_by_role("button", name="Post the reply").dblclick()
    expect(page.get_by_text("A second thought on the first week.")).to_be_visible()
    expect(page.get_by_role("button", name="Post the reply")).to_be_enabled()
    assert Post.objects.filter(thread=thread).count() == 2
    page.context.close()


def test_a_form_shown_again_by_the_back_button_can_be_sent_again(browser, live_server, contributor, network):
    """Chromium's back-forward cache shows the page as it was left: the form sent, its buttons
    disabled. A page shown again from that cache (``pageshow`` with ``persisted``) gets its form
    back as before the click: label, buttons, and no second copy of the pressed button's value."""
    thread = services.thread_create(network=network, actor=contributor, title="Returning fighter", body="First.")
    page = signed_in_page(browser, contributor, live_server.url)
    page.goto(thread.get_absolute_url())
    page.get_by_label("Your reply").fill("A second thought on the first week.")
    button = page.locator("form[action$='/reply/'] button[type=submit]")
    _click_twice_while_the_first_is_on_its_way(page, button, "/reply/", "Posting…")
    page.evaluate("window.dispatchEvent(new PageTransitionEvent('pageshow', {persisted: true}))")
    expect(button).to_be_enabled()
    expect(button).to_have_text("Post the reply")
    form = button.locator("xpath=ancestor::form")
    assert form.evaluate("(f) => [f.dataset.sent, f.getAttribute('aria-busy')]") == [None, None]
    assert form.locator("input[data-submit-once]").count() == 0
    _click_twice_while_the_first_is_on_its_way(page, button, "/reply/", "Posting…")
    page.context.close()
