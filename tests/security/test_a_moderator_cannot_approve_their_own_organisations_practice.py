"""Four eyes: a moderator cannot approve their own practice, nor one of their own organisation
(on the web or the API); a moderator of another organisation can."""

import pytest
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from practices.models import Practice
from practices.versions import content_fingerprint
from tests.conftest import make_user, with_totp
from tests.practices.factories import make_practice

pytestmark = pytest.mark.django_db


def _submitted(author) -> Practice:
    practice = make_practice(author=author, title="Moderators' own method")
    Practice.objects.filter(pk=practice.pk).update(status=Practice.Status.SUBMITTED)
    return practice


@pytest.fixture
def fellow_moderator(moderator):
    """A second moderator in the same organisation as the ``moderator`` persona."""
    return with_totp(make_user("fellow@portal.example", moderator.organisation, is_moderator=True))


def _status(practice) -> str:
    return Practice.objects.get(pk=practice.pk).status


def test_a_moderator_cannot_approve_their_own_practice_on_the_web(moderator):
    practice = _submitted(moderator)
    client = Client()
    client.force_login(moderator)
    response = client.post(reverse("moderation:approve", args=[practice.pk]), {"approve-comment": ""})
    assert response.status_code == 400
    assert _status(practice) == Practice.Status.SUBMITTED


def test_a_moderator_cannot_approve_a_practice_of_their_organisation_through_the_api(moderator, fellow_moderator):
    practice = _submitted(fellow_moderator)
    client = APIClient()
    client.force_login(moderator)
    response = client.post(
        reverse("api:moderation-approve", args=[practice.pk]),
        {"comment": "", "reviewed": content_fingerprint(practice)},
        format="json",
    )
    assert response.status_code == 403
    assert _status(practice) == Practice.Status.SUBMITTED


def test_a_moderator_cannot_approve_an_update_they_wrote(moderator, contributor):
    from practices.services import practice_start_revision

    published = make_practice(author=contributor, title="Published method", publish=True)
    copy = practice_start_revision(practice=published, editor=moderator)
    Practice.objects.filter(pk=copy.pk).update(status=Practice.Status.SUBMITTED, change_summary="Typos")
    client = APIClient()
    client.force_login(moderator)
    response = client.post(
        reverse("api:moderation-approve", args=[copy.pk]),
        {"comment": "", "reviewed": content_fingerprint(copy)},
        format="json",
    )
    assert response.status_code == 403
    assert _status(copy) == Practice.Status.SUBMITTED


def test_a_moderator_of_another_organisation_approves(moderator, contributor):
    practice = _submitted(contributor)
    client = APIClient()
    client.force_login(moderator)
    response = client.post(
        reverse("api:moderation-approve", args=[practice.pk]),
        {"comment": "", "reviewed": content_fingerprint(practice)},
        format="json",
    )
    assert response.status_code == 200
    assert _status(practice) == Practice.Status.PUBLISHED


def test_the_review_page_says_another_moderator_approves(moderator):
    practice = _submitted(moderator)
    client = Client()
    client.force_login(moderator)
    page = client.get(reverse("moderation:review", args=[practice.pk])).content.decode()
    assert "Another moderator approves this practice" in page
