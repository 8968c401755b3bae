"""A table of a published PDF as text rows: found by its title, read line by line in text order.

Only the reading order is relied on, not the coordinates: a row is a line with amounts (as the
template prints them: 万元 with two decimals, or 元 as integers); its label is the text before
them, a leading classification code (206, 20601, 2060101 or 207 01 01) its code. Lines without
amounts are headers, empty rows or notes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from app.inspect.pdfread import Document
from app.inspect.templates import Template, title_of
from app.profiles.inspection import WAN, YUAN

AMOUNT = re.compile(r"(?<![\d.,])-?\d{1,3}(?:,\d{3})+\.\d{2}(?![\d])|(?<![\d.,])-?\d+\.\d{2}(?![\d])")
# 元 amounts: a whole word of digits (with thousands separators), two decimals or none
YUAN_AMOUNT = re.compile(r"(?<!\S)-?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d{2})?(?!\S)")
AMOUNTS = {WAN: AMOUNT, YUAN: YUAN_AMOUNT}
_CODE = re.compile(r"^\s*(\d{3}(?:\d{2}){0,2}|\d{3}(?:[ \t]+\d{2}){1,2})\s+(?=[^\d\s])")
_UNIT = re.compile(r"单位[:：]\s*(万元|元)")
_PART = re.compile(r"^\s*第[一二三四五六七八九十]+部分")
_FOOTER = re.compile(r"^\s*[—–-]\s*\d+\s*[—–-]\s*$|^\s*第\s*\d+\s*页")
_NOTE = re.compile(r"^\s*注[:：]")


def amount(text: str) -> Decimal:
    return Decimal(text.replace(",", ""))


@dataclass(frozen=True)
class Row:
    """A line of a table: its page, label, code (or ""), amounts in order, and the line itself."""

    page: int
    label: str
    code: str
    amounts: tuple[Decimal, ...]
    line: str
    # the labels and amounts as they alternate on the line: [(label, (amounts…)), …]
    segments: tuple[tuple[str, tuple[Decimal, ...]], ...] = ()


@dataclass(frozen=True)
class TableText:
    """A table found in the document: its place in the template (表N), title page, rows with
    amounts, other lines, key and the unit its amounts are printed in."""

    number: int
    page: int
    rows: tuple[Row, ...]
    others: tuple[tuple[int, str], ...]
    key: str = ""

    @property
    def unit(self) -> str:
        """"元" or "万元", as the table's 单位： line says (万元 when it says nothing)."""
        for _, line in self.others:
            if m := _UNIT.search(line):
                return m.group(1)
        return "万元"

    @property
    def name(self) -> str:
        """The table in words for a message: 表N."""
        return f"表{self.number}"

    @property
    def notes(self) -> list[tuple[int, str]]:
        """Lines starting 注： (the 尾差 note, 本表无数据, an empty table's explanation)."""
        return [(p, line) for p, line in self.others if _NOTE.match(line)]

    def row(self, label: str) -> Row | None:
        """The first row whose label (without its number 一、) is the label."""
        return next((r for r in self.rows if bare(r.label) == label), None)


def bare(label: str) -> str:
    """A label without its list number and spaces: "六、科学技术支出" → "科学技术支出"."""
    label = re.sub(r"\s+", "", label)
    return re.sub(r"^(?:[一二三四五六七八九十]+、|[①②③④⑤⑥⑦⑧⑨]|\d+[.、])", "", label)


def parse(page: int, line: str, pattern: re.Pattern[str] = AMOUNT) -> Row | None:
    """The line as a row, or None when it has no amounts (pattern: how amounts print)."""
    code_match = _CODE.match(line)
    last = code_match.end() if code_match else 0
    found = list(pattern.finditer(line, last))
    if not found:
        return None
    segments: list[tuple[str, list[Decimal]]] = []
    for m in found:
        words = line[last:m.start()].strip()
        if words or not segments:
            segments.append((words, []))
        segments[-1][1].append(amount(m.group()))
        last = m.end()
    tail = line[last:].strip()
    if tail:
        segments.append((tail, []))
    label = segments[0][0]
    code = re.sub(r"\s+", "", code_match.group(1)) if code_match else ""
    return Row(page, label, code, tuple(amount(m.group()) for m in found), line,
               tuple((words, tuple(values)) for words, values in segments))


def find_tables(document: Document, template: Template) -> dict[str, TableText]:
    """Each table of the template found by its title (by key), with its lines up to the next
    title, a part's heading (第三部分…) or a page without a title or a row (the text after the
    last table)."""
    tables: dict[str, TableText] = {}
    pattern = AMOUNTS[template.layout.amounts]
    current: str | None = None
    start = 0
    rows: list[Row] = []
    others: list[tuple[int, str]] = []

    def close() -> None:
        if current is not None and current not in tables:
            tables[current] = TableText(template.number(current), start, tuple(rows), tuple(others),
                                        current)

    for page in document.pages:
        if current is not None and page.number != start and not any(
                title_of(line, template) or parse(page.number, line, pattern)
                for line in page.lines if not _FOOTER.match(line)):
            close()
            current = None
        for line in page.lines:
            key = title_of(line, template)
            if key is not None:
                close()
                current, start, rows, others = key, page.number, [], []
                continue
            if current is None:
                continue
            if _PART.match(line):
                close()
                current = None
                continue
            if _FOOTER.match(line) or re.match(r"^\s*预算公开表\s*\d+\s*$", line):
                continue
            row = parse(page.number, line, pattern)
            if row is None:
                others.append((page.number, line))
            else:
                rows.append(row)
    close()
    return tables
