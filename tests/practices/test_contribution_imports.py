"""Contributing from a filled-in template: import notes that stay true, the organisation the
document names, and near-identical practices."""

import json
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from practices import duplicates
from practices.import_notes import import_notes
from practices.models import Practice
from tests.practices.factories import make_practice

pytestmark = pytest.mark.django_db

TEMPLATES = Path(__file__).resolve().parents[2] / "practices" / "fixtures" / "templates"
SEED = TEMPLATES / "000_c92d1ef0c5228cd4.txt"  # a description of 1,391 words; "Municipalité de Sarpsborg"
UNMAPPED = TEMPLATES / "prose_unmapped.txt"  # no field of the template at all


def _upload(client, path: Path):
    return client.post(reverse("practices:import"), {"document": SimpleUploadedFile(path.name, path.read_bytes())})


def _form_data(form, **changes) -> dict:
    data = {name: value for name, value in form.initial.items() if value is not None}
    data["import_warnings"] = json.dumps(form.initial.get("import_warnings") or [])
    data["visibility"] = "public"  # no default for who may read it: the writer chooses
    data.update(changes)
    return data


def test_one_summary_of_the_import_notes_links_to_each_field(contributor_client):
    page = _upload(contributor_client, SEED).content.decode()
    summary = page[page.index('id="import-notes"') : page.index("</section>", page.index('id="import-notes"'))]
    assert 'href="#id_description"' in summary and "1391 words" in summary
    assert 'id="wrap-description"' in page


def test_a_note_whose_cause_is_fixed_disappears(contributor_client, contributor):
    form = _upload(contributor_client, SEED).context["form"]
    cut = " ".join(form.initial["description"].split()[:240])
    response = contributor_client.post(reverse("practices:create"), _form_data(form, description=cut))
    assert response.status_code == 302, (response.status_code, response.context and response.context["form"].errors)
    practice = Practice.objects.get(author=contributor)
    page = contributor_client.get(reverse("practices:edit", args=[practice.pk])).content.decode()
    assert "1391 words" not in page
    assert "Municipalité de Sarpsborg" in page  # the organisation note is not fixed by a cut


def test_a_note_stays_while_its_cause_does(contributor_client):
    form = _upload(contributor_client, SEED).context["form"]
    data = _form_data(form, title="")  # an error: the form comes back with the long description
    page = contributor_client.post(reverse("practices:create"), data).content.decode()
    assert "1391 words" in page


def test_a_document_level_note_is_shown_at_the_top(contributor_client):
    page = _upload(contributor_client, UNMAPPED).content.decode()
    top = page.index('id="import-notes"')
    assert top < page.index('id="wrap-title"')
    assert "The document" in page[top : page.index("</section>", top)]


def test_the_organisation_a_document_names_is_shown_when_it_is_not_the_contributors(contributor_client):
    page = _upload(contributor_client, SEED).content.decode()
    assert "Municipalité de Sarpsborg" in page and "Municipality of Ravnstad" in page


def test_no_organisation_note_when_the_document_names_the_contributors(contributor_client, home_organisation):
    content = SEED.read_text().replace("Municipalité de Sarpsborg", "MUNICIPALITY  of Ravnstad")
    response = contributor_client.post(
        reverse("practices:import"), {"document": SimpleUploadedFile("same.txt", content.encode())}
    )
    page = response.content.decode()
    assert "names the organisation" not in page


def test_moderators_see_the_named_organisation_on_the_review_page(
    contributor_client, moderator_client, outsider_client, client, contributor
):
    form = _upload(contributor_client, SEED).context["form"]
    contributor_client.post(reverse("practices:create"), _form_data(form))
    practice = Practice.objects.get(author=contributor)
    practice.status = Practice.Status.SUBMITTED
    practice.save(update_fields=["status"])
    review = moderator_client.get(reverse("moderation:review", args=[practice.pk])).content.decode()
    assert "Municipalité de Sarpsborg" in review and "1391 words" in review
    for other in (outsider_client, client):
        assert other.get(reverse("moderation:review", args=[practice.pk])).status_code in (302, 403, 404)


def test_import_notes_service_keeps_unfixable_notes_and_drops_fixed_ones():
    raw = [
        {"field": "description", "code": "over_word_limit", "message": "400 words"},
        {"field": "country", "code": "unknown_country", "message": "Narnia?"},
        {"field": "key_themes", "code": "unknown_theme", "message": "gardening"},
        {"field": "document", "code": "unmapped_document", "message": "no field"},
    ]
    notes = import_notes(raw, {"description": "short", "country": "NO", "key_themes": []})
    assert [(n.field, n.message) for n in notes] == [("", "no field"), ("key_themes", "gardening")]
    notes = import_notes(raw, {"description": "word " * 400, "country": "", "key_themes": []})
    assert {n.message for n in notes} == {"no field", "400 words", "Narnia?", "gardening"}


# Near-identical practices ----------------------------------------------------------------------

TEXT = (
    "Weekly mentoring sessions for young people released from prison, run by trained volunteers "
    "with the probation service, to prevent a return to violent extremist groups."
)


@pytest.fixture
def draft(contributor):
    return make_practice(author=contributor, title="Mentors after release", description=TEXT)


def test_submit_warns_of_a_published_practice_with_the_same_title_with_a_link(contributor_client, colleague, draft):
    existing = make_practice(author=colleague, title="MENTORS after release", description="Other text.", publish=True)
    page = contributor_client.get(reverse("practices:submit", args=[draft.pk])).content.decode()
    assert "A similar practice already exists" in page and existing.get_absolute_url() in page


def test_submit_warns_of_near_identical_text(contributor_client, colleague, draft):
    existing = make_practice(
        author=colleague, title="Another name", description=TEXT.replace("Weekly", "Every week,"), publish=True
    )
    page = contributor_client.get(reverse("practices:submit", args=[draft.pk])).content.decode()
    assert existing.get_absolute_url() in page


def test_no_warning_for_a_different_practice(contributor_client, colleague, draft):
    make_practice(
        author=colleague,
        title="Family support",
        description="Counselling families of young people "
        "at risk of radicalisation, with home visits and a helpline for parents.",
        publish=True,
    )
    page = contributor_client.get(reverse("practices:submit", args=[draft.pk])).content.decode()
    assert "A similar practice already exists" not in page


def test_a_duplicate_the_contributor_may_not_read_is_reported_without_title_or_link(
    contributor_client, outsider, draft
):
    hidden = make_practice(
        author=outsider, title="Secret twin", description=TEXT, publish=True, visibility="organisation"
    )
    page = contributor_client.get(reverse("practices:submit", args=[draft.pk])).content.decode()
    assert "A similar practice exists that you may not read." in page
    assert "Secret twin" not in page and hidden.get_absolute_url() not in page


def test_the_moderator_sees_the_duplicate_with_a_link_on_the_review_page(
    contributor_client, moderator_client, outsider, draft
):
    hidden = make_practice(
        author=outsider, title="Secret twin", description=TEXT, publish=True, visibility="organisation"
    )
    contributor_client.post(reverse("practices:submit", args=[draft.pk]), {"confirm": "1"})
    draft.refresh_from_db()
    assert draft.status == Practice.Status.SUBMITTED
    review = moderator_client.get(reverse("moderation:review", args=[draft.pk])).content.decode()
    assert "Secret twin" in review and hidden.get_absolute_url() in review


def test_submitting_warns_once_it_is_sent(contributor_client, colleague, draft):
    make_practice(author=colleague, title="Mentors after release", publish=True)
    response = contributor_client.post(reverse("practices:submit", args=[draft.pk]), {"confirm": "1"}, follow=True)
    assert "A similar practice already exists" in response.content.decode()


def test_shingle_similarity_ignores_case_accents_and_punctuation():
    assert (
        duplicates.jaccard(
            duplicates.shingles("Élan, vital: à Oslo en 2019!"), duplicates.shingles("elan vital a oslo en 2019")
        )
        == 1.0
    )
    assert duplicates.jaccard(duplicates.shingles(TEXT), duplicates.shingles("Nothing alike here at all.")) == 0.0


def test_the_submit_page_sends_once_with_a_static_script_and_no_inline_one(contributor_client, draft):
    page = contributor_client.get(reverse("practices:submit", args=[draft.pk])).content.decode()
    assert "js/submit-once.js" in page and "data-busy=" in page
    assert "<script>" not in page and "<script " not in page.replace('<script src="', "")
