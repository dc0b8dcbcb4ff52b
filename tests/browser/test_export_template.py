"""A reader downloads a practice as a filled-in RAN template from its page and opens it."""

import pytest
from docx import Document

from practices.importer import import_document
from tests.practices.factories import make_practice

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_visitor_downloads_the_word_template_in_french_and_opens_it(browser_page, contributor, artifacts_dir):
    practice = make_practice(author=contributor, publish=True, title="Mentoring after prison")
    page = browser_page
    page.goto(practice.get_absolute_url())
    page.get_by_label("Download as RAN template").select_option("fr")
    with page.expect_download() as download_info:
        page.get_by_role("button", name="Word (.docx)").click()
    download = download_info.value
    assert download.suggested_filename.endswith("-fr.docx")
    path = artifacts_dir / download.suggested_filename
    download.save_as(path)

    document = Document(str(path))
    rows = [(row.cells[0].text, row.cells[1].text) for row in document.tables[0].rows]
    assert rows[0][0].startswith("Nom de la pratique") and rows[0][1] == "Mentoring after prison"
    themes = dict(rows)[next(label for label, _ in rows if label.startswith("Principaux thèmes"))]
    assert "☒ Stratégies de sortie" in themes and "☐ Soutien de la famille" in themes
    assert "desk@ravnstad.example" not in "\n".join(answer for _, answer in rows)  # no contact details when signed out
    parsed = import_document(path.read_bytes(), path.name)
    assert (parsed.title, parsed.language, sorted(parsed.key_themes)) == (
        "Mentoring after prison",
        "fr",
        ["exit-strategies", "prison-probation"],
    )


def test_visitor_downloads_the_markdown_template(browser_page, contributor, artifacts_dir):
    practice = make_practice(author=contributor, publish=True, title="Family advice line")
    page = browser_page
    page.goto(practice.get_absolute_url())
    with page.expect_download() as download_info:
        page.get_by_role("button", name="Markdown (.md)").click()
    path = artifacts_dir / download_info.value.suggested_filename
    download_info.value.save_as(path)
    assert path.name.endswith("-en.md")
    assert import_document(path.read_bytes(), path.name).title == "Family advice line"
