"""Render every stored Markdown text again: practices, their published versions, network posts;
then the published practices' cooked readings (practices/cooking.py).

Pages and the API read HTML rendered when a text was saved (portal/text.py). Run this
after a change of the Markdown renderer, of the sanitiser's rules or of which template
fields are Markdown. After an upgrade it cooks every practice's page ahead of its first reader
(a reading cooked by older templates or catalogues is otherwise rendered again when read).
It lives in ``network``, the highest of the two apps it serves.
"""

from django.core.management.base import BaseCommand
from django.db import transaction

from network.mentions import linkable_members
from network.models import Post
from portal.text import cook
from practices import cooking
from practices.models import Practice, PracticeVersion, practice_texts
from practices.template_fields import NARRATIVE_ATTRIBUTES

CHUNK = 500


def _version_texts(version: PracticeVersion) -> dict[str, str]:
    content = version.content if isinstance(version.content, dict) else {}
    return {name: str(content.get(name) or "") for name in NARRATIVE_ATTRIBUTES}


def _recook(queryset, field: str, render, *, derived: tuple[str, ...] = ()) -> int:
    """Store ``render(row)`` in ``field`` of every row, a chunk per transaction; returns the rows
    changed. ``derived``: more fields that ``render`` sets from the new HTML (a post's text)."""
    changed = 0
    batch = []
    fields = [field, *derived]
    for row in queryset.order_by("pk").iterator(chunk_size=CHUNK):
        before = [getattr(row, name) for name in fields]
        html = render(row)
        setattr(row, field, html)
        if [getattr(row, name) for name in fields] != before:
            batch.append(row)
        if len(batch) >= CHUNK:
            changed += _write(queryset.model, batch, fields)
            batch = []
    return changed + _write(queryset.model, batch, fields)


def _write(model, rows: list, fields: list[str]) -> int:
    with transaction.atomic():
        model.objects.bulk_update(rows, fields)
    return len(rows)


class _PostCook:
    """A post cooked with its network's active members (@mentions become links), the members
    looked up once per network."""

    def __init__(self) -> None:
        self.members: dict[int, list] = {}

    def __call__(self, post: Post) -> str:
        network = post.thread.network
        if network.pk not in self.members:
            self.members[network.pk] = linkable_members(network)
        post.store_html(str(post.cook(self.members[network.pk])))  # its text as read follows
        return post.body_html


class Command(BaseCommand):
    help = (
        "Render the Markdown of every practice, published version and network post again (after a renderer"
        " change), then cook every published practice's reading."
    )

    def handle(self, *args, **options) -> None:
        practices = _recook(Practice.objects.all(), "cooked", lambda p: cook(practice_texts(p)))
        versions = _recook(PracticeVersion.objects.all(), "cooked", lambda v: cook(_version_texts(v)))
        posts = _recook(
            Post.objects.select_related("thread__network"), "body_html", _PostCook(), derived=("body_text",)
        )
        self.stdout.write(f"Rendered again: {practices} practice(s), {versions} version(s), {posts} post(s) changed.")
        published = Practice.objects.filter(status=Practice.Status.PUBLISHED, revision_of__isnull=True)
        readings = sum(cooking.cook(pk) for pk in published.order_by("pk").values_list("pk", flat=True).iterator())
        self.stdout.write(f"Cooked: {readings} reading(s) of published practices.")
