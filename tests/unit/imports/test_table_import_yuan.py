"""Tables printed in 元 (amounts to the 分): the search in 百元 leaves a few projects in
another 项, and the exchanges of `mend` meet every 项 to the 分 again."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from app.core.records import Project, ProjectKind, Split
from app.imports.tables.importer import import_tables
from app.imports.tables.mend import mend
from app.imports.tables.targets import Target
from app.profiles.shanxi.tables import build_tables
from tests.helpers.synthetic import generate
from tests.helpers.table_workbook import Layout, write_workbook
from tests.unit.imports.test_table_import_packing import in_functions

D = Decimal


def test_tables_in_yuan_come_back_table_for_table(tmp_path: Path) -> None:
    """60 projects in 4 项, tables in 元: searched in 百元 alone, 7 projects landed in another
    项 (tables 1, 2 and 5 differed); one exchange of 3 against 4 projects in the smallest 项
    meets every 项 to the 分, and all 13 tables come back."""
    original = in_functions(generate(units=10, projects=60, seed=5), 4)
    tables = build_tables(original)
    result = import_tables(write_workbook(tables, tmp_path / "t.xlsx", Layout(unit="元")))
    got = result.budget
    assert got is not None
    assert result.report.disagreements == []
    assert [a.texts() == b.texts() for a, b in zip(build_tables(got), tables, strict=True)] \
        == [True] * 13
    by_name = {p.name: p.function for p in original.projects}
    assert sum(p.function != by_name[p.name] for p in got.projects) == 0


def project(name: str, general: str) -> Project:
    return Project(name=name, unit="001", function="", kind=ProjectKind.OPERATING,
                   amounts=Split(general=D(general)))


def target(code: str, general: str) -> Target:
    return Target(code, {"general": D(general), "carry": D(0)}, D("0.005"))


def test_mend_exchanges_projects_until_each_function_is_met_to_the_fen() -> None:
    """Two 项 whose figures a rounding to 百元 cannot tell apart: the near answer misses each
    by 1 分; the exchange of two projects against two meets both exactly."""
    projects = [project("a", "100.01"), project("b", "200.02"), project("c", "300.00"),
                project("d", "400.00")]
    ordered = [target("1", "500.02"), target("2", "500.01")]
    near = {0: "1", 1: "2", 2: "2", 3: "1"}  # 1: 100.01 + 400 = 500.01, 2: 500.02
    assert mend(projects, ordered, near, D("0.005")) == {0: "2", 1: "1", 2: "1", 3: "2"}


def test_mend_gives_up_within_its_work() -> None:
    """No exchange meets the figures: None, not a near answer."""
    projects = [project("a", "100.01"), project("b", "200.02")]
    ordered = [target("1", "100.00"), target("2", "200.03")]
    assert mend(projects, ordered, {0: "1", 1: "2"}, D("0.005")) is None
