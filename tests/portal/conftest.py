"""Fixtures shared by the organisation and membership tests."""

import pytest

from portal import services
from portal.models import Membership, User
from tests.conftest import make_user


@pytest.fixture
def send(django_capture_on_commit_callbacks):
    """Run ``action`` and deliver the e-mails it sends after commit; returns its result."""

    def run(action, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return action(*args, **kwargs)

    return run


@pytest.fixture
def newcomer(db) -> User:
    return make_user("newcomer@ravnstad.example", display_name="Nora Newcomer")


@pytest.fixture
def request_to_join(org_admin, newcomer) -> Membership:
    """The newcomer asks to join the administrator's organisation."""
    return services.membership_request(user=newcomer, organisation=org_admin.organisation)
