"""The review queue's order is the moderator's choice: waiting longest first (the default), most
recent first, or most personal data to resolve first. The choice is kept across pages, an unknown
one is said and the default order shown, and the table's caption says the order in use."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from practices.models import Finding, Practice
from tests.practices.factories import make_practice

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def no_mfa(settings):
    settings.PORTAL_REQUIRE_MFA = False


def _submitted(author, title: str, days_ago: int, findings: int = 0) -> Practice:
    practice = make_practice(author=author, title=title, description="Weekly talks after release.")
    Practice.objects.filter(pk=practice.pk).update(
        status=Practice.Status.SUBMITTED, updated_at=timezone.now() - timedelta(days=days_ago)
    )
    for number in range(findings):
        Finding.objects.create(practice=practice, field="description", type="PERSON", text=f"N{number}", start=0, end=2)
    return practice


def _titles(page: str) -> list[str]:
    table = page[page.index("<tbody>") : page.index("</tbody>")]
    return re.findall(r'<a href="/moderation/practices/\d+/"[^>]*>([^<]+)</a>', table)


@pytest.fixture
def queue(contributor):
    _submitted(contributor, "Waited ten days", 10, findings=1)
    _submitted(contributor, "Waited two days", 2, findings=3)
    _submitted(contributor, "Waited five days", 5)


def test_the_queue_lists_the_longest_waiting_first_unless_the_moderator_chooses(moderator_client, queue):
    url = reverse("moderation:queue")
    oldest = moderator_client.get(url).content.decode()
    assert _titles(oldest) == ["Waited ten days", "Waited five days", "Waited two days"]
    assert "Practices waiting for moderation, waiting longest first" in oldest
    newest = moderator_client.get(url, {"sort": "newest"}).content.decode()
    assert _titles(newest) == ["Waited two days", "Waited five days", "Waited ten days"]
    assert "Practices waiting for moderation, most recent first" in newest
    findings = moderator_client.get(url, {"sort": "findings"}).content.decode()
    assert _titles(findings) == ["Waited two days", "Waited ten days", "Waited five days"]
    assert '<option value="findings" selected>' in findings  # the choice shows as made


def test_an_unknown_order_is_said_and_the_default_order_shown(moderator_client, queue):
    page = moderator_client.get(reverse("moderation:queue"), {"sort": "alphabetical"}).content.decode()
    assert "Choose one of the orders listed." in page
    assert _titles(page) == ["Waited ten days", "Waited five days", "Waited two days"]


def test_the_order_is_kept_from_page_to_page_and_is_not_a_filter(moderator_client, contributor, settings):
    for days in range(1, 28):
        _submitted(contributor, f"Waited {days} days", days)
    page = moderator_client.get(reverse("moderation:queue"), {"sort": "newest"}).content.decode()
    following = re.search(r'<a href="([^"]+)" rel="next">', page).group(1).replace("&amp;", "&")
    assert "sort=newest" in following
    second = moderator_client.get(reverse("moderation:queue") + following if following.startswith("?") else following)
    second = second.content.decode()
    assert _titles(second) == ["Waited 26 days", "Waited 27 days"]
    assert "Clear filters" not in page  # an order alone filters nothing away
