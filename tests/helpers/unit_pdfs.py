"""The sample's unit PDFs as `budget-desk pdf --units` writes them, once per test process, shared
read-only (issue 21: the inspector's kind-wording tests and the unit documents' read-back wrote
the same three PDFs, each run laying them out in two spawned processes). A test that writes
into the folder (a second run over it) works on a copy (`copy_of`)."""

from __future__ import annotations

import shutil
import tempfile
from functools import cache
from pathlib import Path

from app.cli.main import main


@cache
def unit_pdfs(budget: Path) -> Path:
    """The folder `pdf BUDGET --units -o FOLDER` wrote, FOLDER not there before (made by the
    command, with its parent). Tests must not change it or its files."""
    folder = Path(tempfile.mkdtemp(prefix="budget-desk-tests-units-")) / "new" / "units"
    assert main(["pdf", str(budget), "--units", "-o", str(folder)]) == 0
    return folder


def copy_of(folder: Path, into: Path) -> Path:
    """A copy of the folder (its files' times kept) at into, for a test that writes into it."""
    shutil.copytree(folder, into)
    return into
