"""A profile's disclosure tables as reportlab flowables, from the one `Table` definition.

Body cells are single lines (so extracted text keeps each row on one line): columns are sized to
their content, the font shrinks a little if needed, and only as a last resort do names wrap. A
table continued on the next page repeats its header there under the words "续表：" and its
caption (or its title, where the template prints no caption), as Chinese typesetting asks.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Spacer

from app.compute.tabledef import ColumnKind, RowKind, Table
from reports.pdf_cells import CellTable
from reports.pdf_doc import LANDSCAPE, PORTRAIT, Para, Styles, frame_height, frame_width
from reports.pdf_para import Setting
from reports.pdf_text import Recorder, esc

BODY_SIZES = (9.5, 9.0, 8.5, 8.0, 7.5)
PAD = 3.5
TIGHT_GAIN = 1.12  # tighter rows take about this much less room
INDENT = 10.0
GRID = colors.Color(0.25, 0.25, 0.25)
HEAD_FILL = colors.Color(0.91, 0.91, 0.91)
TOTAL_FILL = colors.Color(0.96, 0.96, 0.96)
MARK_SIZE = 10.5  # the "续表" line over a continued part: its size and the room it takes
MARK_ROOM = MARK_SIZE + 5.0


@dataclass(frozen=True)
class Layout:
    """How a table is set: page size, font size, column widths and whether names wrap."""

    page: tuple[float, float]
    size: float
    widths: tuple[float, ...]
    wrap: bool


def first_text(table: Table) -> int:
    return next((i for i, c in enumerate(table.columns) if c.kind == ColumnKind.TEXT), -1)


def natural_widths(table: Table, font: str, size: float, head_font: str,
                   whole_heads: bool = True) -> list[float]:
    """The width each column needs to show every body cell (and, if whole_heads, its own
    header cell) on one line; otherwise a header cell wraps, four characters a line at least."""
    texts = table.texts()
    indent_col = first_text(table)
    widths = []
    for i, column in enumerate(table.columns):
        need = 0.0
        for row, cells in zip(table.rows, texts, strict=True):
            extra = row.level * INDENT if i == indent_col else 0.0
            need = max(need, stringWidth(cells[i], font, size) + extra)
        # a header cell may wrap, four characters a line at least; a short one ("2026年合计",
        # up to five and a half characters wide) never breaks
        heads = [h.text for h in table.header if h.col == i and h.colspan == 1]
        head = max((stringWidth(h, head_font, size) for h in heads), default=0.0)
        if not whole_heads:
            short = [w for w in (stringWidth(h, head_font, size) for h in heads) if w <= 5.6 * size]
            head = max([*short, min(stringWidth("四个汉字", head_font, size), head)])
        minimum = 40.0 if column.kind == ColumnKind.MONEY else 30.0
        widths.append(max(need, head, minimum) + 2 * PAD + 1)
    return widths


def layout(table: Table, font: str, head_font: str) -> Layout:
    """Portrait when it fits, else landscape; the largest font size that fits on one line."""
    pages = (LANDSCAPE,) if table.landscape else (PORTRAIT, LANDSCAPE)
    for page in pages:
        room = frame_width(page)
        # a portrait page only at a comfortable size; landscape may shrink to the smallest
        sizes = BODY_SIZES if page == pages[-1] else BODY_SIZES[:4]
        for size in sizes:
            for whole_heads in (True, False):
                natural = natural_widths(table, font, size, head_font, whole_heads)
                if sum(natural) <= room:
                    return Layout(page, size, spread(table, natural, room), False)
    page = pages[-1]
    room = frame_width(page)
    size = BODY_SIZES[-1]
    natural = natural_widths(table, font, size, head_font, False)
    # names wrap: text columns share what the others leave
    fixed = sum(w for w, c in zip(natural, table.columns, strict=True) if c.kind != ColumnKind.TEXT)
    texts = [i for i, c in enumerate(table.columns) if c.kind == ColumnKind.TEXT]
    left = max(room - fixed, 60.0 * len(texts))
    hints = sum(table.columns[i].width for i in texts) or 1.0
    widths = list(natural)
    for i in texts:
        widths[i] = left * table.columns[i].width / hints
    return Layout(page, size, tuple(widths), True)


def spread(table: Table, natural: list[float], room: float) -> tuple[float, ...]:
    """Natural widths plus the spare room, shared by the columns' width hints."""
    spare = room - sum(natural)
    hints = sum(c.width for c in table.columns)
    return tuple(w + spare * c.width / hints for w, c in zip(natural, table.columns, strict=True))


def table_flowables(table: Table, styles: Styles,
                    rec: Recorder) -> tuple[tuple[float, float], list[Flowable]]:
    """The page size and the flowables of one table: caption (if any), title, lines, grid, notes."""
    fonts = styles.fonts
    where = f"表{table.number}"
    setup = layout(table, fonts.song, fonts.hei)
    room = sum(setup.widths)
    out: list[Flowable] = []
    if table.caption:
        rec.heading(where, table.caption)
        out.append(Para(esc(table.caption), styles.style("caption", hei=True, size=11,
                                                              align=TA_LEFT, after=2)))
    rec.heading(where, table.title)
    rec.body(where, table.department_line)
    rec.body(where, table.unit_line)
    out += [
        Para(esc(table.title), styles.style("title", hei=True, size=15, leading=22, align=TA_CENTER,
                                                 after=8)),
        line_pair(table.department_line, table.unit_line, room, styles),
        Spacer(0, 3),
    ]
    at = len(out)
    mark = rec.heading(where, f"续表：{table.caption or table.title}")
    out.append(Marked(grid(table, setup, styles, Recorder()), mark, fonts.hei))
    note = styles.style("note", size=9.5, leading=15, align=TA_LEFT, before=4)
    for text in table.all_notes():
        rec.body(f"{where} 注", text)
        out.append(Para(esc(text), note))
    # a table a few rows longer than its page is set with tighter rows where that keeps it on
    # one page, rather than leave those rows alone on a page of their own
    page_height = frame_height(setup.page)
    tight = page_height < height(out, room) <= page_height * TIGHT_GAIN
    out[at] = Marked(grid(table, setup, styles, rec, tight), mark, fonts.hei)
    if tight and height(out, room) > page_height:
        out[at] = Marked(grid(table, setup, styles, Recorder()), mark, fonts.hei)
    return setup.page, out


class Marked(Flowable):  # type: ignore[misc]
    """A table's grid whose parts after the first page are set under the words `mark`
    ("续表：" and the caption), left-aligned with the grid; shown: this part is such a part."""

    def __init__(self, part: Flowable, mark: str, font: str, shown: bool = False) -> None:
        super().__init__()
        self.part, self.mark, self.font, self.shown = part, mark, font, shown
        self.hAlign = part.hAlign
        self.room = MARK_ROOM if shown else 0.0

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        width, tall = self.part.wrap(availWidth, availHeight - self.room)
        self.width, self.height = width, tall + self.room
        return self.width, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Any]:
        parts = self.part.split(availWidth, availHeight - self.room)
        return [Marked(p, self.mark, self.font, self.shown or n > 0) for n, p in enumerate(parts)]

    def draw(self) -> None:
        if self.shown:
            self.canv.setFont(self.font, MARK_SIZE)
            self.canv.drawString(0, self.height - MARK_SIZE, self.mark)
        self.part.drawOn(self.canv, 0, 0)


def height(flowables: list[Flowable], width: float) -> float:
    """The height the flowables take, one below the other."""
    total = 0.0
    for f in flowables:
        _w, h = f.wrap(width, 100_000)
        total += h + f.getSpaceBefore() + f.getSpaceAfter()
    return total


def line_pair(left: str, right: str, width: float, styles: Styles) -> CellTable:
    """部门名称 on the left and the unit (单位：万元 / 单位：元) on the right of one line."""
    return CellTable([[left, right]], [width * 0.7, width * 0.3], [
        ("FONT", (0, 0), (-1, -1), styles.fonts.song, 10.5),
        ("ALIGN", (1, 0), (1, 0), "RIGHT"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2), ("TOPPADDING", (0, 0), (-1, -1), 0),
    ])


def grid(table: Table, setup: Layout, styles: Styles, rec: Recorder, tight: bool = False) -> CellTable:
    """The header grid (with its spans) and the body rows; tight: less padding in each row."""
    fonts = styles.fonts
    size = setup.size
    head_style = styles.style("head", hei=True, size=size, leading=size * 1.25, align=TA_CENTER)
    header = table.header_grid()
    data: list[list[object]] = []
    for head in header:
        for text in head:
            if text:
                rec.heading(f"表{table.number} 表头", text)
        data.append([Setting(t, head_style) if t else "" for t in head])
    indent_col = first_text(table)
    name_style = styles.style("cell", size=size, leading=size * 1.25, align=TA_LEFT)
    commands: list[tuple[object, ...]] = [
        ("FONT", (0, 0), (-1, -1), fonts.song, size),
        ("GRID", (0, 0), (-1, -1), 0.5, GRID),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), PAD), ("RIGHTPADDING", (0, 0), (-1, -1), PAD),
        ("TOPPADDING", (0, 0), (-1, -1), 0.9 if tight else 1.8),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 1.4 if tight else 2.5),
    ]
    heads = table.header_rows
    if heads:
        commands.append(("BACKGROUND", (0, 0), (-1, heads - 1), HEAD_FILL))
    for cell in table.header:
        if cell.rowspan > 1 or cell.colspan > 1:
            commands.append(("SPAN", (cell.col, cell.row),
                             (cell.col + cell.colspan - 1, cell.row + cell.rowspan - 1)))
    for c, column in enumerate(table.columns):
        if column.kind == ColumnKind.MONEY:
            commands.append(("ALIGN", (c, heads), (c, -1), "RIGHT"))
    for r, (row, cells) in enumerate(zip(table.rows, table.texts(), strict=True), start=heads):
        for text in cells:
            if text:
                rec.body(f"表{table.number} 第{r - heads + 1}行", text)
        line: list[object] = list(cells)
        if setup.wrap:
            line = [Setting(t, name_style) if table.columns[c].kind == ColumnKind.TEXT and t else t
                    for c, t in enumerate(cells)]
        data.append(line)
        if row.level and indent_col >= 0:
            commands.append(("LEFTPADDING", (indent_col, r), (indent_col, r), PAD + row.level * INDENT))
        if row.kind == RowKind.TOTAL:
            commands.append(("BACKGROUND", (0, r), (-1, r), TOTAL_FILL))
    return CellTable(data, list(setup.widths), commands, repeat=heads, h_align="CENTER")


__all__ = ["TA_RIGHT", "table_flowables"]
