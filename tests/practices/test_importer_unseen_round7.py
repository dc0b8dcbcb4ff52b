"""A seventh sweep of 16 filled-in templates the importer had never met, in the shapes real contributors send and the
six earlier rounds did not cover: a saved e-mail (.eml) with the template quoted in its body, and one with the
template attached as a Word file; a Word template file (.dotx) filled in and sent as it was; a template filled in by
two people, each answering in their own language (an OpenDocument table); answers written as bullet lists under
their labels; the template's instructions ("Please describe…") left in the answers; the template's field numbers
("3.2") before the labels; fields left with the Word form's placeholder text ("Click or tap here to enter text.");
closed-list answers given with synonyms in another EU language; years written as ranges, "since 2019", a school year;
a country written in its own language; a template quoted in an e-mail and wrapped by the mail program; a Rich Text
file with a table, as Google Docs exports it; and round 6's leftovers: labels broken over three lines or more by a
PDF converter (and a warning for the words it re-joined), a checklist in Yes / No columns separated by tabs, a
meaning packed in one word ("högerextrema"), and a type-of-organisation label rewritten by a machine.

First run (fields read right / expected, counting each answer that must land in its field and each text that must
not land in a given field): 133 of 201, 3 of 16 documents whole; the two .eml files and the .dotx were refused as of
an unknown type, every answer of the others was kept; 50 of the file's 100 tests failed. After the fixes 201 of 202,
15 of 16 whole (the 16th a strict xfail: returnees as an audience). Two expectations were the test's own fault and
corrected after the first run: the ODT's title holds the curly apostrophe pandoc's Markdown writes, and the mail's
own "Anna <anna@example.org> wrote:" line, in the contact details, holds a "> " (the quote marks are now checked to
be absent from the title and the description only).

Every invented name, address and number here is fictional (example.org, 000 numbers).
"""

import io
import zipfile
from email.message import EmailMessage

import pytest
from docx import Document

from practices.importer import UnreadableDocument, import_document
from practices.importer.vocabulary import Vocabulary
from tests.practices.template_sweep import (
    Case,
    check_fields,
    check_kept,
    docx_table,
    imported_case,
    odt_from_markdown,
    params,
    saved_docx,
    text,
    warnings_coded,
)


def eml(body: str, *, subject: str = "RE: RAN practice", attachment: tuple[str, bytes] | None = None) -> bytes:
    """An e-mail saved from a mail program (.eml): UTF-8 in quoted-printable, as Thunderbird and Outlook save one;
    with ``attachment`` (filename, bytes) a multipart message carrying the file."""
    message = EmailMessage()
    message["From"] = "Jan Example <jan@example.org>"
    message["To"] = "practices@example.org"
    message["Subject"] = subject
    message["Date"] = "Tue, 14 May 2024 10:02:00 +0200"
    message.set_content(body, cte="quoted-printable")
    if attachment:
        name, data = attachment
        message.add_attachment(
            data,
            maintype="application",
            subtype="vnd.openxmlformats-officedocument.wordprocessingml.document",
            filename=name,
        )
    return bytes(message)


def as_word_template(docx: bytes) -> bytes:
    """A .docx saved as a Word template (.dotx): the same package, its main part's content type a template's."""
    source, out = zipfile.ZipFile(io.BytesIO(docx)), io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for member in source.infolist():
            data = source.read(member.filename)
            if member.filename == "[Content_Types].xml":
                data = data.replace(b"document.main+xml", b"template.main+xml")
            target.writestr(member, data)
    return out.getvalue()


def grid_table(rows: list[tuple[str, str]]) -> str:
    """A pandoc grid table of two columns, each cell's paragraphs split by blank lines."""
    left = max(len(line) for label, _ in rows for line in label.split("\n")) + 2
    right = max(len(line) for _, answer in rows for line in answer.split("\n")) + 2
    rule = f"+{'-' * left}+{'-' * right}+"
    out = [rule]
    for label, answer in rows:
        lines_l, lines_r = label.split("\n"), answer.split("\n")
        for number in range(max(len(lines_l), len(lines_r))):
            cell_l = lines_l[number] if number < len(lines_l) else ""
            cell_r = lines_r[number] if number < len(lines_r) else ""
            out.append(f"| {cell_l:<{left - 2}} | {cell_r:<{right - 2}} |")
        out.append(rule)
    return "\n".join(out) + "\n"


def rtf_table(rows: list[tuple[str, str]]) -> bytes:
    """A Rich Text table of two columns as Google Docs and LibreOffice export one (\\trowd … \\cell … \\row), letters
    past ASCII as \\u escapes, a line break inside a cell as \\line."""

    def escaped(cell: str) -> str:
        cell = "".join(c if ord(c) < 128 else f"\\u{ord(c) if ord(c) < 32768 else ord(c) - 65536}?" for c in cell)
        return cell.replace("\n", "\\line ")

    body = "".join(
        "\\trowd\\trgaph108\\cellx3200\\cellx9400"
        f"\\pard\\intbl {escaped(label)}\\cell\\pard\\intbl {escaped(answer)}\\cell\\row\n"
        for label, answer in rows
    )
    return ("{\\rtf1\\ansi\\deff0{\\fonttbl{\\f0 Arial;}}\n\\pard Practice template\\par\n" + body + "}").encode()


def tabbed_columns(label: str, heads: tuple[str, str], rows: list[tuple[str, str]]) -> list[str]:
    """A checklist in Yes / No columns typed with tabs, as in a word processor: the X in the column it names."""
    marked = [f"{entry}\t" + ("X\t" if mark == heads[0] else "\tX") for entry, mark in rows]
    return [f"{label}\t{heads[0]}\t{heads[1]}", *marked]


CASES = [
    # 1. A reply saved as .eml: the template quoted with "> " in quoted-printable UTF-8, the reply above it
    Case(
        "en-eml-quoted-reply",
        "RE_ RAN practice.eml",
        eml(
            "Hi Anna,\n\nhere is our practice as you asked, filled in below.\n\nBest wishes,\nJan\n\n"
            "On Mon, 13 May 2024 at 09:15, Anna <anna@example.org> wrote:\n"
            "> Name of the practice: Café Dialogue\n"
            "> Description: Monthly evenings in a neighbourhood café where young people, police officers and "
            "imams talk about polarisation, rumours and discrimination, led by trained moderators.\n"
            "> Peer reviewed: No\n"
            "> Key themes: Social cohesion and polarisation; Community engagement and empowerment\n"
            "> Target audience: Young people, police, religious leaders\n"
            "> Geographical scope: Schaerbeek and Molenbeek (Brussels)\n"
            "> Start of the practice: 2021\n"
            "> Organisation: Maison des Quartiers asbl\n"
            "> Country of origin: Belgium\n"
            "> Contact details: cafe@example.org\n"
            "> Last update: 2024\n"
        ),
        {
            "title": "Café Dialogue",
            "peer_reviewed": False,
            "key_themes": ["social-cohesion-polarisation", "community-engagement"],
            "target_audiences": ["youth-pupils-students", "law-enforcement", "religious-communities"],
            "start_year": 2021,
            "country": "BE",
            "last_update_year": 2024,
            "organisation.name": "Maison des Quartiers asbl",
        },
        placed=(
            ("description", "trained moderators"),
            ("geographical_scope", "Schaerbeek and Molenbeek"),
            ("contact", "cafe@example.org"),
        ),
        # the quote marks: not in the answers (the mail's "Anna <anna@example.org> wrote:" line, in the contact
        # details, holds a "> " of its own)
        absent=(("*", "=C3"), ("description", "> "), ("title", "> "), ("description", "Hi Anna"), ("title", "Subject")),
    ),
    # 2. An .eml forwarding the template as an attached Word file with German labels; the mail's body is no answer
    Case(
        "de-eml-attachment",
        "Praxis.eml",
        eml(
            "Hallo,\n\nanbei unsere Praxis für die Sammlung.\n\nViele Grüße\nJonas Beispiel\nTel. 000 000 000\n",
            subject="Praxisbeschreibung",
            attachment=(
                "Praxis_Vorlage.docx",
                docx_table(
                    [
                        ("Name der Praxis", "Zweite Chance"),
                        (
                            "Beschreibung",
                            "Ausstiegsbegleitung für junge Menschen aus der rechtsextremen Szene: Coaching, "
                            "Wohnungssuche und Gespräche mit den Eltern.",
                        ),
                        ("Peer-Review", "Nein"),
                        ("Schlüsselthemen", "Ausstiegsstrategien; Gewaltbereiter Rechtsextremismus"),
                        ("Zielgruppe", "Jugendliche, Eltern"),
                        ("Geografischer Geltungsbereich", "Sachsen"),
                        ("Beginn der Praxis", "2016"),
                        ("Organisation", "Zweite Chance e.V.\nArt der Organisation: gemeinnütziger Verein"),
                        ("Herkunftsland", "Deutschland"),
                        ("Kontaktdaten", "kontakt@example.org"),
                        ("Letzte Aktualisierung", "2023"),
                    ]
                ),
            ),
        ),
        {
            "title": "Zweite Chance",
            "peer_reviewed": False,
            "key_themes": ["exit-strategies", "violent-right-wing-extremism"],
            "target_audiences": ["youth-pupils-students", "families"],
            "start_year": 2016,
            "country": "DE",
            "last_update_year": 2023,
            "organisation.name": "Zweite Chance e.V.",
            "organisation.type": "ngo",
        },
        placed=(
            ("description", "Wohnungssuche"),
            ("geographical_scope", "Sachsen"),
            ("contact", "kontakt@example.org"),
        ),
        absent=(("description", "anbei unsere Praxis"), ("*", "Content-Type"), ("*", "base64")),
    ),
    # 3. A Word template (.dotx) filled in and sent as it was, French labels
    Case(
        "fr-dotx-template",
        "modele_pratique.dotx",
        as_word_template(
            docx_table(
                [
                    ("Nom de la pratique", "Paroles de parents"),
                    (
                        "Description (maximum 300 mots)",
                        "Groupes de parole pour les parents inquiets de la radicalisation de leur enfant, animés "
                        "par une psychologue et une médiatrice.",
                    ),
                    ("Examiné par les pairs", "Oui"),
                    ("Principaux thèmes", "Soutien de la famille ; Prévention (précoce)"),
                    ("Public cible", "Familles"),
                    ("Couverture géographique", "Métropole de Lyon"),
                    ("Début de la pratique", "2018"),
                    ("Organisation", "Association Relais Familles"),
                    ("Pays d'origine", "France"),
                    ("Contacts", "relais@example.org"),
                    ("Dernière mise à jour (année)", "2024"),
                ]
            )
        ),
        {
            "title": "Paroles de parents",
            "peer_reviewed": True,
            "key_themes": ["family-support", "early-prevention"],
            "target_audiences": ["families"],
            "start_year": 2018,
            "country": "FR",
            "last_update_year": 2024,
            "organisation.name": "Association Relais Familles",
        },
        placed=(("description", "une médiatrice"), ("geographical_scope", "Métropole de Lyon")),
    ),
    # 4. Two writers in an OpenDocument table: English labels, each answer in English and then in German
    Case(
        "en-de-odt-two-writers",
        "practice.odt",
        odt_from_markdown(
            grid_table(
                [
                    ("Name of the practice", "Parents' Circle / Elternkreis"),
                    (
                        "Description",
                        "Parents of young people at risk meet every two weeks with a counsellor.\n\n"
                        "Eltern gefährdeter Jugendlicher treffen sich alle zwei Wochen mit einer Beraterin.",
                    ),
                    ("Peer reviewed", "No / Nein"),
                    ("Key themes", "Family support / Unterstützung von Familien\n\n(Early) prevention"),
                    ("Target audience", "Families, Eltern"),
                    ("Geographical scope", "Bremen und Umland"),
                    ("Start of the practice", "seit 2019"),
                    ("Organisation", "Elternkreis Bremen e.V."),
                    ("Country of origin", "Deutschland"),
                    ("Contact details", "elternkreis@example.org"),
                    ("Last update", "2024"),
                ]
            )
        ),
        {
            "title": "Parents’ Circle / Elternkreis",  # pandoc's Markdown writes a curly apostrophe in the file
            "peer_reviewed": False,
            "key_themes": ["family-support", "early-prevention"],
            "target_audiences": ["families"],
            "start_year": 2019,
            "end_year": None,
            "country": "DE",
            "last_update_year": 2024,
            "organisation.name": "Elternkreis Bremen e.V.",
        },
        placed=(
            ("description", "every two weeks"),
            ("description", "alle zwei Wochen"),
            ("geographical_scope", "Bremen und Umland"),
        ),
    ),
    # 5. Answers as bullet lists under bold labels (Markdown), "*" and "-" bullets, a nested list in the deliverables
    Case(
        "en-md-bullet-answers",
        "practice.md",
        text(
            "**Name of the practice**",
            "",
            "Safe Spaces Online",
            "",
            "**Description**",
            "",
            "- Youth workers moderate online groups where teenagers discuss extremist content they meet.",
            "- Each group has two moderators and meets weekly.",
            "",
            "**Peer reviewed**",
            "",
            "- Yes",
            "",
            "**Key themes**",
            "",
            "* New technologies and the online dimension",
            "* Vulnerable youth and youth engagement",
            "",
            "**Target audience**",
            "",
            "* Teenagers",
            "* Youth workers",
            "* Online community",
            "",
            "**Geographical scope**",
            "",
            "- Flanders",
            "- Brussels",
            "",
            "**Start of the practice**",
            "",
            "- 2020",
            "",
            "**Deliverables**",
            "",
            "- A moderators' handbook",
            "  - in Dutch",
            "  - in French",
            "- Five short videos",
            "",
            "**Organisation**",
            "",
            "- Jeugdwerk Digitaal vzw",
            "",
            "**Country of origin**",
            "",
            "- Belgium",
            "",
            "**Contact details**",
            "",
            "- online@example.org",
            "",
            "**Last update**",
            "",
            "- 2024",
        ),
        {
            "title": "Safe Spaces Online",
            "peer_reviewed": True,
            "key_themes": ["online-dimension", "youth-engagement"],
            "target_audiences": ["youth-pupils-students", "social-workers", "online-community"],
            "start_year": 2020,
            "country": "BE",
            "last_update_year": 2024,
            "organisation.name": "Jeugdwerk Digitaal vzw",
        },
        placed=(
            ("description", "two moderators"),
            ("geographical_scope", "Flanders"),
            ("geographical_scope", "Brussels"),
            ("deliverables", "Five short videos"),
            ("deliverables", "in French"),
        ),
        absent=(("title", "- "), ("organisation", "- Jeugdwerk")),
    ),
    # 6. A Word table whose answer cells still begin with the template's instructions, some in the writer's words
    Case(
        "en-docx-instructions-left",
        "practice.docx",
        docx_table(
            [
                ("Name of the practice", "Please give the name of your practice.\nStreet Mediators"),
                (
                    "Description (max. 300 words)",
                    "Please describe the aim of the practice and the working method used (max. 300 words):\n"
                    "Trained mediators from the neighbourhood step in when conflicts between groups of young men "
                    "risk turning into violence with an extremist motive.",
                ),
                ("Peer reviewed", "Please answer yes or no.\nNo"),
                (
                    "Key themes (select the two that fit best)",
                    "Please select the two key themes that best fit the practice.\n"
                    "Community engagement and empowerment\nVulnerable youth and youth engagement",
                ),
                (
                    "Target audience (at least one)",
                    "Please select at least one target audience that best fits the practice.\nYouth/pupils/students",
                ),
                (
                    "Geographical scope",
                    "Please indicate where the practice has been/is being implemented (countries, regions, cities).\n"
                    "Malmö, Rosengård",
                ),
                (
                    "Start of the practice",
                    "Please indicate the year the practice started and, if no longer active, when it ended.\n2017",
                ),
                ("Organisation", "Please insert a description of max. 100 words.\nFöreningen Gatufred"),
                ("Country of origin", "Please state the country.\nSweden"),
                ("Contact details", "Please provide a name and an e-mail address.\ngatufred@example.org"),
                ("Last update", "Please give the year of the last update.\n2023"),
            ]
        ),
        {
            "title": "Street Mediators",
            "peer_reviewed": False,
            "key_themes": ["community-engagement", "youth-engagement"],
            "target_audiences": ["youth-pupils-students"],
            "start_year": 2017,
            "country": "SE",
            "last_update_year": 2023,
            "organisation.name": "Föreningen Gatufred",
        },
        placed=(("description", "Trained mediators"), ("geographical_scope", "Rosengård")),
        absent=(
            ("description", "Please describe"),
            ("geographical_scope", "Please indicate"),
            ("organisation", "Please insert"),
            ("contact", "Please provide"),
            ("start", "Please indicate"),
        ),
    ),
    # 7. The template's field numbers before its labels, section headings between, in plain text
    Case(
        "en-txt-field-numbers",
        "practice.txt",
        text(
            "SECTION 1 - GENERAL INFORMATION",
            "1.1 Name of the practice: Open Doors Mentoring",
            "1.2 Description: Volunteer mentors support young adults released from prison after an extremism-"
            "related conviction, for a year after release.",
            "1.3 Peer reviewed: No",
            "SECTION 2 - THEMES AND AUDIENCE",
            "2.1 Key themes: Prison and probation; Deradicalisation/disengagement",
            "2.2 Target audience: Violent extremists; Prison / probation",
            "SECTION 3 - SCOPE AND TIMING",
            "3.1 Geographical scope: Greater Manchester",
            "3.2 Start of the practice: 2015",
            "3.2.1 Deliverables: A mentor training course.",
            "SECTION 4 - ORGANISATION",
            "4.1 Organisation: Open Doors Trust",
            "4.2 Country of origin: United Kingdom",
            "4.3 Contact details: opendoors@example.org",
            "4.4 Last update: 2022",
        ),
        {
            "title": "Open Doors Mentoring",
            "peer_reviewed": False,
            "key_themes": ["prison-probation", "deradicalisation-disengagement"],
            "target_audiences": ["violent-extremists", "prison-probation"],
            "start_year": 2015,
            "country": "GB",
            "last_update_year": 2022,
            "organisation.name": "Open Doors Trust",
        },
        placed=(("geographical_scope", "Greater Manchester"), ("deliverables", "mentor training course")),
        absent=(
            ("geographical_scope", "SECTION"),
            ("description", "SECTION 2"),
            ("start", "3.2.1"),
            ("organisation", "4.2"),
            ("deliverables", "SECTION 4"),
        ),
    ),
    # 8. A Word form with fields left at their placeholder text
    Case(
        "en-docx-placeholders",
        "practice.docx",
        docx_table(
            [
                ("Name of the practice", "Local Networks Against Hate"),
                (
                    "Description",
                    "A network of municipal officers, police and youth workers meets monthly to discuss cases of "
                    "young people drifting towards extremism.",
                ),
                ("Peer reviewed", "Choose an item."),
                ("Key themes", "Multi-agency cooperation\nLocal strategies/cities"),
                ("Target audience", "Authorities\nClick or tap here to enter text."),
                ("Geographical scope", "City of Tampere"),
                ("Start of the practice", "2019"),
                ("Deliverables", "Click or tap here to enter text."),
                ("Evidence and evaluation", "[Insert text here]"),
                ("Presented and discussed in RAN meeting", "Enter text."),
                ("Organisation", "City of Tampere"),
                ("Country of origin", "Finland"),
                ("Contact details", "networks@example.org"),
                ("Last update", "Click or tap to enter a date."),
            ]
        ),
        {
            "title": "Local Networks Against Hate",
            "peer_reviewed": None,
            "key_themes": ["multi-agency-cooperation", "local-strategies-cities"],
            "target_audiences": ["authorities"],
            "start_year": 2019,
            "country": "FI",
            "last_update_year": None,
            "organisation.name": "City of Tampere",
        },
        placed=(("description", "youth workers meets monthly"),),
        absent=(("*", "Click or tap"), ("*", "Choose an item"), ("*", "Insert text"), ("*", "Enter text")),
    ),
    # 9. An English template whose closed lists are answered in other EU languages' words not in the lists
    Case(
        "en-txt-eu-synonyms",
        "practice.txt",
        text(
            "Name of the practice: Kompass",
            "Description: A counselling service for relatives of people who left for Syria or Iraq, and for "
            "returnees themselves after their return.",
            "Peer reviewed: Ja",
            "Key themes: Rückkehrer und ihre Familien; Angehörigenberatung",
            "Target audience: Angehörige, Rückkehrerinnen",
            "Geographical scope: Nordrhein-Westfalen",
            "Start of the practice: 2015",
            "Organisation: Kompass Beratung",
            "Type of organisation: Beratungsstelle eines Vereins",
            "Country of origin: Deutschland",
            "Contact details: kompass@example.org",
            "Last update: 2024",
        ),
        {
            "title": "Kompass",
            "peer_reviewed": True,
            "key_themes": ["ftf-families", "family-support"],
            "target_audiences": ["families", "formers"],
            "start_year": 2015,
            "country": "DE",
            "last_update_year": 2024,
            "organisation.name": "Kompass Beratung",
            "organisation.type": "ngo",
        },
        placed=(("description", "returnees themselves"), ("geographical_scope", "Nordrhein-Westfalen")),
        xfail=(
            "Returnees (Rückkehrerinnen) name a key theme of the lists (foreign terrorist fighters and their "
            "families), no audience: whether a returnee is a former or a violent extremist is the moderator's "
            "call. The word is kept in an unknown_audience warning"
        ),
    ),
    # 10. Years as contributors write them: a school year, seasons, "since", an open range
    Case(
        "en-md-years",
        "practice.md",
        text(
            "## Name of the practice",
            "Class Talks",
            "## Description",
            "Teachers hold structured talks on extremism and conspiracy myths with classes of 14 to 16 year olds.",
            "## Key themes",
            "Formal/informal education; Ideologies and conspiracy narratives",
            "## Target audience",
            "Educators/academics",
            "## Start of the practice",
            "Pilot in the school year 2017/18, then in every school from autumn 2018 until spring 2022.",
            "## Organisation",
            "Regional Education Board Zealand",
            "## Country of origin",
            "Danmark",
            "## Last update",
            "Spring 2023",
        ),
        {
            "title": "Class Talks",
            "key_themes": ["education", "conspiracy-narratives"],
            "target_audiences": ["educators-academics"],
            "start_year": 2017,
            "end_year": 2022,
            "country": "DK",
            "last_update_year": 2023,
        },
        placed=(("start", "school year 2017/18"),),
    ),
    # 11. Dutch labels in an HTML table; the country in its own language, the audience in Dutch everyday words
    Case(
        "nl-html-own-country",
        "praktijk.html",
        (
            "<html><body><table>"
            "<tr><td>Naam van de praktijk</td><td>Wijkcoaches</td></tr>"
            "<tr><td>Beschrijving</td><td>Wijkcoaches bezoeken gezinnen waarvan een kind in aanraking komt met "
            "extremistische ideeën en brengen hen in contact met hulpverleners.</td></tr>"
            "<tr><td>Collegiale toetsing</td><td>Nee</td></tr>"
            "<tr><td>Belangrijkste thema's</td><td>Gezinsondersteuning; Vroegtijdige preventie</td></tr>"
            "<tr><td>Doelgroep</td><td>Ouders, jongeren</td></tr>"
            "<tr><td>Geografisch bereik</td><td>Utrecht-Overvecht</td></tr>"
            "<tr><td>Start van de praktijk</td><td>vanaf 2018</td></tr>"
            "<tr><td>Organisatie</td><td>Gemeente Utrecht<br>Type organisatie: Gemeente</td></tr>"
            "<tr><td>Land van herkomst</td><td>Nederland</td></tr>"
            "<tr><td>Contactgegevens</td><td>wijkcoach@example.org</td></tr>"
            "<tr><td>Laatste update</td><td>2024</td></tr>"
            "</table></body></html>"
        ).encode(),
        {
            "title": "Wijkcoaches",
            "peer_reviewed": False,
            "key_themes": ["family-support", "early-prevention"],
            "target_audiences": ["families", "youth-pupils-students"],
            "start_year": 2018,
            "end_year": None,
            "country": "NL",
            "last_update_year": 2024,
            "organisation.name": "Gemeente Utrecht",
            "organisation.type": "municipality",
        },
        placed=(("description", "hulpverleners"), ("geographical_scope", "Utrecht-Overvecht")),
    ),
    # 12. A template pasted into a mail, quoted with "> " and wrapped by the mail program at 72 characters: the
    # wrapped lines of a long answer keep their quote mark, a sign-off after the quote
    Case(
        "en-txt-mail-wrapped",
        "practice.txt",
        text(
            "Dear colleagues,",
            "please find our practice below.",
            "",
            "> Name of the practice: Family Bridges",
            "> Description: Social workers and psychologists support families whose",
            "> son or daughter holds extremist views, with home visits and a parents'",
            "> group every month.",
            "> Key themes: Family support; Mental health",
            "> Target audience: Families; Social workers",
            "> Geographical scope: County Cork",
            "> Start of the practice: 2020",
            "> Sustainability and transferability (max. 200 words): The programme",
            "> costs about 40,000 euros a year, paid by the county.",
            "> Organisation: Family Bridges CLG",
            "> Country of origin: Éire",
            "> Contact details: bridges@example.org",
            "> Last update: 2024",
            "",
            "Kind regards,",
            "Siobhán Example",
            "Phone 000 000 0000",
        ),
        {
            "title": "Family Bridges",
            "key_themes": ["family-support", "mental-health"],
            "target_audiences": ["families", "social-workers"],
            "start_year": 2020,
            "country": "IE",
            "last_update_year": 2024,
            "organisation.name": "Family Bridges CLG",
        },
        placed=(
            ("description", "holds extremist views, with home visits"),
            ("sustainability_transferability", "40,000 euros a year"),
            ("contact", "bridges@example.org"),
        ),
        absent=(("*", ">"), ("sustainability_transferability", "Kind regards"), ("description", "Dear colleagues")),
    ),
    # 13. A PDF converter's text with labels broken over three lines, hyphenated words, a machine's type label
    Case(
        "en-txt-pdf-three-lines",
        "practice.txt",
        text(
            "Name of the",
            "practice: Second",
            "Look",
            "Description: Probation officers and a former extremist run group ses-",
            "sions with people convicted of terrorist offences.",
            "Key themes: Prison and probation;",
            "Formers",
            "Target audience: Prison / probation",
            "Start of the",
            "practice (year; end",
            "year if no longer active): 2018",
            "Sustainability",
            "and transfer-",
            "ability: The sessions need two staff and a room; the costs are low.",
            "Linked to other EU",
            "initiatives or EU",
            "funding: Internal Security Fund.",
            "Organisation: Probation Service North",
            "Nature of the implementing organism: Prison or probation service",
            "Country of",
            "origin: Norway",
            "Last update: 2023",
        ),
        {
            "key_themes": ["prison-probation", "formers"],
            "target_audiences": ["prison-probation"],
            "start_year": 2018,
            "country": "NO",
            "last_update_year": 2023,
            "organisation.name": "Probation Service North",
            "organisation.type": "prison-probation",
        },
        placed=(
            ("description", "group sessions with people convicted"),
            ("sustainability_transferability", "need two staff"),
            ("eu_links_funding", "Internal Security Fund"),
        ),
        absent=(("description", "Sustainability"), ("start", "Sustainability"), ("start", "transfer")),
    ),
    # 14. Checklists in Yes / No columns separated by tabs (a word processor's tab stops), in plain text
    Case(
        "en-txt-tab-columns",
        "practice.txt",
        text(
            "Name of the practice: Open Minds",
            "Description: Workshops in vocational schools on online hate and recruitment.",
            *tabbed_columns(
                "Key themes:",
                ("Yes", "No"),
                [
                    ("New technologies and the online dimension", "Yes"),
                    ("Formers", "No"),
                    ("Formal/informal education", "Yes"),
                ],
            ),
            *tabbed_columns(
                "Target audience:",
                ("Yes", "No"),
                [("Youth/pupils/students", "Yes"), ("Families", "No"), ("Educators/academics", "Yes")],
            ),
            "Geographical scope: Styria",
            "Start of the practice: 2021",
            "Organisation: Verein Offene Köpfe",
            "Country of origin: Österreich",
            "Last update: 2024",
        ),
        {
            "title": "Open Minds",
            "key_themes": ["online-dimension", "education"],
            "target_audiences": ["youth-pupils-students", "educators-academics"],
            "start_year": 2021,
            "country": "AT",
            "last_update_year": 2024,
            "organisation.name": "Verein Offene Köpfe",
        },
        placed=(("description", "vocational schools"), ("geographical_scope", "Styria")),
    ),
    # 15. Swedish labels, a theme packed in one word ("högerextrema"), compounds naming a theme
    Case(
        "sv-docx-one-word",
        "praktik.docx",
        docx_table(
            [
                ("Praktikens namn", "Vägen ut"),
                (
                    "Beskrivning",
                    "Stöd till personer som vill lämna högerextrema miljöer: samtal, praktisk hjälp och kontakt med "
                    "familjen.",
                ),
                ("Kollegial granskning", "Nej"),
                ("Nyckelteman", "Högerextrema miljöer; Avhopparverksamhet"),
                ("Målgrupp", "Våldsbejakande extremister, anhöriga"),
                ("Geografisk omfattning", "Västra Götaland"),
                ("Praktikens start", "sedan 2017"),
                ("Organisation", "Föreningen Vägen ut"),
                ("Ursprungsland", "Sverige"),
                ("Kontaktuppgifter", "vagenut@example.org"),
                ("Senast uppdaterad", "2024"),
            ]
        ),
        {
            "title": "Vägen ut",
            "peer_reviewed": False,
            "key_themes": ["violent-right-wing-extremism", "exit-strategies"],
            "target_audiences": ["violent-extremists", "families"],
            "start_year": 2017,
            "end_year": None,
            "country": "SE",
            "last_update_year": 2024,
            "organisation.name": "Föreningen Vägen ut",
        },
        placed=(("description", "praktisk hjälp"), ("geographical_scope", "Västra Götaland")),
    ),
    # 16. A Rich Text table exported from Google Docs, line breaks inside cells, ☒ / ☐ ticks
    Case(
        "en-rtf-table",
        "practice.rtf",
        rtf_table(
            [
                ("Name of the practice", "Voices of Survivors"),
                (
                    "Description",
                    "Survivors of terrorist attacks tell their story in secondary schools, prepared with "
                    "teachers, to counter extremist narratives.",
                ),
                ("Peer reviewed", "☒ Yes ☐ No"),
                ("Key themes", "☒ Victims of terrorism\n☒ Alternative and counter narratives\n☐ Formers"),
                ("Target audience", "☒ Youth/pupils/students\n☐ Families\n☒ Victims of terrorism"),
                ("Geographical scope", "Madrid and Basque Country"),
                ("Start of the practice", "2012–2020"),
                ("Organisation", "Fundación Voces\nType of organisation: NGO"),
                ("Country of origin", "España"),
                ("Contact details", "voces@example.org"),
                ("Last update", "2021"),
            ]
        ),
        {
            "title": "Voices of Survivors",
            "peer_reviewed": True,
            "key_themes": ["victims-of-terrorism", "alternative-counter-narratives"],
            "target_audiences": ["youth-pupils-students", "victims-of-terrorism"],
            "start_year": 2012,
            "end_year": 2020,
            "country": "ES",
            "last_update_year": 2021,
            "organisation.name": "Fundación Voces",
            "organisation.type": "ngo",
        },
        placed=(("description", "secondary schools"), ("geographical_scope", "Basque Country")),
        absent=(("*", "\\cell"), ("*", "trowd")),
    ),
]


@pytest.mark.parametrize("case", params(CASES))
def test_unseen_template_gives_its_fields(case):
    check_fields(case)


@pytest.mark.parametrize("case", [pytest.param(case, id=case.id) for case in CASES])
def test_unseen_template_keeps_every_answer(case):
    check_kept(case)


# --- saved e-mails (.eml) ------------------------------------------------------------------------------------------


def test_an_eml_s_own_text_goes_to_the_contact_details_with_a_warning():
    parsed = imported_case(CASES, "en-eml-quoted-reply")
    assert "Best wishes" in parsed.contact and "Hi Anna" not in parsed.fields["description"]
    assert [field for field, _ in warnings_coded(parsed, "mail_text")] == ["contact"]


def test_an_eml_s_attached_template_is_read_and_its_body_kept_in_the_contact_details():
    parsed = imported_case(CASES, "de-eml-attachment")
    assert "anbei unsere Praxis" in parsed.contact
    assert [field for field, _ in warnings_coded(parsed, "mail_text")] == ["contact"]


def test_an_eml_with_no_template_keeps_its_text_as_the_description():
    parsed = import_document(eml("Hello, we run a mentoring project for young people in Ghent."), "mail.eml")
    assert "mentoring project" in parsed.fields["description"]
    assert "unmapped_document" in parsed.warning_codes()


def test_an_eml_whose_body_is_html_only_is_read():
    message = EmailMessage()
    message["Subject"] = "Practice"
    message.set_content(
        "<html><body><p><b>Name of the practice:</b> Bridges</p><p><b>Description:</b> Mentors meet pupils.</p>"
        "<p><b>Country of origin:</b> Belgium</p></body></html>",
        subtype="html",
    )
    parsed = import_document(bytes(message), "mail.eml")
    assert (parsed.title, parsed.fields["description"], parsed.country) == ("Bridges", "Mentors meet pupils.", "BE")


def test_an_eml_s_damaged_attachment_is_named_in_the_message():
    with pytest.raises(UnreadableDocument, match=r"Praxis\.docx"):
        import_document(eml("Anbei.", attachment=("Praxis.docx", b"PK\x03\x04 damaged")), "mail.eml")


def test_an_eml_s_attachment_of_another_type_is_passed_over_for_its_body():
    message = EmailMessage()
    message["Subject"] = "Practice"
    message.set_content("> Name of the practice: Bridges\n> Description: Mentors.\n> Country of origin: Belgium\n")
    message.add_attachment(b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, maintype="image", subtype="png", filename="logo.png")
    parsed = import_document(bytes(message), "mail.eml")
    assert (parsed.title, parsed.country) == ("Bridges", "BE")


def test_text_that_is_no_e_mail_saved_as_eml_is_refused_with_a_message():
    with pytest.raises(UnreadableDocument):
        import_document(b"\x00\x01\x02 not a mail \xff\xfe", "broken.eml")


# --- Word templates and macro documents -----------------------------------------------------------------------------


@pytest.mark.parametrize("extension", [".dotx", ".docm"])
def test_a_word_template_or_macro_document_is_read_as_a_word_file(extension):
    document = docx_table([("Name of the practice", "Bridges"), ("Description", "Mentors meet pupils.")])
    if extension == ".dotx":
        document = as_word_template(document)
    parsed = import_document(document, f"practice{extension}")
    assert (parsed.title, parsed.fields["description"]) == ("Bridges", "Mentors meet pupils.")


def test_a_word_template_naming_no_field_keeps_its_text_as_the_description():
    document = Document()
    document.add_paragraph("We run a mentoring project for young people in Ghent.")
    parsed = import_document(as_word_template(saved_docx(document)), "notes.dotx")
    assert "mentoring project" in parsed.fields["description"] and "unmapped_document" in parsed.warning_codes()


@pytest.mark.parametrize("extension", [".dotx", ".docm"])
def test_a_damaged_word_template_is_refused_with_a_message(extension):
    with pytest.raises(UnreadableDocument, match="Word"):
        import_document(b"PK\x03\x04 damaged", f"practice{extension}")


@pytest.mark.parametrize(("filename", "what_to_send"), [("practice.doc", r"save it as \.docx"), ("RE.msg", r"\.eml")])
def test_an_old_word_file_or_outlook_message_is_refused_with_a_message_naming_what_to_send(filename, what_to_send):
    with pytest.raises(UnreadableDocument, match=what_to_send):
        import_document(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, filename)


# --- instructions and placeholders --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "instruction",
    [
        "Please describe the practice here.",
        "Please list the deliverables (manuals, videos…):",
        "Describe the aim and the working method (max. 300 words).",
        "Veuillez décrire la pratique.",
    ],
)
def test_an_instruction_left_before_an_answer_is_dropped(instruction):
    parsed = import_document(
        docx_table([("Name of the practice", "Bridges"), ("Description", f"{instruction}\nMentors meet pupils.")]),
        "x.docx",
    )
    assert parsed.fields["description"] == "Mentors meet pupils."


@pytest.mark.parametrize(
    "answer",
    [
        "Please note that our mentors meet pupils weekly.",  # a sentence of the answer, not an instruction
        "Please call us: mentors answer every day.",
        "Mentors meet pupils.\nPlease describe your worries to a mentor here.",  # not before the answer
    ],
)
def test_an_answer_that_starts_with_please_is_kept(answer):
    parsed = import_document(docx_table([("Name of the practice", "Bridges"), ("Description", answer)]), "x.docx")
    assert parsed.fields["description"] == answer


@pytest.mark.parametrize(
    "placeholder",
    [
        "Click or tap here to enter text.",
        "Click here to enter text.",
        "Choose an item.",
        "[Insert text here]",
        "<insert text>",
        "Enter text.",
        "Cliquez ou appuyez ici pour entrer du texte.",
        "Klicken oder tippen Sie hier, um Text einzugeben.",
    ],
)
def test_a_placeholder_left_in_a_field_is_no_answer(placeholder):
    parsed = import_document(
        docx_table([("Name of the practice", "Bridges"), ("Description", "Mentors."), ("Deliverables", placeholder)]),
        "x.docx",
    )
    assert parsed.fields.get("deliverables", "") == ""


@pytest.mark.parametrize(
    "answer",
    [
        "Pupils enter text into a shared board, then discuss it.",
        "Part 2 - we trained 40 teachers.",
        "Section 3 of the manual covers families.",
        "Part 2. Families met weekly.",
    ],
)
def test_words_like_a_placeholder_or_a_part_s_heading_in_an_answer_are_kept(answer):
    parsed = import_document(docx_table([("Name of the practice", "Bridges"), ("Description", answer)]), "x.docx")
    assert parsed.fields["description"] == answer


# --- years -----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "years"),
    [
        ("since 2019", (2019, None)),
        ("2017 – present", (2017, None)),
        ("school year 2019/20", (2019, None)),
        ("Spring 2018 – autumn 2021", (2018, 2021)),
        ("sedan 2017", (2017, None)),
        ("siden 2018", (2018, None)),
        ("vanaf 2016", (2016, None)),
        ("2015 - today", (2015, None)),
        ("2014 to 2019", (2014, 2019)),
    ],
)
def test_a_start_written_as_contributors_write_it(start, years):
    parsed = import_document(f"Name of the practice: Bridges\nStart of the practice: {start}".encode(), "x.txt")
    assert (parsed.start_year, parsed.end_year) == years


# --- countries in their own language -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "code"),
    [
        ("Éire", "IE"),
        ("Suomi", "FI"),
        ("Lëtzebuerg", "LU"),
        ("Österreich", "AT"),
        ("Κύπρος", "CY"),
        ("Magyarország", "HU"),
        ("Hrvatska", "HR"),
        ("Danmark", "DK"),
        ("België / Belgique", "BE"),
        ("España", "ES"),
    ],
)
def test_a_country_written_in_its_own_language(written, code):
    parsed = import_document(f"Name of the practice: Bridges\nCountry of origin: {written}".encode(), "x.txt")
    assert parsed.country == code


# --- a PDF converter's text: labels over three lines, a warning for re-joined words --------------------------------


@pytest.mark.parametrize(
    ("document", "field", "answer"),
    [
        ("Linked to other EU\ninitiatives or EU\nfunding: ISF.", "eu_links_funding", "ISF."),
        ("Presented and\ndiscussed in RAN\nmeeting: RAN EXIT, 2019.", "ran_meetings", "RAN EXIT, 2019."),
        ("Sustainability\nand transfer-\nability: Low costs.", "sustainability_transferability", "Low costs."),
    ],
)
def test_a_label_broken_over_three_lines_is_read(document, field, answer):
    parsed = import_document(f"Name of the practice: Bridges\nDescription: Mentors.\n{document}".encode(), "x.txt")
    assert parsed.fields[field] == answer and parsed.fields["description"] == "Mentors."


def test_words_rejoined_at_a_line_s_end_are_named_in_a_warning():
    parsed = imported_case(CASES, "en-txt-pdf-three-lines")
    joined = warnings_coded(parsed, "rejoined_words")
    assert [field for field, _ in joined] == ["description"]
    assert "“sessions”" in joined[0][1]


def test_a_text_with_no_hyphen_at_a_line_s_end_has_no_rejoined_warning():
    parsed = import_document(b"Name of the practice: Bridges\nDescription: Mentors meet\npupils.", "x.txt")
    assert warnings_coded(parsed, "rejoined_words") == []


# --- a machine's type-of-organisation label, rewritten ------------------------------------------------------------


@pytest.mark.parametrize(
    "label",
    ["Nature of the implementing organism", "Implementing organisation's kind", "Organism type"],
)
def test_a_rewritten_machine_type_label_gives_the_type(label):
    parsed = import_document(
        f"Name of the practice: Bridges\nOrganisation: Ville de Gand\n{label}: Municipality".encode(), "x.txt"
    )
    assert (parsed.organisation.name, parsed.organisation.type) == ("Ville de Gand", "municipality")


# --- a meaning packed in one word ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("answer", "codes"),
    [
        ("Högerextrema miljöer", ["violent-right-wing-extremism"]),
        ("högerextremism", ["violent-right-wing-extremism"]),
        ("Vänsterextrema grupper", ["violent-left-wing-extremism"]),
        ("Højreekstremisme", ["violent-right-wing-extremism"]),
        ("Rechtsextreme Szene", ["violent-right-wing-extremism"]),
        ("Linksextremismus", ["violent-left-wing-extremism"]),
        ("Rechtsextremismusprävention", ["violent-right-wing-extremism"]),
        # a word of one meaning alone names nothing
        ("Högerpolitik", []),
    ],
)
def test_a_meaning_packed_in_one_word_is_read(answer, codes):
    assert Vocabulary.from_lists().key_themes(answer).codes == codes


# --- bullet lists and field numbers -----------------------------------------------------------------------------


@pytest.mark.parametrize("number", ["3.2", "3.2.", "3.2.1", "Q3", "Q 3.2", "Section 3.2 –"])
def test_a_field_number_before_a_label_is_skipped(number):
    parsed = import_document(f"Name of the practice: Bridges\n{number} Target audience: Families".encode(), "x.txt")
    assert parsed.target_audiences == ["families"]


def test_a_section_heading_between_fields_is_kept_out_of_the_field_before():
    parsed = imported_case(CASES, "en-txt-field-numbers")
    assert "SECTION" not in parsed.fields["start"] and "SECTION" not in parsed.fields["description"]


def test_a_bullet_answer_of_one_item_is_read_as_its_item():
    parsed = imported_case(CASES, "en-md-bullet-answers")
    assert (parsed.title, parsed.organisation.name, parsed.start_year) == (
        "Safe Spaces Online",
        "Jeugdwerk Digitaal vzw",
        2020,
    )


# --- tabbed Yes / No columns ----------------------------------------------------------------------------------------


def test_a_tabbed_checklist_with_the_columns_the_other_way_round():
    document = "\n".join(
        [
            "Name of the practice: Bridges",
            *tabbed_columns("Target audience:", ("No", "Yes"), [("Families", "No"), ("Formers", "Yes")]),
            "Country of origin: Belgium",
        ]
    )
    parsed = import_document(document.encode(), "x.txt")
    assert (parsed.target_audiences, parsed.country) == (["formers"], "BE")


def test_a_tab_separated_export_is_still_read_as_rows():
    parsed = import_document(b"Name of the practice\tBridges\nTarget audience\tFamilies\tYes", "x.txt")
    assert (parsed.title, parsed.target_audiences) == ("Bridges", ["families"])


def test_a_returnee_audience_is_kept_in_a_warning():
    parsed = imported_case(CASES, "en-txt-eu-synonyms")
    assert parsed.target_audiences == ["families"]
    assert any("Rückkehrerinnen" in message for _, message in warnings_coded(parsed, "unknown_audience"))


def test_fields_left_at_their_placeholder_are_empty():
    parsed = imported_case(CASES, "en-docx-placeholders")
    assert [parsed.fields.get(code, "") for code in ("deliverables", "evidence_evaluation", "ran_meetings")] == [
        "",
        "",
        "",
    ]
