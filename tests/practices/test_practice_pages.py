import re

import pytest
from django.urls import reverse

from practices.models import Practice
from tests.practices.factories import make_practice

pytestmark = pytest.mark.django_db


def test_anonymous_visitor_sees_published_practices_but_not_drafts(client, contributor):
    make_practice(author=contributor, title="Published mentoring", publish=True)
    make_practice(author=contributor, title="Secret draft")
    page = client.get(reverse("search:search")).content.decode()
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


ALL_SECTIONS = [
    "description",
    "peer_reviewed",
    "key_themes",
    "target_audiences",
    "geographical_scope",
    "start",
    "deliverables",
    "evidence_evaluation",
    "sustainability_transferability",
    "ran_meetings",
    "eu_links_funding",
    "organisation",
    "country",
    "contact",
    "last_update",
]


def _described_practice(contributor):
    return make_practice(
        author=contributor,
        publish=True,
        deliverables="A *manual* for schools",
        eu_links_funding="Internal Security Fund",
        start="2014",
        start_year=2014,
        last_update_year=2020,
        language="fr",
    )


def test_editors_see_every_template_field_in_order_even_empty(contributor_client, contributor):
    page = contributor_client.get(_described_practice(contributor).get_absolute_url()).content.decode()
    assert re.findall(r'<dt id="field-([a-z_]+)"', page) == ALL_SECTIONS
    assert "Not filled in." in page
    assert "<em>manual</em>" in page


def test_readers_see_filled_in_sections_in_order_with_contents_and_nothing_twice(client, contributor):
    page = client.get(_described_practice(contributor).get_absolute_url()).content.decode()
    ids = re.findall(r'<dt id="field-([a-z_]+)"', page)
    # Empty sections, those of the summary box and a start that only repeats the years are left out.
    assert ids == ["description", "peer_reviewed", "deliverables", "eu_links_funding", "contact"]  # contact: log in
    assert re.findall(r'<a href="#field-([a-z_]+)"', page.split('class="practice-toc"')[1].split("</nav>")[0]) == ids
    assert "Not filled in." not in page
    assert page.count("Municipality of Ravnstad") == 1
    assert page.count("Last updated") == 1 and "Last update (year)" not in page
    assert page.count(">2014<") == 1


def test_the_summary_box_says_who_where_when_and_what(client, contributor):
    practice = make_practice(author=contributor, publish=True, start_year=2016, end_year=2021)
    Practice.objects.filter(pk=practice.pk).update(evidence_level=Practice.EvidenceLevel.OUTCOME)
    summary = (
        client.get(practice.get_absolute_url())
        .content.decode()
        .split('class="practice-summary"')[1]
        .split("</section>")[0]
    )
    for shown in (
        "Municipality of Ravnstad",
        "Municipality / local authority",
        "Norway",
        "2016–2021",
        "English",
        "Outcome evaluation",
        "Exit strategies",
        "Prison and probation",
        "Violent extremists",
    ):
        assert shown in summary, shown


def test_title_and_texts_carry_the_language_of_the_write_up(client, contributor):
    practice = _described_practice(contributor)
    page = client.get(practice.get_absolute_url()).content.decode()
    assert '<html lang="en"' in page
    assert re.search(r'<h1 id="practice-title" lang="fr">', page)
    assert '<dd lang="fr">' in page
    assert not re.search(r'<dt id="field-[a-z_]+" lang=', page)  # the labels are in the page's language


def test_back_to_results_keeps_the_query_and_filters_and_stays_on_the_search_page(client, contributor):
    practice = make_practice(author=contributor, publish=True)
    search = client.get(reverse("search:search"), {"q": "mentoring", "theme": "exit-strategies", "sort": "date"})
    link = re.search(rf'<a href="(/practices/{practice.pk}/\?back=[^"]+)"', search.content.decode()).group(1)
    page = client.get(link.replace("&amp;", "&")).content.decode()
    back = re.search(r'<p class="back-link"><a href="([^"]+)"', page).group(1).replace("&amp;", "&")
    assert back == "/search/?q=mentoring&sort=date&theme=exit-strategies"
    for hostile in ("//evil.example/", "https://evil.example/?q=x", "next=https://evil.example&q=a"):
        page = client.get(practice.get_absolute_url(), {"back": hostile}).content.decode()
        found = re.search(r'<p class="back-link"><a href="([^"]+)"', page)
        assert found is None or found.group(1).startswith("/search/"), found.group(1)
    assert 'class="back-link"' not in client.get(practice.get_absolute_url()).content.decode()


def test_practices_list_redirects_for_good_to_the_search_page_with_its_filters(client):
    response = client.get(
        "/practices/", {"theme": ["family-support", "formers"], "country": "NO", "page": "2", "x": "y"}
    )
    assert response.status_code == 301
    assert response["Location"] == "/search/?theme=family-support&theme=formers&country=NO&page=2"
    assert client.get("/practices/")["Location"] == "/search/"


def test_an_empty_search_lists_every_practice_newest_first_with_facet_counts(client, contributor):
    for title in ("Oldest", "Middle", "Newest"):
        make_practice(author=contributor, title=title, publish=True)
    page = client.get(reverse("search:search")).content.decode()
    assert page.index("Newest") < page.index("Middle") < page.index("Oldest")
    assert '<p class="sort meta">Newest first</p>' in page and 'name="sort"' not in page
    # Words typed next are ranked by relevance unless the reader asks otherwise.
    assert (
        '<option value="relevance" selected>'
        in client.get(reverse("search:search"), {"q": "mentoring"}).content.decode()
    )
    assert re.search(r'value="exit-strategies">\s*<span>Exit strategies</span> <span class="count">\(3\)</span>', page)


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


def test_field_over_its_word_limit_is_kept_whole_and_flagged_for_editors_only(client, contributor_client, contributor):
    long_text = " ".join(f"word{n}" for n in range(320))
    practice = make_practice(author=contributor, publish=True, description=long_text)
    page = contributor_client.get(practice.get_absolute_url()).content.decode()
    assert "word319" in page
    assert "320 words, limit 300" in page
    page = client.get(practice.get_absolute_url()).content.decode()
    assert "word319" in page and "words, limit" not in page


def test_filters_combine_or_within_a_facet_and_and_across(client, contributor, outsider):
    make_practice(author=contributor, title="Alpha", publish=True, themes=("family-support", "education"))
    make_practice(author=contributor, title="Bravo", publish=True, themes=("formers", "education"))
    make_practice(author=outsider, title="Charlie", publish=True, themes=("family-support", "formers"))
    url = reverse("search:search")

    page = client.get(url, {"theme": ["family-support", "formers"]}).content.decode()
    assert all(title in page for title in ("Alpha", "Bravo", "Charlie"))

    page = client.get(url, {"theme": ["family-support"], "country": ["NO"]}).content.decode()
    assert "Alpha" in page and "Charlie" not in page and "Bravo" not in page

    page = client.get(url, {"organisation_type": ["prison-probation"]}).content.decode()
    assert "Charlie" in page and "Alpha" not in page


def test_empty_filter_result_offers_to_clear_filters(client, contributor):
    make_practice(author=contributor, publish=True, themes=("family-support", "education"))
    page = client.get(reverse("search:search"), {"theme": ["lone-actors"]}).content.decode()
    assert "No practice matches your search." in page
    assert "Remove filter" in page


def test_list_is_paginated_and_keeps_filters_across_pages(client, contributor, settings):
    settings.PRACTICES_PER_PAGE = 2
    for n in range(5):
        make_practice(author=contributor, title=f"Practice {n}", publish=True)
    page = client.get(reverse("search:search"), {"theme": "exit-strategies"}).content.decode()
    assert "Page 1 of 3" in page
    assert "theme=exit-strategies&amp;page=2" in page


def test_list_query_count_does_not_grow_with_the_page(client, contributor, django_assert_num_queries):
    # The search page (the list's home now): content token; the search (count, page); the hits
    # read back with prefetches; facet labels. 9, as tests/search/test_page.py counts for it.
    for batch in (3, 9):
        while Practice.objects.count() < batch:
            make_practice(author=contributor, title=f"Practice {Practice.objects.count()}", publish=True)
        with django_assert_num_queries(9):
            response = client.get(reverse("search:search"))
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
        {
            "title": "",
            "description": "Forty careful words about family support.",
            "language": "en",
            "start_year": "2019",
            "end_year": "2015",
            "peer_reviewed": "no",
        },
    )
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
    order = [
        page.index(f'id="wrap-{name}"')
        for name in (
            "title",
            "description",
            "peer_reviewed",
            "key_themes",
            "target_audiences",
            "geographical_scope",
            "start",
            "deliverables",
            "evidence_evaluation",
            "sustainability_transferability",
            "ran_meetings",
            "eu_links_funding",
            "organisation_description",
            "country",
            "contact",
            "last_update_year",
        )
    ]
    assert order == sorted(order)
    assert 'name="change_summary"' not in page


@pytest.mark.parametrize("persona", ["client", "outsider_client", "colleague_client"])
def test_only_the_owner_side_changes_who_can_read_a_practice(request, persona, contributor):
    practice = make_practice(author=contributor, publish=True)
    request.getfixturevalue(persona).post(
        reverse("practices:visibility", args=[practice.pk]), {"visibility": "organisation"}
    )
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
    assert "To withdraw" not in client.get(reverse("search:search")).content.decode()
