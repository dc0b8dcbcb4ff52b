"""My organisation's page lists the organisation's published practices that the reader may read
(the reading rule of every list, ``published_practices``), newest first, ten a page, with an empty
state. It listed none: a practitioner had no way to see what their own organisation had shared."""

import pytest
from django.urls import reverse

from practices import services
from practices.models import Practice
from tests.practices.factories import make_practice

pytestmark = pytest.mark.django_db

URL = reverse("organisation_home")


def _titles(response) -> list[str]:
    html = response.content.decode()
    section = html[html.index('id="organisation-practices"') :] if 'id="organisation-practices"' in html else ""
    return [practice.title for practice in Practice.objects.all() if f">{practice.title}</a>" in section]


def test_a_member_sees_the_organisations_published_practices_and_nothing_else(
    client, contributor, colleague, outsider, moderator
):
    make_practice(author=contributor, publish=True, title="Mentoring after prison")
    make_practice(author=colleague, publish=True, title="Family talks", visibility=Practice.Visibility.ORGANISATION)
    make_practice(author=colleague, title="A draft of a colleague")
    make_practice(author=contributor, title="My own draft")
    make_practice(author=outsider, publish=True, title="Probation mentoring elsewhere")
    submitted = make_practice(author=contributor, title="Waiting for review")
    services.practice_submit(practice=submitted, actor=contributor)
    withdrawn = make_practice(author=contributor, publish=True, title="Withdrawn work")
    services.practice_withdraw(practice=withdrawn, actor=moderator, reason="Outdated")
    client.force_login(contributor)
    assert sorted(_titles(client.get(URL))) == ["Family talks", "Mentoring after prison"]
    client.force_login(outsider)
    assert _titles(client.get(URL)) == ["Probation mentoring elsewhere"]


def test_a_pending_update_is_not_listed_twice(client, contributor):
    published = make_practice(author=contributor, publish=True, title="Mentoring after prison")
    services.practice_start_revision(practice=published, editor=contributor)
    client.force_login(contributor)
    html = client.get(URL).content.decode()
    assert html.count(">Mentoring after prison</a>") == 1
    assert f'href="{published.get_absolute_url()}"' in html


def test_the_list_is_paginated_newest_first(client, contributor, django_assert_num_queries):
    for number in range(12):
        make_practice(author=contributor, publish=True, title=f"Practice {number:02d}")
    client.force_login(contributor)
    first = client.get(URL).content.decode()
    assert "12 published practices that you may read." in first
    assert first.index(">Practice 11</a>") < first.index(">Practice 02</a>")
    assert ">Practice 01</a>" not in first and 'href="?page=2"' in first
    second = client.get(URL, {"page": 2}).content.decode()
    assert ">Practice 01</a>" in second and ">Practice 00</a>" in second and ">Practice 11</a>" not in second
    with django_assert_num_queries(5):  # the signed-in reader and their membership, the count, the page
        client.get(URL)


def test_no_practice_shows_an_empty_state(client, contributor, outsider):
    make_practice(author=outsider, publish=True, title="Probation mentoring elsewhere")
    client.force_login(contributor)
    html = client.get(URL).content.decode()
    assert "Your organisation has no published practice yet that you may read." in html
    assert f'href="{reverse("practices:create")}"' in html


def test_someone_waiting_to_join_sees_no_list(client, applicant, contributor):
    make_practice(author=contributor, publish=True, title="Mentoring after prison")
    client.force_login(applicant)
    html = client.get(URL).content.decode()
    assert "Mentoring after prison" not in html and 'id="organisation-practices"' not in html


def test_an_anonymous_visitor_is_sent_to_sign_in(client):
    response = client.get(URL)
    assert response.status_code == 302 and response["Location"].startswith(reverse("account_login"))


def test_a_former_member_sees_no_list_of_the_organisation_they_left(client, former_member, contributor):
    make_practice(author=contributor, publish=True, title="Family talks", visibility=Practice.Visibility.ORGANISATION)
    client.force_login(former_member)
    html = client.get(URL).content.decode()
    assert "Family talks" not in html and 'id="organisation-practices"' not in html
