"""A robustness sweep of the receiving side (pull, inbox, copies) against peers it has never
seen: old versions, buggy ones, hostile ones. Only the remote peer is faked (FakeOrigin, signing
its answers as a real origin does); everything on this side is the real code.

Each case says what a serious product does: the item is refused with a reason the operator sees
(``SkippedItem``, ``federation_status``, the pull command's output) or kept safely; the other
items of the page and the other peers still get through; nothing local changes; no exception
escapes the worker; a peer that is down delays work and drops none.
"""

import datetime
import json
import re
import time
import uuid as uuid_module
from io import BytesIO, StringIO

import pytest
import requests
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from http_message_signatures import HTTPMessageSigner
from http_message_signatures.structures import CaseInsensitiveDict
from urllib3.response import HTTPResponse

from federation import schema, signing
from federation.models import Delivery, Peer, PullState, SkippedItem
from federation.pull import PullFailed, peer_pull
from federation.worker import worker_cycle
from practices.models import Practice
from tests.conftest import make_user, with_totp
from tests.federation.conftest import serve_origin
from tests.federation.fake_origin import FakeOrigin
from tests.federation.fakes import FakePeer, send_through_client
from tests.federation.items import practice_item
from tests.practices.factories import make_practice

pytestmark = pytest.mark.django_db


# Helpers -------------------------------------------------------------------------------------


def _raw(origin: FakeOrigin, **changes) -> dict:
    """A well-formed item as JSON, with ``changes``."""
    entry = practice_item(base_url=origin.peer.base_url).model_dump(mode="json")
    entry.update(changes)
    return entry


def _copies(origin: FakeOrigin):
    return Practice.objects.filter(origin_portal=origin.peer.base_url)


def _published(origin: FakeOrigin) -> list[str]:
    return sorted(_copies(origin).filter(status="published").values_list("title", flat=True))


def _reasons(origin: FakeOrigin) -> list[str]:
    return list(SkippedItem.objects.filter(peer=origin.registered).values_list("error", flat=True))


def _state(origin: FakeOrigin) -> PullState:
    return PullState.objects.get(peer=origin.registered)


def _pull_one_bad_between_good(origin: FakeOrigin, bad) -> list[str]:
    """Publish a good item, ``bad`` (raw JSON), another good item; pull; the reasons recorded."""
    origin.add_raw(_raw(origin, title="Good before"))
    origin.events.append(bad)  # as it is: _page numbers the entries by their place
    origin.add_raw(_raw(origin, title="Good after"))
    origin._feed = lambda cursor: _page(origin, cursor)  # type: ignore[method-assign]
    report = peer_pull(peer=origin.registered)
    assert report.skipped == 1, _reasons(origin)
    assert _published(origin) == ["Good after", "Good before"]
    assert _state(origin).cursor == len(origin.events)
    return _reasons(origin)


def _page(origin: FakeOrigin, cursor: int) -> dict:
    """The feed page after ``cursor``, whatever the entries are (objects or not)."""
    numbered = list(enumerate(origin.events, start=1))
    page = [entry for number, entry in numbered if number > cursor][: origin.page_size]
    next_cursor = min(cursor + len(page), len(origin.events))
    return {"feed_id": origin.feed_id, "items": page, "next_cursor": next_cursor, "latest": len(origin.events)}


def _sign(origin: FakeOrigin, request, status: int, body: bytes, content_type: str = "application/json", **extra):
    """A response ``origin`` signs, with any body and content type (or ``raw``: a stream)."""
    headers = CaseInsensitiveDict({"Content-Type": content_type, **extra.get("headers", {})})
    now = datetime.datetime.now(datetime.UTC)
    signer = HTTPMessageSigner(
        signature_algorithm=signing.ALGORITHM, key_resolver=signing._FixedKey(origin.peer.key.private)
    )
    asked = signing._Request(method=request.method, url=request.url, headers=CaseInsensitiveDict(request.headers))
    signer.sign(
        signing._Response(status_code=status, headers=headers, request=asked),
        key_id=origin.peer.key.key_id,
        created=now,
        expires=extra.get("expires", now + signing.LIFETIME),
        label=signing.LABEL,
        tag=signing.TAG,
        covered_component_ids=signing.RESPONSE_COMPONENTS[:2] + signing.RESPONSE_COMPONENTS[3:],
        body=body,
    )
    response = requests.Response()
    response.status_code = status
    response.headers = requests.structures.CaseInsensitiveDict(headers.items())
    response.raw = HTTPResponse(body=extra.get("raw") or BytesIO(body), status=status, preload_content=False)
    response.request, response.url = request, request.url
    return response


def _answer_feed_with(origin: FakeOrigin, answer) -> None:
    """Every feed request answered by ``answer(request)`` (a requests.Response)."""
    plain = origin.send

    def send(request, **kwargs):
        if "/federation/feed" in request.url:
            origin.requests.append(f"{request.method} {request.url}")
            return answer(request)
        return plain(request, **kwargs)

    origin.send = send  # type: ignore[method-assign]


@pytest.fixture
def other_origin(fake_origin, monkeypatch) -> FakeOrigin:
    """A second origin, well-behaved, at another address: it must get through whatever the first does."""
    peer = FakePeer(base_url="https://other.example.net", name="Other")
    fake_origin.peer.documents[peer.base_url] = peer.document  # type: ignore[attr-defined]
    origin = serve_origin(peer, monkeypatch)
    origin.add_raw(_raw(origin, title="From the other peer"))
    return origin


# 1. Wrong JSON types, missing fields, unknown fields ------------------------------------------

WRONG_TYPES = [
    ("title", ["a list"]),
    ("title", None),
    ("title", 12),
    ("title", {"en": "nested"}),
    ("description", {"nested": "object"}),
    ("description", None),
    ("deliverables", ["a", "list"]),
    ("key_themes", "family-support"),
    ("key_themes", [1, 2]),
    ("key_themes", None),
    ("key_themes", [["nested"]]),
    ("target_audiences", {"families": True}),
    ("organisation", "Centre for Family Support"),
    ("organisation", None),
    ("organisation", {"name": ["x"], "type": "ngo"}),
    ("organisation", {"name": "Centre", "type": None}),
    ("version", "two"),
    ("version", 1.5),
    ("version", 0),
    ("version", -3),
    ("version", [1]),
    ("start_year", "soon"),
    ("start_year", [2018]),
    ("start_year", 1066),
    ("end_year", 3000),
    ("uuid", 42),
    ("uuid", None),
    ("uuid", "not-a-uuid"),
    ("url", None),
    ("url", ["https://peer.example.org/p/1/"]),
    ("visibility", "secret"),
    ("visibility", None),
    ("event", "seven"),
    ("type", "article"),
    ("country", ["BE"]),
    ("country", "BEL"),
    ("published_at", None),
    ("updated_at", {"date": "2026-03-01"}),
]


@pytest.mark.parametrize(("name", "value"), WRONG_TYPES, ids=[f"{n}={v!r}"[:40] for n, v in WRONG_TYPES])
def test_a_field_of_the_wrong_type_refuses_that_item_only_with_its_reason(fake_origin, name, value):
    [reason] = _pull_one_bad_between_good(fake_origin, _raw(fake_origin, **{name: value}))
    assert name in reason


@pytest.mark.parametrize("entry", ["a string", 42, None, ["a", "list"], True, {}], ids=repr)
def test_an_entry_that_is_not_an_item_object_is_refused_and_the_rest_applied(fake_origin, entry):
    [reason] = _pull_one_bad_between_good(fake_origin, entry)
    assert reason


REQUIRED = [name for name, field in schema.PracticeItem.model_fields.items() if field.is_required()]


@pytest.mark.parametrize("name", REQUIRED)
def test_an_item_missing_a_required_field_is_refused_naming_it(fake_origin, name):
    bad = _raw(fake_origin)
    del bad[name]
    [reason] = _pull_one_bad_between_good(fake_origin, bad)
    assert name in reason and "required" in reason.lower()


@pytest.mark.parametrize(
    "extra",
    [
        {"contact": "Jane Doe, +32 470 12 34 56, jane@example.org"},
        {"author": {"email": "jane@example.org"}},
        {"rating": 5},
        {"organisation": {"name": "Centre", "type": "ngo", "email": "jane@example.org"}},
    ],
    ids=["contact", "author", "unknown", "nested-contact"],
)
def test_an_item_with_a_field_the_protocol_does_not_know_is_refused(fake_origin, extra):
    [reason] = _pull_one_bad_between_good(fake_origin, _raw(fake_origin, **extra))
    assert "Extra inputs are not permitted" in reason
    assert "jane@example.org" not in str(list(Practice.objects.values()))


def test_a_contact_in_a_peer_item_is_shown_to_nobody(fake_origin, client, outsider_client, moderator_client):
    """A contact detail arriving in an item (an old or careless origin) is never stored, so no
    page shows it, to the anonymous visitor, the outsider or a moderator."""
    fake_origin.add_raw(_raw(fake_origin, title="Leaky practice", contact="Jane Doe, jane@example.org"))
    fake_origin.add_raw(_raw(fake_origin, title="Clean practice"))
    peer_pull(peer=fake_origin.registered)
    copy = _copies(fake_origin).get()
    assert copy.title == "Clean practice" and copy.contact == ""
    for reader in (client, outsider_client, moderator_client):
        page = reader.get(reverse("practices:detail", kwargs={"pk": copy.pk})).text
        assert "jane@example.org" not in page and "Jane Doe" not in page
        assert "Leaky practice" not in reader.get("/search/", {"q": "Leaky"}).text


# 2. Taxonomy codes ----------------------------------------------------------------------------


def test_codes_in_the_wrong_case_are_understood(fake_origin):
    fake_origin.add_raw(
        _raw(
            fake_origin,
            language="EN",
            country="be",
            evidence_level="Process_Evaluation",
            peer_reviewed="YES",
            key_themes=["Family-Support"],
            target_audiences=["FAMILIES"],
            organisation={"name": "Centre for Family Support", "type": "NGO"},
        )
    )
    assert peer_pull(peer=fake_origin.registered).skipped == 0, _reasons(fake_origin)
    copy = _copies(fake_origin).get()
    assert (copy.language, copy.country.code, copy.evidence_level, copy.peer_reviewed) == (
        "en",
        "BE",
        "process_evaluation",
        "yes",
    )
    assert [t.code for t in copy.key_themes.all()] == ["family-support"]
    assert [t.code for t in copy.target_audiences.all()] == ["families"]
    assert copy.organisation.type.code == "ngo"


def test_unknown_theme_audience_and_organisation_type_codes_are_dropped_with_a_note(fake_origin):
    """The origin may run a newer taxonomy: the practice is kept, the codes this portal does not
    know are dropped, and the operator is told which (the pull command's output)."""
    fake_origin.add_raw(
        _raw(
            fake_origin,
            key_themes=["family-support", "space-travel"],
            target_audiences=["families", "martians"],
            organisation={"name": "Centre for Family Support", "type": "guild"},
        )
    )
    out = StringIO()
    call_command("federation_pull", stdout=out)
    copy = _copies(fake_origin).get()
    assert [t.code for t in copy.key_themes.all()] == ["family-support"]
    assert [t.code for t in copy.target_audiences.all()] == ["families"]
    assert copy.organisation.type.code == "other"
    text = out.getvalue()
    assert "space-travel" in text and "martians" in text and "guild" in text


def test_an_item_this_portal_does_not_keep_earns_no_note_about_its_codes(fake_origin):
    """A members' item from a peer whose members' practices this portal does not take is never
    kept (any copy is withdrawn): its unknown codes are no news to the operator."""
    Peer.objects.filter(pk=fake_origin.registered.pk).update(accept_levels=["public"])
    fake_origin.add_raw(_raw(fake_origin, visibility="members", key_themes=["space-travel"]))
    out = StringIO()
    call_command("federation_pull", stdout=out)
    assert "space-travel" not in out.getvalue()
    assert not _copies(fake_origin).exists()


@pytest.mark.parametrize(
    ("name", "value"),
    [("country", "XX"), ("language", "xx"), ("evidence_level", "miraculous"), ("peer_reviewed", "maybe")],
)
def test_an_unknown_code_for_a_single_choice_refuses_the_item_saying_which(fake_origin, name, value):
    [reason] = _pull_one_bad_between_good(fake_origin, _raw(fake_origin, **{name: value}))
    assert name in reason and value in reason


# 3. Over-long fields --------------------------------------------------------------------------


def test_a_title_over_the_local_limit_is_refused_clearly(fake_origin):
    [reason] = _pull_one_bad_between_good(fake_origin, _raw(fake_origin, title="T" * 301))
    assert "title" in reason and "300 characters" in reason


def test_a_narrative_over_the_local_form_limit_is_kept_whole_and_shown(fake_origin, client, settings):
    """Another portal may allow longer texts (PRACTICE_FIELD_MAX_CHARS is per instance): a copy is
    not edited here, so its text is kept whole, never cut without a note."""
    long = ("word " * (settings.PRACTICE_FIELD_MAX_CHARS // 5 + 100)).strip() + " THE-END"
    fake_origin.add_raw(_raw(fake_origin, description=long))
    assert peer_pull(peer=fake_origin.registered).applied == 1
    copy = _copies(fake_origin).get()
    assert copy.description == long
    page = client.get(reverse("practices:detail", kwargs={"pk": copy.pk}))
    assert page.status_code == 200 and "THE-END" in page.text


def test_a_narrative_beyond_what_the_protocol_carries_is_refused_clearly(fake_origin):
    [reason] = _pull_one_bad_between_good(fake_origin, _raw(fake_origin, description="x" * 200_001))
    assert "description" in reason and "200000 characters" in reason


def test_a_long_organisation_name_keeps_the_origins_host_in_the_copys_organisation(fake_origin):
    fake_origin.add_raw(_raw(fake_origin, organisation={"name": "N" * 200, "type": "ngo"}))
    peer_pull(peer=fake_origin.registered)
    name = _copies(fake_origin).get().organisation.name
    assert len(name) <= 200 and name.endswith("(peer.example.org)") and "…" in name


def test_an_organisation_name_cut_to_a_local_organisations_name_is_not_taken_over(fake_origin):
    """However long the name, the copy's organisation carries the origin's host: never one of ours
    (here a verified one of 200 characters, still without members)."""
    from portal.models import Organisation, OrganisationType

    ours = Organisation.objects.create(
        name="Municipal prevention unit " * 7 + "x" * 18, type=OrganisationType.objects.get(code="ngo"), verified=True
    )
    assert len(ours.name) == 200
    fake_origin.add_raw(_raw(fake_origin, organisation={"name": ours.name, "type": "ngo"}))
    peer_pull(peer=fake_origin.registered)
    copy = _copies(fake_origin).get()
    assert copy.organisation != ours and copy.organisation.name.endswith("(peer.example.org)")
    assert not ours.practices.exists()


# 4. Injection ---------------------------------------------------------------------------------

INJECTED = {
    "title": '<script>alert("t")</script><img src=x onerror=alert(1)> Injected practice',
    "description": 'Hello <script>alert("d")</script> <img src=x onerror="alert(2)"> <b onclick=alert(3)>x</b>',
    "deliverables": "[click me](javascript:alert(4)) and [other](JaVaScRiPt:alert(5)) and <a href='javascript:x'>y</a>",
    "start": '<iframe src="https://evil.example/"></iframe> <svg onload=alert(6)></svg> <style>body{}</style>',
    "geographical_scope": '[data](data:text/html;base64,PHNjcmlwdD4=) <a href="vbscript:x">v</a>',
    "organisation": {"name": '<script>alert("o")</script> Centre', "type": "ngo"},
}


def _unsafe(html: str) -> list[str]:
    """Script, event handlers and script URLs in tags of ``html`` (escaped text does not count)."""
    found = re.findall(r"<script(?![^>]*\bsrc=)[^>]*>", html, flags=re.I)
    found += re.findall(r"<[a-z][^>]*\son\w+\s*=", html, flags=re.I)
    found += re.findall(r"""(?:href|src|action)\s*=\s*["']?\s*(?:javascript|vbscript|data):""", html, flags=re.I)
    found += re.findall(r"<(?:iframe|svg|style|object|embed)\b", html, flags=re.I)
    return found


def test_script_in_a_copy_never_runs_on_its_page_in_search_or_in_lists(fake_origin, client, outsider_client):
    fake_origin.add_raw(_raw(fake_origin, **INJECTED))
    assert peer_pull(peer=fake_origin.registered).applied == 1, _reasons(fake_origin)
    copy = _copies(fake_origin).get()
    pages = {
        "detail": client.get(reverse("practices:detail", kwargs={"pk": copy.pk})),
        "search": client.get("/search/", {"q": "Injected practice"}),
        "search-member": outsider_client.get("/search/", {"q": "Hello click"}),
        "home": client.get("/"),
    }
    for name, response in pages.items():
        assert response.status_code == 200, name
        assert _unsafe(response.text) == [], name
    assert "Injected practice" in pages["detail"].text and "Injected practice" in pages["search"].text
    assert "click me" in pages["detail"].text  # the link's text stays, its script address does not


# 5. Invalid UTF-8, control characters, NUL ----------------------------------------------------


def test_nul_and_control_characters_are_removed_and_the_copy_shown(fake_origin, client):
    fake_origin.add_raw(
        _raw(
            fake_origin,
            title="Nul\x00 and bell\x07 practice",
            description="Line one\r\nLine\ttwo\x00\x1b[31m red",
            organisation={"name": "Centre\x00 for\x08 Support", "type": "ngo"},
        )
    )
    assert peer_pull(peer=fake_origin.registered).applied == 1, _reasons(fake_origin)
    copy = _copies(fake_origin).get()
    assert copy.title == "Nul and bell practice"
    assert copy.description == "Line one\r\nLine\ttwo[31m red"
    assert copy.organisation.name == "Centre for Support (peer.example.org)"
    assert client.get(reverse("practices:detail", kwargs={"pk": copy.pk})).status_code == 200


def test_a_nul_in_an_unreadable_item_is_recorded_without_it(fake_origin):
    reasons = _pull_one_bad_between_good(fake_origin, _raw(fake_origin, uuid="\x00bad\x00", version="\x00"))
    assert "\x00" not in reasons[0] and "\x00" not in SkippedItem.objects.get().uuid


def test_invalid_utf8_in_a_page_is_read_with_replacement_characters(fake_origin):
    page = _page_with(fake_origin, [_raw(fake_origin, title="Caf\udce9 practice")])
    body = json.dumps(page, ensure_ascii=False).encode("utf-8", "surrogateescape")  # a lone 0xE9 byte
    assert b"Caf\xe9 practice" in body
    _answer_feed_with(fake_origin, lambda request: _sign(fake_origin, request, 200, body))
    peer_pull(peer=fake_origin.registered)
    assert _published(fake_origin) == ["Caf\ufffd practice"]


def _page_with(origin: FakeOrigin, items: list, **envelope) -> dict:
    numbered = [{**item, "event": n} for n, item in enumerate(items, start=1)]
    page = {"feed_id": origin.feed_id, "items": numbered, "next_cursor": len(items), "latest": len(items)}
    return {**page, **envelope}


# 6. Dates -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value",
    ["2026-13-45T00:00:00Z", "yesterday", "", "01/03/2026", "2026-03-01T09:00:00", "2026-03-01", 1e20],
    ids=["impossible", "words", "empty", "local-format", "naive", "date-only", "huge-number"],
)
def test_a_date_in_a_wrong_format_refuses_the_item(fake_origin, value):
    [reason] = _pull_one_bad_between_good(fake_origin, _raw(fake_origin, updated_at=value))
    assert "updated_at" in reason


@pytest.mark.parametrize("name", ["updated_at", "published_at"])
@pytest.mark.parametrize("value", ["9999-12-31T23:59:59Z", "2999-01-01T00:00:00+00:00"])
def test_a_date_in_the_far_future_refuses_the_item(fake_origin, name, value):
    """A copy dated in the future would sit at the top of every list by date."""
    [reason] = _pull_one_bad_between_good(fake_origin, _raw(fake_origin, **{name: value}))
    assert name in reason and re.search(r"in the future|between 1900 and 3000", reason)


@pytest.mark.parametrize("value", ["0001-01-01T00:00:00+01:00", "0001-01-01T00:00:00Z", "1066-10-14T09:00:00Z"])
def test_a_date_in_the_far_past_refuses_the_item(fake_origin, value):
    [reason] = _pull_one_bad_between_good(fake_origin, _raw(fake_origin, published_at=value))
    assert "published_at" in reason


def test_a_unix_timestamp_is_read_as_a_date(fake_origin):
    fake_origin.add_raw(_raw(fake_origin, updated_at=1_767_225_600, published_at=1_767_225_600))
    assert peer_pull(peer=fake_origin.registered).applied == 1
    assert _copies(fake_origin).get().published_at == datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)


def test_a_tombstone_with_a_naive_or_broken_date_is_refused_and_the_copy_stays(fake_origin):
    entry = fake_origin.publish(practice_item(base_url=fake_origin.peer.base_url))
    peer_pull(peer=fake_origin.registered)
    fake_origin.add_raw({"type": "tombstone", "uuid": entry["uuid"], "withdrawn_at": "2026-03-01T09:00:00"})
    fake_origin.add_raw({"type": "tombstone", "uuid": entry["uuid"], "withdrawn_at": "soon"})
    assert peer_pull(peer=fake_origin.registered).skipped == 2
    assert _copies(fake_origin).get().status == "published"


# 7. Numbers out of range ----------------------------------------------------------------------


@pytest.mark.parametrize("value", [2**31, 2**63, 2**70], ids=["2^31", "2^63", "2^70"])
def test_a_version_too_large_for_the_database_refuses_the_item(fake_origin, value):
    [reason] = _pull_one_bad_between_good(fake_origin, _raw(fake_origin, version=value))
    assert "version" in reason


@pytest.mark.parametrize("value", [-1, 2**63, 2**70], ids=["negative", "2^63", "2^70"])
def test_a_tombstone_event_out_of_range_is_refused_and_no_receipt_owed(fake_origin, value):
    entry = fake_origin.publish(practice_item(base_url=fake_origin.peer.base_url))
    peer_pull(peer=fake_origin.registered)
    at = timezone.now().isoformat()
    fake_origin.events.append({"type": "tombstone", "event": value, "uuid": entry["uuid"], "withdrawn_at": at})
    fake_origin._feed = lambda cursor: _page(fake_origin, cursor)  # type: ignore[method-assign]
    assert peer_pull(peer=fake_origin.registered).skipped == 1
    assert _copies(fake_origin).get().status == "published" and not Delivery.objects.exists()


@pytest.mark.parametrize(
    "envelope",
    [{"next_cursor": -5}, {"next_cursor": 2**70, "latest": 2**70}, {"latest": -1}, {"next_cursor": 2**63}],
    ids=["negative-cursor", "huge", "negative-latest", "cursor-past-latest"],
)
def test_a_page_with_cursors_out_of_range_fails_the_pull_and_keeps_the_cursor(fake_origin, envelope):
    fake_origin.publish(practice_item(base_url=fake_origin.peer.base_url))
    peer_pull(peer=fake_origin.registered)
    fake_origin.publish(practice_item(base_url=fake_origin.peer.base_url))
    page = _page_with(fake_origin, [_raw(fake_origin)], **envelope)
    _answer_feed_with(fake_origin, lambda request: _sign(fake_origin, request, 200, json.dumps(page).encode()))
    with pytest.raises(PullFailed, match=r"cursor|latest"):
        peer_pull(peer=fake_origin.registered)
    state = _state(fake_origin)
    assert state.cursor == 1 and ("cursor" in state.last_error or "latest" in state.last_error)


# 8. Duplicates and collisions -----------------------------------------------------------------


def test_the_same_item_twice_in_a_page_keeps_the_newest_version_once(fake_origin):
    uuid = str(uuid_module.uuid4())
    fake_origin.page_size = 10
    fake_origin.add_raw(
        _raw(fake_origin, uuid=uuid, url=f"{fake_origin.peer.base_url}/p/{uuid}", version=2, title="V2")
    )
    fake_origin.add_raw(
        _raw(fake_origin, uuid=uuid, url=f"{fake_origin.peer.base_url}/p/{uuid}", version=1, title="V1")
    )
    fake_origin.add_raw(
        _raw(fake_origin, uuid=uuid, url=f"{fake_origin.peer.base_url}/p/{uuid}", version=2, title="V2b")
    )
    peer_pull(peer=fake_origin.registered)
    assert _published(fake_origin) == ["V2"]


def test_an_item_named_like_a_local_practice_is_refused_and_the_local_one_unchanged(fake_origin, contributor):
    local = make_practice(author=contributor, title="Our own practice", publish=True)
    before = Practice.objects.filter(pk=local.pk).values().get()
    url = f"{fake_origin.peer.base_url}/p/{local.uuid}"
    [reason] = _pull_one_bad_between_good(fake_origin, _raw(fake_origin, uuid=str(local.uuid), url=url, title="Fake"))
    assert "this portal" in reason
    assert Practice.objects.filter(pk=local.pk).values().get() == before
    assert not Practice.objects.filter(title="Fake").exists()


def test_an_item_holding_a_local_practices_row_id_changes_nothing_local(fake_origin, contributor):
    local = make_practice(author=contributor, title="Our own practice", publish=True)
    fake_origin.add_raw(_raw(fake_origin, event=local.pk, id=local.pk, pk=local.pk))
    fake_origin.add_raw(_raw(fake_origin, event=local.pk, title="Plain"))
    peer_pull(peer=fake_origin.registered)
    assert Practice.objects.get(pk=local.pk).title == "Our own practice"
    assert _published(fake_origin) == ["Plain"] and _copies(fake_origin).get().pk != local.pk


def test_an_item_another_peer_already_shares_is_refused_and_that_copy_unchanged(fake_origin, other_origin):
    peer_pull(peer=other_origin.registered)
    theirs = Practice.objects.get(origin_portal=other_origin.peer.base_url)
    uuid = str(theirs.origin_uuid)
    url = f"{fake_origin.peer.base_url}/p/{uuid}"
    [reason] = _pull_one_bad_between_good(fake_origin, _raw(fake_origin, uuid=uuid, url=url, title="Hijack"))
    assert "other.example.net" in reason
    assert Practice.objects.get(pk=theirs.pk).title == "From the other peer"


def test_a_tombstone_for_another_peers_practice_changes_nothing(fake_origin, other_origin, client):
    peer_pull(peer=other_origin.registered)
    theirs = Practice.objects.get(origin_portal=other_origin.peer.base_url)
    fake_origin.withdraw(theirs.origin_uuid)
    peer_pull(peer=fake_origin.registered)
    assert Practice.objects.get(pk=theirs.pk).status == "published"
    prepared = fake_origin.peer.signed(
        "POST", "/federation/inbox", body=_notice(fake_origin, "withdraw", uuid=str(theirs.origin_uuid), event=3)
    )
    assert send_through_client(client, prepared).status_code == 202
    prepared = fake_origin.peer.signed("POST", "/federation/inbox", body=_notice(fake_origin, "revoke-all"))
    assert send_through_client(client, prepared).status_code == 202
    assert Practice.objects.get(pk=theirs.pk).status == "published"


def test_a_tombstone_for_a_local_practice_changes_nothing(fake_origin, contributor):
    local = make_practice(author=contributor, title="Our own practice", publish=True)
    fake_origin.withdraw(local.uuid)
    peer_pull(peer=fake_origin.registered)
    assert Practice.objects.get(pk=local.pk).status == "published"


# 9. Pagination --------------------------------------------------------------------------------


def test_a_next_cursor_pointing_to_its_own_page_stops_the_pull_at_once(fake_origin, other_origin):
    for n in range(3):
        fake_origin.add_raw(_raw(fake_origin, title=f"Practice {n}"))
    fake_origin._feed = lambda cursor: {**_page(fake_origin, cursor), "next_cursor": cursor}  # type: ignore[method-assign]
    with pytest.raises(PullFailed, match="does not advance"):
        peer_pull(peer=fake_origin.registered)
    assert sum("/federation/feed" in r for r in fake_origin.requests) <= 2
    assert "does not advance" in _state(fake_origin).last_error
    assert worker_cycle().pulled >= 1  # the other peer still gets through
    assert _published(other_origin) == ["From the other peer"]


def test_a_cycle_of_next_links_stops_the_pull(fake_origin):
    for n in range(6):
        fake_origin.add_raw(_raw(fake_origin, title=f"Practice {n}"))

    def cycling(cursor):  # 0 -> 2 -> 4 -> back to 2
        page = _page(fake_origin, cursor)
        return {**page, "next_cursor": 2 if cursor >= 4 else page["next_cursor"]}

    fake_origin._feed = cycling  # type: ignore[method-assign]
    with pytest.raises(PullFailed, match="does not advance"):
        peer_pull(peer=fake_origin.registered)
    assert sum("/federation/feed" in r for r in fake_origin.requests) <= 4


def test_a_page_larger_than_the_protocol_allows_is_refused_whole(fake_origin):
    items = [_raw(fake_origin, title=f"Practice {n}") for n in range(schema.MAX_PAGE_ITEMS + 1)]
    page = _page_with(fake_origin, items)
    _answer_feed_with(fake_origin, lambda request: _sign(fake_origin, request, 200, json.dumps(page).encode()))
    with pytest.raises(PullFailed, match=str(schema.MAX_PAGE_ITEMS)):
        peer_pull(peer=fake_origin.registered)
    assert not _copies(fake_origin).exists() and _state(fake_origin).cursor == 0


def test_an_unknown_field_in_the_page_envelope_fails_the_pull_saying_so(fake_origin, other_origin):
    fake_origin.add_raw(_raw(fake_origin))
    fake_origin._feed = lambda cursor: {**_page(fake_origin, cursor), "generated_by": "v9"}  # type: ignore[method-assign]
    worker_cycle()
    assert "generated_by" in _state(fake_origin).last_error
    assert _published(other_origin) == ["From the other peer"]


# 10. What comes back instead of a feed page ---------------------------------------------------


def _bodies():
    return {
        "html-200-signed": (200, b"<html><body>Welcome</body></html>", "text/html"),
        "html-500-signed": (500, b"<html><h1>Internal Server Error</h1>\x00</html>", "text/html"),
        "truncated-json": (200, b'{"feed_id": "00000000-0000-4000-8000-000000000001", "items": [{"type": "pra', "x"),
        "json-list": (200, b"[1, 2, 3]", "application/json"),
        "json-null": (200, b"null", "application/json"),
        "json-string": (200, b'"feed"', "application/json"),
        "empty": (200, b"", "application/json"),
        "redirect-elsewhere": (302, b"", "text/plain"),
    }


@pytest.mark.parametrize("kind", list(_bodies()))
def test_an_answer_that_is_not_a_feed_page_fails_the_pull_and_loses_nothing(fake_origin, other_origin, kind):
    fake_origin.add_raw(_raw(fake_origin, title="Waiting"))
    status, body, content_type = _bodies()[kind]
    headers = {"Location": "https://evil.example/federation/feed"} if status == 302 else {}

    def answer(request):
        return _sign(fake_origin, request, status, body, content_type, headers=headers)

    plain = fake_origin.send
    _answer_feed_with(fake_origin, answer)
    report = worker_cycle()
    assert report.failed_pulls == 1 and report.pulled == 1
    state = _state(fake_origin)
    assert state.failures == 1 and state.last_error and state.cursor == 0 and "\x00" not in state.last_error
    assert not any("evil.example" in r for r in fake_origin.requests)
    assert _published(other_origin) == ["From the other peer"]
    fake_origin.send = plain  # type: ignore[method-assign]  # it is fixed: what waited arrives
    peer_pull(peer=fake_origin.registered)
    assert _published(fake_origin) == ["Waiting"]


@pytest.mark.parametrize("signed", [True, False])
def test_an_unsigned_or_foreign_html_answer_is_refused(fake_origin, signed):
    fake_origin.add_raw(_raw(fake_origin))

    def answer(request):
        response = _sign(fake_origin, request, 200, b"<html>captive portal</html>", "text/html")
        if not signed:
            response.headers.pop("Signature")
        return response

    _answer_feed_with(fake_origin, answer)
    with pytest.raises(PullFailed):
        peer_pull(peer=fake_origin.registered)
    assert not _copies(fake_origin).exists()


def test_an_oversized_answer_is_cut_off_and_fails_the_pull(fake_origin, monkeypatch):
    monkeypatch.setattr(signing, "MAX_RESPONSE_BYTES", 10_000)
    fake_origin.add_raw(_raw(fake_origin, description="x" * 20_000))
    with pytest.raises(PullFailed, match="10000 bytes"):
        peer_pull(peer=fake_origin.registered)
    assert "10000 bytes" in _state(fake_origin).last_error and _state(fake_origin).cursor == 0


class _Drip:
    """A body that arrives a few bytes at a time, slowly (each read within the socket timeout)."""

    def __init__(self, body: bytes, pause: float):
        self.body, self.pause = body, pause

    def read(self, amount=-1, *args):
        time.sleep(self.pause)
        chunk, self.body = self.body[:8], self.body[8:]
        return chunk

    read1 = read

    def close(self):
        pass

    closed = False


def test_an_answer_that_drips_in_slowly_is_given_up_after_the_deadline(fake_origin, other_origin, monkeypatch):
    monkeypatch.setattr(signing, "RESPONSE_DEADLINE", 0.3)
    fake_origin.add_raw(_raw(fake_origin))
    body = json.dumps(_page_with(fake_origin, [_raw(fake_origin)])).encode()
    _answer_feed_with(fake_origin, lambda request: _sign(fake_origin, request, 200, body, raw=_Drip(body, 0.05)))
    started = time.monotonic()
    report = worker_cycle()
    assert time.monotonic() - started < 5
    assert report.failed_pulls == 1 and "0.3 s" in _state(fake_origin).last_error
    assert _published(other_origin) == ["From the other peer"]


def test_a_peer_down_delays_the_pull_and_drops_nothing(fake_origin):
    for n in range(3):
        fake_origin.add_raw(_raw(fake_origin, title=f"Practice {n}"))
    fake_origin.down = True
    assert worker_cycle().failed_pulls == 1
    assert worker_cycle().failed_pulls == 0  # backing off: not asked again at once
    fake_origin.down = False
    PullState.objects.update(next_pull_at=timezone.now())
    worker_cycle()
    assert _published(fake_origin) == ["Practice 0", "Practice 1", "Practice 2"]


# 11. Signatures -------------------------------------------------------------------------------


def test_an_answer_whose_signature_has_expired_is_refused(fake_origin):
    fake_origin.add_raw(_raw(fake_origin))
    body = json.dumps(_page_with(fake_origin, [_raw(fake_origin)])).encode()
    past = datetime.datetime.now(datetime.UTC) - datetime.timedelta(minutes=10)
    _answer_feed_with(fake_origin, lambda request: _sign(fake_origin, request, 200, body, expires=past))
    with pytest.raises(PullFailed, match="expired"):
        peer_pull(peer=fake_origin.registered)
    assert not _copies(fake_origin).exists()


def test_a_key_rotation_in_the_middle_of_a_pull_loses_nothing(fake_origin):
    for n in range(4):
        fake_origin.add_raw(_raw(fake_origin, title=f"Practice {n}"))
    fake_origin.pages_left = None
    plain = fake_origin.send
    pages = []

    def rotate_after_first_page(request, **kwargs):
        if "/federation/feed" in request.url:
            pages.append(request.url)
            if len(pages) == 2:
                fake_origin.peer.rotate()
        return plain(request, **kwargs)

    fake_origin.send = rotate_after_first_page  # type: ignore[method-assign]
    peer_pull(peer=fake_origin.registered)
    assert _published(fake_origin) == [f"Practice {n}" for n in range(4)]


def test_a_forged_rotation_in_the_middle_of_a_pull_is_refused_and_keeps_the_pages_before(fake_origin):
    from tests.federation.fakes import FakeKey

    for n in range(4):
        fake_origin.add_raw(_raw(fake_origin, title=f"Practice {n}"))
    plain = fake_origin.send
    pages = []

    def forge_after_first_page(request, **kwargs):
        if "/federation/feed" in request.url:
            pages.append(request.url)
            if len(pages) == 2:
                fake_origin.peer.rotate(endorsed_by=FakeKey(fake_origin.peer.base_url))
        return plain(request, **kwargs)

    fake_origin.send = forge_after_first_page  # type: ignore[method-assign]
    with pytest.raises(PullFailed):
        peer_pull(peer=fake_origin.registered)
    assert _published(fake_origin) == ["Practice 0", "Practice 1"] and _state(fake_origin).cursor == 2


# 12. The inbox --------------------------------------------------------------------------------


def _notice(origin: FakeOrigin, kind: str, **fields) -> bytes:
    body = {"type": kind, "origin": origin.peer.base_url, "sent_at": timezone.now().isoformat(), **fields}
    return json.dumps(body).encode()


SENT = {"origin": "https://peer.example.org", "sent_at": "2026-01-01T00:00:00Z"}
WITHDRAW = {**SENT, "type": "withdraw", "uuid": "00000000-0000-4000-8000-000000000009", "event": 3}
NOTICES = {
    "not-json": b"{not json",
    "invalid-utf8": b'{"type": "changed", "origin": "\xff\xfe"}',
    "a-list": b"[]",
    "null": b"null",
    "nul-in-origin": json.dumps({**SENT, "type": "revoke-all", "origin": SENT["origin"] + "\x00"}).encode(),
    "unknown-type": json.dumps({**SENT, "type": "explode"}).encode(),
    "withdraw-without-uuid": json.dumps({**WITHDRAW, "uuid": None}).encode(),
    "naive-date": json.dumps({**SENT, "type": "changed", "sent_at": "2026-01-01T00:00:00"}).encode(),
    "event-negative": json.dumps({**WITHDRAW, "event": -1}).encode(),
    "event-huge": json.dumps({**WITHDRAW, "event": 10**23}).encode(),
    "withdrawn-naive": json.dumps({**WITHDRAW, "withdrawn_at": "2026-01-01T00:00:00"}).encode(),
    "withdrawn-year-1": json.dumps({**WITHDRAW, "withdrawn_at": "0001-01-01T00:00:00+01:00"}).encode(),
}


@pytest.mark.parametrize("kind", list(NOTICES))
def test_a_malformed_notice_is_refused_with_a_signed_reason_and_changes_nothing(fake_origin, client, kind):
    fake_origin.publish(practice_item(base_url=fake_origin.peer.base_url))
    peer_pull(peer=fake_origin.registered)
    response = send_through_client(client, fake_origin.peer.signed("POST", "/federation/inbox", body=NOTICES[kind]))
    assert response.status_code == 400 and response.json()["error"]
    assert "Signature" in response.headers
    assert _copies(fake_origin).get().status == "published" and not Delivery.objects.exists()


# 13. The worker -------------------------------------------------------------------------------


def test_a_bug_on_this_side_with_one_peer_is_recorded_and_the_worker_goes_on(fake_origin, other_origin, monkeypatch):
    """Whatever goes wrong with one peer (here: an error this code did not foresee), the worker
    records it on that peer, backs off, and still pulls the others and posts what is owed."""
    from federation import pull

    fake_origin.add_raw(_raw(fake_origin))
    original = pull.copy_apply

    def broken(*, origin, item):
        if origin.portal == fake_origin.peer.base_url:
            raise RuntimeError("unforeseen")
        return original(origin=origin, item=item)

    monkeypatch.setattr(pull, "copy_apply", broken)
    report = worker_cycle()
    assert (report.pulled, report.failed_pulls) == (1, 1)
    state = _state(fake_origin)
    assert "unforeseen" in state.last_error and state.failures == 1 and state.next_pull_at > timezone.now()
    assert _published(other_origin) == ["From the other peer"]


# 14. Where the operator reads the reasons -----------------------------------------------------


@pytest.fixture
def admin_client(db):
    from django.test import Client

    client = Client()
    client.force_login(with_totp(make_user("root@portal.example", is_staff=True, is_superuser=True)))
    return client


def test_the_reasons_for_skipped_items_are_in_status_the_pull_command_and_the_admin(fake_origin, admin_client):
    fake_origin.add_raw(_raw(fake_origin, title="T" * 301))
    out = StringIO()
    call_command("federation_pull", stdout=out)
    assert "300 characters" in out.getvalue()
    status = StringIO()
    call_command("federation_status", stdout=status)
    assert "300 characters" in status.getvalue()
    status = StringIO()
    call_command("federation_status", "--json", stdout=status)
    [peer] = json.loads(status.getvalue())["peers"]
    assert "300 characters" in peer["skipped"][0]["error"]
    page = admin_client.get(reverse("admin:federation_skippeditem_changelist"))
    assert page.status_code == 200 and "300 characters" in page.text
