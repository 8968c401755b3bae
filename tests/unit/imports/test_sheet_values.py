"""The data workbook's sheets are read as openpyxl reads them: `xlsxread.sheet_values` (the C XML
parser under openpyxl's cell rules) gives, row for row, the values of openpyxl's read-only
`iter_rows(values_only=True)`, on our exports, on odd sheets and on the fuzz's values."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from app.core.records import Budget
from app.imports import xlsxread, xlsxsafe
from app.imports.workbook import read_data
from reports.excel_data import save, template
from tests.helpers.mutants import VALUES
from tests.helpers.unvetted import LAUGHS, renamed
from tests.helpers.workbooks import data_path

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


def both(path: Path) -> list[tuple[str, Any, Any]]:
    """(sheet, openpyxl's rows or its exception's type, sheet_values' rows or its exception's
    type) of each sheet of the workbook at path."""
    found = []
    safe = xlsxsafe.open_workbook(path)
    try:
        for ws in safe.book.worksheets:
            theirs: Any
            ours: Any
            try:
                ws.reset_dimensions()
                theirs = [tuple(row) for row in ws.iter_rows(values_only=True)]
            except Exception as exc:
                theirs = type(exc)
            try:
                ours = list(xlsxread.sheet_values(ws))
            except Exception as exc:
                ours = type(exc)
            found.append((ws.title, theirs, ours))
    finally:
        safe.close()
    return found


@pytest.fixture(scope="module")
def exported(sample: Budget) -> Path:
    """The sample's export, written once per process (shared with the other import tests)."""
    return data_path(sample)


def agree(path: Path) -> None:
    for sheet, theirs, ours in both(path):
        assert ours == theirs, sheet


def test_our_exports_and_templates(sample: Budget, exported: Path, tmp_path: Path) -> None:
    agree(exported)
    for name, book in (("shanxi", template(2026)), ("shanghai", template(2026, "shanghai"))):
        save(book, tmp_path / f"{name}.xlsx")
        agree(tmp_path / f"{name}.xlsx")
    rows = dict((s, r) for s, r, _ in both(exported))
    assert rows["项目"][1][1] == sample.projects[0].name  # the reading is not empty


def sheet_xml(rows: str) -> bytes:
    return f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{MAIN}"><sheetData>{rows}' \
           '</sheetData></worksheet>'.encode()


ODD_ROWS = (
    # numbers, a text, booleans, an error, an inline string, a cached formula, no r on a cell
    '<row r="2"><c r="A2"><v>5</v></c><c r="B2"><v>5.0</v></c><c r="C2" t="str"><v>x</v></c>'
    '<c r="D2" t="b"><v>1</v></c><c r="E2" t="e"><v>#DIV/0!</v></c>'
    '<c r="F2" t="inlineStr"><is><t>行内</t></is></c><c r="G2"><f>1+1</f><v>2</v></c><c><v>7</v></c>'
    # inline strings: rich text (runs around plain text), none, empty, a space kept
    '<c r="I2" t="inlineStr"><is><r><t>富</t></r><t>文</t><r><rPr><b/></rPr><t>本</t></r><r/></is></c>'
    '<c r="J2" t="inlineStr"/><c r="K2" t="inlineStr"><is/></c>'
    '<c r="L2" t="inlineStr" s="0"><is><t xml:space="preserve"> 空 </t></is></c></row>'
    # a gap, then a row without r, one far to the right, then one numbered below the last
    '<row r="5"><c r="C5"><v>1e20</v></c></row><row><c r="A6" t="d"><v>2026-01-15T00:00:00</v></c></row>'
    '<row r="7"><c r="Z7"><v>-0.0</v></c></row><row r="3"><c r="A3"><v>9</v></c></row>'
    '<row r="8" spans="1:2" ht="30" customHeight="1"><c r="B8" s="0"/></row>'
)


def test_odd_sheets(exported: Path, tmp_path: Path) -> None:
    odd = tmp_path / "odd.xlsx"
    with zipfile.ZipFile(exported) as old, zipfile.ZipFile(odd, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            data = old.read(info)
            new.writestr(info.filename, sheet_xml(ODD_ROWS) if info.filename.endswith("sheet2.xml") else data)
    agree(odd)
    rows = next(r for s, r, _ in both(odd) if r and len(r) > 4 and r[0] == ())
    assert rows[1][:7] == (5, 5.0, "x", True, "#DIV/0!", "行内", 2)
    assert rows[1][8:] == ("文富本", None, "", " 空 ")
    assert rows[5][0] == dt.datetime(2026, 1, 15)


def test_dates_and_times_as_openpyxl_reads_them(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    ws = book.active
    ws.append([dt.date(2026, 2, 28), dt.datetime(2026, 1, 15, 9, 30), dt.time(12, 0),
               dt.timedelta(hours=30), 45678, "2026-01-15"])
    ws["A3"] = dt.datetime(1900, 1, 1)
    book.save(tmp_path / "dates.xlsx")
    agree(tmp_path / "dates.xlsx")


def test_a_date_out_of_range_and_odd_row_numbers(tmp_path: Path) -> None:
    """A date-styled serial no date can hold is "#VALUE!" with openpyxl's warning; a row numbered
    "4.0" is row 4; "4.5" is refused as openpyxl refuses it."""
    book = openpyxl.Workbook()
    book.active["A1"] = dt.date(2026, 2, 28)
    book.save(tmp_path / "dates.xlsx")
    for number, cells in (("4.0", '<c r="A4"><v>1</v></c>'), ("4.5", '<c r="A4"><v>1</v></c>')):
        path = tmp_path / f"row {number}.xlsx"
        with zipfile.ZipFile(tmp_path / "dates.xlsx") as old, \
                zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as new:
            for info in old.infolist():
                data = old.read(info)
                if info.filename.endswith("sheet1.xml"):
                    text = data.decode()
                    style = text[text.index('<c r="A1"'):].split('s="')[1].split('"')[0]
                    data = sheet_xml(f'<row r="1"><c r="A1" s="{style}"><v>99999999999</v></c><c r="B1">'
                                     f'<v>3</v></c></row><row r="{number}">{cells}</row>')
                new.writestr(info.filename, data)
        with pytest.warns(UserWarning, match="outside the limits for dates"):
            found = both(path)
        assert all(ours == theirs for _, theirs, ours in found), number
        if number == "4.0":
            assert found[0][2] == [("#VALUE!", 3), (), (), (1,)]
        else:
            assert found[0][2] is ValueError


def test_the_fuzz_values_and_a_far_cell(tmp_path: Path) -> None:
    """Every hostile value the fuzz writes into cells (tests/helpers/mutants.py), and a stray
    value far away."""
    book = openpyxl.Workbook()
    ws = book.active
    written = 0
    for i, value in enumerate(VALUES):
        try:
            ws.cell(i // 8 + 1, i % 8 + 1).value = value
            written += 1
        except Exception:  # a value openpyxl will not write (a control character), as the fuzz
            ws.cell(i // 8 + 1, i % 8 + 1).value = None
    ws["XFD20000"] = "far"
    try:
        book.save(tmp_path / "values.xlsx")
    except Exception:  # openpyxl cannot write a 301-digit int: without it
        ws.cell(VALUES.index(int("9" * 301)) // 8 + 1, VALUES.index(int("9" * 301)) % 8 + 1).value = None
        book.save(tmp_path / "values.xlsx")
    assert written > len(VALUES) // 2
    agree(tmp_path / "values.xlsx")


def test_a_sheet_in_another_encoding_is_parsed_by_defusedxml(exported: Path, tmp_path: Path) -> None:
    """The quick look for a DTD reads UTF-8 bytes: a sheet declared in EBCDIC (where <!DOCTYPE is
    other bytes) is parsed by defusedxml before any value is read, and refused."""
    laughs = ('<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>'
              f'<worksheet xmlns="{MAIN}"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&b;</t>'
              '</is></c></row></sheetData></worksheet>')
    part = b'<?xml version="1.0" encoding="cp037"?>' + laughs.encode("cp037")
    assert b"<!DOCTYPE" not in part
    path = tmp_path / "ebcdic.xlsx"
    with zipfile.ZipFile(exported) as old, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            new.writestr(info.filename, part if info.filename.endswith("sheet2.xml") else old.read(info))
    with zipfile.ZipFile(path) as archive:
        assert not xlsxsafe.formula_free(archive, "xl/worksheets/sheet2.xml")
    budget, problems = read_data(path)
    assert budget is None and len(problems) == 1
    assert "不安全的 XML 内容" in problems[0].message or "已损坏" in problems[0].message


@pytest.mark.parametrize("declaration", [b'<?xml version="1.0" encoding="UTF-8"?>',
                                         b"<?xml version='1.0' encoding='utf_8' standalone='yes'?>",
                                         b'\xef\xbb\xbf<?xml version="1.0"?>', b""])
def test_utf8_sheets_need_no_second_parse(declaration: bytes) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("s.xml", declaration + sheet_xml("")[38:])
    with zipfile.ZipFile(buffer) as archive:
        assert xlsxsafe.formula_free(archive, "s.xml")


SHARED = ('<?xml version="1.0" encoding="UTF-8"?>'
          f'<sst xmlns="{MAIN}" count="6" uniqueCount="6"><si><t>共享</t></si>'
          '<si><r><t>富</t></r><r><rPr><b/></rPr><t>文本</t></r></si><si><t>a_x005F_x000D_b</t></si>'
          '<si/><si><t/></si><si><t xml:space="preserve"> 空 </t><rPh sb="0" eb="1"><t>ふ</t></rPh></si>'
          '</sst>')
SHARED_ROWS = ''.join(f'<row r="{i + 1}"><c r="A{i + 1}" t="s"><v>{i}</v></c><c r="C{i + 1}" s="0">'
                      f'<v>{i}.5</v></c></row>' for i in range(6))


def test_the_workbook_is_loaded_as_openpyxl_loads_it(exported: Path, tmp_path: Path) -> None:
    """Shared strings (as Excel writes its text), sheet states and declared sizes, date styles."""
    shared = tmp_path / "shared.xlsx"
    with zipfile.ZipFile(exported) as old, zipfile.ZipFile(shared, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            data = old.read(info)
            if info.filename == "[Content_Types].xml":
                data = data.replace(b"</Types>", b'<Override PartName="/xl/sharedStrings.xml" ContentType='
                                    b'"application/vnd.openxmlformats-officedocument.spreadsheetml.'
                                    b'sharedStrings+xml"/></Types>')
            elif info.filename.endswith("sheet3.xml"):
                data = sheet_xml(SHARED_ROWS)
            new.writestr(info.filename, data)
        new.writestr("xl/sharedStrings.xml", SHARED)
    for path in (exported, shared):
        ours = xlsxread.load(path)
        theirs = openpyxl.load_workbook(path, read_only=True, data_only=True)
        assert ours.sheetnames == theirs.sheetnames
        assert ours._date_formats == theirs._date_formats and ours.epoch == theirs.epoch
        for a, b in zip(ours.worksheets, theirs.worksheets, strict=True):
            assert (a.sheet_state, a.min_row, a.min_column, a.max_row, a.max_column) == (
                b.sheet_state, b.min_row, b.min_column, b.max_row, b.max_column), a.title
            assert a._shared_strings == b._shared_strings
            assert list(a.iter_rows(values_only=True)) == list(b.iter_rows(values_only=True))
        ours.close()
        theirs.close()
    agree(shared)
    rows = next(r for s, r, _ in both(shared) if r and r[0] and r[0][0] == "共享")
    assert [r[0] for r in rows] == ["共享", "富文本", "a_x000D_b", "", "", " 空 "]


def test_a_sheet_part_scan_does_not_parse_is_left_to_openpyxls_defused_reading(
        exported: Path, tmp_path: Path) -> None:
    """A sheet or the shared strings in a part not named .xml (which `scan` passes over) are
    never given to the C parser: a DTD there is still refused, and plain ones read as before."""
    plain = renamed(exported, tmp_path / "plain.xlsx")
    with zipfile.ZipFile(plain) as archive:
        assert "xl/worksheets/sheet2" in archive.namelist()
    agree(plain)
    assert read_data(plain) == read_data(exported)
    budget, problems = read_data(renamed(exported, tmp_path / "laughs.xlsx", LAUGHS))
    assert budget is None and len(problems) == 1  # refused by openpyxl's defused parse, as before
    assert "不安全的 XML 内容" in problems[0].message or "无法读取工作簿" in problems[0].message


def test_a_sheets_size_is_read_only_when_asked_for(exported: Path, tmp_path: Path) -> None:
    """The importer never reads a sheet's declared size (issue 21); asked for, before or after
    reset_dimensions, it is openpyxl's: a size starting past A1 keeps its minimum on a reset."""
    from unittest.mock import patch

    measured: list[str] = []
    measure = xlsxread.Sheet._measure

    def counting(sheet: Any) -> None:
        measured.append(sheet.title)
        measure(sheet)

    with patch.object(xlsxread.Sheet, "_measure", counting):
        assert read_data(exported)[1] == []
    assert measured == []
    sized = tmp_path / "sized.xlsx"
    with zipfile.ZipFile(exported) as old, zipfile.ZipFile(sized, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            data = old.read(info)
            if info.filename.endswith("sheet3.xml"):
                data = sheet_xml('<row r="3"><c r="B3"><v>1</v></c><c r="D3"><v>2</v></c></row>'
                                 '<row r="7"><c r="C7"><v>3</v></c></row>').replace(
                    b"<sheetData>", b'<dimension ref="B3:D7"/><sheetData>')
            new.writestr(info.filename, data)
    for reset_first in (False, True):
        ours = xlsxread.load(sized)
        theirs = openpyxl.load_workbook(sized, read_only=True, data_only=True)
        for a, b in zip(ours.worksheets, theirs.worksheets, strict=True):
            if reset_first:
                a.reset_dimensions()
                b.reset_dimensions()
            assert (a.min_row, a.min_column, a.max_row, a.max_column) == (
                b.min_row, b.min_column, b.max_row, b.max_column), a.title
            assert a.calculate_dimension(force=True) == b.calculate_dimension(force=True), a.title
        assert ours.worksheets[2].min_row == 3 and ours.worksheets[2].min_column == 2
        ours.close()
        theirs.close()
