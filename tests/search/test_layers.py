"""The search layer imports none of the apps it serves (ARCHITECTURE.md, "Layers").

Every module under search/ is parsed (ast) and each of its imports, at module level or
inside a function, is checked. The apps hand the search layer what it needs through
their registrations (search/collections.py). ``portal`` is allowed: it is the bottom
layer (accounts and access), below search, and its ``ReaderScope`` is the vocabulary
in which a faceted collection states a reader's rights.
"""

import ast
from pathlib import Path

import pytest

import search

SEARCH = Path(search.__file__).parent
FORBIDDEN = ("practices", "network", "federation", "api")
MODULES = sorted(SEARCH.rglob("*.py"))


def imported(tree: ast.AST) -> list[tuple[int, str]]:
    names = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.append((node.lineno, node.module))
    return names


def forbidden_imports(source: str) -> list[str]:
    return [f"line {line}: {name}" for line, name in imported(ast.parse(source)) if name.split(".")[0] in FORBIDDEN]


def test_the_walk_sees_every_kind_of_import():
    source = (
        "import practices\nfrom network.models import Post\ndef f():\n    from api import views\nimport portal.access\n"
    )
    assert forbidden_imports(source) == ["line 1: practices", "line 2: network.models", "line 4: api"]


def test_the_walk_covers_the_search_layer():
    names = {path.relative_to(SEARCH).as_posix() for path in MODULES}
    assert {
        "collections.py",
        "outbox.py",
        "worker.py",
        "views.py",
        "backends/database/__init__.py",
        "backends/elasticsearch/backend.py",
        "management/commands/search.py",
    } <= names


@pytest.mark.parametrize("path", MODULES, ids=lambda path: path.relative_to(SEARCH).as_posix())
def test_no_search_module_imports_an_app_it_serves(path):
    assert forbidden_imports(path.read_text(encoding="utf-8")) == []
