"""Importing a filled-in template: through the web form and the command line."""

import json
import shutil
from io import StringIO
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from portal.models import Organisation
from practices.models import Practice

pytestmark = pytest.mark.django_db

TEMPLATES = Path(__file__).resolve().parents[2] / "practices" / "fixtures" / "templates"
SEED = TEMPLATES / "000_c92d1ef0c5228cd4.txt"

JSON_KEYS = {
    "title",
    "language",
    "peer_reviewed",
    "key_themes",
    "target_audiences",
    "country",
    "geographical_scope",
    "start",
    "start_year",
    "end_year",
    "last_update_year",
    "organisation",
    "contact",
    "fields",
    "warnings",
    "pii",
}


def _upload(client, name: str, content: bytes):
    return client.post(reverse("practices:import"), {"document": SimpleUploadedFile(name, content)})


def test_uploading_the_seed_prefills_the_form_and_saves_nothing(contributor_client):
    response = _upload(contributor_client, SEED.name, SEED.read_bytes())
    page = response.content.decode()
    assert response.status_code == 200
    assert 'value="Soutien familial à Sarpsborg"' in page
    assert "Thérapie brève orientée sur la solution" in page
    assert "From the import:" in page  # the over-limit description is flagged beside its field
    assert not Practice.objects.exists()


def test_an_unreadable_upload_gets_a_clear_error(contributor_client):
    response = _upload(contributor_client, "broken.docx", b"this is not a word document")
    assert response.status_code == 400
    assert 'class="errorlist' in response.content.decode()
    assert not Practice.objects.exists()


def test_an_oversized_upload_is_refused(contributor_client, settings):
    settings.PRACTICE_UPLOAD_MAX_BYTES = 1024 * 1024
    response = _upload(contributor_client, "huge.txt", b"x" * (1024 * 1024 + 1))
    assert response.status_code == 400
    assert "larger than 1 MB" in response.content.decode()


def test_anonymous_visitor_cannot_upload(client):
    response = _upload(client, SEED.name, SEED.read_bytes())
    assert response.status_code == 302
    assert not Practice.objects.exists()


def test_command_prints_the_parsed_draft_as_json_and_saves_nothing():
    out = StringIO()
    call_command("import_practice", str(SEED), "--json", stdout=out)
    data = json.loads(out.getvalue())
    assert set(data) == JSON_KEYS
    assert data["title"] == "Soutien familial à Sarpsborg"
    assert data["organisation"]["name"] == "Municipalité de Sarpsborg"
    assert not Practice.objects.exists()
    assert not Organisation.objects.exists()


def test_command_json_lists_the_seed_contacts_personal_data_with_exact_spans():
    out = StringIO()
    call_command("import_practice", str(SEED), "--json", stdout=out)
    data = json.loads(out.getvalue())
    contact = data["fields"]["contact"]
    found = {(p["type"], p["text"]) for p in data["pii"] if p["field"] == "contact"}
    assert {
        ("PERSON", "Tone Faale"),
        ("EMAIL_ADDRESS", "tsfa@sarpsborg.com"),
        ("PHONE_NUMBER", "0047 98217686"),
    } <= found
    assert ("LOCATION", "Boks 237, N-1702 Sarpsborg") in found
    for item in data["pii"]:
        assert data["fields"][item["field"]][item["start"] : item["end"]] == item["text"]
        assert 0.0 <= item["score"] <= 1.0
    assert contact.index("Tone Faale") in {p["start"] for p in data["pii"] if p["type"] == "PERSON"}


def test_command_saves_a_draft_under_the_organisation_named_in_the_document():
    call_command("import_practice", str(SEED), stdout=StringIO(), stderr=StringIO())
    practice = Practice.objects.get()
    assert practice.status == Practice.Status.DRAFT
    assert practice.organisation.name == "Municipalité de Sarpsborg"
    assert practice.organisation.verified is False
    assert practice.organisation.type.code == "other"
    assert practice.country == "NO"
    assert list(practice.key_themes.values_list("code", flat=True)) == ["family-support", "local-strategies-cities"]
    assert "Insoo Kim Berg" in practice.description
    assert any(w["code"] == "over_word_limit" and w["field"] == "description" for w in practice.import_warnings)


def test_command_saves_under_the_organisation_given_and_can_publish(home_organisation):
    call_command(
        "import_practice",
        str(SEED),
        "--organisation",
        home_organisation.name,
        "--publish",
        stdout=StringIO(),
        stderr=StringIO(),
    )
    practice = Practice.objects.get()
    assert practice.organisation == home_organisation
    assert practice.status == Practice.Status.PUBLISHED


def test_command_imports_a_folder_and_reports_what_failed(tmp_path):
    shutil.copy(SEED, tmp_path / "seed.txt")
    (tmp_path / "broken.docx").write_bytes(b"not a docx")
    (tmp_path / "notes.xlsx").write_bytes(b"PK ignored, not a template format")
    out, err = StringIO(), StringIO()
    call_command("import_practice", str(tmp_path), stdout=out, stderr=err)
    assert "Imported 1 of 2 documents." in out.getvalue()
    assert "FAILED" in err.getvalue() and "broken.docx" in err.getvalue()
    assert Practice.objects.count() == 1


def test_command_names_the_files_of_a_folder_it_leaves(tmp_path):
    """An old Word file or an Outlook message among the templates is named, not passed over."""
    shutil.copy(SEED, tmp_path / "seed.txt")
    (tmp_path / "old.doc").write_bytes(b"\xd0\xcf\x11\xe0 an old Word file")
    (tmp_path / "mail.msg").write_bytes(b"\xd0\xcf\x11\xe0 an Outlook message")
    out, err = StringIO(), StringIO()
    call_command("import_practice", str(tmp_path), stdout=out, stderr=err)
    assert "Imported 1 of 1 documents." in out.getvalue()
    assert "Left 2 file(s) of other types: mail.msg, old.doc" in err.getvalue()


def test_an_unknown_type_is_refused_naming_the_types_read():
    from practices.importer import UnreadableDocument, import_document

    with pytest.raises(UnreadableDocument) as refusal:
        import_document(b"a spreadsheet", "figures.xlsx")
    assert "“.xlsx”" in str(refusal.value) and ".eml" in str(refusal.value) and ".docx" in str(refusal.value)


def test_command_refuses_a_missing_path():
    with pytest.raises(CommandError, match="No such file or folder"):
        call_command("import_practice", "/nonexistent/template.docx")
