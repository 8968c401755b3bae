"""The sample's unit PDFs as `budget-desk pdf --units` writes them, once per test run, shared
read-only (issue 21: the inspector's kind-wording tests and the unit documents' read-back wrote
the same three PDFs, each run laying them out in two spawned processes). Under pytest-xdist the
workers of one run share them: the first to ask writes them while the others wait on a lock.
A test that writes into the folder (a second run over it) works on a copy (`copy_of`)."""

from __future__ import annotations

import fcntl
import os
import shutil
from pathlib import Path

import pytest

from app.cli.main import main
from app.profiles.shanxi.sample import load_sample
from app.store import storage


def _shared(factory: pytest.TempPathFactory) -> Path:
    """A folder of this test run's own, the same for all its xdist workers (in the folder that
    holds theirs; pytest removes it with the run's other folders)."""
    base = factory.getbasetemp()
    folder = (base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base) / "unit-pdfs"
    folder.mkdir(exist_ok=True)
    return folder


_made: list[tuple[Path, Path]] = []


def unit_pdfs(factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """(the sample's budget file, the folder `pdf FILE --units -o FOLDER` wrote), FOLDER not
    there before (made by the command, with its parent). Tests must change neither."""
    if _made:
        return _made[0]
    shared = _shared(factory)
    budget, folder = shared / "s.budget", shared / "new" / "units"
    with (shared / "lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when closed
        if not (shared / "done").exists():
            storage.replace_file(load_sample(), budget)
            assert main(["pdf", str(budget), "--units", "-o", str(folder)]) == 0
            (shared / "done").touch()
    _made.append((budget, folder))
    return budget, folder


def copy_of(folder: Path, into: Path) -> Path:
    """A copy of the folder (its files' times kept) at into, for a test that writes into it."""
    shutil.copytree(folder, into)
    return into
