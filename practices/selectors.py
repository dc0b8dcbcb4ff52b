"""Reads of practices, and the one place that says who may read which practice.

Reading rules (each condition on its own line, failing closed):
- a published practice: everyone if public; verified members if "members";
  verified members of its organisation if "own organisation"; moderators all;
- an unpublished one (draft, submitted, changes requested, rejected): its author
  while still a member of its organisation, that organisation's administrators,
  and moderators;
- a withdrawn one: moderators only (it stays as a tombstone).
Search engines apply the same rules through ``portal.access.reader_scope``.
"""

from datetime import timedelta
from typing import cast

from django.core.exceptions import PermissionDenied
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models import Count, F, ManyToManyField, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404
from django.utils import timezone

from portal.access import approved_membership, is_moderator, is_organisation_admin, reader_scope
from portal.models import AuditEvent
from portal.prepared import PreparedQuery
from practices import rules
from practices.models import Finding, KeyTheme, Practice, TargetAudience

NOTHING = Q(pk__in=[])
NEWEST_FIRST = ("-published_at", "-pk")  # the order of lists of published practices
FEATURED_FIRST = ("-featured_at", "-pk")  # the order of the featured practices (home page, API)
FEATURED_ON_HOME = 6  # the featured practices the home page shows a reader: the newest they may read
Status = Practice.Status
Visibility = Practice.Visibility


def published_readable_by(user) -> Q:
    """Published practices (not pending edits) that ``user`` may read."""
    scope = reader_scope(user)
    published = Q(status=Status.PUBLISHED, revision_of__isnull=True)
    if scope.everything:
        return published
    readable = Q(visibility=Visibility.PUBLIC)
    if scope.members:
        readable |= Q(visibility=Visibility.MEMBERS)
    if scope.organisation_id is not None:
        readable |= Q(visibility=Visibility.ORGANISATION, organisation_id=scope.organisation_id)
    return published & readable


def _unpublished_readable_by(user, author_id: int | None = None) -> Q:
    if is_moderator(user):
        return Q(status__in=[*Practice.UNPUBLISHED_STATES, Status.WITHDRAWN])
    membership = approved_membership(user)
    if membership is None:
        return NOTHING
    own_organisation = Q(status__in=Practice.UNPUBLISHED_STATES, organisation_id=membership.organisation_id)
    if is_organisation_admin(user, membership.organisation_id):
        return own_organisation
    return own_organisation & Q(author_id=user.pk if author_id is None else author_id)


def readable_rule(user, author_id: int | None = None) -> Q:
    """The practices ``user`` may read, in any state, as a condition (``author_id``: what stands
    for the user's id where the rule names them as an author; the user's id by default)."""
    return published_readable_by(user) | _unpublished_readable_by(user, author_id)


def practices_visible_to(*, user) -> QuerySet[Practice]:
    """Every practice ``user`` may read, in any state."""
    return Practice.objects.filter(readable_rule(user))


def practice_for_user(*, user, pk: int) -> Practice:
    """The practice ``pk`` if ``user`` may read it; 404 otherwise (never 403). The rule is built for
    ``user`` on every call; its SQL is compiled once per connection and rule (``_readable``)."""
    found = _readable(_PRACTICE, user=user, pk=pk)[0]
    with_terms(found)
    return found


_TERM_FIELDS = ("id", "code", "label_en", "label_fr", "position")


def with_terms(practice: Practice) -> None:
    """Read ``practice``'s key themes and target audiences in one query, as
    ``prefetch_related("key_themes", "target_audiences")`` would leave them (two queries and
    a queryset each; a practice's page paid a fifth of its time for them)."""
    parts, params = [], []
    for index, (name, model) in enumerate(TERM_RELATIONS.items()):
        field = cast(ManyToManyField, Practice._meta.get_field(name))
        term, through = model._meta, getattr(Practice, name).through._meta
        columns = ", ".join(f't."{column}"' for column in _TERM_FIELDS)
        parts.append(
            f'SELECT {index}, {columns} FROM "{term.db_table}" t JOIN "{through.db_table}" m '
            f'ON m."{field.m2m_reverse_name()}" = t."id" WHERE m."{field.m2m_column_name()}" = %s'
        )
        params.append(practice.pk)
    alias = practice._state.db or DEFAULT_DB_ALIAS
    with connections[alias].cursor() as cursor:
        cursor.execute(" UNION ALL ".join(parts) + " ORDER BY 1, 6, 3", params)
        rows = cursor.fetchall()
    for index, (name, model) in enumerate(TERM_RELATIONS.items()):
        terms = [model.from_db(alias, _TERM_FIELDS, row[1:]) for row in rows if row[0] == index]
        _prefetched(practice, name, terms)


TERM_RELATIONS: dict[str, type[KeyTheme] | type[TargetAudience]] = {
    "key_themes": KeyTheme,
    "target_audiences": TargetAudience,
}


def _prefetched(instance, name: str, objects: list) -> None:
    """Leave ``objects`` as ``instance.<name>.all()``'s result, as ``prefetch_related`` does."""
    queryset = getattr(instance, name).get_queryset()
    queryset._result_cache = objects
    queryset._prefetch_done = True
    instance.__dict__.setdefault("_prefetched_objects_cache", {})[name] = queryset


def _readable(query: PreparedQuery, *, user, pk) -> list[Practice]:
    """``query``'s practice ``pk`` under ``user``'s reading rule: [practice], or 404."""
    try:
        pk = int(pk)
    except (TypeError, ValueError):
        raise Http404("No such practice.") from None
    # The author's id as a stand-in: one compiled rule serves every plain member of an organisation.
    rule = readable_rule(user, author_id=_ANY_AUTHOR)
    found = query.objects(shape=rule, pk=pk, author_id=user.pk or 0)
    if not found:
        raise Http404("No such practice.")
    return found


_ANY_AUTHOR = -4_201_942
_PRACTICE = PreparedQuery(
    "practice_for_user",
    Practice,
    lambda rule, pk, author_id: Practice.objects.filter(rule, pk=pk).select_related("organisation__type"),
    pk=-4_201_943,
    author_id=_ANY_AUTHOR,
    optional=("author_id",),  # only a rule that reads the reader's own drafts names it
)


# What a kept reading of a practice is checked and keyed by (views.practice_detail): the columns the
# access rules read, its last change, and the organisation it shows. Its texts are not read.
STAMP_FIELDS = (
    "id",
    "title",
    "status",
    "visibility",
    "revision_of_id",
    "author_id",
    "origin_uuid",
    "updated_at",
    "organisation__name",
    "organisation__verified",
    "organisation__country",
    "organisation__type_id",
)


def practice_stamp_for_user(*, user, pk: int) -> Practice:
    """The practice ``pk`` if ``user`` may read it, with only ``STAMP_FIELDS`` loaded; 404 otherwise.
    The rule is built for ``user`` on every call; its SQL is compiled once per connection and rule."""
    return _readable(_STAMP, user=user, pk=pk)[0]


_STAMP = PreparedQuery(
    "practice_stamp",
    Practice,
    lambda rule, pk, author_id: Practice.objects.filter(rule, pk=pk).select_related("organisation").only(*STAMP_FIELDS),
    pk=-4_201_941,
    author_id=_ANY_AUTHOR,
    optional=("author_id",),  # only a rule that reads the reader's own drafts names it
)


def reading_key(user, stamp: Practice) -> tuple:
    """What a reading kept for ``rules.reads_as_any_reader`` depends on beside the content token, the
    language and the time zone: the practice as last changed (``practice_as_shown``), what the reader
    may read (their scope: similar practices) and whether they see its contact details."""
    return (practice_as_shown(stamp), reader_scope(user), rules.can_see_contact(user, stamp))


def practice_as_shown(stamp: Practice) -> tuple:
    """What a reading of the practice ``stamp`` (``STAMP_FIELDS`` loaded) shows that can change:
    the practice as last changed (every service sets ``updated_at``), its title and readership,
    its organisation (name, verification, country, type)."""
    organisation = stamp.organisation
    return (
        stamp.pk,
        stamp.updated_at.isoformat(),
        stamp.title,
        stamp.visibility,
        (organisation.name, organisation.verified, str(organisation.country), organisation.type_id),
    )


def published_titles_for_user(*, user, ids: list[int]) -> dict[int, tuple[str, str]]:
    """The titles and languages of the published practices of ``ids`` that ``user`` may read now."""
    if not ids:
        return {}
    rows = Practice.objects.filter(published_readable_by(user), pk__in=ids).values_list("pk", "title", "language")
    return {pk: (title, language) for pk, title, language in rows}


def practice_for_editor(*, user, pk: int) -> Practice:
    """The practice ``pk`` if ``user`` may edit its working text: 404 when they may
    not read it, 403 when they may read but not edit it."""
    practice = practice_for_user(user=user, pk=pk)
    if not rules.can_edit(user, practice):
        raise PermissionDenied
    return practice


def finding_for_resolver(*, user, pk: int) -> Finding:
    """The finding ``pk`` if ``user`` may redact or dismiss it; 404 otherwise (never 403)."""
    finding = Finding.objects.select_related("practice").filter(pk=pk).first()
    if finding is None:
        raise Http404
    practice = practice_for_user(user=user, pk=finding.practice_id)
    if not rules.can_resolve_findings(user, practice):
        raise Http404
    return finding


def update_for_user(*, user, pk: int) -> tuple[Practice, Practice | None]:
    """The practice ``pk`` (404 as its page when ``user`` may not read it) and its update under way
    if ``user`` may open that too, else None: where a link to "the update of practice ``pk``" leads.
    An update's own row is deleted once it is published or discarded (services._apply_revision,
    practice_revision_discard); the practice's number stays."""
    practice = practice_for_user(user=user, pk=pk)
    revision_pk = practice.revisions.values_list("pk", flat=True).first()
    if revision_pk is None:
        return practice, None
    try:
        return practice, practice_for_user(user=user, pk=revision_pk)
    except Http404:
        return practice, None


def published_practice_for_user(*, user, pk) -> Practice | None:
    """The published practice ``pk`` if ``user`` may read it, else None: what a network thread may
    link to, and shows of its linked practice (never a draft, a pending update or a withdrawn one)."""
    try:
        pk = int(pk)
    except (TypeError, ValueError):
        return None
    return Practice.objects.filter(published_readable_by(user), pk=pk).first()


def published_practices(*, user, filters: dict[str, list[str]] | None = None) -> QuerySet[Practice]:
    """Published practices ``user`` may read, newest first, narrowed by facet filters.

    ``filters`` maps a facet (theme, audience, country, organisation_type,
    evidence_level) to codes: OR within a facet, AND across facets.
    """
    queryset = Practice.objects.filter(published_readable_by(user))
    lookups = {
        "theme": "key_themes__code__in",
        "audience": "target_audiences__code__in",
        "country": "country__in",
        "organisation_type": "organisation__type__code__in",
        "evidence_level": "evidence_level__in",
    }
    for facet, lookup in lookups.items():
        codes = (filters or {}).get(facet)
        if codes:
            queryset = queryset.filter(pk__in=Practice.objects.filter(**{lookup: codes}).values("pk"))
    # Cards show the themes only: no audiences fetched for a list.
    return (
        queryset.select_related("organisation", "organisation__type")
        .prefetch_related("key_themes")
        .order_by(*NEWEST_FIRST)
    )


def drafts_of(*, user) -> QuerySet[Practice]:
    """The user's own unpublished practices in their current organisation."""
    membership = approved_membership(user)
    if membership is None:
        return Practice.objects.none()
    return _drafts(author_id=user.pk, organisation_id=membership.organisation_id)


def _drafts(*, author_id: int, organisation_id: int) -> QuerySet[Practice]:
    return (
        Practice.objects.filter(
            author_id=author_id, organisation_id=organisation_id, status__in=Practice.UNPUBLISHED_STATES
        )
        .select_related("organisation")
        .order_by("-updated_at")
    )


DRAFTS_LISTED = 5  # the newest drafts the home page lists
# ``drafts_of``'s query for the home page's list (its title, status and last change), its SQL compiled once
# per connection with stand-in ids (portal/prepared.py) and read on every call.
_NEWEST_DRAFTS = PreparedQuery(
    "newest_drafts",
    Practice,
    lambda **ids: _drafts(**ids).select_related(None).only("pk", "title", "status", "updated_at")[:DRAFTS_LISTED],
    author_id=-4_201_938,
    organisation_id=-4_201_939,
)


def newest_drafts_of(*, user) -> list[Practice]:
    """The newest ``DRAFTS_LISTED`` of ``drafts_of(user=user)``, with their id, title, status and last change."""
    membership = approved_membership(user)
    if membership is None:
        return []
    return _NEWEST_DRAFTS.objects(author_id=user.pk, organisation_id=membership.organisation_id)


def waiting_since():
    """When a practice entered the state it is in (its last audited move there: submitted, sent
    back…), for the moderators' queue: a moderator's redaction or evidence level changes
    ``updated_at``, not how long the contributor has waited. ``updated_at`` without such a record."""
    entered = AuditEvent.objects.filter(
        target_type=Practice._meta.model_name, target_id=OuterRef("pk"), to_state=OuterRef("status")
    ).order_by("-created_at", "-pk")
    return Coalesce(Subquery(entered.values("created_at")[:1]), F("updated_at"))


# The review queue's orders (the moderators' "Sort by"): the key -> the order_by fields.
QUEUE_ORDERS = {
    "oldest": ("waiting_since", "pk"),
    "newest": ("-waiting_since", "-pk"),
    "findings": ("-open_findings", "waiting_since", "pk"),
}


def review_queue(
    *,
    user,
    states: list[str] | None = None,
    older_than_days: int | None = None,
    organisation_id: int | None = None,
    language: str | None = None,
    order: str = "oldest",
) -> QuerySet[Practice]:
    """Submissions (and published practices with open findings) for moderators, in ``order``
    (a key of ``QUEUE_ORDERS``: waiting longest first by default)."""
    if not is_moderator(user):
        raise PermissionDenied
    states = states or [Status.SUBMITTED]
    queryset = Practice.objects.filter(status__in=states)
    if Status.PUBLISHED in states:
        queryset = Practice.objects.filter(
            Q(status__in=[s for s in states if s != Status.PUBLISHED])
            | Q(status=Status.PUBLISHED, findings__status=Finding.Status.OPEN)
        ).distinct()
    queryset = queryset.annotate(waiting_since=waiting_since())
    if older_than_days:
        queryset = queryset.filter(waiting_since__lte=timezone.now() - timedelta(days=older_than_days))
    if organisation_id:
        queryset = queryset.filter(organisation_id=organisation_id)
    if language:
        queryset = queryset.filter(language=language)
    return (
        queryset.select_related("organisation", "author", "revision_of")
        .annotate(open_findings=Count("findings", filter=Q(findings__status=Finding.Status.OPEN), distinct=True))
        .order_by(*QUEUE_ORDERS.get(order, QUEUE_ORDERS["oldest"]))
    )
