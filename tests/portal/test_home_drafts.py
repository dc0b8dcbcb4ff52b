"""The home page's "Your drafts" list (practices.selectors.newest_drafts_of, its SQL compiled once per
connection): each reader sees only their own unpublished practices in their current organisation,
the newest five, read from the database on every request."""

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from practices.models import Practice
from practices.selectors import DRAFTS_LISTED
from tests.practices.factories import make_practice

pytestmark = pytest.mark.django_db


def _drafts_section(client: Client) -> str:
    page = client.get(reverse("home")).content.decode()
    if 'id="drafts-heading"' not in page:
        return ""
    start = page.index('id="drafts-heading"')
    return page[start : page.index("</section>", start)]


@pytest.fixture
def drafts(contributor):
    made = [make_practice(author=contributor, title=f"Draft number {number}") for number in range(DRAFTS_LISTED + 1)]
    make_practice(author=contributor, title="A published one", publish=True)
    return made


def test_the_author_sees_their_newest_drafts_newest_first(contributor_client, drafts):
    section = _drafts_section(contributor_client)
    titles = [f"Draft number {number}" for number in range(DRAFTS_LISTED, 0, -1)]  # the oldest left out
    positions = [section.index(f">{title}</a>") for title in titles]
    assert positions == sorted(positions)
    assert ">Draft number 0</a>" not in section
    assert "A published one" not in section
    assert f'href="{drafts[-1].get_absolute_url()}"' in section


@pytest.mark.parametrize("reader", ["colleague_client", "outsider_client", "org_admin_client", "client"])
def test_other_readers_never_see_someone_else_s_drafts(request, drafts, contributor_client, reader):
    assert "Draft number" in _drafts_section(contributor_client)  # the same connection, compiled once
    assert _drafts_section(request.getfixturevalue(reader)) == ""


def test_a_former_member_no_longer_sees_drafts_of_their_old_organisation(contributor, contributor_client, drafts):
    assert "Draft number" in _drafts_section(contributor_client)
    with connection.cursor() as cursor:  # behind every cache: no model, no signal
        cursor.execute("UPDATE portal_membership SET state = 'ended' WHERE user_id = %s", [contributor.pk])
    assert _drafts_section(contributor_client) == ""


def test_a_submitted_then_published_practice_leaves_the_list(contributor_client, drafts):
    Practice.objects.filter(pk=drafts[-1].pk).update(status="submitted")
    assert ">Draft number 5</a>" in _drafts_section(contributor_client)
    with connection.cursor() as cursor:
        cursor.execute("UPDATE practices_practice SET status = 'published' WHERE id = %s", [drafts[-1].pk])
    section = _drafts_section(contributor_client)
    assert ">Draft number 5</a>" not in section
    assert ">Draft number 0</a>" in section  # the next oldest moves up


@pytest.mark.parametrize(
    ("sql", "with_id"),
    [
        ("UPDATE portal_user SET is_active = false WHERE id = %s", True),  # deactivated
        ("DELETE FROM django_session", False),  # signed out by another process
    ],
)
def test_a_deactivated_or_signed_out_author_sees_no_drafts(contributor, contributor_client, drafts, sql, with_id):
    assert "Draft number" in _drafts_section(contributor_client)
    with connection.cursor() as cursor:  # behind every cache
        cursor.execute(sql, [contributor.pk] if with_id else [])
    page = contributor_client.get(reverse("home")).content.decode()
    assert "Draft number" not in page
    assert reverse("account_login") in page
