"""Small builders for practices in tests (plain functions, no factory library)."""

from practices.models import KeyTheme, Practice, TargetAudience
from practices.services import (
    PracticeData,
    practice_approve,
    practice_create,
    practice_publish_trusted,
    practice_start_revision,
    practice_submit,
)


def make_practice(
    *,
    author,
    title: str = "Mentoring after prison",
    publish: bool = False,
    themes: tuple[str, ...] = ("exit-strategies", "prison-probation"),
    audiences: tuple[str, ...] = ("violent-extremists",),
    **attributes,
) -> Practice:
    values = {
        "title": title,
        "description": "Weekly mentoring to prevent violent extremism after release.",
        "language": "en",
        "country": author.organisation.country if author.organisation else "",
        "contact": "Case desk, desk@ravnstad.example, +47 22 33 44 55",
    }
    values.update(attributes)
    data = PracticeData(
        attributes=values,
        key_themes=list(KeyTheme.objects.filter(code__in=themes)),
        target_audiences=list(TargetAudience.objects.filter(code__in=audiences)),
    )
    practice = practice_create(author=author, data=data)
    if publish:
        practice_publish_trusted(practice=practice, check=False)
    return practice


def publish_update(practice: Practice, *, editor, moderator, **attributes) -> Practice:
    """An update of the published ``practice`` with ``attributes`` changed, as the web does it:
    ``editor`` writes and submits a copy, ``moderator`` approves it."""
    revision = practice_start_revision(practice=practice, editor=editor)
    for name, value in attributes.items():
        setattr(revision, name, value)
    revision.save()
    practice_submit(practice=revision, actor=editor, change_summary="Updated")
    return practice_approve(practice=revision, moderator=moderator)
