"""Opening an untrusted .xlsx file within bounded time and memory, or saying plainly why not.

Before openpyxl sees the file: its size is capped, it must be a zip holding a workbook, the
zip's declared sizes and compression ratios are checked (zip bombs), and every XML part is
parsed once with defusedxml, which refuses DTDs and entities (billion laughs). That pass also
finds the formula cells whose value was never calculated, which openpyxl cannot tell from
blank cells. The vetted file is then read by `app.imports.xlsxread` (openpyxl's reader on the
C XML parser).
"""

from __future__ import annotations

import posixpath
import re
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

import defusedxml
from defusedxml import ElementTree as SafeTree

from app.core.errors import UserError

if TYPE_CHECKING:
    from openpyxl.workbook.workbook import Workbook

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
    from app.imports import xlsxread

    sheets = sheet_parts(archive)
    by_part = {part: name for name, part in sheets.items()}
    result: dict[str, set[str]] = {name: set() for name in sheets}
    for info in archive.infolist():
        if not xlsxread.vetted(info.filename):
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
    from app.imports import xlsxread  # openpyxl (0.45 s) only for a file that may be a workbook

    try:
        with zipfile.ZipFile(path) as archive:
            check_zip(archive, path.name)
            formulas = scan(archive)
        book = xlsxread.load(path)  # openpyxl's load_workbook(path, read_only=True, data_only=True)
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

