"""A ninth sweep of 10 filled-in templates the importer had never met, in shapes real contributors send that the
eight earlier rounds did not cover: a Word document whose answers sit in content controls and legacy form fields; a
web page of the template saved from a browser (navigation, cookie banner and footer around it); bilingual labels
("Description / Beschreibung", "Titre - Title"); every label a Markdown heading with blank lines before the answer and
lists in bullets of several kinds (•, ▪, –, ✓, 1), a)); a two-column PDF layout copied as text; templates filled in
Spanish and in Italian with their own labels, the organisation's name and type on one line ("Fundación Puente
Abierto (ONG)"), closed-list answers given as the list's codes and numbers, an answer referring to an annex; and
round 8's leftovers: labels broken over six lines, a second template whose practice name has no label, a contact
person named in another text field than the organisation's, page furniture in copied PDF text without page breaks.

Every invented name, address and number here is fictional (example.org, 000 numbers).
"""

import pytest
from docx import Document
from docx.oxml.ns import qn
from lxml import etree

from practices.importer import import_document
from tests.practices.template_sweep import (
    Case,
    check_fields,
    check_kept,
    imported_case,
    params,
    saved_docx,
    text,
    warnings_coded,
)

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _run(words: str, tag: str = "w:t") -> etree._Element:
    run = etree.Element(qn("w:r"))
    node = etree.SubElement(run, qn(tag))
    node.text = words
    node.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    return run


def _content_control(words: str, *, block: bool) -> etree._Element:
    """A content control (w:sdt) holding ``words``: a block one (paragraphs inside) or an inline one (runs)."""
    sdt = etree.Element(qn("w:sdt"))
    properties = etree.SubElement(sdt, qn("w:sdtPr"))
    etree.SubElement(properties, qn("w:alias")).set(qn("w:val"), "Answer")
    content = etree.SubElement(sdt, qn("w:sdtContent"))
    if block:
        for line in words.split("\n"):
            paragraph = etree.SubElement(content, qn("w:p"))
            paragraph.append(_run(line))
    else:
        content.append(_run(words))
    return sdt


def _form_field(paragraph: etree._Element, words: str) -> None:
    """A legacy form field (FORMTEXT) whose result is ``words``, appended to ``paragraph``."""
    begin = etree.SubElement(paragraph, qn("w:r"))
    char = etree.SubElement(begin, qn("w:fldChar"))
    char.set(qn("w:fldCharType"), "begin")
    etree.SubElement(etree.SubElement(char, qn("w:ffData")), qn("w:name")).set(qn("w:val"), "Text1")
    paragraph.append(_run(" FORMTEXT ", "w:instrText"))
    etree.SubElement(etree.SubElement(paragraph, qn("w:r")), qn("w:fldChar")).set(qn("w:fldCharType"), "separate")
    paragraph.append(_run(words))
    etree.SubElement(etree.SubElement(paragraph, qn("w:r")), qn("w:fldChar")).set(qn("w:fldCharType"), "end")


def controls_docx(rows: list[tuple[str, str, str]]) -> bytes:
    """A two-column Word table; each answer as ("block", …) a block content control in the cell, ("inline", …) an
    inline content control in the cell's paragraph, ("form", …) a legacy form field, ("", …) plain text."""
    document = Document()
    table = document.add_table(rows=0, cols=2)
    for label, kind, answer in rows:
        cells = table.add_row().cells
        cells[0].text = label
        cell = cells[1]._tc
        paragraph = cell.find(qn("w:p"))
        if kind == "block":
            cell.remove(paragraph)
            cell.append(_content_control(answer, block=True))
        elif kind == "inline":
            paragraph.append(_content_control(answer, block=False))
        elif kind == "form":
            _form_field(paragraph, answer)
        else:
            cells[1].text = answer
    return saved_docx(document)


SAVED_WEB_PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Submit a practice – Example Network</title>
<style>.cookie{position:fixed}</style><script>window.dataLayer=[];</script></head>
<body>
<div class="cookie" id="cookie-banner"><p>We use cookies to improve your experience on our website.</p>
<button>Accept all cookies</button><button>Reject</button></div>
<header><nav><ul><li><a href="/">Home</a></li><li><a href="/about">About us</a></li>
<li><a href="/news">News</a></li><li><a href="/contact">Contact</a></li></ul></nav></header>
<main>
<h1>RAN Collection of Inspiring Practices</h1>
<form>
<h3>Name of the practice</h3><p>Harbour Voices</p>
<h3>Description (max. 300 words)</h3>
<p>Young people from the harbour district make short radio programmes with a journalist, answering the extremist
propaganda they meet online with their own stories.</p>
<h3>Peer reviewed</h3><p>No</p>
<h3>Key themes (select the two that fit best)</h3><p>Alternative and counter narratives; New technologies and the
online dimension</p>
<h3>Target audience (at least one)</h3><p>Youth/pupils/students</p>
<h3>Geographical scope (countries, regions, cities)</h3><p>Rotterdam</p>
<h3>Start of the practice (year; end year if no longer active)</h3><p>2021</p>
<h3>Organisation (max. 100 words; select the type of organisation)</h3><p>Stichting Havenstem</p>
<h3>Country of origin</h3><p>Netherlands</p>
<h3>Contact details</h3><p>havenstem@example.org</p>
<h3>Last update (year)</h3><p>2024</p>
</form>
</main>
<footer><p>© 2024 Example Network · Privacy policy · Cookie settings · Follow us on social media</p></footer>
</body></html>"""


PDF_TWO_COLUMNS = "\n".join(
    [
        "Name of the practice                  Learning Together",
        "Description (max. 300 words)          Teachers and social workers in three secondary schools",
        "                                      follow a joint training on recognising polarisation in",
        "                                      the classroom and meet every month to discuss cases.",
        "Peer reviewed                         No",
        "Key themes (select the two that       Formal/informal education; Training for first-line",
        "fit best)                             practitioners",
        "Target audience (at least one)        Educators/academics; Social workers",
        "Geographical scope (countries,        Graz and Styria",
        "regions, cities)",
        "Start of the practice (year; end      2019",
        "year if no longer active)",
        "Organisation (max. 100 words;         Verein Lernen Gemeinsam",
        "select the type of organisation)",
        "Country of origin                     Austria",
        "Contact details                       lernen@example.org",
        "Last update (year)                    2024",
    ]
)


SIX_LINE_LABELS = "\n".join(
    [
        "Name of the",
        "practice",
        "Street Talk",
        "Description",
        "(max. 300",
        "words)",
        "Outreach workers talk with young people in parks and squares where extremist groups recruit, and",
        "bring those at risk to counselling.",
        "Peer reviewed",
        "No",
        "Key themes",
        "(select the",
        "two that",
        "fit best)",
        "Vulnerable youth and youth engagement; (Early) prevention",
        "Start of the",
        "practice",
        "(year; end",
        "year if no",
        "longer",
        "active)",
        "2016",
        "Organisation",
        "(max. 100",
        "words;",
        "select the",
        "type of",
        "organisation)",
        "Streetwork Nord e.V.",
        "Country of origin",
        "Germany",
        "Contact details",
        "streettalk@example.org",
        "Last update",
        "(year)",
        "2023",
    ]
)


FURNITURE_NO_BREAKS = "\n".join(
    [
        "RAN Practices – Collection 2024",
        "Name of the practice",
        "Safe Return",
        "Description (max. 300 words)",
        "Case managers support women returning from conflict zones and their children during the first two",
        "years after their return, together with the probation service and the schools.",
        "Peer reviewed",
        "Yes",
        "Key themes (select the two that fit best)",
        "Foreign terrorist fighters and their families; Family support",
        "ran-collection.example.org | page 1",
        "RAN Practices – Collection 2024",
        "Target audience (at least one)",
        "Families; Prison / probation",
        "Start of the practice (year; end year if no longer active)",
        "2019",
        "Evidence and evaluation",
        "An internal evaluation of 2022 followed 14 families.",
        "ran-collection.example.org | page 2",
        "RAN Practices – Collection 2024",
        "Organisation (max. 100 words; select the type of organisation)",
        "Fondation Retour Sûr",
        "Country of origin",
        "France",
        "Contact details",
        "retour@example.org",
        "Last update (year)",
        "2024",
        "ran-collection.example.org | page 3",
    ]
)


CASES = [
    # 1. A Word table whose answers sit in content controls (block and inline) and legacy form fields (FORMTEXT)
    Case(
        "en-docx-content-controls-form-fields",
        "practice.docx",
        lambda: controls_docx(
            [
                ("Name of the practice", "inline", "Open Windows"),
                (
                    "Description (max. 300 words)",
                    "block",
                    "Mentors visit young people in detention who were convicted for extremist offences.\n"
                    "After release the same mentor stays with them for a year.",
                ),
                ("Peer reviewed", "form", "Yes"),
                ("Key themes (select the two that fit best)", "block", "Prison and probation; Exit strategies"),
                ("Target audience (at least one)", "inline", "Violent extremists"),
                ("Geographical scope (countries, regions, cities)", "form", "Flanders"),
                ("Start of the practice (year; end year if no longer active)", "form", "2015"),
                ("Organisation (max. 100 words; select the type of organisation)", "", "Open Vensters vzw"),
                ("Country of origin", "inline", "Belgium"),
                ("Contact details", "form", "windows@example.org"),
                ("Last update (year)", "inline", "2024"),
            ]
        ),
        {
            "title": "Open Windows",
            "peer_reviewed": True,
            "key_themes": ["prison-probation", "exit-strategies"],
            "target_audiences": ["violent-extremists"],
            "start_year": 2015,
            "country": "BE",
            "last_update_year": 2024,
            "organisation.name": "Open Vensters vzw",
        },
        placed=(
            ("description", "convicted for extremist offences"),
            ("description", "stays with them for a year"),
            ("geographical_scope", "Flanders"),
            ("contact", "windows@example.org"),
        ),
        absent=(("*", "FORMTEXT"),),
    ),
    # 2. A web page of the template saved from a browser: navigation, cookie banner, footer around the form
    Case(
        "en-html-saved-web-page",
        "Submit a practice.html",
        SAVED_WEB_PAGE.encode(),
        {
            "title": "Harbour Voices",
            "peer_reviewed": False,
            "key_themes": ["alternative-counter-narratives", "online-dimension"],
            "target_audiences": ["youth-pupils-students"],
            "start_year": 2021,
            "country": "NL",
            "last_update_year": 2024,
            "organisation.name": "Stichting Havenstem",
        },
        placed=(
            ("description", "make short radio programmes"),
            ("geographical_scope", "Rotterdam"),
            ("contact", "havenstem@example.org"),
        ),
        absent=(
            ("*", "cookies"),
            ("*", "About us"),
            ("*", "Privacy policy"),
            ("*", "dataLayer"),
        ),
    ),
    # 3. Bilingual labels: "English / Deutsch" and "Français - English", colons after some
    Case(
        "de-fr-txt-bilingual-labels",
        "practice.txt",
        text(
            "Name of the practice / Name der Praxis: Gemeinsam stark",
            "Description / Beschreibung:",
            "Eltern von radikalisierten Jugendlichen treffen sich monatlich in einer Selbsthilfegruppe, die von "
            "einer Beraterin begleitet wird.",
            "Peer reviewed / Begutachtet: Nein",
            "Principaux thèmes - Key themes: Family support; Mental health",
            "Target audience / Zielgruppe: Families",
            "Geographical scope / Geografischer Geltungsbereich: Luxemburg",
            "Start of the practice / Beginn der Praxis: 2018",
            "Organisation / Organisation: Elterenhëllef asbl",
            "Pays d'origine - Country of origin: Luxembourg",
            "Contacts - Contact details: eltern@example.org",
            "Last update / Letzte Aktualisierung: 2024",
        ),
        {
            "title": "Gemeinsam stark",
            "peer_reviewed": False,
            "key_themes": ["family-support", "mental-health"],
            "target_audiences": ["families"],
            "start_year": 2018,
            "country": "LU",
            "last_update_year": 2024,
            "organisation.name": "Elterenhëllef asbl",
        },
        placed=(
            ("description", "Selbsthilfegruppe"),
            ("geographical_scope", "Luxemburg"),
            ("contact", "eltern@example.org"),
        ),
        absent=(("title", "Name der Praxis"), ("description", "Beschreibung"), ("description", "Begutachtet")),
    ),
    # 4. Every label a Markdown heading, blank lines between label and answer, lists in bullets of several kinds
    Case(
        "en-md-headings-blank-lines-bullets",
        "practice.md",
        text(
            "# Name of the practice",
            "",
            "",
            "Village Circles",
            "",
            "# Description (max. 300 words)",
            "",
            "",
            "",
            "Residents of rural villages meet in moderated circles to talk about conspiracy stories and the fear",
            "behind them, before these turn into hatred.",
            "",
            "# Peer reviewed",
            "",
            "No",
            "",
            "# Key themes (select the two that fit best)",
            "",
            "• Ideologies and conspiracy narratives",
            "▪ Social cohesion and polarisation",
            "",
            "# Target audience (at least one)",
            "",
            "– General public",
            "✓ Local community organisations/NGOs",
            "1) Authorities",
            "a) Religious leaders/communities",
            "",
            "# Start of the practice (year; end year if no longer active)",
            "",
            "",
            "2022",
            "",
            "# Organisation (max. 100 words; select the type of organisation)",
            "",
            "Dorfkreise e.V.",
            "",
            "# Country of origin",
            "",
            "Germany",
            "",
            "# Contact details",
            "",
            "kreise@example.org",
        ),
        {
            "title": "Village Circles",
            "peer_reviewed": False,
            "key_themes": ["conspiracy-narratives", "social-cohesion-polarisation"],
            "target_audiences": [
                "general-public",
                "local-community-organisations-ngos",
                "authorities",
                "religious-communities",
            ],
            "start_year": 2022,
            "country": "DE",
            "organisation.name": "Dorfkreise e.V.",
        },
        placed=(("description", "moderated circles"), ("contact", "kreise@example.org")),
        absent=(("description", "Peer reviewed"), ("title", "Description")),
    ),
    # 5. A two-column PDF layout copied as text: the label column and the answer column side by side, both wrapping
    Case(
        "en-txt-pdf-two-columns",
        "practice.txt",
        PDF_TWO_COLUMNS.encode(),
        {
            "title": "Learning Together",
            "peer_reviewed": False,
            "key_themes": ["education", "first-line-training"],
            "target_audiences": ["educators-academics", "social-workers"],
            "start_year": 2019,
            "country": "AT",
            "last_update_year": 2024,
            "organisation.name": "Verein Lernen Gemeinsam",
        },
        placed=(
            ("description", "recognising polarisation in the classroom and meet every month"),
            ("geographical_scope", "Graz and Styria"),
            ("contact", "lernen@example.org"),
        ),
        absent=(
            ("description", "Peer reviewed"),
            ("geographical_scope", "regions, cities"),
            ("organisation", "select the type"),
        ),
    ),
    # 6. Spanish labels in a Word table, the organisation's name and type on one line, a contact person named in
    # the sustainability answer (round 8's leftover)
    Case(
        "es-docx-org-type-one-line-contact-in-text",
        "practica.docx",
        lambda: controls_docx(
            [
                ("Nombre de la práctica", "", "Puentes Abiertos"),
                (
                    "Descripción (máx. 300 palabras)",
                    "",
                    "Educadores de calle acompañan a jóvenes de barrios periféricos captados por grupos "
                    "yihadistas en redes sociales y les ofrecen alternativas de formación y empleo.",
                ),
                ("Revisado por pares", "", "No"),
                ("Temas principales", "", "Extremismo islamista; Jóvenes vulnerables y participación juvenil"),
                ("Público destinatario", "", "Jóvenes/alumnos/estudiantes"),
                ("Ámbito geográfico", "", "Ceuta y Melilla"),
                ("Inicio de la práctica", "", "2017"),
                (
                    "Sostenibilidad y transferibilidad",
                    "",
                    "El programa se financia con fondos municipales hasta 2026. Para más información sobre la "
                    "transferencia, contacte con Lucía Ejemplo, lucia.ejemplo@example.org, tel. +34 000 000 000.",
                ),
                ("Organización", "", "Fundación Puente Abierto (ONG)"),
                ("País de origen", "", "España"),
                ("Datos de contacto", "", "info@example.org"),
                ("Última actualización (año)", "", "2024"),
            ]
        ),
        {
            "title": "Puentes Abiertos",
            "peer_reviewed": False,
            "key_themes": ["islamist-extremism", "youth-engagement"],
            "target_audiences": ["youth-pupils-students"],
            "start_year": 2017,
            "country": "ES",
            "last_update_year": 2024,
            "organisation.name": "Fundación Puente Abierto",
            "organisation.type": "ngo",
        },
        placed=(
            ("description", "captados por grupos yihadistas"),
            ("sustainability_transferability", "fondos municipales hasta 2026"),
            ("contact", "lucia.ejemplo@example.org"),
            ("contact", "info@example.org"),
        ),
        absent=(
            ("sustainability_transferability", "lucia.ejemplo@example.org"),
            ("sustainability_transferability", "Lucía Ejemplo"),
            ("sustainability_transferability", "+34 000"),
            ("description", "Lucía"),
        ),
    ),
    # 7. Italian labels, closed lists answered with the list's codes and with its numbers (the taxonomy's order),
    # an answer referring to an annex
    Case(
        "it-txt-codes-numbers-annex",
        "pratica.txt",
        text(
            "Nome della pratica: Scuole Aperte",
            "Descrizione: Laboratori nelle scuole medie sul pensiero critico e sulla propaganda estremista online, "
            "tenuti da insegnanti formati.",
            "Revisione tra pari: No",
            "Temi principali: education, online-dimension",
            "Pubblico destinatario: 9, 4",
            "Ambito geografico: Provincia di Torino",
            "Inizio della pratica: 2020",
            "Prove e valutazione: vedi allegato 2",
            "Organizzazione: Cooperativa Scuole Aperte (ONG)",
            "Paese di origine: Italia",
            "Contatti: scuoleaperte@example.org",
            "Ultimo aggiornamento: 2024",
        ),
        {
            "title": "Scuole Aperte",
            "peer_reviewed": False,
            "key_themes": ["education", "online-dimension"],
            "target_audiences": ["youth-pupils-students", "educators-academics"],
            "start_year": 2020,
            "country": "IT",
            "last_update_year": 2024,
            "organisation.name": "Cooperativa Scuole Aperte",
            "organisation.type": "ngo",
        },
        placed=(
            ("description", "pensiero critico"),
            ("evidence_evaluation", "vedi allegato 2"),
            ("geographical_scope", "Provincia di Torino"),
            ("contact", "scuoleaperte@example.org"),
        ),
    ),
    # 8. Round 8's leftover: labels broken over six lines by a PDF converter's narrow label column
    Case(
        "en-txt-six-line-labels",
        "practice.txt",
        SIX_LINE_LABELS.encode(),
        {
            "title": "Street Talk",
            "peer_reviewed": False,
            "key_themes": ["youth-engagement", "early-prevention"],
            "start_year": 2016,
            "country": "DE",
            "last_update_year": 2023,
            "organisation.name": "Streetwork Nord e.V.",
        },
        placed=(("description", "parks and squares"), ("contact", "streettalk@example.org")),
        absent=(
            ("*", "longer active"),
            ("*", "two that"),
            ("*", "type of organisation"),
            ("description", "words)"),
        ),
    ),
    # 9. Round 8's leftover: a second template pasted after the first, its practice name a heading with no label
    Case(
        "en-md-second-template-name-without-label",
        "practices.md",
        text(
            "## Name of the practice",
            "Bridges",
            "## Description (max. 300 words)",
            "Mentors meet young people referred by schools.",
            "## Key themes (select the two that fit best)",
            "Formers; Exit strategies",
            "## Country of origin",
            "Sweden",
            "## Contact details",
            "bridges@example.org",
            "",
            "# Parents Talk",
            "## Description (max. 300 words)",
            "Parents of radicalised young people meet in groups.",
            "## Key themes (select the two that fit best)",
            "Family support; Mental health",
            "## Country of origin",
            "Norway",
            "## Contact details",
            "parents@example.org",
        ),
        {
            "title": "Bridges",
            "key_themes": ["formers", "exit-strategies"],
            "country": "SE",
        },
        placed=(("description", "referred by schools"), ("contact", "bridges@example.org")),
        absent=(
            ("description", "Parents of radicalised"),
            ("contact", "parents@example.org"),
            ("description", "Parents Talk"),
        ),
    ),
    # 10. Round 8's leftover: copied PDF text whose page header and footer repeat without any page break
    Case(
        "en-txt-furniture-no-page-breaks",
        "practice.txt",
        FURNITURE_NO_BREAKS.encode(),
        {
            "title": "Safe Return",
            "peer_reviewed": True,
            "key_themes": ["ftf-families", "family-support"],
            "target_audiences": ["families", "prison-probation"],
            "start_year": 2019,
            "country": "FR",
            "last_update_year": 2024,
            "organisation.name": "Fondation Retour Sûr",
        },
        placed=(
            ("description", "women returning from conflict zones"),
            ("evidence_evaluation", "followed 14 families"),
            ("contact", "retour@example.org"),
        ),
        absent=(("*", "RAN Practices – Collection 2024"), ("*", "| page")),
    ),
]


@pytest.mark.parametrize("case", params(CASES))
def test_unseen_template_gives_its_fields(case):
    check_fields(case)


@pytest.mark.parametrize("case", [pytest.param(case, id=case.id) for case in CASES])
def test_unseen_template_keeps_every_answer(case):
    check_kept(case)


def _public(parsed) -> str:
    """Everything a visitor may read: the title, the narrative fields, the organisation's name and description."""
    # corrected after the first run: ``fields`` holds the contact details too ("contact"), which are not public
    narrative = [text for code, text in parsed.fields.items() if code != "contact"]
    return " ".join([parsed.title, *narrative, parsed.organisation.name, parsed.organisation.description])


# --- personal data: a contact person named in a text field goes to the contact details, never public --------------


def test_a_contact_person_in_another_text_field_goes_to_the_contact_details_with_a_warning():
    parsed = imported_case(CASES, "es-docx-org-type-one-line-contact-in-text")
    public = _public(parsed)
    assert ("Lucía Ejemplo" in parsed.contact, "lucia.ejemplo@example.org" in public, "+34 000" in public) == (
        True,
        False,
        False,
    )
    assert "contact_moved" in parsed.warning_codes("sustainability_transferability")


def test_contact_details_of_every_case_stay_out_of_the_public_text():
    for case in CASES:
        parsed = import_document(case.bytes(), case.filename)
        assert "@example.org" not in _public(parsed), case.id


# --- a second template whose name has no label --------------------------------------------------------------------


def test_a_second_template_named_by_a_heading_without_label_is_named_as_left():
    parsed = imported_case(CASES, "en-md-second-template-name-without-label")
    [(field, message)] = warnings_coded(parsed, "several_templates")
    assert field == "document" and "Parents Talk" in message


# --- closed lists given as numbers; an annex ------------------------------------------------------------------------


def test_a_closed_list_given_as_numbers_is_read_with_a_warning_to_check():
    parsed = imported_case(CASES, "it-txt-codes-numbers-annex")
    assert parsed.warning_codes("target_audiences") != []


def test_an_answer_referring_to_an_annex_is_kept_and_flagged():
    parsed = imported_case(CASES, "it-txt-codes-numbers-annex")
    assert "allegato 2" in parsed.fields["evidence_evaluation"]
    assert "refers_to_annex" in parsed.warning_codes("evidence_evaluation")


@pytest.mark.parametrize("answer", ["see annex 2", "See attachment", "siehe Anlage 3", "voir l'annexe 1"])
def test_an_answer_that_is_only_a_reference_to_an_annex_is_flagged(answer):
    parsed = import_document(f"Name of the practice: Bridges\nDeliverables: {answer}".encode(), "x.txt")
    assert parsed.fields["deliverables"] == answer and "refers_to_annex" in parsed.warning_codes("deliverables")


def test_a_sentence_mentioning_an_annex_among_others_is_not_flagged():
    answer = "We wrote a manual for teachers (see annex 2) and trained 40 teachers in 2023 with it."
    parsed = import_document(f"Name of the practice: Bridges\nDeliverables: {answer}".encode(), "x.txt")
    assert "refers_to_annex" not in parsed.warning_codes("deliverables")


# --- an upload that cannot be parsed keeps its text ----------------------------------------------------------------


def test_a_saved_web_page_with_no_label_keeps_its_text():
    page = "<html><body><nav>Home</nav><main><p>We train imams in Malmö to talk with young people.</p></main></body>"
    parsed = import_document(page.encode(), "page.html")
    assert "We train imams in Malmö" in " ".join(parsed.fields.values())
