"""Static URLs kept per process (portal.static_storage): the same URLs as WhiteNoise's manifest
storage gives, a name missing from the manifest refused every time, DEBUG's unhashed names."""

import json

import pytest
from whitenoise.storage import CompressedManifestStaticFilesStorage

from portal.static_storage import KeptUrlsManifestStorage

MANIFEST = {
    "paths": {
        "css/portal.css": "css/portal.0123456789ab.css",
        "js/site-menu.js": "js/site-menu.ba9876543210.js",
        "fonts/a b.woff2": "fonts/a b.1111aaaa2222.woff2",
    },
    "version": "1.1",
    "hash": "feedfacecafe",
}
NAMES = ["css/portal.css", "js/site-menu.js", "fonts/a b.woff2", "css/portal.css#top", "css/"]


@pytest.fixture
def storages(tmp_path, settings):
    settings.DEBUG = False
    (tmp_path / "staticfiles.json").write_text(json.dumps(MANIFEST))
    options = {"location": str(tmp_path), "base_url": "/static/"}
    return KeptUrlsManifestStorage(**options), CompressedManifestStaticFilesStorage(**options)


def test_the_urls_are_the_manifest_storages_own_read_twice(storages):
    kept, own = storages
    expected = [own.url(name) for name in NAMES]

    assert [kept.url(name) for name in NAMES] == expected
    assert [kept.url(name) for name in NAMES] == expected
    assert kept.url("css/portal.css") == "/static/css/portal.0123456789ab.css"


def test_a_name_missing_from_the_manifest_is_refused_every_time(storages):
    kept, _own = storages
    for _ in range(2):
        with pytest.raises(ValueError, match="Missing staticfiles manifest entry"):
            kept.url("css/missing.css")


def test_debug_gives_the_unhashed_names_even_after_a_hashed_one_was_kept(storages, settings):
    kept, _own = storages
    assert kept.url("css/portal.css") == "/static/css/portal.0123456789ab.css"

    settings.DEBUG = True

    assert kept.url("css/portal.css") == "/static/css/portal.css"
