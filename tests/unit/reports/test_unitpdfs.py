"""Every unit's PDF over worker processes: names, order, progress, and a cancel that leaves no
half-written file (issue 19)."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.core.errors import Cancelled
from app.profiles.shanxi.sample import load_sample
from reports.unitpdfs import planned, write_unit_pdfs


@pytest.mark.parametrize("workers", [1, 2])
def test_every_unit_written_whole_with_progress(tmp_path: Path, workers: int) -> None:
    budget = load_sample()
    seen: list[tuple[int, int]] = []
    written = write_unit_pdfs(budget, tmp_path, workers=workers,
                              progress=lambda done, total: seen.append((done, total)))
    assert written == [path for _, path in planned(budget, tmp_path)]
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(p.name for p in written)
    assert all(p.read_bytes().startswith(b"%PDF") and p.read_bytes().rstrip().endswith(b"%%EOF")
               for p in written)
    assert seen[-1] == (len(budget.units), len(budget.units))


@pytest.mark.parametrize("workers", [1, 2])
def test_a_cancel_leaves_only_whole_files(tmp_path: Path, workers: int) -> None:
    budget = load_sample()
    calls = {"n": 0}

    def cancelled() -> bool:
        calls["n"] += 1
        return calls["n"] > 3  # during the first document

    with pytest.raises(Cancelled):
        write_unit_pdfs(budget, tmp_path, workers=workers, cancelled=cancelled)
    for path in tmp_path.iterdir():  # no temporary file, no truncated PDF
        assert path.suffix == ".pdf" and path.read_bytes().rstrip().endswith(b"%%EOF")
