"""What the recognisers share: Presidio's result, the pattern recogniser, and the
judgements on a span that several of them make (an organisation's name, a country, a
word that can be a name or a place)."""

import re
from collections.abc import Callable, Iterable

from presidio_analyzer import EntityRecognizer, LocalRecognizer, RecognizerResult

from practices.importer.countries import find_country

from .. import patterns


def _result(recognizer: EntityRecognizer, entity: str, start: int, end: int, score: float) -> RecognizerResult:
    return RecognizerResult(
        entity_type=entity,
        start=start,
        end=end,
        score=score,
        recognition_metadata={
            RecognizerResult.RECOGNIZER_NAME_KEY: recognizer.name,  # type: ignore[has-type]  # presidio: unannotated
            RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: recognizer.id,
        },
    )


# --- regular-expression recognisers --------------------------------------


# (text, start, end, spaCy doc or None) -> the span to report, or None.
Accept = Callable[[str, int, int, object], tuple[int, int] | None]


class RegexRecognizer(LocalRecognizer):
    """Reports the ``pii`` group (or the group that matched, or the whole match) of each pattern, when
    ``accept(text, start, end)`` agrees; ``accept`` may narrow the span."""

    def __init__(
        self,
        *,
        entity: str,
        regexes: Iterable[re.Pattern],
        score: float,
        language: str,
        name: str,
        accept: Accept | None = None,
        context=None,
    ):
        self.regexes = tuple(regexes)
        self.score = score
        self.accept: Accept = accept or (lambda text, start, end, doc: (start, end))
        super().__init__(supported_entities=[entity], supported_language=language, name=name, context=context)

    def load(self) -> None:
        pass

    def analyze(self, text, entities, nlp_artifacts=None):
        results = []
        for regex in self.regexes:
            for match in regex.finditer(text):
                start, end = _reported_span(match)
                span = self.accept(text, start, end, nlp_artifacts.tokens if nlp_artifacts else None)
                if span:
                    results.append(_result(self, self.supported_entities[0], *span, self.score))
        return results


def _reported_span(match: re.Match) -> tuple[int, int]:
    """The span of the first named group that matched (``pii``, or another in a pattern
    with alternatives), else the whole match."""
    for name in match.re.groupindex:
        if match.group(name) is not None:
            return match.span(name)
    return match.span()


def names_an_organisation(span: str) -> bool:
    return any(word.lower().strip(".,") in patterns.ORGANISATION_WORDS for word in span.split())


# Regions above countries, and words the NER likes to call a name or a place.
NOT_PLACES_OR_NAMES = frozenset(
    {
        "eu",
        "ue",
        "europe",
        "europa",
        "european union",
        "union européenne",
        "scandinavia",
        "scandinavie",
        "nordic",
        "balkans",
        "western balkans",
        "middle east",
        "moyen-orient",
        "africa",
        "afrique",
        "asia",
        "asie",
        "north africa",
        "afrique du nord",
        "internet",
        "covid",
        "covid-19",
        "islam",
        "allah",
        # round 11: the feasts practices date things by ("noticed the change after Easter")
        *(
            "easter, christmas, whitsun, pentecost, lent, advent, ramadan, eid, eid al-fitr, eid al-adha, diwali, "
            "hanukkah, passover, pâques, noël, carême, ostern, weihnachten, pfingsten, pasen, kerst, kerstmis, "
            "pinksteren, påsk, påske, jul, pääsiäinen, joulu, pascua, navidad, pasqua, pentecoste, páscoa, "
            "wielkanoc, boże narodzenie"
        ).split(", "),
    }
)


def _plausible_name_or_place(span: str) -> bool:
    if not span[0].isupper() or any(ch.isdigit() for ch in span):
        return False
    if "@" in span or "://" in span or span.lower().startswith("www."):
        return False
    if all(word.isupper() for word in span.split()):  # acronyms: RAN, NIBR, RAN YF&C
        return False
    if span.lower() in NOT_PLACES_OR_NAMES or span.lower() in patterns.CONTACT_LABELS:
        return False
    return not _is_country(span)


def _is_country(span: str) -> bool:
    code, name = find_country(span)
    return code is not None and len(name) == len(span.strip())
