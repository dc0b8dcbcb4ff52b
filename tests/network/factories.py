"""Case rooms for tests: one helper instead of the same seven arguments in every file."""

from datetime import timedelta

from django.utils import timezone

from network import services
from network.models import Network
from portal.models import User


def make_case_room(
    *,
    moderator: User,
    members: tuple[User, ...] = (),
    name: str = "Case room",
    purpose: str = "One family.",
    days_open: int = 30,
    retention_days: int = 90,
) -> Network:
    """A case room (invitation only) open for `days_open` more days, `members` added by `moderator`."""
    room = services.network_create(
        actor=moderator,
        name=name,
        purpose=purpose,
        policy=Network.Policy.INVITATION,
        is_case_room=True,
        access_ends_on=timezone.localdate() + timedelta(days=days_open),
        retention_days=retention_days,
    )
    for member in members:
        services.network_member_add(network=room, user=member, actor=moderator)
    return room
