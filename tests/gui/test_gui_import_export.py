"""The window's 导入Excel takes either workbook; 生成Excel writes both files."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from openpyxl.writer.excel import ExcelWriter

from app.core.records import Budget
from app.imports.workbook import read_data
from app.profiles.shanxi.tables import build_tables
from forms.main_window import import_excel
from forms.steps.publish import excel_writers
from reports.excel_data import data_workbook
from reports.excel_tables import tables_workbook
from reports.xlsxwrite import save_book
from tests.helpers.workbooks import data_path


def test_data_workbook_imports_exactly(tmp_path: Path, sample: Budget) -> None:
    path = data_path(sample)  # the export, written once per process (tests/helpers/workbooks.py)
    budget, report = import_excel(path)
    assert budget == sample and report == ""


def test_thirteen_tables_import_with_their_report(tmp_path: Path, sample: Budget) -> None:
    path = tmp_path / "tables.xlsx"
    save_book(tables_workbook(build_tables(sample)), str(path))  # book.save(path)'s parts, faster
    budget, report = import_excel(path)
    assert budget is not None
    assert [t.texts() for t in build_tables(budget)] == [t.texts() for t in build_tables(sample)]
    assert "从各表读取的内容" in report


def test_bad_data_workbook_lists_its_problems(tmp_path: Path, sample: Budget) -> None:
    book = data_workbook(sample)
    book["项目"]["B2"] = ""
    path = tmp_path / "bad.xlsx"
    save_book(book, str(path))
    budget, report = import_excel(path)
    assert budget is None
    assert "“项目”表" in report


def test_both_excel_files_are_written(tmp_path: Path, sample: Budget) -> None:
    writers = dict(excel_writers())
    assert sorted(writers) == ["公开表", "数据"]
    tables = tmp_path / "tables.xlsx"
    writers["公开表"](sample, tables)
    assert len(openpyxl.load_workbook(tables, read_only=True).sheetnames) == 13
    data = tmp_path / "data.xlsx"
    writers["数据"](sample, data)
    assert read_data(data) == (sample, [])


def test_a_failed_excel_write_leaves_the_file_that_was_there(
        tmp_path: Path, sample: Budget, monkeypatch: pytest.MonkeyPatch) -> None:
    """生成Excel over last week's files, with the disk full half-way: last week's files stay whole."""
    old = tmp_path / "old.xlsx"
    save_book(data_workbook(sample), str(old))
    before = old.read_bytes()

    def full(self: ExcelWriter) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(ExcelWriter, "write_data", full)
    for suffix, write in excel_writers():
        target = tmp_path / f"{suffix}.xlsx"
        target.write_bytes(before)
        with pytest.raises(OSError):
            write(sample, target)
        assert target.read_bytes() == before, suffix
    assert sorted(p.name for p in tmp_path.iterdir()) == ["old.xlsx", "公开表.xlsx", "数据.xlsx"]
