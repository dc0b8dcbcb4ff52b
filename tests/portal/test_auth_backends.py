"""The signed-in reader is read with their approved membership in one query (portal/auth_backends.py),
and what that membership allows follows every change of it on the next request."""

import pytest
from django.contrib.auth import BACKEND_SESSION_KEY, get_backends
from django.urls import reverse

from portal.auth_backends import AuthenticationBackend, user_with_membership
from portal.models import Membership
from tests.conftest import PASSWORD
from tests.practices.factories import make_practice

pytestmark = pytest.mark.django_db


def test_the_user_and_their_membership_come_in_one_query(contributor, django_assert_num_queries):
    expected = contributor.membership.organisation.type.code
    with django_assert_num_queries(1):
        user = user_with_membership(contributor.pk)
        assert user.membership.organisation.type.code == expected
    assert user.membership.state == Membership.State.APPROVED


def test_no_approved_membership_reads_as_none(applicant, former_member, outsider):
    assert user_with_membership(applicant.pk).membership is None  # asked to join, not yet approved
    assert user_with_membership(former_member.pk).membership is None  # ended, whatever rows remain
    assert user_with_membership(outsider.pk).membership.organisation_id == outsider.membership.organisation_id
    assert user_with_membership(10**9) is None


def test_an_inactive_user_is_not_signed_in(contributor):
    contributor.is_active = False
    contributor.save(update_fields=["is_active"])
    assert all(backend.get_user(contributor.pk) is None for backend in get_backends())


def test_email_sign_in_names_this_backend_and_reads_the_membership(client, contributor):
    # the session names one of ours (the first that accepts the password), so the next request reads it
    login = client.post(reverse("account_login"), {"login": contributor.email, "password": PASSWORD})
    assert login.status_code == 302
    assert client.session[BACKEND_SESSION_KEY].startswith("portal.auth_backends.")
    assert isinstance(get_backends()[1], AuthenticationBackend)  # the one allauth prefers when it picks
    assert client.get(reverse("organisation_home")).status_code == 200


def test_an_ended_membership_shows_on_the_next_request(contributor, colleague, colleague_client):
    practice = make_practice(author=contributor, title="Members method", visibility="members", publish=True)
    url = reverse("practices:detail", args=[practice.pk])
    assert colleague_client.get(url).status_code == 200
    Membership.objects.filter(user=colleague).update(state=Membership.State.ENDED)
    assert colleague_client.get(url).status_code == 404
    search = colleague_client.get(reverse("search:search"), {"q": "members"}).content.decode()
    assert "Members method" not in search
