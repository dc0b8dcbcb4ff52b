"""PDF templates: read from ruled tables and the fonts of their lines; scans, long files and
damaged files refused with a message; the web form accepting them. (The English and French
fixtures, a ruled table and headings with paragraphs, are read in test_importer_formats.py.)"""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from practices.importer import UnreadableDocument, import_document
from practices.models import Practice
from tests.practices.test_importer_formats import TEMPLATES


def pdf(draw, pages: int = 1) -> bytes:
    out = io.BytesIO()
    page = canvas.Canvas(out, pagesize=A4)
    for number in range(pages):
        draw(page, number)
        page.showPage()
    page.save()
    return out.getvalue()


def lines(*rows: tuple[str, str, float]):
    """Draw (text, font, size) lines down the page, a paragraph gap after an empty text."""

    def draw(page, _number):
        y = 800.0
        for text, font, size in rows:
            if text:
                page.setFont(font, size)
                page.drawString(60, y, text)
            y -= size * (1.2 if text else 1.0)

    return draw


def test_headings_bold_labels_bullets_and_wrapped_lines_are_read_from_the_fonts():
    data = pdf(
        lines(
            ("Name of the practice", "Helvetica-Bold", 14),
            ("Family circles", "Helvetica", 10),
            ("", "", 10),
            ("Description", "Helvetica-Bold", 10),
            ("Parents meet every month with a trained", "Helvetica", 10),
            ("facilitator.", "Helvetica", 10),
            ("", "", 10),
            ("\u2022 a first step", "Helvetica", 10),
            ("\u2022 a second step that wraps onto", "Helvetica", 10),
            ("  the next line", "Helvetica", 10),
        )
    )
    parsed = import_document(data, "circles.pdf")
    assert parsed.title == "Family circles"
    assert parsed.fields["description"] == (
        "Parents meet every month with a trained facilitator.\n\n"
        "- a first step\n- a second step that wraps onto the next line"
    )


def test_a_pdf_of_images_only_is_refused_as_a_scan():
    scan = pdf(lambda page, _number: page.rect(50, 50, 400, 600, fill=1))
    with pytest.raises(UnreadableDocument) as caught:
        import_document(scan, "scan.pdf")
    assert "no text" in caught.value.message


def test_a_pdf_over_the_page_limit_is_refused_with_its_page_count():
    long = pdf(lines(("Annex", "Helvetica", 10)), pages=101)
    with pytest.raises(UnreadableDocument) as caught:
        import_document(long, "report.pdf")
    assert "101 pages" in caught.value.message


def test_a_truncated_pdf_is_refused_with_a_message():
    whole = (TEMPLATES / "en_practice.pdf").read_bytes()
    with pytest.raises(UnreadableDocument) as caught:
        import_document(whole[: len(whole) // 3], "cut.pdf")
    assert "not a valid PDF" in caught.value.message


@pytest.mark.django_db
def test_the_contribution_form_reads_a_pdf_template_and_saves_nothing(contributor_client):
    assert ".pdf" in contributor_client.get(reverse("practices:create")).content.decode()
    data = (TEMPLATES / "en_practice.pdf").read_bytes()
    response = contributor_client.post(
        reverse("practices:import"), {"document": SimpleUploadedFile("practice.pdf", data)}
    )
    assert response.status_code == 200
    assert 'value="Safe Harbour: mentoring young people leaving custody"' in response.content.decode()
    assert not Practice.objects.exists()
