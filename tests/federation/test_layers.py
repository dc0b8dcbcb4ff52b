"""``federation`` sits above ``practices``, ``search`` and ``portal``: none of them imports it
(practices tell it about changes through ``practices.signals``)."""

from pathlib import Path

from tests.portal.test_layers import higher_imports

ROOT = Path(__file__).resolve().parents[2]
COMPOSITION = {"portal/urls.py", "portal/settings.py"}  # the root composition names every app by design


def test_no_lower_app_imports_federation():
    offenders = []
    for app in ("portal", "practices", "search"):
        for path in sorted((ROOT / app).rglob("*.py")):
            name = path.relative_to(ROOT).as_posix()
            found = [line for line in higher_imports(path.read_text(encoding="utf-8")) if "federation" in line]
            if found and name not in COMPOSITION:
                offenders.append(f"{name}: {found}")
    assert offenders == []
