"""Turn the cleaned answers of a template into a ParsedPractice."""

import re
from collections import Counter

from django.conf import settings
from django.utils.translation import gettext as _

from practices import taxonomy
from practices.template_fields import (
    FIELDS_BY_CODE,
    NARRATIVE_FIELD_CODES,
    character_limit,
    count_words,
    field_label,
    over_limit,
)
from search.analysis import guess_language

from .cells import tidy_markdown
from .countries import find_country
from .parser import FIELD_CODES, Assembly, clean_sections
from .result import ImportWarning, ParsedOrganisation, ParsedPractice
from .subfields import SubField, split_sub_fields, without_full_stop
from .text import (
    NO_WORDS,
    YES_NO_ALONE_ONLY,
    YES_WORDS,
    fold,
    markdown_to_plain,
    ticked_only,
    tokens,
    x_marks_as_boxes,
    yes_no_marks_as_boxes,
)
from .vocabulary import FILLER_WORDS, PROSE_RUN_WORDS, TermMatch, Vocabulary
from .years import end_year, latest_year, start_year

TITLE_MAX_CHARS = 200
TITLE_RUN_ON_WORDS = 8  # words after a name's first line that make them text of their own, not the name's
ORGANISATION_NAME_MAX_WORDS = 15
# "<Name> is a / est une / ist ein / is een / är en / er en / è una / es un ... ": a first line that
# introduces the organisation names it before the verb (Violence Prevention Network, in
# "Violence Prevention Network is a non-governmental organisation working ..."). The verb followed
# by an article only: "X is responsible for ..." is no introduction.
_INTRODUCED = re.compile(
    r"^(?P<name>\S.{1,120}?)\s+(?:"
    r"(?:is|was)\s+(?:an?|the|one)"
    r"|(?:est|était)\s+(?:une?|la|le|l['’])"
    r"|(?:ist|war)\s+(?:eine?[rs]?|die|der|das)"
    r"|is\s+(?:een|de|het)"
    r"|(?:är|var)\s+(?:en|ett)"
    r"|(?:er|var)\s+(?:en|et|ei)"
    r"|(?P<finnish>on|oli)"
    r"|(?:è|era)\s+(?:una?|il|la|l['’])"
    r"|(?:es|era)\s+(?:una?|el|la)"
    r"|(?:é|era)\s+(?:uma?|o|a)"
    r")\s",
    re.IGNORECASE,
)
ORGANISATION_SUBJECT_MAX_WORDS = 10
# Subjects that do not name anyone: "It is a ...", "Nous sommes ...", "This is an NGO ..."
_NOT_A_NAME = frozenset(
    "it this that we our they its il elle ce cette nous notre es sie wir unsere das dies det den vi vår "
    "het dit wij onze esso essa questa noi ello esta esto nosotros".split()
)
_YES = YES_WORDS | {"y", "o", "true", "x"}
_NO = NO_WORDS | {"n", "false"}
# Words that may surround a yes/no, a country or a year without adding anything.
_NOISE_WORDS = FILLER_WORDS | {"the", "of", "in", "a", "le", "la", "les", "l", "de", "du", "des", "year", "annee"}
# Answers that state there is no value ("Not specified", "N/A"): read as
# no country, and the geographical scope is then not searched for one.
NOT_STATED = {
    "not specified", "not stated", "not applicable", "none", "n a", "na", "unknown",
    "non precise", "non renseigne", "non applicable", "sans objet", "aucun", "aucune", "inconnu",
    # the translated templates' languages: "n.v.t.", "k. A.", "entfällt", "ej tillämpligt", "no aplica"
    "nvt", "n v t", "niet van toepassing", "k a", "keine angabe", "entfallt", "ej tillampligt", "ikke relevant",
    "no aplica", "no procede", "non applicabile", "ei sovellu",
}  # fmt: skip
_STOP_WORDS = {
    "en": {"the", "and", "of", "to", "in", "is", "with", "for", "that", "are", "this", "was", "by"},
    "fr": {"le", "la", "les", "et", "des", "du", "un", "une", "est", "pour", "dans", "qui", "avec", "sur", "au"},
}


def build_practice(assembly: Assembly, vocabulary: Vocabulary) -> ParsedPractice:
    """The practice from a document's assembled text, closed-list answers as codes."""
    answers = clean_sections(assembly)
    if not assembly.sections:
        return build_unmapped(assembly)
    warnings = list(assembly.warnings)
    fields = {code: answers.get(code, "") for code in FIELD_CODES}
    _split_title(fields, warnings)
    fields["title"] = markdown_to_plain(fields["title"])
    _place_preamble(answers[""], fields, warnings)
    language = _language(assembly, " ".join(answers.values()))
    organisation, sub_fields = _organisation(fields["organisation"], vocabulary, warnings, language)
    fields["organisation"] = organisation.description
    _move_contact_persons(sub_fields, fields, warnings)
    _move_personal_sentences(fields, warnings, [organisation.name, fields["title"]])
    organisation.description = fields["organisation"]
    inline = {field.kind: field.value for field in reversed(sub_fields)}  # the first of each kind
    if not fields["start"].strip() and inline.get("start_year"):
        fields["start"] = inline["start_year"]
    if answers.get("country") or inline.get("country"):
        # a sub-field of the organisation's is kept in its description: the scope does not keep it again
        country = _country(
            answers.get("country") or inline["country"], fields, warnings, own=bool(answers.get("country"))
        )
    else:
        country = find_country(markdown_to_plain(fields["geographical_scope"]))[0]
    practice = ParsedPractice(
        title=fields["title"],
        language=language,
        peer_reviewed=_peer_reviewed(answers.get("peer_reviewed", ""), warnings),
        key_themes=_terms("key_themes", vocabulary.key_themes, answers, fields, warnings, language),
        target_audiences=_terms("target_audiences", vocabulary.target_audiences, answers, fields, warnings, language),
        country=country,
        geographical_scope=fields["geographical_scope"],
        start=fields["start"],
        start_year=start_year(markdown_to_plain(fields["start"])),
        end_year=end_year(fields["start"]),
        last_update_year=_last_update(answers.get("last_update", ""), warnings),
        organisation=organisation,
        contact=fields["contact"],
        fields=fields,
    )
    practice.warnings = warnings + field_warnings(fields) + _joined_warnings(assembly.joined, fields)
    return practice


def _move_contact_persons(sub_fields: list[SubField], fields: dict[str, str], warnings: list[ImportWarning]) -> None:
    """A person to contact written into the organisation's answer ("Contact person: Maria Example, maria@…") is
    personal data: it goes to the end of the contact details, which only members of verified organisations read
    (``rules.can_see_contact``), with a warning; the
    organisation's description, which is public, keeps nothing of it."""
    persons = [field for field in sub_fields if field.kind == "contact_person"]
    if not persons:
        return
    said = " ".join(fold(fields["contact"]).split())
    new = [field.line() for field in persons if " ".join(fold(field.value).split()) not in said]
    fields["contact"] = "\n\n".join(part for part in (fields["contact"].strip(), "\n".join(new)) if part)
    message = _(
        "A contact person was written in the organisation's answer (“%(label)s”): it was moved to the contact "
        "details, which only members of verified organisations read."
    ) % {"label": persons[0].label}
    warnings.append(ImportWarning("contact", "contact_moved", message))


# A person's e-mail address: any but a role's or an office's ("info@", "contact@", "kontakt@", "office@"…).
_EMAIL = re.compile(r"(?<![\w.+-])(?P<local>[\w.+-]+)@[\w-]+(?:\.[\w-]+)+", re.UNICODE)
_ROLE_ADDRESSES = frozenset(
    "info information contact contacts kontakt contacto contatti contatto office bureau buero mail post postmaster "
    "hello hallo hola admin administration secretariat secretariaat sekretariat secretaria segreteria team press "
    "presse prensa media communication communications webmaster enquiries inquiries support service noreply "
    "no-reply general central reception".split()
)
# A sentence of running text: it ends with ".", "!" or "?" before a space and a capital (or an opening mark).
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[\"“«¿¡(]?[A-ZÀ-ÝĀ-ſΑ-ΩА-Я])")
# The template's narrative answers readers see: all but the contact details (practices.template_fields).
_PUBLIC_TEXT_FIELDS = tuple(code for code in NARRATIVE_FIELD_CODES if code != "contact")


# A telephone number: in international form ("+43 660 000 0000", "+32 (0)470 00 00 00"), or any number of seven
# digits or more after a word saying it is one ("tel.", "phone", "call … on", "Telefon", "bellen").
_INTERNATIONAL_PHONE = re.compile(r"(?<![\w+])\+\d{1,3}(?:[\s./-]?\(?\d+\)?){2,}")
_PHONE_WORDS = re.compile(
    r"\b(?:tel|phone|telephone|call|ring|mobile|gsm|telefon|telefoon|bellen|bel|appelez|appeler|llame|llamar|"
    r"chiamare|chiami|zadzwon|ring|soita|τηλ|τηλεφωνο)\b[^\d\n]{0,40}?(?P<number>\(?\d[\d\s()./-]{6,}\d)"
)
# Asking readers to get in touch with someone ("please contact Katarzyna Przykład", "wenden Sie sich an …"), then
# a person's name: two or three capitalised words, none an organisation's word.
_CONTACT_WORDS = re.compile(
    r"\b(?:contact|contacting|write to|ask|reach|speak to|talk to|email|e-mail|kontaktieren sie|wenden sie sich an|"
    r"schreiben sie an|contactez|contacter|adressez-vous [aà]|neem contact op met|contacteer|mail|kontakta|"
    r"kontakt med|kontakt z|skontaktuj si[eę] z|contacte con|contatti|contattare|contattate)\s+(?:(?:our|mr|mrs|"
    r"ms|dr|herr|frau|madame|monsieur|mevrouw|meneer|pani|pan|coordinator|colleague|project lead|trainer|"
    r"unsere[nm]?|notre|onze|nasz[aą]?)\.?\s+)*",
    re.I,
)
_NAME_WORD = r"[A-ZÀ-ÖØ-ÞĀ-ſΑ-ΩА-Я][a-zß-öø-ÿā-ſα-ωа-я'’-]+"
# The name ends the clause: a punctuation mark, or a word giving the way to reach them ("at", "on", "via", "unter").
_PERSON_NAME = re.compile(
    rf"(?P<name>{_NAME_WORD}(?:\s+{_NAME_WORD}){{1,2}})(?=\s*(?:[.,;:!?()]|$)|\s+(?:at|on|via|by|for|under|who|"
    r"unter|per|bei|au|par|qui|op|die|na|pod|som|tel)\b)"
)
# Words of organisations' names and of places a name of two capitalised words may hold: no person's.
_ORGANISATION_WORDS = frozenset(
    """verein stiftung foundation fondation fundacja fundacion fundação stichting association associazione asociacion
    team office unit service centre center centrum zentrum city stadt ville gemeente municipality council ministry
    police polizei politie school schule university universitat universite hochschule network netzwerk reseau
    project projekt projet programme program department agency bureau institute institut group gruppe youth work
    welfare care support health social jugend jeunesse""".split()
)


def _person_named_to_contact(sentence: str, own_words: frozenset[str]) -> bool:
    """Whether a sentence asks readers to get in touch with a person named in it (``_CONTACT_WORDS`` then two or
    three capitalised words, none an organisation's word nor a word of the organisation's or the practice's name)."""
    for cue in _CONTACT_WORDS.finditer(sentence):
        found = _PERSON_NAME.match(sentence, cue.end())
        if found is None:
            continue
        words = {fold(word) for word in found["name"].split()}
        if not words & (_ORGANISATION_WORDS | own_words):
            return True
    return False


def _phone_number(sentence: str) -> bool:
    """Whether a sentence holds a telephone number (``_INTERNATIONAL_PHONE``, ``_PHONE_WORDS``)."""
    if any(sum(c.isdigit() for c in found.group()) >= 7 for found in _INTERNATIONAL_PHONE.finditer(sentence)):
        return True
    return any(sum(c.isdigit() for c in found["number"]) >= 7 for found in _PHONE_WORDS.finditer(fold(sentence)))


def _own_addresses(names: list[str]) -> frozenset[str]:
    """The local parts an organisation's own addresses are written with, from its name and the practice's (folded,
    letters only): a word of four letters or more ("lernen@"), words run together ("dialogmachtschule@"),
    initials of three or more ("vdms@")."""
    own: set[str] = set()
    for name in names:
        words = ["".join(c for c in word if c.isalpha()) for word in fold(name).split()]
        words = [word for word in words if word]
        own.update(word for word in words if len(word) >= 4)
        for first in range(len(words)):
            for last in range(first + 2, len(words) + 1):
                own.add("".join(words[first:last]))
        if len(words) >= 3:
            own.add("".join(word[0] for word in words))
    return frozenset(own)


def _organisations(local: str, own: frozenset[str]) -> bool:
    """Whether an address's local part is a role's (``_ROLE_ADDRESSES``) or the organisation's own
    (``_own_addresses``): no person's."""
    return local.lower() in _ROLE_ADDRESSES or "".join(c for c in fold(local) if c.isalpha()) in own


def _personal_address(text: str, own: frozenset[str] = frozenset()) -> bool:
    """Whether ``text`` holds a person's e-mail address (``_organisations``: not a role's nor the organisation's)."""
    return any(not _organisations(found["local"], own) for found in _EMAIL.finditer(text))


def _organisations_address(text: str, own: frozenset[str]) -> bool:
    """Whether ``text`` holds an address of a role or of the organisation itself."""
    return any(_organisations(found["local"], own) for found in _EMAIL.finditer(text))


def _personal_sentence(sentence: str, own: frozenset[str], own_words: frozenset[str]) -> bool:
    """Whether a sentence of a public field gives a person's contact details: a person's e-mail address, a
    telephone number (not one given beside the organisation's own or a role's address: "E-mail: info@… — Phone:
    +33 …" is the organisation's switchboard), or a person to get in touch with by name."""
    return (
        _personal_address(sentence, own)
        or (_phone_number(sentence) and not _organisations_address(sentence, own))
        or _person_named_to_contact(sentence, own_words)
    )


def _move_personal_sentences(fields: dict[str, str], warnings: list[ImportWarning], names: list[str]) -> None:
    """A person to contact named in a text field of the practice's, which is public ("For more information,
    contact Lucía Ejemplo, lucia.ejemplo@…, tel. …", "call our coordinator Pieter Voorbeeld on +43 …", "please
    contact Katarzyna Przykład"): each sentence holding a person's e-mail address, a telephone number or a person
    to get in touch with goes to the end of the contact details, which only members of verified organisations
    read, with a warning on the field it left. The field keeps its other sentences; an address of a role (info@…)
    or of the organisation itself (its name's words: ``names``, the organisation's and the practice's) stays."""
    own = _own_addresses(names)
    own_words = frozenset(fold(word) for name in names for word in name.split())
    for code in _PUBLIC_TEXT_FIELDS:
        text = fields.get(code, "")
        if not text:
            continue
        kept: list[str] = []
        moved: list[str] = []
        for paragraph in text.split("\n"):
            parts = _SENTENCE_END.split(paragraph)
            personal = [part for part in parts if _personal_sentence(part, own, own_words)]
            moved.extend(personal)
            kept.append(" ".join(part for part in parts if part not in personal))
        if not moved:
            continue
        fields[code] = re.sub(r"\n{3,}", "\n\n", "\n".join(kept)).strip()
        said = " ".join(fold(fields["contact"]).split())
        new = [sentence.strip() for sentence in moved if " ".join(fold(sentence).split()) not in said]
        fields["contact"] = "\n\n".join(part for part in (fields["contact"].strip(), "\n".join(new)) if part)
        message = _(
            "A person's contact details were written in the answer to “%(field)s”: that sentence was moved to the "
            "contact details, which only members of verified organisations read."
        ) % {"field": field_label(code)}
        warnings.append(ImportWarning(code, "contact_moved", message))


def _joined_warnings(joined: list[str], fields: dict[str, str]) -> list[ImportWarning]:
    """A ``rejoined_words`` warning on each field holding words a hyphen broke at a line's end, which were joined
    (a label's words, dropped with it, are not named)."""
    by_field: dict[str, list[str]] = {}
    for word in dict.fromkeys(joined):
        pattern = re.compile(rf"(?<!\w){re.escape(word)}(?!\w)", re.I)
        code = next((code for code in FIELD_CODES if pattern.search(fields.get(code, ""))), None)
        if code:
            by_field.setdefault(code, []).append(word)
    return [
        ImportWarning(
            code,
            "rejoined_words",
            _("Words broken at a line's end with a hyphen were joined: %(words)s. Check that each is written as meant.")
            % {"words": _quoted(words)},
        )
        for code, words in by_field.items()
    ]


def build_unmapped(assembly: Assembly) -> ParsedPractice:
    """A document in which no template label was found: all its text is the
    description, its first line the title."""
    text = "\n\n".join(assembly.preamble).strip()
    fields = dict.fromkeys(FIELD_CODES, "")
    fields["title"] = _first_line_title(text)
    fields["description"] = text
    warning = ImportWarning(
        "document",
        "unmapped_document",
        _("No field of the practice template was found: all the text was put in the description."),
    )
    return ParsedPractice(
        title=fields["title"],
        language=_language(assembly, text),
        fields=fields,
        warnings=[warning, *field_warnings(fields)],
    )


def _first_line_title(text: str) -> str:
    first = next((markdown_to_plain(line) for line in text.split("\n") if markdown_to_plain(line)), "")
    if len(first) <= TITLE_MAX_CHARS:
        return first
    cut = first[:TITLE_MAX_CHARS]
    return cut.rsplit(" ", 1)[0] if " " in cut else cut


def field_warnings(fields: dict[str, str]) -> list[ImportWarning]:
    """Missing required fields, fields over their word limit, and fields longer than a field may
    be saved (template_fields.character_limit): kept whole, for the writer to shorten."""
    warnings = [
        ImportWarning(code, "missing_field", _("This field is required but was not found in the document."))
        for code in ("title", "description")
        if not fields.get(code, "").strip()
    ]
    for code, text in fields.items():
        if code in FIELDS_BY_CODE and _ANNEX_ONLY.match(markdown_to_plain(text)):
            message = _(
                "The answer refers to an annex or attachment (“%(answer)s”): it was not uploaded with the "
                "template. Write the answer here, or add a link to it."
            ) % {"answer": markdown_to_plain(text).strip()}
            warnings.append(ImportWarning(code, "refers_to_annex", message))
        words = over_limit(code, text)
        if words is not None:
            limit = FIELDS_BY_CODE[code].word_limit
            message = _("%(count)d words; the template allows %(limit)d.") % {"count": words, "limit": limit}
            warnings.append(ImportWarning(code, "over_word_limit", message))
        characters = character_limit(code)
        if len(text) > characters:
            warnings.append(ImportWarning(code, "over_character_limit", _over_characters(len(text), characters)))
    return warnings


# An answer that only points to an annex or attachment ("See annex 2", "siehe Anlage 3", "vedi allegato 2").
_ANNEX_ONLY = re.compile(
    r"^\s*[(\[]?\s*(?:(?:please\s+)?(?:see|refer\s+to|cf\.?|siehe|vgl\.?|voir|vedi|si\s+veda|ver|véase|vea|zie|"
    r"se|katso|zob\.?|viz)\s+)?(?:the\s+|l'\s*|la\s+|el\s+|die\s+|den\s+|de\s+|il\s+|o\s+|os\s+)?"
    r"(?:annex(?:es|e)?|attachment|attached\s+\w+|appendix|enclosure|anlagen?|anhang|anexos?|allegat[oi]|"
    r"bijlagen?|pi[eè]ces?\s+jointes?|liitteet?|bilaga|załącznik|příloha)\b[\w\s.,-]{0,20}[)\]]?\s*[.]?\s*$",
    re.I,
)


def _over_characters(length: int, limit: int) -> str:
    return _(
        "%(length)s characters; a field may hold at most %(limit)s. Shorten it before saving: "
        "it cannot be saved as it is."
    ) % {"length": f"{length:,}", "limit": f"{limit:,}"}


def _split_title(fields: dict[str, str], warnings: list[ImportWarning]) -> None:
    """A name followed by sentences, as when the writer deleted the "Description" heading below it: the name is
    its first line, the sentences go to the head of the description. A name wrapped over two lines (fewer than
    ``TITLE_RUN_ON_WORDS`` words after its first line) stays whole."""
    lines = [line for line in fields["title"].split("\n") if markdown_to_plain(line)]
    rest = "\n".join(lines[1:]).strip()
    if not rest or len(tokens(rest)) < TITLE_RUN_ON_WORDS:
        return
    fields["title"] = lines[0]
    fields["description"] = "\n\n".join(part for part in (rest, fields["description"]) if part)
    message = _("The practice's name was followed by more text: that text was put at the start of the description.")
    warnings.append(ImportWarning("description", "unplaced_text", message))


# A table of contents' entry: a label or heading, dot leaders (or a run of spaces) and a page number.
_CONTENTS_ENTRY = re.compile(r"^[#*\s]*(?:\d+(?:\.\d+)*\.?\s+)?\S.{0,80}?(?:\s*[.…·_]{3,}\s*|\s{3,}|\t+)\d{1,3}\s*$")
# A table of contents' heading, in the languages whose labels are read.
_CONTENTS_HEADING = re.compile(
    r"^[#*\s]*(?:(?:table of )?contents|index|sommaire|table des matieres|inhalt(?:sverzeichnis)?|inhoud(?:sopgave)?|"
    r"innehall(?:sforteckning)?|indholdsfortegnelse|innhold(?:sfortegnelse)?|sisallys(?:luettelo)?|indice|"
    r"spis tresci|indice|obsah|περιεχομενα|kazalo|tartalom(?:jegyzek)?|sisukord|cuprins|sadrzaj|съдържание|"
    r"saturs|turinys)[\s*:]*$"
)
# The template's own title as a writer puts it above the form ("RAN Collection of Inspiring Practices – Template
# 2024", "RAN Collection – practice template"): the collection's name and words naming a template or a form only.
_TEMPLATE_TITLE = re.compile(
    r"^[#*\s]*(?:the\s+)?(?:ran\s+)?collection(?:\s+of\s+inspiring\s+practices)?(?:\s*[-–—:|,]?\s*"
    r"(?:ran|template|practice|practices|form|submission|the|for|of|new|\(?\d{4}\)?))*[\s*]*$"
)


def _without_contents(preamble: str) -> str:
    """The text before the first field without a table of contents (three entries or more, its heading with them)
    and without the template's own title: a document's furniture, never an answer."""
    lines = preamble.split("\n")
    entries = [number for number, line in enumerate(lines) if _CONTENTS_ENTRY.match(fold(line))]
    drop = set(entries) if len(entries) >= 3 else set()
    for number, line in enumerate(lines):
        folded = fold(line)
        if _CONTENTS_HEADING.match(folded) and drop and any(entry > number for entry in drop):
            drop.add(number)
        if _TEMPLATE_TITLE.match(folded) and "collection" in folded:
            drop.add(number)
    return tidy_markdown("\n".join(line for number, line in enumerate(lines) if number not in drop))


def _place_preamble(preamble: str, fields: dict[str, str], warnings: list[ImportWarning]) -> None:
    """Text before the first field: dropped when it only repeats the title or is a table of contents or the
    template's own title (``_without_contents``), otherwise kept at the head of the description."""
    preamble = _without_contents(preamble)
    if not preamble or fold(markdown_to_plain(preamble)) == fold(fields["title"]):
        return
    fields["description"] = "\n\n".join(part for part in (preamble, fields["description"]) if part)
    warnings.append(
        ImportWarning(
            "description",
            "unplaced_text",
            _("Text before the first field of the template was put at the start of the description."),
        )
    )


def _organisation(
    text: str, vocabulary: Vocabulary, warnings: list[ImportWarning], language: str
) -> tuple[ParsedOrganisation, list[SubField]]:
    """Name (the first short line), type (a "Type of organisation: X" sub-field,
    on its own line or inside the cell, in any form of its words in ``language``)
    and description. Other sub-fields (website, country, year…) stay in the
    description, one a line."""
    rest, sub_fields = split_sub_fields(text)
    type_code, type_field = _organisation_type(sub_fields, vocabulary, warnings, language)
    kept = [
        field
        for field in sub_fields
        if field is not type_field and field.kind not in ("contact_person", "organisation_name")
    ]
    named = next((field.value for field in sub_fields if field.kind == "organisation_name"), "")
    name, description = (named, rest) if named else _name_and_description(rest)
    if type_code is None:
        name, type_code = _type_after_name(name, vocabulary, language)
    if rest.strip() and not name:
        message = _("The organisation's name was not found: put it alone on the first line.")
        warnings.append(ImportWarning("organisation", "missing_field", message))
    description = "\n\n".join(part for part in (description.strip(), "\n".join(f.line() for f in kept)) if part)
    return ParsedOrganisation(name=markdown_to_plain(name), type=type_code, description=description), sub_fields


_TYPE_AFTER_NAME = re.compile(r"^(?P<name>.*\S)\s*[(\[](?P<type>[^()\[\]]{1,40})[)\]]\s*$")
TYPE_AFTER_NAME_MAX_WORDS = 2  # "(NGO)", "(ONG)", "(Municipality)"; "(a non-profit association)" stays in the name


def _type_after_name(name: str, vocabulary: Vocabulary, language: str) -> tuple[str, str | None]:
    """A type of organisation written in brackets after the name, on its line ("Fundación Puente Abierto (ONG)"):
    the name without it, and the type's code, when the brackets hold only a type's name in a word or two."""
    found = _TYPE_AFTER_NAME.match(markdown_to_plain(name))
    if found is None or len(found["type"].split()) > TYPE_AFTER_NAME_MAX_WORDS:
        return name, None
    match = vocabulary.organisation_types(found["type"], language)
    if len(match.codes) != 1 or match.unmatched or match.prose:
        return name, None
    return found["name"], match.codes[0]


def _organisation_type(
    sub_fields: list[SubField], vocabulary: Vocabulary, warnings: list[ImportWarning], language: str
) -> tuple[str | None, SubField | None]:
    """The code of the first type sub-field naming a known type, and that sub-field unless it is
    written as sentences. The others stay in the organisation's description, with a warning: an
    unknown type, a second type given, a type read from sentences."""
    typed = [field for field in sub_fields if field.kind == "organisation_type"]
    matches = [vocabulary.organisation_types(ticked_only(field.value), language) for field in typed]
    chosen = next((number for number, match in enumerate(matches) if match.codes), None)
    if typed and chosen is None:
        message = _("Not a known type of organisation: “%(value)s”.") % {"value": typed[0].value}
        warnings.append(ImportWarning("organisation", "unknown_organisation_type", message))
    if chosen is None:
        return None, None
    others = [field.value for field in typed if field is not typed[chosen]]
    if others:
        message = _(
            "More than one type of organisation was given: the first known one was taken, the others were "
            "kept in the description (“%(values)s”)."
        ) % {"values": "”, “".join(others)}
        warnings.append(ImportWarning("organisation", "repeated_field", message))
    match = matches[chosen]
    if match.prose:
        message = _(
            "The type of organisation is written as sentences: it was read from “%(name)s”. Check it; the "
            "text was kept in the description."
        ) % {"name": match.named[0]}
        warnings.append(ImportWarning("organisation", "read_from_prose", message))
        return match.codes[0], None
    return match.codes[0], typed[chosen]


def _name_and_description(text: str) -> tuple[str, str]:
    """The first line when it is short and not a list item or a broken-off
    sentence; a first line introducing the organisation ("<Name> is a ...") gives the name before
    its verb and stays whole in the description; otherwise no name and all the text."""
    first, _sep, description = text.strip().partition("\n")
    if _LIST_ITEM.match(first) and not _LIST_ITEM.search(description):
        # a list of one item, as writers who answer every field with a bullet write the name ("- Bridges vzw")
        first = _LIST_ITEM.sub("", first, count=1)
    introduced = _introduced_name(first) or _name_before_a_sentence(first)
    if introduced:
        return introduced, text.strip()
    broken_off = first.rstrip().endswith((",", ";", ":", "-")) or description[:1].islower()
    if count_words(first) > ORGANISATION_NAME_MAX_WORDS or first.lstrip()[:2] in ("- ", "* ") or broken_off:
        return "", text
    return first, description


_LIST_ITEM = re.compile(r"^[ \t]*[-*+•][ \t]+", re.M)
_SENTENCE_BREAK = re.compile(r"\.\s+(?=[A-ZÀ-ÖØ-Þ])")


def _name_before_a_sentence(line: str) -> str:
    """The name a line opens with when a sentence follows it on the same line ("Bridges Trust. A registered
    charity working in…"): a short name (10 words at most) whose full stop ends no abbreviation ("e.V.",
    "St."), before a sentence of three words or more; or ""."""
    found = _SENTENCE_BREAK.search(line)
    if found is None:
        return ""
    name, rest = line[: found.start()].strip(), line[found.end() :]
    if without_full_stop(name + ".") != name or not (name[:1].isupper() or name[:1].isdigit()):
        return ""  # an abbreviation's full stop, or no name
    if count_words(name) > ORGANISATION_SUBJECT_MAX_WORDS or count_words(rest) < PROSE_RUN_WORDS:
        return ""
    return "" if name.split()[0].casefold() in _NOT_A_NAME else name


def _introduced_name(line: str) -> str:
    """The name a sentence introducing an organisation starts with, or ""."""
    found = _INTRODUCED.match(line.strip())
    if found is None:
        return ""
    if found.group("finnish") and guess_language(line) != "fi":
        return ""  # "on" is English too: "German Institute on Radicalization…" is a name
    name = found.group("name").strip(" ,;:–-")
    words = name.split()
    if not words or count_words(name) > ORGANISATION_SUBJECT_MAX_WORDS or words[0].casefold() in _NOT_A_NAME:
        return ""
    if not (name[0].isupper() or name[0].isdigit()) or re.search(r"[.!?]\s+\S", name):
        return ""  # not a name, or two sentences ("We help. Our team is a ...")
    return name


def _peer_reviewed(text: str, warnings: list[ImportWarning]) -> bool | None:
    ticked = ticked_only(x_marks_as_boxes(text))  # "[X] Yes [ ] No": the unticked answer is none
    words = tokens(ticked)
    if not words or " ".join(words) in NOT_STATED:  # "n/a" is no "n"(o)
        return None
    if (words[0] in _YES or words[0] in _NO) and (len(words) == 1 or words[0] not in YES_NO_ALONE_ONLY):
        _warn_leftover("peer_reviewed", ticked, words[0], warnings)
        return words[0] in _YES
    message = _("Expected yes or no, found “%(value)s”.") % {"value": markdown_to_plain(text)}
    warnings.append(ImportWarning("peer_reviewed", "unrecognised_value", message))
    return None


def _terms(
    code: str,
    matcher,
    answers: dict[str, str],
    fields: dict[str, str],
    warnings: list[ImportWarning],
    language: str,
) -> list[str]:
    """The codes a closed-list answer names, in any form of their words in the answer's language (failing
    a guess, the practice's ``language``). Leftover words of a list are warned about; an answer
    written as sentences is kept whole at the end of the description (``_keep_prose``)."""
    answer = answers.get(code, "")
    numbered = _numbered_terms(code, markdown_to_plain(answer), warnings)
    if numbered is not None:
        return numbered
    result: TermMatch = matcher(
        ticked_only(markdown_to_plain(x_marks_as_boxes(yes_no_marks_as_boxes(answer)))), language
    )
    if result.prose:
        _keep_prose(code, answer, result, fields, warnings)
        return result.codes
    for wrong, right in result.respelt:
        message = _("“%(written)s” was read as “%(read)s”, a word of the list. Check the terms chosen.") % {
            "written": wrong,
            "read": right,
        }
        warnings.append(ImportWarning(code, "respelt_term", message))
    warning_code = "unknown_theme" if code == "key_themes" else "unknown_audience"
    for phrase in result.unmatched:
        message = _("Not in the list, left out: “%(text)s”.") % {"text": phrase}
        warnings.append(ImportWarning(code, warning_code, message))
    return result.codes


# A closed-list answer given as the numbers of the template's list ("3, 7", "4 and 9", "1; 12"): nothing else.
_NUMBERS_ONLY = re.compile(r"^\s*\d{1,2}(?:\s*(?:[,;/&+]|\s|and|et|und|y|e)\s*\d{1,2})*\s*[.]?\s*$", re.I)


def _numbered_terms(code: str, answer: str, warnings: list[ImportWarning]) -> list[str] | None:
    """The terms of an answer given only as their numbers in the template's list (the order of
    ``practices/taxonomy.py``, the template's), with a warning naming each number as read; None when the answer
    is not numbers only. A number past the list's end is named as left out."""
    if not _NUMBERS_ONLY.match(answer):
        return None
    entries = taxonomy.KEY_THEMES if code == "key_themes" else taxonomy.TARGET_AUDIENCES
    codes: list[str] = []
    read: list[str] = []
    for number in dict.fromkeys(int(found) for found in re.findall(r"\d{1,2}", answer)):
        if 1 <= number <= len(entries):
            codes.append(entries[number - 1][0])
            read.append(f"{number}: {entries[number - 1][1]}")
        else:
            message = _("Not in the list, left out: “%(text)s”.") % {"text": number}
            unknown = "unknown_theme" if code == "key_themes" else "unknown_audience"
            warnings.append(ImportWarning(code, unknown, message))
    if read:
        message = _("Given as the numbers of the template's list, read as %(terms)s. Check the terms chosen.") % {
            "terms": _quoted(read)
        }
        warnings.append(ImportWarning(code, "numbered_terms", message))
    return list(dict.fromkeys(codes))


SHORT_PROSE_MAX_WORDS = 12  # a closed list's answer as one phrase this short (no full stop) is quoted in its warning


def _keep_prose(
    code: str, answer: str, result: TermMatch, fields: dict[str, str], warnings: list[ImportWarning]
) -> None:
    """A closed-list answer written as sentences: its text at the end of the description, and the
    terms read from it named for the writer to check. A short phrase without a full stop naming terms and saying
    nothing against them ("mostly family support and some work in prisons") is no text of its own: it is quoted in
    the warning instead."""
    plain = " ".join(markdown_to_plain(answer).split())
    if (
        result.named
        and not result.negated
        and count_words(plain) <= SHORT_PROSE_MAX_WORDS
        and not _SENTENCE_END.search(plain)
        and not plain.endswith((".", "!", "?"))
    ):
        message = _(
            "Written as a sentence, “%(answer)s”: the terms it names were read from it (%(terms)s). Check them."
        ) % {"answer": plain, "terms": _quoted(result.named)}
        warnings.append(ImportWarning(code, "read_from_prose", message))
        return
    fields["description"] = "\n\n".join(part for part in (fields["description"].strip(), answer.strip()) if part)
    label = field_label(code)
    if result.named:
        message = _(
            "Written as sentences: the terms it names were read from it (%(terms)s). Check them; the text "
            "was kept at the end of the description."
        ) % {"terms": _quoted(result.named)}
    else:
        message = _(
            "Written as sentences naming no term of the list: pick them. The text was kept at the end of the "
            "description."
        )
    warnings.append(ImportWarning(code, "read_from_prose", message))
    if result.negated:
        message = _("Not read, as the sentence says not: %(terms)s.") % {"terms": _quoted(result.negated)}
        warnings.append(ImportWarning(code, "read_from_prose", message))
    message = _("The answer to “%(field)s” was written as sentences; it was kept here, at the end.") % {"field": label}
    warnings.append(ImportWarning("description", "unplaced_text", message))


def _quoted(phrases: list[str]) -> str:
    return ", ".join(f"“{phrase}”" for phrase in phrases)


def _country(text: str, fields: dict[str, str], warnings: list[ImportWarning], *, own: bool) -> str | None:
    """The country an answer names. The template's own answer (``own``) written as sentences is kept
    at the end of the geographical scope."""
    plain = markdown_to_plain(text)
    if " ".join(tokens(plain)) in NOT_STATED:
        return None
    code, name = find_country(plain)
    rest = Counter(tokens(plain)) - Counter(tokens(name))
    if own and sum(1 for word in rest.elements() if word not in _NOISE_WORDS) >= PROSE_RUN_WORDS:
        scope = fields["geographical_scope"].strip()
        fields["geographical_scope"] = "\n\n".join(part for part in (scope, text.strip()) if part)
        if code is None:
            message = _(
                "Written as sentences naming no country: the text was kept at the end of the geographical scope."
            )
        else:
            message = _(
                "Written as sentences: the country was read from “%(name)s”. Check it; the text was kept at the "
                "end of the geographical scope."
            ) % {"name": name}
        warnings.append(ImportWarning("country", "read_from_prose", message))
    elif code is None:
        message = _("No country recognised in “%(value)s”.") % {"value": plain}
        warnings.append(ImportWarning("country", "unknown_country", message))
    else:
        _warn_leftover("country", plain, name, warnings)
    return code


def _last_update(text: str, warnings: list[ImportWarning]) -> int | None:
    plain = markdown_to_plain(text)
    year = latest_year(plain)
    if plain and year is None:
        message = _("No year recognised in “%(value)s”.") % {"value": plain}
        warnings.append(ImportWarning("last_update", "unrecognised_value", message))
    elif year is not None:
        _warn_leftover("last_update", plain, str(year), warnings)
    return year


def _warn_leftover(code: str, text: str, used: str, warnings: list[ImportWarning]) -> None:
    """Warn, quoting the whole answer, when it says more than the value taken
    from it, so that no word of it is lost."""
    rest = Counter(tokens(text)) - Counter(tokens(used))
    if any(word not in _NOISE_WORDS for word in rest.elements()):
        message = _("Only part of this answer fits the field; the answer was: “%(text)s”.") % {
            "text": markdown_to_plain(text)
        }
        warnings.append(ImportWarning(code, "unplaced_text", message))


def _language(assembly: Assembly, text: str) -> str:
    """The language the answers are written in, when it can be told (a practice language:
    a German text in the English template is German); failing that, the language whose
    template labels matched most; failing that, the language with more common words."""
    guessed = guess_language(text)
    if guessed in {code for code, _label in settings.PRACTICE_LANGUAGES}:
        return guessed
    english, french = assembly.languages["en"], assembly.languages["fr"]
    if english != french:
        return "en" if english > french else "fr"
    words = tokens(text)
    scores = {lang: sum(1 for word in words if word in stop) for lang, stop in _STOP_WORDS.items()}
    return "fr" if scores["fr"] > scores["en"] else "en"
