"""The life of an organisation membership, from the outsider's side: asking to join (once, and
again after a refusal, leaving or removal), decisions by the organisation's administrators and
moderators (another organisation's request, a request decided or withdrawn meanwhile, one's own
request, missing fields, GETs), roles (promoting, demoting, one's own role, a demoted
administrator's powers), and what a former member (left or removed), a deactivated account and
an administrator without a second factor lose at once. Complements test_organisation_pages.py,
test_membership_request_page.py and tests/security/ (tokens, contact details)."""

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from network.models import Network
from portal import services
from portal.models import AuditEvent, Membership, Organisation, OrganisationType, User
from practices.models import Practice
from tests.api.conftest import token_client
from tests.conftest import PASSWORD, _client_for, make_user, with_totp
from tests.network.factories import make_case_room
from tests.practices.factories import make_practice

pytestmark = pytest.mark.django_db
ME = "/api/v1/me/"


@pytest.fixture(autouse=True)
def no_mfa(settings):
    """The second factor has its own cases below (and tests/security/); elsewhere it is off."""
    settings.PORTAL_REQUIRE_MFA = False


def _page(response) -> str:
    return response.content.decode()


def _messages(response) -> str:
    return " ".join(str(m) for m in response.context["messages"]) if response.context else ""


def _live(user) -> Membership | None:
    return Membership.objects.filter(user=user, state__in=["requested", "approved"]).first()


def _audits(membership: Membership) -> int:
    return AuditEvent.objects.filter(target_type="membership", target_id=str(membership.pk)).count()


def _audit_count() -> int:
    return AuditEvent.objects.count()


@pytest.fixture
def second_admin(home_organisation) -> User:
    return with_totp(make_user("second.admin@ravnstad.example", home_organisation, role="admin", display_name="Sven"))


def _unverified_organisation(**extra) -> Organisation:
    return Organisation.objects.create(
        name="Ravnstad Youth Service", type=OrganisationType.objects.get(code="other"), verified=False, **extra
    )


# Asking to join ----------------------------------------------------------------------------


@pytest.mark.parametrize("target", ["verified", "own_by_email_domain", "new_by_name"])
def test_asking_twice_records_one_request_and_tells_the_deciders_once(
    target, send, newcomer, org_admin, moderator, home_organisation
):
    client = _client_for(newcomer)
    if target == "verified":
        data = {"organisation": home_organisation.pk}
    elif target == "own_by_email_domain":
        data = {"organisation": _unverified_organisation(email_domain="ravnstad.example").pk}
    else:
        data = {"new_organisation_name": "Ravnstad   Family Counselling"}
    first = send(client.post, reverse("organisation_join"), data)
    second = send(client.post, reverse("organisation_join"), data)
    assert first.status_code == 302
    assert second.status_code in (200, 302)
    assert Membership.objects.filter(user=newcomer).count() == 1
    assert len(mail.outbox) == 1
    assert newcomer.email not in mail.outbox[0].to


@pytest.fixture
def a_second_click_lands_first(newcomer, home_organisation):
    """Two clicks on "Ask to join" at the same moment: the other one's row is written between
    this request's check and its insert (a real row; the unique constraint decides)."""
    from django.db.models.signals import pre_save

    def other_click(sender, instance, **kwargs):
        if instance.pk is None and instance.user_id == newcomer.pk and not getattr(instance, "_other", False):
            other = Membership(user=newcomer, organisation=home_organisation)
            other._other = True
            other.save()

    pre_save.connect(other_click, sender=Membership, dispatch_uid="sweep-second-click")
    yield
    pre_save.disconnect(sender=Membership, dispatch_uid="sweep-second-click")


def test_two_clicks_at_the_same_moment_record_one_request_and_answer_clearly(
    a_second_click_lands_first, newcomer, home_organisation, send
):
    response = send(_client_for(newcomer).post, reverse("organisation_join"), {"organisation": home_organisation.pk})
    assert response.status_code == 400
    assert "already belong to an organisation or have asked to join one" in _page(response)
    # The other click's row was written inside this request's transaction here, so it went with
    # its rollback; in production it is the other request's, and stays.
    assert Membership.objects.filter(user=newcomer).count() <= 1
    assert mail.outbox == []


def test_an_unverified_organisation_matching_no_address_is_refused_and_nothing_recorded(newcomer, send):
    other = _unverified_organisation()
    response = send(_client_for(newcomer).post, reverse("organisation_join"), {"organisation": other.pk})
    assert response.status_code == 400
    assert not Membership.objects.filter(user=newcomer).exists()
    assert mail.outbox == []


@pytest.mark.parametrize("target", ["own", "other"])
@pytest.mark.parametrize("way", ["page", "service"])
def test_a_member_asking_to_join_again_records_nothing(way, target, contributor, other_organisation, send):
    organisation = contributor.organisation if target == "own" else other_organisation
    before = _audit_count()
    if way == "page":
        response = send(_client_for(contributor).post, reverse("organisation_join"), {"organisation": organisation.pk})
        assert response.status_code == 302
        follow = _client_for(contributor).get(response["Location"])
        assert follow.status_code == 200
    else:
        with pytest.raises(Exception, match="already belong"):
            send(services.membership_request, user=contributor, organisation=organisation)
    assert Membership.objects.filter(user=contributor).count() == 1
    assert _audit_count() == before
    assert mail.outbox == []


def test_an_applicant_asking_for_another_organisation_is_shown_the_pending_request(applicant, other_organisation, send):
    response = send(_client_for(applicant).post, reverse("organisation_join"), {"organisation": other_organisation.pk})
    assert response.status_code == 200
    assert "is waiting for a decision" in _page(response)
    assert Membership.objects.filter(user=applicant).count() == 1
    assert mail.outbox == []


def _end(how: str, membership: Membership, *, admin: User, moderator: User) -> None:
    if how == "declined":
        services.membership_decide(membership=membership, actor=admin, approve=False)
    elif how == "left":
        services.membership_decide(membership=membership, actor=admin, approve=True)
        services.membership_end(membership=membership, actor=membership.user)
    elif how == "withdrew":
        services.membership_end(membership=membership, actor=membership.user)
    elif how == "removed_by_admin":
        services.membership_decide(membership=membership, actor=admin, approve=True)
        services.membership_end(membership=membership, actor=admin)
    else:
        services.membership_decide(membership=membership, actor=admin, approve=True)
        services.membership_end(membership=membership, actor=moderator)


@pytest.mark.parametrize("how", ["declined", "withdrew", "left", "removed_by_admin", "removed_by_moderator"])
def test_after_the_end_one_may_ask_again_and_the_deciders_hear_once(
    how, request_to_join, org_admin, moderator, newcomer, send
):
    """docs/ACCESS.md: a former member is an applicant again at once (unless banned: below)."""
    _end(how, request_to_join, admin=org_admin, moderator=moderator)
    mail.outbox.clear()
    client = _client_for(newcomer)
    send(client.post, reverse("organisation_join"), {"organisation": org_admin.organisation.pk})
    send(client.post, reverse("organisation_join"), {"organisation": org_admin.organisation.pk})
    assert Membership.objects.filter(user=newcomer, state="requested").count() == 1
    assert [m.to for m in mail.outbox] == [[org_admin.email]]


def test_a_member_removed_with_a_ban_cannot_ask_to_join_again(org_admin, contributor, send):
    """More on bans: tests/portal/test_organisation_bans.py."""
    membership = Membership.objects.get(user=contributor)
    services.membership_end(membership=membership, actor=org_admin, ban=True)
    with pytest.raises(ValidationError, match="cannot ask"):
        services.membership_request(user=contributor, organisation=org_admin.organisation)
    assert _live(contributor) is None


# Deciding ----------------------------------------------------------------------------------


def _decide(client: Client, membership: Membership, decision: str = "approve", **extra):
    return client.post(
        reverse("organisation_membership_decide", args=[membership.pk]), {"decision": decision, **extra}, follow=True
    )


@pytest.mark.parametrize("decision", ["approve", "decline"])
def test_another_organisations_administrator_gets_404_and_decides_nothing(decision, outsider, request_to_join):
    Membership.objects.filter(user=outsider).update(role="admin")
    response = _decide(_client_for(outsider), request_to_join, decision)
    assert response.status_code == 404
    request_to_join.refresh_from_db()
    assert request_to_join.state == "requested"
    assert _audits(request_to_join) == 1  # the request itself


@pytest.mark.parametrize("first", ["approve", "decline"])
@pytest.mark.parametrize("second", ["approve", "decline"])
def test_a_request_decided_by_another_administrator_meanwhile_is_decided_once(
    first, second, request_to_join, org_admin, second_admin, send
):
    """Both administrators opened the request page; the second clicks after the first."""
    stale = Membership.objects.get(pk=request_to_join.pk)
    send(_decide, _client_for(org_admin), request_to_join, first)
    mail.outbox.clear()
    response = send(_decide, _client_for(second_admin), stale, second)
    stale.refresh_from_db()
    assert stale.state == ("approved" if first == "approve" else "declined")
    assert stale.decided_by == org_admin
    assert "already been decided" in _messages(response)
    assert _audits(stale) == 2
    assert mail.outbox == []


@pytest.mark.parametrize("first", [True, False])
@pytest.mark.parametrize("second", [True, False])
def test_a_decision_from_an_old_read_of_the_request_decides_nothing_twice(
    first, second, request_to_join, org_admin, second_admin, send
):
    """The service re-reads the request under a lock: a caller holding an old copy (two clicks at
    the same moment) gets the refusal, not a second decision, audit or e-mail."""
    stale = Membership.objects.get(pk=request_to_join.pk)
    send(services.membership_decide, membership=request_to_join, actor=org_admin, approve=first)
    mail.outbox.clear()
    with pytest.raises(Exception, match="already been decided"):
        send(services.membership_decide, membership=stale, actor=second_admin, approve=second)
    stale.refresh_from_db()
    assert (stale.state, stale.decided_by) == ("approved" if first else "declined", org_admin)
    assert _audits(stale) == 2
    assert mail.outbox == []


@pytest.mark.parametrize("decision", ["approve", "decline"])
def test_a_request_withdrawn_meanwhile_is_not_decided_and_the_page_says_so(
    decision, request_to_join, org_admin, newcomer, send
):
    stale = Membership.objects.get(pk=request_to_join.pk)
    services.membership_end(membership=request_to_join, actor=newcomer)
    response = send(_decide, _client_for(org_admin), stale, decision)
    assert response.status_code == 200
    assert "withdrawn" in _messages(response)
    stale.refresh_from_db()
    assert stale.state == "ended" and stale.decided_by is None
    assert _live(newcomer) is None
    assert mail.outbox == []


@pytest.mark.parametrize("approve", [True, False])
def test_a_withdrawn_request_held_from_an_old_read_is_never_approved(approve, request_to_join, org_admin, newcomer):
    stale = Membership.objects.get(pk=request_to_join.pk)
    services.membership_end(membership=request_to_join, actor=newcomer)
    with pytest.raises(Exception, match="withdrawn"):
        services.membership_decide(membership=stale, actor=org_admin, approve=approve)
    assert _live(newcomer) is None


@pytest.mark.parametrize("decision", ["approve", "decline"])
def test_a_moderator_does_not_decide_on_their_own_request(decision, moderator, other_organisation, send):
    """Four eyes, as for practices: another moderator or the organisation's administrator decides."""
    services.membership_end(membership=moderator.membership, actor=moderator)
    moderator.forget_membership()
    own = services.membership_request(user=moderator, organisation=other_organisation)
    response = send(_decide, _client_for(moderator), own, decision, organisation=other_organisation.pk)
    own.refresh_from_db()
    assert own.state == "requested"
    assert "your own" in _messages(response)


@pytest.mark.parametrize("page", ["request", "members"])
def test_a_moderators_own_request_offers_them_no_decision(page, moderator, other_organisation):
    services.membership_end(membership=moderator.membership, actor=moderator)
    own = services.membership_request(user=moderator, organisation=other_organisation)
    if page == "request":
        url = reverse("organisation_membership_request", args=[own.pk])
    else:
        url = reverse("organisation_members") + f"?organisation={other_organisation.pk}"
    html = _page(_client_for(moderator).get(url))
    assert reverse("organisation_membership_decide", args=[own.pk]) not in html
    assert "This is your own request" in html


@pytest.mark.parametrize(
    "data", [{}, {"decision": ""}, {"decision": "maybe"}, {"decision": ["approve", "decline"]}, {"decision": "\x00"}]
)
def test_a_decision_without_a_valid_choice_changes_nothing(data, request_to_join, org_admin, send):
    url = reverse("organisation_membership_decide", args=[request_to_join.pk])
    response = send(_client_for(org_admin).post, url, data, follow=True)
    assert response.status_code == 200
    assert "Choose to approve or to decline" in _messages(response)
    request_to_join.refresh_from_db()
    assert request_to_join.state == "requested"
    assert _audits(request_to_join) == 1
    assert mail.outbox == []


@pytest.mark.parametrize("route", ["organisation_membership_decide", "organisation_membership_role"])
@pytest.mark.parametrize("method", ["get", "head", "put", "delete"])
def test_only_a_post_decides_or_changes_a_role(route, method, request_to_join, org_admin, contributor):
    target = request_to_join if route.endswith("decide") else Membership.objects.get(user=contributor)
    url = reverse(route, args=[target.pk]) + "?decision=approve&role=admin"
    before = _audit_count()
    response = getattr(_client_for(org_admin), method)(url)
    assert response.status_code == 405
    assert _audit_count() == before
    assert not Membership.objects.filter(user=contributor, role="admin").exists()
    assert Membership.objects.get(pk=request_to_join.pk).state == "requested"


@pytest.mark.parametrize("how", ["left", "removed"])
def test_a_removal_from_an_old_read_of_a_member_who_left_meanwhile_ends_nothing_twice(
    how, org_admin, second_admin, contributor, moderator
):
    stale = Membership.objects.get(user=contributor)
    actor = contributor if how == "left" else second_admin
    services.membership_end(membership=Membership.objects.get(pk=stale.pk), actor=actor)
    ended_at = Membership.objects.get(pk=stale.pk).ended_at
    before = _audit_count()
    with pytest.raises(Exception, match="already ended"):
        services.membership_end(membership=stale, actor=org_admin)
    stale.refresh_from_db()
    assert (stale.state, stale.ended_at) == ("ended", ended_at)
    assert _audit_count() == before


@pytest.mark.parametrize("action", ["remove_get", "remove_post", "role"])
@pytest.mark.parametrize("how", ["left", "removed"])
def test_a_members_page_opened_before_the_member_went_says_so(how, action, org_admin, second_admin, contributor):
    """The administrator's page still lists the member who left (or whom another administrator
    removed) meanwhile: a click tells them, and changes nothing."""
    membership = Membership.objects.get(user=contributor)
    services.membership_end(membership=membership, actor=contributor if how == "left" else second_admin)
    before = _audit_count()
    client = _client_for(org_admin)
    if action == "role":
        response = _set_role(client, membership, "admin")
    else:
        url = reverse("organisation_membership_remove", args=[membership.pk])
        response = getattr(client, action.split("_")[1])(url, follow=True)
    assert response.status_code == 200
    assert "already ended" in _messages(response)
    assert _audit_count() == before
    membership.refresh_from_db()
    assert (membership.state, membership.role) == ("ended", "member")


def test_a_deactivated_accounts_token_opens_nothing(contributor):
    api = token_client(contributor)
    User.objects.filter(pk=contributor.pk).update(is_active=False)
    assert api.get(ME).status_code == 401


@pytest.mark.parametrize("route", ["organisation_leave", "organisation_membership_remove"])
def test_a_get_of_leave_or_remove_asks_for_confirmation_and_ends_nothing(route, contributor, org_admin):
    membership = Membership.objects.get(user=contributor)
    if route == "organisation_leave":
        response = _client_for(contributor).get(reverse(route))
    else:
        response = _client_for(org_admin).get(reverse(route, args=[membership.pk]))
    assert response.status_code == 200
    assert '<form method="post"' in _page(response)
    assert 'class="button-danger"' in _page(response)
    membership.refresh_from_db()
    assert membership.state == "approved"


# Roles -------------------------------------------------------------------------------------


def _set_role(client: Client, membership: Membership, role):
    data = {} if role is None else {"role": role}
    return client.post(reverse("organisation_membership_role", args=[membership.pk]), data, follow=True)


@pytest.mark.parametrize("role", [None, "", "owner", "ADMIN", "moderator"])
def test_an_unknown_or_missing_role_changes_nothing(role, org_admin, contributor):
    membership = Membership.objects.get(user=contributor)
    before = _audit_count()
    response = _set_role(_client_for(org_admin), membership, role)
    assert "Choose a role" in _messages(response)
    membership.refresh_from_db()
    assert membership.role == "member"
    assert _audit_count() == before


def test_promoting_gives_the_powers_on_the_next_request_and_demoting_takes_them(org_admin, contributor):
    membership = Membership.objects.get(user=contributor)
    members = reverse("organisation_members")
    contributor_client = _client_for(contributor)
    assert contributor_client.get(members).status_code == 404
    _set_role(_client_for(org_admin), membership, "admin")
    assert contributor_client.get(members).status_code == 200
    _set_role(_client_for(org_admin), membership, "member")
    assert contributor_client.get(members).status_code == 404
    assert _audits(membership) == 2


@pytest.mark.parametrize("role", ["member", "admin"])
def test_setting_the_role_someone_already_has_writes_nothing(role, org_admin, contributor):
    membership = Membership.objects.get(user=contributor)
    Membership.objects.filter(pk=membership.pk).update(role=role)
    before = _audit_count()
    _set_role(_client_for(org_admin), membership, role)
    assert _audit_count() == before


@pytest.mark.parametrize("others", [0, 1])
def test_an_administrator_does_not_change_their_own_role(others, org_admin, second_admin):
    """The page offers no control for one's own row; a forged POST is refused alike (the last
    administrator would otherwise leave the organisation to the moderators unwarned)."""
    if not others:
        Membership.objects.filter(user=second_admin).update(role="member")
    own = Membership.objects.get(user=org_admin)
    response = _set_role(_client_for(org_admin), own, "member")
    own.refresh_from_db()
    assert own.role == "admin"
    assert "your own role" in _messages(response)


def test_a_request_is_decided_before_it_gets_a_role(org_admin, request_to_join):
    response = _set_role(_client_for(org_admin), request_to_join, "admin")
    request_to_join.refresh_from_db()
    assert (request_to_join.role, request_to_join.state) == ("member", "requested")
    assert "decide" in _messages(response).lower()


@pytest.mark.parametrize("how", ["left", "removed"])
def test_a_role_change_from_an_old_read_does_not_touch_an_ended_membership(how, org_admin, contributor):
    stale = Membership.objects.get(user=contributor)
    actor = contributor if how == "left" else org_admin
    services.membership_end(membership=Membership.objects.get(pk=stale.pk), actor=actor)
    before = _audit_count()
    with pytest.raises(Exception, match="ended"):
        services.membership_set_role(membership=stale, actor=org_admin, role="admin")
    stale.refresh_from_db()
    assert (stale.role, stale.state) == ("member", "ended")
    assert _audit_count() == before


def test_the_sole_administrator_is_warned_and_after_leaving_the_moderators_decide(org_admin, moderator, newcomer, send):
    page = _page(_client_for(org_admin).get(reverse("organisation_leave")))
    assert "only administrator" in page
    send(_client_for(org_admin).post, reverse("organisation_leave"))
    assert _live(org_admin) is None
    mail.outbox.clear()
    send(services.membership_request, user=newcomer, organisation=Organisation.objects.get(name__contains="Ravnstad"))
    assert [m.to for m in mail.outbox] == [[moderator.email]]


# Who has no power over the members ---------------------------------------------------------

ROUTES = ["members", "request", "decide", "role", "remove_get", "remove_post"]


def _try(client: Client, route: str, *, request: Membership, member: Membership):
    if route == "members":
        return client.get(reverse("organisation_members"), {"organisation": request.organisation_id})
    if route == "request":
        return client.get(reverse("organisation_membership_request", args=[request.pk]))
    if route == "decide":
        return client.post(reverse("organisation_membership_decide", args=[request.pk]), {"decision": "approve"})
    if route == "role":
        return client.post(reverse("organisation_membership_role", args=[member.pk]), {"role": "admin"})
    if route == "remove_get":
        return client.get(reverse("organisation_membership_remove", args=[member.pk]))
    return client.post(reverse("organisation_membership_remove", args=[member.pk]))


def _lose_powers(state: str, admin: User, other_admin: User, outsider: User) -> User:
    if state == "demoted":
        services.membership_set_role(membership=Membership.objects.get(user=admin), actor=other_admin, role="member")
    elif state == "left":
        services.membership_end(membership=Membership.objects.get(user=admin), actor=admin)
    elif state == "removed":
        services.membership_end(membership=Membership.objects.get(user=admin), actor=other_admin)
    elif state == "other_organisation":
        Membership.objects.filter(user=outsider).update(role="admin")
        return outsider
    return admin


@pytest.mark.parametrize("route", ROUTES)
@pytest.mark.parametrize("state", ["demoted", "left", "removed", "other_organisation"])
def test_an_administrator_who_lost_the_role_has_no_power_on_the_next_request(
    state, route, org_admin, second_admin, outsider, request_to_join, contributor
):
    client = _client_for(org_admin)  # signed in while still an administrator
    person = _lose_powers(state, org_admin, second_admin, outsider)
    if person != org_admin:
        client = _client_for(person)
    member = Membership.objects.get(user=contributor)
    before = _audit_count()
    response = _try(client, route, request=request_to_join, member=member)
    assert response.status_code == 404
    assert _audit_count() == before
    assert Membership.objects.get(pk=request_to_join.pk).state == "requested"
    assert Membership.objects.get(pk=member.pk).role == "member"
    assert Membership.objects.get(pk=member.pk).state == "approved"


@pytest.mark.parametrize("route", ROUTES)
def test_a_deactivated_administrator_has_no_power(route, org_admin, request_to_join, contributor):
    client = _client_for(org_admin)
    User.objects.filter(pk=org_admin.pk).update(is_active=False)
    member = Membership.objects.get(user=contributor)
    response = _try(client, route, request=request_to_join, member=member)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert Membership.objects.get(pk=request_to_join.pk).state == "requested"
    assert Membership.objects.get(pk=member.pk).state == "approved"


@pytest.mark.parametrize("route", ROUTES)
def test_an_administrator_without_a_second_factor_is_sent_to_set_one_up(
    route, settings, home_organisation, request_to_join, contributor
):
    settings.PORTAL_REQUIRE_MFA = True
    bare = make_user("bare.admin@ravnstad.example", home_organisation, role="admin")
    member = Membership.objects.get(user=contributor)
    response = _try(_client_for(bare), route, request=request_to_join, member=member)
    assert response.status_code == 302 and "/2fa/" in response["Location"]
    assert Membership.objects.get(pk=request_to_join.pk).state == "requested"
    assert Membership.objects.get(pk=member.pk).state == "approved"


def test_a_deactivated_sole_administrator_leaves_requests_to_the_moderators(org_admin, moderator, newcomer, send):
    User.objects.filter(pk=org_admin.pk).update(is_active=False)
    send(services.membership_request, user=newcomer, organisation=Organisation.objects.get(name__contains="Ravnstad"))
    assert [m.to for m in mail.outbox] == [[moderator.email]]


def test_an_administrator_whose_address_is_not_confirmed_cannot_sign_in_to_use_the_role(home_organisation):
    admin = User.objects.create_user(email="unconfirmed.admin@ravnstad.example", password=PASSWORD)
    admin.emailaddress_set.create(email=admin.email, verified=False, primary=True)
    Membership.objects.create(user=admin, organisation=home_organisation, role="admin", state="approved")
    client = Client()
    client.post(reverse("account_login"), {"login": admin.email, "password": PASSWORD})
    response = client.get(reverse("organisation_members"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_a_request_from_an_unverified_address_is_kept_and_told_to_nobody_yet(org_admin, home_organisation, send):
    person = User.objects.create_user(email="unconfirmed@ravnstad.example", password="x-long-password-1")
    person.emailaddress_set.create(email=person.email, verified=False, primary=True)
    send(services.membership_request, user=person, organisation=home_organisation)
    assert Membership.objects.get(user=person).state == "requested"
    assert mail.outbox == []


# What a former member loses at once --------------------------------------------------------


@pytest.fixture
def world(org_admin, contributor, colleague, moderator):
    """The administrator's own draft and published practice, a colleague's draft and
    organisation-only practice, a members-only practice with a contact, a case room."""
    return {
        "own_draft": make_practice(author=org_admin, title="Admin draft on families"),
        "own_published": make_practice(author=org_admin, title="Admin published on schools", publish=True),
        "colleague_draft": make_practice(author=colleague, title="Colleague draft on mentoring"),
        "organisation_only": make_practice(
            author=colleague, title="Organisation only on prisons", publish=True, visibility="organisation"
        ),
        "members_only": make_practice(
            author=contributor, title="Members only on sport", publish=True, visibility="members"
        ),
        "room": make_case_room(moderator=moderator, members=(org_admin,), name="Room Tindved"),
    }


def _leave(how: str, admin: User, second_admin: User, moderator: User) -> None:
    membership = Membership.objects.get(user=admin, state="approved")
    actor = {"left": admin, "removed_by_admin": second_admin, "removed_by_moderator": moderator}[how]
    services.membership_end(membership=membership, actor=actor)


def _reaches(client: Client, api, thing: str, world) -> bool:
    if thing == "token":
        return api.get(ME).status_code == 200
    if thing == "members_page":
        return client.get(reverse("organisation_members")).status_code == 200
    if thing == "case_room":
        room: Network = world["room"]
        return client.get(room.get_absolute_url()).status_code == 200
    if thing == "contact":
        practice = world["members_only"]
        page = _page(client.get(practice.get_absolute_url()))
        return "desk@ravnstad.example" in page
    practice: Practice = world[thing]
    found = client.get(practice.get_absolute_url()).status_code == 200
    return found or api.get(f"/api/v1/practices/{practice.pk}/").status_code == 200


THINGS = ["own_draft", "colleague_draft", "organisation_only", "members_only", "contact", "members_page", "case_room"]


@pytest.mark.parametrize("thing", [*THINGS, "token"])
@pytest.mark.parametrize("how", ["left", "removed_by_admin", "removed_by_moderator"])
def test_a_former_administrator_loses_at_once(how, thing, org_admin, second_admin, moderator, world):
    client = _client_for(org_admin)
    api = token_client(org_admin)
    assert _reaches(client, api, thing, world), "reached before"
    _leave(how, org_admin, second_admin, moderator)
    if thing == "token":
        assert not _reaches(client, api, thing, world)
    else:
        assert not _reaches(client, token_client(org_admin), thing, world)


@pytest.mark.parametrize("how", ["left", "removed_by_admin", "removed_by_moderator"])
def test_a_former_members_published_practice_stays_published_under_the_organisation(
    how, org_admin, second_admin, moderator, world, home_organisation
):
    _leave(how, org_admin, second_admin, moderator)
    practice = Practice.objects.get(pk=world["own_published"].pk)
    assert (practice.author_id, practice.organisation_id, practice.status) == (
        org_admin.pk,
        home_organisation.pk,
        "published",
    )
    page = _page(Client().get(practice.get_absolute_url()))
    assert "Admin published on schools" in page and home_organisation.name in page


@pytest.mark.parametrize("how", ["left", "removed_by_admin", "removed_by_moderator"])
def test_a_former_member_is_no_longer_on_the_member_list(how, org_admin, second_admin, moderator):
    _leave(how, org_admin, second_admin, moderator)
    page = _page(_client_for(second_admin).get(reverse("organisation_members")))
    assert "Anne Admin" not in page


@pytest.mark.parametrize("state", ["verified", "unverified"])
def test_verifying_an_organisation_twice_is_recorded_once(state, moderator, home_organisation):
    verified = state == "verified"
    before = _audit_count()
    services.organisation_verify(organisation=home_organisation, actor=moderator, verified=verified)
    services.organisation_verify(organisation=home_organisation, actor=moderator, verified=verified)
    assert _audit_count() - before == (0 if verified else 1)


def test_unverifying_an_organisation_closes_members_only_practices_to_its_members_at_once(
    moderator, contributor, outsider
):
    practice = make_practice(author=outsider, title="Members only on youth work", publish=True, visibility="members")
    client = _client_for(contributor)
    assert client.get(practice.get_absolute_url()).status_code == 200
    services.organisation_verify(organisation=contributor.organisation, actor=moderator, verified=False)
    assert client.get(practice.get_absolute_url()).status_code == 404


@pytest.mark.parametrize("decider", ["org_admin", "moderator"])
def test_a_request_to_join_is_decided_not_removed_by_those_who_decide(request, decider, request_to_join, send):
    """Ending someone else's request would decline it unannounced: the requester would never
    hear. The service refuses, the remove page sends the decider back to decide."""
    actor = request.getfixturevalue(decider)
    mail.outbox.clear()
    with pytest.raises(ValidationError, match="approve or decline"):
        send(services.membership_end, membership=request_to_join, actor=actor)

    client = _client_for(actor)
    url = reverse("organisation_membership_remove", args=[request_to_join.pk])
    page = client.get(url, follow=True)
    assert "approve or decline it" in page.content.decode()
    assert "portal/membership_confirm_remove.html" not in [t.name for t in page.templates]
    client.post(url)
    assert Membership.objects.get(pk=request_to_join.pk).state == Membership.State.REQUESTED
    assert _audits(request_to_join) == 1  # the request only
    assert mail.outbox == []
