"""Reading a document into the practice form loses nothing the contributor typed there first.
The upload form sends the web form's fields along (static/js/upload-keeps-form.js; the browser
side is tests/browser/test_ux_18_confirmations_and_uploads.py): a document that cannot be read
shows the form again as typed, and a document read fills what it has, keeping what was typed in
the fields it leaves empty."""

import re
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from practices.models import KeyTheme, Practice

pytestmark = pytest.mark.django_db

SEED = Path(__file__).resolve().parents[2] / "practices" / "fixtures" / "templates" / "000_c92d1ef0c5228cd4.txt"


def _typed() -> dict:
    theme = KeyTheme.objects.order_by("pk").first()
    return {
        "title": "Mentoring returnees in Ravnstad",
        "description": "Weekly meetings with a mentor & a family worker.",
        "eu_links_funding": "Internal Security Fund, 2021-2023",
        "end_year": "2030",
        "key_themes": [str(theme.pk)],
        "language": "en",
        "visibility": "members",
    }


def _upload(client, name: str, content: bytes, typed: dict):
    return client.post(reverse("practices:import"), {"document": SimpleUploadedFile(name, content), **typed})


@pytest.mark.parametrize(
    ("name", "content", "says"),
    [
        ("empty.txt", b"", "The submitted file is empty."),
        ("photo.png", b"\x89PNG\r\n\x1a\n", "cannot be imported"),
        ("broken.docx", b"this is not a word document", ""),
        ("huge.txt", b"x" * (1024 * 1024 + 1), "larger than 1 MB"),
    ],
)
def test_a_document_that_cannot_be_read_keeps_what_was_typed(contributor_client, settings, name, content, says):
    settings.PRACTICE_UPLOAD_MAX_BYTES = 1024 * 1024
    typed = _typed()
    response = _upload(contributor_client, name, content, typed)
    page = response.content.decode()
    assert response.status_code == 400
    assert says in page
    assert 'value="Mentoring returnees in Ravnstad"' in page
    assert "Weekly meetings with a mentor &amp; a family worker.</textarea>" in page
    assert "Internal Security Fund, 2021-2023</textarea>" in page
    assert 'value="2030"' in page
    assert re.search(rf'name="key_themes" value="{typed["key_themes"][0]}"[^>]* checked', page)
    assert not Practice.objects.exists()


def test_a_document_read_fills_its_fields_and_keeps_the_typed_ones_it_leaves_empty(contributor_client):
    response = _upload(contributor_client, SEED.name, SEED.read_bytes(), _typed())
    page = response.content.decode()
    assert response.status_code == 200
    assert 'value="Soutien familial à Sarpsborg"' in page  # the document's title, not the typed one
    assert "Mentoring returnees" not in page
    assert "Weekly meetings with a mentor" not in page  # the document has a description
    assert "Internal Security Fund, 2021-2023</textarea>" in page  # it has no EU links: kept
    assert 'value="2030"' in page  # nor an end year
    assert not Practice.objects.exists()


def test_an_upload_without_the_typed_fields_reads_as_before(contributor_client):
    response = contributor_client.post(
        reverse("practices:import"), {"document": SimpleUploadedFile("photo.png", b"\x89PNG")}
    )
    assert response.status_code == 400
    assert 'name="title"' in response.content.decode()
