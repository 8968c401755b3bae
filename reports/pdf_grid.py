"""A form grid that breaks across pages by its groups: merged cells span exactly their rows on each
page, a group cut by a page break repeats its labels marked （续）, the section's header rows repeat,
and every page's part is a closed box (reportlab's own table split cuts through merged cells)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable

from reports.pdf_cells import CellTable
from reports.pdf_para import Setting

PAD = 2.2
GRID = colors.Color(0.2, 0.2, 0.2)
HEAD_FILL = colors.Color(0.92, 0.92, 0.92)
CONTINUED = "（续）"

FREE, INSIDE, NEVER = 0, 1, 2  # a page break before a row: between groups, inside one, never


@dataclass(frozen=True)
class Text:
    """A cell's text and style."""

    text: str
    style: ParagraphStyle


Cell = Text | str


@dataclass
class Row:
    """One grid row: its cells, horizontal spans (first, last column), the columns whose cell
    merges with the neighbouring rows of the same key, the break allowed before it, its section
    (whose header rows repeat on a new page) and whether it is a header row."""

    cells: list[Cell]
    spans: list[tuple[int, int]] = field(default_factory=list)
    merge: dict[int, str] = field(default_factory=dict)
    brk: int = FREE
    section: str = ""
    head: bool = False
    fill: int = -1  # the first column of a shaded header row, -1 for none


class Grid(Flowable):  # type: ignore[misc]
    """Rows set as one table per page; `title` flowables go above the first part."""

    def __init__(self, rows: Sequence[Row], widths: Sequence[float], font: str, size: float,
                 title: Sequence[Flowable] = (), page_height: float = 0.0,
                 continued: bool = False, prev_keys: dict[int, str] | None = None,
                 header_source: Sequence[Row] | None = None) -> None:
        super().__init__()
        self.header_source = list(header_source if header_source is not None else rows)
        self.prev_keys = prev_keys or {}
        self.rows, self.widths, self.font, self.size = list(rows), list(widths), font, size
        self.title, self.page_height, self.continued = list(title), page_height, continued
        self._table: CellTable | None = None
        self._size: tuple[float, float] | None = None
        self._heights: list[float] | None = None
        self._floors: list[float] | None = None
        self._title_height: tuple[float, float] = (-1.0, 0.0)  # (for the width, height)
        self.width = sum(self.widths)
        self.height = 0.0

    # ----- layout
    def header_rows(self) -> list[Row]:
        """On a continuation page: the header rows of the first row's section."""
        if not self.continued or not self.rows or self.rows[0].head:
            return []
        section = self.rows[0].section
        return [r for r in self.header_source if r.section == section and r.head]

    def title_height(self, aw: float) -> float:
        if self._title_height[0] != aw:
            total = 0.0
            for f in self.title:
                _w, h = f.wrap(aw, 10_000)
                total += h + f.getSpaceBefore() + f.getSpaceAfter()
            self._title_height = (aw, total)
        return self._title_height[1]

    def table(self) -> CellTable:
        if self._table is None:
            self._table = build_table(self.header_rows(), self.rows, self.widths, self.font,
                                      self.size, self.prev_keys)
        return self._table

    def table_size(self) -> tuple[float, float]:
        """The part's table measured once: its columns have fixed widths, so its size depends on
        neither the room offered nor the height left on the page."""
        if self._size is None:
            w, h = self.table().wrap(self.width, 100_000)
            self._size = (float(w), float(h))
        return self._size

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        if self.continued and self.page_height and availHeight < self.page_height - 1:
            self.height = availHeight + 1  # a continued part starts a page, never below a form
            return self.width, self.height
        _w, h = self.table_size()
        self.height = h + self.title_height(availWidth)
        return self.width, self.height

    def row_heights(self, aw: float) -> list[float]:
        if self._heights is None:
            self.table_size()
            heads = len(self.header_rows())
            self._heights = self.table().row_heights()[heads:]
        return self._heights

    def floors(self) -> list[float]:
        """Per row of the table (header rows first), a height no part starting with the same rows
        can be below: the tallest of the row's cells that merge with no other row. Those cells
        are set alike in every such part (runs are only cut shorter there), so a part whose floors
        already exceed the page need not be built and measured."""
        if self._floors is None:
            self.table_size()
            self._floors = self.table().base_heights()
        return self._floors

    def split(self, availWidth: float, availHeight: float) -> list[Any]:
        if self.continued and self.page_height and availHeight < self.page_height - 1:
            return []
        heights = self.row_heights(availWidth)
        floors = self.floors()
        heads = len(self.header_rows())
        floor_at = [self.title_height(availWidth) + sum(floors[:heads])]
        for f in floors[heads:]:
            floor_at.append(floor_at[-1] + f)
        top = self.title_height(availWidth) + sum(self.table().row_heights()[:heads])
        at_top = self.page_height and availHeight >= self.page_height - 1
        estimated: list[tuple[int, int, float]] = []  # (rows on this page, break class, height)
        used = top
        for k in range(1, len(self.rows)):
            used += heights[k - 1]
            if used > availHeight * 1.2 + 20:
                break
            estimated.append((k, self.rows[k].brk, used))
        found: dict[int, tuple[int, float, list[Any]]] = {}
        for k, brk, _used in reversed(estimated):  # the longest part of each class that fits
            if brk in found or floor_at[k] > availHeight + 1e-3:  # cannot fit: not measured
                continue
            first = self.part(self.rows[:k], True, self.prev_keys)
            _w, h = first.wrap(availWidth, availHeight)
            if h <= availHeight + 1e-6:
                found[brk] = (k, h, [first, self.part(self.rows[k:], False, self.rows[k - 1].merge)])
            if FREE in found and INSIDE in found:
                break
        # between groups, unless that leaves a tenth of the page empty where a cut inside a
        # group would not
        slack = (self.page_height or availHeight) / 10
        choice = found.get(FREE)
        inside = found.get(INSIDE)
        if inside is not None and (choice is None or inside[1] - choice[1] > slack):
            choice = inside
        if choice is None and at_top:
            choice = found.get(NEVER)
        return choice[2] if choice is not None else []

    def part(self, rows: list[Row], keep_title: bool, prev_keys: dict[int, str]) -> Grid:
        g = Grid(rows, self.widths, self.font, self.size, self.title if keep_title else (),
                 self.page_height, continued=self.continued if keep_title else True,
                 prev_keys=prev_keys, header_source=self.header_source)
        return g

    def draw(self) -> None:
        _w, h = self.table_size()
        self.height = h + self.title_height(self.width)
        y = self.height
        canv = self.canv
        for f in self.title:
            _w, h = f.wrap(self.width, 10_000)
            y -= f.getSpaceBefore() + h
            f.drawOn(canv, (self.width - f.width) / 2 if f.width < self.width else 0, y)
            y -= f.getSpaceAfter()
        _w, h = self.table_size()
        self.table().drawOn(canv, 0, y - h)


@lru_cache(maxsize=50_000)
def text_width(text: str, font: str, size: float) -> float:
    """A cell's text measured once, not on every part a split tries (fonts are named per file)."""
    return float(stringWidth(text, font, size))


def build_table(heads: list[Row], rows: list[Row], widths: list[float], font: str, size: float,
                prev_keys: dict[int, str]) -> CellTable:
    """One page's part: merged runs computed within the part, labels of cut runs marked （续）."""
    every = [*heads, *rows]
    data: list[list[object]] = []
    commands: list[tuple[object, ...]] = [
        ("FONT", (0, 0), (-1, -1), font, size),
        ("GRID", (0, 0), (-1, -1), 0.5, GRID),
        ("BOX", (0, 0), (-1, -1), 0.5, GRID),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), PAD), ("RIGHTPADDING", (0, 0), (-1, -1), PAD),
        ("TOPPADDING", (0, 0), (-1, -1), 1.0), ("BOTTOMPADDING", (0, 0), (-1, -1), 1.8),
    ]
    cells = [list(r.cells) for r in every]
    for r, row in enumerate(every):
        for c0, c1 in row.spans:
            commands.append(("SPAN", (c0, r), (c1, r)))
        if row.fill >= 0:
            commands.append(("BACKGROUND", (row.fill, r), (-1, r), HEAD_FILL))
    # vertical runs
    columns = sorted({c for row in every for c in row.merge})
    for c in columns:
        r = 0
        while r < len(every):
            key = every[r].merge.get(c)
            if key is None:
                r += 1
                continue
            last = r
            while last + 1 < len(every) and every[last + 1].merge.get(c) == key:
                last += 1
            label = cells[r][c]
            if r == len(heads) and prev_keys.get(c) == key and isinstance(label, Text) and label.text:
                cells[r][c] = Text(label.text + CONTINUED, label.style)
            for rr in range(r + 1, last + 1):
                cells[rr][c] = ""
            if last > r:
                c1 = next((b for a, b in every[r].spans if a == c), c)
                commands.append(("SPAN", (c, r), (c1, last)))
            r = last + 1
    spans = {(cmd[1][0], cmd[1][1]): cmd[2][0] for cmd in commands if cmd[0] == "SPAN"}  # type: ignore[index]
    for r, line in enumerate(cells):
        out: list[object] = []
        for c, cell in enumerate(line):
            if isinstance(cell, str):
                out.append(cell)
                continue
            last = int(spans.get((c, r), c))  # type: ignore[call-overload]
            room = sum(widths[c:last + 1]) - 2 * PAD
            style = cell.style
            if "\n" not in cell.text and text_width(cell.text, style.fontName, style.fontSize) <= room:
                out.append(cell.text)
                if style.fontName != font:
                    commands.append(("FONT", (c, r), (c, r), style.fontName, style.fontSize))
                if style.alignment == TA_CENTER:
                    commands.append(("ALIGN", (c, r), (c, r), "CENTER"))
            else:
                out.append(Setting(cell.text, style))
        data.append(out)
    return CellTable(data, widths, commands)
