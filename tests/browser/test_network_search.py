"""A member searches a network from its page, narrows the results by date and opens the
post; another organisation's practitioner searching the same words finds nothing."""

import re

import pytest
from playwright.sync_api import expect

from network import services
from tests.browser.test_networks import _signed_in_page
from tests.network.conftest import add_member

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_a_member_searches_a_network_and_an_outsider_finds_nothing(
    browser_page, live_server, artifacts_dir, moderator, contributor, outsider
):
    network = services.network_create(
        actor=moderator, name="Exit work north", purpose="Exit counselling.", policy="invitation"
    )
    add_member(network, contributor, moderator=moderator)
    thread = services.thread_create(
        network=network,
        actor=contributor,
        title="Release from prison",
        body="The probation officer met the families before the release.",
    )
    services.post_create(thread=thread, actor=contributor, body="Housing for the family is arranged in Narvik.")
    browser = browser_page.context.browser

    page = _signed_in_page(browser, contributor, live_server.url)
    page.goto(f"/networks/{network.pk}/")
    page.get_by_label("Search this network").fill("family")
    page.get_by_label("Search this network").press("Enter")
    page.wait_for_url(re.compile(rf"/networks/{network.pk}/search/\?"))
    expect(page.get_by_role("status").filter(has_text="found")).to_have_text("2 posts found")
    marks = page.locator(".search-hits mark")
    assert {text.lower() for text in marks.all_inner_texts()} >= {"family", "families"}
    page.get_by_label("Sort by").select_option("date")
    page.get_by_role("button", name="Search").click()
    # the page left lists the same hits by relevance: read the hits of the page reached
    page.wait_for_url(re.compile(r"[?&]sort=date(&|$)"))
    first = page.locator(".search-hits li").first
    assert "Narvik" in first.inner_text()
    page.screenshot(path=str(artifacts_dir / "network-search.png"), full_page=True)
    first.get_by_role("link", name="Release from prison").click()
    page.wait_for_url(re.compile(r"/networks/(posts|threads)/\d+/"))
    assert page.get_by_text("Housing for the family is arranged in Narvik.").is_visible()

    outsider_page = _signed_in_page(browser, outsider, live_server.url)
    response = outsider_page.goto(f"/networks/{network.pk}/search/?q=family")
    assert response.status == 404
    response = outsider_page.goto("/networks/search/?q=Narvik")
    content = outsider_page.content()
    assert response.status == 200 and outsider_page.locator(".search-hits").count() == 0  # a verified member
    assert "Release from prison" not in content and "Housing" not in content and "posts found" not in content
    assert outsider_page.get_by_text("Nothing found.").is_visible()
