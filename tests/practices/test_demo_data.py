import re
from io import StringIO

import pytest
from django.core.management import call_command

from practices.demo import collection_documents, collection_language
from practices.importer import Vocabulary, import_document
from practices.models import Practice

pytestmark = pytest.mark.django_db

COLLECTION_SIZE = 55
NARRATIVE_FIELDS = (
    "description",
    "geographical_scope",
    "start",
    "deliverables",
    "evidence_evaluation",
    "sustainability_transferability",
    "ran_meetings",
)


def test_demo_data_holds_the_seed_the_collection_and_varied_marked_practices():
    out = StringIO()
    call_command("load_demo_data", stdout=out)
    assert "Seed practice added: 1; demo practices added: 48; hand-written demo practices added: 55." in out.getvalue()

    seed = Practice.objects.get(title="Soutien familial à Sarpsborg")
    assert seed.is_published and not seed.is_demo
    assert seed.organisation.name == "Municipalité de Sarpsborg"

    demo = Practice.objects.filter(is_demo=True)
    assert demo.count() == 48 + COLLECTION_SIZE
    assert all(p.is_published and p.visibility == Practice.Visibility.PUBLIC for p in demo)
    assert set(demo.values_list("language", flat=True)) == {
        *("en", "fr", "de", "no", "da", "sv", "nl"),
        *("es", "it", "pt", "pl", "fi", "el", "hu", "ro", "cs"),
    }
    assert demo.values("country").distinct().count() >= 10
    assert demo.values("organisation__type").distinct().count() >= 6
    assert demo.filter(organisation__is_demo=False).count() == 0
    assert demo.filter(organisation__verified=False).count() == 0


def test_no_two_demo_practices_share_a_title_and_each_carries_one_demo_marker(client):
    call_command("load_demo_data", stdout=StringIO())
    titles = list(Practice.objects.values_list("title", flat=True))
    assert len(titles) == 1 + 48 + COLLECTION_SIZE
    assert len(set(titles)) == len(titles)
    assert not Practice.objects.filter(organisation__name__icontains="(demo)").exists()
    assert not Practice.objects.filter(title__icontains="(demo)").exists()


def test_generated_demo_practices_read_like_write_ups():
    call_command("load_demo_data", "--count", "48", "--no-collection", stdout=StringIO())
    for practice in Practice.objects.filter(is_demo=True):
        assert len(practice.description.split()) >= 80, practice.title
        assert practice.organisation.name in practice.description
        assert practice.deliverables and practice.evidence_evaluation and practice.sustainability_transferability


def test_loading_demo_data_twice_adds_nothing():
    call_command("load_demo_data", stdout=StringIO())
    count = Practice.objects.count()
    out = StringIO()
    call_command("load_demo_data", stdout=out)
    assert Practice.objects.count() == count
    assert "Seed practice added: 0; demo practices added: 0; hand-written demo practices added: 0." in out.getvalue()


def test_demo_data_without_the_collection_holds_only_generated_practices():
    call_command("load_demo_data", "--count", "3", "--no-collection", stdout=StringIO())
    assert Practice.objects.filter(is_demo=True).count() == 3


def test_demo_practices_are_badged_on_the_list(client):
    call_command("load_demo_data", "--count", "3", "--no-collection", stdout=StringIO())
    page = client.get("/search/").content.decode()
    assert page.count('class="badge badge-demo"') == 3


def test_the_collection_has_practices_in_seven_languages():
    languages = [collection_language(path) for path in collection_documents()]
    assert len(languages) == COLLECTION_SIZE
    assert set(languages) == {
        *("en", "fr", "de", "no", "da", "sv", "nl"),
        *("es", "it", "pt", "pl", "fi", "el", "hu", "ro", "cs"),
    }
    assert languages.count("en") >= 15 and languages.count("fr") >= 15
    assert min(languages.count(language) for language in ("da", "sv", "nl")) >= 3


@pytest.mark.parametrize("path", collection_documents(), ids=lambda path: path.stem)
def test_every_collection_document_imports_cleanly_with_every_field_mapped(path):
    parsed = import_document(path.read_bytes(), path.name, vocabulary=Vocabulary.from_lists())

    assert parsed.warnings == []
    if collection_language(path) in ("en", "fr"):
        assert parsed.language == collection_language(path)
    assert parsed.title and len(parsed.key_themes) == 2 and parsed.target_audiences
    assert all(parsed.fields[code].strip() for code in NARRATIVE_FIELDS)
    assert parsed.peer_reviewed is not None
    assert parsed.country and parsed.start_year and parsed.last_update_year
    assert parsed.organisation.name and parsed.organisation.description and parsed.organisation.type
    # Fictional contacts only: a role mailbox at an example.org domain.
    assert re.fullmatch(r"[^,]+, [a-z.]+@[a-z.-]+\.example\.org", parsed.contact.strip()), parsed.contact
