"""Turning search results into what the search page shows: facet labels, links, pages."""

import hashlib
import html
from dataclasses import dataclass
from functools import cached_property
from math import ceil

from django.core.cache import caches
from django.http import QueryDict
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.safestring import SafeString, mark_safe

from portal.numbers import grouper
from search.collections import Collection


@dataclass(frozen=True)
class FacetOption:
    code: str
    label: str
    count: int
    selected: bool
    removal_url: str  # selected: the page without this code; "" otherwise (the form's checkbox adds it)


FACET_OPTIONS_SHOWN = 6


@dataclass(frozen=True)
class FacetGroup:
    name: str
    label: str
    options: list[FacetOption]

    @cached_property
    def shown(self) -> list[FacetOption]:
        """The first options, and every selected one: a choice is never folded away."""
        return [o for i, o in enumerate(self.options) if i < FACET_OPTIONS_SHOWN or o.selected]

    @cached_property
    def more(self) -> list[FacetOption]:
        """The rest, behind "show more"."""
        return [o for i, o in enumerate(self.options) if i >= FACET_OPTIONS_SHOWN and not o.selected]

    @property
    def shown_items(self) -> SafeString:
        return option_items(self.name, self.shown)

    @property
    def more_items(self) -> SafeString:
        return option_items(self.name, self.more)


def option_items(name: str, options: list[FacetOption]) -> SafeString:
    """The checkboxes of ``options`` as the list items of templates/search/_facets.html: written
    here, escaped and localised as the template would, because a template loop costs about 20 µs
    an option and a page shows up to a hundred."""
    field = _escaped(name)
    number = grouper()
    return mark_safe(  # noqa: S308 - every value is escaped just here
        "".join(
            f'<li><label><input type="checkbox" name="{field}" value="{_escaped(option.code)}"'
            f"{' checked' if option.selected else ''}>\n"
            f'  <span>{_escaped(option.label)}</span> <span class="count">({number(option.count)})</span>'
            "</label></li>\n"
            for option in options
        )
    )


def _escaped(value: str) -> str:
    """``conditional_escape`` without its checks for lazy strings (a facet's codes and labels are made strings)."""
    return value.__html__() if hasattr(value, "__html__") else html.escape(value)


@dataclass(frozen=True)
class Link:
    label: str
    url: str


def url_with(params: QueryDict, **changes: list[str]) -> str:
    """The query string of ``params`` with the given keys replaced, back to page 1."""
    query = params.copy()
    query.pop("page", None)
    for key, values in changes.items():
        query.setlist(key, values)
    encoded = query.urlencode()
    return f"?{encoded}" if encoded else "?"


def facet_groups(
    collection: Collection,
    facets: dict[str, dict[str, int]],
    filters: dict[str, list[str]],
    params: QueryDict,
    *,
    token: object = None,
) -> list[FacetGroup]:
    """The collection's facets with their labels (``facet_labels``), counts and removal links."""
    groups = []
    wanted = {facet: list(facets.get(facet, {})) for facet in collection.facet_names}
    labels = facet_labels(collection, wanted, filters, token=token)
    for facet in collection.facet_names:
        counts, selected = facets.get(facet, {}), filters.get(facet, [])
        codes = list(counts) + [code for code in selected if code not in counts]
        options = [
            FacetOption(
                code,
                labels[facet].get(code, code),
                counts.get(code, 0),
                code in selected,
                url_with(params, **{facet: [c for c in selected if c != code]}) if code in selected else "",
            )
            for code in codes
        ]
        if options:
            groups.append(FacetGroup(facet, str(collection.facet_titles.get(facet, facet)), options))
    return groups


def facet_labels(
    collection: Collection, counted: dict[str, list[str]], filters: dict[str, list[str]], *, token: object
) -> dict[str, dict[str, str]]:
    """Each facet's labels (``Collection.facet_labels``, in the active language) of the codes the
    engine counted and of those selected. The counted codes' labels are kept in the process's
    memory under ``token`` (the content token: every change of a taxonomy's terms replaces it,
    practices/indexing.py) and the language, so a page looks up only codes not seen before under
    them; codes only a URL names (``filters``) are looked up every time, never kept."""
    if collection.facet_labels is None:
        return {facet: {} for facet in collection.facet_names}
    key = f"labels:{collection.name}:{translation.get_language()}:{token}"
    known: dict[str, dict[str, str]] = (caches[FRAGMENTS].get(key) if token is not None else None) or {}
    missing = {facet: set(codes) - known.get(facet, {}).keys() for facet, codes in counted.items()}
    if any(missing.values()):
        known = {
            facet: {**known.get(facet, {}), **_labels_of(collection, facet, codes)} for facet, codes in missing.items()
        }
        if token is not None:
            caches[FRAGMENTS].set(key, known)
    labels = {facet: known.get(facet, {}) for facet in collection.facet_names}
    for facet, selected in filters.items():
        unknown = {code for code in selected if code not in labels.get(facet, {})}
        if unknown:
            labels[facet] = {**labels.get(facet, {}), **_labels_of(collection, facet, unknown)}
    return labels


def _labels_of(collection: Collection, facet: str, codes: set[str]) -> dict[str, str]:
    return collection.facet_labels(facet, codes) if codes and collection.facet_labels else {}


def removal_links(groups: list[FacetGroup]) -> list[Link]:
    """One link per active filter, to the same search without it."""
    return [
        Link(f"{group.label}: {option.label}", option.removal_url)
        for group in groups
        for option in group.options
        if option.selected
    ]


@dataclass(frozen=True)
class Pages:
    number: int
    count: int
    previous_url: str | None
    next_url: str | None


# What a link back to the results may carry: the search page's own parameters, nothing else.
RESULT_PARAMETERS = ("q", "sort", "page")
BACK_PARAMETER = "back"
MAX_BACK_LENGTH = 2000


def back_parameter(params: QueryDict) -> str:
    """The query string a result link carries (``?back=...``) so that the practice page can
    link back to these results."""
    query = QueryDict(mutable=True)
    query[BACK_PARAMETER] = params.urlencode()[:MAX_BACK_LENGTH]
    return query.urlencode()


def results_url(raw: str | None, *, search_path: str, facets: tuple[str, ...]) -> str | None:
    """The search page with the query and filters of ``raw`` (a ``back`` value), keeping only
    the search page's parameters: the path is ours whatever ``raw`` holds (no open redirect)."""
    if raw is None or len(raw) > MAX_BACK_LENGTH:
        return None
    given = QueryDict(raw)
    kept = QueryDict(mutable=True)
    for key in (*RESULT_PARAMETERS, *facets):
        values = [value[:200] for value in given.getlist(key) if value][:30]
        if values:
            kept.setlist(key, values)
    encoded = kept.urlencode()
    return f"{search_path}?{encoded}" if encoded else search_path


def pages(total: int, per_page: int, number: int, params: QueryDict) -> Pages:
    count = max(1, ceil(total / per_page))

    def url(page: int) -> str:
        query = params.copy()
        query["page"] = str(page)
        # to the results: the next Tab after a page change reaches them, not the header and every filter
        return "?" + query.urlencode() + RESULTS_ANCHOR

    return Pages(
        number=number,
        count=count,
        previous_url=url(number - 1) if number > 1 else None,
        next_url=url(number + 1) if number < count else None,
    )


RESULTS_ANCHOR = "#results-heading"  # templates/search/_search_body.html

FRAGMENTS = "fragments"  # settings.CACHES: each process's memory for HTML that is a function of its key


def match_reason(text: str, highlight: str, matched_by: str) -> str:
    """Why a card answers a search when its snippet marks none of the words: ``"meaning"`` (found
    by the semantic ranking alone), ``"labels"`` (by words outside the snippet's text: its title,
    themes, audiences or organisation, whose labels are in English and French, so an English query
    finds a French practice); "" when the snippet shows the words, or without words."""
    if not text or "<mark>" in str(highlight):
        return ""
    return "meaning" if matched_by == "semantic" else "labels"


def result_cards(
    found: list[tuple[dict, object, list[dict]]], *, back: str, why: list[str] | None = None
) -> list[SafeString]:
    """Each result's card, rendered from a plain dictionary of everything it shows and kept in the
    process's memory under a hash of that dictionary and the language: a kept card is only ever
    served for the very inputs it was made of (any change of a title, an organisation's name or
    a label makes another key). ``found``: (values, highlight, copies) of each hit in order, as
    ``Collection.readable_cards`` read them of hits the reader may read
    (``search.selectors.readable_cards``). One lookup of the language and one of the kept cards
    for the page (about 30 µs a card when each looked its own up)."""
    language = translation.get_language()
    reasons = why or [""] * len(found)
    cards = [
        {**_card(values, highlight=highlight, copies=copies, back=back), "why": reason}
        for (values, highlight, copies), reason in zip(found, reasons, strict=True)
    ]
    keys = ["card:" + hashlib.blake2b(repr((language, card)).encode(), digest_size=20).hexdigest() for card in cards]
    kept = caches[FRAGMENTS].get_many(keys)
    made = {
        key: render_to_string("search/_result_card.html", {"card": card})
        for key, card in zip(keys, cards, strict=True)
        if key not in kept
    }
    if made:
        caches[FRAGMENTS].set_many(made)
    return [mark_safe(kept.get(key) or made[key]) for key in keys]  # noqa: S308 - the template escapes


def _card(values: dict, *, highlight, copies: list[dict], back: str) -> dict:
    return {
        **values,
        "url": f"{values['url']}?{back}",
        "highlight": highlight or "",  # safe HTML (search/selectors.py: safe_highlight) or plain text, kept as given
        "copies": [
            {"url": f"{copy['url']}?{back}", "language": copy["language"], "title": copy["title"]} for copy in copies
        ],
    }
