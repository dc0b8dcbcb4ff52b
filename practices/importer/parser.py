"""Map cells of a template document to the template's fields.

Label cells name the field; text outside label cells continues the field
before it. The template's own instructions are dropped wherever they are;
every other word is kept.
"""

import re
from collections import Counter
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from practices.template_fields import NARRATIVE_FIELD_CODES, field_label

from .cells import Cell, tidy_markdown
from .cleaning import (
    LabelMatch,
    answer_in_label,
    guessed_label,
    is_only_instructions,
    label_in_own_words,
    match_label,
    match_label_line,
    strip_instructions,
    without_placeholders_and_requests,
)
from .result import ImportWarning
from .text import fold, markdown_to_plain, tokens

FIELD_CODES: tuple[str, ...] = ("title", *NARRATIVE_FIELD_CODES)
# A practice's name found again after this many fields besides it starts a second template in the document.
SECOND_PRACTICE_FIELDS = 3
# A second template without its practice's name: the description's label again and this many labels after it of
# fields read before (``Assembly.unlabelled_second_template``).
REPEATED_RUN = 2
REDONE_FIELDS = ("peer_reviewed", "key_themes", "target_audiences", "start", "country", "contact", "last_update")
_NONE_ANSWERS = frozenset({"-", "–", "—", "--"})
# A narrative answer saying the field does not apply, folded and without a full stop at its end: the field is left
# empty, as it was meant ("N/A", "n.a.", "Not applicable", "Sans objet", "Entfällt", "n.v.t.", "Nie dotyczy"). An
# answer saying there is none ("None.", "Keine.") is the writer's answer and stays. A closed field's answer ("N/A"
# as the country) is read by its own rules: it says no country, and none is guessed from the scope.
_NOT_APPLICABLE = frozenset(
    {"n/a", "n.a", "n. a", "na", "n/d", "not applicable", "sans objet", "s.o", "non applicable", "pas applicable"}
    | {"entfallt", "nicht zutreffend", "k.a", "n.v.t", "nvt", "niet van toepassing", "no aplica", "no procede"}
    | {"nao aplicavel", "non applicabile", "nie dotyczy", "ej tillampligt", "ikke relevant", "ei sovellu"}
)
# A heading of running text: a Markdown heading, or a line all in bold.
_HEADING = re.compile(r"^\s{0,3}(?:#{1,6}\s+(?P<heading>.+?)[\s#]*|\*\*(?P<bold>[^*]+)\*\*[\s:]*)$")


@dataclass
class Assembly:
    """The document's text gathered by field code, in the order found."""

    sections: dict[str, list[str]] = field(default_factory=dict)
    preamble: list[str] = field(default_factory=list)
    languages: Counter = field(default_factory=Counter)  # labels and instructions seen, by language
    warnings: list[ImportWarning] = field(default_factory=list)
    current: str | None = None
    extra: dict[str, list[str]] = field(default_factory=dict)  # text added at the end of a field
    overflow: str | None = None  # where text goes that cannot join the current field
    joined: list[str] = field(default_factory=list)  # words joined that a hyphen broke at a line's end
    next_practice: str | None = None  # a second practice's name, where the text of another template starts
    next_unnamed: bool = False  # the second template names no practice: ``next_practice`` is its opening words

    def second_practice(self, code: str, name: str) -> bool:
        """Whether a label starts a second template in the same document: the practice's name again, naming
        another practice (``name``), once the first is answered and ``SECOND_PRACTICE_FIELDS`` fields at least
        were read after it (a name written twice right after itself, a section pasted twice, or a cover table
        before the template naming the same practice is no second practice)."""
        first = [part for part in self.sections.get("title", []) if part.strip()]
        return (
            code == "title"
            and self.current != "title"
            and bool(first)
            and len(self.sections) > SECOND_PRACTICE_FIELDS
            and _said(markdown_to_plain(name)) != _said(markdown_to_plain(first[0].strip().split("\n")[0]))
        )

    def unlabelled_second_name(self, code: str, chunk: list[str]) -> tuple[int, str] | None:
        """A second template whose practice's name stands as a heading without its label ("# Parents Talk"), then
        the description's label again: the heading's place in ``chunk`` and the name, once the first template is
        answered (``second_practice``'s rule); None otherwise."""
        if code != "description" or self.current == "description" or "description" not in self.sections:
            return None
        if not self.sections.get("title") or len(self.sections) <= SECOND_PRACTICE_FIELDS:
            return None
        place = next((number for number in range(len(chunk) - 1, -1, -1) if chunk[number].strip()), None)
        heading = _HEADING.match(chunk[place]) if place is not None else None
        if place is None or heading is None:
            return None
        name = markdown_to_plain((heading.group("heading") or heading.group("bold")).rstrip(" :："))
        return (place, name) if name and match_label(name) is None else None

    def unlabelled_second_template(self, code: str, upcoming: list[str]) -> bool:
        """A second template with neither its practice's name nor a heading: the description's label again, after
        the first template is answered (``second_practice``'s rule) and past its description, followed at once by
        ``REPEATED_RUN`` labels more of fields already read ("Key themes", "Target audience"…), each once. A writer
        adding to a section they wrote before repeats that section's label, not the template's run of labels."""
        if code != "description" or self.current in (None, "title", "description"):
            return False
        if "description" not in self.sections or not self.sections.get("title"):
            return False
        if len(self.sections) <= SECOND_PRACTICE_FIELDS:
            return False
        again = upcoming[:REPEATED_RUN]
        run = (
            len(again) == REPEATED_RUN
            and len(set(again)) == REPEATED_RUN
            and all(code in self.sections and code not in ("title", "description") for code in again)
        )
        # Or one label more, of a field a writer adding to their text does not write again: a closed answer (the
        # themes, the audience, the country, a year) or the contact details, already answered.
        return run or (bool(again) and again[0] in REDONE_FIELDS and again[0] in self.sections)

    def stop(self, name: str, *, named: bool = True) -> None:
        self.next_practice = " ".join(name.split()) or "…"
        self.next_unnamed = not named

    def add(self, text: str) -> None:
        if not text.strip():
            return
        if self.overflow:
            self.extra.setdefault(self.overflow, []).append(text)
        elif self.current:
            self.sections[self.current].append(text)
        else:
            self.preamble.append(text)

    def start(self, code: str, language: str, label: str = "") -> None:
        if language:
            self.languages[language] += 1
        if code == "organisation_type":  # its answer belongs to the organisation
            code = "organisation"
        elif code in self.sections and code != self.current:
            message = _(
                "The label “%(label)s” appears more than once in the document: the answers under it were joined "
                "here, in the order written. Check that nothing is said twice and that no part belongs to another "
                "field."
            ) % {"label": " ".join(label.split()) or code}
            self.warnings.append(ImportWarning(code, "repeated_field", message))
        self.sections.setdefault(code, [])
        self.current, self.overflow = code, None

    def guessed(self, found: LabelMatch) -> None:
        """A label in other words than the template's: say which field it was read as."""
        own_type = found.code == "organisation_type"  # no field: a line of the organisation's answer
        if found.guessed:
            message = _(
                "The label “%(label)s” is not the template's; it was read as “%(field)s”. Check that the answer "
                "belongs here."
            ) % {"label": found.label, "field": _("Type of organisation") if own_type else field_label(found.code)}
            self.warnings.append(ImportWarning("organisation" if own_type else found.code, "guessed_label", message))

    def label_cell(self, label: str, body: str, upcoming: list[str] | None = None) -> None:
        """A label cell and its answer; ``upcoming``: the fields of the label cells that follow it."""
        found = self.cell_label(label)
        name = body.strip().split("\n")[0] or answer_in_label(found.rest) if found is not None else ""
        if found is not None and self.second_practice(found.code, name):
            self.stop(name)
            return
        if found is not None and self.unlabelled_second_template(found.code, upcoming or []):
            self.stop(opening_words(body), named=False)
            return
        if found is not None:
            self.guessed(found)
            self.start(found.code, found.language, found.label)
            if not body.strip() and found.code != "organisation_type":
                body = answer_in_label(found.rest)  # typed into the label cell, the answer cell left empty
            self.add(f"{found.label}: {body}" if found.code == "organisation_type" else body)
        elif is_only_instructions(label):
            self.languages.update(strip_instructions(label)[1])
            self.add(body)
        else:
            self.unknown_label(label, body)

    def cell_label(self, label: str) -> LabelMatch | None:
        """The field a label cell names: the template's label, in other words, or a translated template's."""
        found = match_label(label)
        if found is None and (code := guessed_label(label) or self.results_code(label, [])):
            found = LabelMatch(code, "", " ".join(label.split()), "", guessed=True)
        return found or label_in_own_words(label)  # a translated template's label in the writer's words

    def unknown_label(self, label: str, body: str) -> None:
        """Keep a row that names no field in the narrative field before it,
        or at the end of the description."""
        where = self.current if self.current in NARRATIVE_FIELD_CODES else "description"
        if self.current and where != self.current:
            self.overflow = where
        message = _("The row “%(label)s” matches no template field; its text was kept here.") % {"label": label}
        self.warnings.append(ImportWarning(where, "unknown_label", message))
        self.add(f"{label}\n\n{body}")

    def answered(self, chunk: list[str]) -> bool:
        """Whether the current field has an answer, in the text added or in ``chunk``."""
        if self.current is None:
            return False
        return any(part.strip() for part in (*self.sections[self.current], *chunk))

    def results_code(self, label: str, chunk: list[str]) -> str | None:
        """ "deliverables" for a label saying results ("Resultados", "Rezultaty") right after an answered start of
        the practice, where the template has the deliverables, when no deliverables were found yet: results may
        also be the evidence, which the template puts after them."""
        said = " ".join(fold(label).strip(" :：").split())
        if said in RESULTS_LABELS and self.current == "start" and "deliverables" not in self.sections:
            return "deliverables" if self.answered(chunk) else None
        return None

    def results_heading(self, line: str, chunk: list[str]) -> LabelMatch | None:
        """A heading or a bold line saying results where the deliverables stand (``results_code``)."""
        heading = _HEADING.match(line)
        text = heading and (heading.group("heading") or heading.group("bold")).rstrip(" :：")
        code = self.results_code(text, chunk) if text else None
        return LabelMatch(code, "", text, "", guessed=True) if code and text else None

    def running_text(self, body: str) -> None:
        """Running text: a line that is a label starts a field."""
        chunk: list[str] = []
        lines = body.split("\n")
        for number, line in enumerate(lines):
            found = match_label_line(line) or _heading_label(line) or self.results_heading(line, chunk)
            if found is None and self.current not in NARRATIVE_FIELD_CODES and self.answered(chunk):
                heading = _HEADING.match(line)  # a section the template does not have, after a short answer
            else:
                heading = None
            if heading:
                self.add("\n".join(chunk))
                chunk = []
                self.unknown_label((heading.group("heading") or heading.group("bold")).rstrip(" :："), "")
                continue
            if found is None:
                chunk.append(line)
                continue
            if (named := self.unlabelled_second_name(found.code, chunk)) is not None:
                self.add("\n".join(chunk[: named[0]]))
                self.stop(named[1])
                return
            if self.unlabelled_second_template(found.code, _labels_after(lines, number)):
                self.add("\n".join(chunk))
                self.stop(opening_words(found.rest or "\n".join(lines[number + 1 :])), named=False)
                return
            self.add("\n".join(chunk))
            chunk = []
            name = found.rest or markdown_to_plain(next((after for after in lines[number + 1 :] if after.strip()), ""))
            if self.second_practice(found.code, name):
                self.stop(name)
                return
            self.guessed(found)
            self.start(found.code, found.language, found.label)
            if found.code == "organisation_type":  # a line of the organisation's answer, in the template's words
                chunk.append(f"Type of organisation: {found.rest}" if found.guessed else line)
            elif found.rest:
                chunk.append(found.rest)
        self.add("\n".join(chunk))


# "Results" in the template's languages (folded), a label some translations give the deliverables.
RESULTS_LABELS = frozenset(
    """results resultats ergebnisse resultaten resultat resultater tulokset resultados risultati rezultaty vysledky
    rezultati eredmenyek tulemused rezultate rezultatai rezultati αποτελεσματα резултати""".split()
)


# A line holding a few words and a colon only ("Thema's:"), as writers who end every label with a colon write them.
_COLON_LINE = re.compile(r"^\s*(?P<label>[^\W\d_][^:：]{0,40}?)\s*[:：]\s*$")


def _heading_label(line: str) -> LabelMatch | None:
    """A heading, a bold line or a line of a few words ending in a colon, that is a label of label cells only and
    nothing else ("### Themes", "Thema's:")."""
    heading = _HEADING.match(line)
    text = heading and (heading.group("heading") or heading.group("bold")).rstrip(" :：")
    if not text and (colon := _COLON_LINE.match(line)):
        found = match_label(colon["label"])
        return found if found and not found.rest else None
    found = match_label(text) if text else None
    if found is None and text:
        return label_in_own_words(text)  # a translated template's label in the writer's words
    return found if found and (not found.rest or is_only_instructions(found.rest)) else None


# The words of a table's header row ("Field | Answer", "Rubrique | Réponse"), folded.
_HEADER_WORDS = frozenset(
    "field fields answer answers question questions response responses reply item section topic category "
    "information details content value your champ champs reponse reponses rubrique element contenu valeur votre".split()
)


def _is_header_row(cells: list[Cell], number: int) -> bool:
    """The first row of a table naming its columns, followed by a row of the template."""
    cell, following = cells[number], cells[number + 1] if number + 1 < len(cells) else None
    first_row = number == 0 or cells[number - 1].label is None
    words = tokens(f"{cell.label} {cell.body}")
    return (
        first_row
        and following is not None
        and following.label is not None
        and match_label(following.label) is not None
        and bool(words)
        and all(word in _HEADER_WORDS for word in words)
    )


def assemble(cells: list[Cell]) -> Assembly:
    assembly = Assembly()
    for number, cell in enumerate(cells):
        assembly.joined += cell.joined
        if cell.label is not None and _is_header_row(cells, number):
            continue
        if assembly.next_practice is not None and cell.field is None and not cell.attachments:
            continue  # a second template's text: not this practice's
        if cell.attachments:
            assembly.warnings.append(ImportWarning("document", "several_templates", several_templates(cell)))
            continue
        if cell.field is not None:
            assembly.extra.setdefault(cell.field, []).append(cell.body)
            message = _(
                "The document is an e-mail: the template in it was read, and the e-mail's own text (its sentences, "
                "sender and signature; not its greeting nor the people it was sent or copied to) was put here, in the "
                "contact details, which members of verified organisations read. Keep what belongs here and delete "
                "the rest."
            )
            assembly.warnings.append(ImportWarning(cell.field, "mail_text", message))
        elif cell.label is not None:
            assembly.label_cell(cell.label, cell.body, _cell_labels_after(assembly, cells, number))
        elif cell.loose:
            assembly.running_text(cell.body)
        else:
            assembly.add(cell.body)
    if assembly.next_practice is not None:
        assembly.warnings.append(ImportWarning("document", "several_templates", second_practice_left(assembly)))
    return assembly


def _cell_labels_after(assembly: Assembly, cells: list[Cell], number: int) -> list[str]:
    """The fields the next ``REPEATED_RUN`` label cells after ``cells[number]`` name (a label naming none stops)."""
    codes: list[str] = []
    for cell in cells[number + 1 :]:
        if len(codes) == REPEATED_RUN or cell.field is not None:
            break
        if cell.label is None:
            if cell.body.strip():
                break
            continue
        found = assembly.cell_label(cell.label)
        if found is None:
            break
        codes.append(found.code)
    return codes


def _labels_after(lines: list[str], number: int) -> list[str]:
    """The fields the next ``REPEATED_RUN`` labels of running text after ``lines[number]`` name."""
    codes: list[str] = []
    for line in lines[number + 1 :]:
        if len(codes) == REPEATED_RUN:
            break
        found = match_label_line(line) or _heading_label(line)
        if found is not None:
            codes.append(found.code)
    return codes


OPENING_WORDS = 8


def opening_words(text: str) -> str:
    """The first words of a second template's answer, to name it when it names no practice."""
    words = markdown_to_plain(text).split()
    return " ".join(words[:OPENING_WORDS]) + ("…" if len(words) > OPENING_WORDS else "")


def second_practice_left(assembly: Assembly) -> str:
    """The message for a document holding a second template after the first."""
    title = next((part.strip().split("\n")[0] for part in assembly.sections.get("title", []) if part.strip()), "")
    if assembly.next_unnamed:
        return _(
            "The document holds more than one practice, and one upload is one practice: the first, “%(title)s”, was "
            "read here. A second template follows, without the practice's name, from its description on "
            "(“%(next)s”); it was not read: save it as a document of its own, add the practice's name, and upload "
            "it to add that practice."
        ) % {"title": markdown_to_plain(title), "next": assembly.next_practice}
    return _(
        "The document holds more than one practice, and one upload is one practice: the first, “%(title)s”, was "
        "read here. The text from the next “Name of the practice” on (“%(next)s”) was not read: save it as a "
        "document of its own and upload it to add that practice."
    ) % {"title": markdown_to_plain(title), "next": assembly.next_practice}


def several_templates(cell: Cell) -> str:
    """The message for an e-mail carrying several templates: which one was read, which were left."""
    read, *left = cell.attachments
    return _(
        "The e-mail carries %(count)d templates, and one upload is one practice: “%(read)s” was read here. Not read: "
        "%(left)s. Save each of those from the e-mail and upload it on its own to add its practice."
    ) % {"count": len(cell.attachments), "read": read, "left": ", ".join(f"“{name}”" for name in left)}


def clean_answer(text: str, *, narrative: bool = False) -> tuple[str, Counter]:
    """An answer without the template's instructions, as tidy Markdown; a lone
    dash means "none" and becomes the empty string, and so does a ``narrative`` field's "N/A"."""
    stripped, found = strip_instructions(text)
    stripped = tidy_markdown(without_placeholders_and_requests(stripped))
    if stripped.strip() in _NONE_ANSWERS or (narrative and _not_applicable(stripped)):
        stripped = ""
    return stripped, found


def _not_applicable(answer: str) -> bool:
    """Whether an answer says only that the field does not apply ("N/A", "n.a.", "Not applicable")."""
    said = " ".join(fold(answer.replace("\\", "")).split()).strip(" *_").rstrip(".").strip()
    return said in _NOT_APPLICABLE


def _said(part: str) -> str:
    """What a part of an answer says, whatever its case, accents and spacing."""
    return " ".join(fold(part).split())


def clean_sections(assembly: Assembly) -> dict[str, str]:
    """Each field's answer, cleaned; the preamble under the key ``""``."""
    answers: dict[str, str] = {}
    codes = ["", *assembly.sections, *(code for code in assembly.extra if code not in assembly.sections)]
    repeated = {warning.field for warning in assembly.warnings if warning.code == "repeated_field"}
    for code in codes:
        own = assembly.preamble if code == "" else assembly.sections.get(code, [])
        parts = own + assembly.extra.get(code, [])
        if code in repeated:  # a section pasted twice as it was: its words once (nothing is lost)
            kept: dict[str, str] = {}
            for part in parts:
                kept.setdefault(_said(part), part)
            parts = list(kept.values())
        answers[code], found = clean_answer("\n\n".join(parts), narrative=code in NARRATIVE_FIELD_CODES)
        assembly.languages.update(found)
    return answers
