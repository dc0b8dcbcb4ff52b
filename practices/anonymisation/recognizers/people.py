"""Names found by patterns: titled names, initials, a name before an email or after a
contact label, a relative's or a person's other name, a person's social-media account."""

import re

from presidio_analyzer import EntityRecognizer

from .. import patterns
from ..findings import PERSON
from .base import RegexRecognizer, _is_country, names_an_organisation


def _line_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    return line_start, len(text) if line_end < 0 else line_end


def _not_a_heading(text: str, start: int, end: int, doc=None) -> tuple[int, int] | None:
    """Drop "A. Background" alone on its line: a lettered heading, where
    "J. Dupont" alone on a contact line is a name. Neither model's tagger
    tells them apart, so the heading words are listed."""
    line_start, line_end = _line_bounds(text, start, end)
    alone = not text[line_start:start].strip(" \t#*-") and not text[end:line_end].strip(" \t:*")
    heading = alone and text[start:end].split()[-1].lower() in patterns.HEADING_WORDS
    return None if heading else (start, end)


def _without_contact_label(text: str, start: int, end: int, doc=None) -> tuple[int, int] | None:
    """ "Contact Kari Lund" -> "Kari Lund"; None when only labels remain."""
    words = list(re.finditer(r"\S+", text[start:end]))
    while words and words[0].group().lower().strip(":") in patterns.CONTACT_LABELS:
        words.pop(0)
    if len(words) < 2:
        return None
    return start + words[0].start(), end


def _not_an_organisation(text: str, start: int, end: int, doc=None) -> tuple[int, int] | None:
    """A name-shaped span holding a word organisations' names use ("Aarhus Kommune") is no
    person, nor one whose line's label names something else ("Programme name: Safe Harbour")."""
    label = text[text.rfind("\n", 0, start) + 1 : start]
    if names_an_organisation(text[start:end]) or not patterns.labels_a_person(label):
        return None
    return start, end


# Above the NER's 0.85: Presidio drops a result that another of the same type
# contains with an equal or higher score, and picks at random between equal
# ones, which would lose the "found by a pattern" mark of a name.
PATTERN_NAME_SCORE = 0.9


KIN_NAME_SCORE = 0.8
# Round 14: above the NER's 0.85 too, which would otherwise keep a quoted nickname it also reads as its own
# loose finding ("chamam-lhe "Magrão"") and drop it as a lone name in a language without a model.
NICKNAME_SCORE = 0.86
HANDLE_SCORE = 0.7


def _a_name_after_a_relative(text: str, start: int, end: int, doc=None) -> tuple[int, int] | None:
    """ "his sister, Leila" is a name; "the mother, Social Services", "her brother, English
    teacher" or "the father (Tuesday)" are not."""
    words = text[start:end].split()
    first = words[0].lower()
    if names_an_organisation(text[start:end]) or first in patterns.NOT_PLACES or first in patterns.MONTHS:
        return None
    if first in patterns.ARTICLES or first in _TITLE_WORDS or _is_country(words[-1]):
        return None
    return start, end


def _a_persons_other_name(text: str, start: int, end: int, doc=None) -> tuple[int, int] | None:
    """After "known as", "genannt"...: a kunya ("Abu Layla") or a known given name; not a
    method's or a group's name ("Motivational Interviewing", "Junge Löwen")."""
    from ..given_names import _known_name  # Faker's lists: loaded by warm_up() or the first check

    first = text[start:end].split()[0]
    if first.casefold() not in patterns.KUNYA and not _known_name(first):
        return None
    return _a_name_after_a_relative(text, start, end, doc)


# Parts of a handle: "ExitSweden" -> Exit, Sweden; "RANnetwork" -> RAN, network; "EU_Justice".
_CAMEL = re.compile(r"[A-Z]{2,}(?=[A-Z][a-z]|[a-z])|[A-Z]?[a-z]+|[A-Z]+|\d+")


def _a_persons_account(text: str, start: int, end: int, doc=None) -> tuple[int, int] | None:
    """A handle or profile link, unless it is an organisation's: a part of it is a word
    organisations' names use or an acronym ("@RAN_EU", "facebook.com/ExitSweden")."""
    handle = re.split(r"[/@]", text[start:end])[-1]
    parts = [part for chunk in re.split(r"[_.\-]", handle) for part in _CAMEL.findall(chunk)]
    if any(part.lower() in patterns.ORGANISATION_WORDS or part.lower() in _ACCOUNT_WORDS for part in parts):
        return None
    letters = [part for part in parts if part.isalpha()]
    if letters and all(part.isupper() and len(part) >= 2 for part in letters):
        return None
    return start, end


# Words naming a method, a programme or a group before "known as": "an approach known as 'The
# Hook'" is no one's nickname.
_NOT_NICKNAMED = frozenset(
    "approach method model technique tool game song film book approche méthode modèle outil jeu chanson "
    "ansatz methode modell spiel lied aanpak methode metode metod modello metodo enfoque método juego "
    "group groupe gruppe groep gruppo grupo grupa grupp gruppen programme program programm project projet projekt "
    "network réseau netzwerk movement mouvement bewegung campaign campagne kampagne operation opération "
    "initiative platform plateforme forum app website site event festival conference workshop course training".split()
)


def _a_quoted_nickname(text: str, start: int, end: int, doc=None) -> tuple[int, int] | None:
    """A nickname in quotes ('known in the chat as "Reaper"', '„Germane" genannt', 'si faceva
    chiamare "Il Lupo"'), unless a method, a programme or an organisation is what is called so."""
    before = text[max(0, start - 60) : start]
    words = {word.casefold() for word in re.findall(r"[^\W\d_]+", before)}
    # a verb calling him or her by it names a person, whatever the sentence's other words ("Na escola
    # chamam-lhe "Magrão"", round 14): only the other shapes may name a method or a programme
    called = patterns.QUOTED_NICKNAME.search(text, max(0, start - 120), min(len(text), end + 3))
    if called is not None and called.start("called") == start:
        words = set()
    if words & _NOT_NICKNAMED or names_an_organisation(text[start:end]):
        return None
    first = text[start:end].split()[-1].casefold() if text[start].islower() else text[start:end].split()[0].casefold()
    if first in patterns.MONTHS or first in patterns.NOT_PLACES or any(_is_country(w) for w in text[start:end].split()):
        return None
    return start, end


def _a_given_name_and_initial(text: str, start: int, end: int, doc=None) -> tuple[int, int] | None:
    """ "Kamil S.": a known given name and a surname's initial."""
    from ..given_names import _known_name, _never_a_name  # Faker's lists: loaded by warm_up() or the first check

    first = text[start:end].split()[0]
    if not _known_name(first) or _never_a_name(first.casefold(), set()):
        return None
    return start, end


_ACCOUNT_WORDS = frozenset("info news official press media support help hq eu un".split())


def person_recognizers(language: str) -> list[EntityRecognizer]:
    return [
        RegexRecognizer(
            entity=PERSON,
            regexes=[patterns.TITLED_NAME],
            score=PATTERN_NAME_SCORE,
            language=language,
            name="TitledNameRecognizer",
        ),
        RegexRecognizer(
            entity=PERSON,
            regexes=[patterns.INITIAL_NAME],
            score=PATTERN_NAME_SCORE,
            language=language,
            name="InitialNameRecognizer",
            accept=_not_a_heading,
        ),
        RegexRecognizer(
            entity=PERSON,
            regexes=[patterns.NAME_BEFORE_EMAIL],
            score=PATTERN_NAME_SCORE,
            language=language,
            name="NameBeforeEmailRecognizer",
            accept=_without_contact_label,
        ),
        RegexRecognizer(
            entity=PERSON,
            regexes=[patterns.KIN_NAME],
            score=KIN_NAME_SCORE,
            language=language,
            name="NameAfterRelativeRecognizer",
            accept=_a_name_after_a_relative,
        ),
        RegexRecognizer(
            entity=PERSON,
            regexes=[patterns.ALIAS_NAME],
            score=KIN_NAME_SCORE,
            language=language,
            name="AliasRecognizer",
            accept=_a_name_after_a_relative,
        ),
        RegexRecognizer(
            entity=PERSON,
            regexes=[patterns.KNOWN_AS_NAME],
            score=KIN_NAME_SCORE,
            language=language,
            name="KnownAsRecognizer",
            accept=_a_persons_other_name,
        ),
        RegexRecognizer(
            entity=PERSON,
            regexes=[patterns.QUOTED_NICKNAME, patterns.MORE_ALIAS_WORDS],
            score=NICKNAME_SCORE,
            language=language,
            name="QuotedNicknameRecognizer",
            accept=_a_quoted_nickname,
        ),
        RegexRecognizer(
            entity=PERSON,
            regexes=[patterns.GIVEN_NAME_AND_INITIAL],
            score=KIN_NAME_SCORE,
            language=language,
            name="GivenNameAndInitialRecognizer",
            accept=_a_given_name_and_initial,
        ),
        RegexRecognizer(
            entity=PERSON,
            regexes=[patterns.SOCIAL_HANDLE, patterns.MESSENGER_USERNAME],
            score=HANDLE_SCORE,
            language=language,
            name="SocialHandleRecognizer",
            accept=_a_persons_account,
        ),
        RegexRecognizer(
            entity=PERSON,
            regexes=[patterns.NAME_AFTER_CONTACT_LABEL],
            score=PATTERN_NAME_SCORE,
            language=language,
            name="NameAfterContactLabelRecognizer",
            accept=_not_an_organisation,
        ),
    ]


_TITLE_WORDS = frozenset(title.casefold() for title in patterns.TITLES)
