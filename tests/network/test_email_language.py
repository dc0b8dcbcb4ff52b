"""Network emails (mentions, replies, digests, reports, invitations) reach each recipient in
their preferred language, whatever language the person who caused them was using."""

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import translation

from network import services
from network.models import NetworkMembership
from portal.models import User
from tests.conftest import make_user
from tests.network.conftest import add_member

pytestmark = pytest.mark.django_db


@pytest.fixture
def french_member(network, moderator, home_organisation) -> User:
    user = make_user("elise@ravnstad.example", home_organisation, display_name="Élise Dupont", language="fr")
    add_member(network, user, moderator=moderator)
    return user


def _to(address: str):
    """Emails to ``address``, with French typography's no-break spaces read as spaces."""
    messages = [m for m in mail.outbox if m.to == [address]]
    for message in messages:
        message.subject, message.body = message.subject.replace("\xa0", " "), message.body.replace("\xa0", " ")
    return messages


def test_a_mention_reaches_a_french_member_in_french_and_an_english_one_in_english(
    network,
    thread,
    contributor,
    colleague,
    moderator,
    french_member,
    django_capture_on_commit_callbacks,
):
    add_member(network, colleague, moderator=moderator)
    with translation.override("fr"), django_capture_on_commit_callbacks(execute=True):  # the writer reads French
        services.post_create(thread=thread, actor=contributor, body="@Élise Dupont and @Ola Colleague: news.")
    [french] = _to(french_member.email)
    [english] = _to(colleague.email)
    assert french.subject == "[PVE portal] Quelqu'un vous mentionne dans une discussion de réseau"
    assert "Kari Contributor vous mentionne dans « Returning fighter in Ravnstad » (Exit work Ravnstad)." in french.body
    assert "Lisez-le sur le portail :" in french.body
    assert english.subject == "[PVE portal] You were mentioned in a network discussion"
    assert "Kari Contributor mentioned you in “Returning fighter in Ravnstad”" in english.body


def test_the_daily_digest_is_written_in_the_recipients_language(
    network, thread, contributor, french_member, django_capture_on_commit_callbacks
):
    NetworkMembership.objects.filter(user=french_member).update(email=NetworkMembership.Email.DIGEST)
    services.thread_subscription_set(thread=thread, user=french_member, subscribed=True)
    with django_capture_on_commit_callbacks(execute=True):
        services.post_create(thread=thread, actor=contributor, body="A reply.")
    assert _to(french_member.email) == []
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_digests")
    [digest] = _to(french_member.email)
    assert digest.subject == "[PVE portal] Votre résumé quotidien de l'activité des réseaux"
    assert digest.body.startswith("Du nouveau pour vous dans vos réseaux :")


def test_a_report_reaches_a_french_network_moderator_in_french(
    network, first_post, moderator, contributor, home_organisation, django_capture_on_commit_callbacks
):
    User.objects.filter(pk=moderator.pk).update(language="fr")
    reporter = make_user("reporter@ravnstad.example", home_organisation, display_name="Rita Reporter")
    add_member(network, reporter, moderator=moderator)
    with django_capture_on_commit_callbacks(execute=True):
        services.post_report(post=first_post, actor=reporter, reason="harmful")
    [message] = _to(moderator.email)
    assert message.subject == "[PVE portal] Un message a été signalé"
    assert "Un message a été signalé dans le réseau « Exit work Ravnstad »." in message.body


def test_an_invitation_uses_the_language_of_the_account_with_that_address(
    network, moderator, colleague, django_capture_on_commit_callbacks
):
    User.objects.filter(pk=colleague.pk).update(language="fr")
    with translation.override("fr"), django_capture_on_commit_callbacks(execute=True):
        services.network_invitation_create(network=network, actor=moderator, email="COLLEAGUE@ravnstad.example")
        services.network_invitation_create(network=network, actor=moderator, email="nobody.yet@elsewhere.example")
    [french] = _to("colleague@ravnstad.example")
    [default] = _to("nobody.yet@elsewhere.example")  # no account: the portal's language
    assert french.subject == "[PVE portal] Invitation à rejoindre un réseau"
    assert "Connectez-vous avec cette adresse e-mail pour accepter l'invitation :" in french.body
    assert default.subject == "[PVE portal] You are invited to a network"
    assert "Log in with this email address to accept the invitation:" in default.body
