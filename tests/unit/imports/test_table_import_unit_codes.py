"""Units printed with their codes before their names, as budget systems print them
("101001 晋城市科学技术局", "[101001]…", "101001-…"): the codes are the units' (and the first
row's, the department's), the names without them.

They used to make the first row "neither the department's name nor the sum of the rows below",
unit names carrying the codes, every unit row of tables 11–13 told as "导入后多出一行", and the
codes numbered 001, 002… as guesses while the tables printed them."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from app.checks.registry import run_checks
from app.compute.tabledef import Table
from app.core.records import Budget
from app.imports.tables.importer import import_tables
from app.imports.tables.units import coded
from app.profiles.shanxi.tables import build_tables
from tests.helpers.table_workbook import Layout, write_workbook
from tests.unit.imports.test_table_import import assert_same_tables

TITLES = ("项目支出预算表（本年预算）", "项目支出预算表（上年结转）", "机关运行经费预算表")


def with_codes(path: Path, sample: Budget, form: str) -> dict[str, str]:
    """The workbook's unit rows of tables 11–13 written form.format(code=…, name=…); the codes."""
    codes = {sample.department.name: "101"}
    for i, u in enumerate(sample.units):
        if u.name != sample.department.name:
            codes[u.name] = f"101{i + 1:03d}"
    book = openpyxl.load_workbook(path)
    for ws in book.worksheets:
        if not any(isinstance(c.value, str) and c.value.endswith(TITLES) for r in ws.iter_rows(max_row=6)
                   for c in r):
            continue
        for row in ws.iter_rows():
            for cell in row:
                text = cell.value
                if not isinstance(text, str) or text.startswith("\u3000\u3000"):
                    continue  # a project
                name = text.strip("\u3000")
                if name in codes:
                    own = text.startswith("\u3000") or name != sample.department.name
                    code = codes[name] if own else "101"
                    cell.value = text.replace(name, form.format(code=code, name=name))
    book.save(path)
    return codes


@pytest.mark.parametrize("form", ["{code} {name}", "[{code}]{name}", "{code}-{name}"])
def test_codes_before_unit_names_are_the_units_codes(
        form: str, sample: Budget, sample_tables: tuple[Table, ...], tmp_path: Path) -> None:
    path = write_workbook(sample_tables, tmp_path / "t.xlsx", Layout())
    codes = with_codes(path, sample, form)
    result = import_tables(path)
    got = result.budget
    assert got is not None, result.report.text()
    report = result.report
    assert (report.disagreements, report.differences) == ([], []), report.text()
    assert_same_tables(build_tables(got), sample_tables)
    others = [u for u in got.units if u.name != sample.department.name]
    assert others and all(u.code == codes[u.name] for u in others)
    assert got.department.code == "101"
    assert not any(f.check == "department" and f.location.field == "code" for f in run_checks(got))
    coded_units = {i for i, u in enumerate(got.units) if u.code in codes.values()}
    assert not {f"units/{i}/code" for i in coded_units} & set(got.settings.guesses)
    assert "按表中单位名称前的编码记入" in report.text()


def test_what_is_not_a_code_stays_in_the_name() -> None:
    assert coded("101001 晋城市科学技术局") == ("101001", "晋城市科学技术局")
    assert coded("\u3000【101001】晋城市科学技术局") == ("101001", "晋城市科学技术局")
    assert coded("2026年科技创新中心") == ("", "2026年科技创新中心")
    assert coded("晋城市科学技术局") == ("", "晋城市科学技术局")
    assert coded("12 中心") == ("", "12 中心")  # two digits: not a code
    assert coded("110国道管理站") == ("", "110国道管理站")  # no mark after the digits


def test_two_units_printed_with_one_code_stay_two_units(
        sample: Budget, sample_tables: tuple[Table, ...], tmp_path: Path) -> None:
    """A code typed twice in the budget system: the second unit used to take the first's code,
    so both units' projects became one unit's (every one told "导入后多出一行", the unit rows
    thousands of 万元 off). Now the second is numbered, marked as a guess and told."""
    path = write_workbook(sample_tables, tmp_path / "t.xlsx", Layout())
    codes = with_codes(path, sample, "{code} {name}")
    first, second = [n for n in codes if n != sample.department.name]
    book = openpyxl.load_workbook(path)
    for ws in book.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if isinstance(cell.value, str) and codes[second] in cell.value:
                    cell.value = cell.value.replace(codes[second], codes[first])
    book.save(path)
    result = import_tables(path)
    got = result.budget
    assert got is not None, result.report.text()
    assert result.report.differences == [], result.report.text()
    assert_same_tables(build_tables(got), sample_tables)
    by_name = {u.name: u.code for u in got.units}
    assert by_name[first] == codes[first] and by_name[second] not in codes.values()
    index = [u.name for u in got.units].index(second)
    assert f"units/{index}/code" in got.settings.guesses
    told = "\n".join(result.report.disagreements)
    assert f"单位“{second}”与“{first}”在表中印着同一个单位编码 {codes[first]}" in told, told
