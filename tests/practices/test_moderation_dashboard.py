"""The moderators' dashboard: what waits, each count linking to its filtered list."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from network import services as network_services
from network.models import Network, Report
from portal.models import Membership, Organisation
from practices.models import Finding, Practice
from practices.moderation_forms import FOLLOW_UP
from tests.conftest import make_user, with_totp

pytestmark = pytest.mark.django_db
Status = Practice.Status
NON_MODERATORS = ["client", "outsider_client", "contributor_client", "org_admin_client", "applicant_client"]


@pytest.fixture(autouse=True)
def no_mfa(settings):
    settings.PORTAL_REQUIRE_MFA = False


def _practice(author, status, title, **extra):
    return Practice.objects.create(
        title=title,
        description="Text.",
        organisation=author.organisation,
        author=author,
        status=status,
        language="en",
        **extra,
    )


def _waiting(contributor, n: int = 1) -> None:
    """``n`` practices in each state the dashboard counts, one published with an open finding."""
    for i in range(n):
        for status in (Status.SUBMITTED, Status.CHANGES_REQUESTED, Status.REJECTED, Status.WITHDRAWN, Status.DRAFT):
            _practice(contributor, status, f"{status} {i}")
        published = _practice(contributor, Status.PUBLISHED, f"Published {i}", published_at=timezone.now())
        for _ in range(2):  # two open findings still count the practice once
            Finding.objects.create(
                practice=published, field="description", type="PERSON", text="Text", start=0, end=4, score=0.9
            )


def _request(organisation, email, *, verified: bool) -> Membership:
    user = make_user(email)
    user.emailaddress_set.update(verified=verified)
    return Membership.objects.create(user=user, organisation=organisation)


def _report(moderator, contributor, name: str, *, case_room: bool = False) -> Report:
    room = (
        {"is_case_room": True, "access_ends_on": timezone.localdate() + timedelta(days=90), "retention_days": 365}
        if case_room
        else {}
    )
    network = network_services.network_create(
        actor=moderator, name=name, purpose="Exit work.", policy=Network.Policy.INVITATION, **room
    )
    network_services.network_member_add(network=network, user=contributor, actor=moderator)
    thread = network_services.thread_create(network=network, actor=contributor, title="A case", body="Notes.")
    return network_services.post_report(post=thread.posts.get(), actor=moderator, reason=Report.Reason.values[0])


def _text(response) -> str:
    return " ".join(response.content.decode().split())


def test_moderator_sees_counts_by_state_each_linking_to_its_filtered_queue(moderator_client, contributor):
    _waiting(contributor, n=2)
    page = _text(moderator_client.get(reverse("moderation:dashboard")))
    queue = reverse("moderation:queue")
    for state, label in [
        (Status.SUBMITTED, "Submitted for review"),
        (FOLLOW_UP, "personal-data findings"),
        (Status.CHANGES_REQUESTED, "Changes requested"),
        (Status.REJECTED, "Rejected"),
        (Status.WITHDRAWN, "Withdrawn"),
    ]:
        expected = 2
        assert f'<a href="{queue}?state={state}"><span class="dashboard-count">{expected}</span>' in page, state
        assert label in page
    # The linked list shows as many as the dashboard counted.
    follow_up = _text(moderator_client.get(f"{queue}?state={FOLLOW_UP}"))
    assert "2 practices" in follow_up


def test_dashboard_lists_the_oldest_submissions_linking_to_their_review_page(moderator_client, contributor):
    old = _practice(contributor, Status.SUBMITTED, "Mentoring in schools")
    Practice.objects.filter(pk=old.pk).update(updated_at=timezone.now() - timedelta(days=12))
    page = _text(moderator_client.get(reverse("moderation:dashboard")))
    assert f'<a href="{reverse("moderation:review", args=[old.pk])}">Mentoring in schools</a>' in page
    assert "1 submission has waited more than 7 days" in page
    assert f"{reverse('moderation:queue')}?state=submitted&amp;older_than=7" in page


def test_dashboard_counts_membership_requests_and_flags_unverified_emails(
    moderator_client, home_organisation, other_organisation
):
    _request(home_organisation, "a@ravnstad.example", verified=True)
    _request(home_organisation, "b@ravnstad.example", verified=False)
    _request(other_organisation, "c@westerland.example", verified=False)
    page = _text(moderator_client.get(reverse("moderation:dashboard")))
    pending = f"{reverse('moderation:organisations')}?status=pending"
    assert f'<a href="{pending}"><span class="dashboard-count">3</span> waiting, in 2 organisations</a>' in page
    assert "2 requests come from accounts whose email address is not verified yet" in page


def test_members_page_flags_the_request_whose_email_is_not_verified(org_admin_client, home_organisation):
    verified = _request(home_organisation, "a@ravnstad.example", verified=True)
    unverified = _request(home_organisation, "b@ravnstad.example", verified=False)
    page = org_admin_client.get(reverse("organisation_members")).content.decode()
    row = page.split(f'id="request-{unverified.pk}"', 1)[1].split("</tr>", 1)[0]
    assert "Email not verified yet" in row
    row = page.split(f'id="request-{verified.pk}"', 1)[1].split("</tr>", 1)[0]
    assert "Email not verified yet" not in row


def test_dashboard_counts_organisations_to_verify(moderator_client, home_organisation):
    Organisation.objects.create(name="New youth club", type=home_organisation.type, country="BE")
    page = _text(moderator_client.get(reverse("moderation:dashboard")))
    unverified = f"{reverse('moderation:organisations')}?status=unverified"
    # The moderators' own hub and the two personas' organisations are verified.
    assert f'<a href="{unverified}"><span class="dashboard-count">1</span> to verify</a>' in page


def test_dashboard_counts_open_reports_by_network_without_naming_case_rooms(moderator, moderator_client, contributor):
    report = _report(moderator, contributor, "Exit work Ravnstad")
    _report(moderator, contributor, "Returnee K. case room", case_room=True)
    dismissed = _report(moderator, contributor, "Quiet network")
    network_services.report_resolve(report=dismissed, actor=moderator, hide=False)
    page = _text(moderator_client.get(reverse("moderation:dashboard")))
    network = report.post.thread.network
    assert (
        f'<a href="{reverse("network:reports", args=[network.pk])}">'
        '<span class="dashboard-count">1</span> Exit work Ravnstad</a>' in page
    )
    assert "Case room #" in page and "Returnee K." not in page
    assert "Quiet network" not in page
    assert '<span class="dashboard-count">2</span> open' in page


@pytest.mark.parametrize("persona", NON_MODERATORS)
def test_dashboard_is_not_found_for_anyone_but_moderators(request, persona, contributor):
    _practice(contributor, Status.SUBMITTED, "Confidential exit work")
    response = request.getfixturevalue(persona).get(reverse("moderation:dashboard"))
    assert response.status_code == 404
    assert "Confidential exit work" not in response.content.decode()
    # no header link either (the 404 page's language switch and log-in link name the path asked for)
    assert f'href="{reverse("moderation:dashboard")}"' not in response.content.decode()


def test_moderator_without_a_second_factor_is_sent_to_set_one_up(settings, moderator, moderator_client):
    from allauth.mfa.models import Authenticator

    settings.PORTAL_REQUIRE_MFA = True
    Authenticator.objects.filter(user=moderator).delete()
    response = moderator_client.get(reverse("moderation:dashboard"))
    assert (response.status_code, response["Location"]) == (302, reverse("mfa_activate_totp"))
    with_totp(moderator)
    assert moderator_client.get(reverse("moderation:dashboard")).status_code == 200


def test_the_header_links_moderators_to_the_dashboard(moderator_client):
    page = moderator_client.get(reverse("home")).content.decode()
    assert f'<a href="{reverse("moderation:dashboard")}">Moderation</a>' in page


def _dashboard_queries(client, django_assert_num_queries, count: int) -> None:
    with django_assert_num_queries(count):
        assert client.get(reverse("moderation:dashboard")).status_code == 200


def test_dashboard_query_count_does_not_grow_with_data(
    moderator, moderator_client, contributor, home_organisation, django_assert_num_queries
):
    _waiting(contributor)
    _request(home_organisation, "a@ravnstad.example", verified=False)
    _report(moderator, contributor, "Network one")
    # session, user, the dashboard's counts and lists, and the header's unread badge
    _dashboard_queries(moderator_client, django_assert_num_queries, 8)
    _waiting(contributor, n=3)
    for i in range(4):
        _request(home_organisation, f"more{i}@ravnstad.example", verified=i % 2 == 0)
    for i in range(3):
        _report(moderator, contributor, f"Network {i + 2}")
    _dashboard_queries(moderator_client, django_assert_num_queries, 8)
