"""Issue 14, item 11: a small crafted .docx cannot make an import run for minutes or take
gigabytes. Its members are measured before parsing, its paragraphs, cells and nesting are
counted as it streams, and the whole import has a time limit. The hostile files are built here."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from docx import Document
from rest_framework.test import APIClient

from practices.models import Practice

pytestmark = pytest.mark.django_db

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
REFUSED = "too large or too complex"


def docx_with_body(body: str, *, padding: int = 0) -> bytes:
    """A real Word document (made by python-docx) whose body is replaced by ``body``;
    ``padding`` spaces of highly compressible XML are added to its document part."""
    source = io.BytesIO()
    Document().save(source)
    xml = f'<?xml version="1.0" encoding="UTF-8"?><w:document {W}><w:body>{body}</w:body>{" " * padding}</w:document>'
    crafted = io.BytesIO()
    with zipfile.ZipFile(source) as original, zipfile.ZipFile(crafted, "w", zipfile.ZIP_DEFLATED) as out:
        for member in original.infolist():
            data = xml.encode() if member.filename == "word/document.xml" else original.read(member)
            out.writestr(member.filename, data, compress_type=zipfile.ZIP_DEFLATED, compresslevel=9)
    return crafted.getvalue()


def paragraph(text: str) -> str:
    return f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>"


def table(rows: int, columns: int = 2) -> str:
    cell = f"<w:tc>{paragraph('x')}</w:tc>"
    return "<w:tbl>" + f"<w:tr>{cell * columns}</w:tr>" * rows + "</w:tbl>"


def template_body() -> str:
    return table(0) + (
        "<w:tbl>"
        f"<w:tr><w:tc>{paragraph('Name of the practice')}</w:tc>"
        f"<w:tc>{paragraph('Mentoring after release')}</w:tc></w:tr>"
        f"<w:tr><w:tc>{paragraph('Description')}</w:tc><w:tc>{paragraph('Weekly mentoring sessions.')}</w:tc></w:tr>"
        "</w:tbl>"
    )


HOSTILE = {
    # 100 MB of XML in about 100 KB.
    "bomb": lambda: docx_with_body(paragraph("Name of the practice"), padding=100 * 1024 * 1024),
    # 30,000 paragraphs in a few KB.
    "paragraphs": lambda: docx_with_body(paragraph("Weekly mentoring.") * 30_000),
    # 6,000 table cells.
    "cells": lambda: docx_with_body(table(3_000)),
    # 200 content controls inside one another.
    "nesting": lambda: docx_with_body("<w:sdt><w:sdtContent>" * 200 + paragraph("x") + "</w:sdtContent></w:sdt>" * 200),
}


def upload(client, data: bytes, name: str = "crafted.docx"):
    return client.post(reverse("practices:import"), {"document": SimpleUploadedFile(name, data)})


@pytest.mark.parametrize("kind", sorted(HOSTILE))
def test_a_crafted_word_file_is_refused_with_a_clear_message(contributor_client, kind):
    data = HOSTILE[kind]()
    assert len(data) < 200 * 1024  # small on the wire
    response = upload(contributor_client, data)
    assert response.status_code == 400
    assert REFUSED in response.content.decode()
    assert not Practice.objects.exists()


def test_the_api_refuses_a_crafted_word_file_too(contributor):
    api = APIClient()
    api.force_login(contributor)
    response = api.post(
        reverse("api:practice-import-document") + "?save=true",
        {"document": SimpleUploadedFile("bomb.docx", HOSTILE["paragraphs"]())},
        format="multipart",
    )
    assert response.status_code == 400
    assert REFUSED in str(response.json())
    assert not Practice.objects.exists()


def test_an_ordinary_word_template_is_still_read(contributor_client):
    response = upload(contributor_client, docx_with_body(template_body()))
    assert response.status_code == 200
    assert 'value="Mentoring after release"' in response.content.decode()


def test_an_import_over_its_time_limit_is_stopped_with_a_clear_message(contributor_client, settings):
    settings.PRACTICE_IMPORT_SECONDS = 0.001
    response = upload(contributor_client, docx_with_body(template_body() + paragraph("More text.") * 2_000))
    assert response.status_code == 400
    assert "took too long" in response.content.decode()
