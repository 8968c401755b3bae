"""reports.xlsxsheet makes sheets as openpyxl's create_sheet does: the data and tables workbooks
built on them save to the same parts, byte for byte, and each sheet's settings are its own."""

from __future__ import annotations

import io
import zipfile
from typing import Any

import pytest
from openpyxl import Workbook

from app.core.records import Budget
from app.profiles.registry import profile_of
from app.profiles.shanghai.sample import load_sample as load_shanghai
from reports import excel_data, excel_tables
from reports.excel_data import data_workbook
from reports.excel_tables import tables_workbook
from reports.xlsxsheet import new_sheet
from reports.xlsxwrite import save_book
from tests.helpers.synthetic import generate


def parts(book: Any) -> dict[str, bytes]:
    """Every part openpyxl's own save writes (save_book writes them, test_xlsxwrite holds them
    to openpyxl's), in the zip's order; the time of saving aside."""
    out = io.BytesIO()
    save_book(book, out)
    with zipfile.ZipFile(out) as saved:
        return {name: saved.read(name) for name in saved.namelist() if name != "docProps/core.xml"}


def openpyxls(book: Workbook, title: str | None = None, index: int | None = None) -> Any:
    return book.create_sheet(title, index)


def same_as_on_openpyxls(module: Any, make: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """The workbook make() builds on our new sheets has the parts, byte for byte, of the one it
    builds with module's sheets made by openpyxl's create_sheet."""
    ours = parts(make())
    with monkeypatch.context() as patched:
        patched.setattr(module, "new_sheet", openpyxls)
        theirs = parts(make())
    assert list(ours) == list(theirs)
    for name in theirs:
        assert ours[name] == theirs[name], name


@pytest.mark.parametrize("which", ["sample", "shanghai", "generated"])
def test_the_data_workbook_on_these_sheets_is_the_one_on_openpyxls(
        which: str, sample: Budget, monkeypatch: pytest.MonkeyPatch) -> None:
    budget = (sample if which == "sample" else load_shanghai() if which == "shanghai"
              else generate(4, 30, seed=9))
    same_as_on_openpyxls(excel_data, lambda: data_workbook(budget), monkeypatch)


@pytest.mark.parametrize("which", ["sample", "shanghai"])
def test_the_tables_workbook_on_these_sheets_is_the_one_on_openpyxls(
        which: str, sample: Budget, monkeypatch: pytest.MonkeyPatch) -> None:
    """The 13 tables (Shanghai's 9): print setup, footers, merged headers on each sheet."""
    budget = sample if which == "sample" else load_shanghai()
    template, kind = profile_of(budget)
    tables = template.tables(budget, kind)
    same_as_on_openpyxls(excel_tables, lambda: tables_workbook(tables), monkeypatch)


def test_each_sheet_has_settings_of_its_own() -> None:
    book = Workbook()
    first, second = new_sheet(book, "甲"), new_sheet(book, "乙", 0)
    assert book.sheetnames == ["乙", "Sheet", "甲"]
    assert [type(v) for v in vars(first).values()] == [type(v) for v in vars(openpyxls(book, "丙")).values()]
    first.page_setup.orientation = "landscape"
    first.views.sheetView[0].zoomScale = 80
    first.HeaderFooter.oddFooter.center.text = "第 &P 页"
    assert second.page_setup.orientation is None
    assert second.views.sheetView[0].zoomScale is None
    assert second.HeaderFooter.oddFooter.center.text is None
    assert first.page_setup._parent is first and second.page_setup._parent is second
    first.column_dimensions["B"].width = 30  # made on first use, for this sheet
    first.row_dimensions[3].height = 20
    assert first.column_dimensions["B"].parent is first and first.row_dimensions[3].parent is first
    assert "B" not in second.column_dimensions and 3 not in second.row_dimensions
    first["A1"] = 1
    assert first["A1"].parent is first and second._cells == {}
    assert new_sheet(book, "甲").title == "甲1"  # a free name, as openpyxl gives it


def test_a_write_only_workbook_gets_openpyxls_sheet() -> None:
    book = Workbook(write_only=True)
    assert type(new_sheet(book, "甲")) is type(book.create_sheet("乙"))
