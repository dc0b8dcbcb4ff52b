"""The template's fields are declared once (practices/template_fields.py): every consumer
derives its list from the declaration, so a field added there reaches all of them."""

import pytest
from django.urls import reverse

from api.serializers import PracticeDetailSerializer, PracticeWriteSerializer
from practices.forms import FORM_FIELDS, PracticeForm
from practices.importer.result import ParsedOrganisation, ParsedPractice
from practices.models import Practice
from practices.presentation import practice_sections
from practices.services import CONTENT_ATTRIBUTES, PRACTICE_ATTRIBUTES, practice_data_from_import
from practices.template_fields import (
    NARRATIVE_ATTRIBUTES,
    NARRATIVE_FIELD_CODES,
    PLAIN_TEMPLATE_ATTRIBUTES,
    TAXONOMY_ATTRIBUTES,
    TEMPLATE_ATTRIBUTES,
    TEMPLATE_FIELDS,
)
from practices.versions import practice_snapshot
from tests.practices.factories import make_practice

pytestmark = pytest.mark.django_db

# Practice columns that are not the template's content: who wrote it, where it stands in
# the workflow, what the portal derives. A new column must be declared in the template or here.
NOT_TEMPLATE_CONTENT = {
    "id",
    "organisation",
    "language",
    "author",
    "status",
    "visibility",
    "evidence_level",
    "revision_of",
    "change_summary",
    "withdrawn_at",
    "withdrawal_reason",
    "featured_at",  # the moderators' curation (services.practice_feature), not the template's content
    "featured_by",
    "import_warnings",
    "is_demo",
    "created_at",
    "updated_at",
    "published_at",
    "cooked",
    "uuid",
    # a copy shared by another portal (federation/copies.py)
    "origin_portal",
    "origin_name",
    "origin_uuid",
    "origin_url",
    "origin_version",
    "origin_updated_at",
}


def _missing(consumer, declared=TEMPLATE_ATTRIBUTES) -> list[str]:
    return [name for name in declared if name not in consumer]


def test_every_declared_attribute_is_a_field_of_the_practice_model():
    model_fields = {field.name for field in Practice._meta.get_fields()}
    assert _missing(model_fields) == []


def test_every_content_column_of_the_practice_model_is_declared():
    columns = {field.name for field in Practice._meta.get_fields() if field.concrete}
    assert columns - set(TEMPLATE_ATTRIBUTES) - NOT_TEMPLATE_CONTENT == set()


def test_the_form_asks_for_every_declared_field_in_template_order():
    assert [name for name in FORM_FIELDS if name in TEMPLATE_ATTRIBUTES] == list(TEMPLATE_ATTRIBUTES)
    assert _missing(PracticeForm().fields) == []


def test_the_services_accept_and_copy_every_plain_declared_field():
    assert _missing(PRACTICE_ATTRIBUTES, PLAIN_TEMPLATE_ATTRIBUTES) == []
    assert _missing(CONTENT_ATTRIBUTES, PLAIN_TEMPLATE_ATTRIBUTES) == []


def test_the_api_reads_and_writes_every_declared_field():
    assert _missing(PracticeDetailSerializer.Meta.fields) == []
    assert _missing(PracticeWriteSerializer.Meta.fields) == []
    assert _missing(PracticeWriteSerializer().fields) == []


def test_a_published_version_keeps_every_declared_field(contributor):
    practice = make_practice(author=contributor, publish=True)
    assert _missing(practice_snapshot(practice)) == []
    assert _missing(practice.versions.get().content) == []
    assert sorted(practice.versions.get().cooked) == sorted(NARRATIVE_ATTRIBUTES)


def test_the_detail_page_shows_every_declared_field_but_the_title_heading(contributor):
    practice = make_practice(author=contributor, publish=True)
    codes = [section.code for section in practice_sections(practice, show_contact=True)]
    assert codes == [field.code for field in TEMPLATE_FIELDS if field.code != "title"]


def test_every_markdown_field_is_cooked_and_every_cooked_field_is_markdown(contributor):
    practice = make_practice(author=contributor)
    assert sorted(practice.cooked) == sorted(NARRATIVE_ATTRIBUTES)
    assert len(NARRATIVE_ATTRIBUTES) == len(NARRATIVE_FIELD_CODES)


def test_an_import_fills_every_markdown_field():
    fields = {code: f"Text of {code}" for code in NARRATIVE_FIELD_CODES}
    parsed = ParsedPractice(
        title="Imported",
        fields=fields,
        organisation=ParsedOrganisation(description=fields["organisation"]),
        contact=fields["contact"],
    )
    attributes = practice_data_from_import(parsed).attributes
    assert [attributes.get(name) for name in NARRATIVE_ATTRIBUTES] == [fields[code] for code in NARRATIVE_FIELD_CODES]


def test_taxonomy_fields_are_many_to_many_relations():
    for name in TAXONOMY_ATTRIBUTES:
        assert Practice._meta.get_field(name).many_to_many


def test_the_api_detail_lists_every_declared_field(client, contributor):
    practice = make_practice(author=contributor, publish=True)
    data = client.get(reverse("api:practice-detail", args=[practice.pk])).json()
    assert _missing(data) == []
