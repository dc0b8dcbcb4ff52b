"""My organisation, joining, leaving, and managing members; how people are named."""

import pytest
from django.template import Context, Template
from django.urls import reverse

from portal.models import AuditEvent, Membership, Organisation
from tests.conftest import _client_for, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def no_mfa(settings):
    """These tests are not about the second factor (except the one that says so)."""
    settings.PORTAL_REQUIRE_MFA = False


def _page(response) -> str:
    return response.content.decode()


def _membership(user) -> Membership:
    return Membership.objects.filter(user=user).order_by("-pk").first()


# Joining -----------------------------------------------------------------------------------


@pytest.fixture
def newcomer(db):
    return make_user("newcomer@ravnstad.example", display_name="Nora Newcomer")


@pytest.fixture
def newcomer_client(newcomer):
    return _client_for(newcomer)


def test_join_suggests_the_organisations_matching_the_email_address_first(
    newcomer_client, home_organisation, other_organisation
):
    Organisation.objects.filter(pk=home_organisation.pk).update(email_domain="ravnstad.example")
    page = _page(newcomer_client.get(reverse("organisation_join")))
    assert '<optgroup label="Matching your email address">' in page
    assert page.index("Municipality of Ravnstad") < page.index("Probation Service of Westerland")
    assert f'<option value="{home_organisation.pk}" selected>' in page


def test_join_lists_no_unverified_organisation_named_by_someone_else(newcomer_client, home_organisation):
    Organisation.objects.create(name="Ahmed's youth club", type=home_organisation.type, verified=False)
    assert "Ahmed" not in _page(newcomer_client.get(reverse("organisation_join")))


def test_joining_sends_a_request_and_shows_it_pending(newcomer_client, newcomer, home_organisation):
    response = newcomer_client.post(reverse("organisation_join"), {"organisation": home_organisation.pk})
    assert response.status_code == 302
    membership = _membership(newcomer)
    assert (membership.organisation, membership.state, membership.role) == (home_organisation, "requested", "member")
    page = _page(newcomer_client.get(reverse("organisation_join")))
    assert "is waiting for a decision" in page and "Municipality of Ravnstad" in page
    assert 'name="organisation"' not in page


def test_naming_a_new_organisation_asks_to_administer_it(newcomer_client, newcomer):
    newcomer_client.post(reverse("organisation_join"), {"new_organisation_name": "Ravnstad Youth Centre"})
    membership = _membership(newcomer)
    assert membership.organisation.name == "Ravnstad Youth Centre"
    assert not membership.organisation.verified
    assert membership.role == Membership.Role.ADMIN


def test_joining_needs_one_organisation_not_two(newcomer_client, newcomer, home_organisation):
    response = newcomer_client.post(reverse("organisation_join"), {})
    assert response.status_code == 400
    assert "Choose your organisation" in _page(response)
    response = newcomer_client.post(
        reverse("organisation_join"), {"organisation": home_organisation.pk, "new_organisation_name": "Other"}
    )
    assert response.status_code == 400
    assert not Membership.objects.filter(user=newcomer).exists()


def test_join_refuses_an_unverified_organisation_that_is_not_suggested(newcomer_client, newcomer, home_organisation):
    hidden = Organisation.objects.create(name="Hidden NGO", type=home_organisation.type, verified=False)
    response = newcomer_client.post(reverse("organisation_join"), {"organisation": hidden.pk})
    assert response.status_code == 400
    assert not Membership.objects.filter(user=newcomer).exists()


def test_a_member_is_sent_from_join_to_their_organisation(contributor_client):
    response = contributor_client.get(reverse("organisation_join"))
    assert response.status_code == 302 and response["Location"] == reverse("organisation_home")


def test_anonymous_visitor_is_asked_to_log_in_on_every_organisation_page(client):
    for name in ("organisation_home", "organisation_join", "organisation_leave", "organisation_members"):
        response = client.get(reverse(name))
        assert response.status_code == 302, name
        assert response["Location"].startswith(reverse("account_login"))


# My organisation and leaving ---------------------------------------------------------------


def test_my_organisation_shows_the_organisation_my_role_and_verification(contributor_client, org_admin_client):
    page = _page(contributor_client.get(reverse("organisation_home")))
    assert "Municipality of Ravnstad" in page and "Member" in page and "Verified" in page
    assert reverse("organisation_members") not in page
    assert reverse("organisation_leave") in page
    page = _page(org_admin_client.get(reverse("organisation_home")))
    assert "Organisation administrator" in page
    assert reverse("organisation_members") in page


def test_applicant_sees_the_pending_request(applicant_client):
    page = _page(applicant_client.get(reverse("organisation_home")))
    assert "You asked to join" in page and "Municipality of Ravnstad" in page


def test_former_member_belongs_to_no_organisation(former_member_client):
    page = _page(former_member_client.get(reverse("organisation_home")))
    assert "do not belong to an organisation" in page
    assert reverse("organisation_members") not in page


def test_leaving_asks_for_confirmation_then_ends_access_at_once(contributor_client, contributor):
    page = _page(contributor_client.get(reverse("organisation_leave")))
    assert "Leave Municipality of Ravnstad?" in page
    assert _membership(contributor).state == Membership.State.APPROVED
    response = contributor_client.post(reverse("organisation_leave"))
    assert response.status_code == 302
    assert _membership(contributor).state == Membership.State.ENDED
    assert AuditEvent.objects.filter(action="membership.leave").exists()
    assert "do not belong to an organisation" in _page(contributor_client.get(reverse("organisation_home")))


def test_sole_administrator_is_warned_before_leaving(org_admin_client):
    assert "only administrator" in _page(org_admin_client.get(reverse("organisation_leave")))


def test_applicant_can_withdraw_the_request(applicant_client, applicant):
    assert "Withdraw your request" in _page(applicant_client.get(reverse("organisation_leave")))
    applicant_client.post(reverse("organisation_leave"))
    assert _membership(applicant).state == Membership.State.ENDED


# Managing members: access ------------------------------------------------------------------


@pytest.mark.parametrize(
    "persona", ["outsider_client", "contributor_client", "applicant_client", "former_member_client"]
)
def test_members_page_is_not_found_for_anyone_but_admins_and_moderators(request, persona, applicant, home_organisation):
    client = request.getfixturevalue(persona)
    chosen = f"{reverse('organisation_members')}?organisation={home_organisation.pk}"
    for url in (reverse("organisation_members"), chosen):
        response = client.get(url)
        assert response.status_code == 404, url
        page = _page(response)
        assert "Nils Applicant" not in page and "Kari Contributor" not in page


def test_admin_of_another_organisation_cannot_see_or_manage_our_members(
    other_organisation, home_organisation, applicant, contributor
):
    other_admin = make_user("chief@westerland.example", other_organisation, role="admin", display_name="Wim Chief")
    client = _client_for(other_admin)
    response = client.get(f"{reverse('organisation_members')}?organisation={home_organisation.pk}")
    assert response.status_code == 404
    assert "Nils Applicant" not in _page(response)
    pending, member = _membership(applicant), _membership(contributor)
    assert (
        client.post(reverse("organisation_membership_decide", args=[pending.pk]), {"decision": "approve"}).status_code
        == 404
    )
    assert client.post(reverse("organisation_membership_role", args=[member.pk]), {"role": "admin"}).status_code == 404
    assert client.get(reverse("organisation_membership_remove", args=[member.pk])).status_code == 404
    assert client.post(reverse("organisation_membership_remove", args=[member.pk])).status_code == 404
    assert _membership(applicant).state == Membership.State.REQUESTED
    assert (_membership(contributor).state, _membership(contributor).role) == ("approved", "member")


@pytest.mark.parametrize(
    "persona", ["client", "outsider_client", "contributor_client", "applicant_client", "former_member_client"]
)
def test_nobody_else_can_decide_on_a_request(request, persona, applicant):
    client = request.getfixturevalue(persona)
    response = client.post(
        reverse("organisation_membership_decide", args=[_membership(applicant).pk]), {"decision": "approve"}
    )
    if persona == "client":  # the anonymous visitor is sent to log in
        assert response.status_code == 302 and response["Location"].startswith(reverse("account_login"))
    else:
        assert response.status_code == 404
    assert _membership(applicant).state == Membership.State.REQUESTED


def test_moderator_manages_any_organisation_chosen_by_id(moderator_client, home_organisation, applicant):
    response = moderator_client.get(f"{reverse('organisation_members')}?organisation={home_organisation.pk}")
    assert response.status_code == 200
    assert "Nils Applicant" in _page(response)
    response = moderator_client.get(reverse("organisation_members"))
    assert response.status_code == 302 and response["Location"] == reverse("moderation:organisations")
    assert moderator_client.get(f"{reverse('organisation_members')}?organisation=abc").status_code == 404


def test_admin_without_a_second_factor_is_sent_to_set_one_up(settings, org_admin, org_admin_client):
    from allauth.mfa.models import Authenticator

    settings.PORTAL_REQUIRE_MFA = True
    Authenticator.objects.filter(user=org_admin).delete()
    response = org_admin_client.get(reverse("organisation_members"))
    assert response.status_code == 302 and response["Location"] == reverse("mfa_activate_totp")


# Managing members: actions -----------------------------------------------------------------


def test_admin_sees_requests_and_members_without_email_addresses(org_admin_client, applicant, contributor):
    page = _page(org_admin_client.get(reverse("organisation_members")))
    assert "Nils Applicant" in page and "@ravnstad.example" in page
    assert "applicant@ravnstad.example" not in page and "contributor@ravnstad.example" not in page
    assert "Kari Contributor" in page


def test_admin_approves_and_declines_requests(org_admin_client, applicant, home_organisation):
    other = make_user("second@ravnstad.example", display_name="Second Applicant")
    Membership.objects.create(user=other, organisation=home_organisation)
    url = reverse("organisation_membership_decide", args=[_membership(applicant).pk])
    assert org_admin_client.post(url, {"decision": "approve"}).status_code == 302
    assert _membership(applicant).state == Membership.State.APPROVED
    org_admin_client.post(
        reverse("organisation_membership_decide", args=[_membership(other).pk]), {"decision": "decline"}
    )
    assert _membership(other).state == Membership.State.DECLINED


def test_admin_changes_a_role(org_admin_client, contributor):
    url = reverse("organisation_membership_role", args=[_membership(contributor).pk])
    org_admin_client.post(url, {"role": "admin"})
    assert _membership(contributor).role == Membership.Role.ADMIN
    assert AuditEvent.objects.filter(action="membership.role", to_state="admin").exists()


def test_removing_a_member_asks_for_confirmation_first(org_admin_client, contributor):
    url = reverse("organisation_membership_remove", args=[_membership(contributor).pk])
    assert "Remove Kari Contributor from Municipality of Ravnstad?" in _page(org_admin_client.get(url))
    assert _membership(contributor).state == Membership.State.APPROVED
    assert org_admin_client.post(url).status_code == 302
    assert _membership(contributor).state == Membership.State.ENDED


def test_own_row_offers_leaving_not_removal(org_admin_client, org_admin):
    page = _page(org_admin_client.get(reverse("organisation_members")))
    assert reverse("organisation_membership_remove", args=[_membership(org_admin).pk]) not in page
    assert reverse("organisation_leave") in page


def test_members_page_query_count_does_not_grow_with_members(
    org_admin_client, home_organisation, django_assert_num_queries
):
    # session, user with membership (one query: portal/auth_backends.py), organisation, pending count +
    # page, members count + page, banned count + page, header badge
    def count_queries():
        with django_assert_num_queries(10):
            assert org_admin_client.get(reverse("organisation_members")).status_code == 200

    first = make_user("p1@ravnstad.example", display_name="Pia", pseudonym="Owl")
    Membership.objects.create(user=first, organisation=home_organisation)
    banned = make_user("b@ravnstad.example", display_name="Bo", pseudonym="Crow")
    Membership.objects.create(user=banned, organisation=home_organisation, state=Membership.State.BANNED)
    count_queries()
    for number in range(5):
        make_user(
            f"m{number}@ravnstad.example",
            home_organisation,
            display_name=f"Member {number}",
            pseudonym=f"Bird {number}",
        )
        waiting = make_user(f"w{number}@ravnstad.example", display_name=f"Waiting {number}", pseudonym=f"Fish {number}")
        Membership.objects.create(user=waiting, organisation=home_organisation)
        gone = make_user(f"b{number}@ravnstad.example", display_name=f"Banned {number}", pseudonym=f"Crow {number}")
        Membership.objects.create(user=gone, organisation=home_organisation, state=Membership.State.BANNED)
    count_queries()


def test_members_list_is_paginated(org_admin_client, home_organisation):
    for number in range(26):
        make_user(f"many{number}@ravnstad.example", home_organisation, display_name=f"Many {number}")
    page = _page(org_admin_client.get(reverse("organisation_members")))
    assert "Page 1 of 2" in page


# How people are named ----------------------------------------------------------------------


@pytest.fixture
def pseudonymous_contributor(contributor):
    contributor.pseudonym = "Blue Heron"
    contributor.save()
    return contributor


def _shown(person, viewer) -> str:
    template = Template("{% load people %}{{ person|shown_to:viewer }}")
    return template.render(Context({"person": person, "viewer": viewer}))


def test_pseudonym_is_all_a_member_of_another_organisation_sees(pseudonymous_contributor, outsider):
    assert _shown(pseudonymous_contributor, outsider) == "Blue Heron"


def test_pseudonym_is_all_a_colleague_or_a_visitor_sees(pseudonymous_contributor, colleague):
    assert _shown(pseudonymous_contributor, colleague) == "Blue Heron"
    from django.contrib.auth.models import AnonymousUser

    assert _shown(pseudonymous_contributor, AnonymousUser()) == "Blue Heron"


def test_real_name_is_shown_to_a_moderator_and_to_the_own_organisation_admin(
    pseudonymous_contributor, moderator, org_admin, org_admin_client
):
    assert _shown(pseudonymous_contributor, moderator) == "Blue Heron (Kari Contributor)"
    assert _shown(pseudonymous_contributor, org_admin) == "Blue Heron (Kari Contributor)"
    assert "Blue Heron (Kari Contributor)" in _page(org_admin_client.get(reverse("organisation_members")))


def test_members_page_names_pseudonymous_members_in_full_to_a_moderator(
    pseudonymous_contributor, moderator_client, home_organisation
):
    url = f"{reverse('organisation_members')}?organisation={home_organisation.pk}"
    assert "Blue Heron (Kari Contributor)" in _page(moderator_client.get(url))
