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
