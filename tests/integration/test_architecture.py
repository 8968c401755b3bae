"""The tree keeps its design: no module named in a string to import it; light commands stay light.

The layers themselves are the import contract in pyproject.toml (`lint-imports`).
"""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from tests.helpers.paths import ROOT

PACKAGES = ("app", "forms", "reports")
# the standard library's lazy loader imports nothing by name (app.cli.lean: PIL's Image run on first use)
LAZY = "from importlib.util import LazyLoader  "


def sources() -> list[str]:
    return [str(p.relative_to(ROOT)) for pkg in PACKAGES for p in sorted((ROOT / pkg).rglob("*.py"))]


def test_no_module_is_imported_by_a_string() -> None:
    found = []
    for name in sources():
        text = (ROOT / name).read_text(encoding="utf-8")
        for number, line in enumerate(text.splitlines(), 1):
            if re.search(r"\bimportlib\b|__import__\(", line) and not line.startswith(LAZY):
                found.append(f"{name}:{number}: {line.strip()}")
    assert not found, "\n".join(found)


def test_app_has_packages_and_no_loose_modules() -> None:
    loose = sorted(p.name for p in (ROOT / "app").glob("*.py") if p.name != "__init__.py")
    assert loose == []


@pytest.mark.parametrize("command", [["tables", "--help"], ["check", "--help"]])
def test_a_command_of_the_core_loads_neither_qt_nor_reportlab(command: list[str]) -> None:
    code = ("import sys\nfrom app.cli.main import main\n"
            f"try:\n    main({command!r})\nexcept SystemExit:\n    pass\n"
            "print(sorted(m for m in ('PySide6', 'reportlab') if m in sys.modules))")
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True,
                          check=True)
    assert done.stdout.strip().splitlines()[-1] == "[]"
