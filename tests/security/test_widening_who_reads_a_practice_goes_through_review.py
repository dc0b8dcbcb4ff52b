"""Widening who reads a published practice (organisation → members → public) goes through review:
the owner side and moderators alike are refused it at once, and reach it through an update a
moderator approves. Narrowing still applies at once."""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from practices import services
from practices.models import Practice
from practices.versions import content_fingerprint
from tests.practices.factories import make_practice

pytestmark = pytest.mark.django_db


def _visibility(practice) -> str:
    return Practice.objects.get(pk=practice.pk).visibility


@pytest.mark.parametrize("persona", ["contributor_client", "org_admin_client", "moderator_client"])
@pytest.mark.parametrize(
    ("current", "wider"), [("organisation", "members"), ("organisation", "public"), ("members", "public")]
)
def test_widening_is_refused_at_once(request, persona, contributor, current, wider):
    practice = make_practice(author=contributor, publish=True, visibility=current)
    response = request.getfixturevalue(persona).post(
        reverse("practices:visibility", args=[practice.pk]), {"visibility": wider}, follow=True
    )
    assert _visibility(practice) == current
    assert "propose an update" in response.content.decode()


def test_the_page_offers_only_narrower_settings(contributor_client, contributor):
    practice = make_practice(author=contributor, publish=True, visibility="members")
    page = contributor_client.get(practice.get_absolute_url()).content.decode()
    assert 'name="visibility" value="organisation"' in page
    assert 'name="visibility" value="public"' not in page


@pytest.mark.parametrize(("current", "narrower"), [("public", "members"), ("members", "organisation")])
def test_narrowing_applies_at_once(contributor_client, contributor, current, narrower):
    practice = make_practice(author=contributor, publish=True, visibility=current)
    contributor_client.post(reverse("practices:visibility", args=[practice.pk]), {"visibility": narrower})
    assert _visibility(practice) == narrower


def test_an_update_with_a_wider_setting_applies_once_a_moderator_approves(contributor, moderator):
    practice = make_practice(author=contributor, publish=True, visibility="organisation")
    copy = services.practice_start_revision(practice=practice, editor=contributor)
    Practice.objects.filter(pk=copy.pk).update(
        visibility="public", status=Practice.Status.SUBMITTED, change_summary="Open to everyone"
    )
    assert _visibility(practice) == "organisation"
    client = APIClient()
    client.force_login(moderator)
    response = client.post(
        reverse("api:moderation-approve", args=[copy.pk]),
        {"comment": "", "reviewed": content_fingerprint(Practice.objects.get(pk=copy.pk))},
        format="json",
    )
    assert response.status_code == 200
    assert _visibility(practice) == "public"
