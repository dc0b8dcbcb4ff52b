"""Moderators feature published practices on the home page: who may, what each reader sees there,
and what the API says. A featured practice is shown only to the readers who may read it."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.db.models import Q
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from portal.models import AuditEvent, Organisation, OrganisationType
from practices import services
from practices.models import Practice
from tests.api.conftest import api_client_for
from tests.conftest import _client_for, make_user
from tests.practices.factories import make_practice

pytestmark = pytest.mark.django_db

SIGNED_IN_OTHERS = ["contributor", "colleague", "outsider", "org_admin"]


def _feature_events(practice) -> list[str]:
    events = AuditEvent.objects.filter(target_type="practice", target_id=practice.pk)
    chosen = events.filter(Q(action="practice.feature") | Q(action="practice.unfeature")).order_by("pk")
    return list(chosen.values_list("action", flat=True))


def _featured_section(html: str) -> str:
    """The home page's "Featured practices" section, or "" when it is absent."""
    start = html.find('id="featured-heading"')
    if start == -1:
        return ""
    return html[start : html.index("</section>", start)]


def _home(client) -> str:
    response = client.get(reverse("home"))
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def published(contributor) -> Practice:
    return make_practice(author=contributor, title="Family circle method", publish=True)


# The services ------------------------------------------------------------------------------


def test_a_moderator_features_a_published_practice_and_featuring_it_again_changes_nothing(published, moderator):
    services.practice_feature(practice=published, actor=moderator)
    published.refresh_from_db()
    first = published.featured_at
    assert first is not None and published.featured_by == moderator
    services.practice_feature(practice=published, actor=moderator)
    published.refresh_from_db()
    assert published.featured_at == first
    assert _feature_events(published) == ["practice.feature"]


def test_a_moderator_stops_featuring_a_practice_once(published, moderator):
    services.practice_feature(practice=published, actor=moderator)
    services.practice_unfeature(practice=published, actor=moderator)
    services.practice_unfeature(practice=published, actor=moderator)
    published.refresh_from_db()
    assert published.featured_at is None and published.featured_by is None
    assert published.status == Practice.Status.PUBLISHED
    assert _feature_events(published) == ["practice.feature", "practice.unfeature"]


@pytest.mark.parametrize("who", SIGNED_IN_OTHERS)
def test_nobody_but_a_moderator_may_feature_or_unfeature(request, who, published, moderator):
    actor = request.getfixturevalue(who)
    with pytest.raises(PermissionDenied):
        services.practice_feature(practice=published, actor=actor)
    services.practice_feature(practice=published, actor=moderator)
    with pytest.raises(PermissionDenied):
        services.practice_unfeature(practice=published, actor=actor)
    published.refresh_from_db()
    assert published.featured_by == moderator
    assert _feature_events(published) == ["practice.feature"]


def test_a_moderator_without_a_second_factor_may_not_feature(published):
    hub = Organisation.objects.create(
        name="Second hub", type=OrganisationType.objects.get(code="other"), country="BE", verified=True
    )
    unprotected = make_user("nofactor@portal.example", hub, is_moderator=True)
    with pytest.raises(PermissionDenied):
        services.practice_feature(practice=published, actor=unprotected)
    assert Practice.objects.get(pk=published.pk).featured_at is None


@pytest.mark.parametrize("state", ["draft", "submitted", "changes_requested", "rejected", "withdrawn"])
def test_featuring_a_practice_that_is_not_published_is_refused(state, contributor, moderator):
    practice = make_practice(author=contributor, title="Unfinished method")
    Practice.objects.filter(pk=practice.pk).update(status=state)
    with pytest.raises(ValidationError):
        services.practice_feature(practice=practice, actor=moderator)
    assert Practice.objects.get(pk=practice.pk).featured_at is None
    assert _feature_events(practice) == []


def test_featuring_reads_the_row_again_a_practice_withdrawn_since_is_refused(published, moderator):
    stale = Practice.objects.get(pk=published.pk)
    services.practice_withdraw(practice=published, actor=moderator, reason="Named a family")
    with pytest.raises(ValidationError):
        services.practice_feature(practice=stale, actor=moderator)
    assert Practice.objects.get(pk=published.pk).featured_at is None


def test_an_update_in_progress_is_not_featured_with_the_published_practice(published, contributor, moderator):
    services.practice_feature(practice=published, actor=moderator)
    update = services.practice_start_revision(practice=Practice.objects.get(pk=published.pk), editor=contributor)
    assert update.featured_at is None
    with pytest.raises(ValidationError):
        services.practice_feature(practice=update, actor=moderator)


def test_withdrawing_clears_the_featuring(published, moderator):
    services.practice_feature(practice=published, actor=moderator)
    services.practice_withdraw(practice=Practice.objects.get(pk=published.pk), actor=moderator, reason="Named a family")
    published.refresh_from_db()
    assert published.featured_at is None and published.featured_by is None


# The moderator's page ----------------------------------------------------------------------


def test_a_moderator_features_and_stops_featuring_from_the_practice_page(published, moderator_client):
    page = moderator_client.get(published.get_absolute_url()).content.decode()
    assert "Feature on the home page" in page and "Stop featuring" not in page
    response = moderator_client.post(reverse("practices:feature", args=[published.pk]), {"featured": "1"}, follow=True)
    assert response.redirect_chain[-1][0] == published.get_absolute_url()
    page = response.content.decode()
    assert "The practice is featured on the home page" in page and "Stop featuring" in page
    assert Practice.objects.get(pk=published.pk).featured_at is not None
    response = moderator_client.post(reverse("practices:feature", args=[published.pk]), {"featured": "0"}, follow=True)
    assert "The practice is no longer featured on the home page." in response.content.decode()
    assert Practice.objects.get(pk=published.pk).featured_at is None


def test_the_page_offers_no_featuring_of_a_draft_and_a_post_says_why(contributor, moderator_client):
    draft = make_practice(author=contributor, title="Unfinished method")
    services.practice_submit(practice=draft, actor=contributor)
    assert "Feature on the home page" not in moderator_client.get(draft.get_absolute_url()).content.decode()
    response = moderator_client.post(reverse("practices:feature", args=[draft.pk]), {"featured": "1"}, follow=True)
    assert "Only a published practice of this portal can be featured." in response.content.decode()
    assert Practice.objects.get(pk=draft.pk).featured_at is None


@pytest.mark.parametrize("who", [*SIGNED_IN_OTHERS, "anonymous"])
@pytest.mark.parametrize("visibility", ["public", "organisation"])
def test_others_get_no_button_and_their_post_changes_nothing(request, who, visibility, contributor, client):
    practice = make_practice(author=contributor, title="Family circle method", publish=True, visibility=visibility)
    reader = client if who == "anonymous" else request.getfixturevalue(f"{who}_client")
    page = reader.get(practice.get_absolute_url())
    assert "Feature on the home page" not in page.content.decode()
    response = reader.post(reverse("practices:feature", args=[practice.pk]), {"featured": "1"})
    if who == "anonymous":
        assert response.status_code == 302 and "login" in response["Location"]
    elif who == "outsider" and visibility == "organisation":
        assert response.status_code == 404  # may not read it: never says it exists
    else:
        assert response.status_code == 403
    assert Practice.objects.get(pk=practice.pk).featured_at is None
    assert _feature_events(practice) == []


def test_featuring_takes_a_post_with_the_csrf_token(published, moderator):
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(moderator)
    url = reverse("practices:feature", args=[published.pk])
    assert strict.get(url).status_code == 405
    assert strict.post(url, {"featured": "1"}).status_code == 403
    assert Practice.objects.get(pk=published.pk).featured_at is None


# The home page -----------------------------------------------------------------------------


def _unverified_member_client(db) -> Client:
    unverified = Organisation.objects.create(
        name="Unverified NGO", type=OrganisationType.objects.get(code="ngo"), country="DE", verified=False
    )
    return _client_for(make_user("member@unverified.example", unverified))


# Who sees a featured practice of the contributor's (verified) organisation, by visibility: the
# readers of tests/practices/test_visibility.py (members: every verified practitioner of the portal).
HOME_READERS = [
    "anonymous",
    "applicant_client",
    "former_member_client",
    "unverified_member",
    "outsider_client",
    "colleague_client",
    "contributor_client",
    "org_admin_client",
    "moderator_client",
]
SEES = {
    "public": set(HOME_READERS),
    "members": {"outsider_client", "colleague_client", "contributor_client", "org_admin_client", "moderator_client"},
    "organisation": {"colleague_client", "contributor_client", "org_admin_client", "moderator_client"},
}


@pytest.mark.parametrize("visibility", ["public", "members", "organisation"])
def test_the_home_page_features_a_practice_only_to_those_who_may_read_it(
    request, visibility, contributor, moderator, client, db
):
    practice = make_practice(author=contributor, title="Family circle method", publish=True, visibility=visibility)
    services.practice_feature(practice=practice, actor=moderator)
    for reader in HOME_READERS:
        if reader == "anonymous":
            reading = client
        elif reader == "unverified_member":
            reading = _unverified_member_client(db)
        else:
            reading = request.getfixturevalue(reader)
        for _kept in range(2):  # computed, then kept for the reader's scope
            html = _home(reading)
            featured = _featured_section(html)
            if reader in SEES[visibility]:
                assert "Family circle method" in featured, reader
                assert html.index('id="featured-heading"') < html.index('id="latest-heading"')
            else:
                assert featured == "" and "Family circle method" not in html, reader


def test_the_featured_section_is_absent_when_nothing_is_featured(published, client, colleague_client):
    assert _featured_section(_home(client)) == ""
    assert "Featured practices" not in _home(colleague_client)
    assert "Family circle method" in _home(client)  # among the newest


def test_the_home_page_shows_six_featured_practices_newest_featured_first(contributor, moderator, client):
    practices = [make_practice(author=contributor, title=f"Featured method {n}", publish=True) for n in range(7)]
    for practice in practices:
        services.practice_feature(practice=practice, actor=moderator)
    featured = _featured_section(_home(client))
    shown = [n for n in range(7) if f"Featured method {n}<" in featured]
    assert shown == [1, 2, 3, 4, 5, 6]
    positions = [featured.index(f"Featured method {n}<") for n in reversed(shown)]
    assert positions == sorted(positions)


def test_a_kept_home_page_follows_featuring_and_withdrawal_at_the_next_read(published, moderator, client):
    assert _featured_section(_home(client)) == ""
    Practice.objects.filter(pk=published.pk).update(title="Renamed quietly")  # no content change: kept
    assert "Renamed quietly" not in _home(client) and "Family circle method" in _home(client)
    Practice.objects.filter(pk=published.pk).update(title="Family circle method")
    services.practice_feature(practice=published, actor=moderator)
    assert "Family circle method" in _featured_section(_home(client))
    services.practice_withdraw(practice=Practice.objects.get(pk=published.pk), actor=moderator, reason="Named a family")
    html = _home(client)
    assert _featured_section(html) == "" and "Family circle method" not in html
    assert Practice.objects.get(pk=published.pk).featured_at is None


def test_a_narrowed_featured_practice_leaves_the_home_page_of_those_who_no_longer_read_it(
    published, moderator, contributor, client, colleague_client
):
    services.practice_feature(practice=published, actor=moderator)
    assert "Family circle method" in _featured_section(_home(client))
    services.practice_set_visibility(practice=published, actor=contributor, visibility="organisation")
    assert "Family circle method" not in _home(client)
    assert "Family circle method" in _featured_section(_home(colleague_client))


def _home_queries(client) -> int:
    from django.core.cache import caches

    for each in caches.all():
        each.clear()
    with CaptureQueriesContext(connection) as queries:
        _home(client)
    return len(queries)


def test_the_home_page_reads_as_many_queries_for_one_featured_practice_as_for_six(contributor, moderator, client):
    practices = [make_practice(author=contributor, title=f"Method {n}", publish=True) for n in range(6)]
    services.practice_feature(practice=practices[0], actor=moderator)
    one = _home_queries(client)
    for practice in practices[1:]:
        services.practice_feature(practice=practice, actor=moderator)
    assert _home_queries(client) == one


# The API ------------------------------------------------------------------------------------


def test_the_api_says_whether_a_practice_is_featured(published, moderator, contributor):
    other = make_practice(author=contributor, title="Plain method", publish=True)
    services.practice_feature(practice=published, actor=moderator)
    anonymous = api_client_for()
    assert anonymous.get(reverse("api:practice-detail", args=[published.pk])).json()["featured"] is True
    assert anonymous.get(reverse("api:practice-detail", args=[other.pk])).json()["featured"] is False
    listed = anonymous.get(reverse("api:practice-list"), {"q": "method"}).json()["results"]
    assert {hit["title"]: hit["featured"] for hit in listed} == {"Family circle method": True, "Plain method": False}


def test_the_api_lists_the_featured_practices_each_reader_may_read(contributor, colleague, moderator):
    titles = {}
    for visibility in ("public", "members", "organisation"):
        practice = make_practice(
            author=contributor, title=f"Featured {visibility}", publish=True, visibility=visibility
        )
        services.practice_feature(practice=practice, actor=moderator)
        titles[visibility] = practice.title
    make_practice(author=contributor, title="Not featured", publish=True)
    url = reverse("api:practice-list")
    anonymous = api_client_for().get(url, {"featured": "true"}).json()
    assert [hit["title"] for hit in anonymous["results"]] == ["Featured public"]
    assert anonymous["count"] == 1 and all(hit["featured"] for hit in anonymous["results"])
    member = api_client_for(colleague).get(url, {"featured": "true"}).json()
    assert [hit["title"] for hit in member["results"]] == [
        "Featured organisation",
        "Featured members",
        "Featured public",
    ]
    unfiltered = api_client_for().get(url, {"featured": "false"}).json()
    assert {hit["title"] for hit in unfiltered["results"]} == {"Featured public", "Not featured"}


def test_the_api_refuses_featured_with_another_filter(published, moderator):
    response = api_client_for().get(reverse("api:practice-list"), {"featured": "true", "q": "family"})
    assert response.status_code == 400
    assert "q" in response.json().get("errors", response.json()) or "q" in response.content.decode()
    assert api_client_for().get(reverse("api:practice-list"), {"featured": "maybe"}).status_code == 400


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's query planner")
@pytest.mark.parametrize("reader", ["client", "colleague_client"])
def test_the_home_page_reads_the_featured_practices_by_their_index(request, reader, contributor, settings):
    """Not every readable practice read to keep the featured ones: without statistics, SQLite's planner
    chose the access rule's index for the featured query (every public practice read, then sorted)."""
    settings.PAGE_CACHE_SECONDS = settings.SCOPE_CACHE_SECONDS = 0
    make_practice(author=contributor, publish=True)
    with CaptureQueriesContext(connection) as captured:
        _home(request.getfixturevalue(reader))
    featured = [q["sql"] for q in captured.captured_queries if '"featured_at" IS NOT NULL' in q["sql"]]
    assert len(featured) == 1
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN QUERY PLAN " + featured[0])  # (the captured SQL holds its values)
        plan = " ".join(str(row[-1]) for row in cursor.fetchall())
    assert "featured_at" in plan and "practice_readable" not in plan, plan
