"""A working day in a closed exit-intervention network, in a real browser, as three people.

The practitioner asks to join "Forum Nord" and is approved by the network's moderator; takes up a
long thread at its first new post; replies mentioning a colleague (keyboard: Tab after the reply
lands in the new post); starts a thread linked to a practice; edits and deletes their own post;
searches the network; stops email from it. The moderator approves the request (the message names
the person), hides a reported post with a reason (the author reads it), pins and locks a thread,
and removes the practitioner (the message names them). The removed member then sees nothing of the
network: the thread's address answers the portal's "Page not found" (404) without its title, the
list of networks no longer lists it, and an email says the membership ended.

At 1280 and 375 px, in English and in French: no page wider than the window, nothing axe-core
rates serious or critical on the pages walked. Selectors read URLs and ids, so that one walk
serves both languages (the French catalogue is updated at the end of the round)."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from network import services
from network.models import Network, NetworkMembership, Post, Thread
from tests.browser.conftest import WIDER, blocking_violations, signed_in_page
from tests.conftest import make_user, with_totp
from tests.network.conftest import published_practice

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def _checked(page, where: str) -> None:
    """No wider than the window, and nothing serious for axe-core."""
    assert page.evaluate(WIDER) <= 0, f"{where}: wider than the window"
    assert blocking_violations(page) == [], where


def _language(page, language: str, base_url: str) -> None:
    page.context.add_cookies([{"name": "django_language", "value": language, "url": base_url}])


@pytest.fixture
def day(moderator, contributor, colleague, other_organisation):
    """Forum Nord (requests taken) with its own moderator and Ola Colleague; a long thread of 60
    posts; a practice Kari may link."""
    warden = with_totp(make_user("nora@westerland.example", other_organisation, display_name="Nora Warden"))
    forum = services.network_create(
        actor=moderator,
        name="Forum Nord",
        purpose="Exit counselling, northern municipalities.",
        policy=Network.Policy.REQUEST,
        listed=True,
    )
    services.network_member_add(network=forum, user=warden, actor=moderator, role=NetworkMembership.Role.MODERATOR)
    services.network_member_add(network=forum, user=colleague, actor=moderator)
    long = services.thread_create(network=forum, actor=colleague, title="Family work, a long case", body="Post 1")
    start = timezone.now() - timedelta(hours=2)
    Post.objects.filter(thread=long).update(created_at=start)
    Post.objects.bulk_create(
        [
            Post(
                thread=long,
                author=colleague,
                body=f"Post {i}",
                body_html=f"<p>Post {i}</p>",
                body_text=f"Post {i}",
                created_at=start + timedelta(minutes=i),
            )
            for i in range(2, 61)
        ]
    )
    Thread.objects.filter(pk=long.pk).update(last_post_at=start + timedelta(minutes=60))
    practice = published_practice(author=contributor, title="Mentoring after release")
    return {"forum": forum, "warden": warden, "long": long, "practice": practice}


CASES = [(1280, "en"), (375, "fr"), (375, "en"), (1280, "fr")]


@pytest.mark.parametrize(("width", "language"), CASES, ids=[f"{w}-{lang}" for w, lang in CASES])
def test_a_day_in_a_network(browser, live_server, day, contributor, colleague, width, language):
    forum, warden, long, practice = day["forum"], day["warden"], day["long"], day["practice"]
    url = live_server.url
    kari = signed_in_page(browser, contributor, url, width=width)
    nora = signed_in_page(browser, warden, url, width=width)
    for page in (kari, nora):
        _language(page, language, url)

    # The practitioner asks to join
    kari.goto(f"/networks/{forum.pk}/join/")
    _checked(kari, "join page")
    with kari.expect_navigation():
        kari.locator("main form button[type=submit]").click()
    expect(kari.locator(".message-success")).to_be_visible()

    # The moderator approves: the message names the person and the network
    nora.goto(f"/networks/{forum.pk}/requests/")
    _checked(nora, "requests")
    with nora.expect_navigation():
        nora.locator("button[value=approve]").click()
    expect(nora.locator(".message-success")).to_contain_text("Kari Contributor")
    expect(nora.locator(".message-success")).to_contain_text("Forum Nord")
    assert [m for m in mail.outbox if m.to == [contributor.email] and "/networks/" in m.body]

    # The practitioner reads the long thread's first page, then colleagues write on
    kari.goto(long.get_absolute_url())
    _checked(kari, "thread page")
    base = timezone.now()
    Post.objects.bulk_create(
        [
            Post(
                thread=long,
                author=colleague,
                body=f"Later {i}",
                body_html=f"<p>Later {i}</p>",
                created_at=base + timedelta(seconds=i),
            )
            for i in range(1, 4)
        ]
    )
    Thread.objects.filter(pk=long.pk).update(last_post_at=base + timedelta(seconds=3))
    kari.goto(forum.get_absolute_url())
    _checked(kari, "network page")
    first_new = kari.locator(f"a[href='/networks/threads/{long.pk}/new/']")
    with kari.expect_navigation():
        first_new.click()
    expect(kari).to_have_url(re.compile(r"\?page=2#new$"))
    expect(kari.locator("#new")).to_be_in_viewport()

    # A reply mentioning a colleague; by keyboard, Tab reaches the new post
    kari.locator("#id_body").fill("Thanks @Ola Colleague, I met the family too.")
    with kari.expect_navigation():
        kari.locator("section[aria-labelledby=reply-heading] button[type=submit]").click()
    reply = Post.objects.get(body__startswith="Thanks @Ola")
    expect(kari).to_have_url(re.compile(rf"#post-{reply.pk}$"))
    kari.keyboard.press("Tab")
    expect(kari.locator(f"#post-{reply.pk} :focus")).to_have_count(1)
    expect(kari.locator(f"#post-{reply.pk} a.mention")).to_have_text("@Ola Colleague")

    # Edit, then delete it (asks first)
    with kari.expect_navigation():
        kari.locator(f"#post-{reply.pk} a[href$='/edit/']").click()
    kari.locator("#id_body").fill("Thanks @Ola Colleague, I met the family in May.")
    with kari.expect_navigation():
        kari.locator("main form button[type=submit]").click()
    expect(kari.locator(f"#post-{reply.pk} .post-body")).to_contain_text("in May")
    with kari.expect_navigation():
        kari.locator(f"#post-{reply.pk} a[href$='/delete/']").click()
    _checked(kari, "delete confirmation")
    with kari.expect_navigation():
        kari.locator("main form button.button-danger").click()
    expect(kari.locator(f"#post-{reply.pk} .notice")).to_be_visible()
    expect(kari.locator(f"#post-{reply.pk}")).not_to_contain_text("in May")

    # A thread linked to a practice
    kari.goto(f"/networks/{forum.pk}/threads/new/?practice={practice.pk}")
    _checked(kari, "new thread")
    kari.locator("#id_title").fill("Mentors for returning families")
    kari.locator("#id_body").fill("Has anyone tried this mentoring scheme with families?")
    with kari.expect_navigation():
        kari.locator("main form button[type=submit]").click()
    expect(kari.locator(f"main a[href='{practice.get_absolute_url()}']")).to_be_visible()
    mine = Thread.objects.get(title="Mentors for returning families")
    own_post = mine.posts.get()

    # Searching the network
    kari.goto(forum.get_absolute_url())
    kari.locator("#network-search-q").fill("mentoring")
    with kari.expect_navigation():
        kari.locator("#network-search-q").press("Enter")
    expect(kari.locator(f"main .search-hits a[href='/networks/posts/{own_post.pk}/']")).to_be_visible()
    _checked(kari, "network search")

    # Stops email from the network
    kari.goto(forum.get_absolute_url())
    kari.locator("#id_email").select_option("none")
    with kari.expect_navigation():
        kari.locator("section[aria-labelledby=settings-heading] button[type=submit]").click()
    assert NetworkMembership.objects.get(network=forum, user=contributor).email == "none"

    # A colleague reports Kari's post; the moderator hides it with a reason
    services.post_report(post=own_post, actor=colleague, reason="personal-data")
    nora.goto(f"/networks/{forum.pk}/reports/")
    _checked(nora, "reports")
    with nora.expect_navigation():
        nora.locator("main a.button-danger").first.click()
    nora.locator("textarea[name=reason]").fill("It names the family's town.")
    _checked(nora, "hide confirmation")
    with nora.expect_navigation():
        nora.locator("main form button.button-danger").click()
    expect(nora.locator(".message-success")).to_be_visible()
    kari.goto(mine.get_absolute_url())
    expect(kari.locator(f"#post-{own_post.pk}")).to_contain_text("It names the family's town.")

    # Pins and locks the long thread
    nora.goto(long.get_absolute_url())
    with nora.expect_navigation():
        nora.locator("button[value=pin]").click()
    with nora.expect_navigation():
        nora.locator("button[value=lock]").click()
    expect(nora.locator("h1 .badge")).to_have_count(2)
    _checked(nora, "thread page, moderator")
    kari.goto(long.get_absolute_url() + "?page=2")
    expect(kari.locator("#id_body")).to_have_count(0)  # locked: no reply form

    # Removes Kari (asks first; the message names her)
    nora.goto(f"/networks/{forum.pk}/members/")
    _checked(nora, "members")
    membership = NetworkMembership.objects.get(network=forum, user=contributor)
    with nora.expect_navigation():
        nora.locator(f"a[href='/networks/memberships/{membership.pk}/remove/']").click()
    _checked(nora, "remove confirmation")
    with nora.expect_navigation():
        nora.locator("main form button.button-danger").click()
    expect(nora.locator(".message-success")).to_contain_text("Kari Contributor")

    # The removed member: nothing of the network, a clear page, and an email
    response = kari.goto(long.get_absolute_url())
    assert response.status == 404
    expect(kari.locator("h1")).to_be_visible()
    assert "Family work" not in kari.content()
    _checked(kari, "404 for the removed member")
    kari.goto("/networks/")
    expect(kari.locator(f"main a[href='/networks/{forum.pk}/']")).to_have_count(0)
    _checked(kari, "networks list, removed")
    ended = [m for m in mail.outbox if m.to == [contributor.email] and "Forum Nord" in m.body]
    assert len(ended) == 2  # approved, then removed
    assert ended[-1].extra_headers["Content-Language"] == (contributor.language or "en")
