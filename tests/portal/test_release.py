"""What is kept of pages is kept under the code that rendered it (portal/release.py): an upgrade
never serves a page, an API answer or a fragment kept by the former code, nor tells a browser
that a page it holds from then is unchanged."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import caches
from django.test import override_settings
from django.urls import reverse

from portal.release import code_token

ROOT = Path(__file__).resolve().parents[2]


def _tree(root: Path) -> Path:
    (root / "templates").mkdir(parents=True)
    (root / "templates" / "base.html").write_text("<title>{% block title %}{% endblock %}</title>")
    (root / "portal").mkdir()
    (root / "portal" / "views.py").write_text("def home(request): ...\n")
    (root / "locale" / "fr" / "LC_MESSAGES").mkdir(parents=True)
    (root / "locale" / "fr" / "LC_MESSAGES" / "django.mo").write_bytes(b"\x00catalogue v1")
    (root / "staticfiles").mkdir()
    (root / "tests").mkdir()
    (root / "tests" / "test_x.py").write_text("def test(): ...\n")
    return root


@pytest.fixture
def tree(tmp_path, monkeypatch):
    monkeypatch.delenv("PORTAL_RELEASE", raising=False)
    code_token.cache_clear()
    yield _tree(tmp_path / "project")
    code_token.cache_clear()


def _token(root: Path) -> str:
    code_token.cache_clear()
    return code_token(root, root / "staticfiles")


@pytest.mark.parametrize(
    "path, content",
    [
        ("templates/base.html", "<title>{% block title %}{% endblock %} – portal</title>"),
        ("portal/views.py", "def home(request): return None\n"),
        ("locale/fr/LC_MESSAGES/django.mo", "\x00catalogue v2"),
        ("staticfiles/staticfiles.json", '{"paths": {"css/portal.css": "css/portal.1a2b3c.css"}}'),
    ],
)
def test_a_change_to_what_makes_a_page_gives_another_token(tree, path, content):
    before = _token(tree)
    (tree / path).write_text(content)
    assert _token(tree) != before


def test_tests_and_compiled_bytecode_are_not_part_of_the_token(tree):
    before = _token(tree)
    (tree / "tests" / "test_x.py").write_text("def test(): assert True\n")
    (tree / "portal" / "__pycache__").mkdir()
    (tree / "portal" / "__pycache__" / "views.cpython-311.pyc").write_bytes(b"\x00")
    assert _token(tree) == before


def test_a_release_named_by_the_operator_is_used_as_it_is(tree, monkeypatch):
    monkeypatch.setenv("PORTAL_RELEASE", "2026.12.1")
    assert _token(tree) == "2026.12.1"


def test_the_shared_page_cache_of_production_is_kept_under_the_release():
    env = {**os.environ, "DJANGO_CACHE": "database", "DJANGO_SECRET_KEY": "x", "PORTAL_RELEASE": ""}
    code = (
        "import portal.settings as s; "
        "print(s.CACHES['pages-shared']['KEY_PREFIX'] == s.PORTAL_RELEASE, len(s.PORTAL_RELEASE))"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["True", "20"]


@pytest.mark.django_db
def test_after_an_upgrade_a_page_kept_before_is_neither_served_nor_validated(client):
    assert caches["pages"].key_prefix == settings.PORTAL_RELEASE
    first = client.get(reverse("home"))
    assert client.get(reverse("home"), HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    upgraded = {alias: dict(config) for alias, config in settings.CACHES.items()}
    upgraded["pages"]["KEY_PREFIX"] = "next-release"
    with override_settings(PORTAL_RELEASE="next-release", CACHES=upgraded):
        assert caches["pages"].key_prefix == "next-release"
        again = client.get(reverse("home"), HTTP_IF_NONE_MATCH=first["ETag"])
        assert again.status_code == 200 and again["ETag"] != first["ETag"]
