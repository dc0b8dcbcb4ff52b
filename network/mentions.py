"""@mentions: ``@Name`` where Name is how a member of the network is shown to others
(their pseudonym when they use one, otherwise their name).

Only active members of the post's network can be mentioned. A pseudonymous member
cannot be reached through their real name, so a mention never confirms who is
behind a pseudonym.
"""

import re
import xml.etree.ElementTree as etree
from collections.abc import Sequence
from html import unescape

from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe
from markdown.extensions import Extension
from markdown.inlinepatterns import InlineProcessor

from network.models import Network, NetworkMembership
from portal.access import display_name
from portal.models import Membership, User
from portal.text import render_markdown


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
    """The members an @name reaches: active members of ``network`` whose portal access lasts
    (``access.may_use_networks_q``, the rule of the members page). A member whose access lapsed
    (they left their organisation, it lost its verification) is unknown to a mention as a removed
    member is: no link, no completion, and the author is told the name matches no member, so
    nobody learns by a mention that a colleague left their organisation."""
    from network.access import may_use_networks_q  # access names people through these helpers' rules

    users = list(
        User.objects.filter(
            may_use_networks_q(""),
            network_memberships__network=network,
            network_memberships__state=NetworkMembership.State.ACTIVE,
        )
    )
    prime_memberships(users)
    return users


def linkable_members(network: Network) -> list[User]:
    """The members an @mention links to: ``mentionable_members``."""
    return mentionable_members(network)


def mention_pattern(name: str) -> re.Pattern:
    """How ``@name`` is written in a post: the one definition of a written mention."""
    return re.compile(r"(?<![\w@])@" + re.escape(name) + r"(?![\w])", re.IGNORECASE)


def mentioned_users(text: str, members: list[User]) -> list[User]:
    """Members named with ``@`` in ``text``; longer names win over their prefixes."""
    found: list[User] = []
    remaining = text or ""
    named = sorted(((public_name(u), u) for u in members), key=lambda pair: -len(pair[0]))
    for name, user in named:
        if not name.strip():
            continue
        pattern = mention_pattern(name)
        if pattern.search(remaining):
            found.append(user)
            remaining = pattern.sub(" ", remaining)
    return found


def member_url(network_id: int, name: str) -> str:
    """The page of the member of ``network_id`` shown as ``name`` (network.views.member_detail).
    It names the person by the text of the mention, never by account: the page finds the
    member who carries that name *when it is opened*, so a link written before a rename, a
    new pseudonym or a departure leads nobody to the person behind it."""
    return reverse("network:member", kwargs={"pk": network_id, "name": name})


def _canonical(typed: str, canonical: dict[str, str]) -> str | None:
    """The member's name (as ``canonical``, by casefolded name, has it) that ``typed`` writes in
    another case: compared as the mention patterns compare (``re.IGNORECASE``), which folds some
    letters otherwise than ``str.casefold`` (Turkish "I" and "ı")."""
    name = canonical.get(typed.casefold())
    if name is not None:
        return name
    return next((n for n in canonical.values() if re.fullmatch(re.escape(n), typed, re.IGNORECASE)), None)


class _MentionLinks(InlineProcessor):
    """``@Name`` of a member (longest names first, case-insensitive) becomes a link to their
    member page; never inside a link, code or an e-mail address."""

    ANCESTOR_EXCLUDES = ("a",)

    def __init__(self, network_id: int, names: list[str]):
        alternatives = "|".join(re.escape(name) for name in sorted(names, key=lambda n: (-len(n), n)))
        super().__init__(r"(?i)(?<![\w@])@(" + alternatives + r")(?![\w])")
        self.network_id = network_id
        self.canonical = {name.casefold(): name for name in names}

    def handleMatch(self, m: re.Match[str], data: str) -> tuple[etree.Element, int, int]:  # type: ignore[override]  # InlineProcessor's signature (typeshed types it apart from Pattern's)
        name = _canonical(m.group(1), self.canonical) or m.group(1)
        link = etree.Element("a", {"href": member_url(self.network_id, name), "class": "mention"})
        link.text = m.group(0)
        return link, m.start(0), m.end(0)


# How an @name is typed, whoever it names.
TYPED_MENTION = re.compile(r"(?<![\w@])@([\w][\w.\-']*)")


class _TypedNames(InlineProcessor):
    """An ``@name`` still standing where a mention would link once the members' names are links
    (so never inside a link or code): it names nobody. Collected in ``found``, left as text."""

    ANCESTOR_EXCLUDES = ("a",)

    def __init__(self, found: list[str]):
        super().__init__(TYPED_MENTION.pattern)
        self.found = found

    def handleMatch(self, m: re.Match[str], data: str) -> tuple[None, int, int]:  # type: ignore[override]  # as _MentionLinks
        self.found.append("@" + m.group(1).rstrip(".-'"))
        return None, m.start(0), m.end(0)  # no element: the text stays as it is


class _MentionExtension(Extension):
    """The members' ``names`` become links; with ``unknown``, the @names left are collected there."""

    def __init__(self, network_id: int, names: list[str], unknown: list[str] | None = None):
        super().__init__()
        self.network_id, self.names, self.unknown = network_id, names, unknown

    def extendMarkdown(self, md) -> None:  # Markdown's API name
        # After links, automatic links and raw HTML (so never inside one), before emphasis.
        if self.names:
            md.inlinePatterns.register(_MentionLinks(self.network_id, self.names), "network_mention", 85)
        if self.unknown is not None:  # after the members' names: "@Anna Berg" leaves no "@Anna"
            md.inlinePatterns.register(_TypedNames(self.unknown), "network_unknown_mention", 84)


def _names(members: Sequence[User]) -> list[str]:
    return sorted({name for name in (public_name(u) for u in members) if name.strip()})


def cook_body(body: str, *, network_id: int, members: Sequence[User]) -> SafeString:
    """A post's Markdown as the sanitised HTML pages show: ``@Name`` of an active member of the
    network (``members``) links to their member page; other @names stay text. A link written
    to look like a mention (raw HTML with ``class="mention"``) loses the class. Tables keep
    their columns' alignment (``portal.text.ALIGNED_TABLES``)."""
    names = _names(members)
    if not names or "@" not in (body or ""):
        html = render_markdown(body)
    else:
        html = render_markdown(body, extensions=[_MentionExtension(network_id, names)])
    if 'class="mention"' not in html:
        return html
    return _only_made_mentions(html, network_id=network_id, names=names)


def unknown_names(body: str, *, network_id: int, members: Sequence[User]) -> list[str]:
    """The ``@names`` of ``body`` that name none of ``members``, as typed, each once. Read where
    ``cook_body`` links mentions (the same Markdown pass: never in code, a link or raw HTML),
    after the members' names, longest first."""
    if "@" not in (body or ""):
        return []
    found: list[str] = []
    render_markdown(body, extensions=[_MentionExtension(network_id, _names(members), unknown=found)])
    unknown: list[str] = []
    for name in found:
        if name.casefold() not in (n.casefold() for n in unknown):
            unknown.append(name)
    return unknown


# A link in HTML as nh3 writes it (attributes double-quoted, never nested in another link).
_LINK = re.compile(r"<a ([^>]*)>(.*?)</a>", re.DOTALL)
_ATTRIBUTE = re.compile(r'([\w-]+)="([^"]*)"')


def _mention_name(attributes: str, text: str, *, network_id: int, canonical: dict[str, str]) -> str | None:
    """The member's name when this link is a mention ``cook_body`` made: its text ``@Name`` of a
    member, leading to that member's page; None otherwise."""
    values = dict(_ATTRIBUTE.findall(attributes))
    if values.get("class") != "mention":
        return None
    shown = unescape(text)
    name = _canonical(shown[1:], canonical) if shown.startswith("@") else None
    if name is None or unescape(values.get("href", "")) != member_url(network_id, name):
        return None
    return name


def _only_made_mentions(html: str, *, network_id: int, names: list[str]) -> SafeString:
    canonical = {name.casefold(): name for name in names}

    def check(match: re.Match[str]) -> str:
        attributes, text = match.group(1), match.group(2)
        if 'class="mention"' not in attributes:
            return match.group(0)
        if _mention_name(attributes, text, network_id=network_id, canonical=canonical) is not None:
            return match.group(0)
        return "<a " + " ".join(attributes.replace('class="mention"', "").split()) + ">" + text + "</a>"

    return mark_safe(_LINK.sub(check, html))  # noqa: S308 - nh3's output, a class attribute removed


def linked_names(html: str) -> list[str]:
    """The texts (``@Name``) of the mention links in a post's stored HTML (``cook_body`` keeps
    only those it made), each once: who a post mentions is who it shows as mentioned, so an
    @name in code, in a link's text or in an HTML comment reaches nobody."""
    found: list[str] = []
    for match in _LINK.finditer(html or ""):
        if 'class="mention"' in match.group(1):
            shown = unescape(match.group(2))
            if shown not in found:
                found.append(shown)
    return found
