"""Each request to join an organisation has a page, where its email leads: who asks, for which
organisation, whether their address is verified, Approve / Decline; once decided, the outcome
and who decided. Only those who may decide see it."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from portal import services
from portal.models import Membership
from tests.conftest import _client_for, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def no_mfa(settings):
    settings.PORTAL_REQUIRE_MFA = False


@pytest.fixture
def request_to_join(applicant) -> Membership:
    return Membership.objects.get(user=applicant)


def _url(membership) -> str:
    return reverse("organisation_membership_request", args=[membership.pk])


def test_the_email_opens_the_request_page(
    org_admin, org_admin_client, home_organisation, django_capture_on_commit_callbacks
):
    candidate = make_user("claire@ravnstad.example", display_name="Claire Candidate")
    with django_capture_on_commit_callbacks(execute=True):
        membership = services.membership_request(user=candidate, organisation=home_organisation)
    [message] = [m for m in mail.outbox if m.to == [org_admin.email]]
    path = re.search(r"https?://[^/\s]+(/\S*)", message.body).group(1)
    assert path == _url(membership)
    page = org_admin_client.get(path).content.decode()
    assert "Claire Candidate asks to join Municipality of Ravnstad" in page


def test_the_page_shows_requester_organisation_and_verification_with_both_decisions(
    org_admin_client, request_to_join, applicant
):
    applicant.emailaddress_set.update(verified=False)
    page = org_admin_client.get(_url(request_to_join)).content.decode()
    assert "Nils Applicant" in page and "Municipality of Ravnstad" in page and "@ravnstad.example" in page
    assert "Email not verified yet" in page and "applicant@ravnstad.example" not in page
    assert 'value="approve">Approve</button>' in page
    assert 'value="decline" class="button-danger">Decline</button>' in page


def test_deciding_on_the_page_comes_back_to_it_with_the_outcome_and_who_decided(org_admin_client, request_to_join):
    response = org_admin_client.post(
        reverse("organisation_membership_decide", args=[request_to_join.pk]), {"decision": "decline", "back": "request"}
    )
    assert response.status_code == 302 and response["Location"] == _url(request_to_join)
    page = org_admin_client.get(_url(request_to_join)).content.decode()
    assert re.search(r"Declined by Anne Admin on \d{1,2} \w+\.? \d{4}\.", page)
    assert 'value="approve"' not in page
    assert Membership.objects.get(pk=request_to_join.pk).state == Membership.State.DECLINED


def test_an_approval_shows_who_approved(moderator_client, request_to_join):
    moderator_client.post(reverse("organisation_membership_decide", args=[request_to_join.pk]), {"decision": "approve"})
    page = moderator_client.get(_url(request_to_join)).content.decode()
    assert "Approved by Mona Moderator on" in page


def test_deciding_twice_says_it_is_already_decided(org_admin_client, request_to_join):
    url = reverse("organisation_membership_decide", args=[request_to_join.pk])
    org_admin_client.post(url, {"decision": "decline", "back": "request"})
    response = org_admin_client.post(url, {"decision": "approve", "back": "request"}, follow=True)
    assert "This request has already been decided." in response.content.decode()
    assert Membership.objects.get(pk=request_to_join.pk).state == Membership.State.DECLINED


@pytest.mark.parametrize(
    "persona", ["client", "outsider_client", "contributor_client", "applicant_client", "former_member_client"]
)
def test_nobody_else_sees_the_request_page(request, persona, request_to_join):
    response = request.getfixturevalue(persona).get(_url(request_to_join))
    if persona == "client":
        assert response.status_code == 302 and response["Location"].startswith(reverse("account_login"))
    else:
        assert response.status_code == 404 and b"Nils Applicant" not in response.content


def test_an_administrator_of_another_organisation_gets_the_404(other_organisation, request_to_join):
    chief = make_user("chief@westerland.example", other_organisation, role="admin", display_name="Wim Chief")
    assert _client_for(chief).get(_url(request_to_join)).status_code == 404


def test_the_members_page_links_each_request_to_its_page(org_admin_client, request_to_join):
    page = org_admin_client.get(reverse("organisation_members")).content.decode()
    assert f'href="{_url(request_to_join)}"' in page


def test_the_requesters_message_is_shown_to_those_who_decide_as_text(home_organisation, org_admin_client):
    candidate = make_user("claire@ravnstad.example", display_name="Claire Candidate")
    response = _client_for(candidate).post(
        reverse("organisation_join"),
        {"organisation": home_organisation.pk, "message": "Youth team, <b>Nordby</b> office.\nAsk Anne."},
    )
    assert response.status_code == 302
    membership = Membership.objects.get(user=candidate)
    assert membership.message == "Youth team, <b>Nordby</b> office.\nAsk Anne."
    page = org_admin_client.get(_url(membership)).content.decode()
    assert "Youth team, &lt;b&gt;Nordby&lt;/b&gt; office.<br>Ask Anne." in page


def test_a_too_long_message_is_refused_and_the_form_keeps_it(home_organisation):
    candidate = make_user("claire@ravnstad.example", display_name="Claire Candidate")
    response = _client_for(candidate).post(
        reverse("organisation_join"), {"organisation": home_organisation.pk, "message": "x" * 1001}
    )
    assert response.status_code == 400
    assert "x" * 1001 in response.content.decode()
    assert not Membership.objects.filter(user=candidate).exists()


def test_a_message_written_at_sign_up_reaches_the_request(client, home_organisation):
    from tests.portal.test_accounts import _sign_up

    _sign_up(client, organisation=str(home_organisation.pk), new_organisation="", message="Probation, Lindenau team.")
    assert Membership.objects.get(user__email="new.worker@lindenau.example").message == "Probation, Lindenau team."
