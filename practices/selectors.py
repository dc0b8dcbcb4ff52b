"""Reads of practices, and the one place that says who may see which practice."""

from django.db.models import Q, QuerySet
from django.http import Http404

from practices.models import Practice


def _prefetched(queryset: QuerySet[Practice]) -> QuerySet[Practice]:
    return queryset.select_related("organisation", "organisation__type").prefetch_related(
        "key_themes", "target_audiences"
    )


def practices_visible_to(*, user) -> QuerySet[Practice]:
    """Every practice ``user`` may read.

    Published practices are public. A draft is visible to its author and to
    site staff only. Anything else fails closed.
    """
    visible = Q(status=Practice.Status.PUBLISHED)
    if user is not None and user.is_authenticated and user.is_active:
        visible |= Q(author=user)
        if user.is_staff:
            visible = Q()
    return Practice.objects.filter(visible)


def practice_for_user(*, user, pk: int) -> Practice:
    """The practice ``pk`` if ``user`` may read it; 404 otherwise (never 403)."""
    try:
        return _prefetched(practices_visible_to(user=user)).get(pk=pk)
    except Practice.DoesNotExist:
        raise Http404("No such practice.") from None


def practice_for_editor(*, user, pk: int) -> Practice:
    """The practice ``pk`` if ``user`` may edit it; 404 otherwise.

    Authors edit their own practices; site staff edit any.
    """
    practice = practice_for_user(user=user, pk=pk)
    if not user.is_authenticated:
        raise Http404("No such practice.")
    if practice.author_id == user.pk:
        return practice
    if user.is_staff:
        return practice
    raise Http404("No such practice.")


def can_edit(*, user, practice: Practice) -> bool:
    if not user.is_authenticated or not user.is_active:
        return False
    return practice.author_id == user.pk or user.is_staff


def can_publish(*, user, practice: Practice) -> bool:
    return bool(user.is_authenticated and user.is_active and user.is_staff and not practice.is_published)


def published_practices(*, filters: dict[str, list[str]] | None = None) -> QuerySet[Practice]:
    """Published practices, newest first, narrowed by facet filters.

    ``filters`` maps a facet (theme, audience, country, organisation_type) to
    codes: OR within a facet, AND across facets.
    """
    queryset = Practice.objects.filter(status=Practice.Status.PUBLISHED)
    filters = filters or {}
    lookups = {
        "theme": "key_themes__code__in",
        "audience": "target_audiences__code__in",
        "country": "country__in",
        "organisation_type": "organisation__type__code__in",
    }
    for facet, lookup in lookups.items():
        codes = filters.get(facet)
        if codes:
            queryset = queryset.filter(pk__in=Practice.objects.filter(**{lookup: codes}).values("pk"))
    return _prefetched(queryset).order_by("-published_at", "-pk")


def drafts_of(*, user) -> QuerySet[Practice]:
    """The signed-in user's own unpublished practices."""
    if not user.is_authenticated:
        return Practice.objects.none()
    return (
        Practice.objects.filter(author=user)
        .exclude(status=Practice.Status.PUBLISHED)
        .select_related("organisation")
        .order_by("-updated_at")
    )
