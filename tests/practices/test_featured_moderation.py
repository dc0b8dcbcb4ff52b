"""Moderators see and manage the featured practices from the moderation pages: every practice
featured now, newest featured first, who featured it and when, which are on the home page, and
a button to stop featuring each. Nobody else learns the list exists. The API's
``?featured=true`` pages like the practice search."""

import re
from datetime import timedelta

import pytest
from django.db.models import Q
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from portal.models import AuditEvent
from practices import services
from practices.models import Practice
from practices.moderation_views import PER_PAGE
from practices.selectors import FEATURED_ON_HOME
from tests.api.conftest import api_client_for
from tests.conftest import _client_for, make_user, with_totp
from tests.practices.factories import make_practice

pytestmark = pytest.mark.django_db
Status = Practice.Status
LIST = "moderation:featured"
OTHERS = ["anonymous", "outsider", "contributor", "org_admin", "applicant", "former_member", "former_moderator"]


def _featured(author, moderator, n: int, *, visibility: str = "public", prefix: str = "Featured") -> list[Practice]:
    """``n`` published practices of ``author``'s organisation featured by ``moderator``, the last
    one featured most recently (written straight to the database: the services are tested apart)."""
    now = timezone.now()
    return [
        Practice.objects.create(
            title=f"{prefix} {i:02d}",
            description="Text.",
            organisation=author.organisation,
            author=author,
            status=Status.PUBLISHED,
            visibility=visibility,
            language="en",
            published_at=now - timedelta(days=60),
            featured_at=now - timedelta(minutes=n - i),
            featured_by=moderator,
        )
        for i in range(n)
    ]


def _client(request, who: str) -> Client:
    if who == "anonymous":
        return Client()
    if who == "former_moderator":
        former = with_totp(make_user("former-moderator@portal.example", is_moderator=True))
        former.is_moderator = False
        former.save(update_fields=["is_moderator"])
        return _client_for(former)
    return _client_for(request.getfixturevalue(who))


def _text(response) -> str:
    return " ".join(response.content.decode().split())


def _rows(html: str) -> list[str]:
    """The titles of the list's rows, in order."""
    return re.findall(r'<th scope="row"><a href="/practices/\d+/"[^>]*>([^<]+)</a>', html)


def _on_home_page(html: str) -> list[str]:
    """The titles of the rows marked as on the home page."""
    rows = re.findall(r"<tr>(.*?)</tr>", html, flags=re.S)
    return [title for row in rows if "On the home page" in row for title in _rows(row)]


def _stop(client, practice: Practice, **data):
    return client.post(reverse("moderation:featured_stop", args=[practice.pk]), data)


def _unfeature_events(practice: Practice) -> int:
    return AuditEvent.objects.filter(
        Q(action="practice.unfeature"), target_type="practice", target_id=practice.pk
    ).count()


# Who sees the list ---------------------------------------------------------------------------


@pytest.mark.parametrize("who", OTHERS)
def test_nobody_but_a_moderator_learns_the_list_exists(request, who, contributor, moderator):
    (practice,) = _featured(contributor, moderator, 1)
    client = _client(request, who)
    dashboard = client.get(reverse("moderation:dashboard"))
    listing = client.get(reverse(LIST))
    assert dashboard.status_code == 404  # as every moderation page answers them
    assert listing.status_code == dashboard.status_code
    assert practice.title not in listing.content.decode()


@pytest.mark.parametrize("who", OTHERS)
def test_nobody_but_a_moderator_stops_featuring_a_practice(request, who, contributor, moderator):
    (practice,) = _featured(contributor, moderator, 1)
    response = _stop(_client(request, who), practice)
    assert response.status_code == 404
    assert Practice.objects.get(pk=practice.pk).featured_at is not None
    assert _unfeature_events(practice) == 0


def test_a_moderator_without_a_second_factor_is_sent_to_set_one_up_and_changes_nothing(contributor, moderator):
    (practice,) = _featured(contributor, moderator, 1)
    client = _client_for(make_user("new-moderator@portal.example", is_moderator=True))
    for response in (client.get(reverse(LIST)), _stop(client, practice)):
        assert response.status_code == 302
        assert response["Location"] == reverse("mfa_activate_totp")
    assert Practice.objects.get(pk=practice.pk).featured_at is not None
    assert _unfeature_events(practice) == 0


# The list ------------------------------------------------------------------------------------


def test_a_moderator_sees_every_featured_practice_newest_featured_first_with_who_and_when(
    contributor, outsider, moderator, moderator_client
):
    _featured(contributor, moderator, 1, prefix="Public")
    _featured(outsider, moderator, 1, visibility="organisation", prefix="Own organisation")
    _featured(contributor, moderator, 1, visibility="members", prefix="Members")
    make_practice(author=contributor, title="Published, not featured", publish=True)
    response = moderator_client.get(reverse(LIST))
    html = response.content.decode()
    assert response.status_code == 200
    assert _rows(html) == ["Members 00", "Own organisation 00", "Public 00"]
    text = _text(response)
    assert "Published, not featured" not in text
    assert text.count("Mona Moderator") >= 3  # who featured each
    assert "Members: every verified practitioner" in text and "Own organisation only" in text
    assert "Probation Service of Westerland" in text
    assert "3 featured practices" in text


def test_the_list_marks_the_six_the_home_page_shows(contributor, moderator, moderator_client, client):
    practices = _featured(contributor, moderator, FEATURED_ON_HOME + 2)
    html = moderator_client.get(reverse(LIST)).content.decode()
    newest_six = [practice.title for practice in reversed(practices)][:FEATURED_ON_HOME]
    assert _on_home_page(html) == newest_six
    home = client.get(reverse("home")).content.decode()
    featured_section = home[home.index('id="featured-heading"') :]
    featured_section = featured_section[: featured_section.index("</section>")]
    assert [title for title in newest_six if title in featured_section] == newest_six
    assert practices[1].title not in featured_section


def test_an_empty_list_says_so_and_how_to_feature_a_practice(contributor, moderator_client):
    make_practice(author=contributor, title="Published, not featured", publish=True)
    text = _text(moderator_client.get(reverse(LIST)))
    assert "No practice is featured" in text
    assert "Feature on the home page" in text  # the hint names the button on a practice's page
    assert "Stop featuring" not in text


def test_the_list_pages_like_the_other_moderation_lists(contributor, moderator, moderator_client):
    practices = _featured(contributor, moderator, PER_PAGE + 2)
    first = moderator_client.get(reverse(LIST)).content.decode()
    second = moderator_client.get(reverse(LIST), {"page": 2}).content.decode()
    newest_first = [practice.title for practice in reversed(practices)]
    assert _rows(first) == newest_first[:PER_PAGE]
    assert _rows(second) == newest_first[PER_PAGE:]
    assert "Page 1 of 2" in first and 'rel="next"' in first
    assert _on_home_page(second) == []  # the home page's six are all on the first page


def test_the_list_reads_as_many_queries_for_thirty_practices_as_for_one(
    contributor, moderator, moderator_client, django_assert_num_queries
):
    _featured(contributor, moderator, 1, prefix="First")
    moderator_client.get(reverse(LIST))  # the session's first reads
    # session, user, the count, the page's rows (with organisation and who featured), the header's badge
    with django_assert_num_queries(5):
        assert moderator_client.get(reverse(LIST)).status_code == 200
    _featured(contributor, moderator, 29, prefix="More")
    with django_assert_num_queries(5):
        assert moderator_client.get(reverse(LIST)).status_code == 200


def test_withdrawing_a_featured_practice_takes_it_off_the_list(contributor, moderator, moderator_client):
    practice = make_practice(author=contributor, title="Named a family", publish=True)
    services.practice_feature(practice=practice, actor=moderator)
    assert _rows(moderator_client.get(reverse(LIST)).content.decode()) == ["Named a family"]
    services.practice_withdraw(practice=Practice.objects.get(pk=practice.pk), actor=moderator, reason="Names")
    assert Practice.objects.get(pk=practice.pk).featured_at is None  # withdrawing clears the featuring
    assert _rows(moderator_client.get(reverse(LIST)).content.decode()) == []


def test_only_published_practices_are_listed_whatever_their_row_says(contributor, moderator, moderator_client):
    (listed, withdrawn) = _featured(contributor, moderator, 2)
    Practice.objects.filter(pk=withdrawn.pk).update(status=Status.WITHDRAWN)  # featured_at left behind
    assert _rows(moderator_client.get(reverse(LIST)).content.decode()) == [listed.title]


def test_the_dashboard_links_to_the_list_with_its_count(contributor, moderator, moderator_client):
    _featured(contributor, moderator, 3)
    html = moderator_client.get(reverse("moderation:dashboard")).content.decode()
    link = re.search(rf'<a href="{reverse(LIST)}">(<span class="dashboard-count">.*?)</a>', html, flags=re.S)
    assert link is not None
    assert " ".join(link.group(1).split()) == '<span class="dashboard-count">3</span> featured on the home page'


# Stopping from the list ----------------------------------------------------------------------


def test_a_moderator_stops_featuring_from_the_list_once(contributor, moderator, moderator_client):
    kept, stopped = _featured(contributor, moderator, 2)
    html = moderator_client.get(reverse(LIST)).content.decode()
    assert f'Stop featuring<span class="visually-hidden"> “{stopped.title}”</span>' in html
    response = _stop(moderator_client, stopped)
    assert response.status_code == 302 and response["Location"] == reverse(LIST) + f"?stopped={stopped.pk}"
    page = moderator_client.get(response["Location"])
    assert f"“{stopped.title}” is no longer featured on the home page." in _text(page)
    assert _rows(page.content.decode()) == [kept.title]
    assert Practice.objects.get(pk=stopped.pk).featured_at is None
    assert Practice.objects.get(pk=stopped.pk).status == Status.PUBLISHED
    assert _stop(moderator_client, stopped).status_code == 302  # a second click: nothing more
    assert _unfeature_events(stopped) == 1


def test_stopping_a_practice_withdrawn_meanwhile_is_no_error(contributor, moderator, moderator_client):
    practice = make_practice(author=contributor, title="Named a family", publish=True)
    services.practice_feature(practice=practice, actor=moderator)
    moderator_client.get(reverse(LIST))  # the list is on the screen, then another moderator withdraws
    services.practice_withdraw(practice=Practice.objects.get(pk=practice.pk), actor=moderator, reason="Names")
    response = _stop(moderator_client, practice)
    text = _text(moderator_client.get(response["Location"]))
    assert "Only a published practice" not in text
    assert "“Named a family” is no longer featured on the home page." in text
    assert _unfeature_events(practice) == 0  # the withdrawal took it off; nothing more happened


def test_stopping_a_practice_unfeatured_meanwhile_changes_nothing(contributor, moderator, moderator_client):
    (practice,) = _featured(contributor, moderator, 1)
    services.practice_unfeature(practice=practice, actor=moderator)  # from the practice's page, say
    response = _stop(moderator_client, practice)
    assert response.status_code == 302
    assert _unfeature_events(practice) == 1


def test_stopping_goes_back_to_the_page_the_moderator_was_on(contributor, moderator, moderator_client):
    practices = _featured(contributor, moderator, PER_PAGE + 2)
    response = _stop(moderator_client, practices[0], page="2")
    assert response["Location"] == reverse(LIST) + f"?stopped={practices[0].pk}&page=2"
    evil = _stop(moderator_client, practices[1], page="//evil.example")["Location"]
    assert evil == reverse(LIST) + f"?stopped={practices[1].pk}"


def test_stopping_offers_to_undo_it_and_undo_features_it_again(contributor, moderator, moderator_client):
    kept, stopped = _featured(contributor, moderator, 2)
    page = moderator_client.get(_stop(moderator_client, stopped)["Location"]).content.decode()
    undo = reverse("moderation:featured_again", args=[stopped.pk])
    assert f'action="{undo}"' in page
    assert f"Feature “{stopped.title}” again" in page
    response = moderator_client.post(undo, {"page": "1"})
    assert response.status_code == 302 and response["Location"] == reverse(LIST)
    page = moderator_client.get(response["Location"])
    assert f"“{stopped.title}” is featured on the home page again." in _text(page)
    assert _rows(page.content.decode()) == [stopped.title, kept.title]  # the newest featured
    assert 'action="/moderation/featured/' + str(stopped.pk) + '/again/"' not in page.content.decode()


def test_the_undo_is_offered_only_for_a_practice_that_may_be_featured_again(contributor, moderator, moderator_client):
    (practice,) = _featured(contributor, moderator, 1)
    undo = f'action="{reverse("moderation:featured_again", args=[practice.pk])}"'
    assert undo not in moderator_client.get(reverse(LIST), {"stopped": practice.pk}).content.decode()  # still featured
    location = _stop(moderator_client, practice)["Location"]
    services.practice_withdraw(practice=Practice.objects.get(pk=practice.pk), actor=moderator, reason="Names")
    assert undo not in moderator_client.get(location).content.decode()
    for junk in ("0", "abc", "999999", "1 OR 1=1"):
        assert moderator_client.get(reverse(LIST), {"stopped": junk}).status_code == 200


def test_the_undo_answers_404_to_anyone_but_a_moderator(
    contributor, moderator, contributor_client, outsider_client, client
):
    (practice,) = _featured(contributor, moderator, 1)
    services.practice_unfeature(practice=practice, actor=moderator)
    undo = reverse("moderation:featured_again", args=[practice.pk])
    for someone in (contributor_client, outsider_client, client):
        assert someone.post(undo).status_code == 404
    assert Practice.objects.get(pk=practice.pk).featured_at is None


def test_stopping_takes_a_post_with_the_csrf_token(contributor, moderator):
    (practice,) = _featured(contributor, moderator, 1)
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(moderator)
    assert strict.get(reverse("moderation:featured_stop", args=[practice.pk])).status_code == 405
    assert _stop(strict, practice).status_code == 403
    assert Practice.objects.get(pk=practice.pk).featured_at is not None
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', strict.get(reverse(LIST)).content.decode())
    assert token is not None
    assert _stop(strict, practice, csrfmiddlewaretoken=token.group(1)).status_code == 302
    assert Practice.objects.get(pk=practice.pk).featured_at is None


# The API -------------------------------------------------------------------------------------


def test_the_api_pages_through_the_featured_practices_each_reader_may_read(contributor, colleague, moderator):
    public = _featured(contributor, moderator, 23, prefix="Public")
    members = _featured(contributor, moderator, 2, visibility="members", prefix="Members")
    Practice.objects.filter(pk__in=[p.pk for p in members]).update(featured_at=timezone.now())  # the newest
    url = reverse("api:practice-list")
    first = api_client_for().get(url, {"featured": "true"}).json()
    assert first["count"] == 23 and first["previous"] is None
    assert [hit["title"] for hit in first["results"]] == [p.title for p in reversed(public)][:20]
    second = api_client_for().get(first["next"]).json()
    assert [hit["title"] for hit in second["results"]] == ["Public 02", "Public 01", "Public 00"]
    assert second["next"] is None and second["previous"] is not None
    assert api_client_for().get(second["previous"]).json()["results"] == first["results"]
    member = api_client_for(colleague).get(url, {"featured": "true"}).json()
    assert member["count"] == 25
    assert [hit["title"] for hit in member["results"][:2]] == ["Members 01", "Members 00"]


def test_the_api_refuses_a_cursor_not_of_its_own_for_the_featured_list(contributor, moderator):
    _featured(contributor, moderator, 1)
    response = api_client_for().get(reverse("api:practice-list"), {"featured": "true", "cursor": "bm9wZQ=="})
    assert response.status_code == 404
