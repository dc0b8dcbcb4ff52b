"""manage.py api_demo_token: a working read-write token for a demo member, for scripts and docs."""

import io

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from rest_framework.test import APIClient

from portal.models import Organisation, OrganisationType, User

pytestmark = pytest.mark.django_db


def _token(email: str = "api-demo@example.org") -> str:
    out = io.StringIO()
    call_command("api_demo_token", "--email", email, stdout=out)
    return out.getvalue().strip()


def test_it_creates_a_demo_member_and_prints_a_read_write_token(db):
    demo = Organisation.objects.create(
        name="(Demo) Ravnstad", type=OrganisationType.objects.get(code="municipality"), verified=True, is_demo=True
    )
    secret = _token()
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {secret}")
    me = client.get(reverse("api:me")).json()
    assert me["token_scope"] == "read-write" and me["organisation"]["id"] == demo.pk
    created = client.post(reverse("api:practice-list"), {"title": "t", "description": "d", "language": "en"})
    assert created.status_code == 201
    second = _token()
    assert second != secret and User.objects.filter(email="api-demo@example.org").count() == 1
    assert User.objects.get(email="api-demo@example.org").memberships.count() == 1


def test_it_needs_the_demo_data(db):
    with pytest.raises(CommandError, match="load_demo_data"):
        _token()
