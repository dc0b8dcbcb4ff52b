"""spaCy's names and places (PERSON and LOCATION), filtered: cut at line ends and
trimmed, without countries, acronyms, a lone common word or a heading; and the full
names the small models call an organisation."""

import re

from presidio_analyzer import RecognizerResult
from presidio_analyzer.predefined_recognizers import SpacyRecognizer

from .. import patterns
from ..findings import LOCATION, PERSON
from ..towns import in_a_list_of_towns
from .base import _plausible_name_or_place, _result
from .people import _TITLE_WORDS, _not_a_heading
from .practitioners import town_after_a_role

NER_NAME = "SpacyRecognizer"


_EDGE = " \t\r\n,;:!?()[]{}\"'«»“”‘’*_|#>•-–—/."
_ELISION = re.compile(r"^(?:[dlDL]|[Qq]u|[Jj]usqu)['’]")


class FilteredSpacyRecognizer(SpacyRecognizer):
    """spaCy's PERSON and LOCATION, cut at line ends and trimmed, without
    countries, acronyms, spans holding digits, links or emails, or a lone
    common word ("Favoriser" heading a list item)."""

    def __init__(self, language: str):
        super().__init__(supported_language=language, supported_entities=[PERSON, LOCATION], name=NER_NAME)

    def analyze(self, text, entities, nlp_artifacts=None):
        kept = []
        for result in super().analyze(text, entities, nlp_artifacts) + self._names_called_organisations(nlp_artifacts):
            for start, end in _tidy_pieces(text, result.start, result.end):
                if self._keeps(result.entity_type, text, start, end, nlp_artifacts.tokens):
                    kept.append((result, start, end))
        doubtful = [(start, end) for result, start, end in kept if result.entity_type == PERSON]
        words = _words_heading_lines(text, doubtful, self.supported_language)
        return [
            _result(self, result.entity_type, start, end, result.score)
            for result, start, end in kept
            if result.entity_type != PERSON or (start, end) not in words
        ]

    def _keeps(self, entity: str, text: str, start: int, end: int, doc) -> bool:
        if _lone_common_word(doc, start, end):
            return False
        if entity == PERSON and not _reads_as_a_person(text[start:end]):
            return False
        if entity == PERSON and _named_by_an_organisation(text, start, end):
            return False
        if entity == PERSON and _opens_a_quoted_title(text, start, end, self.supported_language, doc):
            return False
        if entity == PERSON and _cited_author(text, start, end):
            return False
        if entity == PERSON and _german_place_adjective(text[start:end]):
            return False
        if entity == PERSON and _after_a_place_preposition(text, start, end):
            return False
        if entity == PERSON and _last_of_a_list_of_places(text, start, end):
            return False
        if entity == PERSON and in_a_list_of_towns(text, start, end):
            return False  # "visited Lourdes, Florence and Chester" (round 13)
        if entity == PERSON and town_after_a_role(text, start, end):
            return False  # "The youth worker from Rotterdam": a large town after a role (round 15)
        heading = patterns.INITIAL_NAME.fullmatch(text, start, end) and not _not_a_heading(text, start, end, doc)
        return not (entity == PERSON and heading)

    def _names_called_organisations(self, nlp_artifacts) -> list[RecognizerResult]:
        """The small models often label a full name an organisation
        ("Urie Bronfenbrenner", "Insoo Kim Berg"): an ORG made only of
        capitalised proper nouns and particles, with no word an
        organisation's name uses, is reported as a PERSON, less surely."""
        if nlp_artifacts is None:
            return []
        return [
            _result(self, PERSON, ent.start_char, ent.end_char, ORG_AS_PERSON_SCORE)
            for ent in nlp_artifacts.tokens.ents
            if ent.label_ == "ORG" and _reads_as_a_name(ent)
        ]


# Prepositions of place that take no person in Portuguese, Spanish, Italian and Romanian ("em Belo
# Horizonte", "en Puerto Llano", "nel Borgo San Dalmazzo"), round 11: an NER "person" right after one
# that holds no known given name is a place the model misread (the place rules decide whether it is
# someone's). Not "a", "à", "de", "in": a verb of speaking, a possessive, a citation take people.
_PLACE_PREPOSITION_BEFORE = re.compile(r"(?<![\w])(em|no|na|nos|nas|en|nel|nella|nei|în|din)[ \t]+$")
_PREPOSITIONS_LANGUAGE = {"em": "pt", "no": "pt", "na": "pt", "nos": "pt", "nas": "pt", "nel": "it", "nella": "it"}
_PREPOSITIONS_LANGUAGE |= {"nei": "it", "în": "ro", "din": "ro"}


def _after_a_place_preposition(text: str, start: int, end: int) -> bool:
    """Whether an NER "person" follows a preposition of place and holds no known given name that
    is no ordinary word of the preposition's language ("em Belo Horizonte": "belo" is Portuguese
    for beautiful; "pensar em Mariana Costa" stays a name)."""
    from ..given_names import _known_name, ordinary_word  # loaded by warm_up() or the first check

    before = _PLACE_PREPOSITION_BEFORE.search(text, max(0, start - 8), start)
    if before is None:
        return False
    language = _PREPOSITIONS_LANGUAGE.get(before.group(1), "es")
    words = [word.strip("'’") for word in text[start:end].split()]
    return not any(_known_name(word) and not ordinary_word(word.casefold(), language) for word in words)


def _last_of_a_list_of_places(text: str, start: int, end: int) -> bool:
    """Whether an NER "person" of one or two words, no known given name among them, ends a list
    of places after a preposition of place ("in Leeds, Bradford, Luton and Hull"; round 12)."""
    from ..given_names import _PLACE_LIST_BEFORE, _known_name  # loaded by warm_up() or the first check

    words = text[start:end].split()
    if len(words) > 2 or any(_known_name(word) for word in words):
        return False
    listed = _PLACE_LIST_BEFORE.search(text, max(0, start - 120), start)
    return listed is not None and not listed.group().rstrip().endswith(",")


def _reads_as_a_person(span: str) -> bool:
    """Whether an NER "person" can be a name. Not a phrase holding a lower-case word
    other than a particle ("Las ayudas se", "Rekening van de moeder", "Il progetto di
    Milano": the English model reads other languages' capitalised sentence starts as
    names), nor one opening with an article ("Der Bewährungshelfer"), nor a name
    already anonymised ("Mme Y.", "Mr X.", "A.B.")."""
    words = span.split()
    if any(not _name_word(word) for word in words):
        return False
    if any(word.rstrip(".") in _SAINTS for word in words[:-1]):
        return False  # "St Patrick's", "Sankt Georg": a saint's day, church or place
    if words[0].casefold() in patterns.ARTICLES:
        return False
    untitled = [word for word in words if word.rstrip(".").casefold() not in _TITLE_WORDS | _ANONYMISED_LABELS]
    return not all(_INITIALS_ONLY.fullmatch(word) for word in untitled)


# Words a case file puts before the initial that stands for a person ("Client A., 19, lives…",
# "Klient B.", "Jongere C."): the initial is the anonymisation, not a name.
_ANONYMISED_LABELS = frozenset(
    "client clients klient klienten cliënt cliente patient patiënt youth pupil participant deelnemer teilnehmer "
    "teilnehmerin jugendlicher jongere elev eleven ungdom nuori asiakas usuario usuaria utente beneficiario "
    "bénéficiaire jeune mineur minore menor case fall".split()
)


# Words of a job title the NER reads as a name on a signature's line ("Senior Youth Worker").
_JOB_TITLE_WORDS = patterns.ROLE_LABEL_WORDS | frozenset(
    "youth senior junior social case support family community project outreach prevention".split()
)
# A Finnish organisation in a case ending: a genitive and a word in the inessive ("työskentelee
# Aseman Lapsissa", at the Children of the Station); a known given name ("Melissa") is kept.
_FINNISH_INESSIVE = re.compile(r"^[A-ZÄÖÅ]\w+n[ \t]+[A-ZÄÖÅ]\w{2,}(?:ssa|ssä)$")
# And two genitives ("Aseman Lasten työhön", the Children of the Station's work): no given name is
# written in the genitive before a surname in the genitive.
_FINNISH_GENITIVES = re.compile(r"^[A-ZÄÖÅ]\w+n[ \t]+[A-ZÄÖÅ]\w{2,}n$")
# An organisation's name that joins two places ("Avon and Somerset Police", "Devon and Cornwall
# Council"): the NER's "person" before the conjunction is its first place.
_AND_AN_ORGANISATION = re.compile(
    rf"[ \t]+(?:and|&|und|et|og|och|en|y|e|i)[ \t]+(?:{patterns.NAME_WORD}[ \t]+){{1,3}}(?P<word>{patterns.NAME_WORD})"
)
# The particles between an organisation's word and its place: "Comune di Sesto San Giovanni",
# "Ayuntamiento de Málaga", "City of Bradford".
_ORGANISATION_OF = frozenset("di de del della du des of von van do da d".split())


def _german_place_adjective(span: str) -> bool:
    """ "Leipziger Osten", "Berliner Senat", "Kölner Stadtteil": a town's adjective in -er before a
    German noun (common in German, rare in English: the English model reads German paragraphs), not
    a name; a given name first ("Peter Osten") or an English word second ("Parker Jones") is one."""
    from wordfreq import zipf_frequency

    from ..given_names import WORDLIST, _known_name  # loaded by warm_up() or the first check

    words = span.split()
    if len(words) != 2 or not words[0].endswith("er") or len(words[0]) <= 4 or _known_name(words[0]):
        return False
    noun = words[1].casefold()
    return zipf_frequency(noun, "de", wordlist=WORDLIST) >= 3.5 and zipf_frequency(noun, "en", wordlist=WORDLIST) < 3


def _named_by_an_organisation(text: str, start: int, end: int) -> bool:
    """Whether an NER "person" is an organisation's or a job's name: right after a word for an
    organisation ("jongerencentrum De Kroon", "Stiftung Hans Sachs"; not a known given name: "the
    club Karim joined"), a job title alone ("Youth Worker"), a Finnish organisation in a case
    ending ("Aseman Lapsissa")."""
    from ..given_names import _known_name  # Faker's lists: loaded by warm_up() or the first check

    span = text[start:end]
    words = span.split()
    if all(word.casefold() in _JOB_TITLE_WORDS for word in words):
        return True
    if patterns.EMPLOYER_BEFORE.search(text, max(0, start - 80), start):
        return True  # "werkt bij Albert Heijn": an employer, reported as a client's workplace

    if _FINNISH_INESSIVE.match(span) and not _known_name(words[-1]):
        return True
    if _FINNISH_GENITIVES.match(span) and not _known_name(words[0]) and not _known_name(words[-1]):
        return True
    first = words[0].casefold()
    if len(words) >= 2 and (
        first in patterns.ORGANISATION_WORDS
        or any(first.endswith(org) and len(first) > len(org) for org in _COMPOUND_ENDINGS)
    ):
        return True  # the organisation's word inside the span: "Jugendzentrum Karl Marx", "Knihovnou Václava Havla"
    joined = _AND_AN_ORGANISATION.match(text, end)
    if joined and joined.group("word").casefold() in patterns.ORGANISATION_WORDS and not _known_name(words[0]):
        return True
    before = re.search(r"([^\W\d_]+)[ \t]+(?:([^\W\d_]+)[ \t]+)?$", text[max(0, start - 40) : start])
    if not before or _known_name(words[0]):
        return False
    word = (before.group(2) or before.group(1)).casefold()
    if before.group(2) and before.group(2).casefold() in _ORGANISATION_OF:
        word = before.group(1).casefold()  # "Comune di Sesto San Giovanni"
    elif before.group(2):
        word = before.group(2).casefold()
    return word in patterns.ORGANISATION_WORDS or any(
        word.endswith(org) and len(word) > len(org) for org in _COMPOUND_ENDINGS
    )


_COMPOUND_ENDINGS = tuple(word for word in patterns.ORGANISATION_WORDS if len(word) >= 5 and word.isalpha())
_QUOTES = {"«": "»", "“": "”", "„": "“", '"': '"'}


def _opens_a_quoted_title(text: str, start: int, end: int, language: str, doc=None) -> bool:
    """Whether an NER "person" is the ordinary word opening a quoted title that holds lower-case
    words ("« Paroles de jeunes »"); a name opening a quoted message ("Zorbek said hi"), a known
    given name or a nickname ("Abu Dujana al-Britani") is kept."""
    from ..given_names import _known_name, ordinary_word  # loaded by warm_up() or the first check

    span = text[start:end]
    if " " in span.strip() or _known_name(span):
        return False
    opening = re.search(r"([«“„\"])[ \t]?$", text[max(0, start - 2) : start])
    if not opening:
        return False
    close_at = text.find(_QUOTES[opening.group(1)], end, end + 120)
    quoted = text[end:close_at].split() if close_at >= 0 else []
    if not any(not _name_word(word) for word in quoted):
        return False
    if ordinary_word(span.casefold(), language):
        return True
    # A word no list holds ("« Complotisme et jeunes »"): a title when nothing in the quote is a
    # verb; a message has one ("« Zorbek est parti »", "Zorbek said hi").
    return doc is not None and _verbless(doc, end, close_at)


def _verbless(doc, start: int, end: int) -> bool:
    span = doc.char_span(start, end, alignment_mode="expand")
    return span is not None and not any(_coarse_pos(token) in ("VERB", "AUX") for token in span)


_CITATION_AFTER = patterns.CITATION_AFTER


def _cited_author(text: str, start: int, end: int) -> bool:
    """Whether an NER "person" is an author cited with the year ("selon Bouzar (2014)", "Según
    Reinares (2017)"): no known given name in it, so that a person with a year in brackets,
    "Karim (2005)", stays a name."""
    from ..given_names import _known_name  # loaded by warm_up() or the first check

    if cited_by_a_work(text, start, end):
        return True
    words = len(text[start:end].split())
    cited = _CITATION_AFTER.match(text, end) or (
        words <= 2
        and (
            _CITED_BEFORE.search(text, max(0, start - 30), start)
            or _CITING_VERB_AFTER.match(text, end)
            or (_AS_BEFORE.search(text, max(0, start - 5), start) and _CITED_AFTER.match(text, end))
        )
    )
    return bool(cited) and not any(_known_name(word) for word in text[start:end].split())


# An author cited without a year: after "according to", "selon", "laut"… ("according to Kruglanski",
# "Selon Khosrokhavar"), or before a verb of writing or arguing, after "as" ("as Bouzar writes") or
# before what is written ("Heitmeyer argues that", "Bouzar écrit que"); a surname alone or with its
# given name, which must be no known given name ("according to Karim" stays a name), and not after
# a verb alone: "Kowalski argued with the police" is a quarrel.
_CITED_BEFORE = re.compile(
    r"(?<![\w])(?i:according[ \t]+to|selon|d['’]après|laut|volgens|enligt|ifølge|secondo|según|segundo|conforme|"
    r"według|podle|σύμφωνα[ \t]+με(?:[ \t]+τον|[ \t]+την)?)[ \t]+$"
)
_AS_BEFORE = re.compile(r"(?<![\w])(?i:as|comme|wie|zoals|som|come|como|jak)[ \t]+$")
_CITED_AFTER = re.compile(
    r"[ \t]+(?i:writes|wrote|argues|argued|shows|showed|notes|noted|observes|describes|suggests|puts[ \t]+it|"
    r"écrit|montre|souligne|explique|schreibt|argumentiert|zeigt|beschreibt|schrijft|stelt|skriver|visar|"
    r"viser|scrive|sostiene|escribe|señala|escreve|argumenta|pisze|píše|írja|scrie|γράφει)(?![\w])"
)
# Round 12: an author cited by a work of theirs after a word that cites, in the same sentence ("The
# curriculum draws on Kate Ferguson's work and on Arie Kruglanski's significance quest theory"):
# given name and all, as with a year. A young person's or a relative's "work" has no citing word.
_WORK_AFTER = re.compile(
    r"(?:['’]s?)?(?:[ \t]+[a-z-]{2,30}){0,3}?[ \t]+(?i:work|works|writings|theory|theories|model|framework|"
    r"research|approach|concept|typology|study|studies|book|books|pyramid|staircase)(?![\w])"
)
_CITING_IN_THE_SENTENCE = re.compile(
    r"(?<![\w])(?i:draws?|drawing|drew|builds?|building|built|based|rests?|relies|relying|inspired|"
    r"informed|grounded|rooted)[ \t]+(?i:on|upon|by|in)(?![\w])|(?<![\w])(?i:follows?|following|applies|applying|"
    r"adapts?|adapting|uses?|using)(?![\w])"
)
_SENTENCE_END = re.compile(r"[.!?\n][^.!?\n]*$")


# Round 14: the work before its author, as the Romance and Slavic languages write it ("Seguimos o modelo de
# Daniel Koehler", "Metodika vychází z práce Philipa Zimbarda a Hannah Arendtové"), and the author after
# another thus cited; a citing word in the sentence as well.
_WORK_BEFORE = re.compile(
    r"(?<![\w])(?i:work|works|model|theory|travail|travaux|modèle|théorie|modelo|modello|teoria|teoría|trabalho|"
    r"trabalhos|obra|obras|lavoro|lavori|abordagem|approccio|enfoque|werk|modell|theorie|arbeit|arbeiten|práce|"
    r"prací|díla|dílo|modelu|teorie|teorii|pracy|prac|koncepcji|koncepce|lucrarea|lucrările|modelul|teoria|"
    r"munkája|munkáira|modellje|elmélete|darbs|darbu|modeli|delo|dela)"
    r"[ \t]+(?:(?i:de|di|do|da|dos|das|of|van|von|des|der|del|della|z|ze|lui)[ \t]+)?"
    rf"(?:{patterns.NAME_WORD}[ \t]+(?:{patterns.NAME_WORD}[ \t]+)?(?i:a|and|e|et|i|und|y|și|és|en|og|och)[ \t]+)?$"
)
_CITING_BEFORE_A_WORK = re.compile(
    r"(?<![\w])(?i:segu(?:imos|e|em|ir)|basei(?:a|am)|baseado|baseada|inspirad[oa]|inspirat[oa]|vychází|vycházíme|"
    r"vycházela|založen[aáoý]?|opírá|opiera|opart[ayej]+|bazat[ăa]?|bazează|pornește|alapul|alapján|épül|"
    r"temelji|temeljen[aio]?|balstās|si[ \t]+basa|basat[oa]|segu(?:iamo|e)|ispirat[oa]|sigue|seguimos|basad[oa]|"
    r"folgt|folgen|beruht|basiert|stützt|volgt|volgen|gebaseerd|bygger|bygger[ \t]+på|s'appuie|s’appuie|suit|"
    r"suivons|inspiré|inspirée|fondé|fondée|follows?|following|uses?|using|draws?|based)(?![\w])"
)


def cited_after_a_work(text: str, start: int) -> bool:
    """Whether an NER "person" follows a work cited in the same sentence (see ``_WORK_BEFORE``)."""
    window = text[max(0, start - 200) : start]
    sentence_end = _SENTENCE_END.search(window)
    sentence = window[sentence_end.start() + 1 :] if sentence_end else window
    work = _WORK_BEFORE.search(sentence)
    return work is not None and bool(_CITING_BEFORE_A_WORK.search(sentence, 0, work.start()))


def cited_by_a_work(text: str, start: int, end: int) -> bool:
    if cited_after_a_work(text, start):
        return True
    span = text[start:end]
    possessive = span.endswith(("'s", "’s"))
    after = _WORK_AFTER.match(text, end)
    if not after or not (possessive or after.group().startswith(("'", "’"))):
        return False
    window = text[max(0, start - 200) : start]
    sentence_end = _SENTENCE_END.search(window)
    sentence = window[sentence_end.start() + 1 :] if sentence_end else window
    return bool(_CITING_IN_THE_SENTENCE.search(sentence))


_CITING_VERB_AFTER = re.compile(
    _CITED_AFTER.pattern + r"[ \t,]+(?i:that|que|qu['’]|dass|dat|att|at|che|że|že|hogy|că|ότι)(?![\w])"
)


# Not the titles that open surnames too ("Carlos San Martín", "Ana Santa Cruz"), which the NER's span holds.
_SAINTS = patterns.SAINT_TITLES - {"San", "Santo", "Santa", "São", "Sto", "Sta"}
_INITIALS_ONLY = re.compile(r"(?:\w\.?-?){1,3}")


def _name_word(word: str) -> bool:
    """Capitalised, or a particle ("van", "al-Khatib", "d'Ornano")."""
    word = word.strip(".,;:()\"'«»“”")
    if not word or not word[0].isalpha() or word[0].isupper():
        return True
    head = re.split(r"[-'’]", word, maxsplit=1)[0]
    return head.casefold() in _PARTICLES or (len(head) == 1 and head != word)


ORG_AS_PERSON_SCORE = 0.5
_PARTICLES = patterns.NAME_PARTICLES


def _reads_as_a_name(ent) -> bool:
    words = [token for token in ent if not token.is_space]
    if not 2 <= len(words) <= 4 or not words[0].is_title or not words[-1].is_title:
        return False
    for token in words:
        if token.lower_ in patterns.ORGANISATION_WORDS:
            return False
        if not (token.lower_ in _PARTICLES or _is_initial(token.text) or _capitalised_proper_noun(token)):
            return False
    return True


def _is_initial(word: str) -> bool:
    return len(word) == 2 and word[0].isupper() and word[1] == "."


def _capitalised_proper_noun(token) -> bool:
    return token.is_title and token.is_alpha and _coarse_pos(token) == "PROPN"


_NAME_POS = frozenset({"PROPN", "NOUN", "X", ""})  # "" when the pipeline has no tagger
_PTB_POS = {"NNP": "PROPN", "NN": "NOUN", "VB": "VERB", "JJ": "ADJ", "RB": "ADV", "FW": "X"}


def _lone_common_word(doc, start: int, end: int) -> bool:
    """One word that the tagger reads as no noun, or as no proper noun while
    heading a line ("Fiches de questions", "- Réduire les traumatismes")."""
    span = doc.char_span(start, end, alignment_mode="expand")
    words = [token for token in span if token.is_alpha] if span is not None else []
    if len(words) != 1:
        return False
    pos = _coarse_pos(words[0])
    return pos not in _NAME_POS or (pos not in ("PROPN", "") and _heads_line(doc.text, start))


def _words_heading_lines(text: str, spans: list[tuple[int, int]], language: str) -> set[tuple[int, int]]:
    """The spans that are a lone capitalised word heading a line or a list item, a word of the
    language and no known given name, which the model reads as no name once written in lower
    case: "- Réduire les traumatismes" (the French model calls "Réduire" a person, and tags it
    a proper noun, only for its capital). "Baker met the family" stays a name: in lower case
    the model still reads an entity there. The lines' openings are read in one batch."""
    from wordfreq import zipf_frequency

    from ..given_names import _known_name

    openings: dict[tuple[int, int], str] = {}
    for start, end in spans:
        word = text[start:end]
        if " " in word or not word.isalpha() or not _heads_line(text, start) or _known_name(word):
            continue
        if zipf_frequency(word.lower(), language, wordlist="small"):
            following = _NEXT_WORDS.match(text, end)
            openings[(start, end)] = word.lower() + (following.group() if following else "")
    if not openings:
        return set()
    from ..engine import pipeline  # the pipeline this recogniser's doc came from, already built

    nlp = pipeline(language)
    docs = nlp.pipe(list(openings.values()), batch_size=64)
    return {span for span, doc in zip(openings, docs, strict=True) if _no_name_first(doc)}


# The words after the first that the model reads it with: enough for its part of speech, and
# short, so that a list of hundreds of items costs little ("- Réduire les risques de …").
_NEXT_WORDS = re.compile(r"(?:[ \t]+[^\s]+){1,4}")


def _no_name_first(doc) -> bool:
    """Whether the model reads the first word as a verb, an adjective or another word that is
    no noun, and outside any entity."""
    first = next((token for token in doc if token.is_alpha), None)
    return first is not None and not first.ent_type_ and _coarse_pos(first) not in _NAME_POS


def _heads_line(text: str, start: int) -> bool:
    line_start = text.rfind("\n", 0, start) + 1
    return not text[line_start:start].strip(" \t-–•*#>0123456789.)")


def _coarse_pos(token) -> str:
    """Universal POS from the French morphologizer, or from the English
    tagger's Penn Treebank tag (no attribute ruler is loaded)."""
    if token.pos_:
        return token.pos_
    return _PTB_POS.get(token.tag_[:3], _PTB_POS.get(token.tag_[:2], "OTHER" if token.tag_ else ""))


# A name ends at a line's end and at a quotation mark: "Workshop „Deradikalisierung im Netz“" is
# two pieces, each judged alone.
_PIECE_BREAK = re.compile(r"[\n«»„“”\"]")


def _tidy_pieces(text: str, start: int, end: int) -> list[tuple[int, int]]:
    pieces, offset = [], start
    for line in _PIECE_BREAK.split(text[start:end]):
        span = _trim(text, offset, offset + len(line))
        if span:
            span = _whole_words(text, *span)
        if span and _plausible_name_or_place(text[span[0] : span[1]]):
            pieces.append(span)
        offset += len(line) + 1
    return pieces


def _whole_words(text: str, start: int, end: int) -> tuple[int, int]:
    """Widen to whole hyphenated words: the tokenizer splits "Ole-Martin", and
    the NER may keep only "Martin", which redaction would turn into "Ole-[name]"."""
    while start >= 2 and text[start - 1] in "-‐" and text[start - 2].isalpha():
        start -= 2
        while start > 0 and text[start - 1].isalpha():
            start -= 1
    while end + 1 < len(text) and text[end] in "-‐" and text[end + 1].isalpha():
        end += 2
        while end < len(text) and text[end].isalpha():
            end += 1
    return start, end


# Words the NER takes into a name that opens after them: a greeting ("Bonjour Julien", "Hi
# Dylan") or "according to" ("Según Reinares").
_LEADING_WORDS = re.compile(
    r"(?i:bonjour|bonsoir|salut|coucou|hello|hi|hey|dear|cher|chère|hallo|moin|servus|hej|hejsan|hei|hoi|"
    r"hola|ciao|buongiorno|buenos[ \t]+días|olá|ahoj|dobrý[ \t]+den|beste|liebe|lieber|kære|käre|kära|"
    r"según|selon|segundo|secondo|volgens|laut|ifølge|enligt|ifolge|podle|szerint|dle|"
    # round 11: a month or a weekday in a case ending opening the sentence, as Hungarian, Finnish and
    # Estonian write "in March", "on Monday" ("Márciusban Orbán Viktor…", "Maaliskuussa Matti…")
    r"(?:január|február|március|április|május|június|július|augusztus|szeptember|október|november|december)"
    r"(?:ban|ben|ig|tól|től|ra|re|i)|hétfőn|kedden|szerdán|csütörtökön|pénteken|szombaton|vasárnap|"
    r"(?:tammi|helmi|maalis|huhti|touko|kesä|heinä|elo|syys|loka|marras|joulu)kuu(?:ssa|sta|hun|lla)|"
    r"(?:maanantai|tiistai|keskiviikko|torstai|perjantai|lauantai|sunnuntai)na|"
    r"(?:jaanuar|veebruar|märts|aprill|juuni|juuli|august|september|oktoober|november|detsember)(?:is|ist)|"
    r"(?:esmaspäe|teisipäe|kolmapäe|neljapäe|reede|laupäe|pühapäe)val)[ \t,]+(?=\w)"
)


def _trim(text: str, start: int, end: int) -> tuple[int, int] | None:
    while start < end and text[start] in _EDGE:
        start += 1
    elision = _ELISION.match(text[start:end])
    if elision:
        start += elision.end()
    leading = _LEADING_WORDS.match(text, start, end)
    if leading:
        start = leading.end()
    while end > start and text[end - 1] in _EDGE and not _is_initial_dot(text, end):
        end -= 1
    return (start, end) if end - start >= 2 else None


def _is_initial_dot(text: str, end: int) -> bool:
    return text[end - 1] == "." and end >= 2 and text[end - 2].isupper() and (end < 3 or not text[end - 3].isalpha())
