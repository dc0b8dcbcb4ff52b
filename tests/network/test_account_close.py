"""Closing one's own account (/account/close/, ``portal.services.user_close``), seen from the
outside: the person cannot sign in or use a session or token again, nobody learns their name
any more (kept thread pages included), and their address is free for a new account."""

import re
from datetime import timedelta

import pytest
from allauth.account.models import EmailAddress
from django.contrib.sessions.models import Session
from django.core import mail
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from api.models import ApiToken
from api.services import api_token_create
from network import services as network_services
from network.models import Invitation, JoinRequest, Network, NetworkMembership, Post, Report
from network.selectors import networks_moderated_alone
from portal.models import AuditEvent, Membership, User
from portal.services import user_close
from tests.conftest import PASSWORD, make_user, sign_up
from tests.network.conftest import add_member

pytestmark = pytest.mark.django_db

OLD_NAME = "Kari Contributor"
OLD_EMAIL = "contributor@ravnstad.example"
SECRET = "Secret case notes about K."


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _close(client, password: str = PASSWORD):
    return client.post(reverse("account_close"), {"password": password})


def _token(user) -> str:
    _row, secret = api_token_create(
        user=user, name="script", scope=ApiToken.Scope.READ, expires_on=timezone.localdate() + timedelta(days=7)
    )
    return secret


def _page(client, url) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def world(network, thread, first_post, contributor, colleague, moderator):
    """The colleague in the contributor's network, replying with a quote of the contributor's post."""
    add_member(network, colleague, moderator=moderator)
    return network_services.post_create(thread=thread, actor=colleague, body="Thanks, noted.", quote_of=first_post)


def test_the_profile_page_links_to_the_closing_page_which_says_what_happens(contributor_client, client):
    assert reverse("account_close") in _page(contributor_client, reverse("profile"))
    page = _page(contributor_client, reverse("account_close"))
    for words in ("cannot be undone", "Former member", "API tokens", "leave every network", "new account", "with @"):
        assert words in page
    assert 'class="button-danger"' in page and "data-busy=" in page and 'autocomplete="current-password"' in page
    assert client.get(reverse("account_close"))["Location"].startswith(reverse("account_login"))


def test_after_closing_the_person_is_signed_out_and_cannot_come_back_in_any_way(contributor, contributor_client):
    other_browser = _client(contributor)
    token = _token(contributor)
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    assert api.get(reverse("api:me")).status_code == 200

    response = _close(contributor_client)
    assert response.status_code == 302 and response["Location"] == reverse("home")
    home = contributor_client.get(reverse("home"))
    assert "Your account is closed." in home.content.decode()
    assert "_auth_user_id" not in contributor_client.session

    assert other_browser.get(reverse("profile"))["Location"].startswith(reverse("account_login"))
    assert api.get(reverse("api:me")).status_code == 401
    login = Client().post(reverse("account_login"), {"login": OLD_EMAIL, "password": PASSWORD})
    assert login.status_code == 200 and "_auth_user_id" not in login.wsgi_request.session
    placeholder = Client().post(reverse("account_login"), {"login": f"closed-{contributor.pk}@closed.invalid"})
    assert "_auth_user_id" not in placeholder.wsgi_request.session


def test_other_members_see_a_former_member_never_the_name_even_on_a_kept_page(
    world, thread, network, contributor, contributor_client, colleague, moderator, org_admin
):
    colleague_client = _client(colleague)
    before = _page(colleague_client, thread.get_absolute_url())  # kept for the colleague
    assert OLD_NAME in before and "Former member" not in before
    admin_client = _client(org_admin)
    add_member(network, org_admin, moderator=moderator)
    assert OLD_NAME in _page(admin_client, thread.get_absolute_url())  # kept for an administrator too

    assert _close(contributor_client).status_code == 302

    for reader in (colleague_client, admin_client, _client(moderator)):
        page = _page(reader, thread.get_absolute_url())
        assert OLD_NAME not in page and OLD_EMAIL not in page
        assert "Former member" in page and SECRET in page  # what they wrote stays
        assert "Former member wrote:" in page  # the quote in the colleague's reply
    posts = APIClient()
    posts.force_login(colleague)
    answer = posts.get(reverse("api:thread-posts", kwargs={"pk": thread.pk})).json()
    assert [p["author"] for p in answer["results"]] == ["Former member", "Ola Colleague"]
    threads = posts.get(reverse("api:network-threads", kwargs={"pk": network.pk})).json()
    assert threads["results"][0]["author"] == "Former member"
    assert OLD_NAME not in str(answer) + str(threads)


def test_member_lists_and_moderation_pages_never_show_the_old_name(
    world, thread, first_post, network, contributor, contributor_client, colleague, moderator, org_admin
):
    network_services.post_report(post=first_post, actor=colleague, reason=Report.Reason.values[0])
    assert _close(contributor_client).status_code == 302
    members = _page(_client(colleague), reverse("network:members", kwargs={"pk": network.pk}))
    assert OLD_NAME not in members and "Ola Colleague" in members
    reports = _page(_client(moderator), reverse("network:reports", kwargs={"pk": network.pk}))
    assert OLD_NAME not in reports and "Former member" in reports
    organisation = _page(_client(org_admin), reverse("organisation_members"))
    assert OLD_NAME not in organisation and OLD_EMAIL not in organisation
    member_page = reverse("network:member", kwargs={"pk": network.pk, "name": OLD_NAME})
    assert _client(colleague).get(member_page).status_code == 404


def test_an_anonymous_visitor_and_another_organisations_practitioner_learn_nothing(
    world, thread, network, contributor_client, outsider, client
):
    assert _close(contributor_client).status_code == 302
    member_page = reverse("network:member", kwargs={"pk": network.pk, "name": "Former member"})
    for reader in (client, _client(outsider)):
        for url in (thread.get_absolute_url(), member_page, reverse("network:members", kwargs={"pk": network.pk})):
            response = reader.get(url)
            assert response.status_code in (302, 404)
            page = response.content.decode()
            assert OLD_NAME not in page and SECRET not in page and "Former member" not in page


def test_a_wrong_password_changes_nothing(world, contributor, contributor_client, network):
    token = _token(contributor)
    response = _close(contributor_client, password="not my password")
    assert response.status_code == 400
    assert "This is not your password." in response.content.decode()
    contributor.refresh_from_db()
    assert (contributor.is_active, contributor.closed_at, contributor.display_name) == (True, None, OLD_NAME)
    assert contributor.email == OLD_EMAIL and contributor.check_password(PASSWORD)
    assert Membership.objects.get(user=contributor).state == Membership.State.APPROVED
    assert NetworkMembership.objects.get(user=contributor, network=network).state == NetworkMembership.State.ACTIVE
    assert ApiToken.objects.filter(user=contributor).count() == 1 and token
    assert not AuditEvent.objects.filter(action="account.close").exists()
    assert contributor_client.get(reverse("profile")).status_code == 200


def test_the_only_moderator_of_a_network_is_refused_and_told_what_to_do(
    network, contributor, contributor_client, moderator
):
    network.memberships.filter(user=contributor).update(role=NetworkMembership.Role.MODERATOR)
    network_services.network_member_leave(membership=network.memberships.get(user=moderator), actor=moderator)
    assert networks_moderated_alone(user=contributor) == [network]
    response = _close(contributor_client)
    assert response.status_code == 400
    page = response.content.decode()
    assert "You are the only moderator of the network “Exit work Ravnstad”" in page
    assert "Make another member its moderator first" in page
    contributor.refresh_from_db()
    assert contributor.closed_at is None and contributor.is_active and contributor.display_name == OLD_NAME
    assert NetworkMembership.objects.get(user=contributor, network=network).state == NetworkMembership.State.ACTIVE


def test_a_moderator_with_a_fellow_moderator_may_close(network, contributor, contributor_client, moderator):
    network.memberships.filter(user=contributor).update(role=NetworkMembership.Role.MODERATOR)
    assert networks_moderated_alone(user=contributor) == []
    assert _close(contributor_client).status_code == 302
    assert NetworkMembership.objects.get(user=contributor, network=network).state == NetworkMembership.State.LEFT


def test_the_old_address_can_sign_up_again(contributor, contributor_client):
    assert _close(contributor_client).status_code == 302
    response = sign_up(Client(), OLD_EMAIL)
    assert response.status_code == 302
    newcomer = User.objects.get(email=OLD_EMAIL)
    assert newcomer.pk != contributor.pk and newcomer.closed_at is None
    assert EmailAddress.objects.get(email__iexact=OLD_EMAIL).user_id == newcomer.pk


def test_the_service_ends_everything_and_erases_the_identity(
    contributor, colleague, moderator, network, home_organisation
):
    contributor.pseudonym, contributor.first_name, contributor.last_name = "Ravn", "Kari", "Nordmann"
    contributor.save()
    contributor.emailaddress_set.create(email="kari.private@example.org", verified=True, primary=False)
    listed = network_services.network_create(
        actor=moderator, name="Open network", purpose="p", policy=Network.Policy.REQUEST, listed=True
    )
    join_request = network_services.network_join_request(network=listed, user=contributor)
    other = network_services.network_create(actor=moderator, name="Other", purpose="p", policy="invitation")
    invitation, _secret = network_services.network_invitation_create(
        network=other, actor=moderator, email="kari.private@example.org"
    )
    _token(contributor)
    Client().force_login(contributor)  # a session in another browser
    mail.outbox.clear()

    user_close(user=contributor, password=PASSWORD)

    contributor.refresh_from_db()
    assert contributor.closed_at is not None and not contributor.is_active
    assert (contributor.display_name, contributor.pseudonym, contributor.first_name, contributor.last_name) == (
        ("",) * 4
    )
    assert contributor.email == f"closed-{contributor.pk}@closed.invalid" and not contributor.has_usable_password()
    assert list(EmailAddress.objects.filter(user=contributor).values_list("email", "verified")) == [
        (contributor.email, False)
    ]
    assert Membership.objects.get(user=contributor).state == Membership.State.ENDED
    assert NetworkMembership.objects.get(user=contributor, network=network).state == NetworkMembership.State.LEFT
    join_request.refresh_from_db()
    assert join_request.state == JoinRequest.State.WITHDRAWN
    assert not Invitation.objects.get(pk=invitation.pk).is_usable()
    assert not ApiToken.objects.filter(user=contributor).exists()
    assert not [s for s in Session.objects.all() if s.get_decoded().get("_auth_user_id") == str(contributor.pk)]
    event = AuditEvent.objects.get(action="account.close")
    assert (event.actor_id, event.target_type, event.target_id, event.comment) == (
        contributor.pk,
        "user",
        contributor.pk,
        "",
    )
    assert mail.outbox == []
    assert str(contributor) == "Former member"
    with pytest.raises(ValidationError):
        user_close(user=contributor, password=PASSWORD)


@pytest.fixture
def mention(world, thread, colleague) -> Post:
    return network_services.post_create(thread=thread, actor=colleague, body="Ask @Kari Contributor about it.")


def test_a_mention_of_the_closed_account_is_plain_text(mention, contributor_client):
    assert 'class="mention"' in mention.body_html
    assert _close(contributor_client).status_code == 302
    assert 'class="mention"' not in Post.objects.get(pk=mention.pk).body_html


def test_a_mention_typed_by_another_member_no_longer_names_the_person(mention, thread, colleague, contributor_client):
    """As forums' anonymisers do: the @name in other members' posts, their earlier versions and
    the search index become "Former member" (never an @ that could link whoever takes the name)."""
    network_services.post_edit(post=mention, actor=colleague, body="Ask @kari contributor about it, or @Ola Colleague.")
    network_services.post_edit(post=mention, actor=colleague, body="Ask @Kari Contributor, not @Karin Olsen.")
    colleague_client = _client(colleague)
    assert "<mark>Contributor</mark>" in _page(colleague_client, reverse("network:search_all") + "?q=Contributor")

    assert _close(contributor_client).status_code == 302

    post = Post.objects.get(pk=mention.pk)
    assert post.body == "Ask Former member, not @Karin Olsen."
    assert re.search(r"Kari Contributor\b", post.body_html + post.body_text) is None
    assert [r.body for r in post.revisions.all()] == [
        "Ask Former member about it, or @Ola Colleague.",  # another name typed beside it stays
        "Ask Former member about it.",
    ]
    for url in (thread.get_absolute_url(), reverse("network:post_history", args=[post.pk])):
        page = _page(colleague_client, url)
        assert re.search(r"Kari Contributor\b", page) is None and "Former member" in page
    search = _page(colleague_client, reverse("network:search_all") + "?q=Contributor")
    assert "<mark>Contributor</mark>" not in search and "Former member" in _page(
        colleague_client, reverse("network:search_all") + "?q=Karin"
    )
    assert post.mentions.filter(user__closed_at__isnull=False).count() == 0


def test_a_mention_in_another_script_is_rewritten_too(world, thread, colleague, contributor):
    """The name is matched as the mention rule writes it, whatever the letters (no ASCII-only shortcut)."""
    contributor.display_name = "Åsa Ørsted"
    contributor.save(update_fields=["display_name"])
    post = network_services.post_create(thread=thread, actor=colleague, body="Thanks @åsa ørsted! And @Åsa Ørstedsen.")
    user_close(user=contributor, password=PASSWORD)
    assert Post.objects.get(pk=post.pk).body == "Thanks Former member! And @Åsa Ørstedsen."  # a longer name: another


def test_a_pending_request_to_join_an_organisation_is_withdrawn_and_its_message_erased(applicant, org_admin):
    Membership.objects.filter(user=applicant).update(message="I am Nils, youth worker in Ravnstad.")
    request_page = reverse("organisation_membership_request", args=[Membership.objects.get(user=applicant).pk])
    assert "youth worker" in _page(_client(org_admin), request_page)
    user_close(user=applicant, password=PASSWORD)
    assert Membership.objects.get(user=applicant).state == Membership.State.ENDED
    page = _client(org_admin).get(request_page).content.decode()
    assert "youth worker" not in page and "Nils" not in page
    assert make_user("applicant@ravnstad.example").pk != applicant.pk  # the address is free


def test_passwords_are_tried_a_few_times_an_hour_only(contributor, contributor_client, monkeypatch):
    monkeypatch.setattr("portal.profile_views.CLOSE_ATTEMPTS_RATE", "2/h")
    assert _close(contributor_client, password="guess 1").status_code == 400
    assert _close(contributor_client, password="guess 2").status_code == 400
    refused = _close(contributor_client)  # the right one, past the rate
    assert refused.status_code == 400 and "Too many attempts" in refused.content.decode()
    contributor.refresh_from_db()
    assert contributor.closed_at is None


def test_emails_waiting_in_the_outbox_for_the_person_are_never_sent(contributor, colleague, settings):
    from django.core.mail import send_mail
    from django.core.management import call_command
    from mailer.models import Message

    settings.EMAIL_BACKEND = "mailer.backend.DbBackend"  # production's outbox
    settings.MAILER_EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    send_mail("Digest", "You were mentioned.", None, [OLD_EMAIL.upper()])
    send_mail("Digest", "You were mentioned.", None, [colleague.email])
    assert Message.objects.count() == 2

    user_close(user=contributor, password=PASSWORD)

    call_command("send_mail")
    assert [m.to for m in mail.outbox] == [[colleague.email]]
