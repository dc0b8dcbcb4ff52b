"""@mentions: ``@Name`` where Name is how a member of the network is shown to others
(their pseudonym when they use one, otherwise their name).

Only active members of the post's network can be mentioned. A pseudonymous member
cannot be reached through their real name, so a mention never confirms who is
behind a pseudonym.
"""

import re
from collections.abc import Sequence

from network.models import Network, NetworkMembership
from portal.access import display_name
from portal.models import Membership, User


def prime_memberships(users: Sequence[User | None]) -> None:
    """Load the portal memberships of many users in one query (the approved one, and the
    organisations they belong to or ask to join), so that naming them through
    ``display_name`` and checking their access cost nothing more."""
    pending = [u for u in users if u is not None and "live_organisation_ids" not in u.__dict__]
    if not pending:
        return
    rows = Membership.objects.select_related("organisation", "organisation__type").filter(
        user_id__in={u.pk for u in pending}, state__in=[Membership.State.REQUESTED, Membership.State.APPROVED]
    )
    approved: dict[int, Membership] = {}
    live: dict[int, set[int]] = {}
    for membership in rows:
        live.setdefault(membership.user_id, set()).add(membership.organisation_id)
        if membership.state == Membership.State.APPROVED:
            approved[membership.user_id] = membership
    for user in pending:
        user.__dict__.setdefault("membership", approved.get(user.pk))
        user.__dict__["live_organisation_ids"] = live.get(user.pk, set())


def public_name(user: User) -> str:
    """The name everyone may see: what ``display_name`` shows to a plain member."""
    return display_name(viewer=None, person=user)


def mentionable_members(network: Network) -> list[User]:
    users = list(
        User.objects.filter(
            is_active=True,
            network_memberships__network=network,
            network_memberships__state=NetworkMembership.State.ACTIVE,
        )
    )
    prime_memberships(users)
    return users


def _pattern(name: str) -> re.Pattern:
    return re.compile(r"(?<![\w@])@" + re.escape(name) + r"(?![\w])", re.IGNORECASE)


def mentioned_users(text: str, members: list[User]) -> list[User]:
    """Members named with ``@`` in ``text``; longer names win over their prefixes."""
    found: list[User] = []
    remaining = text or ""
    named = sorted(((public_name(u), u) for u in members), key=lambda pair: -len(pair[0]))
    for name, user in named:
        if not name.strip():
            continue
        pattern = _pattern(name)
        if pattern.search(remaining):
            found.append(user)
            remaining = pattern.sub(" ", remaining)
    return found
