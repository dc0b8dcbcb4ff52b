"""GET /api/v1/practices/{id}/template.docx and .md: the practice as a filled-in RAN template."""

import io

import pytest
import yaml
from django.urls import reverse
from docx import Document

from practices.importer import import_document

from .conftest import PERSONAS, token_client

FORMATS = ("docx", "md")


def url(practice, fmt: str) -> str:
    return f"/api/v1/practices/{practice.pk}/template.{fmt}"


@pytest.mark.parametrize("persona", PERSONAS)
def test_template_access_is_the_practices_access_for_every_persona(persona_client, world, persona):
    client = persona_client(persona)
    practices = {**world.published(), **world.unpublished()}
    for name, practice in practices.items():
        detail = client.get(f"/api/v1/practices/{practice.pk}/").status_code
        assert detail in (200, 404), (persona, name)
        for fmt in FORMATS:
            response = client.get(url(practice, fmt))
            assert response.status_code == detail, (persona, name, fmt)
            if detail == 404:
                assert response["Content-Type"] == "application/problem+json"
                assert practice.title not in response.content.decode()


def test_the_docx_template_opens_with_python_docx_and_reads_back(persona_client, world):
    response = persona_client("colleague").get(url(world.members_only, "docx"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats-officedocument")
    assert response["Content-Disposition"].startswith('attachment; filename="ran-template-')
    document = Document(io.BytesIO(response.content))
    assert document.tables and document.tables[0].rows[0].cells[1].text == "Members mentoring method"
    parsed = import_document(response.content, "t.docx")
    assert parsed.title == "Members mentoring method"
    assert sorted(parsed.key_themes) == ["exit-strategies", "prison-probation"]


@pytest.mark.parametrize("persona, sees_contact", [("anonymous", False), ("colleague", True), ("outsider", True)])
def test_contact_details_only_for_readers_who_may_see_them(persona_client, world, persona, sees_contact):
    for fmt in FORMATS:
        content = persona_client(persona).get(url(world.public, fmt)).content
        parsed = import_document(content, f"t.{fmt}")
        assert (parsed.contact == world.public.contact) is sees_contact
        assert ("desk@ravnstad.example" in (content.decode() if fmt == "md" else parsed.contact)) is sees_contact


def test_a_read_only_token_may_download_the_template(world, colleague):
    response = token_client(colleague, scope="read").get(url(world.members_only, "md"))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/markdown; charset=utf-8"
    assert "| **Name of the practice**" in response.content.decode()


def test_language_chooses_the_template_and_an_unknown_one_is_refused(client, world):
    french = client.get(url(world.public, "md") + "?language=fr")
    assert "| **Nom de la pratique**" in french.content.decode()
    for value in ("de", ""):
        refused = client.get(url(world.public, "md") + f"?language={value}")
        assert refused.status_code == 400
        assert refused.json()["errors"][0]["field"] == "language"


def test_other_methods_are_not_allowed(client, world):
    assert client.post(url(world.public, "docx")).status_code == 405


def test_the_schema_documents_both_template_endpoints(client, db):
    schema = yaml.safe_load(client.get(reverse("api:schema")).content)
    docx = schema["paths"]["/api/v1/practices/{id}/template.docx"]["get"]
    markdown = schema["paths"]["/api/v1/practices/{id}/template.md"]["get"]
    assert list(docx["responses"]["200"]["content"]) == [
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    ]
    assert list(markdown["responses"]["200"]["content"]) == ["text/markdown"]
    assert {parameter["name"] for parameter in docx["parameters"]} == {"id", "language"}
    assert list(docx["responses"]["404"]["content"]) == ["application/problem+json"]
    assert {} in docx["security"]
