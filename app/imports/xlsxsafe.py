"""Opening an untrusted .xlsx file within bounded time and memory, or saying plainly why not.

Before openpyxl sees the file: its size is capped, it must be a zip holding a workbook, the
zip's declared sizes and compression ratios are checked (zip bombs), and every XML part is
parsed once with defusedxml, which refuses DTDs and entities (billion laughs). That pass also
finds the formula cells whose value was never calculated, which openpyxl cannot tell from
blank cells. A sheet's values are then read by `sheet_values` (openpyxl's own cell rules on
the C XML parser, the part having been vetted here).
"""

from __future__ import annotations

import posixpath
import re
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any
from xml.etree import ElementTree

import defusedxml
import openpyxl
from defusedxml import ElementTree as SafeTree
from openpyxl.utils.cell import coordinate_to_tuple
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet._reader import INLINE_STRING, ROW_TAG, WorkSheetParser
from openpyxl.xml.functions import localname

from app.core.errors import UserError

MAX_FILE = 50 * 1024 * 1024  # bytes of the .xlsx file itself
MAX_TOTAL = 400 * 1024 * 1024  # bytes of all parts once unpacked
MAX_PARTS = 5000
MAX_RATIO = 200  # unpacked / packed size of any part over RATIO_FLOOR
RATIO_FLOOR = 1024 * 1024

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"


FORMULA = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?f[\s/>]")  # an <f> element, any prefix
# the encoding an XML declaration names (none: UTF-8, or UTF-16 told by its bytes)
DECLARED = re.compile(rb"""(?:\xef\xbb\xbf)?\s*<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._-]*)["']""")


class WorkbookError(UserError):
    """A file that cannot be read as a workbook; the message is for the user."""


@dataclass
class SafeBook:
    """An opened workbook (read-only, cached values) and its uncalculated formula cells."""

    book: Workbook
    uncalculated: dict[str, set[str]]  # sheet name → cell references

    def close(self) -> None:
        self.book.close()


def check_file(path: Path) -> None:
    """WorkbookError unless path is a file of bounded size that starts like a zip."""
    if not path.is_file():
        raise WorkbookError(f"找不到文件“{path}”。")
    size = path.stat().st_size
    if size > MAX_FILE:
        raise WorkbookError(f"“{path.name}”有 {size // (1024 * 1024)} MB，超过了 "
                            f"{MAX_FILE // (1024 * 1024)} MB 的上限，不像是预算数据工作簿。")
    with path.open("rb") as handle:
        magic = handle.read(8)
    if magic.startswith(b"\xd0\xcf\x11\xe0"):
        raise WorkbookError(f"“{path.name}”是旧版 .xls 或加密的工作簿，请在 Excel/WPS 中"
                            "另存为 .xlsx（不加密码）后再导入。")
    if not magic.startswith(b"PK\x03\x04"):
        raise WorkbookError(f"“{path.name}”不是 Excel 工作簿（.xlsx）。")


def check_zip(archive: zipfile.ZipFile, name: str) -> None:
    """WorkbookError when the zip is not a workbook or would unpack to too much."""
    parts = archive.infolist()
    if len(parts) > MAX_PARTS:
        raise WorkbookError(f"“{name}”中的部件过多（{len(parts)} 个），不像是正常的工作簿。")
    names = {p.filename for p in parts}
    if "[Content_Types].xml" not in names or "xl/workbook.xml" not in names:
        raise WorkbookError(f"“{name}”不是 Excel 工作簿（.xlsx），可能是其他格式的压缩文件。")
    unpacked = sum(p.file_size for p in parts)
    if unpacked > MAX_TOTAL:
        raise WorkbookError(f"“{name}”解压后有 {unpacked // (1024 * 1024)} MB，超过上限，"
                            "可能是恶意构造的压缩文件（“压缩炸弹”），已拒绝打开。")
    for part in parts:
        if part.file_size > RATIO_FLOOR and part.file_size > MAX_RATIO * max(part.compress_size, 1):
            raise WorkbookError(f"“{name}”中的“{part.filename}”压缩比异常（超过 {MAX_RATIO} 倍），"
                                "可能是恶意构造的压缩文件（“压缩炸弹”），已拒绝打开。")


def sheet_parts(archive: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name → the zip part holding its XML."""
    rels: dict[str, str] = {}
    for _, rel in parse(archive, "xl/_rels/workbook.xml.rels", f"{{{PKG_REL}}}Relationship"):
        target = rel.get("Target", "")
        path = target.lstrip("/") if target.startswith("/") else posixpath.join("xl", target)
        rels[rel.get("Id", "")] = posixpath.normpath(path)
    found: dict[str, str] = {}
    for _, sheet in parse(archive, "xl/workbook.xml", f"{{{MAIN}}}sheet"):
        part = rels.get(sheet.get(f"{{{REL}}}id", ""), "")
        if part:
            found[sheet.get("name", "")] = part
    return found


def parse(archive: zipfile.ZipFile, part: str, tag: str) -> Iterator[tuple[str, Any]]:
    """The elements called tag of one XML part, parsed with DTDs and entities refused."""
    with archive.open(part) as stream:
        yield from elements(stream, tag)


def elements(stream: IO[bytes], tag: str) -> Iterator[tuple[str, Any]]:
    for event, element in SafeTree.iterparse(stream, events=("end",), forbid_dtd=True,
                                             forbid_entities=True, forbid_external=True):
        if element.tag == tag:
            yield event, element
            element.clear()


def uncalculated(archive: zipfile.ZipFile, part: str) -> set[str]:
    """The references of formula cells in a sheet part that carry no cached value."""
    found: set[str] = set()
    formula, value = f"{{{MAIN}}}f", f"{{{MAIN}}}v"
    for _, cell in parse(archive, part, f"{{{MAIN}}}c"):
        if cell.find(formula) is not None:
            cached = cell.find(value)
            if cached is None or not (cached.text or "").strip():
                found.add(cell.get("r", ""))
    return found


def formula_free(archive: zipfile.ZipFile, part: str) -> bool:
    """Whether a UTF-8 sheet part plainly has no formula and no DTD (a quick look at its bytes,
    which saves parsing the sheet twice); False means "parse it"."""
    data = archive.read(part)
    if data.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in data[:200]:
        return False  # UTF-16: only a parser can tell
    declared = DECLARED.match(data)
    if declared and declared.group(1).lower().replace(b"_", b"-") not in (b"utf-8", b"utf8"):
        return False  # another encoding (EBCDIC spells <!DOCTYPE otherwise): only a parser can tell
    return not (FORMULA.search(data) or b"<!DOCTYPE" in data or b"<!ENTITY" in data)


def scan(archive: zipfile.ZipFile) -> dict[str, set[str]]:
    """Parse every XML part safely; return each sheet's uncalculated formula cells."""
    sheets = sheet_parts(archive)
    by_part = {part: name for name, part in sheets.items()}
    result: dict[str, set[str]] = {name: set() for name in sheets}
    for info in archive.infolist():
        if not info.filename.endswith((".xml", ".rels")):
            continue
        if info.filename in by_part and formula_free(archive, info.filename):
            continue  # UTF-8 without a DTD or an entity: nothing more to find here
        if info.filename in by_part:
            result[by_part[info.filename]] = uncalculated(archive, info.filename)
        else:
            for _ in parse(archive, info.filename, "\0"):
                pass
    return result


def open_workbook(path: Path | str) -> SafeBook:
    """The workbook at path, read-only with cached values; WorkbookError when it is unsafe or
    unreadable (never any other exception for a bad file)."""
    path = Path(path)
    check_file(path)
    try:
        with zipfile.ZipFile(path) as archive:
            check_zip(archive, path.name)
            formulas = scan(archive)
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except WorkbookError:
        raise
    except defusedxml.DefusedXmlException:
        raise WorkbookError(f"“{path.name}”含有不安全的 XML 内容（DTD 或实体定义），"
                            "可能是恶意构造的文件，已拒绝打开。") from None
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, zlib.error) as exc:
        raise WorkbookError(f"“{path.name}”已损坏，无法作为工作簿打开（{exc}）。") from None
    except SafeTree.ParseError as exc:
        raise WorkbookError(f"“{path.name}”已损坏：其中的 XML 无法解析（{exc}）。") from None
    except Exception as exc:  # openpyxl raises many kinds on a malformed file
        raise WorkbookError(f"无法读取工作簿“{path.name}”：{type(exc).__name__} {exc}") from None
    return SafeBook(book, formulas)


def sheet_values(ws: Any) -> Iterator[tuple[Any, ...]]:
    """The rows of a read-only worksheet of a book from `open_workbook`, as
    `ws.reset_dimensions(); ws.iter_rows(values_only=True)` gives them (each row as wide as its
    own last cell; () for a missing row, where openpyxl gives []), several times faster:
    openpyxl's own cell rules (shared strings, dates, booleans, errors) on the C XML parser
    instead of defusedxml's pure-Python one, inline strings (what openpyxl writes) without building
    openpyxl's rich-text objects, and nothing but the rows (openpyxl also builds each
    sheet's drop-down lists, views and print settings). Safe because `scan` vetted the part
    first: UTF-8 holding no DTD or entity, or parsed whole by defusedxml (issue 21)."""
    book = ws.parent
    cells = Cells(None, ws._shared_strings, data_only=book.data_only, epoch=book.epoch,
                            date_formats=book._date_formats,
                            timedelta_formats=book._timedelta_formats)
    counter = 1
    with ws._get_source() as source:
        for _, element in ElementTree.iterparse(source):
            if element.tag != ROW_TAG:
                continue
            number, row = cells.parse_row(element)
            element.clear()
            while counter < number:  # rows the sheet lacks
                counter += 1
                yield ()
            if counter == number:  # a row numbered below the one before is passed over
                counter += 1
                yield tuple(ws._get_row(row, 1, None, True))


class Cells(WorkSheetParser):  # type: ignore[misc]
    """openpyxl's cell rules, an inline string's text taken as `Text.from_tree(...).content`
    takes it (the plain text, then each run's) without building the objects: most of the
    reading of an exported workbook was that."""

    def parse_cell(self, element: Any) -> dict[str, Any]:
        if element.get("t") != "inlineStr":
            return super().parse_cell(element)  # type: ignore[no-any-return]
        style = element.get("s", 0)
        if style:
            style = int(style)
        coordinate = element.get("r")
        if coordinate:
            row, column = coordinate_to_tuple(coordinate)
            self.col_counter = column
        else:
            self.col_counter += 1
            row, column = self.row_counter, self.col_counter
        child = element.find(INLINE_STRING)
        value, kind = (None, "inlineStr") if child is None else (inline_text(child), "s")
        return {"row": row, "column": column, "value": value, "data_type": kind, "style_id": style}


def inline_text(node: Any) -> str:
    """The text of an <is> element as openpyxl's Text.content gives it."""
    plain: str | None = None
    runs: list[str] = []
    for element in node:
        tag = localname(element)
        if tag == "t":
            plain = element.text
        elif tag == "r":
            text = None
            for part in element:
                if localname(part) == "t":
                    text = part.text
            if text is not None:
                runs.append(text)
    return "".join(([plain] if plain is not None else []) + runs)
