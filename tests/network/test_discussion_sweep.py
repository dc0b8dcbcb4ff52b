"""A sweep of discussions with inputs no other test shows: hostile and odd post bodies, mentions
where they should not reach anyone, quotes of posts that are gone, readers who lost access, and
forms that must keep what was typed."""

import re

import pytest
from bs4 import BeautifulSoup
from django.core import mail
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from network import services
from network.models import Mention, Network, NetworkMembership, Notification, Post
from network.selectors import unread_badge_count
from tests.conftest import make_user
from tests.network.conftest import add_member

pytestmark = pytest.mark.django_db

SAFE_SCHEMES = ("http:", "https:", "mailto:")
UNSAFE_TAGS = {"script", "style", "iframe", "img", "svg", "object", "embed", "form", "input", "meta", "base", "link"}


def executable(html: str) -> list[str]:
    """What in ``html`` a browser could run or load: unsafe elements, event handlers and styles,
    links to schemes other than http(s) and mailto."""
    found = []
    for element in BeautifulSoup(html, "html.parser").find_all(True):
        if element.name in UNSAFE_TAGS:
            found.append(element.name)
        for attribute, value in element.attrs.items():
            if attribute.startswith("on") or attribute in ("style", "src", "srcdoc", "formaction"):
                found.append(attribute)
            scheme = re.match(r"\s*([a-z][a-z0-9+.-]*:)", str(value), re.I)
            if attribute == "href" and scheme and scheme.group(1).lower() not in SAFE_SCHEMES:
                found.append(str(value))
    return found


@pytest.fixture
def ola(network, colleague, moderator) -> NetworkMembership:
    return add_member(network, colleague, moderator=moderator)


def _reply(thread, actor, body: str, **kwargs) -> Post:
    return services.post_create(thread=thread, actor=actor, body=body, **kwargs)


def _other_network(moderator) -> Network:
    return services.network_create(actor=moderator, name="Elsewhere", purpose="p", policy=Network.Policy.INVITATION)


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


# Post bodies -------------------------------------------------------------------------------

HOSTILE_BODIES = {
    "script": ("<script>alert(1)</script>visible", "visible"),
    "style": ("<style>body{display:none}</style>kept", "kept"),
    "iframe": ("<iframe src='https://evil.example/'></iframe>after", "after"),
    "object": ("<object data='https://evil.example/x.swf'></object>after", "after"),
    "javascript link": ("[click](javascript:alert(1))", "click"),
    "javascript with a tab": ("[click](jav&#x09;ascript:alert(1))", "click"),
    "javascript autolink": ("<javascript:alert(1)> text", "text"),
    "javascript reference link": ("[ref][1]\n\n[1]: javascript:alert(1)", "ref"),
    "vbscript link": ("[vb](vbscript:msgbox(1))", "vb"),
    "data link": ("[d](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)", "d"),
    "image": ("![tracker](https://evil.example/pixel.png) words", "words"),
    "raw image with onerror": ("<img src=x onerror=alert(1)> words", "words"),
    "svg onload": ("<svg onload=alert(1)></svg> words", "words"),
    "event handler on a link": ('<a href="https://example.org/" onclick="steal()">site</a>', "site"),
    "style attribute": ('<p style="position:fixed;top:0">cover</p>', "cover"),
    "attribute list": ("para {: onclick=alert(1) }", "para"),
    "markdown inside html": ('<div markdown="1" onclick="x()">*inside*</div>', "inside"),
    "html comment": ("<!-- <script>alert(1)</script> -->shown", "shown"),
    "title attribute breaking out": ('[l](https://example.org/ "t\\" onmouseover=\\"alert(1)")', ">l</a>"),
    "code block with html": ("```\n<script>alert(1)</script>\n```", "&lt;script&gt;alert(1)&lt;/script&gt;"),
    "inline code with html": ("`<b onclick=x>b</b>`", "<code>&lt;b onclick=x&gt;b&lt;/b&gt;</code>"),
    "form": ('<form action="https://evil.example/"><input name=p></form>text', "text"),
    "meta refresh": ('<meta http-equiv="refresh" content="0;url=https://evil.example/">text', "text"),
    "base href": ('<base href="https://evil.example/">text', "text"),
}


@pytest.mark.parametrize("body, shown", HOSTILE_BODIES.values(), ids=HOSTILE_BODIES.keys())
def test_a_hostile_post_body_is_stored_without_anything_executable(thread, contributor, body, shown):
    html = _reply(thread, contributor, body).body_html
    assert shown in html
    assert executable(html) == [], html


ODD_BODIES = {
    "autolink": ("<https://example.org/a?b=1&c=2>", 'href="https://example.org/a?b=1&amp;c=2"'),
    "mail autolink": ("<ola@example.org>", 'href="mailto:ola@example.org"'),
    "nested quotes": ("> a\n>> b\n>>> c", "<blockquote>\n<p>b</p>\n<blockquote>"),
    "table": ("| a | b |\n|---|:-:|\n| 1 | 2 |", '<td align="center">2</td>'),
    "heading": ("## Plan\n\ntext", "<h2>Plan</h2>"),
    "emoji": ("Thanks 🙏🏽 👍", "Thanks 🙏🏽 👍"),
    "right to left": ("مرحبا بالعالم שלום", "مرحبا بالعالم שלום"),
    "zero width characters": ("a\u200bb\u2060c", "a\u200bb\u2060c"),
    "crlf line ends": ("line one\r\nline two\r\n\r\nnext", "<p>next</p>"),
    "internal link": ("[thread](/networks/threads/1/)", 'href="/networks/threads/1/"'),
    "very long word": ("x" * 5000, "x" * 5000),
    "html entities": ("&lt;script&gt; &amp; &copy;", "&lt;script&gt; &amp; ©"),
    "escaped markdown": (r"\*not emphasis\*", "*not emphasis*"),
}


@pytest.mark.parametrize("body, expected", ODD_BODIES.values(), ids=ODD_BODIES.keys())
def test_an_odd_post_body_is_cooked_as_markdown_says(thread, contributor, body, expected):
    assert expected in _reply(thread, contributor, body).body_html


def test_the_thread_page_shows_hostile_posts_as_text_and_nothing_executable(contributor_client, thread, contributor):
    for body, _shown in HOSTILE_BODIES.values():
        _reply(thread, contributor, body)
    page = contributor_client.get(thread.get_absolute_url()).content.decode()
    posts = page[page.index('<ol class="post-list') : page.index("</ol>", page.index('<ol class="post-list'))]
    assert executable(posts) == []
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in posts  # the code block, as text


def test_the_api_gives_the_markdown_as_written_in_json(thread, contributor):
    from tests.api.conftest import api_client_for

    post = _reply(thread, contributor, "<script>alert(1)</script> **bold**")
    answer = api_client_for(contributor).get(reverse("api:post-detail", kwargs={"pk": post.pk}))
    assert answer.status_code == 200
    assert answer["Content-Type"].startswith("application/json")
    assert answer.json()["body"] == "<script>alert(1)</script> **bold**"


def test_editing_a_post_cooks_the_new_text_and_the_history_shows_old_text_sanitised(
    contributor_client, thread, contributor, first_post
):
    services.post_edit(post=first_post, actor=contributor, body="<img src=x onerror=alert(1)> new **text**")
    services.post_edit(post=first_post, actor=contributor, body="third")
    first_post.refresh_from_db()
    assert first_post.body_html == "<p>third</p>"
    history = contributor_client.get(reverse("network:post_history", args=[first_post.pk])).content.decode()
    assert "new <strong>text</strong>" in history and "Secret case notes about K." in history
    assert "onerror" not in history and "<img" not in history


def test_search_snippets_show_the_text_without_markup_or_link_targets(contributor_client, thread, contributor):
    _reply(thread, contributor, "A **bold** zebra with <b>tags</b> and [a link](https://evil.example/hiddenpath).")
    page = contributor_client.get(reverse("network:search_all") + "?q=zebra").content.decode()
    assert "<mark>zebra</mark>" in page
    assert "hiddenpath" not in page and "**" not in page and "&lt;b&gt;" not in page


def test_a_search_for_a_link_target_finds_nothing(contributor_client, thread, contributor):
    _reply(thread, contributor, "See [the report](https://evil.example/hiddenpath).")
    page = contributor_client.get(reverse("network:search_all") + "?q=hiddenpath").content.decode()
    assert "the report" not in page


# Mentions ----------------------------------------------------------------------------------

NOT_A_MENTION = {
    "fenced code": "```\n@Ola Colleague please look\n```",
    "indented code": "    @Ola Colleague in code",
    "inline code": "`@Ola Colleague`",
    "link text": "[@Ola Colleague](https://example.org/)",
    "html comment": "<!-- @Ola Colleague --> nothing to see",
    "email address": "write to team@Ola Colleague.example",
    "double at": "@@Ola Colleague",
    "longer word": "@Ola Colleagues",
}


@pytest.mark.parametrize("body", NOT_A_MENTION.values(), ids=NOT_A_MENTION.keys())
def test_an_at_name_that_is_not_shown_as_a_mention_notifies_nobody(thread, contributor, colleague, ola, body):
    mail.outbox.clear()
    post = _reply(thread, contributor, body)
    assert 'class="mention"' not in post.body_html
    assert not Mention.objects.filter(post=post).exists()
    assert not Notification.objects.filter(recipient=colleague, kind=Notification.Kind.MENTION).exists()
    assert mail.outbox == []


IS_A_MENTION = {
    "plain": "@Ola Colleague look",
    "lower case": "@ola colleague look",
    "in parentheses": "(see @Ola Colleague)",
    "before a comma": "@Ola Colleague, look",
    "before a question mark": "Right, @Ola Colleague?",
    "in emphasis": "**@Ola Colleague**",
    "in a list": "- @Ola Colleague\n- someone",
    "in a quote": "> @Ola Colleague said",
    "twice": "@Ola Colleague and again @ola colleague",
}


@pytest.mark.parametrize("body", IS_A_MENTION.values(), ids=IS_A_MENTION.keys())
def test_a_mention_of_a_member_links_and_notifies_them_once(thread, contributor, colleague, ola, body):
    post = _reply(thread, contributor, body)
    assert 'class="mention"' in post.body_html
    assert list(Mention.objects.filter(post=post).values_list("user_id", flat=True)) == [colleague.pk]
    assert Notification.objects.filter(recipient=colleague, post=post, kind=Notification.Kind.MENTION).count() == 1


@pytest.mark.parametrize("name", ["Jean-Luc Picard", "Siobhán O'Neil", "Łukasz Żółć", "李小龙", "Ayşe Iğdır"])
def test_a_member_with_punctuation_or_letters_beyond_ascii_in_their_name_is_mentioned(
    thread, contributor, moderator, network, home_organisation, name
):
    person = make_user("named@ravnstad.example", home_organisation, display_name=name)
    add_member(network, person, moderator=moderator)
    post = _reply(thread, contributor, f"Thanks @{name.upper()}, and @{name}.")
    assert post.body_html.count('class="mention"') == 2
    assert Notification.objects.filter(recipient=person, post=post).count() == 1


def test_a_link_made_to_look_like_a_mention_is_not_one(thread, contributor, colleague, ola, network):
    href = f"/networks/{network.pk}/members/@Ola%20Colleague/"
    forged = _reply(thread, contributor, f'<a class="mention" href="{href}">@Someone Else</a>')
    assert 'class="mention"' not in forged.body_html
    for forged_html in [
        '<a class="mention" href="https://evil.example/">see</a>',
        '<a title="a>b" class="mention other" href="https://evil.example/">see</a>',
    ]:
        assert 'class="mention"' not in _reply(thread, contributor, forged_html).body_html
    assert not Notification.objects.filter(recipient=colleague).exists()
    around = _reply(thread, contributor, '<a class="mention" href="https://evil.example/">@Ola Colleague</a>')
    mentions = BeautifulSoup(around.body_html, "html.parser").select("a.mention")
    assert [(a["href"], a.get_text()) for a in mentions] == [(href, "@Ola Colleague")]


@pytest.mark.parametrize("persona", ["outsider", "former_member", "applicant", "left", "banned"])
def test_a_mention_of_someone_outside_the_network_notifies_and_emails_nobody(
    request, thread, contributor, moderator, network, home_organisation, persona
):
    if persona in ("left", "banned"):
        person = make_user("gone@ravnstad.example", home_organisation, display_name="Gone Person")
        membership = add_member(network, person, moderator=moderator)
        if persona == "left":
            services.network_member_leave(membership=membership, actor=person)
        else:
            services.network_member_remove(membership=membership, actor=moderator, ban=True)
        name = "Gone Person"
    else:
        person = request.getfixturevalue(persona)
        name = person.display_name
    mail.outbox.clear()
    post = _reply(thread, contributor, f"Ask @{name} about it")
    assert 'class="mention"' not in post.body_html
    assert not Notification.objects.filter(recipient=person).exists()
    assert all(person.email not in message.to for message in mail.outbox)


def test_a_pseudonymous_member_of_another_organisation_is_not_reached_by_their_real_name(
    contributor_client, thread, contributor, outsider, moderator, network
):
    outsider.pseudonym = "Westwind"
    outsider.save(update_fields=["pseudonym"])
    add_member(network, outsider, moderator=moderator)
    by_real_name = _reply(thread, contributor, "Is @Piet Outsider here?")
    assert 'class="mention"' not in by_real_name.body_html
    assert not Notification.objects.filter(recipient=outsider).exists()
    by_pseudonym = _reply(thread, contributor, "Thanks @Westwind")
    assert 'class="mention"' in by_pseudonym.body_html
    assert Notification.objects.filter(recipient=outsider, post=by_pseudonym).exists()
    page = contributor_client.get(thread.get_absolute_url()).content.decode()
    assert "Westwind" in page and "Probation Service of Westerland" not in page
    member_page = contributor_client.get(f"/networks/{network.pk}/members/@Westwind/").content.decode()
    assert "Piet" not in member_page and "Westerland" not in member_page


def test_a_mention_with_accents_links_and_stops_linking_when_the_member_leaves(
    network, thread, contributor, moderator, home_organisation
):
    asa = make_user("asa@ravnstad.example", home_organisation, display_name="Åse Ødegård")
    membership = add_member(network, asa, moderator=moderator)
    post = _reply(thread, contributor, "Hello @åse ødegård!")
    assert 'class="mention"' in post.body_html
    assert Notification.objects.filter(recipient=asa, post=post).exists()
    services.network_member_leave(membership=membership, actor=asa)
    post.refresh_from_db()
    assert 'class="mention"' not in post.body_html
    assert "@åse ødegård" in post.body_html


def test_a_mention_email_carries_no_post_text_and_goes_to_the_member_only(
    thread, contributor, colleague, ola, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        _reply(thread, contributor, "@Ola Colleague the family moved to Tromsø")
    assert [message.to for message in mail.outbox] == [[colleague.email]]
    assert "Tromsø" not in mail.outbox[0].body and "Tromsø" not in mail.outbox[0].subject


def test_a_digest_is_not_sent_to_a_member_who_left_after_being_mentioned(thread, contributor, colleague, ola):
    from network.notify import digests_send

    services.network_member_email_set(membership=ola, actor=colleague, email=NetworkMembership.Email.DIGEST)
    _reply(thread, contributor, "@Ola Colleague see this")
    services.network_member_leave(membership=ola, actor=colleague)
    mail.outbox.clear()
    assert digests_send() == 0
    assert mail.outbox == []


def test_editing_in_a_mention_inside_code_notifies_nobody(thread, contributor, colleague, ola, first_post):
    services.post_edit(post=first_post, actor=contributor, body="```\n@Ola Colleague\n```")
    assert not Notification.objects.filter(recipient=colleague).exists()
    services.post_edit(post=first_post, actor=contributor, body="now @Ola Colleague")
    assert Notification.objects.filter(recipient=colleague, kind=Notification.Kind.MENTION).count() == 1


# Quotes ------------------------------------------------------------------------------------


@pytest.mark.parametrize("state", ["hide", "delete"])
def test_a_quoted_post_that_goes_away_takes_its_text_with_it(
    colleague_client, thread, contributor, colleague, ola, moderator, first_post, state
):
    reply = _reply(thread, colleague, "Agreed.", quote_of=first_post)
    if state == "hide":
        services.post_hide(post=first_post, actor=moderator)
    else:
        services.post_delete(post=first_post, actor=contributor)
    page = colleague_client.get(thread.get_absolute_url()).content.decode()
    assert "Secret case notes about K." not in page
    assert "The quoted post is no longer visible." in page and "Agreed." in page
    assert Post.objects.get(pk=reply.pk).quote_of_id == first_post.pk


def test_a_quote_of_a_hidden_post_or_of_another_thread_is_refused(
    thread, network, contributor, colleague, ola, moderator, first_post
):
    other = services.thread_create(network=network, actor=colleague, title="Other", body="Other text")
    with pytest.raises(ValidationError):
        _reply(thread, contributor, "x", quote_of=other.posts.get())
    other_network = _other_network(moderator)
    far = services.thread_create(network=other_network, actor=moderator, title="Far", body="Far away text")
    with pytest.raises(ValidationError):
        _reply(thread, contributor, "x", quote_of=far.posts.get())
    services.post_hide(post=first_post, actor=moderator)
    with pytest.raises(ValidationError):
        _reply(thread, contributor, "x", quote_of=first_post)


def test_the_reply_form_ignores_a_quote_of_another_network(contributor_client, thread, moderator):
    other_network = _other_network(moderator)
    far = services.thread_create(network=other_network, actor=moderator, title="Far", body="Far away text")
    far_post = far.posts.get()
    page = contributor_client.get(thread.get_absolute_url() + f"?quote={far_post.pk}").content.decode()
    assert "Far away text" not in page
    contributor_client.post(reverse("network:reply", args=[thread.pk]), {"body": "mine", "quote": far_post.pk})
    assert Post.objects.get(body="mine").quote_of_id is None


def test_a_quote_chain_shows_only_the_quoted_post_not_its_own_quote(
    colleague_client, thread, contributor, colleague, ola, first_post
):
    middle = _reply(thread, colleague, "Middle words.", quote_of=first_post)
    last = _reply(thread, contributor, "Last words.", quote_of=middle)
    page = colleague_client.get(thread.get_absolute_url()).content.decode()
    last_html = page[page.index(f'id="post-{last.pk}"') :]
    last_html = last_html[: last_html.index("</li>")]
    assert "Middle words." in last_html and "Secret case notes" not in last_html


@pytest.mark.parametrize("quote", ["99999999999999999999999", "-1", "abc", "1.5", ""])
def test_an_odd_quote_parameter_shows_the_page_without_a_quote(contributor_client, thread, quote):
    response = contributor_client.get(thread.get_absolute_url() + f"?quote={quote}")
    assert response.status_code == 200
    assert "Quoting" not in response.content.decode()


# Readers who lost access -------------------------------------------------------------------

LOST = ["left", "banned", "removed", "portal membership ended", "other network"]


@pytest.fixture
def lost_reader(request, network, thread, colleague, moderator, home_organisation):
    """The colleague, mentioned in a post while a member, then no longer able to read the network."""
    membership = add_member(network, colleague, moderator=moderator)
    _reply(thread, moderator, "@Ola Colleague: the private detail")
    how = request.param
    if how == "left":
        services.network_member_leave(membership=membership, actor=colleague)
    elif how in ("banned", "removed"):
        services.network_member_remove(membership=membership, actor=moderator, ban=how == "banned")
    elif how == "portal membership ended":
        from portal.models import Membership

        Membership.objects.filter(user=colleague).update(state=Membership.State.ENDED)
    else:
        services.network_member_leave(membership=membership, actor=colleague)
        elsewhere = _other_network(moderator)
        add_member(elsewhere, colleague, moderator=moderator)
    return colleague


@pytest.mark.parametrize("lost_reader", LOST, indirect=True)
def test_a_reader_who_lost_access_gets_404_on_every_read_route_and_no_title(lost_reader, network, thread):
    from tests.api.conftest import api_client_for

    client = _client(lost_reader)
    post = thread.posts.last()
    for url in [
        thread.get_absolute_url(),
        thread.get_absolute_url() + "?page=2",
        reverse("network:post", args=[post.pk]),
        reverse("network:post_history", args=[post.pk]),
        reverse("network:detail", args=[network.pk]),
        reverse("network:search", args=[network.pk]) + "?q=private",
        reverse("network:mentions", args=[network.pk]) + "?q=K",
        f"/networks/{network.pk}/members/@Kari%20Contributor/",
    ]:
        response = client.get(url)
        assert response.status_code == 404, url
        assert "Returning fighter" not in response.content.decode()
    for url in [reverse("network:search_all") + "?q=private", reverse("network:notifications"), "/networks/"]:
        body = client.get(url).content.decode()
        assert "Returning fighter" not in body and "private detail" not in body, url
    api = api_client_for(lost_reader)
    assert api.get(reverse("api:post-detail", kwargs={"pk": post.pk})).status_code == 404
    assert api.get(reverse("api:thread-posts", kwargs={"pk": thread.pk})).status_code in (403, 404)
    assert unread_badge_count(user=lost_reader) == 0


# Forms -------------------------------------------------------------------------------------

REPLY_ERRORS = {
    "too long": "typed words " + "x" * 20000,
    "a NUL character": "typed words \x00 after",
}


@pytest.mark.parametrize("body", REPLY_ERRORS.values(), ids=REPLY_ERRORS.keys())
def test_a_refused_reply_keeps_what_was_typed(contributor_client, thread, body):
    response = contributor_client.post(reverse("network:reply", args=[thread.pk]), {"body": body})
    assert response.status_code == 400
    assert "typed words" in response.content.decode()
    assert thread.posts.count() == 1


def test_a_reply_to_a_thread_locked_meanwhile_keeps_what_was_typed(colleague_client, thread, ola, moderator):
    services.thread_lock(thread=thread, actor=moderator, locked=True)
    response = colleague_client.post(reverse("network:reply", args=[thread.pk]), {"body": "my careful answer"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "my careful answer" in page and "This thread is locked." in page
    assert not Post.objects.filter(body="my careful answer").exists()


def test_a_refused_reply_keeps_its_quote(contributor_client, thread, first_post):
    response = contributor_client.post(
        reverse("network:reply", args=[thread.pk]), {"body": "x" * 20001, "quote": first_post.pk}
    )
    assert response.status_code == 400
    assert f'name="quote" value="{first_post.pk}"' in response.content.decode()


@pytest.mark.parametrize("body", ["", "   ", "\n\t\n"])
def test_an_empty_reply_is_refused(contributor_client, thread, body):
    response = contributor_client.post(reverse("network:reply", args=[thread.pk]), {"body": body})
    assert response.status_code == 400
    assert thread.posts.count() == 1


@pytest.mark.parametrize(
    "data",
    [
        {"title": "   ", "body": "typed body"},
        {"title": "typed title", "body": "typed body " + "x" * 20000},
        {"title": "typed title\x00", "body": "typed body"},
        {"title": "t" * 201, "body": "typed body"},
    ],
    ids=["blank title", "long body", "NUL in title", "long title"],
)
def test_a_refused_new_thread_keeps_what_was_typed(contributor_client, network, data):
    response = contributor_client.post(reverse("network:thread_create", args=[network.pk]), data)
    assert response.status_code == 400
    assert "typed body" in response.content.decode()
    assert network.threads.count() == 0


def test_a_refused_edit_keeps_what_was_typed(contributor_client, first_post):
    response = contributor_client.post(
        reverse("network:post_edit", args=[first_post.pk]), {"body": "edited words " + "y" * 20000}
    )
    assert "edited words" in response.content.decode()
    first_post.refresh_from_db()
    assert first_post.body == "Secret case notes about K."


def test_a_post_of_exactly_the_longest_length_is_taken(contributor_client, thread):
    body = "z" * 20000
    contributor_client.post(reverse("network:reply", args=[thread.pk]), {"body": body})
    assert Post.objects.filter(thread=thread, body=body).exists()


def test_a_reply_sent_twice_at_once_is_stored_once(contributor_client, thread, colleague, ola):
    url = reverse("network:reply", args=[thread.pk])
    first = contributor_client.post(url, {"body": "Double click"})
    second = contributor_client.post(url, {"body": "Double click"})
    assert Post.objects.filter(thread=thread, body="Double click").count() == 1
    assert first["Location"] == second["Location"]


def test_a_thread_sent_twice_at_once_is_created_once(contributor_client, network):
    url = reverse("network:thread_create", args=[network.pk])
    first = contributor_client.post(url, {"title": "Same title", "body": "Same body"})
    second = contributor_client.post(url, {"title": "Same title", "body": "Same body"})
    assert network.threads.filter(title="Same title").count() == 1
    assert first["Location"] == second["Location"]


def test_writing_in_a_network_that_no_longer_exists_answers_404(contributor_client, network, thread):
    pk, thread_pk = network.pk, thread.pk
    Network.objects.filter(pk=pk).delete()
    assert contributor_client.post(reverse("network:reply", args=[thread_pk]), {"body": "x"}).status_code == 404
    assert contributor_client.get(reverse("network:thread_create", args=[pk])).status_code == 404
    assert contributor_client.get(reverse("network:thread", args=[thread_pk])).status_code == 404


# Known limits (docs/NETWORKS.md, "Known limits") -----------------------------------------------


def test_a_table_column_keeps_its_alignment(thread, contributor):
    assert 'align="center"' in _reply(thread, contributor, "| a |\n|:-:|\n| 1 |").body_html


def test_every_column_alignment_is_kept_and_no_style_is(thread, contributor, tmp_path):
    from django.core.management import call_command

    body = '| l | c | r | n |\n|:--|:-:|--:|---|\n| 1 | 2 | 3 | 4 |\n\n<p style="color: red">styled</p>'
    post = _reply(thread, contributor, body)
    cells = BeautifulSoup(post.body_html, "html.parser").find_all(["th", "td"])
    assert [cell.get("align") for cell in cells] == ["left", "center", "right", None] * 2
    assert "style=" not in post.body_html and "<p>styled</p>" in post.body_html
    Post.objects.filter(pk=post.pk).update(body_html=post.body_html.replace(' align="center"', ""))
    with open(tmp_path / "out.txt", "w") as out:
        call_command("recook", stdout=out)  # HTML stored before keeps no alignment until cooked again
    assert Post.objects.get(pk=post.pk).body_html == post.body_html


def test_an_unknown_at_name_in_code_is_not_warned_about(network):
    from network.selectors import unknown_mentions

    assert unknown_mentions(network=network, body="`@Nobody` in code") == []


def test_the_unknown_names_warning_reads_where_mentions_link(network, moderator, colleague, ola):
    from network.selectors import unknown_mentions

    body = (
        "Ask ``@Inline`` and @Ghost.\n\n```\n@Fenced block\n```\n\n    @Indented code\n\n"
        "See [@InLink](https://x.example/) and <https://x.example/@Autolink>, mail a@Mailed.example; @Ola Colleague."
    )
    assert unknown_mentions(network=network, body=body) == ["@Ghost"]
    assert unknown_mentions(network=network, body="@ghost, @Ghost and **@Bold**") == ["@ghost", "@Bold"]


def test_a_case_room_search_for_a_link_target_finds_nothing(contributor, moderator):
    from network.selectors import search_case_rooms
    from tests.network.factories import make_case_room

    room = make_case_room(moderator=moderator, members=(contributor,))
    thread = services.thread_create(network=room, actor=contributor, title="T", body="[report](https://x.example/hid)")
    assert search_case_rooms(query="x.example/hid", network_ids=[thread.network_id]) == []
    assert [hit.post_id for hit in search_case_rooms(query="report", network_ids=[thread.network_id])] == [
        thread.posts.get().pk
    ]


def test_a_case_room_search_reads_no_markup_image_or_title_attribute(contributor, moderator):
    from network.selectors import search_case_rooms
    from tests.network.factories import make_case_room

    room = make_case_room(moderator=moderator, members=(contributor,))
    body = 'A **bold** plan, ![map](https://x.example/photo.png) and [notes](https://x.example/n "quietword").'
    thread = services.thread_create(network=room, actor=contributor, title="T", body=body)
    for hidden in ("photo.png", "quietword", "**bold**", "map"):
        assert search_case_rooms(query=hidden, network_ids=[thread.network_id]) == [], hidden
    [hit] = search_case_rooms(query="bold plan", network_ids=[thread.network_id])
    assert str(hit.snippet) == "A <mark>bold plan</mark>, and notes."
    services.post_edit(post=thread.posts.get(), actor=contributor, body="Now **quietword** is written.")
    assert len(search_case_rooms(query="quietword", network_ids=[thread.network_id])) == 1


HOSTILE_TITLE = '<img src=x onerror=alert(1)>"quoted" & <b>bold</b>'


def test_a_hostile_thread_title_is_text_on_every_page_that_shows_it(
    colleague_client, network, contributor, colleague, ola
):
    thread = services.thread_create(
        network=network, actor=contributor, title=HOSTILE_TITLE, body="@Ola Colleague zebra"
    )
    for url in [
        reverse("network:detail", args=[network.pk]),
        thread.get_absolute_url(),
        reverse("network:search_all") + "?q=zebra",
        reverse("network:notifications"),
        "/networks/",
        f"/networks/{network.pk}/members/@Kari%20Contributor/",
    ]:
        page = colleague_client.get(url).content.decode()
        assert "&lt;img src=x onerror=alert(1)&gt;" in page, url
        assert "<img src=x" not in page and "<b>bold</b>" not in page, url


def test_the_api_search_highlight_carries_no_markup_or_link_target(thread, contributor):
    from tests.api.conftest import api_client_for

    _reply(thread, contributor, "A **bold** zebra with <b>tags</b> and [a link](https://evil.example/hiddenpath).")
    answer = api_client_for(contributor).get("/api/v1/posts/search/?q=zebra")
    assert answer.status_code == 200
    highlights = [hit["highlight"] for hit in answer.json()["results"]]
    assert len(highlights) == 1 and "<mark>zebra</mark>" in highlights[0]
    assert "hiddenpath" not in highlights[0] and "**" not in highlights[0] and "<b>" not in highlights[0]
