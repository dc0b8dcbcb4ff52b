"""A template holding a field longer than a field may be saved with (PRACTICE_FIELD_MAX_CHARS)
is read whole and flagged, not refused: the writer gets the text back to shorten. Saving it
unshortened is refused, on the web, through the API and on the command line, naming the field."""

import json
from io import StringIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse
from rest_framework.test import APIClient

from practices.importer import WARNING_CODES, import_document
from practices.models import Practice

pytestmark = pytest.mark.django_db

LIMIT_CODE = "over_character_limit"


def long_evidence(settings, over: int = 10) -> str:
    """Evidence one paragraph long, ``over`` characters past the field limit, ending in a marker."""
    words = "Quarterly interviews with the families showed fewer contacts with extremist milieus. "
    text = (words * (settings.PRACTICE_FIELD_MAX_CHARS // len(words) + 1))[: settings.PRACTICE_FIELD_MAX_CHARS + over]
    return text[: -len("THE-END!!")] + "THE-END!!"


def template(evidence: str) -> bytes:
    return (
        "Name of the practice\tMentoring after release\n"
        "Description\tWeekly mentoring to prevent violent extremism after release from prison.\n"
        f"Evidence and evaluation\t{evidence}\n"
        "Organisation\tMunicipality of Ravnstad\n"
    ).encode()


def _upload(client, content: bytes):
    return client.post(reverse("practices:import"), {"document": SimpleUploadedFile("long.txt", content)})


def _form_data(form, **changes) -> dict:
    data = {name: value for name, value in form.initial.items() if value is not None}
    data["import_warnings"] = json.dumps(form.initial.get("import_warnings") or [])
    data["visibility"] = "members"
    data.update(changes)
    return data


@pytest.fixture
def contributor_api(contributor) -> APIClient:
    client = APIClient()
    client.force_login(contributor)
    return client


def test_the_importer_keeps_an_over_long_field_whole_with_a_warning(settings):
    evidence = long_evidence(settings)
    parsed = import_document(template(evidence), "long.txt")
    assert parsed.fields["evidence_evaluation"] == evidence
    [warning] = [w for w in parsed.warnings if w.code == LIMIT_CODE]
    assert warning.field == "evidence_evaluation"
    assert f"{len(evidence):,} characters" in warning.message and "20,000" in warning.message
    assert "Shorten it" in warning.message
    assert LIMIT_CODE in WARNING_CODES


def test_the_web_upload_fills_the_form_with_the_whole_text_and_the_warning(contributor_client, settings):
    response = _upload(contributor_client, template(long_evidence(settings)))
    page = response.content.decode()
    assert response.status_code == 200
    assert "THE-END!!" in page
    wrap = page[page.index('id="wrap-evidence_evaluation"') :]
    assert "From the import:" in wrap[: wrap.index('id="wrap-', 10)]
    assert "20,010 characters; a field may hold at most 20,000" in wrap
    assert not Practice.objects.exists()


def test_saving_the_imported_form_unshortened_keeps_the_text_and_names_the_field(contributor_client, settings):
    form = _upload(contributor_client, template(long_evidence(settings))).context["form"]
    response = contributor_client.post(reverse("practices:create"), _form_data(form))
    page = response.content.decode()
    assert response.status_code == 400
    assert response.context["form"].errors["evidence_evaluation"]
    assert f"at most {settings.PRACTICE_FIELD_MAX_CHARS} characters" in page
    assert "THE-END!!" in page  # what the document held comes back whole
    assert "a field may hold at most 20,000" in page  # and the import's note stays while its cause does
    assert not Practice.objects.exists()


def test_once_shortened_the_import_is_saved_without_the_warning(contributor_client, contributor, settings):
    form = _upload(contributor_client, template(long_evidence(settings))).context["form"]
    shortened = form.initial["evidence_evaluation"][: settings.PRACTICE_FIELD_MAX_CHARS - 100].strip()
    response = contributor_client.post(reverse("practices:create"), _form_data(form, evidence_evaluation=shortened))
    assert response.status_code == 302
    practice = Practice.objects.get(author=contributor)
    assert practice.evidence_evaluation == shortened
    assert LIMIT_CODE not in [w["code"] for w in practice.import_warnings]
    page = contributor_client.get(reverse("practices:edit", args=[practice.pk])).content.decode()
    assert "a field may hold at most" not in page


def test_the_api_reads_an_over_long_field_whole_with_the_warning(contributor_api, settings):
    evidence = long_evidence(settings)
    response = contributor_api.post(
        reverse("api:practice-import-document"),
        {"document": SimpleUploadedFile("long.txt", template(evidence))},
        format="multipart",
    )
    assert response.status_code == 200
    body = response.json()
    assert body["draft"]["evidence_evaluation"] == evidence
    assert [w["field"] for w in body["warnings"] if w["code"] == LIMIT_CODE] == ["evidence_evaluation"]
    assert not Practice.objects.exists()


def test_the_api_saves_no_draft_with_an_over_long_field(contributor_api, settings):
    response = contributor_api.post(
        reverse("api:practice-import-document") + "?save=true",
        {"document": SimpleUploadedFile("long.txt", template(long_evidence(settings)))},
        format="multipart",
    )
    assert response.status_code == 400
    body = response.json()
    assert body["type"] == "urn:pve-portal:problem:validation-error"
    [error] = body["errors"]
    assert error["field"] == "evidence_evaluation"
    assert "“Evidence and evaluation” holds 20,010 characters" in error["detail"]
    assert "save=false" in error["detail"]
    assert not Practice.objects.exists()


def test_the_command_refuses_the_file_with_an_over_long_field_and_imports_the_others(tmp_path, settings):
    (tmp_path / "long.txt").write_bytes(template(long_evidence(settings)))
    (tmp_path / "short.txt").write_bytes(template("Quarterly interviews with the families."))
    out, err = StringIO(), StringIO()
    call_command("import_practice", str(tmp_path), stdout=out, stderr=err)
    assert "Imported 1 of 2 documents." in out.getvalue()
    [failure] = [line for line in err.getvalue().splitlines() if line.startswith("FAILED")]
    assert "long.txt" in failure and "“Evidence and evaluation” holds 20,010 characters" in failure
    assert "--json prints the whole text" in failure
    assert list(Practice.objects.values_list("evidence_evaluation", flat=True)) == [
        "Quarterly interviews with the families."
    ]


def test_the_command_prints_an_over_long_field_whole_with_json(tmp_path, settings):
    evidence = long_evidence(settings)
    (tmp_path / "long.txt").write_bytes(template(evidence))
    out = StringIO()
    call_command("import_practice", str(tmp_path / "long.txt"), "--json", stdout=out)
    data = json.loads(out.getvalue())
    assert data["fields"]["evidence_evaluation"] == evidence
    assert [w["field"] for w in data["warnings"] if w["code"] == LIMIT_CODE] == ["evidence_evaluation"]
    assert not Practice.objects.exists()


# The practice's name: saved with at most 300 characters (Practice.title), kept whole and flagged too.

LONG_NAME = "Mentoring after release " * 14 + "NAME-END"  # 344 characters


def _named(name: str) -> bytes:
    return template("Quarterly interviews with the families.").replace(b"Mentoring after release", name.encode(), 1)


def test_a_name_too_long_is_read_whole_with_a_warning():
    parsed = import_document(_named(LONG_NAME), "long.txt")
    assert parsed.title == LONG_NAME
    [warning] = [w for w in parsed.warnings if w.code == LIMIT_CODE]
    assert warning.field == "title" and "344 characters; a field may hold at most 300" in warning.message


def test_a_name_too_long_reaches_the_form_whole_and_is_refused_keeping_it(contributor_client):
    response = _upload(contributor_client, _named(LONG_NAME))
    assert response.context["form"].initial["title"] == LONG_NAME
    assert "NAME-END" in response.content.decode()
    saved = contributor_client.post(reverse("practices:create"), _form_data(response.context["form"]))
    assert saved.status_code == 400
    assert saved.context["form"].errors["title"]
    assert "NAME-END" in saved.content.decode()
    assert not Practice.objects.exists()


def test_the_api_and_the_command_save_no_practice_with_a_name_too_long(contributor_api, tmp_path):
    response = contributor_api.post(
        reverse("api:practice-import-document") + "?save=true",
        {"document": SimpleUploadedFile("long.txt", _named(LONG_NAME))},
        format="multipart",
    )
    assert response.status_code == 400
    [error] = response.json()["errors"]
    assert error["field"] == "title" and "344 characters; a field may hold at most 300" in error["detail"]
    (tmp_path / "long.txt").write_bytes(_named(LONG_NAME))
    err = StringIO()
    with pytest.raises(CommandError, match="No document could be imported"):
        call_command("import_practice", str(tmp_path), stdout=StringIO(), stderr=err)
    assert "344 characters" in err.getvalue()
    assert not Practice.objects.exists()
