import re

import pytest
from django.urls import reverse

from practices.models import Practice
from tests.practices.factories import make_practice

pytestmark = pytest.mark.django_db


def test_anonymous_visitor_sees_published_practices_but_not_drafts(client, contributor):
    make_practice(author=contributor, title="Published mentoring", publish=True)
    make_practice(author=contributor, title="Secret draft")
    page = client.get(reverse("practices:list")).content.decode()
    assert "Published mentoring" in page
    assert "Secret draft" not in page


@pytest.mark.parametrize("persona", ["client", "outsider_client", "colleague_client"])
def test_draft_answers_404_to_everyone_but_its_author(request, persona, contributor):
    draft = make_practice(author=contributor, title="Secret draft")
    response = request.getfixturevalue(persona).get(draft.get_absolute_url())
    assert response.status_code == 404


def test_author_and_moderator_read_the_draft(contributor_client, moderator_client, contributor):
    draft = make_practice(author=contributor, title="Secret draft")
    assert "Secret draft" in contributor_client.get(draft.get_absolute_url()).content.decode()
    assert "Secret draft" in moderator_client.get(draft.get_absolute_url()).content.decode()


def test_contact_details_are_hidden_from_anonymous_visitors(client, outsider_client, contributor):
    practice = make_practice(author=contributor, publish=True, contact="Desk, desk@ravnstad.example")
    anonymous_page = client.get(practice.get_absolute_url()).content.decode()
    assert "desk@ravnstad.example" not in anonymous_page
    assert "Contact details are shown to approved members of verified organisations." in anonymous_page
    assert "desk@ravnstad.example" in outsider_client.get(practice.get_absolute_url()).content.decode()


def test_detail_page_shows_every_template_field_in_order(client, contributor):
    practice = make_practice(
        author=contributor,
        publish=True,
        deliverables="A *manual* for schools",
        eu_links_funding="Internal Security Fund",
        start_year=2014,
        last_update_year=2020,
    )
    page = client.get(practice.get_absolute_url()).content.decode()
    ids = re.findall(r'<dt id="field-([a-z_]+)"', page)
    assert ids == [
        "description", "peer_reviewed", "key_themes", "target_audiences", "geographical_scope", "start",
        "deliverables", "evidence_evaluation", "sustainability_transferability", "ran_meetings",
        "eu_links_funding", "organisation", "country", "contact", "last_update",
    ]  # fmt: skip
    assert "<em>manual</em>" in page
    assert "Exit strategies" in page
    assert '<p class="years">2014</p>' in page
    assert '<p class="organisation-name"><strong>Municipality of Ravnstad</strong> · Municipality / local authority</p>' in page


def test_markdown_is_sanitised(client, contributor):
    practice = make_practice(
        author=contributor,
        publish=True,
        description='Hello <script>alert("x")</script> [link](javascript:alert(1)) <img src="http://evil.example/x.png">',
    )
    page = client.get(practice.get_absolute_url()).content.decode()
    assert "<script>alert" not in page
    assert "javascript:alert" not in page
    assert "evil.example" not in page


def test_field_over_its_word_limit_is_kept_whole_and_flagged(client, contributor):
    long_text = " ".join(f"word{n}" for n in range(320))
    practice = make_practice(author=contributor, publish=True, description=long_text)
    page = client.get(practice.get_absolute_url()).content.decode()
    assert "word319" in page
    assert "320 words, limit 300" in page


def test_filters_combine_or_within_a_facet_and_and_across(client, contributor, outsider):
    make_practice(author=contributor, title="Alpha", publish=True, themes=("family-support", "education"))
    make_practice(author=contributor, title="Bravo", publish=True, themes=("formers", "education"))
    make_practice(author=outsider, title="Charlie", publish=True, themes=("family-support", "formers"))
    url = reverse("practices:list")

    page = client.get(url, {"theme": ["family-support", "formers"]}).content.decode()
    assert all(title in page for title in ("Alpha", "Bravo", "Charlie"))

    page = client.get(url, {"theme": ["family-support"], "country": ["NO"]}).content.decode()
    assert "Alpha" in page and "Charlie" not in page and "Bravo" not in page

    page = client.get(url, {"organisation_type": ["prison-probation"]}).content.decode()
    assert "Charlie" in page and "Alpha" not in page


def test_empty_filter_result_offers_to_clear_filters(client, contributor):
    make_practice(author=contributor, publish=True, themes=("family-support", "education"))
    page = client.get(reverse("practices:list"), {"theme": ["lone-actors"]}).content.decode()
    assert "No published practice matches all of these filters." in page
    assert "Clear the filters" in page


def test_list_is_paginated_and_keeps_filters_across_pages(client, contributor, settings):
    settings.PRACTICES_PER_PAGE = 2
    for n in range(5):
        make_practice(author=contributor, title=f"Practice {n}", publish=True)
    page = client.get(reverse("practices:list"), {"theme": "exit-strategies"}).content.decode()
    assert "Page 1 of 3" in page
    assert "theme=exit-strategies&amp;page=2" in page


def test_list_query_count_does_not_grow_with_the_page(client, contributor, django_assert_num_queries):
    # content token (page cache); countries; theme, audience, type choices; count; page; themes prefetched
    for batch in (3, 9):
        while Practice.objects.count() < batch:
            make_practice(author=contributor, title=f"Practice {Practice.objects.count()}", publish=True)
        with django_assert_num_queries(8):
            response = client.get(reverse("practices:list"))
        assert response.content.decode().count('class="practice-card"') == batch


def test_contributor_writes_a_draft_through_the_form(contributor_client, contributor):
    response = contributor_client.post(
        reverse("practices:create"),
        {
            "title": "Street outreach",
            "description": "Outreach to prevent violent extremism.",
            "peer_reviewed": "no",
            "language": "en",
            "visibility": "members",
            "country": "NO",
            "key_themes": [],
            "target_audiences": [],
        },
    )
    practice = Practice.objects.get(title="Street outreach")
    assert response.status_code == 302
    assert practice.status == Practice.Status.DRAFT
    assert practice.author == contributor
    assert practice.organisation == contributor.organisation
    assert practice.visibility == "members"


def test_form_error_keeps_what_the_user_typed(contributor_client):
    response = contributor_client.post(
        reverse("practices:create"),
        {"title": "", "description": "Forty careful words about family support.", "language": "en",
         "start_year": "2019", "end_year": "2015", "peer_reviewed": "no"},
    )  # fmt: skip
    page = response.content.decode()
    assert response.status_code == 400
    assert "Forty careful words about family support." in page
    assert "The end year comes before the start year." in page
    assert not Practice.objects.exists()


def test_anonymous_visitor_is_sent_to_log_in_before_writing(client):
    response = client.get(reverse("practices:create"))
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


@pytest.mark.parametrize("persona", ["outsider_client", "colleague_client"])
def test_only_the_owner_side_edits_a_practice(request, persona, contributor):
    practice = make_practice(author=contributor, publish=True)
    client = request.getfixturevalue(persona)
    response = client.post(
        reverse("practices:edit", args=[practice.pk]), {"title": "Hijacked", "description": "x", "language": "en"}
    )
    assert response.status_code == 403
    practice.refresh_from_db()
    assert practice.title != "Hijacked"
    assert not practice.revisions.exists()


def test_anonymous_visitor_editing_is_sent_to_log_in(client, contributor):
    practice = make_practice(author=contributor, publish=True)
    response = client.get(reverse("practices:edit", args=[practice.pk]))
    assert response.status_code == 302 and reverse("account_login") in response["Location"]


def test_the_form_asks_for_the_fields_in_template_order(contributor_client):
    page = contributor_client.get(reverse("practices:create")).content.decode()
    order = [page.index(f'id="wrap-{name}"') for name in (
        "title", "description", "peer_reviewed", "key_themes", "target_audiences", "geographical_scope", "start",
        "deliverables", "evidence_evaluation", "sustainability_transferability", "ran_meetings", "eu_links_funding",
        "organisation_description", "country", "contact", "last_update_year",
    )]  # fmt: skip
    assert order == sorted(order)
    assert 'name="change_summary"' not in page


@pytest.mark.parametrize("persona", ["client", "outsider_client", "colleague_client"])
def test_only_the_owner_side_changes_who_can_read_a_practice(request, persona, contributor):
    practice = make_practice(author=contributor, publish=True)
    request.getfixturevalue(persona).post(reverse("practices:visibility", args=[practice.pk]), {"visibility": "organisation"})
    practice.refresh_from_db()
    assert practice.visibility == "public"


def test_the_author_restricts_a_published_practice_at_once(contributor_client, client, contributor):
    practice = make_practice(author=contributor, publish=True)
    contributor_client.post(reverse("practices:visibility", args=[practice.pk]), {"visibility": "organisation"})
    assert client.get(practice.get_absolute_url()).status_code == 404


@pytest.mark.parametrize("persona", ["client", "outsider_client", "colleague_client"])
def test_strangers_cannot_resolve_someone_elses_findings(request, persona, contributor):
    from practices.models import Finding

    practice = make_practice(author=contributor, description="Call desk@ravnstad.example about prevention.")
    finding = Finding.objects.create(
        practice=practice, field="description", type="EMAIL_ADDRESS", text="desk@ravnstad.example", start=5, end=26
    )
    client = request.getfixturevalue(persona)
    redact = client.post(reverse("practices:finding_redact", args=[finding.pk]))
    dismiss = client.post(reverse("practices:finding_dismiss", args=[finding.pk]), {"reason": "public desk"})
    if persona == "client":  # sent to log in
        assert all(r.status_code == 302 and reverse("account_login") in r["Location"] for r in (redact, dismiss))
    else:
        assert redact.status_code == 404 and dismiss.status_code == 404
    finding.refresh_from_db()
    practice.refresh_from_db()
    assert finding.status == "open" and "desk@ravnstad.example" in practice.description


def test_the_author_dismisses_a_finding_with_a_reason(contributor_client, contributor):
    from practices.models import Finding

    practice = make_practice(author=contributor, description="Call desk@ravnstad.example about prevention.")
    finding = Finding.objects.create(
        practice=practice, field="description", type="EMAIL_ADDRESS", text="desk@ravnstad.example", start=5, end=26
    )
    url = reverse("practices:finding_dismiss", args=[finding.pk])
    contributor_client.post(url, {"reason": ""})
    finding.refresh_from_db()
    assert finding.status == "open"
    contributor_client.post(url, {"reason": "The municipality's public desk"})
    finding.refresh_from_db()
    assert (finding.status, finding.reason) == ("dismissed", "The municipality's public desk")


def test_withdrawing_asks_for_confirmation_and_a_reason(org_admin_client, outsider_client, client, contributor):
    practice = make_practice(author=contributor, title="To withdraw", publish=True)
    url = reverse("practices:withdraw", args=[practice.pk])
    assert outsider_client.post(url, {"reason": "x"}).status_code == 403
    assert "Yes, withdraw it" in org_admin_client.get(url).content.decode()
    assert org_admin_client.post(url, {"reason": ""}).status_code == 200  # the form again, nothing withdrawn
    practice.refresh_from_db()
    assert practice.status == "published"
    org_admin_client.post(url, {"reason": "Names a family"})
    assert client.get(practice.get_absolute_url()).status_code == 404
    assert "To withdraw" not in client.get(reverse("practices:list")).content.decode()
