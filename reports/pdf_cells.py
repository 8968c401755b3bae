"""A ruled table drawn straight on the canvas: the part of reportlab's Table the PDF uses (fixed
column widths; FONT, ALIGN, VALIGN, paddings, SPAN, BACKGROUND, GRID and BOX over the whole
table; repeated header rows when it splits), measured and placed exactly as reportlab's, with
per-cell styles kept as plain lists and the strings of neighbouring cells in one text object."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from reportlab.lib.colors import Color, black
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable

from reports.pdf_para import origin, show

# a cell's style: font, size, leading, align, valign, left, right, top and bottom padding
FONT, SIZE, LEADING, ALIGN, VALIGN, LEFT, RIGHT, TOP, BOTTOM = range(9)
DEFAULT: tuple[Any, ...] = ("Helvetica", 10, 12, "LEFT", "BOTTOM", 6, 6, 3, 3)  # reportlab's
_SET = {"ALIGN": ALIGN, "ALIGNMENT": ALIGN, "VALIGN": VALIGN, "LEFTPADDING": LEFT,
        "RIGHTPADDING": RIGHT, "TOPPADDING": TOP, "BOTTOMPADDING": BOTTOM}
FUZZ = 1e-6  # reportlab's rl_config._FUZZ
Span = tuple[int, int, int, int]  # first column, first row, last column, last row


class CellTable(Flowable):  # type: ignore[misc]
    """Rows of strings (one line each, or lines split at "\\n") and flowables, in fixed columns."""

    def __init__(self, data: Sequence[Sequence[object]], widths: Sequence[float],
                 commands: Sequence[tuple[object, ...]] = (), repeat: int = 0,
                 h_align: str = "LEFT") -> None:
        super().__init__()
        rows, cols = len(data), len(widths)
        base = list(DEFAULT)  # the style of every cell no command picks out
        styles: list[list[list[Any]]] | None = None  # each cell's own once one is picked out
        spans: list[Span] = []
        fills: list[tuple[int, int, int, int, Color]] = []
        rules: dict[str, tuple[float, Color]] = {}
        for cmd in commands:
            op = str(cmd[0])
            c0, r0 = _at(cmd[1], cols, rows)  # type: ignore[arg-type]
            c1, r1 = _at(cmd[2], cols, rows)  # type: ignore[arg-type]
            if op == "SPAN":
                spans.append((min(c0, c1), min(r0, r1), max(c0, c1), max(r0, r1)))
            elif op == "BACKGROUND":
                fills.append((c0, r0, c1, r1, cmd[3]))  # type: ignore[arg-type]
            elif op in ("GRID", "BOX"):
                if (c0, r0, c1, r1) != (0, 0, cols - 1, rows - 1):
                    raise ValueError(f"{op} only over the whole table")
                rules[op] = (float(cmd[3]), cmd[4])  # type: ignore[arg-type]
            elif op == "FONT" or op in _SET:
                if styles is None and (c0, r0, c1, r1) == (0, 0, cols - 1, rows - 1):
                    _apply(base, op, cmd)
                    continue
                if styles is None:
                    styles = [[base] * cols for _ in range(rows)]
                for r in range(r0, r1 + 1):
                    line = styles[r]
                    for c in range(c0, c1 + 1):
                        if line[c] is base:
                            line[c] = list(base)
                        _apply(line[c], op, cmd)
            else:
                raise ValueError(f"table command {op} not supported")
        if styles is None:
            styles = [[base] * cols for _ in range(rows)]
        self._setup([list(row) for row in data], list(widths), styles, spans, fills, rules,
                    repeat, h_align)

    def _setup(self, data: list[list[object]], widths: list[float], styles: list[list[list[Any]]],
               spans: list[Span], fills: list[tuple[int, int, int, int, Color]],
               rules: dict[str, tuple[float, Color]], repeat: int, h_align: str) -> None:
        self.data, self.widths, self.styles = data, widths, styles
        self.spans, self.fills, self.rules = spans, fills, rules
        self.repeat, self.hAlign = repeat, h_align
        self.positions = [0.0]
        for w in widths:
            self.positions.append(self.positions[-1] + w)
        self.width = self.positions[-1]
        origins: dict[tuple[int, int], Span] = {}
        hidden: set[tuple[int, int]] = set()
        in_runs: set[tuple[int, int]] = set()  # cells of spans over more than one row
        col_spanned: set[tuple[int, int]] = set()
        for span in spans:
            c0, r0, c1, r1 = span
            if (c0, r0) == (c1, r1):
                continue
            origins[c0, r0] = span
            for r in range(r0, r1 + 1):
                for c in range(c0, c1 + 1):
                    if (c, r) != (c0, r0):
                        hidden.add((c, r))
                    if r0 != r1:
                        in_runs.add((c, r))
                    if c0 != c1:
                        col_spanned.add((c, r))
        self.origins, self.hidden, self.in_runs, self.col_spanned = origins, hidden, in_runs, col_spanned
        self._heights: list[float] | None = None
        self._base: list[float] | None = None
        self.height = 0.0

    # ----- measures (as reportlab's Table._calc_height with fixed widths)
    def cell_width(self, c: int, r: int) -> float:
        span = self.origins.get((c, r))
        return self.positions[span[2] + 1] - self.positions[c] if span else self.widths[c]

    def base_heights(self) -> list[float]:
        """Per row, its tallest cell that spans no other row (paddings included)."""
        if self._base is None:
            self._measure()
        assert self._base is not None
        return self._base

    def row_heights(self) -> list[float]:
        if self._heights is None:
            self._measure()
        assert self._heights is not None
        return self._heights

    def _measure(self) -> None:
        base: list[float] = []
        needs: dict[tuple[int, int], float] = {}  # rows (first, last) of a span: its height
        for r, (values, styles) in enumerate(zip(self.data, self.styles, strict=True)):
            tallest = 0.0
            for c, (v, st) in enumerate(zip(values, styles, strict=True)):
                if (c, r) in self.in_runs and (c, r) in self.hidden:
                    continue  # under a cell merged over rows
                if isinstance(v, Flowable):
                    if (c, r) in self.col_spanned and (c, r) in self.hidden:
                        continue
                    aw = self.cell_width(c, r) - st[LEFT] - st[RIGHT]
                    _w, h = v.wrapOn(getattr(self, "canv", None), aw, 72000 - st[TOP] - st[BOTTOM])
                    t = float(h)
                else:
                    t = (st[LEADING] or 1.2 * st[SIZE]) * (str(v).count("\n") + 1 if v else 1)
                t += st[BOTTOM] + st[TOP]
                span = self.origins.get((c, r))
                if span is not None and span[1] != span[3]:
                    key = (span[1], span[3])
                    needs[key] = max(needs.get(key, t), t)
                    t = 0.0
                tallest = max(tallest, t)
            base.append(tallest)
        heights = list(base)
        extra: dict[int, float] = {}
        for need, (r0, r1) in sorted(((v, k) for k, v in needs.items()), reverse=True):
            have = sum(heights[x] + extra.get(x, 0.0) for x in range(r0, r1 + 1))
            if have >= need - FUZZ:
                continue
            share = (need - have) / (r1 - r0 + 1)
            for x in range(r0, r1 + 1):
                extra[x] = extra.get(x, 0.0) + share
        for x, v in extra.items():
            heights[x] += v
        self._base, self._heights = base, heights

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self.height = sum(self.row_heights())
        return self.width, self.height

    # ----- splitting between rows, the header rows repeated
    def split(self, availWidth: float, availHeight: float) -> list[Any]:
        heights = self.row_heights()
        inside = {r for (_c0, r0, _c1, r1) in self.origins.values() for r in range(r0 + 1, r1 + 1)}
        used, at = 0.0, 0
        for n, h in enumerate(heights, start=1):
            if used + h > availHeight:
                break
            if n not in inside:
                at = n
            used += h
        if at <= self.repeat:
            return []
        if at == len(heights):
            return [self]
        head = list(range(self.repeat))
        return [self._part(list(range(at))), self._part([*head, *range(at, len(heights))])]

    def _part(self, rows: list[int]) -> CellTable:
        where = {r: i for i, r in enumerate(rows)}
        spans = [(c0, where[r0], c1, where[r1]) for c0, r0, c1, r1 in self.spans
                 if r0 in where and r1 in where]
        fills = []
        for c0, r0, c1, r1, color in self.fills:
            fills += [(c0, where[r], c1, where[r], color) for r in range(r0, r1 + 1) if r in where]
        part = CellTable.__new__(CellTable)
        Flowable.__init__(part)
        part._setup([self.data[r] for r in rows], self.widths, [self.styles[r] for r in rows],
                    spans, fills, self.rules, self.repeat, self.hAlign)
        return part

    # ----- drawing: backgrounds, cells in reading order, rules
    def draw(self) -> None:
        canv = self.canv
        heights = self.row_heights()
        tops = [self.height]
        for h in heights:
            tops.append(tops[-1] - h)
        canv.saveState()
        for c0, r0, c1, r1, color in _merged(self.fills):
            canv.setFillColor(color)
            x0, x1 = self.positions[c0], self.positions[c1 + 1]
            canv.rect(x0, tops[r0], x1 - x0, tops[r1 + 1] - tops[r0], stroke=0, fill=1)
        canv.setFillColor(black)
        text: Any = None
        font: tuple[str, float, float] | None = None
        for r, (values, styles) in enumerate(zip(self.data, self.styles, strict=True)):
            for c, (v, st) in enumerate(zip(values, styles, strict=True)):
                if (c, r) in self.hidden:
                    continue
                span = self.origins.get((c, r))
                x = self.positions[c]
                width = self.positions[span[2] + 1] - x if span else self.widths[c]
                bottom = tops[span[3] + 1] if span else tops[r + 1]
                height = tops[r] - bottom
                if isinstance(v, Flowable):
                    if text is not None:
                        canv.drawText(text)
                        text, font = None, None
                    _draw_flowable(canv, v, st, x, bottom, width, height)
                    continue
                if v is None or v == "":
                    continue
                if text is None:
                    text = canv.beginText()
                if font != (st[FONT], st[SIZE], st[LEADING]):
                    font = (st[FONT], st[SIZE], st[LEADING])
                    text.setFont(*font)
                _add_string(text, str(v), st, x, bottom, width, height)
        if text is not None:
            canv.drawText(text)
        self._draw_rules(tops)
        canv.restoreState()

    def _draw_rules(self, tops: list[float]) -> None:
        rule = self.rules.get("GRID") or self.rules.get("BOX")
        if rule is None:
            return
        canv = self.canv
        weight, color = rule
        canv.setStrokeColor(color)
        canv.setLineWidth(weight)
        canv.setLineCap(1)
        canv.setLineJoin(1)
        path = canv.beginPath()
        left, right = self.positions[0], self.positions[-1]
        inner = "GRID" in self.rules
        rows = range(len(tops)) if inner else (0, len(tops) - 1)
        cols = range(len(self.positions)) if inner else (0, len(self.positions) - 1)
        for r in rows:  # a row's top rule, but not through a cell merged over it
            blocks = sorted((self.positions[c0], self.positions[c1 + 1])
                            for c0, r0, c1, r1 in self.origins.values() if r0 < r <= r1)
            for a, b in _open(left, right, blocks):
                path.moveTo(a, tops[r])
                path.lineTo(b, tops[r])
        for c in cols:
            blocks = sorted((tops[r1 + 1], tops[r0])
                            for c0, r0, c1, r1 in self.origins.values() if c0 < c <= c1)
            for a, b in _open(tops[-1], tops[0], blocks):
                path.moveTo(self.positions[c], b)
                path.lineTo(self.positions[c], a)
        canv.drawPath(path, stroke=1, fill=0)


def _apply(style: list[Any], op: str, cmd: tuple[object, ...]) -> None:
    """A FONT, ALIGN, VALIGN or padding command on one cell's style, as reportlab sets it."""
    if op == "FONT":
        style[FONT] = cmd[3]
        if len(cmd) > 4:
            style[SIZE] = cmd[4]
            style[LEADING] = cmd[5] if len(cmd) > 5 else cmd[4] * 1.2  # type: ignore[operator]
    else:
        style[_SET[op]] = cmd[3]


def _at(cell: tuple[int, int], cols: int, rows: int) -> tuple[int, int]:
    c, r = cell
    return (c + cols if c < 0 else c), (r + rows if r < 0 else r)


def _open(start: float, end: float, blocks: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """The pieces of start…end outside the blocks."""
    out: list[tuple[float, float]] = []
    at = start
    for a, b in blocks:
        if a > at + FUZZ:
            out.append((at, a))
        at = max(at, b)
    if at < end - FUZZ:
        out.append((at, end))
    return out


def _merged(fills: list[tuple[int, int, int, int, Color]]) -> list[tuple[int, int, int, int, Color]]:
    """Backgrounds of successive rows over the same columns in one colour as one rectangle."""
    out: list[tuple[int, int, int, int, Color]] = []
    for c0, r0, c1, r1, color in fills:
        if out:
            p = out[-1]
            if (p[0], p[2], p[4]) == (c0, c1, color) and p[3] + 1 == r0:
                out[-1] = (c0, p[1], c1, r1, color)
                continue
        out.append((c0, r0, c1, r1, color))
    return out


def _add_string(text: Any, value: str, st: list[Any], x: float, bottom: float, width: float,
                height: float) -> None:
    """A string cell's lines where reportlab's Table puts them."""
    lines = value.split("\n")
    leading, size = st[LEADING], st[SIZE]
    if st[VALIGN] == "MIDDLE":
        y = bottom + (st[BOTTOM] + height - st[TOP] + len(lines) * leading) / 2.0 - size
    elif st[VALIGN] == "TOP":
        y = bottom + height - st[TOP] - size
    else:
        y = bottom + st[BOTTOM] + len(lines) * leading - size
    align = st[ALIGN]
    for line in lines:
        if align == "LEFT":
            at = x + st[LEFT]
        else:
            w = stringWidth(line, st[FONT], size)
            if align in ("CENTER", "CENTRE"):
                at = x + (width + st[LEFT] - st[RIGHT]) * 0.5 - w * 0.5
            else:
                at = x + width - st[RIGHT] - w
        origin(text, at, y)
        show(text, line)
        y -= leading


def _draw_flowable(canv: Any, v: Any, st: list[Any], x: float, bottom: float, width: float,
                   height: float) -> None:
    """A flowable cell placed as reportlab's Table places one."""
    w, h = v.wrapOn(canv, width - st[LEFT] - st[RIGHT], height - st[TOP] - st[BOTTOM])
    if st[VALIGN] == "TOP":
        y = bottom + height - st[TOP]
    elif st[VALIGN] == "BOTTOM":
        y = bottom + st[BOTTOM] + h
    else:
        y = bottom + (height + st[BOTTOM] - st[TOP] + h) / 2.0
    align = st[ALIGN]
    if align == "LEFT":
        at = x + st[LEFT]
    elif align == "RIGHT":
        at = x + width - st[RIGHT] - w
    else:
        at = x + (width + st[LEFT] - st[RIGHT] - w) / 2.0
    v.drawOn(canv, at, y - h)
