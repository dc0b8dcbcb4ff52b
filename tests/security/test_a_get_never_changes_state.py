"""A GET never changes state: opening the edit page of a published practice creates no copy (and so
cannot lock its author out); the copy is created by POSTing "Start a revision", and an abandoned copy
can be discarded after a confirmation."""

import pytest
from django.urls import reverse

from practices.models import Practice
from tests.practices.factories import make_practice

pytestmark = pytest.mark.django_db


@pytest.fixture
def published(contributor) -> Practice:
    return make_practice(author=contributor, title="Published mentoring method", publish=True)


@pytest.mark.parametrize("persona", ["contributor_client", "org_admin_client", "moderator_client"])
def test_opening_the_edit_page_of_a_published_practice_creates_no_copy(request, persona, published):
    response = request.getfixturevalue(persona).get(reverse("practices:edit", args=[published.pk]))
    assert response.status_code == 200
    assert "Start a revision" in response.content.decode()
    assert not published.revisions.exists()


def test_a_moderator_looking_at_the_edit_page_leaves_the_author_free_to_edit(
    moderator_client, contributor_client, published
):
    moderator_client.get(reverse("practices:edit", args=[published.pk]))
    response = contributor_client.post(reverse("practices:edit", args=[published.pk]))
    copy = published.revisions.get()
    assert response.status_code == 302 and response["Location"] == reverse("practices:edit", args=[copy.pk])
    assert contributor_client.get(reverse("practices:edit", args=[copy.pk])).status_code == 200


def test_posting_start_a_revision_creates_one_copy(contributor_client, published):
    for _ in range(2):
        contributor_client.post(reverse("practices:edit", args=[published.pk]))
    copy = published.revisions.get()
    assert copy.status == Practice.Status.DRAFT


def test_an_abandoned_copy_is_discarded_after_confirmation(moderator_client, contributor_client, published):
    moderator_client.post(reverse("practices:edit", args=[published.pk]))  # started, then abandoned
    url = reverse("practices:revision_discard", args=[published.pk])
    confirmation = contributor_client.get(url)
    assert confirmation.status_code == 200 and published.revisions.count() == 1
    response = contributor_client.post(url)
    assert response.status_code == 302
    assert not published.revisions.exists()
    assert Practice.objects.get(pk=published.pk).status == Practice.Status.PUBLISHED


@pytest.mark.parametrize("persona", ["outsider_client", "colleague_client", "client"])
def test_no_one_else_discards_a_copy(request, persona, contributor_client, published):
    contributor_client.post(reverse("practices:edit", args=[published.pk]))
    response = request.getfixturevalue(persona).post(reverse("practices:revision_discard", args=[published.pk]))
    assert response.status_code == (302 if persona == "client" else 404)
    assert published.revisions.count() == 1


def test_a_copy_in_review_is_not_discarded(contributor_client, published):
    contributor_client.post(reverse("practices:edit", args=[published.pk]))
    published.revisions.update(status=Practice.Status.SUBMITTED)
    response = contributor_client.post(reverse("practices:revision_discard", args=[published.pk]))
    assert response.status_code == 404
    assert published.revisions.count() == 1
