"""Markdown is rendered once, when a text is saved; pages and the API read the stored HTML."""

import markdown
import pytest
from django.urls import reverse

from practices import services
from practices.models import Finding, Practice
from tests.practices.factories import make_practice

pytestmark = pytest.mark.django_db


@pytest.fixture
def renderer_off(monkeypatch):
    """Call it to make any Markdown rendering from then on fail the test."""

    def refuse(*args, **kwargs):
        raise AssertionError("Markdown rendered while serving a page")

    return lambda: monkeypatch.setattr(markdown, "markdown", refuse)


def _stored(practice: Practice, name: str = "description") -> str:
    return Practice.objects.get(pk=practice.pk).cooked[name]


def test_saving_a_practice_stores_its_sanitised_html(contributor):
    practice = make_practice(author=contributor, description="**Mentors** meet <script>alert(1)</script> weekly.")
    html = _stored(practice)
    assert "<strong>Mentors</strong>" in html
    assert "<script" not in html


def test_the_practice_page_and_the_api_serve_the_stored_html_without_rendering(client, contributor, renderer_off):
    practice = make_practice(author=contributor, description="Work with *families*.", publish=True)
    renderer_off()
    page = client.get(reverse("practices:detail", args=[practice.pk])).content.decode()
    assert "Work with <em>families</em>." in page
    data = client.get(reverse("api:practice-detail", args=[practice.pk])).json()
    assert data["html"]["description"] == "<p>Work with <em>families</em>.</p>"
    assert data["description"] == "Work with *families*."


def test_contact_html_is_for_signed_in_readers_only(client, colleague_client, contributor):
    practice = make_practice(author=contributor, contact="Desk **Kvitfjell**", publish=True)
    url = reverse("api:practice-detail", args=[practice.pk])
    assert "contact" not in client.get(url).json()["html"]
    assert "Desk <strong>Kvitfjell</strong>" in colleague_client.get(url).json()["html"]["contact"]
    assert "Kvitfjell" not in client.get(reverse("practices:detail", args=[practice.pk])).content.decode()


def test_an_edit_cooks_the_text_again(contributor_client, contributor):
    practice = make_practice(author=contributor, description="Old *text*.")
    form = contributor_client.get(reverse("practices:edit", args=[practice.pk])).context["form"]
    data = {name: value for name, value in form.initial.items() if value is not None}
    data.update(
        description="New **text**.",
        key_themes=[t.pk for t in practice.key_themes.all()],
        target_audiences=[t.pk for t in practice.target_audiences.all()],
        import_warnings="[]",
    )
    response = contributor_client.post(reverse("practices:edit", args=[practice.pk]), data)
    assert response.status_code == 302
    assert _stored(practice) == "<p>New <strong>text</strong>.</p>"


def test_a_moderators_redaction_cooks_the_text_again(moderator_client, contributor):
    practice = make_practice(author=contributor, description="Mentor Karl Jensen meets *families*.", publish=True)
    start = practice.description.index("Karl Jensen")
    finding = Finding.objects.create(
        practice=practice,
        field="description",
        type="PERSON",
        text="Karl Jensen",
        start=start,
        end=start + len("Karl Jensen"),
        score=0.9,
    )
    moderator_client.post(reverse("practices:finding_redact", args=[finding.pk]))
    html = _stored(practice)
    assert "Karl Jensen" not in html
    assert "<em>families</em>" in html


def test_an_approved_update_cooks_the_published_text_and_its_version(contributor, moderator):
    practice = make_practice(author=contributor, description="First *text*.", publish=True)
    revision = services.practice_start_revision(practice=practice, editor=contributor)
    revision.deliverables = "A **manual**."
    revision.save()
    services.practice_submit(practice=revision, actor=contributor, change_summary="Manual added")
    services.practice_approve(practice=revision, moderator=moderator)
    assert _stored(practice, "deliverables") == "<p>A <strong>manual</strong>.</p>"
    assert practice.versions.get(number=2).cooked["deliverables"] == "<p>A <strong>manual</strong>.</p>"
    assert practice.versions.get(number=1).cooked["deliverables"] == ""


def test_a_save_of_other_columns_does_not_render_again(contributor, monkeypatch):
    practice = make_practice(author=contributor, description="Some *text*.")
    monkeypatch.setattr(markdown, "markdown", lambda *a, **k: "<p>rendered again</p>")
    practice.status = Practice.Status.SUBMITTED
    practice.save(update_fields=["status"])
    assert _stored(practice) == "<p>Some <em>text</em>.</p>"
    practice.description = "Other text."
    practice.save(update_fields=["description"])
    assert _stored(practice) == "<p>rendered again</p>"


@pytest.mark.django_db
def test_a_practice_s_table_keeps_its_columns_alignment_and_no_style(contributor):
    table = '| Left | Centre | Right |\n|:--|:-:|--:|\n| a | b | c |\n\n<p style="color: red">Styled</p>'
    practice = make_practice(author=contributor, publish=True, deliverables=table)
    html = practice.cooked_html()["deliverables"]
    assert '<th align="left">Left</th>' in html and '<td align="center">b</td>' in html
    assert '<td align="right">c</td>' in html
    assert "style" not in html
