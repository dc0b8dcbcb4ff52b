"""``portal`` is the bottom layer (ARCHITECTURE.md, "Layers"): accounts, organisations and
their types, access. None of its modules imports a higher app, so the model graph has
no cycle (an organisation's type lives here, not in ``practices``).

The root composition is the exception: the home page view, the root URLs and the process
entry point (wsgi.py warms up the personal-data check) sit on top of every app by design.
"""

import ast
from pathlib import Path

import pytest

import portal

PORTAL = Path(portal.__file__).parent
HIGHER = ("practices", "network", "search", "federation", "api")
COMPOSITION = {"views.py", "urls.py", "settings.py", "wsgi.py"}
MODULES = sorted(path for path in PORTAL.rglob("*.py") if path.relative_to(PORTAL).as_posix() not in COMPOSITION)


def higher_imports(source: str) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [f"line {node.lineno}: {alias.name}" for alias in node.names if alias.name.split(".")[0] in HIGHER]
        elif (
            isinstance(node, ast.ImportFrom) and node.level == 0 and node.module and node.module.split(".")[0] in HIGHER
        ):
            found.append(f"line {node.lineno}: {node.module}")
    return found


def test_the_walk_sees_imports_at_any_depth():
    source = "import practices.models\ndef f():\n    from network import services\nfrom portal import access\n"
    assert higher_imports(source) == ["line 1: practices.models", "line 3: network"]


def test_the_walk_covers_models_migrations_and_services():
    names = {path.relative_to(PORTAL).as_posix() for path in MODULES}
    assert {"models.py", "services.py", "access.py", "migrations/0001_initial.py"} <= names


@pytest.mark.parametrize("path", MODULES, ids=lambda path: path.relative_to(PORTAL).as_posix())
def test_no_portal_module_imports_a_higher_app(path):
    assert higher_imports(path.read_text(encoding="utf-8")) == []


def test_organisation_type_belongs_to_the_portal():
    from portal.models import Organisation, OrganisationType

    assert Organisation._meta.get_field("type").related_model is OrganisationType
    assert OrganisationType._meta.app_label == "portal"
