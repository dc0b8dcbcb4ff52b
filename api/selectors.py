"""Reads of the API: personal API tokens (a user sees and revokes only their own); the practice
search's page as values."""

from dataclasses import dataclass
from uuid import UUID

from django.db.models import QuerySet, Value
from django.http import Http404
from django.utils import timezone, translation
from rest_framework import serializers

from api.models import ApiToken
from api.serializers import PracticeSummarySerializer
from portal.access import signed_in
from portal.models import TaxonomyTerm
from portal.prepared import PreparedQuery, rows_for_ids
from practices.indexing import TAXONOMIES
from practices.models import Practice
from practices.selectors import FEATURED_FIRST, published_readable_by


def tokens_of(*, user) -> QuerySet[ApiToken]:
    """The user's tokens, newest first (expired ones too, until they are cleaned up)."""
    if not signed_in(user):
        return ApiToken.objects.none()
    return ApiToken.objects.filter(user=user).order_by("-created", "-pk")


def token_for_owner(*, user, uid: UUID) -> ApiToken:
    """The token ``uid`` if it is ``user``'s; 404 otherwise."""
    token = tokens_of(user=user).filter(uid=uid).first()
    if token is None:
        raise Http404
    return token


# The practice search's page, read as values ----------------------------------------------

# A practice's summary is ``PracticeSummarySerializer``'s fields, in its order: these three read
# apart (themes and audiences, the organisation), the others columns of the practice.
_NESTED = ("key_themes", "target_audiences", "organisation")
_SUMMARY_FIELDS = tuple(PracticeSummarySerializer.Meta.fields)
_COMPUTED = ("featured",)  # from ``featured_at``, read after the organisation's columns
_SUMMARY_COLUMNS = tuple(name for name in _SUMMARY_FIELDS if name not in (*_NESTED, *_COMPUTED))
_ORGANISATION_COLUMNS = ("organisation_id", "organisation__name", "organisation__type_id", "organisation__country")
_MOMENTS = ("published_at", "updated_at")


@dataclass(frozen=True)
class Term:
    id: int
    code: str
    label: str  # in the request's language
    order: tuple[int, str]  # the taxonomy's order: position, code

    def shown(self) -> dict[str, str]:
        return {"code": self.code, "label": self.label}


def _all_terms():
    rows = [
        model.objects.order_by().values_list(Value(facet), "id", "code", "label_en", "label_fr", "position")
        for facet, model in TAXONOMIES.items()
    ]
    return rows[0].union(*rows[1:], all=True)


_TERMS = PreparedQuery("api_terms", Practice, _all_terms)


def terms() -> dict[str, dict[int, Term]]:
    """Every term of the three taxonomies (short closed lists), per facet name and id, labelled in
    the request's language: one query (its SQL compiled once per connection)."""
    found: dict[str, dict[int, Term]] = {facet: {} for facet in TAXONOMIES}
    language = translation.get_language()
    for facet, pk, code, label_en, label_fr, position in _TERMS.rows():
        found[facet][pk] = Term(pk, code, TaxonomyTerm.label_of(label_en, label_fr, language), (position, code))
    return found


_TERMS_OF = rows_for_ids(
    "api_practice_terms",
    Practice,
    lambda shape, ids: (
        Practice.key_themes.through.objects.filter(practice_id__in=ids)
        .values_list(Value("theme"), "practice_id", "keytheme_id")
        .union(
            Practice.target_audiences.through.objects.filter(practice_id__in=ids).values_list(
                Value("audience"), "practice_id", "targetaudience_id"
            ),
            all=True,
        )
    ),
)
_SUMMARIES = rows_for_ids(
    "api_practice_summaries",
    Practice,
    lambda shape, ids: (
        Practice.objects.filter(shape[0], pk__in=ids)
        .order_by()
        .values_list(*_SUMMARY_COLUMNS, *_ORGANISATION_COLUMNS, "organisation__verified", "featured_at")
    ),
    by_ids=True,
)


def _practice_terms(ids: list[int], known: dict[str, dict[int, Term]]) -> dict[int, dict[str, list[Term]]]:
    """Each practice's themes and audiences, in their taxonomy's order: one query."""
    found: dict[int, dict[str, list[Term]]] = {pk: {"theme": [], "audience": []} for pk in ids}
    for facet, practice_id, term_id in _TERMS_OF(None, ids):
        found[practice_id][facet].append(known[facet][term_id])
    for lists in found.values():
        for listed in lists.values():
            listed.sort(key=lambda term: term.order)
    return found


def practice_summaries(user, ids: list[int], known: dict[str, dict[int, Term]]) -> dict[int, dict]:
    """The practices of ``ids`` that ``user`` may read now, published (search hits re-read through
    ``published_readable_by``, applied on every call), each as the API's summary of a practice
    (``PracticeSummarySerializer``'s fields and order): values, no model objects. Two queries."""
    rows = _SUMMARIES(published_readable_by(user), ids)
    listed = _practice_terms([row[0] for row in rows], known)
    # DRF's own rendering of a time ("Z" for UTC), in the request's time zone, looked up once
    moment = serializers.DateTimeField(default_timezone=timezone.get_current_timezone())
    summaries = {}
    for row in rows:
        practice = dict(zip(_SUMMARY_COLUMNS, row, strict=False))
        for name in _MOMENTS:
            practice[name] = moment.to_representation(practice[name])
        practice["featured"] = row[-1] is not None
        summaries[practice["id"]] = _summary(practice, row[len(_SUMMARY_COLUMNS) : -1], listed[practice["id"]], known)
    return summaries


def featured_ids(user, *, page: int, per_page: int) -> tuple[int, list[int]]:
    """How many practices moderators feature that ``user`` may read (``published_readable_by``),
    and page ``page`` of them (from 1), newest featured first. Two queries."""
    readable = Practice.objects.filter(published_readable_by(user), featured_at__isnull=False)
    start = (page - 1) * per_page
    ids = list(readable.order_by(*FEATURED_FIRST).values_list("pk", flat=True)[start : start + per_page])
    return readable.count(), ids


def _summary(practice: dict, organisation: tuple, listed: dict[str, list[Term]], known: dict[str, dict[int, Term]]):
    organisation_id, name, type_id, country, verified = organisation
    organisation_type = known["organisation_type"].get(type_id)
    nested = {
        "key_themes": [term.shown() for term in listed["theme"]],
        "target_audiences": [term.shown() for term in listed["audience"]],
        "organisation": {
            "id": organisation_id,
            "name": name,
            "type": organisation_type.shown() if organisation_type else None,
            "country": country,
            "verified": verified,
        },
    }
    return {field: nested[field] if field in nested else practice[field] for field in _SUMMARY_FIELDS}
