"""The Excel report of an inspection: one sheet of every finding, one sheet per file of its rules."""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill

from app.core.findings import Severity
from app.inspect.outcome import Outcome

_BOLD = Font(bold=True)
_RED = PatternFill("solid", fgColor="FFE0E0")
_GREY = PatternFill("solid", fgColor="EEEEEE")


def _sheet_name(name: str, taken: set[str]) -> str:
    base = re.sub(r"[\[\]:*?/\\]", "_", name)[:28] or "文件"
    candidate, n = base, 1
    while candidate in taken:
        n += 1
        candidate = f"{base[:25]}_{n}"
    taken.add(candidate)
    return candidate


def write(outcomes: Sequence[Outcome], titles: dict[str, str], path: Path | str) -> None:
    """Writes the report workbook: 问题 (file, page, level, check, text) and a sheet per file."""
    book = Workbook()
    sheet = book.active
    sheet.title = "问题"
    sheet.append(["文件", "页", "级别", "检查", "说明"])
    shaded: list[tuple[int, PatternFill]] = []  # (row, fill): ws.max_row is slow on big sheets
    row = 1
    for outcome in outcomes:
        for f in outcome.findings:
            sheet.append([outcome.path.name, f.page if f.page is not None else "", f.severity.value,
                          titles.get(f.check, f.check), f.message])
            row += 1
            if f.severity == Severity.ERROR:
                shaded.append((row, _RED))
        for rule, why in outcome.not_run:
            sheet.append([outcome.path.name, "", "未检查", titles.get(rule, rule), why])
            row += 1
            shaded.append((row, _GREY))
    for number, fill in shaded:
        for column in range(1, 6):
            sheet.cell(row=number, column=column).fill = fill
    _layout(sheet, (28, 6, 8, 28, 90))
    taken = {"问题"}
    for outcome in outcomes:
        page = book.create_sheet(_sheet_name(outcome.path.stem, taken))
        errors = sum(f.severity == Severity.ERROR for f in outcome.findings)
        hints = sum(f.severity == Severity.HINT for f in outcome.findings)
        page.append(["文件", str(outcome.path)])
        page.append(["模板", outcome.template or ("扫描件（无文字层）" if outcome.scanned else "未识别")])
        page.append(["结果", f"错误 {errors} 项，提示 {hints} 项"])
        page.append([])
        page.append(["规则", "说明", "结果", "错误", "提示", "未能检查的原因"])
        for rule in outcome.run:
            found = [f for f in outcome.findings if _rule_of(f.check) == rule]
            page.append([rule, titles.get(rule, rule), "已检查",
                         sum(f.severity == Severity.ERROR for f in found),
                         sum(f.severity == Severity.HINT for f in found), ""])
        for rule, why in outcome.not_run:
            page.append([rule, titles.get(rule, rule), "未检查", "", "", why])
            for cell in page[5 + len(outcome.run) + outcome.not_run.index((rule, why)) + 1]:
                cell.fill = _GREY
        for row in page.iter_rows(min_row=1, max_row=5):
            row[0].font = _BOLD
        _layout(page, (18, 50, 10, 8, 8, 50), header_row=5)
    book.save(str(path))


WORDING_CHECKS = ("ascii-punctuation", "width-mixing", "repeated-words", "placeholders", "other-years",
                  "percent-sign", "zero-change")


def _rule_of(check: str) -> str:
    return "wording" if check in WORDING_CHECKS else check


def _layout(sheet: object, widths: Sequence[int], header_row: int = 1) -> None:
    from openpyxl.utils import get_column_letter

    ws = sheet  # an openpyxl Worksheet
    for i, width in enumerate(widths, 1):
        ws.column_dimensions[get_column_letter(i)].width = width  # type: ignore[attr-defined]
    for cell in ws[header_row]:  # type: ignore[index]
        cell.font = _BOLD
    for row in ws.iter_rows(min_row=header_row + 1):  # type: ignore[attr-defined]
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    ws.freeze_panes = ws.cell(row=header_row + 1, column=1)  # type: ignore[attr-defined]
