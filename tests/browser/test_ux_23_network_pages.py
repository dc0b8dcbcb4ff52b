"""The network pages the day's walk (test_ux_23_network_day.py) does not reach, at 375 px in French
and English: notifications, an edited post's history, the report form, the bans, settings, invite
and member pages, the search of all networks, an edit refused because the post was hidden
meanwhile. None is wider than the phone; axe-core finds nothing serious.

And the moderator's queues by keyboard: after dismissing a report or approving a request, focus
is where the work goes on, the next item of the queue (Tab reaches its first control), not the top
of the page with the site's menu before it."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from network import services
from network.models import Network, NetworkMembership
from tests.browser.conftest import WIDER, blocking_violations, signed_in_page
from tests.conftest import make_user

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def forum(moderator, contributor, colleague, outsider):
    forum = services.network_create(
        actor=moderator, name="Forum Nord", purpose="Exit counselling.", policy=Network.Policy.REQUEST, listed=True
    )
    for user in (contributor, colleague):
        services.network_member_add(network=forum, user=user, actor=moderator)
    banned = services.network_member_add(network=forum, user=outsider, actor=moderator)
    services.network_member_remove(membership=banned, actor=moderator, ban=True)
    return forum


@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_other_network_pages_fit_a_phone(browser, live_server, forum, moderator, contributor, colleague, language):
    thread = services.thread_create(
        network=forum, actor=contributor, title="Returning families and schools", body="First words"
    )
    post = thread.posts.get()
    services.post_edit(post=post, actor=contributor, body="First words, @Ola Colleague, corrected")
    services.post_create(thread=thread, actor=colleague, body="@Kari Contributor a reply")
    pages = {
        contributor: [
            "/networks/notifications/",
            reverse("network:post_history", args=[post.pk]),
            f"/networks/{forum.pk}/members/@Ola Colleague/",
            "/networks/search/?q=families",
            reverse("network:post_report", args=[thread.posts.last().pk]),
        ],
        moderator: [
            f"/networks/{forum.pk}/bans/",
            f"/networks/{forum.pk}/settings/",
            f"/networks/{forum.pk}/invite/",
            reverse("network:post_hide", args=[post.pk]),
        ],
    }
    for user, urls in pages.items():
        page = signed_in_page(browser, user, live_server.url, width=375)
        page.context.add_cookies([{"name": "django_language", "value": language, "url": live_server.url}])
        for url in urls:
            response = page.goto(url)
            assert response.status == 200, url
            assert page.evaluate(WIDER) <= 0, f"{url} is wider than the phone"
            assert blocking_violations(page) == [], url
        page.context.close()

    # An edit refused: the post was hidden after the form was opened
    page = signed_in_page(browser, contributor, live_server.url, width=375)
    page.context.add_cookies([{"name": "django_language", "value": language, "url": live_server.url}])
    page.goto(reverse("network:post_edit", args=[post.pk]))
    services.post_hide(post=post, actor=moderator)
    page.locator("#id_body").fill("A correction typed at length")
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    expect(page.locator("#id_body")).to_have_value("A correction typed at length")
    expect(page.locator("main form button[type=submit]")).to_have_count(0)
    assert page.evaluate(WIDER) <= 0
    assert blocking_violations(page) == []


def test_the_queues_keep_the_moderators_place(
    browser, live_server, forum, moderator, contributor, colleague, other_organisation
):
    thread = services.thread_create(network=forum, actor=contributor, title="Three reported posts", body="One")
    posts = [thread.posts.get()] + [
        services.post_create(thread=thread, actor=contributor, body=text) for text in ("Two", "Three")
    ]
    reports = [services.post_report(post=p, actor=colleague, reason="off-topic") for p in posts]
    people = [
        make_user(f"asker{n}@westerland.example", other_organisation, display_name=f"Asker {n}") for n in range(1, 4)
    ]
    requests = [services.network_join_request(network=forum, user=p) for p in people]

    page = signed_in_page(browser, moderator, live_server.url, width=375)
    page.goto(f"/networks/{forum.pk}/reports/")
    page.locator(f"#report-{reports[0].pk} button[value=dismiss]").focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.locator(".message-success")).to_be_visible()
    page.keyboard.press("Tab")
    expect(page.locator(f"#report-{reports[1].pk} :focus")).to_have_count(1)

    page.goto(f"/networks/{forum.pk}/requests/")
    page.locator(f"#request-{requests[0].pk} button[value=approve]").focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert NetworkMembership.objects.filter(network=forum, user=people[0], state="active").exists()
    page.keyboard.press("Tab")
    expect(page.locator(f"#request-{requests[1].pk} :focus")).to_have_count(1)
