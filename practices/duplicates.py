"""Near-identical practices: warn a contributor and the moderator before one is published twice.

Two practices are near-identical when their titles are the same once
normalised (case, accents, punctuation and spacing ignored) or when their
descriptions share most of their word shingles (Jaccard similarity of the sets
of overlapping 4-word sequences, after the same normalisation). Duplicates
the reader may not read are reported as one, without title, link or number:
a contributor learns that some practice they may not read is similar, never
how many (another organisation's own practices, submissions waiting).
"""

import re
import unicodedata
from dataclasses import dataclass

from django.db.models import Q
from django.db.models.functions import Abs, Length

from practices.models import Practice
from practices.selectors import practices_visible_to

SHINGLE_WORDS = 4
NEAR_IDENTICAL = 0.8  # Jaccard similarity of the description shingles
CANDIDATES = 300  # compared in Python, the closest in length first
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Duplicate:
    practice: Practice | None  # None when the reader may not read it: say only that one exists
    same_title: bool
    similarity: float


def normalised_words(text: str) -> list[str]:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return _WORD.findall("".join(c for c in decomposed if not unicodedata.combining(c)))


def shingles(text: str) -> set[tuple[str, ...]]:
    words = normalised_words(text)
    if len(words) < SHINGLE_WORDS:
        return {tuple(words)} if words else set()
    return {tuple(words[i : i + SHINGLE_WORDS]) for i in range(len(words) - SHINGLE_WORDS + 1)}


def jaccard(left: set, right: set) -> float:
    return len(left & right) / len(left | right) if left and right else 0.0


def near_duplicates(*, user, practice: Practice) -> list[Duplicate]:
    """Published or submitted practices near-identical to ``practice``, as ``user`` may see them:
    those they may read, then one entry without a practice if any of the others is."""
    title = normalised_words(practice.title)
    mine = shingles(practice.description)
    found = []
    for other in _candidates(practice):
        same_title = bool(title) and normalised_words(other.title) == title
        similarity = jaccard(mine, shingles(other.description))
        if same_title or similarity >= NEAR_IDENTICAL:
            found.append((other, same_title, similarity))
    readable = set(
        practices_visible_to(user=user).filter(pk__in=[o.pk for o, _, _ in found]).values_list("pk", flat=True)
    )
    shown = [Duplicate(o, same, sim) for o, same, sim in found if o.pk in readable]
    hidden = [Duplicate(None, same, sim) for o, same, sim in found if o.pk not in readable]
    return shown + hidden[:1]


def _candidates(practice: Practice):
    """Same title (case-insensitive) or a description of about the same length: near-identical
    texts have near-equal lengths, so nothing near-identical is left out."""
    length = len(practice.description)
    near_length = Q(
        description_length__gte=int(length * NEAR_IDENTICAL), description_length__lte=int(length / NEAR_IDENTICAL)
    )
    existing = (
        Practice.objects.filter(status__in=[Practice.Status.PUBLISHED, Practice.Status.SUBMITTED])
        .exclude(pk=practice.pk)
        .exclude(revision_of_id=practice.pk)
        .annotate(description_length=Length("description"))
    )
    if practice.revision_of_id:
        existing = existing.exclude(pk=practice.revision_of_id).exclude(revision_of_id=practice.revision_of_id)
    by_title = existing.filter(title__iexact=practice.title.strip())[:CANDIDATES]
    by_text = (
        (
            existing.filter(near_length)
            .exclude(description="")
            .annotate(gap=Abs(Length("description") - length))
            .order_by("gap", "pk")[:CANDIDATES]
        )
        if length
        else []
    )
    seen: dict[int, Practice] = {}
    for other in [*by_title, *by_text]:
        seen.setdefault(other.pk, other)
    return list(seen.values())
