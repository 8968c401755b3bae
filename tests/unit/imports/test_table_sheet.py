"""The table import's reading of a workbook (app/imports/tables/sheet.py): `read_workbook` gives,
sheet for sheet, the grids openpyxl's full load gives (values, merged ranges, sizes), on the
layouts the import is tested with, exported and odd sheets; `norm` as first written."""

from __future__ import annotations

import re
import sys
import unicodedata
import zipfile
from pathlib import Path

import defusedxml
import openpyxl
import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.compute.tabledef import Table
from app.core.records import Budget
from app.imports import xlsxsafe
from app.imports.tables import sheet
from app.imports.tables.sheet import Grid, WorkbookError, cell_text, grid, read_workbook, spread_merge
from reports.excel_data import data_workbook, save
from tests.helpers.mutants import VALUES
from tests.helpers.table_workbook import Layout, write_workbook
from tests.helpers.unvetted import LAUGHS, renamed

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


def full_load(path: Path) -> list[Grid]:
    """The grids as read_xlsx read them through `openpyxl.load_workbook(path, data_only=True)`
    before issue 21 (the reference)."""
    try:
        xlsxsafe.check_file(path)
        with zipfile.ZipFile(path) as archive:
            xlsxsafe.check_zip(archive, path.name)
            formulas = xlsxsafe.scan(archive)
        book = openpyxl.load_workbook(path, data_only=True)
    except xlsxsafe.WorkbookError as exc:
        raise WorkbookError(str(exc)) from None
    except defusedxml.DefusedXmlException:
        raise WorkbookError("unsafe") from None
    except Exception as exc:
        raise WorkbookError(f"invalid ({exc})") from None
    grids: list[Grid] = []
    for ws in book.worksheets:
        values = {(r, c): cell.value for (r, c), cell in ws._cells.items()
                  if cell.value is not None and cell_text(cell.value) != ""}
        merged: dict[tuple[int, int], tuple[int, int]] = {}
        for rng in ws.merged_cells.ranges:
            spread_merge(merged, rng.min_row, rng.min_col, rng.max_row, rng.max_col)
        grids.append(grid(ws.title, values, merged, formulas.get(ws.title, set())))
    book.close()
    return grids


def agree(path: Path) -> list[Grid]:
    ours = read_workbook(path)
    assert ours == full_load(path)
    return ours


LAYOUTS = [Layout(), Layout(per_sheet=False, spacers=True, header="three", wrap=True),
           Layout(header="flat", figures="text", unit="元", title="bare", shuffle=3),
           Layout(per_sheet=False, title="caption", notes=False)]


@pytest.mark.parametrize("layout", LAYOUTS)
def test_the_import_layouts(layout: Layout, sample_tables: tuple[Table, ...], tmp_path: Path) -> None:
    grids = agree(write_workbook(sample_tables, tmp_path / "t.xlsx", layout))
    assert sum(len(g.values) for g in grids) > 500  # not empty
    if layout.header != "flat":
        assert sum(len(g.merged) for g in grids) > 20  # merged headers read


def test_an_exported_data_workbook(sample: Budget, tmp_path: Path) -> None:
    save(data_workbook(sample), tmp_path / "data.xlsx")
    assert len(agree(tmp_path / "data.xlsx")) > 3


def sheet_xml(body: str) -> bytes:
    return f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{MAIN}">{body}</worksheet>'.encode()


ODD = sheet_xml(
    '<sheetData>'
    # values inside merged ranges (emptied but the top-left), a cell given twice, no r on a cell
    '<row r="1"><c r="A1" t="inlineStr"><is><t>表题</t></is></c><c r="B1"><v>2</v></c>'
    '<c r="C1" t="inlineStr"><is><r><t>富</t></r><t>文</t></is></c><c r="C1"><v>3</v></c>'
    '<c><v>4</v></c></row>'
    '<row r="2"><c r="A2" t="str"><v>x</v></c><c r="B2"><f>1+1</f></c><c r="C2" t="b"><v>1</v></c>'
    '<c r="D2" t="e"><v>#DIV/0!</v></c><c r="E2"><v>1e20</v></c></row>'
    '<row r="5"><c r="C5" t="inlineStr"><is><t xml:space="preserve">  \n </t></is></c>'
    '<c r="D5"><v>5.0</v></c></row>'
    '<row r="3"><c r="A3"><v>9</v></c><c r="Z3" t="d"><v>2026-01-15T00:00:00</v></c></row>'
    '<row><c r="B4"><v>-0.0</v></c></row>'
    '</sheetData>'
    # overlapping ranges, a one-cell range, one far beyond the values, one wider than them
    '<mergeCells count="5"><mergeCell ref="A1:C1"/><mergeCell ref="B1:B2"/><mergeCell ref="D5"/>'
    '<mergeCell ref="X100:Y101"/><mergeCell ref="A3:AZ4"/></mergeCells>')


@pytest.fixture(scope="module")
def tables(sample_tables: tuple[Table, ...], tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample's 13 tables in the default layout (read only)."""
    return write_workbook(sample_tables, tmp_path_factory.mktemp("tables") / "t.xlsx")


def replaced(source: Path, target: Path, part: bytes) -> Path:
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            new.writestr(info.filename, part if info.filename.endswith("sheet2.xml") else old.read(info))
    return target


def test_odd_sheets_and_merges(tables: Path, tmp_path: Path) -> None:
    grids = agree(replaced(tables, tmp_path / "odd.xlsx", ODD))
    odd = grids[1]
    assert odd.values[(1, 1)] == "表题" and (1, 2) not in odd.values and (1, 3) not in odd.values
    assert odd.values[(3, 1)] == 9 and (3, 26) not in odd.values and odd.values[(2, 3)] is True
    assert odd.merged[(1, 3)] == (1, 1) and odd.merged[(2, 2)] == (1, 2) and odd.uncalculated == {"B2"}


def test_the_fuzz_values(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    ws = book.active
    assert ws is not None
    for i, value in enumerate(VALUES):
        try:
            ws.cell(i // 8 + 1, i % 8 + 1).value = value
        except Exception:  # a value openpyxl will not write (a control character)
            ws.cell(i // 8 + 1, i % 8 + 1).value = None
    ws.cell(VALUES.index(int("9" * 301)) // 8 + 1, VALUES.index(int("9" * 301)) % 8 + 1).value = None
    ws["XFD20000"] = "far"
    ws.merge_cells("B2:D3")
    book.save(tmp_path / "values.xlsx")
    assert len(agree(tmp_path / "values.xlsx")[0].values) > len(VALUES) // 3


@pytest.mark.parametrize("ref", ["B2:A1x", "", "A0"])
def test_a_bad_merged_range_is_refused_as_before(ref: str, tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    book.create_sheet()
    book.save(tmp_path / "two.xlsx")
    bad = replaced(tmp_path / "two.xlsx", tmp_path / "bad.xlsx", sheet_xml(
        f'<sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData>'
        f'<mergeCells count="1"><mergeCell ref="{ref}"/></mergeCells>'))
    with pytest.raises(WorkbookError):
        full_load(bad)
    with pytest.raises(WorkbookError, match=r"不是有效的 \.xlsx 工作簿"):
        read_workbook(bad)


def test_a_sheet_part_scan_does_not_parse_is_read_defused(tables: Path, tmp_path: Path) -> None:
    """A sheet in a part not named .xml (which `scan` passes over) is read as before, and a DTD
    there is refused, never given to the C parser."""
    plain = renamed(tables, tmp_path / "plain.xlsx")
    assert agree(plain) == read_workbook(tables)
    with pytest.raises(WorkbookError):  # openpyxl's full load said "invalid XML"
        full_load(renamed(tables, tmp_path / "laughs.xlsx", LAUGHS))
    with pytest.raises(WorkbookError, match=r"不是有效的 \.xlsx"):  # the defused parse refused it
        read_workbook(renamed(tables, tmp_path / "laughs.xlsx", LAUGHS))
    agree(renamed(tables, tmp_path / "odd.xlsx", ODD))


def first_norm(text: str) -> str:
    folded = unicodedata.normalize("NFKC", text)
    return "".join(ch for ch in folded if not ch.isspace() and ch not in sheet.QUOTES)


SPACES = "".join(chr(i) for i in range(sys.maxunicode + 1) if chr(i).isspace())


@given(st.text(alphabet=st.sampled_from(SPACES + sheet.QUOTES + "（）()　ＡＢ１２预算表一-—\u00a0\ufeff")
               | st.characters(), max_size=30))
def test_norm_is_as_first_written(text: str) -> None:
    assert sheet.norm(text) == first_norm(text)


def test_norm_drops_every_space_and_quote() -> None:
    assert len(SPACES) > 20
    assert sheet.norm(f"{SPACES}“一般公共预算”（{sheet.QUOTES}）Ａ ") == "一般公共预算()A"
    long = f"{SPACES}“一般公共预算”（）Ａ" * 20  # past the cached length: the same folding
    assert len(long) > sheet.SHORT and sheet.norm(long) == first_norm(long) == "一般公共预算()A" * 20


def first_cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    text = str(value).replace("\r", "\n")
    text = re.sub(r"[ \t\u3000]*\n[ \t\u3000]*", "", text)
    return text.strip(" \t\u3000\xa0")


@given(st.text(alphabet=st.sampled_from(" \t\u3000\xa0\r\n预算ab") | st.characters(), max_size=20)
       | st.floats() | st.integers() | st.booleans() | st.none())
def test_cell_text_is_as_first_written(value: object) -> None:
    assert cell_text(value) == first_cell_text(value)
