"""`budget-desk catalog PATH --load X.xlsx`: the official year's code list into a budget file."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from app.cli.main import main
from app.core.catalog import DEPT, FUNCTION, catalog_for
from app.core.records import CatalogEntry
from app.imports.codelist import read_code_list
from app.store import storage


def code_book(path: Path, sheets: dict[str, list[list[object]]]) -> Path:
    book = openpyxl.Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        ws = book.create_sheet(title)
        for row in rows:
            ws.append(row)
    book.save(path)
    return path


def test_load_by_sheet_names(tmp_path: Path) -> None:
    budget = tmp_path / "s.budget"
    assert main(["sample", str(budget)]) == 0
    path = code_book(tmp_path / "codes.xlsx", {
        "2026年支出功能分类科目": [["2026年政府收支分类科目"], ["科目编码", "科目名称"],
                             [206, "科学技术支出"], ["2069901", "人工智能专项"], [None, None]],
        "部门经济分类": [["编码", "名称"], ["30199", "其他工资福利支出"], ["30231 公务用车运行维护费", None]],
    })
    assert main(["catalog", str(budget), "--load", str(path)]) == 0
    loaded = storage.load(budget)
    assert loaded.catalog_entries == (
        CatalogEntry(FUNCTION, "206", "科学技术支出"), CatalogEntry(FUNCTION, "2069901", "人工智能专项"),
        CatalogEntry(DEPT, "30199", "其他工资福利支出"), CatalogEntry(DEPT, "30231", "公务用车运行维护费"))
    assert catalog_for(loaded).name("2069901") == "人工智能专项"


def test_reloading_a_kind_replaces_it(tmp_path: Path) -> None:
    budget = tmp_path / "s.budget"
    assert main(["sample", str(budget)]) == 0
    first = code_book(tmp_path / "a.xlsx", {"Sheet1": [["2069901", "甲"]]})
    second = code_book(tmp_path / "b.xlsx", {"Sheet1": [["2069902", "乙"]]})
    assert main(["catalog", str(budget), "--load", str(first), "--kind", "功能"]) == 0
    assert main(["catalog", str(budget), "--load", str(second), "--kind", "function"]) == 0
    assert storage.load(budget).catalog_entries == (CatalogEntry(FUNCTION, "2069902", "乙"),)


def test_problems_leave_the_budget_unchanged(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    budget = tmp_path / "s.budget"
    assert main(["sample", str(budget)]) == 0
    before = budget.read_bytes()
    path = code_book(tmp_path / "bad.xlsx", {"功能分类": [["编码", "名称"], ["20601", "科学技术管理事务"],
                                                        ["2060X", "坏编码"], ["206010", "位数不对"],
                                                        ["2060102", None]]})
    assert main(["catalog", str(budget), "--load", str(path)]) == 1
    assert budget.read_bytes() == before
    _, problems = read_code_list(path)
    assert [(p.sheet, p.cell, p.message) for p in problems] == [
        ("功能分类", "A3", "科目编码“2060X”应全部为数字"),
        ("功能分类", "A4", "支出功能分类编码“206010”的位数不对（应为 3、5、7 位）"),
        ("功能分类", "B5", "科目“2060102”没有名称"),
    ]
    assert "科目编码“2060X”应全部为数字" in capsys.readouterr().err


def test_kind_cannot_be_guessed(tmp_path: Path) -> None:
    path = code_book(tmp_path / "x.xlsx", {"Sheet1": [["2069901", "甲"]]})
    entries, problems = read_code_list(path)
    assert entries == []
    assert [(p.sheet, p.cell) for p in problems] == [("Sheet1", "")]
    assert "请用 --kind 指定" in problems[0].message
