"""The Shanghai import invents its units' codes (001, 002) and the 事业 unit's name
("……所属事业单位"): its report says the codes are provisional, as the Shanxi import's does (it
said nothing of them), and the invented name is marked as a guess and said to be one (it was
neither), so the window shows it and 只看推测 finds it; typing the real name clears the mark."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from app.compute.tabledef import Table
from app.edits.editing import set_cell, top
from app.imports.tables.importer import import_tables
from app.imports.tables.mapped import UNIT_CODES
from app.imports.tables.shanghai import ShanghaiMapper
from app.profiles.registry import SHANGHAI
from reports.excel_data import save
from reports.excel_tables import tables_workbook
from tests.helpers.sample_import import sample_import


def workbook(tables: tuple[Table, ...], path: Path) -> Path:
    save(tables_workbook(tables), path)
    return path


def test_shanghai_says_its_unit_codes_are_provisional_and_marks_the_invented_name(
        tmp_path: Path) -> None:
    assert SHANGHAI.sample is not None
    sample = SHANGHAI.sample()
    result = import_tables(workbook(SHANGHAI.tables(sample, "部门"), tmp_path / "d.xlsx"))
    budget = result.budget
    assert budget is not None, result.report.text()
    text = result.report.text()
    assert UNIT_CODES in text  # the Shanxi import's very line
    assert UNIT_CODES in sample_import().report.text()
    _, institution = budget.units
    assert institution.name == f"{budget.department.name}所属事业单位"
    assert f"“{institution.name}”（事业；这一名称是暂拟的，已标为推测）" in text
    guesses = budget.settings.guesses
    assert "units/1/name" in guesses and "units/0/name" not in guesses
    assert {f"units/{i}/{f}" for i in (0, 1) for f in ("code", "kind")} <= set(guesses)
    assert f"共涉及 {len(guesses)} 处" in text
    named = set_cell(budget, top("units"), 1, "name", "上海市普陀区文化馆")
    assert "units/1/name" not in named.settings.guesses
    assert "units/1/code" in named.settings.guesses


def test_one_shanghai_unit_is_said_to_be_the_departments_own(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # tables whose 公用经费 all fit the department's own unit (none moved to a 事业 one)
    real = ShanghaiMapper.basic_economic
    monkeypatch.setattr(ShanghaiMapper, "basic_economic", lambda self: [
        replace(e, unit=self.own.code) for e in real(self)])
    assert SHANGHAI.sample is not None
    tables = SHANGHAI.tables(SHANGHAI.sample(), "部门")
    result = import_tables(workbook(tables, tmp_path / "one.xlsx"))
    budget = result.budget
    assert budget is not None and len(budget.units) == 1, result.report.text()
    text = result.report.text()
    assert UNIT_CODES in text
    assert f"全部记在本级单位“{budget.units[0].name}”（行政）" in text
    assert {"units/0/code", "units/0/kind"} <= set(budget.settings.guesses)
    assert "units/0/name" not in budget.settings.guesses


def test_shanghai_says_how_its_project_kinds_were_set(tmp_path: Path) -> None:
    """The invented projects' kinds are guessed from their names and marked: the report says so
    (it said nothing of them, as the Shanxi import does); a kind given for all says nothing."""
    from app.core.records import ProjectKind
    from app.imports.tables.report import kinds_guessed

    assert SHANGHAI.sample is not None
    path = workbook(SHANGHAI.tables(SHANGHAI.sample(), "部门"), tmp_path / "d.xlsx")
    result = import_tables(path)
    assert result.budget is not None
    count = len(result.budget.projects)
    assert count and str(kinds_guessed(count)) in result.report.text()
    assert {f"projects/{i}/kind" for i in range(count)} <= set(result.budget.settings.guesses)
    told = import_tables(path, project_kind=ProjectKind.OPERATING)
    assert told.budget is not None and "项目类别" not in told.report.text()
    assert {p.kind for p in told.budget.projects} == {ProjectKind.OPERATING}
