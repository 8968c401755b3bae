"""Every kind of import error: its sheet, its cell, its message; the target file stays as it was."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any
from unittest.mock import patch

import openpyxl
import pytest

from app.cli.main import main
from app.core.records import Budget
from app.imports import workbook
from app.imports.workbook import Problem, read_data
from app.store import storage
from reports.xlsxwrite import save_book
from tests.helpers.workbooks import data_path, open_copy

Edit = Callable[[Any], None]


@pytest.fixture(scope="module")
def exported(sample: Budget) -> Path:
    """The sample's export, written once per process and read only (tests.helpers.workbooks,
    shared with the other import tests, and so is its parsed copy)."""
    return data_path(sample)


def edited(exported: Path, tmp_path: Path, edit: Edit) -> Path:
    book = open_copy(exported)  # openpyxl.load_workbook(exported), parsed once per process
    edit(book)
    path = tmp_path / "edited.xlsx"
    save_book(book, path)  # the bytes of book.save(path), faster (reports/xlsxwrite.py)
    return path


_sample_file: list[bytes] = []


def sample_file() -> bytes:
    """The bytes of the sample saved as a budget file, saved once per process."""
    if not _sample_file:
        import tempfile

        from app.profiles.shanxi.sample import load_sample

        path = Path(tempfile.mkdtemp(prefix="budget-desk-tests-target-")) / "sample.budget"
        storage.save(load_sample(), path)
        _sample_file.append(path.read_bytes())
    return _sample_file[0]


def refused(workbook_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> list[Problem]:
    """Import into an existing budget file: refused, the file byte-for-byte unchanged, no backup."""
    target = tmp_path / "target.budget"
    target.write_bytes(sample_file())
    before = target.read_bytes()
    listing = sorted(p.name for p in tmp_path.iterdir())
    read: list[tuple[Budget | None, list[Problem]]] = []

    def reading(*args: Any, **kwargs: Any) -> tuple[Budget | None, list[Problem]]:
        read.append(read_data(*args, **kwargs))  # the command's own reading, not a second one
        return read[-1]

    with patch.object(workbook, "read_data", reading):
        assert main(["import", str(workbook_path), "-o", str(target)]) == 1
    assert target.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == listing
    assert len(read) == 1
    budget, problems = read[0]
    assert budget is None
    err = capsys.readouterr().err
    assert all(str(p) in err for p in problems[:100])
    return problems


def only(problems: list[Problem]) -> tuple[str, str, str]:
    assert len(problems) == 1, problems
    return problems[0].sheet, problems[0].cell, problems[0].message


def set_cell(sheet: str, cell: str, value: object) -> Edit:
    def edit(book: Any) -> None:
        book[sheet][cell] = value
    return edit


CASES = {
    "unknown code": (set_cell("项目", "C2", "2069988 不存在的科目"), (
        "项目", "C2", "未知的功能分类科目编码“2069988”：科目表中没有。本程序自带的科目表只含部分"
                      "科目：请导入当年的政府收支分类科目（窗口“文件 → 导入科目表”，或 budget-desk "
                      "catalog 命令），或在“补充科目”中写明它的编码和名称")),
    "code at the wrong level": (set_cell("基本支出（功能分类）", "B2", "20601"), (
        "基本支出（功能分类）", "B2", "功能分类科目应选到“项”（7位编码），“20601”不是")),
    "text in an amount": (set_cell("项目", "E2", "五百万元"), (
        "项目", "E2", "“五百万元”不是金额，请填写数字（如 1,234.56 或 12.5万元）")),
    # an officer's slip (or a 万 grouping): never read as 12345 元 with its commas dropped
    "misplaced thousands separator": (set_cell("项目", "E2", "1,2345"), (
        "项目", "E2", "金额“1,2345”的千分位逗号位置不对：逗号应每三位一个（如 12,345.60），请核对金额")),
    "negative amount": (set_cell("基本支出（经济分类）", "E3", -120), (
        "基本支出（经济分类）", "E3", "金额不能为负数（“-120”）")),
    "over-precise amount": (set_cell("收入与上年结转", "B2", 35625600.125), (
        "收入与上年结转", "B2", "金额“35625600.125”超过两位小数（元以下只到分）")),
    "missing required field": (set_cell("单位", "C3", None), (
        "单位", "C3", "未填写“单位性质”（必填）")),
    "unknown unit": (set_cell("基本支出（功能分类）", "A5", "晋城市科学技术协会"), (
        "基本支出（功能分类）", "A5", "单位“晋城市科学技术协会”不在“单位”表中")),
    "value not in the list": (set_cell("项目", "D4", "专项类"), (
        "项目", "D4", "“专项类”不是可选的值，应为：其他运转类、特定目标类")),
    "uncalculated formula": (set_cell("政府采购", "B3", "=B2*2"), (
        "政府采购", "B3", "这是公式，但结果尚未计算：请在 Excel/WPS 中打开、重新计算并保存后再导入")),
    "error value": (set_cell("政府采购", "B4", "#DIV/0!"), (
        "政府采购", "B4", "单元格的值是错误值 #DIV/0!，请改正公式或填写数值")),
    "count not a whole number": (set_cell("公务用车", "B2", 1.5), (
        "公务用车", "B2", "“1.5”不是不小于 0 的整数")),
    "duplicated unit code": (set_cell("单位", "A3", "108001"), (
        "单位", "A3", "单位编码“108001”重复（第 2 行已有）")),
}


@pytest.mark.parametrize("case", CASES)
def test_cell_errors(case: str, exported: Path, tmp_path: Path,
                     capsys: pytest.CaptureFixture[str]) -> None:
    edit, expected = CASES[case]
    assert only(refused(edited(exported, tmp_path, edit), tmp_path, capsys)) == expected


def test_duplicated_project(exported: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    def edit(book: Any) -> None:
        ws = book["项目"]
        ws.append([c.value for c in ws[2]])
    path = edited(exported, tmp_path, edit)
    last = openpyxl.load_workbook(path)["项目"].max_row
    assert only(refused(path, tmp_path, capsys)) == (
        "项目", f"B{last}", "单位“晋城市科学技术局”的项目“科技研发基地运营管理费”重复（第 2 行已有）")


def test_project_without_unit(exported: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    def edit(book: Any) -> None:
        book["项目"].append([None, "新项目", "2060101", "特定目标类", 1000])
    path = edited(exported, tmp_path, edit)
    last = openpyxl.load_workbook(path)["项目"].max_row
    assert only(refused(path, tmp_path, capsys)) == ("项目", f"A{last}", "未填写所属单位（必填）")


def test_target_form_of_an_unknown_project(exported: Path, tmp_path: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    def edit(book: Any) -> None:
        book["绩效目标"].append(["晋城市科学技术局", "没有的项目"])
    path = edited(exported, tmp_path, edit)
    last = openpyxl.load_workbook(path)["绩效目标"].max_row
    assert only(refused(path, tmp_path, capsys)) == (
        "绩效目标", f"B{last}", "“项目”表中没有单位“晋城市科学技术局”的项目“没有的项目”")


def test_missing_sheet(exported: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    def edit(book: Any) -> None:
        del book["三公经费"]
    assert only(refused(edited(exported, tmp_path, edit), tmp_path, capsys)) == (
        "三公经费", "", "缺少工作表“三公经费”（请不要删除或改名模板中的工作表）")


def test_missing_column(exported: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert only(refused(edited(exported, tmp_path, set_cell("三公经费", "C1", "金额")),
                        tmp_path, capsys)) == (
        "三公经费", "", "缺少“金额（元）”列（表头在第 1 行，须与模板一致）")


def test_workbook_of_another_layout(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    book = openpyxl.Workbook()
    book.active.title = "项目明细"
    book.active.append(["项目编码", "项目名称", "金额"])
    book.active.append(["001", "某项目", 100])
    path = tmp_path / "other.xlsx"
    book.save(path)
    sheet, cell, message = only(refused(path, tmp_path, capsys))
    assert (sheet, cell) == ("项目明细", "")
    assert message.startswith("这不是本程序的数据工作簿")


def test_every_problem_at_once(exported: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    def edit(book: Any) -> None:
        for case in ("unknown code", "negative amount", "missing required field", "error value"):
            CASES[case][0](book)
    problems = refused(edited(exported, tmp_path, edit), tmp_path, capsys)
    assert {(p.sheet, p.cell) for p in problems} == {
        ("项目", "C2"), ("基本支出（经济分类）", "E3"), ("单位", "C3"), ("政府采购", "B4")}


def test_new_target_is_not_created_on_error(exported: Path, tmp_path: Path) -> None:
    path = edited(exported, tmp_path, set_cell("项目", "E2", "abc"))
    target = tmp_path / "new.budget"
    assert main(["import", str(path), "-o", str(target)]) == 1
    assert not target.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["edited.xlsx"]


def test_import_replaces_after_backup(exported: Path, tmp_path: Path, sample: Budget) -> None:
    from dataclasses import replace

    target = tmp_path / "old.budget"
    storage.save(replace(sample, units=sample.units[:1], projects=()), target)
    before = target.read_bytes()
    assert main(["import", str(exported), "-o", str(target)]) == 0
    assert storage.load(target) == sample
    backups = list(tmp_path.glob("old.budget.*.bak"))
    assert len(backups) == 1 and backups[0].read_bytes() == before


def test_import_refuses_to_replace_a_file_that_is_not_a_budget(exported: Path, tmp_path: Path) -> None:
    target = tmp_path / "notes.budget"
    target.write_text("my notes", encoding="utf-8")
    assert main(["import", str(exported), "-o", str(target)]) == 2
    assert target.read_text(encoding="utf-8") == "my notes"


def test_a_copy_saves_as_the_parsed_workbook(exported: Path, tmp_path: Path) -> None:
    """edited()'s copies (tests/helpers/workbooks.py) are the workbook openpyxl parses."""
    import zipfile

    parsed, copy = tmp_path / "parsed.xlsx", tmp_path / "copy.xlsx"
    openpyxl.load_workbook(exported).save(parsed)
    first = open_copy(exported)
    first["项目"]["A2"] = "改过"  # an edit to one copy is not in the next
    open_copy(exported).save(copy)
    with zipfile.ZipFile(parsed) as a, zipfile.ZipFile(copy) as b:
        assert a.namelist() == b.namelist()
        # every part but docProps/core.xml, which holds the time of saving
        assert [n for n in a.namelist() if a.read(n) != b.read(n)] in ([], ["docProps/core.xml"])
