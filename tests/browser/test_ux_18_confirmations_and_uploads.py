"""A contributor who has typed into the practice form, then uploads a file that cannot be read,
finds the form as typed under the error; a network moderator's "Remove…" and "Ban…" ask first,
on a page that changes nothing until its button is pressed."""

import re

import pytest
from playwright.sync_api import expect

from network import services
from network.models import Network, NetworkMembership
from tests.browser.conftest import blocking_violations, signed_in_page

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_an_upload_that_cannot_be_read_keeps_what_was_typed(browser, live_server, contributor, tmp_path):
    page = signed_in_page(browser, contributor, live_server.url, width=375)
    page.goto("/practices/new/")
    page.get_by_label("Name of the practice").fill("Mentoring returnees in Ravnstad")
    page.locator("#id_description").fill("Weekly meetings with a mentor and a family worker.")
    page.locator("#id_key_themes input[type=checkbox]").first.check()
    photo = tmp_path / "photo.png"
    photo.write_bytes(b"\x89PNG\r\n\x1a\n")
    page.locator("#id_document").set_input_files(str(photo))
    with page.expect_navigation():
        page.get_by_role("button", name="Read the document").click()

    expect(page.locator(".error-summary")).to_contain_text("cannot be imported")
    expect(page.get_by_label("Name of the practice")).to_have_value("Mentoring returnees in Ravnstad")
    expect(page.locator("#id_description")).to_have_value("Weekly meetings with a mentor and a family worker.")
    expect(page.locator("#id_key_themes input[type=checkbox]").first).to_be_checked()
    assert blocking_violations(page) == []
    page.context.close()


@pytest.fixture
def network(moderator, contributor) -> Network:
    network = services.network_create(
        actor=moderator, name="Exit work Ravnstad", purpose="Exit counselling.", policy=Network.Policy.INVITATION
    )
    services.network_member_add(network=network, user=contributor, actor=moderator)
    return network


def test_removing_or_banning_a_network_member_asks_first(browser, live_server, moderator, contributor, network):
    page = signed_in_page(browser, moderator, live_server.url)
    page.goto(f"/networks/{network.pk}/members/")
    with page.expect_navigation():
        page.get_by_role("link", name=re.compile(r"^Remove\s+Kari Contributor\s*…$")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Remove Kari Contributor from Exit work Ravnstad?")
    assert network.memberships.get(user=contributor).state == NetworkMembership.State.ACTIVE
    assert blocking_violations(page) == []
    with page.expect_navigation():
        page.get_by_role("link", name="Cancel").click()
    page.wait_for_url(re.compile(rf"/networks/{network.pk}/members/$"))
    assert network.memberships.get(user=contributor).state == NetworkMembership.State.ACTIVE

    with page.expect_navigation():
        page.get_by_role("link", name=re.compile(r"^Ban\s+Kari Contributor\s*…$")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Remove Kari Contributor from Exit work Ravnstad and ban them?"
    )
    with page.expect_navigation():
        page.get_by_role("button", name="Yes, remove and ban").click()
    expect(page.get_by_text("Kari Contributor is removed from Exit work Ravnstad and banned.")).to_be_visible()
    assert network.memberships.get(user=contributor).state == NetworkMembership.State.BANNED
    page.context.close()
