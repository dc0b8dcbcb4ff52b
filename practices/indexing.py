"""What search indexes of a practice: declared once, read by every search engine.

Full-text fields carry a weight (the title weighs most, then the description);
filter fields carry codes for facets and for visibility. Contact details are
never indexed. ``COLLECTION`` hands all of it to the search layer (registered by
PracticesConfig.ready()); services call ``practice_changed`` in their transaction.
"""

from collections.abc import Callable, Iterable
from functools import cache
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.db.models import Case, Q, QuerySet, Value, When
from django.urls import reverse
from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from portal.access import reader_scope
from portal.models import OrganisationType
from portal.prepared import PreparedQuery
from practices import signals
from practices.importer.countries import country_names
from practices.models import KeyTheme, Practice, TargetAudience
from practices.selectors import published_readable_by
from search import compounds, outbox
from search.backends.base import Hit
from search.collections import Collection, Layout, TextField
from search.generation import content_changed
from search.selectors import SIMILAR_LIMIT, similar

TEXT_FIELDS: tuple[TextField, ...] = (
    TextField("title", "A", 5.0),
    TextField("description", "B", 3.0),
    TextField("taxonomy", "B", 2.0),  # theme and audience labels in every language
    TextField("organisation", "C", 1.5),  # organisation name, type labels, country names
    TextField("body", "D", 1.0),  # every other narrative field except contact
    # the parts of the compounds of title, description and body (German, Dutch, Nordic, Finnish:
    # "Rechtsextremismus" -> "recht extremismus") and, in every language, the words they write in
    # parts written whole ("multi-agency" -> "multiagency", search/compounds.py), weighing less
    # than the words
    TextField("compounds", "D", 0.5),
)

BODY_SOURCES: tuple[str, ...] = (
    "geographical_scope",
    "start",
    "deliverables",
    "evidence_evaluation",
    "sustainability_transferability",
    "ran_meetings",
    "eu_links_funding",
    "organisation_description",
)

# Facet name -> document key holding a list of codes. OR within a facet, AND across facets.
FACET_FIELDS: dict[str, str] = {
    "theme": "themes",
    "audience": "audiences",
    "country": "country",
    "organisation_type": "organisation_type",
    "language": "language",
    "peer_reviewed": "peer_reviewed",
    "evidence_level": "evidence_level",
    "start_period": "start_period",
    "source": "source",
}

# The "source" facet's code of the portal's own practices; a copy's is its origin's host.
LOCAL_SOURCE = "local"

START_PERIODS: tuple[tuple[str, int, int], ...] = (
    ("before-2010", 0, 2009),
    ("2010-2014", 2010, 2014),
    ("2015-2019", 2015, 2019),
    ("2020-2024", 2020, 2024),
    ("2025-later", 2025, 9999),
)


def start_period(year: int | None) -> str:
    if not year:
        return "unknown"
    return next(code for code, low, high in START_PERIODS if low <= year <= high)


def practice_source(practice: Practice) -> str:
    """Where a practice comes from: this portal, or the host of the portal that shared it."""
    if not practice.is_copy:
        return LOCAL_SOURCE
    return urlsplit(practice.origin_portal).netloc or practice.origin_portal


def is_indexable(practice: Practice) -> bool:
    """Only published practices are in the index; withdrawals leave it."""
    return practice.status == Practice.Status.PUBLISHED and practice.revision_of_id is None


def practice_document(practice: Practice, *, version: int) -> dict[str, Any]:
    """The search document of a published practice (prefetch themes, audiences, organisation type)."""
    themes = list(practice.key_themes.all())
    audiences = list(practice.target_audiences.all())
    organisation = practice.organisation
    countries = country_names(practice.country.code) if practice.country else ()
    body = "\n\n".join(getattr(practice, name) for name in BODY_SOURCES if getattr(practice, name))
    return {
        "id": practice.pk,
        "version": version,
        "title": practice.title,
        "description": practice.description,
        "taxonomy": " ".join(t.label_en + " " + t.label_fr for t in [*themes, *audiences]),
        "organisation": " ".join(
            [organisation.name, organisation.type.label_en, organisation.type.label_fr, *countries]
        ),
        "body": body,
        "compounds": compounds.parts_text("\n".join([practice.title, practice.description, body]), practice.language),
        "themes": [t.code for t in themes],
        "audiences": [a.code for a in audiences],
        "country": [practice.country.code] if practice.country else [],
        "organisation_type": [organisation.type.code],
        "language": [practice.language],
        "peer_reviewed": [practice.peer_reviewed],
        "evidence_level": [practice.evidence_level],
        "start_period": [start_period(practice.start_year)],
        "source": [practice_source(practice)],
        "start_year": practice.start_year,
        "published_at": practice.published_at.isoformat() if practice.published_at else None,
        "visibility": practice.visibility,
        "organisation_id": organisation.pk,
    }


FACETS: tuple[str, ...] = tuple(FACET_FIELDS)

# The text of a practice's vector for hybrid search: title and description (measured best:
# docs/SEARCH.md, "Across languages"; the narrative added nothing measurable for 50 % more text).
EMBEDDED_FIELDS: tuple[str, ...] = ("title", "description")

FACET_LABELS = {
    "theme": _("Key themes"),
    "audience": _("Target audiences"),
    "country": _("Country"),
    "organisation_type": _("Type of organisation"),
    "language": _("Language of the write-up"),
    # The template's yes/no (fellow practitioners looked at the practice), not the evidence
    # level "Peer reviewed" (an evaluation published after peer review): no shared words.
    "peer_reviewed": _("Reviewed by fellow practitioners"),
    "evidence_level": _("Evidence level"),
    "start_period": _("Started"),
    "source": _("Source"),
}
TAXONOMIES: dict[str, type[KeyTheme] | type[TargetAudience] | type[OrganisationType]] = {
    "theme": KeyTheme,
    "audience": TargetAudience,
    "organisation_type": OrganisationType,
}


def _period_labels() -> dict[str, str]:
    labels: dict[str, str | Promise] = {code: f"{low}–{high}" for code, low, high in START_PERIODS}
    labels.update({"before-2010": _("Before 2010"), "2025-later": _("2025 or later"), "unknown": _("Unknown")})
    return {code: str(label) for code, label in labels.items()}


def _fixed_labels(facet: str) -> dict[str, str]:
    choices = {
        "language": settings.PRACTICE_LANGUAGES,
        "peer_reviewed": Practice.PeerReviewed.choices,
        "evidence_level": Practice.EvidenceLevel.choices,
    }.get(facet)
    if choices is not None:
        return {code: str(label) for code, label in choices}
    if facet == "source":
        return {LOCAL_SOURCE: str(_("This portal"))}
    return _period_labels() if facet == "start_period" else {}


def taxonomy_changed(**kwargs) -> None:
    """A term of a taxonomy was saved or deleted (the admin): pages and facet labels kept under
    the content token show its labels, so the token is replaced (connected in PracticesConfig.ready)."""
    content_changed()


def code_labels(facet: str, codes: set[str]) -> dict[str, str]:
    """Labels of ``codes`` in the active language; the code itself when unknown."""
    if not codes:
        return {}
    if facet in TAXONOMIES:
        known = {term.code: term.label for term in TAXONOMIES[facet].objects.filter(code__in=codes)}
    elif facet == "country":
        known = {code: countries.name(code) or code for code in codes}
    else:
        known = _fixed_labels(facet)
    return {code: known.get(code, code) for code in codes}


def indexable_practices() -> QuerySet[Practice]:
    return (
        Practice.objects.filter(status=Practice.Status.PUBLISHED, revision_of__isnull=True)
        .select_related("organisation", "organisation__type")
        .prefetch_related("key_themes", "target_audiences")
        .order_by("pk")
    )


def practices_by_id(ids: Iterable[int]) -> dict[int, Practice]:
    queryset = Practice.objects.select_related("organisation", "organisation__type").prefetch_related(
        "key_themes", "target_audiences"
    )
    return queryset.in_bulk(list(ids))


def readable_practices(user, ids: list[int]) -> dict[int, Practice]:
    """The practices of ``ids`` that ``user`` may read now, published (search hits re-read)."""
    readable = Practice.objects.filter(published_readable_by(user), pk__in=ids)
    return readable.select_related("organisation", "organisation__type").in_bulk()


def readable_titles(user, titles: list[str]) -> set[str]:
    """Those of ``titles`` that a published practice ``user`` may read now bears (autocomplete's
    suggestions re-read, under the rule of ``readable_practices``)."""
    if not titles:
        return set()
    readable = Practice.objects.filter(published_readable_by(user), title__in=titles)
    return set(readable.values_list("title", flat=True))


# What a result card shows of a practice (templates/search/_result_card.html), read as values.
CARD_FIELDS = (
    "pk",
    "title",
    "language",
    "visibility",
    "is_demo",
    "origin_uuid",
    "origin_name",
    "origin_url",
    "country",
    "start_year",
    "organisation__name",
    "organisation__type__label_en",
    "organisation__type__label_fr",
)


def readable_cards(user, ids: list[int]) -> dict[int, dict[str, Any]]:
    """The practices of ``ids`` that ``user`` may read now, published (the rule of
    ``readable_practices``, built for ``user`` on every call), as the plain values a result card
    shows, in the active language: one query of a few columns a page of results, its SQL
    compiled once per connection and rule, no model instance."""
    rule = published_readable_by(user)
    rows: list[tuple] = []
    for start in range(0, len(ids), CARD_SLOTS):
        chunk = ids[start : start + CARD_SLOTS]
        slots: dict[str, Any] = {name: chunk[i] if i < len(chunk) else NO_PRACTICE for i, name in enumerate(_CARD_IDS)}
        rows += _CARDS.rows(shape=rule, **slots)
    names, url = display_names(translation.get_language()), detail_urls()
    return {row[0]: _card_values(row, names, url) for row in rows}


CARD_SLOTS = 20  # the ids one query reads (a page of results); the slots a page leaves empty name no practice
NO_PRACTICE = 0
_CARD_IDS: dict[str, Any] = {f"id{i}": -4_201_960 - i for i in range(CARD_SLOTS)}


def _cards(rule: Q, **ids: int) -> QuerySet:
    # The rule as one condition that no index answers: SQLite, without statistics, would read the
    # status index (every published practice) rather than the twenty ids' rows.
    readable = Case(When(rule, then=Value(True)), default=Value(False))
    return (
        Practice.objects.filter(pk__in=list(ids.values()))
        .alias(readable=readable)
        .filter(readable=True)
        .order_by()
        .values_list(*CARD_FIELDS)
    )


_CARDS = PreparedQuery("readable_cards", Practice, _cards, **_CARD_IDS)


def _card_values(row: tuple, names: "_Names", url: Callable[[int], str]) -> dict[str, Any]:
    pk, title, language, visibility, is_demo, origin_uuid, origin_name, origin_url, country = row[:9]
    start_year, organisation, type_en, type_fr = row[9:]
    return {
        "url": url(pk),
        "title": title,
        "language": language,
        "language_name": names.languages.get(language, language),
        "restricted": names.visibilities.get(visibility, visibility)
        if visibility != Practice.Visibility.PUBLIC
        else "",
        "is_demo": is_demo,
        "origin": {"is_copy": origin_uuid is not None, "origin_name": origin_name, "origin_url": origin_url},
        "organisation": organisation,
        "type": type_fr if names.language == "fr" else type_en,  # OrganisationType.label
        "country": names.country(country) if country else "",
        "start_year": start_year,
    }


def detail_urls() -> Callable[[int], str]:
    """A practice's page from its id: one ``reverse`` for a page of results, not one a result."""
    marker = "2147483647"
    head, _marker, tail = reverse("practices:detail", kwargs={"pk": int(marker)}).rpartition(marker)
    return lambda pk: f"{head}{pk}{tail}"


class _Names:
    """Display names that depend on the code and the language alone, made once per process and language."""

    def __init__(self, language: str | None):
        self.language = language
        self.languages = {code: str(label) for code, label in settings.PRACTICE_LANGUAGES}
        self.visibilities = {code: str(label) for code, label in Practice.Visibility.choices}
        self._countries: dict[str, str] = {}

    def country(self, code: str) -> str:
        """``countries.name``: "" for a code it does not know."""
        name = self._countries.get(code)
        if name is None:
            name = self._countries[code] = str(countries.name(code))
        return name


@cache
def display_names(language: str | None) -> _Names:
    """Called with the active language: the labels are translated into it."""
    return _Names(language)


COLLECTION = Collection(
    name="practices",
    kind="practice",
    layout=Layout.FACETED,
    text_fields=TEXT_FIELDS,
    candidates=indexable_practices,
    load=practices_by_id,
    is_indexable=is_indexable,
    build=practice_document,
    scope=reader_scope,
    readable=readable_practices,
    readable_cards=readable_cards,
    readable_titles=readable_titles,
    facets=FACET_FIELDS,
    facet_labels=code_labels,
    facet_titles=FACET_LABELS,
    embedded_fields=EMBEDDED_FIELDS,
    sentence_field="description",
)


def practice_changed(practice: Practice):
    """Tell search (and, through the signal, federation) that ``practice`` changed, inside the
    transaction that changes it."""
    signals.practice_changed.send(sender=Practice, practice=practice)
    return outbox.document_changed(COLLECTION.name, practice)


def similar_practices(*, user, practice: Practice, limit: int = SIMILAR_LIMIT) -> list[Hit]:
    """Published practices like ``practice`` that ``user`` may read (never ``practice`` itself);
    empty when it is not published or no engine can answer."""
    return similar(collection=COLLECTION, user=user, item=practice, limit=limit)
