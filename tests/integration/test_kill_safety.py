"""kill -9 during saves, `import -o` and `sample --force` over an existing file: the file always
opens and holds the state before or after (small version of tests/benchmarks/bench_kill.py). The
processes killed are forked from tests/helpers/forkrun.py's server: real processes killed for
real, without the interpreter's start (which the benchmark's still have), so that every kill
falls in the saving or the command's own work (issue 21)."""

from __future__ import annotations

import random
from pathlib import Path

from app.cli.main import main
from app.core.records import Budget
from app.imports.workbook import read_data
from app.store import storage
from tests.helpers.killing import kill_command, kill_saves


def test_killed_saves_leave_before_or_after(tmp_path: Path, sample: Budget) -> None:
    outcome = kill_saves(tmp_path, sample, 6, random.Random(1), fork=True)
    assert outcome.defects == 0, outcome
    assert outcome.runs == 6


def test_killed_import_and_sample_over_a_file_leave_before_or_after(tmp_path: Path,
                                                                   sample: Budget) -> None:
    source = tmp_path / "source.budget"
    storage.save(sample, source)
    data = tmp_path / "d.xlsx"
    assert main(["export", str(source), "--data", "-o", str(data)]) == 0
    imported, _ = read_data(data)
    assert imported is not None
    rng = random.Random(2)
    outcome = kill_command(tmp_path, sample, 4, rng,
                           lambda p: ["import", str(data), "-o", str(p)], imported, fork=True)
    assert outcome.defects == 0, outcome
    outcome = kill_command(tmp_path, sample, 4, rng,
                           lambda p: ["sample", str(p), "--force"], sample, fork=True)
    assert outcome.defects == 0, outcome
