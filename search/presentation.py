"""Turning search results into what the search page shows: facet labels, links, pages."""

from dataclasses import dataclass
from math import ceil

from django.conf import settings
from django.http import QueryDict
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from practices.indexing import START_PERIODS
from practices.models import KeyTheme, OrganisationType, Practice, TargetAudience
from search.backends.base import FACETS

FACET_LABELS = {
    "theme": _("Key themes"),
    "audience": _("Target audiences"),
    "country": _("Country"),
    "organisation_type": _("Type of organisation"),
    "language": _("Language of the write-up"),
    "peer_reviewed": _("Peer reviewed"),
    "evidence_level": _("Evidence level"),
    "start_period": _("Started"),
}
TAXONOMIES: dict[str, type[KeyTheme | TargetAudience | OrganisationType]] = {"theme": KeyTheme, "audience": TargetAudience, "organisation_type": OrganisationType}


@dataclass(frozen=True)
class FacetOption:
    code: str
    label: str
    count: int
    selected: bool
    url: str  # the page with this code toggled


@dataclass(frozen=True)
class FacetGroup:
    name: str
    label: str
    options: list[FacetOption]


@dataclass(frozen=True)
class Link:
    label: str
    url: str


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
    return _period_labels() if facet == "start_period" else {}


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


def url_with(params: QueryDict, **changes: list[str]) -> str:
    """The query string of ``params`` with the given keys replaced, back to page 1."""
    query = params.copy()
    query.pop("page", None)
    for key, values in changes.items():
        query.setlist(key, values)
    encoded = query.urlencode()
    return f"?{encoded}" if encoded else "?"


def _toggled(selected: list[str], code: str) -> list[str]:
    return [c for c in selected if c != code] if code in selected else [*selected, code]


def facet_groups(facets: dict[str, dict[str, int]], filters: dict[str, list[str]], params: QueryDict) -> list[FacetGroup]:
    groups = []
    for facet in FACETS:
        counts, selected = facets.get(facet, {}), filters.get(facet, [])
        codes = list(counts) + [code for code in selected if code not in counts]
        labels = code_labels(facet, set(codes))
        options = [
            FacetOption(
                code, labels[code], counts.get(code, 0), code in selected, url_with(params, **{facet: _toggled(selected, code)})
            )
            for code in codes
        ]
        if options:
            groups.append(FacetGroup(facet, str(FACET_LABELS[facet]), options))
    return groups


def removal_links(groups: list[FacetGroup]) -> list[Link]:
    """One link per active filter, to the same search without it."""
    return [
        Link(f"{group.label}: {option.label}", option.url) for group in groups for option in group.options if option.selected
    ]


@dataclass(frozen=True)
class Pages:
    number: int
    count: int
    previous_url: str | None
    next_url: str | None


def pages(total: int, per_page: int, number: int, params: QueryDict) -> Pages:
    count = max(1, ceil(total / per_page))

    def url(page: int) -> str:
        query = params.copy()
        query["page"] = str(page)
        return "?" + query.urlencode()

    return Pages(
        number=number,
        count=count,
        previous_url=url(number - 1) if number > 1 else None,
        next_url=url(number + 1) if number < count else None,
    )
