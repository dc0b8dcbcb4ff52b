"""Banning from an organisation (docs/ACCESS.md "Banning from an organisation"): its administrators
and the moderators remove a member or decline a request with a ban, see the people banned on the
members page and lift a ban, each after a confirmation; a banned person cannot ask to join that
organisation again (by the list or by typing its name) but may ask another; and nobody else sees or
lifts a ban: another organisation's administrator, an anonymous visitor, the banned person and a
former member. Complements test_membership_sweep.py."""

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse

from portal import services
from portal.models import AuditEvent, Membership, User
from tests.api.conftest import token_client
from tests.conftest import _client_for, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def no_mfa(settings):
    """The second factor has its own cases (tests/security/); here it is off."""
    settings.PORTAL_REQUIRE_MFA = False


@pytest.fixture
def deciders(request, org_admin, moderator) -> User:
    return {"admin": org_admin, "moderator": moderator}[request.param]


def _membership(user: User) -> Membership:
    return Membership.objects.filter(user=user).latest("pk")


def _page(response) -> str:
    return response.content.decode()


def _messages(response) -> str:
    return " ".join(str(m) for m in response.context["messages"]) if response.context else ""


def _ban_url(membership: Membership) -> str:
    return reverse("organisation_membership_ban", args=[membership.pk])


def _decline_and_ban_url(membership: Membership) -> str:
    return reverse("organisation_membership_decline_and_ban", args=[membership.pk])


def _lift_url(membership: Membership) -> str:
    return reverse("organisation_membership_lift_ban", args=[membership.pk])


def _audits(membership: Membership) -> list[tuple[str, str, str]]:
    events = AuditEvent.objects.filter(target_type="membership", target_id=membership.pk).order_by("pk")
    return [(event.action, event.from_state, event.to_state) for event in events]


def _join(client: Client, send, **data):
    return send(client.post, reverse("organisation_join"), data)


# Banning -----------------------------------------------------------------------------------


@pytest.mark.parametrize("deciders", ["admin", "moderator"], indirect=True)
def test_removing_with_a_ban_asks_first_then_ends_access_and_is_audited(deciders, contributor, send):
    membership = _membership(contributor)
    api = token_client(contributor)
    client = _client_for(deciders)
    confirm = client.get(_ban_url(membership))
    assert confirm.status_code == 200
    assert 'class="button-danger"' in _page(confirm) and "Yes, remove and ban" in _page(confirm)
    assert _membership(contributor).state == Membership.State.APPROVED  # a GET changes nothing
    response = send(client.post, _ban_url(membership), follow=True)
    assert response.status_code == 200
    assert "removed and banned" in _messages(response)
    membership.refresh_from_db()
    assert membership.state == Membership.State.BANNED and membership.ended_at is not None
    assert _audits(membership) == [("membership.remove", "approved", "banned")]
    assert AuditEvent.objects.get(action="membership.remove").actor == deciders
    assert contributor.__class__.objects.get(pk=contributor.pk).organisation is None
    assert api.get("/api/v1/me/").status_code == 401  # tokens end with the membership, as on removal
    assert mail.outbox == []  # a removal sends no e-mail; a ban neither


def test_a_banned_member_cannot_ask_again_and_the_form_keeps_what_they_typed(org_admin, contributor, send):
    services.membership_end(membership=_membership(contributor), actor=org_admin, ban=True)
    mail.outbox.clear()
    client = _client_for(contributor)
    typed = "I work in the youth team since March."
    response = _join(client, send, organisation=org_admin.organisation.pk, message=typed)
    assert response.status_code == 400
    page = _page(response)
    assert "cannot ask to join Municipality of Ravnstad again" in page
    assert typed in page
    assert "Anne Admin" not in page and org_admin.email not in page  # never who banned them
    by_name = _join(client, send, new_organisation_name="  municipality of   RAVNSTAD ")
    assert by_name.status_code == 400
    assert "cannot ask to join" in _page(by_name)
    assert not Membership.objects.filter(user=contributor, state__in=["requested", "approved"]).exists()
    assert mail.outbox == []


def test_a_banned_person_may_still_ask_to_join_another_organisation(org_admin, contributor, other_organisation, send):
    services.membership_end(membership=_membership(contributor), actor=org_admin, ban=True)
    response = _join(_client_for(contributor), send, organisation=other_organisation.pk)
    assert response.status_code == 302
    assert _membership(contributor).organisation == other_organisation
    assert _membership(contributor).state == Membership.State.REQUESTED


@pytest.mark.parametrize("deciders", ["admin", "moderator"], indirect=True)
def test_declining_with_a_ban_asks_first_and_tells_the_requester_not_who(deciders, org_admin, request_to_join, send):
    client = _client_for(deciders)
    request_page = _page(client.get(reverse("organisation_membership_request", args=[request_to_join.pk])))
    assert _decline_and_ban_url(request_to_join) in request_page
    confirm = client.get(_decline_and_ban_url(request_to_join))
    assert confirm.status_code == 200
    assert "Yes, decline and ban" in _page(confirm)
    assert _membership(request_to_join.user).state == Membership.State.REQUESTED
    mail.outbox.clear()
    response = send(client.post, _decline_and_ban_url(request_to_join), follow=True)
    assert "the requester is banned" in _messages(response)
    request_to_join.refresh_from_db()
    assert request_to_join.state == Membership.State.BANNED
    assert request_to_join.decided_by == deciders and request_to_join.ended_at is None
    assert _audits(request_to_join)[-1] == ("membership.decide", "requested", "banned")
    [email] = mail.outbox
    assert email.to == [request_to_join.user.email]
    assert "declined" in email.subject
    for name in ("Anne Admin", "Mona Moderator", org_admin.email, deciders.email):
        assert name not in email.body and name not in email.subject
    again = _join(_client_for(request_to_join.user), send, organisation=org_admin.organisation.pk)
    assert again.status_code == 400 and "cannot ask to join" in _page(again)


def test_a_request_declined_with_a_ban_is_never_approved_from_an_old_page(org_admin, moderator, request_to_join, send):
    services.membership_decide(membership=request_to_join, actor=moderator, approve=False, ban=True)
    mail.outbox.clear()
    before = _audits(request_to_join)
    url = reverse("organisation_membership_decide", args=[request_to_join.pk])
    response = send(_client_for(org_admin).post, url, {"decision": "approve"}, follow=True)
    assert "already been decided" in _messages(response)
    request_to_join.refresh_from_db()
    assert request_to_join.state == Membership.State.BANNED
    assert _audits(request_to_join) == before
    assert mail.outbox == []


def test_a_ban_from_a_page_opened_before_the_member_left_bans_nobody(org_admin, contributor, send):
    membership = _membership(contributor)
    client = _client_for(org_admin)
    assert client.get(_ban_url(membership)).status_code == 200
    services.membership_end(membership=membership, actor=contributor)
    response = send(client.post, _ban_url(membership), follow=True)
    assert "already ended" in _messages(response)
    assert _membership(contributor).state == Membership.State.ENDED
    assert [action for action, *_ in _audits(membership)] == ["membership.leave"]


def test_a_removal_page_opened_after_the_member_was_banned_says_so(org_admin, a_ban):
    response = _client_for(org_admin).get(reverse("organisation_membership_remove", args=[a_ban.pk]), follow=True)
    assert "already banned" in _messages(response)
    assert _membership(a_ban.user).state == Membership.State.BANNED


def test_a_request_is_declined_with_a_ban_not_removed_with_one(org_admin, request_to_join, send):
    client = _client_for(org_admin)
    assert "approve or decline it" in _messages(client.get(_ban_url(request_to_join), follow=True))
    response = send(client.post, _ban_url(request_to_join), follow=True)
    assert "approve or decline it" in _messages(response)
    assert _membership(request_to_join.user).state == Membership.State.REQUESTED
    member = _membership(make_user("m@ravnstad.example", org_admin.organisation))
    assert "already been decided" in _messages(client.get(_decline_and_ban_url(member), follow=True))
    send(client.post, _decline_and_ban_url(member), follow=True)
    assert Membership.objects.get(pk=member.pk).state == Membership.State.APPROVED


def test_nobody_bans_themselves_or_lifts_their_own_ban(org_admin, moderator, home_organisation, send):
    own = _membership(org_admin)
    client = _client_for(org_admin)
    assert "Nobody bans themselves" in _messages(client.get(_ban_url(own), follow=True))
    send(client.post, _ban_url(own), follow=True)
    assert _membership(org_admin).state == Membership.State.APPROVED
    with pytest.raises(PermissionDenied):
        services.membership_end(membership=own, actor=org_admin, ban=True)
    # A moderator banned from an organisation still manages its members, but not their own ban.
    banned = Membership.objects.create(user=moderator, organisation=home_organisation, state=Membership.State.BANNED)
    Membership.objects.filter(user=moderator, state="approved").update(state="ended")
    send(_client_for(moderator).post, _lift_url(banned), follow=True)
    assert Membership.objects.get(pk=banned.pk).state == Membership.State.BANNED
    with pytest.raises(PermissionDenied):
        services.membership_unban(membership=banned, actor=moderator)


def test_approving_and_banning_at_once_is_refused(org_admin, request_to_join):
    with pytest.raises(ValidationError):
        services.membership_decide(membership=request_to_join, actor=org_admin, approve=True, ban=True)
    assert _membership(request_to_join.user).state == Membership.State.REQUESTED


# Seeing and lifting bans -------------------------------------------------------------------


@pytest.mark.parametrize(("how", "after_lift"), [("removed", "ended"), ("declined", "declined")])
def test_administrators_see_the_banned_and_lift_a_ban_after_a_confirmation(
    how, after_lift, org_admin, contributor, request_to_join, send
):
    if how == "removed":
        banned = services.membership_end(membership=_membership(contributor), actor=org_admin, ban=True)
    else:
        banned = services.membership_decide(membership=request_to_join, actor=org_admin, approve=False, ban=True)
    client = _client_for(org_admin)
    page = _page(client.get(reverse("organisation_members")))
    assert "1 person banned" in page
    assert _lift_url(banned) in page
    assert "Lift the ban" in _page(client.get(reverse("organisation_membership_request", args=[banned.pk])))
    confirm = client.get(_lift_url(banned))
    assert confirm.status_code == 200 and "Yes, lift the ban" in _page(confirm)
    assert Membership.objects.get(pk=banned.pk).state == Membership.State.BANNED
    mail.outbox.clear()
    response = send(client.post, _lift_url(banned), follow=True)
    assert "The ban is lifted" in _messages(response)
    banned.refresh_from_db()
    assert banned.state == after_lift
    assert _audits(banned)[-1] == ("membership.unban", "banned", after_lift)
    assert mail.outbox == []
    assert "person banned" not in _page(client.get(reverse("organisation_members")))
    # Lifting twice (an old page) changes and records nothing more.
    again = send(client.post, _lift_url(banned), follow=True)
    assert "not banned" in _messages(again)
    assert [a for a, *_ in _audits(banned)].count("membership.unban") == 1
    # The person may ask to join again, and those who decide hear of it.
    response = _join(_client_for(banned.user), send, organisation=org_admin.organisation.pk)
    assert response.status_code == 302
    assert _membership(banned.user).state == Membership.State.REQUESTED
    assert [m.to for m in mail.outbox] == [[org_admin.email]]


@pytest.fixture
def a_ban(org_admin, contributor) -> Membership:
    return services.membership_end(membership=_membership(contributor), actor=org_admin, ban=True)


@pytest.fixture
def outsiders(request, outsider, former_member, contributor, a_ban) -> Client:
    """Those who may not see or lift the ban: another organisation's administrator, an anonymous
    visitor, the banned person, a former member of the organisation, a plain member of it."""
    if request.param == "anonymous":
        return Client()
    if request.param == "other_admin":
        Membership.objects.filter(user=outsider).update(role="admin")
        return _client_for(outsider)
    if request.param == "plain_member":
        return _client_for(make_user("plain@ravnstad.example", a_ban.organisation))
    return _client_for({"banned": contributor, "former": former_member}[request.param])


@pytest.mark.parametrize("outsiders", ["other_admin", "anonymous", "banned", "former", "plain_member"], indirect=True)
def test_a_ban_does_not_leak_and_nobody_else_lifts_one(outsiders, a_ban, org_admin, request_to_join, send):
    organisation = a_ban.organisation
    members = outsiders.get(reverse("organisation_members"), {"organisation": organisation.pk})
    assert members.status_code in (302, 404)
    assert "banned" not in _page(members).lower()
    for url in (_lift_url(a_ban), _ban_url(_membership(org_admin)), _decline_and_ban_url(request_to_join)):
        for method in (outsiders.get, outsiders.post):
            response = send(method, url)
            if response.status_code == 302:  # the anonymous visitor: to the sign-in page
                assert response["Location"].startswith(reverse("account_login"))
            else:
                assert response.status_code == 404
    request_page = outsiders.get(reverse("organisation_membership_request", args=[a_ban.pk]))
    assert request_page.status_code in (302, 404)
    assert Membership.objects.get(pk=a_ban.pk).state == Membership.State.BANNED
    assert _membership(org_admin).state == Membership.State.APPROVED
    assert _membership(request_to_join.user).state == Membership.State.REQUESTED
    assert [a for a, *_ in _audits(a_ban)] == ["membership.remove"]


def test_the_banned_persons_own_pages_do_not_name_who_banned_them(a_ban, contributor, org_admin):
    client = _client_for(contributor)
    for name in ("organisation_home", "organisation_join"):
        page = _page(client.get(reverse(name)))
        assert "Anne Admin" not in page and org_admin.email not in page
