"""The new confirmation pages in a browser at a phone's width: a network moderator's "Hide…" in a
thread, and saving a draft with a wider setting; each names what it acts on, is axe-clean, fits the
screen and changes nothing until its button is pressed (the draft keeps what was typed)."""

import pytest
from playwright.sync_api import expect

from network import services
from network.models import Network, Post
from practices.models import Practice
from tests.browser.conftest import blocking_violations, signed_in_page
from tests.practices.factories import make_practice

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PHONE = 375


def _fits(page) -> bool:
    return page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth") <= 0


def test_hiding_a_post_asks_first_on_a_phone(browser, live_server, moderator, contributor):
    network = services.network_create(
        actor=moderator, name="Exit work Ravnstad", purpose="Exit counselling.", policy=Network.Policy.INVITATION
    )
    services.network_member_add(network=network, user=contributor, actor=moderator)
    thread = services.thread_create(network=network, actor=contributor, title="Returning fighter", body="Case notes.")
    post = thread.posts.get()
    page = signed_in_page(browser, moderator, live_server.url, width=PHONE)
    page.goto(thread.get_absolute_url())
    with page.expect_navigation():
        page.get_by_role("link", name="Hide…").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Hide this post by Kari Contributor?")
    expect(page.locator("main blockquote")).to_contain_text("Case notes.")
    assert blocking_violations(page) == [] and _fits(page)
    assert Post.objects.get(pk=post.pk).state == Post.State.VISIBLE
    with page.expect_navigation():
        page.get_by_role("button", name="Yes, hide it").click()
    expect(page.locator(".messages")).to_contain_text("The post is hidden.")
    expect(page.get_by_text("Hidden by a moderator: only moderators see it")).to_be_visible()
    assert Post.objects.get(pk=post.pk).state == Post.State.HIDDEN
    page.context.close()


def test_saving_a_draft_with_a_wider_setting_asks_first_on_a_phone(browser, live_server, contributor):
    practice = make_practice(author=contributor, title="Family circles", visibility="organisation")
    page = signed_in_page(browser, contributor, live_server.url, width=PHONE)
    page.goto(f"/practices/{practice.pk}/edit/")
    page.get_by_label("Name of the practice").fill("Family circles in Ravnstad")
    page.get_by_label("Public: everyone").check()
    with page.expect_navigation():
        page.get_by_role("button", name="Save draft").click()
    box = page.locator("#widening")
    expect(box).to_contain_text("Everyone who visits the portal will be able to read it")
    expect(page.get_by_label("Name of the practice")).to_have_value("Family circles in Ravnstad")
    assert blocking_violations(page) == [] and _fits(page)
    assert Practice.objects.get(pk=practice.pk).visibility == "organisation"
    with page.expect_navigation():
        box.get_by_role("button", name="Yes, save and let them read it").click()
    expect(page.locator(".messages")).to_contain_text("Your changes are saved.")
    saved = Practice.objects.get(pk=practice.pk)
    assert (saved.title, saved.visibility) == ("Family circles in Ravnstad", "public")
    page.context.close()
