"""A network's moderators change its name, purpose, membership policy and listing; a case
room's closing date and retention period are the portal moderators' to change."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from network import services
from network.models import Network
from portal.models import AuditEvent
from tests.network.conftest import add_member

pytestmark = pytest.mark.django_db

NON_MODERATORS = [
    "client",
    "contributor_client",
    "outsider_client",
    "colleague_client",
    "applicant_client",
    "former_member_client",
]


def _settings_url(network) -> str:
    return reverse("network:settings", args=[network.pk])


def _case_room(moderator) -> Network:
    return services.network_create(
        actor=moderator,
        name="Case K.",
        purpose="One family.",
        policy="invitation",
        is_case_room=True,
        access_ends_on=timezone.localdate() + timedelta(days=30),
        retention_days=90,
    )


def test_network_moderator_renames_the_network_and_opens_it_to_requests(
    network, moderator, colleague, colleague_client
):
    add_member(network, colleague, moderator=moderator, role="moderator")
    page = colleague_client.get(_settings_url(network))
    assert page.status_code == 200 and 'value="Exit work Ravnstad"' in page.content.decode()
    data = {"name": "Exit work North", "purpose": "Cases in the north.", "policy": "request", "listed": "on"}
    response = colleague_client.post(_settings_url(network), data)
    assert response.status_code == 302 and response["Location"] == _settings_url(network)
    network.refresh_from_db()
    assert (network.name, network.purpose, network.policy, network.listed) == (
        "Exit work North",
        "Cases in the north.",
        "request",
        True,
    )
    event = AuditEvent.objects.get(action="network.settings")
    assert event.actor == colleague and event.target_id == network.pk
    assert event.comment == "changed=listed,name,policy,purpose"  # field codes only, never the new name


def test_settings_form_with_errors_keeps_what_was_typed(network, moderator_client):
    data = {"name": "", "purpose": "A purpose typed with care.", "policy": "request"}
    response = moderator_client.post(_settings_url(network), data)
    assert response.status_code == 400
    page = response.content.decode()
    assert "A purpose typed with care." in page and '<option value="request" selected>' in page
    network.refresh_from_db()
    assert network.name == "Exit work Ravnstad" and network.purpose == "Exit counselling cases in the north."
    assert not AuditEvent.objects.filter(action="network.settings").exists()


@pytest.mark.parametrize("reader", NON_MODERATORS)
def test_settings_answer_404_to_plain_members_and_everyone_else(request, reader, network):
    client = request.getfixturevalue(reader)
    for response in (
        client.get(_settings_url(network)),
        client.post(_settings_url(network), {"name": "Taken over", "purpose": "x", "policy": "request"}),
    ):
        assert response.status_code == 404
        assert "Exit work Ravnstad" not in response.content.decode()
    network.refresh_from_db()
    assert network.name == "Exit work Ravnstad"


def test_plain_member_cannot_change_settings_through_the_service(network, contributor):
    with pytest.raises(PermissionDenied):
        services.network_update(
            network=network, actor=contributor, name="Mine", purpose="x", policy="request", listed=True
        )
    network.refresh_from_db()
    assert network.name == "Exit work Ravnstad" and not network.listed


def test_saving_unchanged_settings_records_nothing(network, moderator):
    services.network_update(
        network=network,
        actor=moderator,
        name=network.name,
        purpose=network.purpose,
        policy=network.policy,
        listed=network.listed,
    )
    assert not AuditEvent.objects.filter(action="network.settings").exists()


def test_case_room_terms_are_shown_but_not_editable_to_its_network_moderators(
    moderator, contributor, contributor_client
):
    room = _case_room(moderator)
    add_member(room, contributor, moderator=moderator, role="moderator")
    page = contributor_client.get(_settings_url(room)).content.decode()
    assert 'name="retention_days"' not in page and 'name="listed"' not in page and "90 days" in page
    with pytest.raises(PermissionDenied):
        services.network_update(
            network=room, actor=contributor, name="Case K.", purpose="One family.", retention_days=3650
        )
    data = {"name": "Case K. (family)", "purpose": "One family.", "retention_days": "3650"}
    assert contributor_client.post(_settings_url(room), data).status_code == 302
    room.refresh_from_db()
    assert room.name == "Case K. (family)" and room.retention_days == 90


def test_portal_moderator_extends_a_case_room_but_never_lists_it(moderator, moderator_client):
    room = _case_room(moderator)
    later = timezone.localdate() + timedelta(days=60)
    data = {"name": "Case K.", "purpose": "One family.", "access_ends_on": later.isoformat(), "retention_days": "30"}
    assert moderator_client.post(_settings_url(room), data).status_code == 302
    room.refresh_from_db()
    assert room.access_ends_on == later and room.retention_days == 30
    with pytest.raises(ValidationError):
        services.network_update(network=room, actor=moderator, name="Case K.", purpose="x", listed=True)
    room.refresh_from_db()
    assert not room.listed and room.is_case_room


def test_a_case_room_needs_its_terms(moderator, moderator_client):
    room = _case_room(moderator)
    data = {"name": "Case K.", "purpose": "One family.", "access_ends_on": "", "retention_days": ""}
    response = moderator_client.post(_settings_url(room), data)
    assert response.status_code == 400
    room.refresh_from_db()
    assert room.retention_days == 90 and isinstance(room.access_ends_on, date)


def test_refused_settings_leave_the_network_object_untouched(network, moderator):
    with pytest.raises(ValidationError):
        services.network_update(network=network, actor=moderator, name="", purpose="x", policy="nonsense")
    assert network.name == "Exit work Ravnstad"
    network.refresh_from_db()
    assert network.name == "Exit work Ravnstad"
