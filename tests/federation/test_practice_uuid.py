"""Every practice has its own uuid (its name across instances), kept through edits."""

from practices import services
from practices.models import Practice
from tests.practices.factories import make_practice


def test_a_proposed_edit_gets_its_own_uuid_and_never_passes_it_on(contributor):
    practice = make_practice(author=contributor, publish=True)
    original = practice.uuid
    revision = services.practice_start_revision(practice=practice, editor=contributor)
    assert revision.uuid != original
    assert Practice.objects.get(pk=practice.pk).uuid == original
    # An approved edit copies these into the published practice: never its identity.
    assert "uuid" not in services.CONTENT_ATTRIBUTES
