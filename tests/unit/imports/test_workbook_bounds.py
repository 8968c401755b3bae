"""The data workbook's bounds: amounts, counts, years, codes and texts a budget can really hold,
each refused with its sheet, its cell and a plain message (never a traceback)."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.core.catalog import load_catalog
from app.core.declarations import NAME, TEXT, Decl
from app.core.fields import Context, FieldError
from app.core.records import Budget
from app.imports.workbook import convert
from tests.helpers.workbooks import data_path
from tests.unit.imports.test_excel_errors import edited, only, refused, set_cell


@pytest.fixture(scope="module")
def exported(sample: Budget) -> Path:
    """The sample's export, written once per process and read only (tests.helpers.workbooks,
    shared with the other import tests, and so is its parsed copy)."""
    return data_path(sample)


CASES = {
    "amount 1e26": (set_cell("项目", "E2", 1e26), ("项目", "E2", "金额“1e+26”超出范围")),
    "amount 1e26 as text": (set_cell("项目", "E2", "1e26"), ("项目", "E2", "金额“1e26”超出范围")),
    "amount just too large": (set_cell("项目", "E2", "1000000000000000"),
                              ("项目", "E2", "超出范围")),
    "a 301-digit count": (set_cell("国有资产", "B3", "9" * 301), ("国有资产", "B3", "超出范围")),
    "a count of 10^29": (set_cell("国有资产", "B3", 10**29), ("国有资产", "B3", "超出范围")),
    "unit code 1e-300": (set_cell("单位", "A4", 1e-300),
                         ("单位", "A4", "单位编码“1e-300”应由数字或字母组成")),
    "year 2026.7": (set_cell("部门", "B4", 2026.7), ("部门", "B4", "不是预算年度")),
    "year 20260": (set_cell("部门", "B4", 20260), ("部门", "B4", "不是预算年度")),
    "a text of 20,001 characters": (set_cell("文字说明", "B2", "字" * 20_001),
                                    ("文字说明", "B2", "文字过长：20,001 个字符，每项最多 20,000 个字符")),
}


@pytest.mark.parametrize("case", CASES)
def test_out_of_bounds_cells_are_refused_with_sheet_and_cell(
        case: str, exported: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edit, (sheet, cell, message) = CASES[case]
    found = only(refused(edited(exported, tmp_path, edit), tmp_path, capsys))
    assert found[:2] == (sheet, cell)
    assert message in found[2]


def test_a_text_of_20000_characters_is_taken(exported: Path, tmp_path: Path) -> None:
    from app.imports.workbook import read_data

    budget, problems = read_data(edited(exported, tmp_path, set_cell("文字说明", "B2", "字" * 20_000)))
    assert problems == [] and budget is not None


@pytest.mark.parametrize("kind", [TEXT, NAME])
def test_a_lone_surrogate_is_refused(kind: object) -> None:
    ctx = Context(load_catalog(2026))
    with pytest.raises(FieldError, match="无效字符"):
        convert(Decl("name", "名称", kind), "晋城\ud800", ctx)  # type: ignore[arg-type]
