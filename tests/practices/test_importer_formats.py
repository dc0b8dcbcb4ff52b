"""The template importer on English and French documents in every format,
on a document that maps to nothing, and on files it cannot read."""

import re
from pathlib import Path

import pytest

from practices.importer import UnreadableDocument, import_document
from practices.importer.instructions import INSTRUCTIONS, PREAMBLES
from practices.importer.text import fold, squash

TEMPLATES = Path(__file__).resolve().parents[2] / "practices" / "fixtures" / "templates"
FORMATS = ["txt", "html", "md", "docx", "odt", "rtf", "pdf"]

ENGLISH = {
    "title": "Safe Harbour: mentoring young people leaving custody",
    "language": "en",
    "peer_reviewed": True,
    "key_themes": ["prison-probation", "exit-strategies"],
    "target_audiences": ["prison-probation", "formers", "youth-pupils-students"],
    "country": "NL",
    "start_year": 2014,
    "end_year": 2021,
    "last_update_year": 2022,
}
ENGLISH_ORGANISATION = ("Harbourside Probation Partnership", "prison-probation")
ENGLISH_SENTENCES = {
    "description": [
        "Safe Harbour pairs young people aged 16 to 24",
        "Monthly multi-agency case reviews with the municipality, the police and the youth care services.",
        "under a written agreement that the young person signs.",
    ],
    "geographical_scope": ["Two youth custody centres and the surrounding municipalities"],
    "start": ["The practice ended in 2021, when the pilot funding came to an end"],
    "deliverables": ["- Training course of 40 hours for volunteer mentors, with slides and exercises."],
    "evidence_evaluation": [
        "Eleven per cent were reconvicted within two years of release",
        "Most named the continuity of a person they already knew before release",
    ],
    "sustainability_transferability": ["The practice costs about EUR 2,400 per participant per year"],
    "ran_meetings": ["- RAN Prison and Probation working group meeting on reintegration, 14 and 15 March 2018"],
    "eu_links_funding": ["Co-funded by the Internal Security Fund – Police (ISF-P) in 2018–2019."],
    "organisation": ["A public partnership of the regional probation service and four municipalities"],
    "contact": ["Programme team Safe Harbour", "safeharbour@example.org"],
}

FRENCH = {
    "title": "Cafés citoyens : dialoguer pour désamorcer la polarisation",
    "language": "fr",
    "peer_reviewed": True,
    "key_themes": ["social-cohesion-polarisation", "community-engagement"],
    "target_audiences": ["general-public", "youth-pupils-students", "local-community-organisations-ngos"],
    "country": "BE",
    "start_year": 2016,
    "end_year": 2019,
    "last_update_year": 2020,
}
FRENCH_ORGANISATION = ("Association Fil Commun", "ngo")
FRENCH_SENTENCES = {
    "description": [
        "Les Cafés citoyens réunissent chaque mois",
        "Discussion en petits groupes, puis mise en commun.",
        "avec l'accord de la direction.",
    ],
    "geographical_scope": ["Liège et Namur (Wallonie), dans six quartiers."],
    "start": ["Elle a pris fin en décembre 2019, faute de financement."],
    "deliverables": ["- Fiches de questions pour 24 séances."],
    "evidence_evaluation": [
        "72 cafés ont réuni 1 150 participants",
        "Trois orientations vers le service de prévention ont été faites.",
    ],
    "sustainability_transferability": ["Un café coûte environ 350 euros"],
    "ran_meetings": ["Réunion du groupe de travail RAN Communication et discours, 5 et 6 octobre 2017, Lisbonne."],
    "organisation": ["Association sans but lucratif fondée en 2012 à Liège"],
    "contact": ["Équipe des Cafés citoyens", "cafes@fil-commun.example.org"],
}

CASES = [("en_practice", fmt, ENGLISH, ENGLISH_ORGANISATION, ENGLISH_SENTENCES) for fmt in FORMATS] + [
    ("fr_pratique", fmt, FRENCH, FRENCH_ORGANISATION, FRENCH_SENTENCES) for fmt in FORMATS
]
CASE_IDS = [f"{name}.{fmt}" for name, fmt, *_ in CASES]


def parse(name: str):
    path = TEMPLATES / name
    return import_document(path.read_bytes(), path.name)


@pytest.mark.parametrize(("name", "fmt", "expected", "organisation", "sentences"), CASES, ids=CASE_IDS)
def test_own_documents_give_the_same_practice_in_every_format(name, fmt, expected, organisation, sentences):
    parsed = parse(f"{name}.{fmt}")
    data = parsed.as_json()
    assert {key: data[key] for key in expected} == expected
    assert (parsed.organisation.name, parsed.organisation.type) == organisation
    for code, snippets in sentences.items():
        for snippet in snippets:
            assert snippet in parsed.fields[code], (code, snippet)
    assert parsed.warnings == []


@pytest.mark.parametrize(("name", "fmt"), [(name, fmt) for name, fmt, *_ in CASES], ids=CASE_IDS)
def test_own_documents_keep_no_template_instruction(name, fmt):
    parsed = parse(f"{name}.{fmt}")
    texts = [t for group in [*INSTRUCTIONS.values(), *PREAMBLES.values()] for t in group]
    for code, value in parsed.fields.items():
        for instruction in texts:
            assert fold(squash(instruction)) not in fold(squash(value)), (code, instruction)
    assert "Type of organisation" not in parsed.organisation.description
    assert "Type d'organisation" not in parsed.organisation.description


@pytest.mark.parametrize("fmt", FORMATS)
def test_french_lone_dash_means_no_eu_links(fmt):
    assert parse(f"fr_pratique.{fmt}").fields["eu_links_funding"] == ""


def test_html_table_drops_an_instruction_list_inside_the_answer_cell():
    evidence = parse("en_practice.html").fields["evidence_evaluation"]
    assert "qualitative feedback and quantitative data" not in evidence
    assert "Please specify the results" not in evidence
    assert evidence.count("\n\n") == 1  # two answer paragraphs, nothing between them


def test_unmapped_prose_is_kept_whole_as_the_description():
    path = TEMPLATES / "prose_unmapped.txt"
    parsed = parse("prose_unmapped.txt")
    source = path.read_text(encoding="utf-8")
    assert parsed.title == "Notes from the neighbourhood evening at the Riverside community hall"
    assert parsed.fields["description"] == source.strip()
    assert re.findall(r"\w+", parsed.fields["description"]) == re.findall(r"\w+", source)
    assert parsed.warning_codes() == ["unmapped_document"]
    assert parsed.language == "en"
    assert parsed.key_themes == [] and parsed.country is None and parsed.organisation.name == ""


def test_unmapped_title_is_cut_to_200_characters():
    first_line = "Word " * 80
    parsed = import_document(f"{first_line}\n\nSecond paragraph.".encode(), "notes.txt")
    assert len(parsed.title) <= 200
    assert parsed.title.startswith("Word Word")
    assert parsed.fields["description"].startswith(first_line.strip())
    assert "unmapped_document" in parsed.warning_codes()


def test_corrupt_word_file_is_unreadable_with_a_message():
    with pytest.raises(UnreadableDocument) as caught:
        parse("corrupt.docx")
    assert "Word" in caught.value.message
    assert str(caught.value) == caught.value.message


@pytest.mark.parametrize(
    ("data", "filename", "fragment"),
    [
        (b"", "empty.txt", "empty"),
        (b"   \n\n ", "blank.md", "empty"),
        (b"%PDF-1.7 binary", "practice.pdf", "not a valid PDF"),
        (b"\x89PNG\r\n\x1a\n image", "scan.pdf", "not a valid PDF"),
        (b"\x00\x01\x02\x03binary\x00junk\x00" * 20, "junk.txt", "binary"),
        (b"\x81\x8d\x8f\x90\x9d" * 10, "junk.md", "encoding"),
        (b"some text", "no-extension", "cannot be imported"),
    ],
)
def test_unreadable_files_raise_with_a_user_facing_message(data, filename, fragment):
    with pytest.raises(UnreadableDocument) as caught:
        import_document(data, filename)
    assert fragment in caught.value.message


def test_text_in_windows_encoding_or_with_a_bom_reads_the_same():
    source = (TEMPLATES / "fr_pratique.txt").read_text(encoding="utf-8")
    for data in (source.encode("cp1252"), source.encode("utf-8-sig"), source.encode("utf-16")):
        parsed = import_document(data, "fr_pratique.txt")
        assert parsed.title == FRENCH["title"]
        assert parsed.organisation.type == "ngo"


def word_document_with_a_content_control() -> bytes:
    """A .docx whose country sits in a content control (as in form templates)
    and whose organisation row has a merged label cell over two columns."""
    from io import BytesIO

    from docx import Document
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    document = Document()
    table = document.add_table(rows=3, cols=3)
    table.cell(0, 0).text, table.cell(0, 1).text = "Name of the practice", "Open Doors"
    table.cell(1, 0).text, table.cell(1, 1).text = "Description", "Youth workers meet families at home."
    table.cell(1, 2).text = "Follow-up visits after a month."
    table.cell(2, 0).merge(table.cell(2, 1)).text = "Organisation"
    table.cell(2, 2).text = "Open Doors Youth Work"
    control = parse_xml(
        f"<w:sdt {nsdecls('w')}><w:sdtContent><w:p><w:r><w:t>Country of origin: </w:t></w:r>"
        "<w:sdt><w:sdtContent><w:r><w:t>Sverige</w:t></w:r></w:sdtContent></w:sdt></w:p></w:sdtContent></w:sdt>"
    )
    document.element.body.insert(len(document.element.body) - 1, control)
    output = BytesIO()
    document.save(output)
    return output.getvalue()


def test_word_content_controls_and_merged_cells_are_read():
    parsed = import_document(word_document_with_a_content_control(), "form.docx")
    assert parsed.title == "Open Doors"
    assert parsed.fields["description"] == "Youth workers meet families at home.\n\nFollow-up visits after a month."
    assert parsed.organisation.name == "Open Doors Youth Work"
    assert parsed.country == "SE"


def test_markdown_pipe_table_rows_are_label_cells():
    text = (
        "| Field | Answer |\n|---|---|\n"
        "| **Name of the practice** | Quiet rooms |\n"
        "| Key themes | Mental health<br>Education formelle/informelle |\n"
        "| Country of origin | Suomi |\n"
    )
    parsed = import_document(text.encode(), "table.md")
    assert parsed.title == "Quiet rooms"
    assert parsed.key_themes == ["mental-health", "education"]
    assert parsed.country == "FI"


def test_a_table_row_whose_label_only_starts_like_a_field_is_not_that_field():
    text = "Name of the practice\tQuiet rooms\nTitle of the evaluation report\tRooms that listen (2019)\n"
    parsed = import_document(text.encode(), "x.txt")
    assert parsed.title == "Quiet rooms"
    assert "unknown_label" in parsed.warning_codes()
    assert "Rooms that listen (2019)" in str(parsed.fields)


def test_markdown_table_whose_header_row_is_a_field_keeps_it():
    text = "| Name of the practice | Quiet rooms |\n|---|---|\n| Country of origin | Sverige |\n"
    parsed = import_document(text.encode(), "table.md")
    assert (parsed.title, parsed.country) == ("Quiet rooms", "SE")


def test_word_reader_and_formats_do_not_import_each_other():
    import ast
    from pathlib import Path

    package = Path(__file__).resolve().parents[2] / "practices" / "importer"
    tree = ast.parse((package / "word.py").read_text())
    imported = {node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)}
    assert "formats" not in imported and "cells" in imported


def decomposed(text: str) -> str:
    """``text`` with each accented letter written as its base and a combining accent (NFD), as a
    PDF or a file made on macOS may write it."""
    import unicodedata

    return unicodedata.normalize("NFD", text)


FRENCH_ROWS = [
    ("Nom de la pratique", "Éducation à la citoyenneté"),
    ("Description", "Les éducateurs préviennent l'extrémisme violent à l'école."),
    ("Début de la pratique", "Créée en 2016."),
]


def word_document(rows: list[tuple[str, str]]) -> bytes:
    from io import BytesIO

    from docx import Document

    document = Document()
    table = document.add_table(rows=len(rows), cols=2)
    for number, (label, answer) in enumerate(rows):
        table.cell(number, 0).text, table.cell(number, 1).text = label, answer
    output = BytesIO()
    document.save(output)
    return output.getvalue()


@pytest.mark.parametrize("extension", ["txt", "docx"])
def test_decomposed_accents_are_read_in_composed_form(extension):
    rows = [(decomposed(label), decomposed(answer)) for label, answer in FRENCH_ROWS]
    if extension == "txt":
        data = "".join(f"{label}\t{answer}\n" for label, answer in rows).encode()
    else:
        data = word_document(rows)
    parsed = import_document(data, f"pratique.{extension}")
    assert parsed.title == "Éducation à la citoyenneté"  # as typed on a keyboard, and as search reads a query
    assert parsed.fields["description"] == "Les éducateurs préviennent l'extrémisme violent à l'école."
    assert parsed.start == "Créée en 2016." and parsed.start_year == 2016
    assert parsed.language == "fr"
