"""A small fuzz of the data-workbook importer (tests/benchmarks/bench_fuzz_workbook.py runs
1,000): every mutant is imported or refused with problems, never a traceback."""

from __future__ import annotations

from pathlib import Path

from app.core.records import Budget
from tests.helpers.mutants import fuzz
from tests.helpers.workbooks import data_book, data_path


def test_mutants_give_problems_or_a_budget_never_a_traceback(tmp_path: Path,
                                                             sample: Budget) -> None:
    original = data_path(sample)  # the sample's export, written once per process
    report = fuzz(original, tmp_path, 15, seed=7)
    assert report.tracebacks == []
    assert report.runs == 15 and report.refused > 0


def test_a_stray_far_cell_costs_nothing(tmp_path: Path, sample: Budget) -> None:
    from app.imports.workbook import read_data
    from reports.xlsxwrite import save_book

    original = data_path(sample)
    book = data_book(sample)  # as openpyxl.load_workbook(original) gives it
    book["项目"]["XFD1048576"] = "x"
    book["单位"]["ZZ5000"] = 1
    far = tmp_path / "far.xlsx"
    save_book(book, far)  # book.save(far)'s bytes
    budget, problems = read_data(far)
    assert problems == []
    assert budget is not None and budget.projects == read_data(original)[0].projects  # type: ignore[union-attr]


def test_table_import_mutants_never_give_a_traceback(tmp_path: Path, sample: Budget) -> None:
    """The 13-table importer under the same mutants (the benchmark found 1e308 and NaN cells
    ending in decimal.InvalidOperation)."""
    import re
    import zipfile

    import openpyxl

    from app.profiles.registry import profile_of
    from reports.excel_tables import tables_workbook
    from tests.helpers.mutants import parsed as parsed_copy
    from tests.helpers.mutants import read_tables

    original = tmp_path / "tables.xlsx"
    template, kind = profile_of(sample)
    tables_workbook(template.tables(sample, kind)).save(original)
    # the mutants start from unpickled copies of the parsed workbook: those save as it does (the
    # merged ranges, a set, in any order; the time of saving aside)
    parsed_copy(original.read_bytes()).save(tmp_path / "copy.xlsx")
    openpyxl.load_workbook(original).save(tmp_path / "parsed.xlsx")

    def parts(path: Path) -> dict[str, object]:
        with zipfile.ZipFile(path) as book:
            merged = re.compile(rb"<mergeCell [^>]*/>")
            return {n: (merged.sub(b"", book.read(n)), sorted(merged.findall(book.read(n))))
                    for n in book.namelist() if n != "docProps/core.xml"}

    assert parts(tmp_path / "copy.xlsx") == parts(tmp_path / "parsed.xlsx")
    report = fuzz(original, tmp_path, 4, seed=2026, reader=read_tables)
    assert report.tracebacks == [] and report.runs == 4


def test_table_amounts_beyond_a_budget_are_refused_in_words() -> None:
    import math
    from decimal import Decimal

    import pytest

    from app.imports.tables.sheet import parse_money

    for value in (1e308, 1e26, math.nan, math.inf, "1e999999", "NaN", 10**20):
        with pytest.raises(ValueError, match=r"超出金额范围|不是金额"):
            parse_money(value, Decimal(10000))
    assert parse_money(1e-300, Decimal(10000)) is not None
    assert parse_money("99,999,999,999.99", Decimal(1)) is not None
