"""A tenth sweep of 12 filled-in templates the importer had never met, in shapes real contributors send that the nine
earlier rounds did not cover: a Word table with a merged title row and nested tables (the organisation's details and
the evaluation's figures each a small table inside the answer cell); an OpenDocument table whose label cell spans two
rows, whose label and answer each span both columns on rows of their own, and whose answer runs on into a second row;
the template's guidance in italics left beside the answers; labels each alone on a line ending in a colon (Dutch);
Swedish, Polish and Greek labels; the key themes and the audience answered as a sentence; dates written as "since
spring 2019", "2018–ongoing", "09/2017 - 12/2020"; a contact block with an international phone number and no e-mail;
a PDF with a cover page, a table of contents and page numbers; the evaluation's figures in a table; and round 9's
leftovers: a second template with neither a labelled name nor a heading, a contact person named with only a phone
number or only a name in a public field, and the organisation's own address (not a person's) in a public field.

Every invented name, address and number here is fictional (example.org, 000 numbers).
"""

import io
import zipfile
from xml.sax.saxutils import escape

import pytest
from docx import Document
from docx.shared import Pt
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from practices.importer import import_document
from tests.practices.template_sweep import (
    Case,
    check_fields,
    check_kept,
    imported_case,
    odt_from_markdown,
    params,
    saved_docx,
    text,
    warnings_coded,
)

# --- makers of the files ---------------------------------------------------------------------------------------------


def nested_docx() -> bytes:
    """A Word table: a title row merged across both columns, the organisation's answer a nested table of its details,
    the evaluation's answer a sentence and a nested table of figures."""
    document = Document()
    table = document.add_table(rows=0, cols=2)
    title = table.add_row().cells
    title[0].merge(title[1])
    title[0].text = "RAN Collection of Inspiring Practices – Template 2024"

    def row(label: str, answer: str = ""):
        cells = table.add_row().cells
        cells[0].text = label
        cells[1].text = answer
        return cells[1]

    row("Name of the practice", "Second Chance Mentoring")
    row(
        "Description (max. 300 words)",
        "Volunteer mentors, themselves former gang members, meet young men on probation for violent offences every "
        "week for a year and help them back into school or work, away from the extremist milieu.",
    )
    row("Peer reviewed", "Yes")
    row("Key themes (select the two that fit best)", "Exit strategies; Formers")
    row("Target audience (at least one)", "Violent extremists; Prison / probation")
    row("Geographical scope (countries, regions, cities)", "Greater Manchester")
    row("Start of the practice (year; end year if no longer active)", "2016")
    evidence = row("Evidence and evaluation")
    evidence.paragraphs[0].text = "An external evaluation by the University of Example in 2022 counted:"
    figures = evidence.add_table(rows=0, cols=2)
    for name, number in (
        ("Young men mentored", "120"),
        ("Completed the year", "97"),
        ("In school or work a year later", "81"),
    ):
        cells = figures.add_row().cells
        cells[0].text, cells[1].text = name, number
    organisation = row("Organisation (max. 100 words; select the type of organisation)")
    details = organisation.add_table(rows=0, cols=2)
    for name, value in (
        ("Name", "Bridge Builders Foundation"),
        ("Type of organisation", "NGO"),
        ("Website", "www.example.org"),
    ):
        cells = details.add_row().cells
        cells[0].text, cells[1].text = name, value
    row("Country of origin", "United Kingdom")
    row("Contact details", "mentoring@example.org")
    row("Last update (year)", "2024")
    return saved_docx(document)


ODT_NS = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
    'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"'
)


def odt_table(rows: list[list[tuple]]) -> bytes:
    """An OpenDocument text of one two-column table, written as LibreOffice writes it: each row a list of cells,
    each cell (text, columns spanned, rows spanned), or None for a cell covered by a span."""
    body = ['<table:table table:name="Template"><table:table-column table:number-columns-repeated="2"/>']
    for cells in rows:
        body.append("<table:table-row>")
        for cell in cells:
            if cell is None:
                body.append("<table:covered-table-cell/>")
                continue
            words, columns, spanned_rows = cell
            paragraphs = "".join(f"<text:p>{escape(line)}</text:p>" for line in words.split("\n"))
            body.append(
                f'<table:table-cell table:number-columns-spanned="{columns}" '
                f'table:number-rows-spanned="{spanned_rows}" office:value-type="string">{paragraphs}'
                "</table:table-cell>"
            )
        body.append("</table:table-row>")
    body.append("</table:table>")
    content = (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {ODT_NS} office:version="1.3">'
        f"<office:body><office:text>{''.join(body)}</office:text></office:body></office:document-content>"
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" '
        'manifest:version="1.3">'
        '<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.text"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        '<manifest:file-entry manifest:full-path="styles.xml" manifest:media-type="text/xml"/>'
        "</manifest:manifest>"
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text", compress_type=zipfile.ZIP_STORED)
        archive.writestr("META-INF/manifest.xml", manifest)
        archive.writestr("content.xml", content)
        archive.writestr(
            "styles.xml",
            f'<?xml version="1.0" encoding="UTF-8"?><office:document-styles {ODT_NS} office:version="1.3">'
            "<office:styles/></office:document-styles>",
        )
    return out.getvalue()


def _cell(words: str, columns: int = 1, rows: int = 1) -> tuple:
    return (words, columns, rows)


SPLIT_ROWS_ODT = [
    [_cell("Name of the practice"), _cell("Youth Forum Online")],
    [
        _cell("Description (max. 300 words)", rows=2),
        _cell(
            "Moderators trained by the project join online gaming communities where young people meet extremist "
            "recruiters, and answer their propaganda in the chat."
        ),
    ],
    [None, _cell("In 2023 they held 300 conversations and referred 12 young people to counselling.")],
    [_cell("Peer reviewed"), _cell("No")],
    [_cell("Key themes (select the two that fit best)", columns=2), None],
    [_cell("New technologies and the online dimension; Vulnerable youth and youth engagement", columns=2), None],
    [_cell("Target audience (at least one)"), _cell("Online community")],
    [_cell(""), _cell("Youth/pupils/students")],
    [_cell("Geographical scope (countries, regions, cities)"), _cell("Sweden, online")],
    [_cell("Start of the practice (year; end year if no longer active)"), _cell("2018–ongoing")],
    [_cell("Organisation (max. 100 words; select the type of organisation)"), _cell("Spelrum ideell förening")],
    [_cell("Country of origin"), _cell("Sweden")],
    [_cell("Contact details"), _cell("forum@example.org")],
    [_cell("Last update (year)"), _cell("2024")],
]


def guidance_docx() -> bytes:
    """Headings for labels; under several, the template's guidance in italics left in, then the answer."""
    document = Document()
    blocks = [
        ("h", "Name of the practice"),
        ("i", "Give the practice a short name that says what it does."),
        ("", "Open Doors"),
        ("h", "Description"),
        (
            "i",
            "Describe in a few sentences what is done, by whom and for whom, and how the practice is linked to "
            "preventing radicalisation or violent extremism.",
        ),
        (
            "",
            "Imams and youth workers in four mosques run weekly evening groups where teenagers can ask the questions "
            "they are afraid to ask at home, before recruiters online answer them.",
        ),
        ("h", "Peer reviewed"),
        ("i", "Answer yes if the practice was presented to and discussed by peers in a RAN meeting."),
        ("", "No"),
        ("h", "Key themes"),
        ("i", "Choose the two themes from the list that fit your practice best."),
        ("", "Islamist extremism; Community engagement and empowerment"),
        ("h", "Target audience"),
        ("i", "Choose at least one audience from the list."),
        ("", "Youth/pupils/students; Religious leaders/communities"),
        ("h", "Start of the practice"),
        ("i", "Write the year the practice started, and the year it ended if it is no longer running."),
        ("", "09/2017 - 12/2020"),
        ("h", "Organisation"),
        ("i", "Write the name of your organisation and choose its type from the list."),
        ("", "Moskeeën Samen vzw"),
        ("h", "Country of origin"),
        ("", "Belgium"),
        ("h", "Contact details"),
        ("i", "These details are only shared with members of verified organisations."),
        ("", "opendoors@example.org"),
    ]
    for kind, words in blocks:
        if kind == "h":
            document.add_heading(words, level=2)
        else:
            paragraph = document.add_paragraph()
            paragraph.add_run(words).italic = kind == "i"
    return saved_docx(document)


def figures_docx() -> bytes:
    """Headings for labels; the evaluation's answer a sentence and a table of figures by year (three columns)."""
    document = Document()

    def section(label: str, *answers: str) -> None:
        document.add_heading(label, level=2)
        for answer in answers:
            document.add_paragraph(answer)

    section("Name of the practice", "Talking Walls")
    section(
        "Description (max. 300 words)",
        "Street artists and young people paint murals together in neighbourhoods where racist graffiti appeared, "
        "and talk about the hatred behind it while they work.",
    )
    section("Peer reviewed", "No")
    section(
        "Key themes (select the two that fit best)", "Social cohesion and polarisation; Violent right-wing extremism"
    )
    section("Target audience (at least one)", "Youth/pupils/students; General public")
    section("Start of the practice (year; end year if no longer active)", "since spring 2019")
    section("Evidence and evaluation", "The project counts its participants every year:")
    figures = document.add_table(rows=0, cols=3)
    for year, painted, returned in (("Year", "Murals", "Young people"), ("2021", "6", "48"), ("2022", "9", "71")):
        cells = figures.add_row().cells
        cells[0].text, cells[1].text, cells[2].text = year, painted, returned
    document.add_paragraph("Racist graffiti reported to the city fell by a third in the neighbourhoods concerned.")
    section("Organisation (max. 100 words; select the type of organisation)", "Murmur Collective CIC")
    section("Country of origin", "Ireland")
    section("Contact details", "walls@example.org")
    section("Last update (year)", "2023")
    return saved_docx(document)


def two_tables_docx() -> bytes:
    """Two templates in one Word file, one table each; the second starts at its description: no name, no heading."""
    document = Document()
    first = [
        ("Name of the practice", "Café Dialogue"),
        (
            "Description (max. 300 words)",
            "Monthly evenings in a neighbourhood café where residents and police officers talk about tensions in the "
            "district.",
        ),
        (
            "Key themes (select the two that fit best)",
            "Community engagement and empowerment; Social cohesion and polarisation",
        ),
        ("Target audience (at least one)", "General public"),
        ("Country of origin", "Denmark"),
        ("Contact details", "cafe@example.org"),
        ("Last update (year)", "2024"),
    ]
    second = [
        (
            "Description (max. 300 words)",
            "Teachers in vocational schools follow a two-day course on conspiracy narratives in the classroom.",
        ),
        (
            "Key themes (select the two that fit best)",
            "Ideologies and conspiracy narratives; Formal/informal education",
        ),
        ("Target audience (at least one)", "Educators/academics"),
        ("Country of origin", "Norway"),
        ("Contact details", "course@example.org"),
        ("Last update (year)", "2023"),
    ]
    for rows in (first, second):
        table = document.add_table(rows=0, cols=2)
        for label, answer in rows:
            cells = table.add_row().cells
            cells[0].text, cells[1].text = label, answer
        document.add_paragraph("")
    return saved_docx(document)


def cover_toc_pdf() -> bytes:
    """A PDF of four pages: a cover page, a table of contents with dot leaders and page numbers, then the template
    (bold labels) over two pages; every page but the cover numbered "Page n of 4" at its foot."""
    out = io.BytesIO()
    page = canvas.Canvas(out, pagesize=A4)

    def footer(number: int) -> None:
        page.setFont("Helvetica", 9)
        page.drawString(270, 30, f"Page {number} of 4")

    page.setFont("Helvetica-Bold", 24)
    page.drawString(60, 640, "Family Links")
    page.setFont("Helvetica", 14)
    page.drawString(60, 610, "A practice for the RAN Collection of Inspiring Practices")
    page.drawString(60, 590, "Submitted by Verein Familienbrücke, March 2024")
    page.showPage()

    page.setFont("Helvetica-Bold", 16)
    page.drawString(60, 780, "Contents")
    page.setFont("Helvetica", 11)
    y = 750.0
    for label, number in (
        ("Name of the practice", 3),
        ("Description", 3),
        ("Peer reviewed", 3),
        ("Key themes", 3),
        ("Target audience", 3),
        ("Start of the practice", 3),
        ("Evidence and evaluation", 4),
        ("Organisation", 4),
        ("Country of origin", 4),
        ("Contact details", 4),
    ):
        page.drawString(60, y, f"{label} {'.' * (70 - len(label))} {number}")
        y -= 18
    footer(2)
    page.showPage()

    def lines(rows: list[tuple[str, bool]], number: int) -> None:
        y = 780.0
        for line, bold in rows:
            page.setFont("Helvetica-Bold" if bold else "Helvetica", 11)
            page.drawString(60, y, line)
            y -= 14 if bold else 24
        footer(number)
        page.showPage()

    lines(
        [
            ("Name of the practice", True),
            ("Family Links", False),
            ("Description (max. 300 words)", True),
            ("Counsellors support parents whose sons or daughters joined violent extremist groups, at home and", False),
            ("by telephone, for as long as the family needs it.", False),
            ("Peer reviewed", True),
            ("Yes", False),
            ("Key themes (select the two that fit best)", True),
            ("Family support; Deradicalisation/disengagement", False),
            ("Target audience (at least one)", True),
            ("Families", False),
            ("Start of the practice (year; end year if no longer active)", True),
            ("2014", False),
        ],
        3,
    )
    lines(
        [
            ("Evidence and evaluation", True),
            ("A study of 2021 interviewed 30 families a year after the counselling ended.", False),
            ("Organisation (max. 100 words; select the type of organisation)", True),
            ("Verein Familienbrücke", False),
            ("Country of origin", True),
            ("Austria", False),
            ("Contact details", True),
            ("links@example.org", False),
        ],
        4,
    )
    page.save()
    return out.getvalue()


POLISH_ODT = """\
| | |
|---|---|
| Nazwa praktyki | Szkoła Dialogu |
| Opis (maks. 300 słów) | Nauczyciele gimnazjów prowadzą warsztaty o mowie nienawiści w internecie \
i uczą młodzież rozpoznawać propagandę skrajnej prawicy. |
| Recenzja koleżeńska | Nie |
| Główne tematy | Edukacja formalna/nieformalna; Brutalny ekstremizm prawicowy |
| Grupa docelowa | Młodzież/uczniowie/studenci; Nauczyciele/naukowcy |
| Zasięg geograficzny | Województwo małopolskie |
| Rozpoczęcie praktyki | 2018–obecnie |
| Organizacja | Fundacja Otwarty Dialog |
| Kraj pochodzenia | Polska |
| Dane kontaktowe | dialog@example.org |
| Ostatnia aktualizacja | 2024 |
"""


def greek_docx() -> bytes:
    document = Document()
    table = document.add_table(rows=0, cols=2)
    for label, answer in (
        ("Όνομα της πρακτικής", "Γέφυρες Γειτονιάς"),
        (
            "Περιγραφή (έως 300 λέξεις)",
            "Κοινωνικοί λειτουργοί του δήμου συναντούν οικογένειες νέων που έλκονται από εξτρεμιστικές ομάδες και "
            "τις στηρίζουν με ομάδες γονέων.",
        ),
        ("Αξιολόγηση από ομοτίμους", "Όχι"),
        ("Βασικά θέματα", "Υποστήριξη της οικογένειας; Κοινωνική συνοχή και πόλωση"),
        ("Κοινό-στόχος", "Οικογένειες"),
        ("Γεωγραφική εμβέλεια", "Θεσσαλονίκη"),
        ("Έναρξη της πρακτικής", "Από τον Σεπτέμβριο 2017 έως τον Δεκέμβριο 2020"),
        ("Οργανισμός", "Δήμος Παραδείγματος"),
        ("Χώρα προέλευσης", "Ελλάδα"),
        ("Στοιχεία επικοινωνίας", "gefyres@example.org"),
        ("Τελευταία ενημέρωση", "2021"),
    ):
        cells = table.add_row().cells
        cells[0].text, cells[1].text = label, answer
    return saved_docx(document)


DUTCH_COLON_LINES = text(
    "Naam van de praktijk:",
    "Sterke Ouders",
    "",
    "Beschrijving:",
    "Ouders van jongeren die in extremistische kringen terechtkwamen, krijgen een jaar lang begeleiding van een",
    "gezinscoach en ontmoeten elkaar in praatgroepen.",
    "",
    "Collegiaal getoetst:",
    "Ja",
    "",
    "Thema's:",
    "Gezinsondersteuning; Deradicalisering/disengagement",
    "",
    "Doelgroep:",
    "Gezinnen",
    "",
    "Geografisch bereik:",
    "Utrecht en omgeving",
    "",
    "Start van de praktijk:",
    "sinds het voorjaar van 2019",
    "",
    "Organisatie:",
    "Stichting Sterke Ouders",
    "",
    "Land van herkomst:",
    "Nederland",
    "",
    "Contactgegevens:",
    "ouders@example.org",
    "",
    "Laatste update:",
    "2024",
)


SWEDISH_MD = text(
    "**Praktikens namn**",
    "Trygga Samtal",
    "",
    "**Beskrivning**",
    "Fritidsledare i Malmö samtalar med unga som sprider våldsbejakande budskap i sociala medier och hjälper dem",
    "till andra sammanhang.",
    "",
    "**Kollegialt granskad**",
    "Nej",
    "",
    "**Huvudteman**",
    "Sårbara unga och ungas engagemang; Ny teknik och den digitala dimensionen",
    "",
    "**Målgrupp**",
    "Unga/elever/studenter",
    "",
    "**Start**",
    "Sedan våren 2019",
    "",
    "**Organisation**",
    "Malmö stad, fritidsförvaltningen",
    "",
    "**Ursprungsland**",
    "Sverige",
    "",
    "**Kontaktuppgifter**",
    "Kontaktperson: Anders Exempel",
    "Telefon: +46 70 000 00 00",
    "",
    "**Senast uppdaterad**",
    "2024",
)


THEMES_SENTENCE = text(
    "Name of the practice: Home Base",
    "Description: Social workers visit the families of men serving sentences for terrorist offences and prepare "
    "them, with the prison's staff, for the day he comes home.",
    "Peer reviewed: no",
    "Key themes: mostly family support and some work in prisons",
    "Target audience: parents and partners, and the prison staff who work with them",
    "Geographical scope: Lower Saxony",
    "Start of the practice: 2018–ongoing",
    "Organisation: Heimathafen gGmbH",
    "Country of origin: Germany",
    "Contact details: Jan Exempel, project lead, +49 511 0000 000",
    "Last update: 2024",
)


LEFTOVERS_TXT = text(
    "Name of the practice: Dialog macht Schule",
    "Description: Trained moderators hold dialogue workshops in secondary schools in Vienna on identity, religion "
    "and extremism.",
    "Peer reviewed: No",
    "Key themes: Formal/informal education; Alternative and counter narratives",
    "Target audience: Youth/pupils/students",
    "Start of the practice: 2020",
    "Deliverables: A handbook for teachers (2022). To order a printed copy, please contact Katarzyna Przykład.",
    "Evidence and evaluation: An evaluation of 2023 found that 8 of 10 pupils felt heard. The full report can be "
    "requested at dialogmachtschule@example.org.",
    "Sustainability and transferability: The workshops cost 400 euros a class. For questions about the training, "
    "call our coordinator Pieter Voorbeeld on +43 660 000 0000.",
    "Organisation: Verein Dialog macht Schule",
    "Country of origin: Austria",
    "Contact details: office@example.org",
    "Last update: 2024",
)


CASES = [
    # 1. A Word table with a merged title row; the organisation's answer a nested table of its details, the
    # evaluation's a sentence and a nested table of figures
    Case(
        "en-docx-merged-title-nested-tables",
        "practice.docx",
        nested_docx,
        {
            "title": "Second Chance Mentoring",
            "peer_reviewed": True,
            "key_themes": ["exit-strategies", "formers"],
            "target_audiences": ["violent-extremists", "prison-probation"],
            "start_year": 2016,
            "country": "GB",
            "last_update_year": 2024,
            "organisation.name": "Bridge Builders Foundation",
            "organisation.type": "ngo",
        },
        placed=(
            ("description", "former gang members"),
            ("evidence_evaluation", "University of Example in 2022"),
            ("evidence_evaluation", "Completed the year"),
            ("evidence_evaluation", "97"),
            ("contact", "mentoring@example.org"),
        ),
        absent=(("*", "Template 2024"), ("title", "RAN Collection")),
    ),
    # 2. An OpenDocument table: a label cell spanning two rows, a label and its answer each spanning both columns on
    # rows of their own, an answer run on into a row with an empty label cell; "2018–ongoing"
    Case(
        "en-odt-spanned-cells-split-rows",
        "practice.odt",
        lambda: odt_table(SPLIT_ROWS_ODT),
        {
            "title": "Youth Forum Online",
            "peer_reviewed": False,
            "key_themes": ["online-dimension", "youth-engagement"],
            "target_audiences": ["online-community", "youth-pupils-students"],
            "start_year": 2018,
            "end_year": None,
            "country": "SE",
            "last_update_year": 2024,
            "organisation.name": "Spelrum ideell förening",
        },
        placed=(
            ("description", "online gaming communities"),
            ("description", "referred 12 young people to counselling"),
            ("geographical_scope", "Sweden, online"),
            ("contact", "forum@example.org"),
        ),
        absent=(("description", "New technologies"), ("description", "Key themes")),
    ),
    # 3. The template's guidance in italics left in under each heading, beside the answers; "09/2017 - 12/2020"
    Case(
        "en-docx-italic-guidance-left-in",
        "practice.docx",
        guidance_docx,
        {
            "title": "Open Doors",
            "peer_reviewed": False,
            "key_themes": ["islamist-extremism", "community-engagement"],
            "target_audiences": ["youth-pupils-students", "religious-communities"],
            "start_year": 2017,
            "end_year": 2020,
            "country": "BE",
            "organisation.name": "Moskeeën Samen vzw",
        },
        placed=(("description", "weekly evening groups"), ("contact", "opendoors@example.org")),
        absent=(
            ("*", "Give the practice a short name"),
            ("description", "Describe in a few sentences"),
            ("*", "Choose the two themes"),
            ("*", "Write the year the practice started"),
            ("*", "Write the name of your organisation"),
            ("contact", "only shared with members"),
        ),
    ),
    # 4. Dutch labels, each alone on its line ending in a colon, a blank line after each answer; "sinds het voorjaar
    # van 2019"
    Case(
        "nl-txt-colon-label-lines",
        "praktijk.txt",
        DUTCH_COLON_LINES,
        {
            "title": "Sterke Ouders",
            "peer_reviewed": True,
            "key_themes": ["family-support", "deradicalisation-disengagement"],
            "target_audiences": ["families"],
            "start_year": 2019,
            "end_year": None,
            "country": "NL",
            "last_update_year": 2024,
            "organisation.name": "Stichting Sterke Ouders",
        },
        placed=(
            ("description", "gezinscoach"),
            ("geographical_scope", "Utrecht en omgeving"),
            ("contact", "ouders@example.org"),
        ),
        absent=(("title", "Naam van"), ("description", "Collegiaal")),
    ),
    # 5. Swedish labels in bold lines; a contact block with a person's name and an international phone, no e-mail
    Case(
        "sv-md-bold-phone-contact",
        "praktik.md",
        SWEDISH_MD,
        {
            "title": "Trygga Samtal",
            "peer_reviewed": False,
            "key_themes": ["youth-engagement", "online-dimension"],
            "target_audiences": ["youth-pupils-students"],
            "start_year": 2019,
            "end_year": None,
            "country": "SE",
            "last_update_year": 2024,
            "organisation.name": "Malmö stad, fritidsförvaltningen",
        },
        placed=(
            ("description", "våldsbejakande budskap"),
            ("contact", "Anders Exempel"),
            ("contact", "+46 70 000 00 00"),
        ),
        absent=(("description", "Anders"), ("description", "+46")),
    ),
    # 6. Polish labels in an OpenDocument table (a writer's pipe table); "2018–obecnie" (to this day)
    Case(
        "pl-odt-table-obecnie",
        "praktyka.odt",
        odt_from_markdown(POLISH_ODT),
        {
            "title": "Szkoła Dialogu",
            "peer_reviewed": False,
            "key_themes": ["education", "violent-right-wing-extremism"],
            "target_audiences": ["youth-pupils-students", "educators-academics"],
            "start_year": 2018,
            "end_year": None,
            "country": "PL",
            "last_update_year": 2024,
            "organisation.name": "Fundacja Otwarty Dialog",
        },
        placed=(
            ("description", "mowie nienawiści"),
            ("geographical_scope", "Województwo małopolskie"),
            ("contact", "dialog@example.org"),
        ),
    ),
    # 7. Greek labels in a Word table; a range written with months in words
    Case(
        "el-docx-table-months-range",
        "praktiki.docx",
        greek_docx,
        {
            "title": "Γέφυρες Γειτονιάς",
            "peer_reviewed": False,
            "key_themes": ["family-support", "social-cohesion-polarisation"],
            "target_audiences": ["families"],
            "start_year": 2017,
            "end_year": 2020,
            "country": "GR",
            "last_update_year": 2021,
            "organisation.name": "Δήμος Παραδείγματος",
        },
        placed=(
            ("description", "ομάδες γονέων"),
            ("geographical_scope", "Θεσσαλονίκη"),
            ("contact", "gefyres@example.org"),
        ),
    ),
    # 8. The key themes and the audience answered as sentences; "2018–ongoing"; a contact with a phone, no e-mail
    Case(
        "en-txt-themes-as-sentence",
        "practice.txt",
        THEMES_SENTENCE,
        {
            "title": "Home Base",
            "peer_reviewed": False,
            "key_themes": ["family-support", "prison-probation"],
            "target_audiences": ["families", "prison-probation"],
            "start_year": 2018,
            "end_year": None,
            "country": "DE",
            "last_update_year": 2024,
            "organisation.name": "Heimathafen gGmbH",
        },
        placed=(
            ("description", "prepare them, with the prison's staff"),
            ("geographical_scope", "Lower Saxony"),
            ("contact", "Jan Exempel"),
            ("contact", "+49 511 0000 000"),
        ),
        absent=(("description", "mostly family support"),),
    ),
    # 9. A PDF with a cover page, a table of contents with dot leaders and page numbers, "Page n of 4" at the foot
    Case(
        "en-pdf-cover-contents-page-numbers",
        "practice.pdf",
        cover_toc_pdf,
        {
            "title": "Family Links",
            "peer_reviewed": True,
            "key_themes": ["family-support", "deradicalisation-disengagement"],
            "target_audiences": ["families"],
            "start_year": 2014,
            "country": "AT",
            "organisation.name": "Verein Familienbrücke",
        },
        placed=(
            ("description", "Counsellors support parents"),
            ("evidence_evaluation", "interviewed 30 families"),
            ("contact", "links@example.org"),
        ),
        absent=(("*", "....."), ("*", "Page 3 of 4"), ("*", "Contents"), ("title", "RAN Collection")),
    ),
    # 10. The evaluation's figures in a three-column table by year after its sentence; "since spring 2019"
    Case(
        "en-docx-evaluation-figures-table",
        "practice.docx",
        figures_docx,
        {
            "title": "Talking Walls",
            "peer_reviewed": False,
            "key_themes": ["social-cohesion-polarisation", "violent-right-wing-extremism"],
            "target_audiences": ["youth-pupils-students", "general-public"],
            "start_year": 2019,
            "end_year": None,
            "country": "IE",
            "last_update_year": 2023,
            "organisation.name": "Murmur Collective CIC",
        },
        placed=(
            ("evidence_evaluation", "counts its participants every year"),
            ("evidence_evaluation", "Young people"),
            ("evidence_evaluation", "71"),
            ("evidence_evaluation", "fell by a third"),
            ("contact", "walls@example.org"),
        ),
    ),
    # 11. Round 9's leftover: a second template in its own table, starting at its description (no name, no heading)
    Case(
        "en-docx-second-table-no-name",
        "practices.docx",
        two_tables_docx,
        {
            "title": "Café Dialogue",
            "key_themes": ["community-engagement", "social-cohesion-polarisation"],
            "target_audiences": ["general-public"],
            "country": "DK",
            "last_update_year": 2024,
        },
        placed=(("description", "neighbourhood café"), ("contact", "cafe@example.org")),
        absent=(
            ("description", "vocational schools"),
            ("contact", "course@example.org"),
        ),
    ),
    # 12. Round 9's leftovers: a contact person named with only a phone number, and only a name, in public fields;
    # the organisation's own address (its name's words, no person's) in the evaluation stays
    Case(
        "en-txt-contact-phone-name-only-org-address",
        "practice.txt",
        LEFTOVERS_TXT,
        {
            "title": "Dialog macht Schule",
            "peer_reviewed": False,
            "key_themes": ["education", "alternative-counter-narratives"],
            "target_audiences": ["youth-pupils-students"],
            "start_year": 2020,
            "country": "AT",
            "last_update_year": 2024,
            "organisation.name": "Verein Dialog macht Schule",
        },
        placed=(
            ("deliverables", "A handbook for teachers (2022)."),
            ("evidence_evaluation", "requested at dialogmachtschule@example.org"),
            ("sustainability_transferability", "400 euros a class"),
            ("contact", "office@example.org"),
            ("contact", "Katarzyna Przykład"),
            ("contact", "Pieter Voorbeeld"),
            ("contact", "+43 660 000 0000"),
        ),
        absent=(
            ("deliverables", "Katarzyna"),
            ("sustainability_transferability", "Pieter Voorbeeld"),
            ("sustainability_transferability", "+43 660"),
        ),
    ),
]


@pytest.mark.parametrize("case", params(CASES))
def test_unseen_template_gives_its_fields(case):
    check_fields(case)


@pytest.mark.parametrize("case", [pytest.param(case, id=case.id) for case in CASES])
def test_unseen_template_keeps_every_answer(case):
    check_kept(case)


def _public(parsed) -> str:
    """Everything a visitor may read: the title, the narrative fields but the contact, the organisation's name and
    description."""
    narrative = [words for code, words in parsed.fields.items() if code != "contact"]
    return " ".join([parsed.title, *narrative, parsed.organisation.name, parsed.organisation.description])


# --- personal data: contact details go to the contact field, never the public text ---------------------------------

PERSONS = {
    "sv-md-bold-phone-contact": ("Anders Exempel", "+46 70"),
    "en-txt-themes-as-sentence": ("Jan Exempel", "+49 511"),
    "en-txt-contact-phone-name-only-org-address": ("Katarzyna Przykład", "Pieter Voorbeeld", "+43 660"),
}


@pytest.mark.parametrize("case_id", list(PERSONS))
def test_a_persons_name_and_phone_stay_out_of_the_public_text(case_id):
    parsed = imported_case(CASES, case_id)
    public = _public(parsed)
    assert [words for words in PERSONS[case_id] if words in public] == []
    assert all(words in parsed.contact for words in PERSONS[case_id])


def test_every_cases_contact_address_stays_out_of_the_public_text_but_the_organisations_own():
    for case in CASES:
        parsed = imported_case(CASES, case.id)
        public = _public(parsed).replace("dialogmachtschule@example.org", "")
        assert "@example.org" not in public, case.id


def test_a_contact_person_named_with_a_phone_or_only_a_name_is_moved_with_a_warning():
    parsed = imported_case(CASES, "en-txt-contact-phone-name-only-org-address")
    assert "contact_moved" in parsed.warning_codes("deliverables")
    assert "contact_moved" in parsed.warning_codes("sustainability_transferability")


def test_the_organisations_own_address_stays_where_it_was_written():
    parsed = imported_case(CASES, "en-txt-contact-phone-name-only-org-address")
    assert "contact_moved" not in parsed.warning_codes("evidence_evaluation")
    assert "dialogmachtschule@example.org" in parsed.fields["evidence_evaluation"]


# --- a second template with neither a name nor a heading -----------------------------------------------------------


def test_a_second_template_without_a_name_is_left_with_a_warning_not_joined():
    parsed = imported_case(CASES, "en-docx-second-table-no-name")
    [(field, message)] = warnings_coded(parsed, "several_templates")
    assert field == "document" and "Café Dialogue" in message
    assert warnings_coded(parsed, "repeated_field") == []


# --- guidance, cover and contents are the template's, not the writer's ---------------------------------------------


def test_italic_guidance_is_dropped_but_a_paragraph_with_an_italic_title_is_kept():
    document = Document()
    document.add_heading("Name of the practice", level=2)
    document.add_paragraph("Bridges")
    document.add_heading("Deliverables", level=2)
    paragraph = document.add_paragraph("We published ")
    paragraph.add_run("Talking with Teenagers").italic = True
    paragraph.add_run(", a handbook for parents, in 2022.")
    parsed = import_document(saved_docx(document), "x.docx")
    assert "Talking with Teenagers" in parsed.fields["deliverables"]


def test_a_whole_answer_in_italics_is_kept():
    document = Document()
    document.add_heading("Name of the practice", level=2)
    document.add_paragraph().add_run("Bridges").italic = True
    document.add_heading("Description", level=2)
    run = document.add_paragraph().add_run("Mentors meet young people referred by schools every week.")
    run.italic = True
    run.font.size = Pt(11)
    parsed = import_document(saved_docx(document), "x.docx")
    assert (parsed.title, parsed.fields.get("description")) == (
        "Bridges",
        "Mentors meet young people referred by schools every week.",
    )


# --- an upload that cannot be parsed keeps its text ----------------------------------------------------------------


def test_an_odt_table_with_no_label_keeps_its_text():
    document = odt_table([[_cell("We train imams in Malmö"), _cell("to talk with young people")]])
    parsed = import_document(document, "x.odt")
    everything = " ".join(parsed.fields.values())
    assert "We train imams in Malmö" in everything and "to talk with young people" in everything


# --- written after the first run: the rules' edges -----------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "We meet the Jobcenter Berlin every month.",
        "Please contact Verein Dialog macht Schule.",
        "We are in contact with Police Scotland.",
        "Contact Point Vienna helps families too.",
        "In 2019 the workshops reached 1 200 000 pupils.",
        "Schools can order the handbook at dialogmachtschule@example.org.",
    ],
)
def test_a_sentence_giving_no_persons_contact_stays_in_its_field(sentence):
    parsed = import_document(
        f"Name of the practice: Dialog macht Schule\nDeliverables: A handbook. {sentence}\n"
        "Organisation: Verein Dialog macht Schule".encode(),
        "x.txt",
    )
    assert sentence in parsed.fields["deliverables"] and "contact_moved" not in parsed.warning_codes()


@pytest.mark.parametrize(
    "sentence",
    [
        "Bitte wenden Sie sich an Frau Eva Muster.",
        "Call us on 01 000 00 00.",
        "Contact Jan Novak for the manual.",
        "Questions: +32 (0)470 00 00 00.",
    ],
)
def test_a_sentence_giving_a_persons_contact_moves(sentence):
    parsed = import_document(f"Name of the practice: Bridges\nDeliverables: A handbook. {sentence}".encode(), "x.txt")
    assert (parsed.fields["deliverables"], sentence in parsed.contact) == ("A handbook.", True)
    assert "contact_moved" in parsed.warning_codes("deliverables")


@pytest.mark.parametrize(
    ("written", "start", "end"),
    [
        ("09/2017 - 12/2020", 2017, 2020),
        ("09.2017 – 12.2020", 2017, 2020),
        ("since spring 2019", 2019, None),
        ("2018–ongoing", 2018, None),
        ("Από τον Σεπτέμβριο 2017 έως τον Δεκέμβριο 2020", 2017, 2020),
        ("1.5 million euros from 2019", 2019, None),
    ],
)
def test_a_date_range_written_many_ways(written, start, end):
    parsed = import_document(f"Name of the practice: Bridges\nStart of the practice: {written}".encode(), "x.txt")
    assert (parsed.start_year, parsed.end_year) == (start, end)


def test_a_section_repeated_alone_after_the_template_still_joins_the_first():
    parsed = import_document(
        text(
            "Name of the practice: Bridges",
            "Description: Mentors meet young people referred by schools.",
            "Key themes: Formers; Exit strategies",
            "Country of origin: Sweden",
            "Contact details: bridges@example.org",
            "Description: We also meet their parents.",
            "Last update: 2024",
        ),
        "x.txt",
    )
    assert "We also meet their parents." in parsed.fields["description"]
    assert warnings_coded(parsed, "several_templates") == []


def test_a_table_of_contents_without_page_numbers_in_a_docx_heading_document_is_not_dropped_as_one():
    document = Document()
    document.add_heading("Name of the practice", level=2)
    document.add_paragraph("Bridges")
    document.add_heading("Deliverables", level=2)
    for line in ("Manual for teachers   12", "Video for parents   3", "Flyer   1"):
        document.add_paragraph(line)
    parsed = import_document(saved_docx(document), "x.docx")
    assert "Manual for teachers" in parsed.fields["deliverables"]


def test_a_table_of_figures_in_a_word_answer_keeps_its_rows_without_unknown_labels():
    parsed = imported_case(CASES, "en-docx-evaluation-figures-table")
    assert "Year | Murals | Young people\n2021 | 6 | 48\n2022 | 9 | 71" in parsed.fields["evidence_evaluation"]
    assert "unknown_label" not in parsed.warning_codes()


def test_a_quotation_in_italics_heading_an_answer_is_kept():
    document = Document()
    document.add_heading("Name of the practice", level=2)
    document.add_paragraph("Bridges")
    document.add_heading("Description", level=2)
    document.add_paragraph().add_run("“I finally felt heard,” said one pupil.").italic = True
    document.add_paragraph("Mentors meet young people referred by schools every week.")
    parsed = import_document(saved_docx(document), "x.docx")
    assert "I finally felt heard" in parsed.fields["description"]


# --- known limits in round 10 (docs/IMPORTER.md), read since round 11 ---------------------------------------------


def test_italic_guidance_in_an_opendocument_is_left_out():  # a strict xfail until round 11
    markdown = (
        "## Name of the practice\n\nBridges\n\n## Description\n\n"
        "*Describe in a few sentences what is done, by whom and for whom.*\n\n"
        "Mentors meet young people referred by schools every week.\n"
    )
    parsed = import_document(odt_from_markdown(markdown)(), "x.odt")
    assert "Describe in a few sentences" not in parsed.fields["description"]


def test_a_second_template_of_two_fields_without_a_name_is_left():  # a strict xfail until round 11
    parsed = import_document(
        text(
            "Name of the practice: Bridges",
            "Description: Mentors meet young people referred by schools.",
            "Key themes: Formers; Exit strategies",
            "Country of origin: Sweden",
            "Contact details: bridges@example.org",
            "Description: Parents of radicalised young people meet in groups.",
            "Contact details: parents@example.org",
        ),
        "x.txt",
    )
    assert "parents@example.org" not in parsed.contact
