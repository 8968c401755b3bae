"""Where the 项' figures are exactly their projects' sums (round figures), the packing of every
dimension is tried before the cover and kept when it meets every figure: a department of 1,000
projects set in 万元 came back in 36 s (the cover searching for nothing), now in about 1 s."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.checks.registry import run_checks
from app.imports.tables import large
from app.imports.tables.importer import import_tables
from app.profiles.shanxi.tables import build_tables
from tests.helpers.synthetic import generate
from tests.helpers.table_workbook import write_workbook
from tests.unit.imports.test_table_import_exact import rounded
from tests.unit.imports.test_table_import_yuan import project, target


def test_figures_that_are_the_projects_sums_are_told_from_rounded_ones() -> None:
    projects = [project("a", "30000"), project("b", "50000"), project("c", "20000")]
    assert large.summed(projects, [target("1", "80000"), target("2", "20000")])
    # printed in 万元 to two places, the figures lost 元 the projects have
    fine = [project("a", "30004"), project("b", "50003"), project("c", "20000")]
    assert not large.summed(fine, [target("1", "80000"), target("2", "20000")])
    # 分 in a figure: no exact answer in whole 元 is looked for
    assert not large.summed(projects, [target("1", "80000.01"), target("2", "20000")])


def test_a_万元_department_of_1000_projects_needs_no_cover(tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    budget = rounded(generate(100, 1000, seed=1), 1, (10_000,))
    tables = build_tables(budget)

    def no_cover(*args: object, **kwargs: object) -> None:
        raise AssertionError("the cover ran although the packing met every figure")

    monkeypatch.setattr(large, "by_cover", no_cover)
    result = import_tables(write_workbook(tables, tmp_path / "wan.xlsx"))
    got = result.budget
    assert got is not None, result.report.text()
    assert [t.texts() for t in build_tables(got)] == [t.texts() for t in tables]
    assert [f for f in run_checks(got) if f.check in ("income-balance", "basic-balance")] == []
