"""The services tell the search layer, inside their transaction, which post documents change.

Posts take the same path as practices: the services call ``network.indexing.post_changed``
and ``posts_removed``, which write the outbox row (search/outbox.py) in the writing
transaction; there is no signal to connect, nor one to forget.
"""

import pytest
from django.db import transaction

from network import services
from search.models import OutboxEntry

pytestmark = pytest.mark.django_db


def _rows(after: int) -> list[tuple[str, int, str]]:
    rows = OutboxEntry.objects.filter(pk__gt=after).order_by("pk")
    return list(rows.values_list("kind", "document_id", "action"))


def _last() -> int:
    return OutboxEntry.objects.order_by("-pk").values_list("pk", flat=True).first() or 0


def test_writing_editing_hiding_and_deleting_posts_signal_the_search_layer(thread, contributor, moderator):
    before = _last()
    post = services.post_create(thread=thread, actor=contributor, body="One")
    services.post_edit(post=post, actor=contributor, body="Two")
    services.post_hide(post=post, actor=moderator)
    services.post_restore(post=post, actor=moderator)
    services.post_delete(post=post, actor=contributor)
    assert _rows(before) == [
        ("post", post.pk, "index"),
        ("post", post.pk, "index"),
        ("post", post.pk, "delete"),
        ("post", post.pk, "index"),
        ("post", post.pk, "delete"),
    ]


def test_a_rolled_back_post_leaves_no_outbox_row(thread, contributor):
    before = _last()
    with pytest.raises(RuntimeError, match="rolled back"), transaction.atomic():
        services.post_create(thread=thread, actor=contributor, body="Never kept")
        assert [kind for kind, _pk, _action in _rows(before)] == ["post"]
        raise RuntimeError("rolled back")
    assert _rows(before) == []
