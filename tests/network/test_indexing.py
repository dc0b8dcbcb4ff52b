"""The services tell the search layer, inside their transaction, which post documents change."""

import pytest

from network import services
from network.indexing import post_changed, posts_removed

pytestmark = pytest.mark.django_db


@pytest.fixture
def signals():
    seen: list[tuple[str, object]] = []

    def changed(sender, post, **kwargs):
        seen.append(("changed", post.pk))

    def removed(sender, post_ids, **kwargs):
        seen.append(("removed", tuple(post_ids)))

    post_changed.connect(changed)
    posts_removed.connect(removed)
    yield seen
    post_changed.disconnect(changed)
    posts_removed.disconnect(removed)


def test_writing_editing_hiding_and_deleting_posts_signal_the_search_layer(thread, contributor, moderator, signals):
    post = services.post_create(thread=thread, actor=contributor, body="One")
    services.post_edit(post=post, actor=contributor, body="Two")
    services.post_hide(post=post, actor=moderator)
    services.post_restore(post=post, actor=moderator)
    services.post_delete(post=post, actor=contributor)
    assert signals == [("changed", post.pk), ("changed", post.pk), ("removed", (post.pk,)), ("changed", post.pk),
                       ("removed", (post.pk,))]  # fmt: skip
