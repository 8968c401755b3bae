"""Reading the official year's code list (政府收支分类科目) from a workbook of codes and names."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from openpyxl.utils import get_column_letter

from app.core.catalog import DEPT, FUNCTION, GOV, KIND_NAMES
from app.core.records import CatalogEntry
from app.imports.workbook import Problem, as_text, blank
from app.imports.xlsxsafe import WorkbookError, open_workbook

# words in a sheet name (or --kind) that say which catalog it is, most specific first
KIND_WORDS = (
    (DEPT, ("部门经济", "部门预算支出经济", "economic-dept", "dept")),
    (GOV, ("政府经济", "政府预算支出经济", "economic-gov", "gov")),
    (FUNCTION, ("功能", "function")),
)
LENGTHS = {FUNCTION: (3, 5, 7), DEPT: (3, 5), GOV: (3, 5)}
HEADER_SEARCH = 20


def kind_of(name: str) -> str | None:
    """The catalog kind a sheet name or a --kind value names, or None."""
    for kind, words in KIND_WORDS:
        if any(w in name for w in words):
            return kind
    return None


def header(rows: list[tuple[Any, ...]]) -> tuple[int, int, int]:
    """(first data row index, code column, name column), 0-based; A and B when no header."""
    for i, row in enumerate(rows[:HEADER_SEARCH]):
        cells = [as_text(c).strip() if c is not None else "" for c in row]
        code = next((j for j, c in enumerate(cells) if "编码" in c or "代码" in c), None)
        name = next((j for j, c in enumerate(cells) if "名称" in c and j != code), None)
        if code is not None:
            return i + 1, code, name if name is not None else code + 1
    return 0, 0, 1


def sheet_entries(title: str, kind: str, rows: list[tuple[Any, ...]],
                  problems: list[Problem]) -> list[CatalogEntry]:
    start, code_col, name_col = header(rows)
    found: dict[str, CatalogEntry] = {}
    for i, row in enumerate(rows[start:], start=start + 1):
        raw_code = row[code_col] if code_col < len(row) else None
        raw_name = row[name_col] if name_col < len(row) else None
        if blank(raw_code) and blank(raw_name):
            continue
        ref = f"{get_column_letter(code_col + 1)}{i}"
        text = as_text(raw_code).strip() if not blank(raw_code) else ""
        joined = re.fullmatch(r"(\d+)\s+(.+)", text)
        code, name = (joined.group(1), joined.group(2)) if joined else (text, "")
        if not blank(raw_name):
            name = as_text(raw_name).strip()
        if not code.isdigit():
            problems.append(Problem(title, ref, f"科目编码“{text}”应全部为数字"))
        elif len(code) not in LENGTHS[kind]:
            problems.append(Problem(title, ref, f"{KIND_NAMES[kind]}编码“{code}”的位数不对"
                                                 f"（应为 {'、'.join(map(str, LENGTHS[kind]))} 位）"))
        elif not name:
            problems.append(Problem(title, f"{get_column_letter(name_col + 1)}{i}",
                                    f"科目“{code}”没有名称"))
        elif code in found:
            problems.append(Problem(title, ref, f"科目编码“{code}”重复"))
        else:
            found[code] = CatalogEntry(kind, code, name)
    return list(found.values())


def read_code_list(path: Path | str, kind: str | None = None) -> tuple[list[CatalogEntry], list[Problem]]:
    """The entries of a code-list workbook and every problem; the kind of each sheet comes from
    its name, or from kind (then the sheets named for it, or else the first sheet)."""
    path = Path(path)
    try:
        safe = open_workbook(path)
    except WorkbookError as exc:
        return [], [Problem("", "", str(exc))]
    try:
        sheets = [(ws.title, list(ws.iter_rows(values_only=True))) for ws in safe.book.worksheets]
    except Exception as exc:  # a malformed sheet openpyxl cannot read
        return [], [Problem("", "", f"无法读取工作簿“{path.name}”：{type(exc).__name__} {exc}")]
    finally:
        safe.close()
    chosen: list[tuple[str, str, list[tuple[Any, ...]]]] = []
    if kind is not None:
        named = [(t, kind, r) for t, r in sheets if kind_of(t) == kind]
        chosen = named or [(t, kind, r) for t, r in sheets[:1]]
    else:
        chosen = [(t, k, r) for t, r in sheets if (k := kind_of(t)) is not None]
    if not chosen:
        return [], [Problem(sheets[0][0] if sheets else "", "",
                            "无法从工作表名判断科目类别（应含“功能”“部门经济”或“政府经济”），"
                            "请用 --kind 指定")]
    problems: list[Problem] = []
    entries: list[CatalogEntry] = []
    for title, k, rows in chosen:
        got = sheet_entries(title, k, rows, problems)
        if not got and not problems:
            problems.append(Problem(title, "", "工作表中没有找到科目编码和名称"))
        entries += got
    uncalculated = [(t, c) for t, _, _ in chosen for c in sorted(safe.uncalculated.get(t, ()))]
    problems += [Problem(t, c, "这是公式，但结果尚未计算：请在 Excel/WPS 中重新计算并保存")
                 for t, c in uncalculated]
    return entries, problems
