"""Recognise the template's own words: field labels, and instructions wherever they are."""

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from typing import cast

from practices.template_fields import TEMPLATE_FIELDS

from .instructions import CELL_LABELS, LABELS, TRANSLATED_LABELS, all_instructions
from .text import WORD_RE, fold, markdown_to_plain, squash, tokens

_CUT = "\x00"
# What may be left of a line once its instruction is gone: a list marker, a
# number, punctuation.
_RESIDUE = re.compile(r"\s*(?:[-*+•]|\d{1,2}[.)]|[a-zA-Z][.)])?[\W_]*")


# What writers of the template put before a guidance sentence: "Please note
# that by practice we mean…" (the English template's own wording), "Notez que…".
_LEAD_IN = r"(?:(?:(?:please\s+)?note\s+that|nb|notez\s+que|veuillez\s+noter\s+que)[\W_]+)?"


@lru_cache(maxsize=1)
def _instruction_regex() -> tuple[re.Pattern, dict[str, str]]:
    alternatives, languages = [], {}
    for number, (text, lang) in enumerate(all_instructions()):
        words = r"[\W_]+".join(re.escape(word) for word in WORD_RE.findall(fold(text)))
        alternatives.append(rf"(?P<i{number}>[(«\"]?(?<!\w){_LEAD_IN}{words}(?!\w)[ \t\u00a0\u202f.?!:)»\"]*)")
        languages[f"i{number}"] = lang
    return re.compile("|".join(alternatives)), languages


def strip_instructions(text: str) -> tuple[str, Counter]:
    """``text`` without the template's instructions, and how many were found
    in each language. Lines left empty by the removal go too."""
    regex, languages = _instruction_regex()
    found: Counter = Counter()
    pieces, last = [], 0
    for match in regex.finditer(fold(text)):
        found[languages[cast(str, match.lastgroup)]] += 1  # every alternative is a named group
        pieces += [text[last : match.start()], _CUT]
        last = match.end()
    if not found:
        return text, found
    pieces.append(text[last:])
    return _drop_cut_lines("".join(pieces)), found


def _drop_cut_lines(text: str) -> str:
    kept = []
    for line in text.split("\n"):
        if _CUT not in line:
            kept.append(line)
            continue
        line = line.replace(_CUT, " ").rstrip()
        if not _RESIDUE.fullmatch(line):
            kept.append(re.sub(r"(?<=\S)  +", " ", line))
    return "\n".join(kept)


# The text a Word form's content controls show until they are filled in ("Click or tap here to enter text."), in the
# languages whose labels are read, and a bracketed placeholder a template leaves for the answer ("[Insert text
# here]", "<insert year>", "[Enter the name]"): no answer, wherever it stands.
_PLACEHOLDERS = (
    r"click\s+or\s+tap\s+here\s+to\s+enter\s+text",
    r"click\s+(?:or\s+tap\s+)?here\s+to\s+enter\s+(?:text|a\s+date)",
    r"click\s+or\s+tap\s+to\s+enter\s+a\s+date",
    r"choose\s+an\s+item",
    r"cliquez\s+(?:ou\s+appuyez\s+)?ici\s+pour\s+(?:entrer|taper|saisir)\s+(?:du\s+texte|une\s+date)",
    r"choisissez\s+un\s+element",
    r"klicken\s+oder\s+tippen\s+sie\s+hier,?\s+um\s+(?:text|ein\s+datum)\s+einzugeben",
    r"klicken\s+sie\s+hier,?\s+um\s+text\s+einzugeben",
    r"wahlen\s+sie\s+ein\s+element\s+aus",
    r"klik\s+(?:of\s+tik\s+)?(?:hier\s+)?om\s+(?:tekst|een\s+datum)\s+in\s+te\s+voeren",
    r"kies\s+een\s+item",
    r"haga\s+clic\s+o\s+pulse\s+aqui\s+para\s+escribir\s+(?:texto|una\s+fecha)",
    r"elija\s+un\s+elemento",
    r"fare\s+clic\s+o\s+toccare\s+qui\s+per\s+immettere\s+(?:il\s+testo|una\s+data)",
    r"scegliere\s+un\s+elemento",
)
_PLACEHOLDER = re.compile(rf"(?<!\w)(?:{'|'.join(_PLACEHOLDERS)})[ \t.…]*", re.I)
_BRACKETED_PLACEHOLDER = re.compile(
    r"^[ \t]*(?:(?:enter|type|insert)\s+(?:text|here|text\s+here)[ \t.…]*"
    r"|\\?[\[<{]\s*(?:insert|enter|type|add|fill\s+in|write|your|ins[ée]rer|saisir|votre|einf[üu]gen|hier)\b"
    r"[^\]>}\n]{0,60}\\?[\]>}][ \t.]*)$",
    re.I | re.M,
)

# A guidance sentence in a writer's own words, left on the first line of an answer: a request to
# the writer ("Please describe…", "Veuillez indiquer…", "Bitte beschreiben Sie…", or "Describe…" alone) about
# what to write there, which names the template's things (the practice, its name, the year, words, yes or no…).
_WRITING_VERBS = (
    r"describe|give|indicate|select|insert|provide|list|state|specify|answer|enter|fill\s+in|choose|tick|add|"
    r"mention|explain|summari[sz]e|write|name|include|outline|d[ée]cri(?:re|vez)|indiqu(?:er|ez)|pr[ée]cis(?:er|ez)|"
    r"s[ée]lectionn(?:er|ez)|choisi(?:r|ssez)|fourni(?:r|ssez)|ins[ée]r(?:er|ez)|donn(?:er|ez)|coch(?:er|ez)|"
    r"renseign(?:er|ez)|mentionn(?:er|ez)|r[ée]sum(?:er|ez)|beschreiben|geben|nennen|w[äa]hlen|tragen|f[üu]gen|"
    r"kreuzen|erl[äa]utern|angeben"
)
_WRITER_REQUEST = re.compile(
    rf"^[ \t]*(?:(?:please|kindly|veuillez|merci\s+de|pri[eè]re\s+de|bitte)\s+(?:{_WRITING_VERBS})\b"
    rf"|(?:describe|indicate|specify|summari[sz]e|outline|d[ée]crivez|indiquez|pr[ée]cisez)\b)"
    r"(?P<rest>[^\n]{0,220}?)[.:)…]?[ \t]*\\?[ \t]*$",
    re.I | re.M,
)
# What such a request asks about: the template's own things, so that "Please give us feedback." stays an answer.
_TEMPLATE_THINGS = re.compile(
    r"\b(?:(?:the|your|this|a)\s+(?:practice|project|organi[sz]ation|name|description|year|country|aim|method|"
    r"deliverables|themes?|key\s+themes?|target\s+audiences?|audience|type|e-?mail|contact|details|scope|results|"
    r"evaluation|costs?|funding|date|meeting)|max(?:imum)?\.?\s*\d+|\d+\s+(?:words|mots|w[öo]rter)|yes\s+or\s+no|"
    r"oui\s+ou\s+non|ja\s+oder\s+nein|here|below|ci-dessous|ici|la\s+pratique|votre\s+pratique|l'ann[ée]e|"
    r"die\s+praxis|ihre\s+praxis|hier|the\s+year)\b",
    re.I,
)


# A heading of the template's parts, numbered ("SECTION 2 - THEMES AND AUDIENCE", "Part 3: The organisation",
# "Partie II", "Teil 4"), on a line of its own: the template's structure, no answer.
_PART_HEADING = re.compile(
    r"^[ \t]*(?:#{1,6}[ \t]+)?(?:\*\*)?(?:section|part|partie|teil|abschnitt|secci[oó]n|sezione|parte|deel|del|osa|"
    r"cz[eę][sś][cć]|č[aá]st|r[eé]sz)[ \t]+(?:\d{1,2}|[IVX]{1,4}|[A-D])\b[.)]?"
    r"(?:[ \t]*[-–—:.][ \t]*(?-i:[A-ZÀ-ÖØ-Þ])[^\n:.,;!?\d]{0,60}?)?(?:\*\*)?[ \t]*\\?[ \t]*$\n?",
    re.I | re.M,
)


def without_placeholders_and_requests(text: str) -> str:
    """``text`` without a form's placeholder text, the headings of the template's parts and lines that ask the
    writer what to write."""
    text = _PART_HEADING.sub("", text)
    text = _BRACKETED_PLACEHOLDER.sub("", _PLACEHOLDER.sub("", text))

    lines = text.split("\n")
    first = next((number for number, line in enumerate(lines) if line.strip()), None)
    if first is not None:  # a request stands before the answer it asks for: the answer's first line only
        request = _WRITER_REQUEST.fullmatch(lines[first])
        if request and _TEMPLATE_THINGS.search(request[0]):
            del lines[first]
    return "\n".join(lines)


def is_only_instructions(text: str) -> bool:
    """Whether ``text`` holds nothing but template instructions (or nothing)."""
    stripped, _ = strip_instructions(squash(text))
    return not WORD_RE.search(stripped)


@dataclass(frozen=True)
class LabelMatch:
    code: str
    language: str  # "en", "fr", or "" when the label reads the same in both
    label: str  # the label as written
    rest: str  # what follows the label (plain text)
    guessed: bool = False  # a label in other words than the template's, read by its words (``guessed_label``)


@lru_cache(maxsize=2)
def _label_variants(*, in_cells: bool = True) -> list[tuple[str, str, str]]:
    """(folded label, code, language), longest first; with the labels read in label cells only
    (``CELL_LABELS``) when ``in_cells``."""
    variants: dict[str, tuple[str, str]] = {}
    for field in TEMPLATE_FIELDS:
        same = fold(field.label_en) == fold(field.label_fr)
        variants.setdefault(fold(field.label_en), (field.code, "" if same else "en"))
        variants.setdefault(fold(field.label_fr), (field.code, "" if same else "fr"))
    for code, by_language in (
        *LABELS.items(),
        *TRANSLATED_LABELS.items(),
        *(CELL_LABELS.items() if in_cells else ()),
    ):
        for language, labels in by_language.items():
            for label in labels:
                variants.setdefault(fold(squash(label)), (code, language))
    return sorted(((label, code, lang) for label, (code, lang) in variants.items()), key=lambda v: -len(v[0]))


@lru_cache(maxsize=1)
def label_words() -> frozenset[str]:
    """The words of the template's labels, in every language read (folded)."""
    return frozenset(word for label, _, _ in _label_variants(in_cells=True) for word in WORD_RE.findall(label))


# A label's number, as writers number the template's fields: "1.", "2)", "(3)", "4 -", "1.2",
# "A.", "IV.". A number alone ("2019") is not one: it must be followed by a separator or a
# space and the label.
_ENUMERATOR = re.compile(
    r"^(?:(?:q|question|item|field|champ|frage)\s*(?=\(?\d)|section\s+(?=\d{1,2}\.\d))?"
    r"\(?(?:\d{1,2}(?:\.\d{1,2})*\.?|[A-Za-z][.)]|[IVXivx]{1,4}[.)])\)?(?=[\s:–—-])[\s:–—-]*",
    re.I,
)


def match_label(text: str, *, in_cell: bool = True) -> LabelMatch | None:
    """The field whose label ``text`` starts with (the longest such label), after
    the label's number if it has one ("3. Key themes").

    A label followed by a lower-case word is part of a longer phrase ("Title
    of the report"), not a label: the template's instructions start a sentence.
    ``in_cell`` false (a line of running text): the labels read in label cells only are not.
    """
    plain = _ENUMERATOR.sub("", squash(text), count=1)
    folded = fold(plain)
    for label, code, language in _label_variants(in_cells=in_cell):
        end = len(label)
        if not folded.startswith(label) or (end < len(folded) and folded[end].isalnum()):
            continue
        rest = plain[end:].strip()
        written = plain[:end]
        other = _other_language(rest, code)
        if other:
            written, rest = f"{written} {rest[:other]}".strip(), rest[other:].strip()
        if not rest[:1].islower():
            return LabelMatch(code, language, written, rest)
    return None


# A bilingual template's label: the same label in another language after a slash or a dash ("Description /
# Beschreibung", "Titre - Title", "Pays d'origine – Country of origin: France").
_OTHER_LANGUAGE = re.compile(r"^[/|–—-]\s*(?P<other>[^\W\d_][^:：/|]{0,60}?)\s*(?P<colon>[:：]|$)")
OTHER_LANGUAGE_MAX_WORDS = 5  # an unknown other-language label before a colon: "Beschreibung", "Name der Praxis"


def _other_language(rest: str, code: str) -> int:
    """How many characters of ``rest`` (what follows a label) are the label again in another language: the
    label of the same field (in any language read), or a few capitalised words before a colon; 0 when none."""
    found = _OTHER_LANGUAGE.match(rest)
    if found is None:
        return 0
    other = found["other"]
    again = match_label(other)
    if again is not None and again.code == code and not _SEPARATOR.sub("", _PARENTHESIS.sub("", again.rest)):
        return found.end("other")
    if found["colon"] and other[:1].isupper() and len(other.split()) <= OTHER_LANGUAGE_MAX_WORDS:
        return found.end("other")
    return 0


_PARENTHESIS = re.compile(r"^\([^)]*\)\s*")
# What writers put between a label and its answer on one line: "Label: answer", "Label = answer",
# "Peer reviewed? Yes", "Label – answer" (a dash with a space after it).
_SEPARATOR = re.compile(r"^\s*(?:[:：=?]|[-–—](?=\s))\s*")


def answer_in_label(rest: str) -> str:
    """What a writer typed into a label cell after its label and the template's instructions (``rest`` of the
    cell's ``match_label``), when the answer cell beside it is empty: "Name of the practice" / "Bridges of Trust"
    in one cell; "" when only the template's words follow the label."""
    rest = _SEPARATOR.sub("", _PARENTHESIS.sub("", rest.strip()), count=1)
    if not rest or is_only_instructions(rest):
        return ""
    answer = strip_instructions(rest)[0].strip()
    # what the instructions' emphasis and line breaks leave ("<br>* *") is no answer
    return answer if WORD_RE.search(markdown_to_plain(re.sub(r"<br\s*/?>", " ", answer, flags=re.I))) else ""


def match_label_line(line: str) -> LabelMatch | None:
    """A line of running text that is a label: the label alone (a heading,
    bold text), the label with its instructions, or ``Label: answer``; failing those, ``Label: answer`` whose
    label is the template's in other words (``guessed_label``)."""
    plain = markdown_to_plain(line)
    found = match_label(plain, in_cell=False)
    if found is None:
        label, colon, rest = plain.partition(":")
        code = guessed_label(label) if colon else None
        return LabelMatch(code, "", label.strip(), rest.strip(), guessed=True) if code else None
    rest = _PARENTHESIS.sub("", found.rest)
    if _SEPARATOR.match(rest):
        return LabelMatch(found.code, found.language, found.label, _SEPARATOR.sub("", rest, count=1))
    if is_only_instructions(rest):
        return LabelMatch(found.code, found.language, found.label, "")
    return None


# A label in other words than the template's, as a machine translating a template into English gives them ("Aimed
# public", "Kind of organisation implementing", "Geographic covering", "Last actualisation"): each word, folded,
# and the word of the template's labels it stands for.
LABEL_WORDS: dict[str, str] = {
    word: canonical
    for canonical, words in {
        "name": "name names denomination designation appellation title",
        "practice": "practice practise practices practises",
        "description": "description summary",
        "peer": "peer peers pairs",
        "reviewed": "reviewed revised review reviewing examined evaluated assessed",
        "key": "key principal main central essential major chief",
        "themes": "themes theme topics topic subjects thematics thematic",
        "target": "target targeted aimed aim intended destined",
        "audience": "audience audiences public publics",
        "geographical": "geographical geographic territorial",
        "scope": "scope covering coverage cover reach range extent",
        "start": "start starting beginning begin launch commencement inception",
        "deliverables": "deliverables deliverable products outputs",
        "evidence": "evidence evidences proof proofs",
        "evaluation": "evaluation evaluations assessment assessments appraisal",
        "sustainability": "sustainability durability perennity",
        "transferability": "transferability transferibility",
        "organisation": "organisation organization organism",
        "type": "type kind sort nature category",
        "country": "country land nation",
        "origin": "origin provenance",
        "contact": "contact contacts coordinates",
        "details": "details data information info particulars",
        "person": "person",
        "last": "last latest",
        "update": "update updating updated actualisation actualization actualising upgrade",
    }.items()
    for word in words.split()
}
# Words a machine puts around a label's words, which name nothing ("Kind of organisation implementing"); "s" is a
# possessive's ("Implementing organisation's kind").
_LABEL_NOISE = frozenset("of the a an by for to in on and its s implementing implementer responsible concerned".split())
# The template's labels by their words (``LABEL_WORDS``'s), by field: a label whose words are one of these is it.
GUESSED_LABELS: dict[frozenset[str], str] = {
    frozenset(words.split()): code
    for words, code in (
        ("name practice", "title"),
        ("description", "description"),
        ("description practice", "description"),
        ("peer reviewed", "peer_reviewed"),
        ("key themes", "key_themes"),
        ("target audience", "target_audiences"),
        ("geographical scope", "geographical_scope"),
        ("start practice", "start"),
        ("deliverables", "deliverables"),
        ("evidence evaluation", "evidence_evaluation"),
        ("sustainability transferability", "sustainability_transferability"),
        ("organisation", "organisation"),
        ("type organisation", "organisation_type"),
        ("country origin", "country"),
        ("contact details", "contact"),
        ("contact person", "contact"),
        ("last update", "last_update"),
    )
}


def guessed_label(text: str) -> str | None:
    """The field a label of two to six words names in other words than the template's ("Aimed public" is the
    target audience), every word standing for one of a label's (``LABEL_WORDS``); else None."""
    words = [word for word in WORD_RE.findall(fold(text)) if word not in _LABEL_NOISE]
    if not 2 <= len(WORD_RE.findall(text)) <= 6 or any(word not in LABEL_WORDS for word in words):
        return None
    return GUESSED_LABELS.get(frozenset(LABEL_WORDS[word] for word in words))


# A label cell or a heading in a translated template's words other than those listed (``TRANSLATED_LABELS``): "Název
# dobré praxe" (the listed "Název praxe"), "Rok zahájení", "Cílové publikum", "Descrição da prática". At most this
# many words.
OWN_WORDS_MAX = 5
# Two words are forms of one when they are the same or share this many first letters at least, and differ by at
# most ``OWN_WORDS_ENDING`` letters after them ("kontakt" / "kontaktní", "cílové" / "cílová").
OWN_WORDS_STEM = 5
OWN_WORDS_ENDING = 3


@lru_cache(maxsize=1)
def _translated_words() -> dict[str, dict[str, str]]:
    """Each folded word of a label of ``TRANSLATED_LABELS`` (not English or French: the template's own), with the
    fields (and a language) whose labels hold it; and every word of the labels of English and French, which
    name no field by themselves here."""
    words: dict[str, dict[str, str]] = {}
    for code, by_language in TRANSLATED_LABELS.items():
        for language, labels in by_language.items():
            for label in labels:
                for word in WORD_RE.findall(fold(squash(label))):
                    words.setdefault(word, {}).setdefault(code, language)
    for label, code, language in _label_variants(in_cells=True):
        if language in ("", "en", "fr"):
            for word in WORD_RE.findall(label):
                words.setdefault(word, {}).setdefault(code, language)
                words[word].setdefault("", "")  # a word of the template's own labels: no field alone
    return words


def _same_word(word: str, known: str) -> bool:
    if word == known:
        return True
    shared = len(next((word[:at] for at in range(min(len(word), len(known)), 0, -1) if word[:at] == known[:at]), ""))
    return shared >= OWN_WORDS_STEM and max(len(word), len(known)) - shared <= OWN_WORDS_ENDING


def label_in_own_words(text: str) -> LabelMatch | None:
    """The field a label cell or a heading of a translated template names in words other than the listed ones:
    a word of that field's translated labels only and no other field's, written as there (else in another of its
    forms), and as many of the label's words known as unknown ("Rok zahájení" is "Zahájení praxe", the start;
    "Datum poslední aktualizace" the last update). A word common in English or French ("Partners") is none of a
    translation's. Read as guessed (``guessed_label`` warning); None for anything else, a sentence included."""
    plain = squash(_ENUMERATOR.sub("", squash(text), count=1)).rstrip(" :：")
    words = WORD_RE.findall(fold(plain))
    if not 1 <= len(words) <= OWN_WORDS_MAX or plain[-1:] in ".!?":
        return None
    known = _translated_words()
    same: set[str] = set()  # the fields named by a word as their labels write it
    near: set[str] = set()  # … by a word in another form
    found = 0
    for word in words:
        if _common_word(word):
            continue
        if word in known:
            found += 1
            if len(known[word]) == 1 and "" not in known[word]:
                same |= set(known[word])
            continue
        codes = {code for other, by_code in known.items() if _same_word(word, other) for code in by_code}
        if codes:
            found += 1
            if len(codes) == 1 and "" not in codes:
                near |= codes
    fields = same or near
    if len(fields) != 1 or found * 2 < len(words):
        return None
    return LabelMatch(fields.pop(), "", plain, "", guessed=True)


def _common_word(word: str) -> bool:
    """Whether a word (folded) is common in English or French: no translated label's word."""
    from wordfreq import zipf_frequency

    return len(word) > 2 and any(zipf_frequency(word, language) >= COMMON_WORD for language in ("en", "fr"))


COMMON_WORD = 3.0  # wordfreq's Zipf scale


# Words of guidance: speaking to the writer ("you", "please", "Sie", "vous") or of the form and how to fill it in
# ("field", "select", "describe", "words", "shared"), in the template's languages; folded.
_GUIDANCE_WORDS = frozenset(
    """you your please vous votre vos veuillez sie ihre ihr bitte u uw jouw graag ni er din dit ert deres
    field fields section template form list answer box boxes word words maximum max select choose describe give
    write indicate explain mention tick provide state add shared members verified e.g example
    champ champs rubrique modele formulaire liste reponse mots cochez indiquez decrivez precisez
    feld felder abschnitt vorlage formular antwort worter beschreiben geben angeben
    veld velden sjabloon formulier antwoord woorden beschrijf geef vermeld""".split()
)
_QUOTE_MARKS = ('"', "“", "„", "«", "‘", "'", "‹", "»")


def reads_as_guidance(line: str) -> bool:
    """Whether a paragraph in italics (Word's, or an OpenDocument's or a web page's <em>) reads as the template's
    guidance: words speaking to the writer or of the form (``_GUIDANCE_WORDS``), not a quotation ("“I finally felt
    heard,” said one pupil.")."""
    text = line.strip().lstrip("*_ ")
    if text.startswith(_QUOTE_MARKS):
        return False
    return bool(set(tokens(text)) & _GUIDANCE_WORDS)
