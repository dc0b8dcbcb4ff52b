"""A token of the code a process runs, for what is kept of pages across processes and restarts.

Kept pages, API answers and thread fragments live in a shared cache (with
``DJANGO_CACHE=database``: the ``portal_page_cache`` table) under keys made of the content
they show, not of the code that rendered them: after an upgrade, a page kept by the former
code (its templates, its translations, its static files' hashed names) would be served until it
expired, up to an hour, and a browser holding it would be told it had not changed. Every such
key, and every page's ETag, carries this token instead, so an upgrade starts afresh.

The token is a hash of the files that make a page: the apps' Python and templates, the
templates folder, the compiled translations and the static files' manifest (written by
``collectstatic``). Reading them takes some 40 ms once per process (measured on the two-core
development machine, 436 files, 2 MB). ``PORTAL_RELEASE`` in the environment, when set (an image
tag, a commit), is used as it is and nothing is read.
"""

import hashlib
import os
from functools import cache
from pathlib import Path

# Where the files that make a page live, under the project's root.
FOLDERS = ("api", "federation", "network", "portal", "practices", "search", "templates", "locale")
SUFFIXES = frozenset({".py", ".html", ".txt", ".mo"})
MANIFEST = "staticfiles.json"


@cache
def code_token(root: Path, static_root: Path | None = None) -> str:
    """The release named in ``PORTAL_RELEASE``, else a hash of the files under ``root`` that make
    a page, and of ``static_root``'s manifest when there is one."""
    named = os.environ.get("PORTAL_RELEASE", "").strip()
    if named:
        return named[:64]
    digest = hashlib.blake2b(digest_size=10)
    paths = [
        path
        for folder in FOLDERS
        for path in (root / folder).rglob("*")
        if path.suffix in SUFFIXES and "__pycache__" not in path.parts and path.is_file()
    ]
    if static_root is not None and (static_root / MANIFEST).is_file():
        paths.append(static_root / MANIFEST)
    for path in sorted(paths):
        digest.update(str(path.relative_to(root) if path.is_relative_to(root) else path.name).encode())
        digest.update(b"\0")
        digest.update(path.read_bytes())
    return digest.hexdigest()
