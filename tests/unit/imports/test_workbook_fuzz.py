"""A small fuzz of the data-workbook importer (tests/benchmarks/bench_fuzz_workbook.py runs
1,000): every mutant is imported or refused with problems, never a traceback."""

from __future__ import annotations

from pathlib import Path

from app.core.records import Budget
from reports.excel_data import data_workbook, save
from tests.helpers.mutants import fuzz


def test_mutants_give_problems_or_a_budget_never_a_traceback(tmp_path: Path,
                                                             sample: Budget) -> None:
    original = tmp_path / "sample.xlsx"
    save(data_workbook(sample), original)
    report = fuzz(original, tmp_path, 15, seed=7)
    assert report.tracebacks == []
    assert report.runs == 15 and report.refused > 0


def test_a_stray_far_cell_costs_nothing(tmp_path: Path, sample: Budget) -> None:
    import openpyxl

    from app.imports.workbook import read_data

    original = tmp_path / "sample.xlsx"
    save(data_workbook(sample), original)
    book = openpyxl.load_workbook(original)
    book["项目"]["XFD1048576"] = "x"
    book["单位"]["ZZ5000"] = 1
    far = tmp_path / "far.xlsx"
    book.save(far)
    budget, problems = read_data(far)
    assert problems == []
    assert budget is not None and budget.projects == read_data(original)[0].projects  # type: ignore[union-attr]
