"""A data workbook imported into a budget file whose year's official catalog was loaded
(`catalog --load`): its codes are read against that catalog, and the file keeps it.

An officer of a department the bundled catalog does not cover (节能环保: 211…) loads the
year's code list into the file, as the README says, then imports the workbook into it; the
import used to refuse every such code and, had it passed, to drop the loaded list."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import openpyxl
import pytest

from app.cli.main import main
from app.core.catalog import FUNCTION, catalog_for
from app.core.records import Budget, CatalogEntry
from app.imports.workbook import read_data
from app.profiles.registry import standard_glossary
from app.store import storage
from reports.excel_data import data_workbook, template
from reports.xlsxwrite import save_book
from tests.unit.imports.test_excel_catalog import code_book

OFFICIAL = [("21103", "污染防治"), ("2110301", "大气"), ("2110302", "水体")]


def officers_book(sample: Budget, path: Path) -> Path:
    """The sample's data workbook with its first project in 2110301 大气 and no 补充科目."""
    first = replace(sample.projects[0], function="2110301")
    budget = replace(sample, projects=(first, *sample.projects[1:]),
                     catalog_entries=(CatalogEntry(FUNCTION, "2110301", "大气"),))
    save_book(data_workbook(budget), str(path))
    book = openpyxl.load_workbook(path)
    sheet = book["补充科目"]
    sheet.delete_rows(2, sheet.max_row)
    book.save(path)
    return path


def test_the_workbook_alone_refuses_the_code_and_says_how_to_load_the_list(
        sample: Budget, tmp_path: Path) -> None:
    budget, problems = read_data(officers_book(sample, tmp_path / "data.xlsx"))
    assert budget is None
    [problem] = problems
    assert (problem.sheet, problem.cell) == ("项目", "C2")
    assert "未知的功能分类科目编码“2110301”" in problem.message
    assert "导入科目表" in problem.message and "budget-desk catalog" in problem.message


def test_import_into_a_file_with_the_loaded_list_keeps_it(
        sample: Budget, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "eco.budget"
    assert main(["sample", str(target)]) == 0
    codes = code_book(tmp_path / "codes.xlsx", {"支出功能分类": [["科目编码", "科目名称"], *OFFICIAL]})
    assert main(["catalog", str(target), "--load", str(codes)]) == 0
    assert main(["import", str(officers_book(sample, tmp_path / "data.xlsx")), "-o", str(target)]) == 0
    got = storage.load(target)
    assert got.projects[0].function == "2110301"
    assert {(e.code, e.name) for e in got.catalog_entries} >= set(OFFICIAL)
    assert catalog_for(got).name("2110302") == "水体"  # the list kept whole, not only what is used
    assert "已导入" in capsys.readouterr().out


def test_the_workbooks_own_name_of_a_code_wins(sample: Budget, tmp_path: Path) -> None:
    path = officers_book(sample, tmp_path / "data.xlsx")
    book = openpyxl.load_workbook(path)
    book["补充科目"].append(["支出功能分类", "2110301", "大气污染防治"])
    book.save(path)
    known = tuple(CatalogEntry(FUNCTION, c, n) for c, n in OFFICIAL)
    budget, problems = read_data(path, known)
    assert budget is not None, problems
    assert catalog_for(budget).name("2110301") == "大气污染防治"
    assert catalog_for(budget).name("2110302") == "水体"
    assert sum(e.code == "2110301" for e in budget.catalog_entries) == 1


def test_the_empty_workbook_starts_with_the_templates_terms(tmp_path: Path) -> None:
    for profile in ("shanxi", "shanghai"):
        path = tmp_path / f"{profile}.xlsx"
        save_book(template(2027, profile), str(path))
        rows = [r for r in openpyxl.load_workbook(path)["名词解释"].iter_rows(min_row=2, values_only=True)
                if any(r)]
        assert [tuple(r[:2]) for r in rows] == [(e.term, e.definition) for e in standard_glossary(profile)]
        assert rows  # both templates have terms


def test_typed_codes_are_text_cells_so_excel_keeps_their_zeros(tmp_path: Path) -> None:
    """单位编码 and 部门编码 cells are formatted as text: in a General cell Excel turns a typed
    001 into the number 1 (an officer's 001001 came back 1001)."""
    path = tmp_path / "t.xlsx"
    save_book(template(2027, "shanxi"), str(path))
    book = openpyxl.load_workbook(path)
    units = book["单位"]
    assert units["A1"].value == "单位编码"
    assert {units.cell(r, 1).number_format for r in range(2, 22)} == {"@"}
    assert units["B2"].number_format == "General"  # names as before
    department = book["部门"]
    row = next(r for r in range(1, department.max_row + 1) if department.cell(r, 1).value == "部门编码")
    assert department.cell(row, 2).number_format == "@"
    assert book["收入与上年结转"]["B2"].number_format == "#,##0.00"  # amounts stay numbers


def test_the_advice_on_unknown_codes_is_said_once_after_them(sample: Budget, tmp_path: Path) -> None:
    from app.imports.workbook import problem_lines

    path = officers_book(sample, tmp_path / "data.xlsx")
    book = openpyxl.load_workbook(path)
    book["项目"]["C3"] = "2110302"
    book.save(path)
    _, problems = read_data(path)
    lines = problem_lines(problems)
    assert lines[:2] == ["“项目”表 C2：未知的功能分类科目编码“2110301”：科目表中没有",
                         "“项目”表 C3：未知的功能分类科目编码“2110302”：科目表中没有"]
    assert len(lines) == 3 and lines[2].startswith("以上 2 处：本程序自带的科目表只含部分科目")
    [alone] = problem_lines(problems[:1])  # one problem keeps its advice
    assert alone.endswith("或在“补充科目”中写明它的编码和名称")


@pytest.mark.parametrize("dash", ["-", "—", "－", "–", "——", "/"])
def test_a_dash_in_an_amount_is_nothing(dash: str, sample: Budget, tmp_path: Path) -> None:
    """Budget systems and officers write a dash of any width for nothing; only "-" was taken."""
    path = tmp_path / "data.xlsx"
    save_book(data_workbook(sample), str(path))
    book = openpyxl.load_workbook(path)
    sheet = book["项目"]
    column = next(c.column for c in sheet[1] if c.value == "本年政府性基金预算（元）")
    sheet.cell(2, column).value = dash
    book.save(path)
    budget, problems = read_data(path)
    assert problems == [] and budget is not None
    assert budget.projects[0].amounts.fund == 0
