"""OpenDocument (.odt) and Rich Text (.rtf) templates, read through pandoc: the same practice
as from Word, hostile or damaged files refused with a message, the web form accepting them.
(The English and French fixtures in both formats are in test_importer_formats.py.)"""

import io
import subprocess
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from practices import demo
from practices.exporter import export_practice
from practices.importer import UnreadableDocument, Vocabulary, import_document
from practices.importer.pandoc import pandoc_path
from practices.models import Practice
from practices.services import practice_import
from tests.practices.export_roundtrip import parsed_fields
from tests.practices.test_importer_formats import TEMPLATES

TEXT_NS = 'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"'
OFFICE_NS = 'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"'


def convert(data: bytes, source: str, target: str, tmp_path) -> bytes:
    """``data`` converted by pandoc (the binary the importer runs), as a writer would save it."""
    (tmp_path / f"in.{source}").write_bytes(data)
    out = tmp_path / f"out.{target}"
    subprocess.run([pandoc_path(), "-f", source, "-t", target, "-s", "-o", out, tmp_path / f"in.{source}"], check=True)
    return out.read_bytes()


@pytest.mark.parametrize("kind", ["odt", "rtf"])
def test_the_seed_saved_as_odt_or_rtf_reads_as_it_does_from_its_own_text(db, tmp_path, kind):
    vocabulary = Vocabulary.from_database()
    first = import_document(demo.SEED_DOCUMENT.read_bytes(), demo.SEED_DOCUMENT.name, vocabulary=vocabulary)
    word = export_practice(practice_import(parsed=first), fmt="docx", language="fr", show_contact=True).content
    parsed = import_document(convert(word, "docx", kind, tmp_path), f"pratique.{kind}", vocabulary=vocabulary)
    got, expected = parsed_fields(parsed), parsed_fields(first)
    assert got.pop("contact") == expected.pop("contact"), "contact differs"  # real personal data: not in the log
    assert got == expected
    assert (parsed.language, parsed.start) == ("fr", first.start)


def test_paragraphs_that_start_with_a_bullet_are_a_list():
    html = (
        "<table><tr><td>Title of the practice</td><td>Bullets</td></tr>"
        "<tr><td>Description</td><td>"
        "<p>Steps:</p><p>• first step</p><p>• second step</p><p>After.</p></td></tr></table>"
    )
    parsed = import_document(html.encode(), "bullets.html")
    assert parsed.fields["description"] == "Steps:\n\n- first step\n- second step\n\nAfter."


def test_a_line_break_at_the_end_of_a_paragraph_leaves_no_mark():
    html = (
        "<table><tr><td>Title of the practice</td><td>Breaks</td></tr>"
        "<tr><td>Description</td><td><p>One.<br></p><p>Two.</p></td></tr></table>"
    )
    assert import_document(html.encode(), "breaks.html").fields["description"] == "One.\n\nTwo."


def odt_with_content(content: str, *, padding: int = 0) -> bytes:
    xml = (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {OFFICE_NS} {TEXT_NS}>'
        f"<office:body><office:text>{content}</office:text></office:body>{' ' * padding}</office:document-content>"
    )
    crafted = io.BytesIO()
    with zipfile.ZipFile(crafted, "w", zipfile.ZIP_DEFLATED) as out:
        out.writestr("mimetype", "application/vnd.oasis.opendocument.text", compress_type=zipfile.ZIP_STORED)
        out.writestr("content.xml", xml, compresslevel=9)
    return crafted.getvalue()


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(lambda: odt_with_content("<text:p>x</text:p>" * 30_000), id="paragraphs"),
        pytest.param(lambda: odt_with_content("<text:p>x</text:p>", padding=80 * 1024 * 1024), id="unpacks-large"),
        pytest.param(lambda: odt_with_content("<text:section>" * 200 + "x" + "</text:section>" * 200), id="nesting"),
    ],
)
def test_a_crafted_odt_is_refused_before_pandoc_reads_it(contributor_client, data):
    crafted = data()
    assert len(crafted) < 200 * 1024  # small on the wire
    response = contributor_client.post(
        reverse("practices:import"), {"document": SimpleUploadedFile("crafted.odt", crafted)}
    )
    assert response.status_code == 400
    assert "too large or too complex" in response.content.decode()
    assert not Practice.objects.exists()


@pytest.mark.parametrize(
    ("data", "filename", "fragment"),
    [
        (b"PK\x03\x04 not really a zip", "damaged.odt", "OpenDocument (.odt)"),
        (b"\x00\x01\x02 binary junk", "junk.rtf", "Rich Text (.rtf)"),
        (b"plain words, not RTF", "words.rtf", "Rich Text (.rtf)"),
    ],
)
def test_damaged_odt_and_rtf_files_are_refused_with_a_message(data, filename, fragment):
    with pytest.raises(UnreadableDocument) as caught:
        import_document(data, filename)
    assert fragment in caught.value.message


def test_an_odt_import_over_its_time_limit_is_stopped_with_a_clear_message(contributor_client, settings):
    settings.PRACTICE_IMPORT_SECONDS = 0.001
    data = (TEMPLATES / "en_practice.odt").read_bytes()
    response = contributor_client.post(reverse("practices:import"), {"document": SimpleUploadedFile("p.odt", data)})
    assert response.status_code == 400
    assert "took too long" in response.content.decode()


@pytest.mark.parametrize("kind", ["odt", "rtf"])
def test_the_contribution_form_reads_an_odt_or_rtf_template(contributor_client, kind):
    data = (TEMPLATES / f"en_practice.{kind}").read_bytes()
    page = contributor_client.get(reverse("practices:create")).content.decode()
    assert f".{kind}" in page  # the file input accepts it and the help text names it
    response = contributor_client.post(
        reverse("practices:import"), {"document": SimpleUploadedFile(f"practice.{kind}", data)}
    )
    assert response.status_code == 200
    assert 'value="Safe Harbour: mentoring young people leaving custody"' in response.content.decode()
