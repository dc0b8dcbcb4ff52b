"""Filled-in templates written the way practitioners write them, each a class of input the
importer met for the first time in a robustness sweep."""

import io

import pytest
from docx import Document
from docx.oxml import parse_xml

from practices.importer import import_document

FIELDS_EN = (
    ("Name of the practice", "Street mediation"),
    ("Description", "Mediators talk with young people on the street to prevent radicalisation."),
    ("Peer reviewed", "No"),
    ("Key themes", "Family support; Exit strategies"),
    ("Target audience", "Families"),
    ("Start of the practice", "Since 2018"),
    ("Country of origin", "Belgium"),
)
FIELDS_FR = (
    ("Nom de la pratique", "Médiation de rue"),
    ("Description", "Des médiateurs parlent avec les jeunes pour prévenir la radicalisation."),
    ("Examiné par les pairs", "Non"),
    ("Principaux thèmes", "Soutien de la famille ; Stratégies de sortie"),
    ("Public cible", "Familles"),
    ("Début de la pratique", "Depuis 2018"),
    ("Pays d'origine", "Belgique"),
)


def assert_all_fields_read(parsed) -> None:
    assert parsed.title in ("Street mediation", "Médiation de rue")
    assert "radicalisation" in parsed.fields["description"]
    assert parsed.peer_reviewed is False
    assert parsed.key_themes == ["family-support", "exit-strategies"]
    assert parsed.target_audiences == ["families"]
    assert parsed.start_year == 2018
    assert parsed.country == "BE"
    assert parsed.warnings == []


def docx_bytes(lines: list[tuple[str, bool]]) -> bytes:
    """A Word document of paragraphs, each (text, bold)."""
    document = Document()
    for text, bold in lines:
        document.add_paragraph().add_run(text).bold = bold
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


# --- numbered labels --------------------------------------------------------------


@pytest.mark.parametrize("number", ["{n}. ", "{n}) ", "({n}) ", "{n} - ", "{n} ", "1.{n} "])
@pytest.mark.parametrize("fields", [FIELDS_EN, FIELDS_FR], ids=["en", "fr"])
def test_numbered_markdown_headings_are_labels(number, fields):
    text = "\n\n".join(f"## {number.format(n=n)}{label}\n\n{answer}" for n, (label, answer) in enumerate(fields, 1))
    assert_all_fields_read(import_document(text.encode(), "practice.md"))


def test_numbered_labels_with_the_answer_on_the_same_line_are_read():
    text = "\n".join(f"{n}. {label}: {answer}" for n, (label, answer) in enumerate(FIELDS_EN, 1))
    assert_all_fields_read(import_document(text.encode(), "practice.txt"))


def test_numbered_bold_labels_in_a_word_document_are_read():
    lines = []
    for n, (label, answer) in enumerate(FIELDS_FR, 1):
        lines += [(f"{n}. {label} :", True), (answer, False)]
    assert_all_fields_read(import_document(docx_bytes(lines), "pratique.docx"))


def test_numbered_label_cells_are_read():
    text = "\n".join(f"{chr(64 + n)}. {label}\t{answer}" for n, (label, answer) in enumerate(FIELDS_EN, 1))
    assert_all_fields_read(import_document(text.encode(), "practice.txt"))


def test_a_numbered_list_in_an_answer_stays_in_the_answer():
    text = "## 1. Name of the practice\n\nStreet mediation\n\n## 2. Deliverables\n\n"
    text += "1. Description of the method\n2. 2019 report"
    parsed = import_document(text.encode(), "practice.md")
    assert parsed.fields["deliverables"] == "1. Description of the method\n2. 2019 report"
    assert not parsed.fields["description"]


# --- check boxes ------------------------------------------------------------------


def with_answers(themes: str, audiences: str) -> bytes:
    fields = dict(FIELDS_EN, **{"Key themes": themes, "Target audience": audiences})
    return "\n\n".join(f"## {label}\n\n{answer}" for label, answer in fields.items()).encode()


@pytest.mark.parametrize(
    ("themes", "audiences"),
    [
        ("[x] Family support\n[ ] Formers\n[X] Exit strategies", "- [x] Families\n- [ ] Formers\n- [ ] Social workers"),
        ("■ Family support □ Formers ■ Exit strategies", "□ Formers ■ Families"),
        ("X Family support\nFormers\nX Exit strategies", "- Formers\n- x Families\n- Social workers"),
        ("☒ Family support ☐ Formers ☑ Exit strategies", "[✓] Families [ ] Formers"),
    ],
    ids=["brackets", "squares", "x-marks", "boxes-and-ticks"],
)
def test_only_ticked_entries_of_a_checklist_count(themes, audiences):
    assert_all_fields_read(import_document(with_answers(themes, audiences), "practice.md"))


def test_a_checklist_in_a_word_table_counts_only_ticked_entries():
    document = Document()
    table = document.add_table(rows=0, cols=2)
    for label, answer in dict(FIELDS_EN, **{"Target audience": "[x] Families\n[ ] Formers"}).items():
        row = table.add_row().cells
        row[0].text, row[1].text = label, answer
    buffer = io.BytesIO()
    document.save(buffer)
    assert_all_fields_read(import_document(buffer.getvalue(), "practice.docx"))


W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def legacy_check_box(checked: bool) -> list[str]:
    """A check box of Word's legacy forms (FORMCHECKBOX): a field that holds no text."""
    box = f'<w:checkBox><w:sizeAuto/><w:default w:val="0"/><w:checked w:val="{int(checked)}"/></w:checkBox>'
    return [
        f'<w:r {W}><w:fldChar w:fldCharType="begin"><w:ffData>{box}</w:ffData></w:fldChar></w:r>',
        f'<w:r {W}><w:instrText xml:space="preserve"> FORMCHECKBOX </w:instrText></w:r>',
        f'<w:r {W}><w:fldChar w:fldCharType="end"/></w:r>',
    ]


def wingdings_check_box(checked: bool) -> list[str]:
    return [f'<w:r {W}><w:sym w:font="Wingdings" w:char="{"F0FE" if checked else "F0A8"}"/></w:r>']


@pytest.mark.parametrize("check_box", [legacy_check_box, wingdings_check_box], ids=["form-field", "wingdings"])
def test_word_check_boxes_without_text_count_only_when_ticked(check_box):
    lists = {"Key themes": (("Family support", True), ("Formers", False), ("Exit strategies", True))}
    lists["Target audience"] = (("Social workers", False), ("Families", True))
    document = Document()
    table = document.add_table(rows=0, cols=2)
    for label, answer in FIELDS_EN:
        row = table.add_row().cells
        row[0].text = label
        if label not in lists:
            row[1].text = answer
            continue
        for number, (entry, ticked) in enumerate(lists[label]):
            paragraph = row[1].paragraphs[0] if number == 0 else row[1].add_paragraph()
            for xml in check_box(ticked):
                paragraph._p.append(parse_xml(xml))
            paragraph.add_run(f" {entry}")
    buffer = io.BytesIO()
    document.save(buffer)
    assert_all_fields_read(import_document(buffer.getvalue(), "practice.docx"))


# --- years ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("From 2016 to 2020", 2016, 2020),
        ("De 2013 à 2017, dans trois collèges.", 2013, 2017),
        ("Von 2014 bis 2018", 2014, 2018),
        ("Between 2015 and 2019", 2015, 2019),
        ("2016-17", 2016, 2017),
        ("Spring 2018 – December 2021", 2018, 2021),
        ("2014-2019 (pilot), 2020 onwards", 2014, None),
        ("2018-2020 pilot; since 2021 part of the city programme", 2018, None),
        ("2019–present", 2019, None),
        ("In 2016 and 2020 we trained 2015 - 16 people", 2015, None),
    ],
)
def test_ranges_of_years_written_in_words_end_the_practice_unless_it_goes_on(text, start, end):
    parsed = import_document(f"Name of the practice: X\nStart of the practice: {text}".encode(), "practice.txt")
    assert (parsed.start_year, parsed.end_year) == (start, end)


# --- PDF --------------------------------------------------------------------------


def test_numbered_bold_labels_in_a_pdf_are_labels_not_a_list():
    from tests.practices.test_importer_pdf import lines, pdf

    rows = []
    for number, (label, answer) in enumerate(FIELDS_EN, 1):
        rows += [(f"{number}. {label}", "Helvetica-Bold", 10), (answer, "Helvetica", 10)]
    parsed = import_document(pdf(lines(*rows)), "practice.pdf")
    assert_all_fields_read(parsed)


def test_a_numbered_list_in_a_pdf_answer_stays_a_list():
    from tests.practices.test_importer_pdf import lines, pdf

    rows = [("Deliverables", "Helvetica-Bold", 10), ("1. A handbook", "Helvetica", 10), ("2. A film", "Helvetica", 10)]
    assert import_document(pdf(lines(*rows)), "practice.pdf").fields["deliverables"] == "1. A handbook\n2. A film"


# --- sections the template does not have ------------------------------------------


@pytest.mark.parametrize("heading", ["## Budget", "**Budget**", "**Budget:**"])
def test_a_section_the_template_lacks_after_a_closed_list_field_keeps_its_text(heading):
    text = (
        "## Name of the practice\n\n**Street mediation**\n\n## Description\n\nMediators prevent radicalisation.\n\n"
        f"## Target audience\n\nFamilies\n\n{heading}\n\nEUR 50,000 per year\n\n## Country of origin\n\nBelgium"
    )
    parsed = import_document(text.encode(), "practice.md")
    assert parsed.title == "Street mediation"
    assert parsed.target_audiences == ["families"]
    assert parsed.fields["description"].endswith("Budget\n\nEUR 50,000 per year")
    assert parsed.warning_codes() == ["unknown_label"]
    assert parsed.country == "BE"


# --- tables with a column of row numbers --------------------------------------------


def numbered_table(extension: str) -> bytes:
    rows = [(str(number), label, answer) for number, (label, answer) in enumerate(FIELDS_EN, 1)]
    if extension == "md":
        return "\n".join(f"| {number}. | {label} | {answer} |" for number, label, answer in rows).encode()
    if extension == "html":
        return ("<table>" + "".join(f"<tr><td>{n}</td><td>{lab}</td><td>{a}</td></tr>" for n, lab, a in rows)).encode()
    document = Document()
    table = document.add_table(rows=0, cols=3)
    for row in rows:
        for cell, text in zip(table.add_row().cells, row, strict=True):
            cell.text = text
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize("extension", ["docx", "md", "html"])
def test_a_first_column_numbering_the_rows_is_not_the_label(extension):
    assert_all_fields_read(import_document(numbered_table(extension), f"practice.{extension}"))


# --- a table's header row ---------------------------------------------------------


@pytest.mark.parametrize("header", [("Field", "Answer"), ("Rubrique", "Votre réponse"), ("Question", "")])
def test_a_header_row_naming_the_columns_of_a_word_table_is_not_text_of_the_practice(header):
    document = Document()
    table = document.add_table(rows=0, cols=2)
    for label, answer in (header, *FIELDS_EN):
        row = table.add_row().cells
        row[0].text, row[1].text = label, answer
    buffer = io.BytesIO()
    document.save(buffer)
    parsed = import_document(buffer.getvalue(), "practice.docx")
    assert parsed.fields["description"] == FIELDS_EN[1][1]
    assert_all_fields_read(parsed)


def test_a_first_row_of_answers_outside_the_template_is_kept():
    rows = "\n".join(f"{label}\t{answer}" for label, answer in (("Budget", "EUR 50,000"), *FIELDS_EN))
    parsed = import_document(rows.encode(), "practice.txt")
    assert "Budget\n\nEUR 50,000" in parsed.fields["description"]


# --- separators between a label and its answer on one line ------------------------


@pytest.mark.parametrize("separator", [" – ", " - ", " — ", " = ", "? ", " : "])
def test_a_label_and_its_answer_on_one_line_may_be_separated_by_a_dash_an_equals_sign_or_a_question_mark(separator):
    text = "\n".join(f"{label}{separator}{answer}" for label, answer in FIELDS_EN)
    assert_all_fields_read(import_document(text.encode(), "practice.txt"))


def test_a_hyphenated_word_after_a_label_word_is_not_a_separator():
    text = "Name of the practice: Street mediation\nDescription: Mediators prevent radicalisation.\nContact-based work."
    parsed = import_document(text.encode(), "practice.txt")
    assert parsed.fields["description"] == "Mediators prevent radicalisation.\nContact-based work."


# --- encodings --------------------------------------------------------------------


def test_utf8_text_holding_a_few_cp1252_characters_is_read_without_garbling_either():
    data = "Nom de la pratique : Médiation à l'école\nDescription : Prévention – coût ".encode() + b"5 000 \x80\n"
    parsed = import_document(data, "pratique.txt")
    assert parsed.title == "Médiation à l'école"
    assert parsed.fields["description"] == "Prévention – coût 5 000 €"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252", "utf-16"])
def test_a_text_template_is_read_in_the_encodings_of_windows_editors(encoding):
    text = "\r\n".join(f"{label}: {answer}" for label, answer in FIELDS_FR).replace("Médiation", "“Médiation”")
    parsed = import_document(text.encode(encoding), "pratique.txt")
    assert parsed.title == "“Médiation” de rue"
