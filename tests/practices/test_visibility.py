"""Who may read which practice, from every persona's side, on pages and lists.

A practice the reader may not see answers 404, never 403, and appears in no list.
"""

import pytest
from django.urls import reverse

from practices import services
from practices.models import Practice
from tests.practices.factories import make_practice

pytestmark = pytest.mark.django_db

READERS = [
    "client",
    "applicant_client",
    "former_member_client",
    "outsider_client",
    "colleague_client",
    "contributor_client",
    "org_admin_client",
    "moderator_client",
]

# Who reads a published practice of the contributor's (verified) organisation, by visibility.
CAN_READ = {
    "public": set(READERS),
    "members": {"outsider_client", "colleague_client", "contributor_client", "org_admin_client", "moderator_client"},
    "organisation": {"colleague_client", "contributor_client", "org_admin_client", "moderator_client"},
}


@pytest.mark.parametrize("visibility", ["public", "members", "organisation"])
@pytest.mark.parametrize("reader", READERS)
def test_published_practice_is_readable_exactly_by_its_audience(request, reader, visibility, contributor):
    practice = make_practice(author=contributor, title="Family circle method", publish=True, visibility=visibility)
    client = request.getfixturevalue(reader)
    detail = client.get(practice.get_absolute_url())
    listing = client.get(reverse("search:search")).content.decode()
    home = client.get(reverse("home")).content.decode()
    if reader in CAN_READ[visibility]:
        assert detail.status_code == 200
        assert "Family circle method" in listing and "Family circle method" in home
    else:
        assert detail.status_code == 404
        assert "Family circle method" not in listing and "Family circle method" not in home


@pytest.mark.parametrize("state", ["draft", "submitted", "changes_requested", "rejected"])
@pytest.mark.parametrize("reader", READERS)
def test_unpublished_practice_is_readable_by_its_author_admins_and_moderators_only(request, reader, state, contributor):
    practice = make_practice(author=contributor, title="Unfinished method")
    Practice.objects.filter(pk=practice.pk).update(status=state)
    response = request.getfixturevalue(reader).get(practice.get_absolute_url())
    expected = 200 if reader in {"contributor_client", "org_admin_client", "moderator_client"} else 404
    assert response.status_code == expected


@pytest.mark.parametrize("reader", READERS)
def test_withdrawn_practice_is_gone_for_everyone_but_moderators(request, reader, contributor, moderator):
    practice = make_practice(author=contributor, title="Withdrawn method", publish=True)
    services.practice_withdraw(practice=practice, actor=moderator, reason="Named a family")
    client = request.getfixturevalue(reader)
    expected = 200 if reader == "moderator_client" else 404
    assert client.get(practice.get_absolute_url()).status_code == expected
    assert "Withdrawn method" not in client.get(reverse("search:search")).content.decode()


def test_a_former_author_loses_access_to_their_drafts(former_member_client, former_member, home_organisation):
    draft = Practice.objects.create(
        title="Left behind", description="x", language="en", organisation=home_organisation, author=former_member
    )
    assert former_member_client.get(draft.get_absolute_url()).status_code == 404


def test_members_of_an_unverified_organisation_see_public_content_only(client, contributor, db):
    from portal.models import Organisation, OrganisationType
    from tests.conftest import make_user

    unverified = Organisation.objects.create(name="Unverified NGO", type=OrganisationType.objects.get(code="ngo"))
    member = make_user("someone@unverified.example", unverified)
    client.force_login(member)
    members_only = make_practice(author=contributor, publish=True, visibility="members")
    assert client.get(members_only.get_absolute_url()).status_code == 404


def test_list_filter_counts_cannot_reveal_hidden_countries(client, outsider):
    make_practice(author=outsider, title="Dutch members-only method", publish=True, visibility="members", country="NL")
    page = client.get(reverse("search:search")).content.decode()
    assert 'value="NL"' not in page
