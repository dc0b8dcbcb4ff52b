"""Copies of practices another portal shares: stored through federation.copies, read-only to
every practice service, read through the one reading rule (outsider and anonymous included)."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from federation.copies import copies_drop, copy_apply, copy_withdraw
from practices import services
from practices.models import Practice
from tests.federation.items import HUB, T0, practice_item

pytestmark = pytest.mark.django_db


def _page(client, copy: Practice):
    return client.get(reverse("practices:detail", kwargs={"pk": copy.pk}))


def test_a_public_copy_is_read_by_the_anonymous_visitor_with_its_origin(client):
    copy = copy_apply(origin=HUB, item=practice_item())
    assert copy is not None and copy.is_copy and copy.is_published
    response = _page(client, copy)
    assert response.status_code == 200
    assert "Family counselling for returnees" in response.text
    assert "https://hub.example.eu/practices/" in response.text
    assert copy.organisation.name == "Centre for Family Support (hub.example.eu)"
    assert not copy.organisation.verified
    assert [t.code for t in copy.key_themes.all()] == ["family-support"]


def test_a_members_copy_is_for_verified_members_only(client, outsider_client, applicant_client):
    copy = copy_apply(origin=HUB, item=practice_item(visibility="members"))
    assert _page(client, copy).status_code == 404
    assert "Family counselling for returnees" not in client.get("/search/", {"q": "returnees counselling"}).text
    assert _page(applicant_client, copy).status_code == 404
    assert _page(outsider_client, copy).status_code == 200


def test_an_organisation_only_item_is_never_stored():
    assert copy_apply(origin=HUB, item=practice_item(visibility="organisation")) is None
    assert not Practice.objects.filter(origin_uuid__isnull=False).exists()


def test_a_level_the_origin_is_not_trusted_with_is_refused_and_withdraws_what_was_held():
    item = practice_item()
    copy_apply(origin=HUB, item=item)
    narrow = type(HUB)(portal=HUB.portal, name=HUB.name, accepts=frozenset({"members"}))
    copy = copy_apply(origin=narrow, item=practice_item(uuid=item.uuid, updated_at=T0 + timedelta(hours=1)))
    assert copy is not None and copy.status == Practice.Status.WITHDRAWN and copy.title == ""


def test_only_a_newer_version_replaces_a_copy_and_never_duplicates_it():
    item = practice_item()
    first = copy_apply(origin=HUB, item=item)
    same = copy_apply(origin=HUB, item=practice_item(uuid=item.uuid, title="Older text", updated_at=T0))
    older = copy_apply(origin=HUB, item=practice_item(uuid=item.uuid, title="Older", updated_at=T0 - timedelta(1)))
    newer = copy_apply(origin=HUB, item=practice_item(uuid=item.uuid, title="Newer text", updated_at=T0 + timedelta(1)))
    assert first.pk == same.pk == older.pk == newer.pk
    assert Practice.objects.get(pk=first.pk).title == "Newer text"
    assert Practice.objects.filter(origin_uuid=item.uuid).count() == 1


def test_the_narrative_goes_through_the_portals_sanitiser():
    deliverables = 'Text <script>alert(1)</script> and <a href="javascript:x()">a link</a>.'
    copy = copy_apply(origin=HUB, item=practice_item(deliverables=deliverables))
    html = copy.cooked_html()["deliverables"]
    assert "<script" not in html and "javascript:" not in html
    assert "Text" in html


@pytest.mark.parametrize(
    "change", [{"language": "xx"}, {"url": "https://evil.example/phish"}, {"url": "javascript:alert(1)"}]
)
def test_an_item_the_portal_cannot_hold_is_refused_and_changes_nothing(change):
    item = practice_item()
    copy_apply(origin=HUB, item=item)
    with pytest.raises(ValidationError):
        copy_apply(origin=HUB, item=practice_item(uuid=item.uuid, updated_at=T0 + timedelta(1), **change))
    assert Practice.objects.get(origin_uuid=item.uuid).language == "en"


def test_every_practice_service_refuses_a_copy(moderator, org_admin):
    copy = copy_apply(origin=HUB, item=practice_item())
    with pytest.raises(PermissionDenied, match="copy shared by EU Prevention Hub"):
        services.practice_withdraw(practice=copy, actor=moderator, reason="Out of date")
    with pytest.raises(PermissionDenied, match="copy shared by"):
        services.practice_set_evidence_level(practice=copy, moderator=moderator, level="peer_reviewed")
    with pytest.raises(PermissionDenied, match="copy shared by"):
        services.practice_start_revision(practice=copy, editor=moderator)
    with pytest.raises(PermissionDenied, match="copy shared by"):
        services.practice_set_visibility(practice=copy, actor=moderator, visibility="members")
    assert Practice.objects.get(pk=copy.pk).status == Practice.Status.PUBLISHED


def test_a_moderator_cannot_edit_or_withdraw_a_copy_through_the_pages(moderator_client):
    copy = copy_apply(origin=HUB, item=practice_item())
    assert moderator_client.get(reverse("practices:edit", kwargs={"pk": copy.pk})).status_code in (403, 404)
    response = moderator_client.post(reverse("practices:withdraw", kwargs={"pk": copy.pk}), {"reason": "No"})
    assert response.status_code in (302, 403)
    assert Practice.objects.get(pk=copy.pk).status == Practice.Status.PUBLISHED


def test_a_tombstone_purges_the_copy_and_takes_it_out_of_search(client):
    item = practice_item()
    copy = copy_apply(origin=HUB, item=item)
    assert "Family counselling for returnees" in client.get("/search/", {"q": "returnees counselling"}).text
    withdrawn = copy_withdraw(origin=HUB, uuid=item.uuid, withdrawn_at=T0 + timedelta(hours=2))
    copy.refresh_from_db()
    assert withdrawn.pk == copy.pk and copy.status == Practice.Status.WITHDRAWN
    assert (copy.origin_portal, copy.origin_uuid, copy.withdrawn_at) == (HUB.portal, item.uuid, T0 + timedelta(hours=2))
    assert copy.title == copy.description == copy.deliverables == "" and not copy.key_themes.exists()
    assert "handbook" not in str(copy.cooked)
    assert _page(client, copy).status_code == 404
    assert "Family counselling for returnees" not in client.get("/search/", {"q": "returnees counselling"}).text


def test_revoke_all_purges_every_copy_of_that_origin_only():
    ours = [copy_apply(origin=HUB, item=practice_item()) for _ in range(2)]
    other = type(HUB)(portal="https://other.example.org", name="Other portal")
    theirs = copy_apply(origin=other, item=practice_item(url="https://other.example.org/p/1"))
    assert copies_drop(origin=HUB, withdrawn_at=T0) == 2
    states = dict(Practice.objects.filter(origin_uuid__isnull=False).values_list("pk", "status"))
    assert [states[c.pk] for c in ours] == ["withdrawn", "withdrawn"] and states[theirs.pk] == "published"


def test_search_offers_the_source_of_practices_as_a_facet(client, contributor):
    from tests.practices.factories import make_practice

    make_practice(author=contributor, title="Local mentoring scheme", publish=True)
    copy_apply(origin=HUB, item=practice_item())
    page = client.get("/search/", {"source": "hub.example.eu"}).text
    assert "Family counselling for returnees" in page and "Local mentoring scheme" not in page
    page = client.get("/search/", {"source": "local"}).text
    assert "Family counselling for returnees" not in page and "Local mentoring scheme" in page
    assert "This portal" in page and "hub.example.eu" in page
