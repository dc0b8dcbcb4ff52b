"""Posts are rendered once, when written or edited; the thread page reads the stored HTML."""

import markdown
import pytest
from django.core.management import call_command
from django.urls import reverse

from network import services
from network.models import Post
from practices.models import Practice
from tests.practices.factories import make_practice

pytestmark = pytest.mark.django_db


def test_the_thread_page_serves_stored_html_without_rendering(contributor_client, thread, monkeypatch):
    assert thread.posts.get().body_html == "<p>Secret case notes about K.</p>"

    def refuse(*args, **kwargs):
        raise AssertionError("Markdown rendered while serving a page")

    monkeypatch.setattr(markdown, "markdown", refuse)
    page = contributor_client.get(reverse("network:thread", args=[thread.pk])).content.decode()
    assert "<p>Secret case notes about K.</p>" in page


def test_editing_a_post_cooks_it_again(contributor, thread):
    post = thread.posts.get()
    services.post_edit(post=post, actor=contributor, body="Now **bold** <script>x</script>")
    html = Post.objects.get(pk=post.pk).body_html
    assert "<strong>bold</strong>" in html and "<script" not in html


def test_recook_renders_every_stored_text_again(contributor, thread, tmp_path):
    practice = make_practice(author=contributor, description="Some *text*.", publish=True)
    Practice.objects.filter(pk=practice.pk).update(cooked={"description": "<p>stale</p>"})
    practice.versions.update(cooked={})
    Post.objects.update(body_html="<p>stale</p>")
    with open(tmp_path / "out.txt", "w") as out:
        call_command("recook", stdout=out)
    assert Practice.objects.get(pk=practice.pk).cooked["description"] == "<p>Some <em>text</em>.</p>"
    assert practice.versions.get().cooked["description"] == "<p>Some <em>text</em>.</p>"
    assert Post.objects.get(thread=thread).body_html == "<p>Secret case notes about K.</p>"
    assert "1 practice(s), 1 version(s), 1 post(s)" in (tmp_path / "out.txt").read_text()


def test_recook_stores_a_posts_text_as_read_again(thread, tmp_path):
    Post.objects.update(body_text="stale")
    with open(tmp_path / "out.txt", "w") as out:
        call_command("recook", stdout=out)
    assert Post.objects.get(thread=thread).body_text == "Secret case notes about K."
    assert "0 practice(s), 0 version(s), 1 post(s)" in (tmp_path / "out.txt").read_text()
