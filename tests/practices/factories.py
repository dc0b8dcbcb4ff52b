"""Small builders for practices in tests (plain functions, no factory library)."""

from practices.models import KeyTheme, Practice, TargetAudience
from practices.services import PracticeData, practice_create, practice_publish_trusted


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
