"""The account life cycle attacked from outside and used from inside: sign-up, sign-in, password
reset and e-mail changes answer alike whatever an address is (no account, verified, unverified,
deactivated, typed in other capitals); confirmation and reset links open only what they were
made for, once; a password change or a deactivation ends the sessions; the second factor is
removed only after signing in again and a recovery code works once; the sign-in rate limit
tells the visitor plainly and tells nothing about the account.

Not repeated here: moderator and administrator powers without a second factor
(tests/security/test_every_moderator_and_administrator_power_needs_a_second_factor.py), sign-up
for an existing address (tests/security/test_sign_up_reveals_no_organisation_or_account.py), the
reset and "account exists" e-mails' language and links (tests/portal/test_email_sweep.py)."""

import os
import re
import subprocess
import sys

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from django.conf import settings
from django.core import mail
from django.core.cache import caches
from django.test import Client
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from portal.models import Membership, User
from tests.conftest import PASSWORD, make_user, sign_up, with_totp

pytestmark = pytest.mark.django_db

PORTAL_URL = "https://portal.example.org"
NEW_PASSWORD = "another-long-password-7"
LINK = re.compile(r"https?://[^\s<>\"]+")
# What differs between any two requests, or was typed: the form's token, the password kept in its field.
VARYING = re.compile(r'name="(csrfmiddlewaretoken|password)" value="[^"]*"')


@pytest.fixture(autouse=True)
def portal_settings(settings):
    settings.PORTAL_URL = PORTAL_URL
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


# -- the kinds of address an outsider may type ------------------------------------------------


def _verified(organisation) -> str:
    return make_user("kari@ravnstad.example", organisation, display_name="Kari Verified").email


def _unverified(organisation) -> str:
    user = make_user("una@ravnstad.example", organisation, display_name="Una Unverified")
    EmailAddress.objects.filter(user=user).update(verified=False)
    return user.email


def _deactivated(organisation) -> str:
    user = make_user("dora@ravnstad.example", organisation, display_name="Dora Deactivated")
    User.objects.filter(pk=user.pk).update(is_active=False)
    return user.email


ADDRESSES = {
    "verified": _verified,
    "unverified": _unverified,
    "deactivated": _deactivated,
    "other-capitals": lambda organisation: _verified(organisation).upper(),
}


def _to(address: str) -> list:
    return [m for m in mail.outbox if [a.lower() for a in m.to] == [address.lower()]]


def _page(response, typed: str) -> str:
    """The page as the visitor reads it, without what differs between any two requests."""
    return VARYING.sub("", response.content.decode()).replace(typed, "ADDRESS")


def _answer(response, typed: str) -> tuple:
    return response.status_code, response.get("Location"), _page(response, typed)


def _sign_up_to_join(client: Client, email: str, organisation, **headers):
    data = {
        "email": email,
        "display_name": "Lea Late",
        "organisation": str(organisation.pk),
        "new_organisation": "",
        "password1": PASSWORD,
        "password2": PASSWORD,
    }
    return client.post(reverse("account_signup"), data, **headers)


def _sign_in(client: Client, email: str, password: str = PASSWORD, **headers):
    return client.post(reverse("account_login"), {"login": email, "password": password}, **headers)


def _signed_in_as(client: Client) -> int | None:
    user_id = client.session.get("_auth_user_id")
    response = client.get(reverse("profile"))
    return int(user_id) if user_id and response.status_code == 200 else None


# -- enumeration: every answer alike ----------------------------------------------------------


@pytest.mark.parametrize("kind", ADDRESSES)
def test_sign_up_answers_alike_whatever_the_address_is(kind, home_organisation):
    typed = ADDRESSES[kind](home_organisation)
    fresh = sign_up(Client(), "nobody@lindenau.example")
    mail.outbox.clear()
    taken = sign_up(Client(), typed)
    assert (taken.status_code, taken["Location"]) == (fresh.status_code, fresh["Location"])
    assert len(_to(typed)) == 1  # a verification link or word that the account exists, to its owner only
    assert User.objects.filter(email__iexact=typed).count() == 1  # capitals are one account, not two


@pytest.mark.parametrize("kind", ADDRESSES)
def test_password_reset_answers_alike_whatever_the_address_is(kind, home_organisation):
    typed = ADDRESSES[kind](home_organisation)
    unknown = "nobody@lindenau.example"
    expected = _answer(Client().post(reverse("account_reset_password"), {"email": unknown}), unknown)
    mail.outbox.clear()
    response = Client().post(reverse("account_reset_password"), {"email": typed})
    assert _answer(response, typed) == expected
    assert len(_to(typed)) == 1


def test_password_reset_for_a_deactivated_account_sends_no_link(home_organisation):
    typed = _deactivated(home_organisation)
    Client().post(reverse("account_reset_password"), {"email": typed})
    [message] = _to(typed)
    assert "/accounts/password/reset/key/" not in message.body


@pytest.mark.parametrize("kind", ADDRESSES)
def test_a_wrong_password_answers_alike_whatever_the_address_is(kind, home_organisation):
    typed = ADDRESSES[kind](home_organisation)
    unknown = "nobody@lindenau.example"
    expected = _answer(_sign_in(Client(), unknown, "wrong-password-123"), unknown)
    assert expected[0] == 200
    assert _answer(_sign_in(Client(), typed, "wrong-password-123"), typed) == expected


def test_a_deactivated_account_with_its_right_password_is_not_signed_in(home_organisation):
    client = Client()
    _sign_in(client, _deactivated(home_organisation))
    assert _signed_in_as(client) is None


def test_an_address_in_other_capitals_signs_in_to_the_same_account(home_organisation):
    typed = _verified(home_organisation)
    client = Client()
    _sign_in(client, typed.upper())
    assert _signed_in_as(client) == User.objects.get(email=typed).pk


@pytest.mark.parametrize("kind", ADDRESSES)
def test_adding_an_address_answers_alike_whatever_the_address_is(kind, home_organisation, outsider):
    typed = ADDRESSES[kind](home_organisation)
    client = Client()
    client.force_login(outsider)
    fresh = client.post(reverse("account_email"), {"action_add": "", "email": "nobody@lindenau.example"})
    mail.outbox.clear()
    response = client.post(reverse("account_email"), {"action_add": "", "email": typed})
    assert (response.status_code, response.get("Location")) == (fresh.status_code, fresh.get("Location"))
    page = _page(client.get(reverse("account_email")), typed)
    assert "Kari" not in page and "Una" not in page and "Dora" not in page
    # the address can never be confirmed on the outsider's account while another account holds it verified
    for message in _to(typed):
        client.post(_path(_confirmation_link(message)))
    held = kind != "unverified"  # a verified address stays its holder's alone
    assert not (held and EmailAddress.objects.filter(user=outsider, email__iexact=typed, verified=True).exists())


# -- confirmation links -------------------------------------------------------------------------


def _path(url: str) -> str:
    assert url.startswith(PORTAL_URL + "/"), url
    return url[len(PORTAL_URL) :]


def _confirmation_link(message) -> str:
    return next(url for url in LINK.findall(message.body) if "/accounts/confirm-email/" in url)


def _add_address(client: Client, email: str):
    mail.outbox.clear()
    client.post(reverse("account_email"), {"action_add": "", "email": email})
    [message] = _to(email)
    return message


@pytest.fixture
def member(home_organisation) -> User:
    return make_user("kari@ravnstad.example", home_organisation, display_name="Kari Nordmann", pseudonym="Blue Heron")


@pytest.fixture
def member_client(member) -> Client:
    client = Client()
    client.force_login(member)
    return client


def test_a_confirmation_link_confirms_once_and_is_harmless_the_second_time(member, member_client):
    link = _path(_confirmation_link(_add_address(member_client, "kari.second@ravnstad.example")))
    member_client.post(link)
    assert EmailAddress.objects.get(email="kari.second@ravnstad.example").verified
    assert member_client.post(link).status_code == 404  # a used link is an unknown one
    assert EmailAddress.objects.get(email="kari.second@ravnstad.example").verified
    assert _signed_in_as(member_client) == member.pk
    assert EmailAddress.objects.filter(email="kari.second@ravnstad.example").count() == 1


def test_a_confirmation_link_of_a_removed_address_opens_nothing(member, member_client):
    link = _path(_confirmation_link(_add_address(member_client, "kari.second@ravnstad.example")))
    member_client.post(reverse("account_email"), {"action_remove": "", "email": "kari.second@ravnstad.example"})
    assert "kari.second@ravnstad.example" not in Client().get(link).content.decode()  # allauth: "invalid link"
    assert Client().post(link).status_code == 404
    assert not EmailAddress.objects.filter(email="kari.second@ravnstad.example").exists()


def test_a_confirmation_link_followed_by_another_signed_in_user_gives_them_nothing(member, member_client, outsider):
    link = _path(_confirmation_link(_add_address(member_client, "kari.second@ravnstad.example")))
    other = Client()
    other.force_login(outsider)
    page = other.get(link).content.decode()
    assert _signed_in_as(other) is None  # allauth signs them out: the link is for another account
    other.force_login(outsider)
    other.post(link)
    assert _signed_in_as(other) is None
    # whoever holds the link reads the address's mail: it confirms the address for its account alone
    assert EmailAddress.objects.get(email="kari.second@ravnstad.example").user_id == member.pk
    assert "Kari Nordmann" not in page  # the address's holder is not named to whoever has the link


def test_confirming_the_address_of_a_deactivated_account_announces_nothing(
    home_organisation, org_admin, django_capture_on_commit_callbacks
):
    client = Client()
    with django_capture_on_commit_callbacks(execute=True):
        _sign_up_to_join(client, "late@lindenau.example", home_organisation)
    [message] = _to("late@lindenau.example")
    User.objects.filter(email="late@lindenau.example").update(is_active=False)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        Client().post(_path(_confirmation_link(message)))
    assert _to(org_admin.email) == []
    assert Membership.objects.get(user__email="late@lindenau.example").announced_at is None


# -- the confirmation and notice e-mails --------------------------------------------------------


def _speaks(user: User, language: str) -> None:
    User.objects.filter(pk=user.pk).update(language=language)


def _in(language: str, msgid: str) -> str:
    with translation.override(language):
        return gettext(msgid)


def _plain(text: str) -> str:
    return " ".join(text.replace("\xa0", " ").replace("\u202f", " ").split())


CONFIRM = "To confirm this is correct, go to %(activate_url)s"


def _is_clean(message, *, language: str, says: str, name: str | None = None) -> None:
    assert message.extra_headers["Content-Language"] == language
    assert "\n" not in message.subject and "\r" not in message.subject
    assert _plain(_in(language, says).split("%(")[0]) in _plain(message.body)
    for url in LINK.findall(message.body):
        assert url.startswith(PORTAL_URL + "/"), url
    if name is not None:
        assert name not in message.body  # to an address not yet proven its holder's: mistyped, it reaches another


def _added_address_message(member, language: str):
    _speaks(member, language)
    client = Client()
    client.force_login(member)
    other = "en" if language == "fr" else "fr"
    mail.outbox.clear()
    client.post(
        reverse("account_email"),
        {"action_add": "", "email": "kari.second@ravnstad.example"},
        HTTP_ACCEPT_LANGUAGE=other,
    )
    [message] = _to("kari.second@ravnstad.example")
    return message


@pytest.mark.parametrize("language", ["en", "fr"])
def test_the_confirmation_of_an_added_address_is_in_the_account_s_language_and_names_no_one(member, language):
    message = _added_address_message(member, language)
    _is_clean(message, language=language, says=CONFIRM, name=member.display_name)


@pytest.mark.parametrize("language", ["en", "fr"])
def test_the_sign_up_confirmation_is_in_the_page_s_language(language):
    sign_up(Client(), "new.worker@lindenau.example", HTTP_ACCEPT_LANGUAGE=language)
    [message] = _to("new.worker@lindenau.example")
    _is_clean(message, language=language, says=CONFIRM, name="Sam Worker")


@pytest.mark.parametrize("language", ["en", "fr"])
def test_a_password_change_is_announced_to_the_account_in_its_language(member, member_client, language):
    _speaks(member, language)
    mail.outbox.clear()
    other = "en" if language == "fr" else "fr"
    member_client.post(
        reverse("account_change_password"),
        {"oldpassword": PASSWORD, "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
        HTTP_ACCEPT_LANGUAGE=other,
    )
    [message] = _to(member.email)
    _is_clean(message, language=language, says="Your password has been changed.")


@pytest.mark.parametrize("language", ["en", "fr"])
def test_a_new_primary_address_is_announced_to_the_former_one_in_the_account_s_language(member, language):
    message = _added_address_message(member, language)
    client = Client()
    client.force_login(member)
    client.post(_path(_confirmation_link(message)))
    mail.outbox.clear()
    other = "en" if language == "fr" else "fr"
    client.post(
        reverse("account_email"),
        {"action_primary": "", "email": "kari.second@ravnstad.example"},
        HTTP_ACCEPT_LANGUAGE=other,
    )
    [notice] = _to("kari@ravnstad.example")
    _is_clean(
        notice,
        language=language,
        says="You are receiving this mail because the following change was made to your account:",
    )


# -- a second address, made primary; the primary one cannot be removed ---------------------------


def test_a_confirmed_second_address_made_primary_becomes_the_sign_in(member, member_client):
    link = _path(_confirmation_link(_add_address(member_client, "kari.second@ravnstad.example")))
    member_client.post(link)
    member_client.post(reverse("account_email"), {"action_primary": "", "email": "kari.second@ravnstad.example"})
    member.refresh_from_db()
    assert member.email == "kari.second@ravnstad.example"
    client = Client()
    _sign_in(client, "kari.second@ravnstad.example")
    assert _signed_in_as(client) == member.pk


def test_an_unconfirmed_address_cannot_be_made_primary(member, member_client):
    _add_address(member_client, "kari.second@ravnstad.example")
    member_client.post(reverse("account_email"), {"action_primary": "", "email": "kari.second@ravnstad.example"})
    member.refresh_from_db()
    assert member.email == "kari@ravnstad.example"


def test_the_primary_address_cannot_be_removed(member, member_client):
    member_client.post(reverse("account_email"), {"action_remove": "", "email": member.email})
    assert EmailAddress.objects.filter(user=member, email=member.email, primary=True, verified=True).exists()


def test_a_reset_asked_for_an_address_added_but_never_confirmed_sends_no_link(member, member_client):
    """A second address mistyped: its reader must not be able to take the account."""
    _add_address(member_client, "kari.typo@ravnstad.example")
    unknown = "nobody@lindenau.example"
    expected = _answer(Client().post(reverse("account_reset_password"), {"email": unknown}), unknown)
    mail.outbox.clear()
    response = Client().post(reverse("account_reset_password"), {"email": "kari.typo@ravnstad.example"})
    assert _answer(response, "kari.typo@ravnstad.example") == expected
    [message] = _to("kari.typo@ravnstad.example")
    assert "/accounts/password/reset/key/" not in message.body
    assert "Kari" not in message.body


@pytest.mark.xfail(
    strict=True,
    reason="allauth counts an address another account added but never confirmed as taken: its owner cannot "
    "sign up until that account removes it (docs/ACCESS.md, Known limits)",
)
def test_an_address_another_account_added_but_never_confirmed_can_still_sign_up(member, member_client):
    _add_address(member_client, "newcomer@lindenau.example")
    for each in caches.all():
        each.clear()  # past allauth's pause between two e-mails to one address
    sign_up(Client(), "newcomer@lindenau.example")
    assert User.objects.filter(email="newcomer@lindenau.example").exists()


# -- passwords ----------------------------------------------------------------------------------


def _reset_link(email: str) -> str:
    mail.outbox.clear()
    Client().post(reverse("account_reset_password"), {"email": email})
    [message] = _to(email)
    return _path(next(url for url in LINK.findall(message.body) if "/password/reset/key/" in url))


def _reset_with(link: str, password: str) -> Client:
    client = Client()
    response = client.get(link)
    target = response["Location"] if response.status_code == 302 else link
    client.post(target, {"password1": password, "password2": password})
    return client


def _password_is(user: User, password: str) -> bool:
    return User.objects.get(pk=user.pk).check_password(password)


def test_a_password_change_signs_out_every_session(member):
    here, elsewhere = Client(), Client()
    _sign_in(here, member.email)
    _sign_in(elsewhere, member.email)
    assert _signed_in_as(elsewhere) == member.pk
    here.post(
        reverse("account_change_password"),
        {"oldpassword": PASSWORD, "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )
    assert _password_is(member, NEW_PASSWORD)
    assert _signed_in_as(elsewhere) is None
    assert _signed_in_as(here) is None  # ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE


def test_a_reset_link_works_once(member):
    link = _reset_link(member.email)
    _reset_with(link, NEW_PASSWORD)
    assert _password_is(member, NEW_PASSWORD)
    _reset_with(link, "a-third-long-password-5")
    assert _password_is(member, NEW_PASSWORD)


def test_a_reset_link_stops_working_after_a_password_change(member, member_client):
    link = _reset_link(member.email)
    member_client.post(
        reverse("account_change_password"),
        {"oldpassword": PASSWORD, "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )
    _reset_with(link, "a-third-long-password-5")
    assert _password_is(member, NEW_PASSWORD)


def test_a_reset_link_sent_before_a_deactivation_opens_nothing(member):
    link = _reset_link(member.email)
    User.objects.filter(pk=member.pk).update(is_active=False)
    client = _reset_with(link, NEW_PASSWORD)
    assert _password_is(member, PASSWORD)
    assert _signed_in_as(client) is None


@pytest.mark.parametrize("first", ["portal.adapter", "allauth.account.forms"])
def test_the_reset_token_generator_loads_whichever_module_a_process_imports_first(first):
    """allauth's forms ask for the generator while they are being imported: with it defined in the
    adapter, which imported those forms at its top, a process importing the adapter first
    (``manage.py``'s checks, in an order of their own) failed with an ImportError."""
    code = (
        "import django; django.setup(); import importlib; "
        f"importlib.import_module({first!r}); "
        "from allauth.account.forms import default_token_generator as generator; "
        "print(type(generator).__name__, type(generator).__mro__[1].__name__)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=settings.BASE_DIR,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "portal.settings", "DJANGO_SECRET_KEY": "x"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["PasswordResetTokenGenerator", "EmailAwarePasswordResetTokenGenerator"]


# -- sessions -----------------------------------------------------------------------------------


def test_a_deactivated_account_s_open_session_is_refused_on_its_next_request(member, member_client):
    assert _signed_in_as(member_client) == member.pk
    User.objects.filter(pk=member.pk).update(is_active=False)
    response = member_client.get(reverse("profile"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("account_login"))


def test_signing_out_is_a_post_a_get_only_asks(member, member_client):
    page = member_client.get(reverse("account_logout"))
    assert page.status_code == 200
    assert _signed_in_as(member_client) == member.pk
    member_client.post(reverse("account_logout"))
    assert _signed_in_as(member_client) is None


# -- the second factor --------------------------------------------------------------------------


def test_removing_the_second_factor_asks_to_sign_in_again(member):
    with_totp(member)
    client = Client()
    client.force_login(member)  # signed in long enough ago: no recent authentication recorded
    response = client.post(reverse("mfa_deactivate_totp"))
    assert response.status_code == 302 and reverse("account_reauthenticate") in response["Location"]
    assert Authenticator.objects.filter(user=member, type=Authenticator.Type.TOTP).exists()


def _sign_in_with_code(email: str, code: str) -> Client:
    client = Client()
    response = _sign_in(client, email)
    assert response.status_code == 302 and response["Location"] == reverse("mfa_authenticate")
    client.post(reverse("mfa_authenticate"), {"code": code})
    return client


def test_a_recovery_code_signs_in_once(member):
    with_totp(member)
    codes = RecoveryCodes.activate(member)
    code = codes.get_unused_codes()[0]
    first = _sign_in_with_code(member.email, code)
    assert _signed_in_as(first) == member.pk
    assert _signed_in_as(_sign_in_with_code(member.email, code)) is None


# -- the sign-in rate limit ---------------------------------------------------------------------


def _hammer(email: str, ip: str):
    client = Client(REMOTE_ADDR=ip)
    for _ in range(5):
        _sign_in(client, email, "wrong-password-123")
    return client, _sign_in(client, email, "wrong-password-123")


def test_the_sign_in_limit_says_so_plainly_and_alike_for_an_account_and_for_none(home_organisation):
    typed = _verified(home_organisation)
    _, none = _hammer("nobody@lindenau.example", "10.0.0.1")
    client, account = _hammer(typed, "10.0.0.2")
    assert _answer(account, typed) == _answer(none, "nobody@lindenau.example")
    assert "Too many failed login attempts. Try again later." in account.content.decode()
    right = _sign_in(client, typed)  # the right password is refused too, until the limit passes
    assert _answer(right, typed) == _answer(none, "nobody@lindenau.example")
    assert _signed_in_as(client) is None


def _flood(email: str, ip: str):
    client = Client(REMOTE_ADDR=ip)
    for _ in range(30):  # allauth's "login" limit: 30 a minute from one address
        _sign_in(client, email, "wrong-password-123", HTTP_ACCEPT_LANGUAGE="fr")
    return _sign_in(client, email, "wrong-password-123", HTTP_ACCEPT_LANGUAGE="fr")


def test_too_many_sign_ins_from_one_place_get_the_portal_s_page_alike_for_an_account_and_for_none(home_organisation):
    typed = _verified(home_organisation)
    none = _flood("nobody@lindenau.example", "10.0.0.3")
    account = _flood(typed, "10.0.0.4")
    assert none.status_code == 429
    assert _answer(account, typed) == _answer(none, "nobody@lindenau.example")
    page = none.content.decode()
    assert '<html lang="fr">' in page and 'class="site-header"' in page  # the portal's page, the visitor's language
    assert _in("fr", "Too many attempts") in page
