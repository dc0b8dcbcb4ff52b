import pytest

from federation import keys
from tests.federation.fakes import FakePeer


@pytest.fixture
def fake_peer(db, monkeypatch) -> FakePeer:
    """A remote instance whose /federation/instance is served from memory."""
    peer = FakePeer()
    documents = {peer.base_url: peer.document}

    def fetch_instance(base_url: str) -> dict:
        return documents[base_url.rstrip("/")]()

    monkeypatch.setattr(keys, "fetch_instance", fetch_instance)
    peer.documents = documents  # type: ignore[attr-defined]  # more fake instances may be added
    return peer


@pytest.fixture
def fake_origin(fake_peer, monkeypatch):
    """``fake_peer`` as an origin this portal pulls from (public and members accepted), its
    answers served by a requests transport mounted for its address only."""
    return serve_origin(fake_peer, monkeypatch)


def serve_origin(peer: FakePeer, monkeypatch):
    """``peer`` registered as an origin (public shared, public and members accepted), its answers
    served by a requests transport mounted for its address only (other addresses as before)."""
    import requests

    from tests.federation.fake_origin import FakeOrigin

    origin = FakeOrigin(peer)
    origin.registered = peer.register(share=("public",), accept=("public", "members"))  # type: ignore[attr-defined]
    current = requests.Session.get_adapter

    def get_adapter(session, url):
        return origin if url.startswith(peer.base_url + "/") else current(session, url)

    monkeypatch.setattr(requests.Session, "get_adapter", get_adapter)
    return origin
