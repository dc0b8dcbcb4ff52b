"""What travels between instances, as pydantic models (extra fields forbidden: a message
with a field we do not know is refused, never half-read). The JSON Schema of each model is in
docs/federation/ (``manage.py federation_schema`` writes it; a test keeps it current).

``PracticeItem`` is the allowlist of a practice's fields that may leave the portal: never the
contact details, the author, findings, reviews, audit, or anything not listed here.
"""

from datetime import UTC, datetime
from typing import Annotated, Literal
from uuid import UUID

from pydantic import AfterValidator, AwareDatetime, BaseModel, ConfigDict, Field, StringConstraints

# Taxonomy and choice codes, read in any case (the portal's codes are lowercase).
Code = Annotated[str, StringConstraints(max_length=100, to_lower=True)]
Country = Annotated[str, StringConstraints(max_length=2, to_upper=True)]
Text = Annotated[str, StringConstraints(max_length=200_000)]
Year = Annotated[int, Field(ge=1900, le=2100)]
# A feed event id, a cursor: what the database's big integers hold.
EventId = Annotated[int, Field(ge=0, le=2**63 - 1)]
# A published version number: what the copy's version column holds.
Version = Annotated[int, Field(ge=1, le=2**31 - 1)]
# The most items a feed page may carry (GET /federation/feed?limit=L: L at most this).
MAX_PAGE_ITEMS = 500
EARLIEST, LATEST = datetime(1900, 1, 1, tzinfo=UTC), datetime(3000, 1, 1, tzinfo=UTC)


def _plausible(moment: datetime) -> datetime:
    if not EARLIEST <= moment < LATEST:
        raise ValueError(f"a date between {EARLIEST.year} and {LATEST.year} (with its time zone) is expected")
    return moment


# A moment with its time zone (a naive date is refused: whose clock would it be?), 1900 to 2999.
Moment = Annotated[AwareDatetime, AfterValidator(_plausible)]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class PublicKey(Strict):
    key_id: str
    fingerprint: Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")]
    public_key: str = Field(description="Raw Ed25519 public key, base64url without padding.")
    created_at: datetime
    valid_until: datetime | None = Field(description="Set once the key was replaced; null: current.")
    endorsement: str = Field(
        default="", description="Compact JWS (EdDSA) by the previous key: {iss, sub, fingerprint, public_key, iat}."
    )


class Instance(Strict):
    """GET /federation/instance: who we are."""

    url: str
    name: str
    key_id: str = Field(description="The key that signs now.")
    fingerprint: str
    keys: list[PublicKey] = Field(description="The whole chain, oldest first.")


class Organisation(Strict):
    name: Annotated[str, StringConstraints(max_length=200)]
    type: Code = Field(description="Organisation type code.")


class PracticeItem(Strict):
    """A practice as it travels: its current published state."""

    type: Literal["practice"] = "practice"
    event: EventId = Field(description="The feed event this state answers (0 outside the feed).")
    uuid: UUID
    url: str = Field(description="The practice's page on its origin.")
    version: Version = Field(description="Published version number; a copy is replaced only by a newer one.")
    updated_at: Moment
    published_at: Moment
    visibility: Literal["public", "members"]
    language: Code
    evidence_level: Code
    title: Annotated[str, StringConstraints(max_length=300)]
    description: Text
    peer_reviewed: Code
    key_themes: list[Code]
    target_audiences: list[Code]
    geographical_scope: Text
    start: Text
    start_year: Year | None
    end_year: Year | None
    deliverables: Text
    evidence_evaluation: Text
    sustainability_transferability: Text
    ran_meetings: Text
    eu_links_funding: Text
    organisation_description: Text
    country: Country
    last_update_year: Year | None
    organisation: Organisation


class Tombstone(Strict):
    """A practice the peer must no longer hold: withdrawn, or no longer shared with it."""

    type: Literal["tombstone"] = "tombstone"
    event: EventId
    uuid: UUID
    withdrawn_at: Moment


FeedEntry = Annotated[PracticeItem | Tombstone, Field(discriminator="type")]


class FeedPage(Strict):
    """GET /federation/feed?cursor=N: the events after N, in id order."""

    feed_id: UUID = Field(description="Changes when the origin's feed starts again: restart from cursor 0.")
    items: list[FeedEntry] = Field(max_length=MAX_PAGE_ITEMS)
    next_cursor: EventId = Field(description="Ask again from here.")
    latest: EventId = Field(description="The newest event id; a cursor past it means the origin was restored.")


class ManifestEntry(Strict):
    uuid: UUID
    version: Version
    updated_at: Moment


class Manifest(Strict):
    """GET /federation/manifest: everything the caller may hold now."""

    feed_id: UUID
    latest: EventId
    items: list[ManifestEntry]


class Holdings(Strict):
    """POST /federation/holdings: the uuids of every copy of our practices the caller holds."""

    items: list[UUID] = Field(max_length=1_000_000)


class HoldingsCheck(Strict):
    """The answer: what to drop (not shared with it any more, or never served to it) and what
    our ledger never served it (copies that should not exist)."""

    held: int
    drop: list[UUID]
    unknown: list[UUID]


class Notice(Strict):
    """POST <peer>/federation/inbox: the origin's alarm; pulling stays the truth."""

    type: Literal["changed", "withdraw", "revoke-all"]
    origin: str = Field(description="The origin's PORTAL_URL.")
    sent_at: Moment
    uuid: UUID | None = Field(default=None, description="withdraw: the practice.")
    event: EventId | None = Field(default=None, description="withdraw: the tombstone's feed event.")
    withdrawn_at: Moment | None = None


class ReceiptClaims(Strict):
    """The claims of a receipt, a compact JWS (EdDSA) signed by the peer's current key (``kid``)."""

    iss: str = Field(description="The peer's PORTAL_URL.")
    aud: str = Field(description="The origin's PORTAL_URL.")
    item: UUID
    event: int
    applied_at: int = Field(description="When the copy was purged, seconds since the epoch.")
    iat: int


class ReceiptSubmission(Strict):
    """POST /federation/receipts."""

    receipt: Annotated[str, StringConstraints(max_length=10_000)]


class ReceiptAccepted(Strict):
    """201 answer to POST /federation/receipts (also when the receipt was already kept)."""

    item: UUID
    event: int
    received_at: datetime


class Refusal(Strict):
    """Any 4xx answer of /federation/*: why."""

    error: str


# The messages whose JSON Schema is published in docs/federation/.
PUBLISHED_SCHEMAS: dict[str, type[BaseModel]] = {
    "instance": Instance,
    "feed-page": FeedPage,
    "practice-item": PracticeItem,
    "tombstone": Tombstone,
    "manifest": Manifest,
    "holdings": Holdings,
    "holdings-check": HoldingsCheck,
    "notice": Notice,
    "receipt-claims": ReceiptClaims,
    "receipt-submission": ReceiptSubmission,
    "receipt-accepted": ReceiptAccepted,
    "refusal": Refusal,
}
