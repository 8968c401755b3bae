"""reports.xlsxwrite saves every part as openpyxl's own save writes it, byte for byte."""

from __future__ import annotations

import datetime as dt
import io
import math
import zipfile
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl.cell.rich_text import CellRichText, TextBlock
from openpyxl.cell.text import InlineFont
from openpyxl.comments import Comment
from openpyxl.styles import Font

from app.core.records import Budget
from app.profiles.registry import profile_of
from app.profiles.shanghai.sample import load_sample as load_shanghai
from reports.excel_data import data_workbook
from reports.excel_tables import tables_workbook
from reports.xlsxwrite import save_book
from tests.helpers.mutants import VALUES


def parts(data: bytes) -> dict[str, bytes]:
    """Every part by name, in the zip's order; the time of saving (docProps/core.xml) aside."""
    with zipfile.ZipFile(io.BytesIO(data)) as book:
        return {name: book.read(name) for name in book.namelist() if name != "docProps/core.xml"}


def saved(book: Any, save: Callable[[Any, io.BytesIO], None]) -> dict[str, bytes]:
    out = io.BytesIO()
    save(book, out)
    return parts(out.getvalue())


def same_parts(make: Callable[[], Any]) -> None:
    """A fresh workbook from make() for each writer (saving changes a workbook a little)."""
    ours = saved(make(), save_book)
    theirs = saved(make(), lambda book, out: book.save(out))
    assert list(ours) == list(theirs)
    for name in theirs:
        assert ours[name] == theirs[name], name


def reloaded(make: Callable[[], Any]) -> Callable[[], Any]:
    """make's workbook as openpyxl loads it back (styles, merged cells and all as read)."""
    out = io.BytesIO()
    make().save(out)
    data = out.getvalue()
    return lambda: openpyxl.load_workbook(io.BytesIO(data))


def test_the_data_workbooks(sample: Budget) -> None:
    """Both profiles' sheets, drop-down lists, styles; and the sample's as openpyxl reads it."""
    same_parts(lambda: data_workbook(sample))
    same_parts(reloaded(lambda: data_workbook(sample)))
    shanghai = load_shanghai()
    same_parts(lambda: data_workbook(shanghai))


def test_the_tables_workbooks(sample: Budget) -> None:
    """Merged headers, borders, number formats, print setup: the 13 tables and Shanghai's 9."""
    for budget in (sample, load_shanghai()):
        template_, kind = profile_of(budget)
        tables = template_.tables(budget, kind)
        same_parts(lambda: tables_workbook(tables))  # noqa: B023 (used at once)


def odd_book() -> Any:
    """Every kind of cell: what is written here and what is left to openpyxl."""
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "odd"
    values: list[Any] = [v for v in VALUES if not (isinstance(v, str) and "\x00" in v)]
    values += [" lead", "trail ", " both ", "   ", "\tx\n", "a&b<c>d\"e'f", "]]>", "\r\n", "x\ry",
               Decimal("1234.50"), Decimal("-0.00"), 1.0 / 3, math.nan, math.inf, -math.inf, 2**70,
               dt.datetime(2026, 1, 2, 3, 4, 5), dt.timedelta(days=1, hours=2), "=SUM(A1:A3)",
               "#REF!", "#NULL!", None, True, 0, 0.0, "", "全角　空格　"]
    for row, value in enumerate(values, 1):
        ws.cell(row, 1, value)
        styled = ws.cell(row, 3, value)
        styled.font = Font(bold=True)
    ws.cell(1, 5).font = Font(italic=True)  # an empty styled cell
    ws.cell(2, 5).comment = Comment("批注", "作者")
    ws.cell(3, 5, "有批注").comment = Comment("note", "me")
    ws.cell(4, 5, "链接").hyperlink = "https://example.org/"
    ws.cell(5, 5).value = CellRichText("普通", TextBlock(InlineFont(b=True), " 加粗 "))
    ws.cell(6, 5, "=A1&\"<x>\"")
    ws.cell(7, 5).value = "#N/A"
    ws.cell(7, 5).data_type = "e"
    ws.row_dimensions[3].height = 30
    ws.row_dimensions[200].height = 12  # a row with a height but no cells
    ws.merge_cells("G1:H3")
    ws["G1"] = "合并"
    ws["XFD1048576"] = "far"
    second = book.create_sheet("第二 表")
    second.append(["a", 1, None, "b"])
    book.create_sheet("empty")
    return book


def test_every_kind_of_cell() -> None:
    same_parts(odd_book)
    same_parts(reloaded(odd_book))


# characters openpyxl accepts in a cell: no control characters but tab, line feed and return
cell_text = st.text(st.characters(exclude_categories=("Cs",), exclude_characters="".join(
    chr(c) for c in range(32) if chr(c) not in "\t\n\r")), max_size=12)
cell_values = st.one_of(
    cell_text, cell_text.map(lambda t: f" {t} "), st.integers(-(2**70), 2**70),
    st.floats(allow_nan=True, allow_infinity=True), st.booleans(), st.none(),
    st.decimals(places=2, allow_nan=False, allow_infinity=False),
    st.sampled_from(["#DIV/0!", "#N/A", "=1+1", ""]))


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.lists(st.tuples(cell_values, st.booleans()), max_size=6), max_size=6))
def test_any_values(rows: list[list[tuple[Any, bool]]]) -> None:
    def make() -> Any:
        book = openpyxl.Workbook()
        ws = book.active
        for r, row in enumerate(rows, 1):
            for c, (value, bold) in enumerate(row, 1):
                cell = ws.cell(r, c, value)
                if bold:
                    cell.font = Font(bold=True)
        return book
    same_parts(make)


def test_a_write_only_workbook_is_left_to_openpyxl() -> None:
    def make() -> Any:
        book = openpyxl.Workbook(write_only=True)
        ws = book.create_sheet("s")
        ws.append(["x", 1, None])
        return book
    same_parts(make)


def test_a_read_only_workbook_is_refused(tmp_path: Any) -> None:
    path = tmp_path / "b.xlsx"
    openpyxl.Workbook().save(path)
    with pytest.raises(TypeError):
        save_book(openpyxl.load_workbook(path, read_only=True), io.BytesIO())


def test_styles_copied_from_the_first_like_cell_save_as_styles_set_on_each(
        sample: Budget, monkeypatch: pytest.MonkeyPatch) -> None:
    """reports.excel_data styles a cell by copying the style of the first cell styled alike
    (issue 21): the workbook saves to the bytes it gave when each cell was styled itself."""
    from reports import excel_data

    book = data_workbook(sample)
    assert len(excel_data._STYLES[book]) > 3  # it did copy
    copied = saved(book, save_book)
    monkeypatch.setattr(excel_data, "styled", lambda cell, key, apply: apply(cell))
    each = saved(data_workbook(sample), save_book)
    assert list(copied) == list(each)
    for name in each:
        assert copied[name] == each[name], name


def test_tables_styled_and_merged_like_earlier_cells_save_as_styled_and_merged_each(
        sample: Budget, monkeypatch: pytest.MonkeyPatch) -> None:
    """reports.excel_tables copies the style of the first cell styled alike and the styles of
    the first merge alike (issue 21): each tables workbook (Shanxi's 13 tables, Shanghai's 9)
    saves to the bytes it gave when each cell was styled and each range merged by openpyxl."""
    from reports import excel_tables

    budgets = [sample, load_shanghai()]
    tables = []
    for budget in budgets:
        template_, kind = profile_of(budget)
        tables.append(template_.tables(budget, kind))
    copied = []
    for each in tables:
        book = tables_workbook(each)
        assert len(excel_tables._MERGES[book]) > 3 and len(excel_data_styles(book)) > 3  # it did copy
        copied.append(saved(book, save_book))
    monkeypatch.setattr(excel_tables, "styled", lambda cell, key, apply: apply(cell))
    monkeypatch.setattr(excel_tables, "merge", lambda ws, top, left, bottom, right: ws.merge_cells(
        start_row=top, start_column=left, end_row=bottom, end_column=right))
    for each, ours in zip(tables, copied, strict=True):
        plain = saved(tables_workbook(each), save_book)
        assert list(ours) == list(plain)
        for name in plain:
            assert ours[name] == plain[name], name


def excel_data_styles(book: Any) -> dict[Any, Any]:
    from reports import excel_data

    return excel_data._STYLES[book]


def test_without_et_xmlfile_2s_writer_openpyxl_writes_the_rows(
        sample: Budget, monkeypatch: pytest.MonkeyPatch) -> None:
    """et_xmlfile 1.x names its writer otherwise: the rows are then openpyxl's own, as saved."""
    from reports import xlsxwrite

    monkeypatch.setattr(xlsxwrite, "_IncrementalFileWriter", None)
    same_parts(odd_book)
