"""Dates are shown in one unambiguous European form ("4 Dec 2026", "4 déc. 2026"), never as
12/04/2026 or 2026-12-04, on every page, in English and in French. Machine-readable values
(``<time datetime>``, ``<input type="date" value>``) stay ISO: they are attributes."""

import re
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import formats, translation

from network import services as network_services
from network.models import Network, Post, Report
from portal import services as portal_services
from portal.models import AuditEvent, Membership
from practices.models import Practice
from tests.conftest import make_user
from tests.practices.factories import make_practice

pytestmark = pytest.mark.django_db

WHEN = datetime(2026, 12, 4, 10, 30, tzinfo=ZoneInfo("Europe/Brussels"))  # 4 December: 12/04 or 04/12?
NUMERIC_DATE = re.compile(r"\b\d{1,2}[/.]\d{1,2}[/.]\d{2,4}\b|\b\d{4}-\d{2}-\d{2}\b")
EXPECTED = {"en": "4 Dec 2026", "fr": "4 déc. 2026"}


@pytest.fixture(autouse=True)
def no_mfa(settings):
    settings.PORTAL_REQUIRE_MFA = False


def _reader_text(html: str) -> str:
    """What a reader sees: the text, without tags (and so without their attributes) or scripts."""
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S | re.I)
    return re.sub(r"<[^>]+>", " ", html)


@pytest.fixture
def dated(contributor, moderator, home_organisation):
    """A published practice, a submission, a request to join, a network post and a report, all of WHEN."""
    published = make_practice(author=contributor, title="Mentoring after prison", publish=True)
    submitted = make_practice(author=contributor, title="Family support")
    Practice.objects.filter(pk=submitted.pk).update(status=Practice.Status.SUBMITTED)
    applicant = make_user("candidate@ravnstad.example", display_name="Claire Candidate")
    portal_services.membership_request(user=applicant, organisation=home_organisation)
    network = network_services.network_create(
        actor=moderator, name="Exit work Ravnstad", purpose="Exit work.", policy=Network.Policy.INVITATION
    )
    network_services.network_member_add(network=network, user=contributor, actor=moderator)
    thread = network_services.thread_create(network=network, actor=contributor, title="A case", body="Notes.")
    network_services.post_report(post=thread.posts.get(), actor=moderator, reason=Report.Reason.HARMFUL)
    Practice.objects.filter(pk=published.pk).update(featured_at=WHEN, featured_by=moderator)
    Practice.objects.update(updated_at=WHEN, published_at=WHEN, created_at=WHEN)
    Membership.objects.update(requested_at=WHEN)
    AuditEvent.objects.update(created_at=WHEN)
    Post.objects.update(created_at=WHEN)
    Report.objects.update(created_at=WHEN)
    return {"published": published, "submitted": submitted, "network": network, "thread": thread}


def _pages(dated, home_organisation) -> list[tuple[str, str]]:
    """(persona, url) for the pages that show dates."""
    return [
        ("contributor_client", dated["published"].get_absolute_url()),
        ("contributor_client", reverse("home")),
        ("contributor_client", reverse("network:thread", args=[dated["thread"].pk])),
        ("moderator_client", reverse("moderation:dashboard")),
        ("moderator_client", reverse("moderation:queue")),
        ("moderator_client", reverse("moderation:review", args=[dated["submitted"].pk])),
        ("moderator_client", reverse("moderation:audit") + "?since=2026-12-01"),
        ("moderator_client", reverse("moderation:organisations")),
        ("moderator_client", reverse("moderation:featured")),
        ("moderator_client", reverse("network:reports", args=[dated["network"].pk])),
        ("org_admin_client", reverse("organisation_members")),
        ("contributor_client", reverse("api_tokens")),
    ]


@pytest.mark.parametrize("language", ["en", "fr"])
def test_no_page_shows_a_numeric_date(request, dated, home_organisation, language):
    seen_dates = 0
    for persona, url in _pages(dated, home_organisation):
        response = request.getfixturevalue(persona).get(url, HTTP_ACCEPT_LANGUAGE=language)
        assert response.status_code == 200, url
        text = _reader_text(response.content.decode())
        assert NUMERIC_DATE.findall(text) == [], url
        seen_dates += EXPECTED[language] in text
    assert seen_dates >= 5  # the pages do show dates, in the expected form


@pytest.mark.parametrize("language", ["en", "fr"])
def test_date_fields_keep_the_iso_value_date_inputs_need(moderator_client, language):
    page = moderator_client.get(reverse("moderation:audit") + "?since=2026-12-01", HTTP_ACCEPT_LANGUAGE=language)
    assert re.search(r'<input type="date" name="since" value="2026-12-01"', page.content.decode())


@pytest.mark.parametrize(("language", "expected"), [("en", "4 Dec 2026, 10:30"), ("fr", "4 déc. 2026, 10:30")])
def test_every_named_format_is_unambiguous(language, expected):
    with translation.override(language):
        for name in ("DATE_FORMAT", "SHORT_DATE_FORMAT"):
            assert formats.date_format(date(2026, 12, 4), name) == EXPECTED[language]
        for name in ("DATETIME_FORMAT", "SHORT_DATETIME_FORMAT"):
            assert formats.date_format(WHEN.replace(tzinfo=None), name) == expected
