"""What the practice itself names, and when a place is a person's.

A practice names its organisation, its programme and the cities, regions and
universities where it works: none of these is personal data, though the
small NER models call many of them persons or places. Pure Python: no model.

* ``practice_names``: the words of the practice's own names: the title, the
  geographical scope, the organisation's name (and the first line of its
  description), and contact lines naming an organisation ("Aarhus Kommune,
  Børn og Unge").
* ``names_the_practice``: an NER "person" made only of such words, of words
  organisations' names use ("Kommune", "Universität", "Exit"), or ending in a
  country's name ("Hele Danmark"); in a language without its own model
  (German, Nordic), also a lone word called a person.
* ``tied_to_a_person``: a place is personal data only after words that tie
  it to someone ("lives in", "domicilié à", "born in", "bor i", "wohnt in"),
  right after a person's name ("met Jonas Berg in Fredrikstad"), or inside a
  re-identification hint. Street addresses, found by patterns,
  are always reported.
"""

import re
from collections.abc import Callable, Sequence

from practices.importer.countries import find_country

from . import patterns
from .findings import LOCATION, PERSON, Candidate, Finding, Hint

_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
CONTACT_NAME_SCORE = 0.8
NAME_FIELDS = ("title", "geographical_scope")


def _words(text: str) -> set[str]:
    return {word.casefold() for word in _WORD.findall(text) if len(word) > 1}


def practice_names(fields: dict[str, str], context: dict[str, str]) -> set[str]:
    """Folded words of the practice's own names (see the module's docstring)."""
    texts = [fields.get(code, "") for code in NAME_FIELDS] + list(context.values())
    texts.append(fields.get("organisation", "").strip().split("\n", 1)[0])
    texts += [line for line in fields.get("contact", "").split("\n") if _names_an_organisation(line)]
    return set().union(*(_capitalised(text) for text in texts))


def _names_an_organisation(line: str) -> bool:
    """A contact line such as "Aarhus Kommune, Børn og Unge": a word of an
    organisation's name, and no address, number or email."""
    if "@" in line or any(char.isdigit() for char in line):
        return False
    if patterns.TOWN_ADMINISTRATION.match(line.strip()):
        return True
    return any(word.casefold() in patterns.ORGANISATION_WORDS for word in _WORD.findall(line))


def _capitalised(text: str) -> set[str]:
    """Words with a capital ("Oslo", "al-Khatib"): the proper nouns a title or a scope holds."""
    return {word.casefold() for word in _WORD.findall(text) if len(word) > 1 and not word.islower()}


def names_the_practice(
    finding: Finding, own_names: set[str], language: str, model_language: Callable[[str], str]
) -> bool:
    """Whether an NER "person" is one of the practice's own names or no name at all, in a
    paragraph written in ``language`` and read by the model of ``model_language(language)``
    (places are judged by ``tied_to_a_person``: a person's home may be the practice's city)."""
    if finding.type != PERSON:
        return False
    words = _WORD.findall(finding.text)
    if not words:
        return False
    folded = [word.casefold() for word in words]
    if all(word in own_names or word in _PARTICLES for word in folded):
        return True
    if any(word in patterns.ORGANISATION_WORDS for word in folded):
        return True
    if _is_country(words[-1]):
        return True
    if _article_in_a_name(finding.text, language):
        return True
    weak_model = model_language(language) != language
    return weak_model and (len(words) == 1 or _nouns_around_a_preposition(words, language))


# A family's name: "Familie von Thadden" is a name where "Familien von Ausreisenden" is not.
_ONE_FAMILY = frozenset("familie family famille famiglia familia rodzina perhe".split())


def _nouns_around_a_preposition(words: list[str], language: str) -> bool:
    """Two nouns joined by a preposition that is also a name particle, read as a name by a
    model of another language: "Familien von Ausreisenden", "Ouders van Syriëgangers". The
    first word is an ordinary word of the paragraph's language and no known given name
    ("Ursula von der Leyen", "Jan van Dijk" stay names)."""
    from .given_names import _known_name, ordinary_word  # Faker's lists and wordfreq: loaded by the check

    first = words[0].casefold()
    if len(words) < 3 or words[1] not in _PREPOSITIONS or first in _ONE_FAMILY:
        return False
    return ordinary_word(first, language) and not _known_name(words[0])


# Name particles that are lower-case prepositions in a language without its own model.
_PREPOSITIONS = frozenset("von vom van af av de da di del".split())


# Name particles that are only articles in a language ("Konto des Vaters", "Haus der
# Jugend"), unless another particle comes first ("Jan van der Berg", "von der Leyen").
ARTICLE_PARTICLES: dict[str, frozenset[str]] = {"de": frozenset("des der den dem".split())}


# Articles that open a phrase in a language and never a name there: "Das Verfahren" (German
# "das" is a Portuguese name particle, so patterns.ARTICLES cannot hold it).
OPENING_ARTICLES: dict[str, frozenset[str]] = {"de": frozenset("das die der den dem des".split())}


def _article_in_a_name(name: str, language: str) -> bool:
    articles = ARTICLE_PARTICLES.get(language, frozenset())
    words = [word.casefold() for word in name.split()]
    if words and words[0] in OPENING_ARTICLES.get(language, frozenset()):
        return True
    return any(word in articles and words[i - 1] not in _PARTICLES for i, word in enumerate(words) if i)


# Name particles, and the words for "and" that join the names of a practice ("Børn og Unge").
_PARTICLES = patterns.NAME_PARTICLES | frozenset("og och und and et".split())


def _has_organisation_word(name: str) -> bool:
    return any(word.casefold().strip(".,") in patterns.ORGANISATION_WORDS for word in name.split())


def _is_country(word: str) -> bool:
    code, name = find_country(word)
    return code is not None and len(name) == len(word)


# What may stand between a person's name and the place that follows it:
# "met Jonas Berg in Fredrikstad", "Mr K. Hansen from Ravnstad", "Ola (Moss)".
_NAME_TO_PLACE = re.compile(
    r"[ \t]*,?[ \t]*(?:\(|(?:in|from|of|at|à|a|de|du|d['’]|i|fra|från|aus|von|uit|van|på)[ \t]+)$", re.IGNORECASE
)


def tied_to_a_person(finding: Finding, text: str, hints: list[Hint], names: Sequence[Finding] = ()) -> bool:
    """Whether an NER place is a person's: after a word tying it to someone,
    right after a person's name, or inside a re-identification hint. Names
    are always kept."""
    if finding.type != LOCATION:
        return True
    if any(h.field == finding.field and h.start <= finding.start and finding.end <= h.end for h in hints):
        return True
    if any(
        n.field == finding.field
        and 0 <= finding.start - n.end <= 12
        and _NAME_TO_PLACE.fullmatch(text, n.end, finding.start)
        for n in names
    ):
        return True
    line_start = text.rfind("\n", 0, finding.start) + 1
    before = text[max(line_start, finding.start - 60) : finding.start]
    cue = patterns.PERSON_PLACE_CUES.search(before)
    if cue and patterns.BIRTH_OR_MOVE_CUE.match(cue.group()):
        return not patterns.a_thing_is_born(
            text[max(0, finding.start - 120) : finding.start - len(before) + cue.start()]
        )
    return bool(cue)


def contact_line_names(text: str) -> list[Candidate]:
    """Lines of the contact field that are a person's name alone, perhaps
    with a title and a role ("Mette Kjærgaard, coordinator"), or after a label
    that is no field naming something else ("Project lead: Hannah Schmidt")."""
    found = []
    lines = patterns.CONTACT_LABELLED_LINE.finditer(text)
    labelled = [match for match in lines if patterns.labels_a_person(match.group("label"))]
    for match in [*patterns.CONTACT_NAME_LINE.finditer(text), *labelled]:
        name = match.group("pii")
        if patterns.TOWN_ADMINISTRATION.match(name) or _has_organisation_word(name):
            continue
        if _is_country(name.split()[-1]):
            continue
        found.append(Candidate(PERSON, match.start("pii"), match.end("pii"), CONTACT_NAME_SCORE, precise=True))
    return found


def with_postcode_paragraph(text: str, end: int) -> int:
    """The end of a street address, moved past a postcode and town that
    follow in the next paragraph: a Word cell's lines are paragraphs, and the
    check reads one paragraph at a time ("Hantverkargatan 3D", blank line,
    "112 21 Stockholm")."""
    following = patterns.POSTCODE_PARAGRAPH.match(text, end)
    return following.end() if following else end
