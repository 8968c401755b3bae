"""Our own PDF read back after writing: every table row and every text figure found, in order.

A row or figure that cannot be found is a renderer fault (a clipped cell, a dropped row, a line
lost at a page break) and blocks publication. Call after writing:

    findings = readback.check(pdf_path, profile.tables(budget, kind), paragraphs)

with the profile's tables as the PDF printed them and the paragraphs of text in order; an empty
list means the PDF holds everything in order. Every numeric cell (万元 with decimals, 元 as
integers, codes) must be on its row's line as a whole number, in order: a dropped or changed
digit is a fault.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from app.compute.tabledef import Table
from app.core.findings import Severity
from app.inspect.loose import normal
from app.inspect.outcome import PdfFinding
from app.inspect.pdfread import Document, read

_FIGURE = re.compile(r"\d[\d,]*(?:\.\d+)?\s*(?:万元|元|%|％|个|项)")
_TOC = re.compile(r"[.…·]{4,}\s*\d+\s*$")
# a numeric cell: 1,234.56, 1,234,567, 0, a code 207 (words are everything else)
_NUMBER = re.compile(r"-?\d[\d,]*(?:\.\d+)?")


@dataclass(frozen=True)
class Expected:
    """What the PDF must hold, taken from the tables and paragraphs before the PDF is read (a
    read-back beside the layout prepares it while the PDF is written): each table with its
    title and its rows' words and figures, and each paragraph's figures."""

    tables: tuple[tuple[Table, str, tuple[tuple[list[str], list[str]], ...]], ...]
    figures: tuple[tuple[str, str, str], ...]  # (as written, normalised, its paragraph)


def expected(tables: Sequence[Table], paragraphs: Sequence[str] = ()) -> Expected:
    """The rows and figures that check looks for, in order."""
    listed = []
    for table in tables:
        rows = []
        for row_texts in table.texts():
            cells = [normal(t) for t in row_texts if t.strip()]
            figures = [c for c in cells if _NUMBER.fullmatch(c)]
            rows.append(([c for c in cells if c not in figures], figures))
        listed.append((table, normal(table.title), tuple(rows)))
    return Expected(tuple(listed), tuple((m.group(), normal(m.group()), paragraph)
                                         for paragraph in paragraphs for m in _FIGURE.finditer(paragraph)))


def check(path: Path | str | Document, tables: Sequence[Table] | Expected,
          paragraphs: Sequence[str] = ()) -> list[PdfFinding]:
    """The rows and figures the PDF lacks, each with the page where it should have been (the
    PDF at path, or its text already read); tables and paragraphs, or what expected() made of
    them."""
    sought = tables if isinstance(tables, Expected) else expected(tables, paragraphs)
    document = path if isinstance(path, Document) else read(path)
    kept = [(page.number, line) for page in document.pages for line in page.lines if not _TOC.search(line)]
    lines = [(number, normal(line)) for number, line in kept]
    spaced = [" ".join(line.split()) for _, line in kept]
    found: list[PdfFinding] = []
    at = 0
    titles = [(table.number, title) for table, title, _ in sought.tables]
    for table, title, rows in sought.tables:
        start = next((i for i in range(at, len(lines)) if lines[i][1].endswith(title)), None)
        if start is None:
            found.append(PdfFinding(lines[min(at, len(lines) - 1)][0] if lines else None, Severity.ERROR,
                                    "read-back", f"PDF中找不到表{table.number}的标题“{table.title}”"))
            continue
        at = start + 1
        others = tuple(t for number, t in titles if number != table.number)
        end = next((i for i in range(at, len(lines)) if lines[i][1].endswith(others)),
                   len(lines))
        for words, figures in rows:
            hit = _find_row(lines, spaced, at, end, words, figures)
            if hit is None:
                label = "、".join(words[:2]) or " ".join(figures[:2])
                found.append(PdfFinding(lines[min(at, len(lines) - 1)][0], Severity.ERROR, "read-back",
                                        f"表{table.number}的一行「{label}」在PDF中找不到或不完整"
                                        f"（{' '.join(figures)}），可能被截断或遗漏", label))
            else:
                at = hit + 1
    prose = "".join(text for _, text in lines)
    offsets: list[tuple[int, int]] = []
    position = 0
    for page, text in lines:
        offsets.append((position, page))
        position += len(text)
    cursor = 0
    for written, figure, paragraph in sought.figures:
        index = prose.find(figure, cursor)
        if index < 0:
            where = next((p for o, p in reversed(offsets) if o <= cursor), None)
            found.append(PdfFinding(where, Severity.ERROR, "read-back",
                                    f"文字中的“{written}”在PDF中找不到（或顺序不对）：{paragraph[:30]}…",
                                    written))
        else:
            cursor = index + len(figure)
    return found


def _find_row(lines: list[tuple[int, str]], spaced: list[str], at: int, end: int, words: list[str],
              figures: list[str]) -> int | None:
    """The index of the line, from at on, holding the row's figures in order (each a whole
    number), its words on it or on the lines just before (a wrapped name)."""
    for i in range(at, end):
        if not _in_order(spaced[i], figures):
            continue
        near = "".join(text for _, text in lines[max(0, i - 2):i + 2])
        if all(w[:6] in near for w in words):
            return i
    return None


def _in_order(line: str, figures: list[str]) -> bool:
    """Whether each figure is on the line as a whole number (not part of a longer one: no digit,
    point or comma just before it, no digit or point or comma and digit just after), in order."""
    position = 0
    for figure in figures:
        at = line.find(figure, position)
        while at >= 0 and not _whole(line, at, at + len(figure)):
            at = line.find(figure, at + 1)
        if at < 0:
            return False
        position = at + len(figure)
    return True


def _whole(line: str, start: int, end: int) -> bool:
    """Whether line[start:end] is not part of a longer number."""
    before = line[start - 1:start]
    after = line[end:end + 2]
    return not (before.isdecimal() or (before != "" and before in ".,")
                or after[:1].isdecimal() or (after[:1] != "" and after[:1] in ".," and after[1:].isdecimal()))


def faults(path: Path | Document, tables: Sequence[Table] | Expected,
           paragraphs: Sequence[str] = ()) -> list[str]:
    """What our own PDF at path lacks when read back, one Chinese line each (page first): the
    check the PDF writer runs before it puts a new file in place."""
    return [f"第{f.page}页附近：{f.message}" if f.page else f.message
            for f in check(path, tables, paragraphs)]
