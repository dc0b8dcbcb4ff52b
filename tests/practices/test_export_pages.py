"""Downloading a practice as a RAN template from its page, and a search result as a .zip."""

import io
import zipfile

import pytest
from django.urls import reverse
from docx import Document

from practices import services
from practices.exporter import archive
from practices.importer import import_document
from practices.models import Finding, Practice

from .factories import make_practice

CONTACT = "Case desk, desk@ravnstad.example, +47 22 33 44 55"


def template_url(practice, fmt="docx", **params) -> str:
    url = reverse("practices:template", args=[practice.pk, fmt])
    return url + ("?" + "&".join(f"{k}={v}" for k, v in params.items()) if params else "")


def docx_text(content: bytes) -> str:
    document = Document(io.BytesIO(content))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join([paragraph.text for paragraph in document.paragraphs] + cells)


@pytest.fixture
def published(contributor):
    return make_practice(author=contributor, publish=True, title="Mentoring after prison", contact=CONTACT)


def test_anonymous_visitor_downloads_a_public_practice_without_its_contact_details(client, published):
    response = client.get(template_url(published))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert 'attachment; filename="ran-template-' in response["Content-Disposition"]
    assert response["Cache-Control"] == "private, no-store"
    text = docx_text(response.content)
    assert "Mentoring after prison" in text
    assert "desk@ravnstad.example" not in text
    assert "☒ Exit strategies" in text and "☐ Family support" in text


@pytest.mark.parametrize("fmt", ["docx", "md"])
def test_signed_in_member_gets_the_contact_details_in_the_template(colleague_client, published, fmt):
    response = colleague_client.get(template_url(published, fmt))
    assert response.status_code == 200
    parsed = import_document(response.content, f"t.{fmt}")
    assert parsed.contact == CONTACT
    assert parsed.title == "Mentoring after prison"


def test_markdown_anonymous_download_has_no_contact_details(client, published):
    response = client.get(template_url(published, "md"))
    assert response["Content-Type"] == "text/markdown; charset=utf-8"
    assert "desk@ravnstad.example" not in response.content.decode()
    assert import_document(response.content, "t.md").contact == ""


def test_template_language_follows_the_practice_then_the_readers_choice(client, contributor):
    practice = make_practice(author=contributor, publish=True, language="fr", title="Écoute des familles")
    french = client.get(template_url(practice, "md")).content.decode()
    assert "| **Nom de la pratique**" in french and "Name of the practice" not in french
    english = client.get(template_url(practice, "md", language="en")).content.decode()
    assert "| **Name of the practice**" in english and "Nom de la pratique" not in english
    assert "-en.md" in client.get(template_url(practice, "md", language="en"))["Content-Disposition"]


@pytest.mark.parametrize(
    "reader, status",
    [
        ("client", 404),
        ("outsider_client", 404),
        ("applicant_client", 404),
        ("colleague_client", 200),
        ("moderator_client", 200),
    ],
)
def test_organisation_only_practice_downloads_only_for_those_who_may_read_it(request, contributor, reader, status):
    practice = make_practice(author=contributor, publish=True, visibility=Practice.Visibility.ORGANISATION)
    for fmt in ("docx", "md"):
        assert request.getfixturevalue(reader).get(template_url(practice, fmt)).status_code == status


@pytest.mark.parametrize("reader", ["client", "outsider_client", "colleague_client"])
def test_a_draft_is_not_downloadable_by_others(request, contributor, reader):
    draft = make_practice(author=contributor)
    assert request.getfixturevalue(reader).get(template_url(draft)).status_code == 404


def test_author_downloads_own_draft(contributor_client, contributor):
    draft = make_practice(author=contributor, title="Draft mentoring")
    response = contributor_client.get(template_url(draft, "md"))
    assert response.status_code == 200
    assert import_document(response.content, "d.md").title == "Draft mentoring"


def test_unknown_format_is_not_found(client, published):
    assert client.get(f"/practices/{published.pk}/template.pdf").status_code == 404


def test_a_redacted_practice_exports_its_redactions_never_the_original_text(colleague_client, published, moderator):
    secret = "Jonas Whitfield"
    published.description = f"Mentoring led by {secret} prevents violent extremism."
    published.save()
    start = published.description.index(secret)
    finding = Finding.objects.create(
        practice=published, field="description", type="PERSON", text=secret, start=start, end=start + len(secret)
    )
    services.finding_redact(finding=finding, actor=moderator)
    for fmt in ("docx", "md"):
        content = colleague_client.get(template_url(published, fmt)).content
        parsed = import_document(content, f"r.{fmt}")
        assert "Jonas" not in parsed.fields["description"] and "Whitfield" not in parsed.fields["description"]
        assert parsed.fields["description"] == Practice.objects.get(pk=published.pk).description


def test_practice_page_offers_the_template_download(client, published):
    page = client.get(published.get_absolute_url()).content.decode()
    assert reverse("practices:template", args=[published.pk, "docx"]) in page
    assert reverse("practices:template", args=[published.pk, "md"]) in page
    assert "Download as RAN template" in page


# Selections -------------------------------------------------------------------------------


@pytest.fixture
def selection(contributor):
    return [
        make_practice(author=contributor, publish=True, title=f"Exit mentoring {n}", themes=("exit-strategies",))
        for n in range(3)
    ] + [make_practice(author=contributor, publish=True, title="Family line", themes=("family-support",))]


def zip_names(response) -> tuple[zipfile.ZipFile, list[str]]:
    archive_file = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    return archive_file, sorted(archive_file.namelist())


def test_moderator_downloads_the_search_result_as_a_zip_of_templates(moderator_client, selection):
    url = reverse("practices:export_selection") + "?theme=exit-strategies&format=md"
    response = moderator_client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert response["X-Practice-Count"] == "3"
    archive_file, names = zip_names(response)
    assert len(names) == 3 and all(name.endswith("-en.md") for name in names)
    titles = sorted(import_document(archive_file.read(name), name).title for name in names)
    assert titles == ["Exit mentoring 0", "Exit mentoring 1", "Exit mentoring 2"]
    assert all(CONTACT in archive_file.read(name).decode() for name in names)  # moderators may see contacts


def test_zip_of_word_documents_opens_with_python_docx(moderator_client, selection):
    response = moderator_client.get(reverse("practices:export_selection") + "?q=mentoring")
    archive_file, names = zip_names(response)
    assert names and all(name.endswith(".docx") for name in names)
    assert {import_document(archive_file.read(name), name).title for name in names} >= {"Exit mentoring 0"}


@pytest.mark.parametrize("reader", ["client", "outsider_client", "colleague_client", "org_admin_client"])
def test_only_moderators_may_export_a_selection(request, reader, selection):
    response = request.getfixturevalue(reader).get(reverse("practices:export_selection"))
    assert response.status_code == 404


def test_a_selection_over_the_limit_is_refused_with_a_message(moderator_client, selection, monkeypatch):
    monkeypatch.setattr(archive, "SELECTION_MAX", 2)
    monkeypatch.setattr("practices.export_views.SELECTION_MAX", 2)
    response = moderator_client.get(reverse("practices:export_selection") + "?q=", follow=True)
    assert response.redirect_chain and response.redirect_chain[0][0].startswith(reverse("search:search"))
    assert "export at most 2 at a time" in response.content.decode()


def test_a_selection_that_finds_nothing_sends_the_moderator_back_with_a_message(moderator_client, selection):
    url = reverse("practices:export_selection") + "?q=zzqxjv+nowhere"
    response = moderator_client.get(url, follow=True)
    assert response.redirect_chain[0][0].startswith(reverse("search:search") + "?q=zzqxjv")
    assert response["Content-Type"].startswith("text/html")
    assert "This search finds no practice to export." in response.content.decode()


def test_search_page_offers_the_selection_export_to_moderators_only(moderator_client, client, selection):
    url = reverse("search:search") + "?q=mentoring"
    assert reverse("practices:export_selection") in moderator_client.get(url).content.decode()
    assert reverse("practices:export_selection") not in client.get(url).content.decode()


def test_selection_export_never_includes_what_the_moderator_query_did_not_select(moderator_client, selection):
    response = moderator_client.get(reverse("practices:export_selection") + "?theme=family-support")
    archive_file, names = zip_names(response)
    assert [import_document(archive_file.read(n), n).title for n in names] == ["Family line"]


def test_a_selection_longer_than_one_search_page_is_exported_whole(moderator_client, selection, monkeypatch):
    monkeypatch.setattr(archive, "_PAGE", 2)
    response = moderator_client.get(reverse("practices:export_selection") + "?theme=exit-strategies&format=md")
    archive_file, names = zip_names(response)
    assert len(names) == 3 == len({import_document(archive_file.read(n), n).title for n in names})


GUIDANCE_WORDS = {
    "title": "By 'practice' we mean",
    "description": "aim of the practice",
    "key_themes": "two key themes",
    "target_audiences": "target audience",
    "geographical_scope": "implemented",
    "start": "when (year)",
    "deliverables": "deliverables",
    "evidence_evaluation": "performance measures",
    "sustainability_transferability": "transferability",
    "ran_meetings": "RAN meeting",
    "eu_links_funding": "funded",
    "organisation": "organisation",
    "country": "Country where",
    "contact": "contact details",
}


def test_each_row_carries_its_own_guidance_which_the_importer_drops(published):
    from practices.exporter.rows import template_rows
    from practices.importer.cleaning import is_only_instructions

    for language in ("en", "fr"):
        rows = {row.code: row for row in template_rows(published, language=language, show_contact=False)}
        assert set(GUIDANCE_WORDS) <= {code for code, row in rows.items() if row.guidance}
        for row in rows.values():
            assert is_only_instructions(row.guidance), (language, row.code)
    english = {row.code: row.guidance for row in template_rows(published, language="en", show_contact=False)}
    for code, words in GUIDANCE_WORDS.items():
        assert words in english[code], code
