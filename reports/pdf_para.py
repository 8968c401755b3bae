"""A paragraph set by reports.linebreak: the one flowable for body text and table cells
(justified or aligned, split between lines across pages, never wider than its room)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_RIGHT
from reportlab.lib.rl_accel import escapePDF, fp_str
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import getFont, stringWidth
from reportlab.platypus import Flowable

from reports import fonts, linecache
from reports.linebreak import Breaker, Line

_breakers: dict[tuple[str, float], Breaker] = {}
_ESCAPED = [escapePDF(bytes([b])) for b in range(256)]  # a subset's glyph code as PDF string text


def breaker(font: str, size: float) -> Breaker:
    """The line breaker of one font and size (its character widths cached)."""
    key = (font, size)
    found = _breakers.get(key)
    if found is None:
        found = _breakers[key] = Breaker(char_width(font, size), key, mark_blanks(font, size))
    return found


def mark_blanks(font: str, size: float) -> dict[str, tuple[float, float]]:
    """The blank each full-width mark's glyph leaves left and right of its ink
    (reports.markink), in points at size; {} for a face not registered by reports.fonts."""
    return {c: (left * size / 1000, right * size / 1000)
            for c, (left, right) in fonts.mark_blanks(font).items()}


def keep_lines() -> None:
    """Keep the lines set in this process for the next run, where it keeps them (linecache)."""
    cache = linecache.current()
    if cache is not None:
        cache.save(_breakers)


def char_width(font: str, size: float) -> Callable[[str], float]:
    """The width of one character in font at size, as stringWidth gives it (reportlab's
    accelerator computes width * size / 1000 from the face's widths in 1/1000 em), without its
    three calls per character: a TrueType face's widths are read directly."""
    face = getattr(getFont(font), "face", None)
    widths = getattr(face, "charWidths", None)
    if not isinstance(widths, dict) or not isinstance(getattr(face, "defaultWidth", None), (int, float)):
        return lambda c: stringWidth(c, font, size)  # not a TrueType face: reportlab's own
    get, default = widths.get, face.defaultWidth  # type: ignore[union-attr]
    return lambda c: get(ord(c), default) * size / 1000


class Setting(Flowable):  # type: ignore[misc]
    """Text in a ParagraphStyle's font, size, leading, first-line indent, alignment and spacing."""

    def __init__(self, text: str, style: ParagraphStyle, lines: list[Line] | None = None,
                 first: bool = True, last: bool = True) -> None:
        super().__init__()
        self.text, self.style = text, style
        self._lines = lines
        self._for: float | None = None
        self.first, self.last = first, last
        self.width = self.height = 0.0

    # reportlab's layout reads these
    def getSpaceBefore(self) -> float:
        return float(self.style.spaceBefore) if self.first else 0.0

    def getSpaceAfter(self) -> float:
        return float(self.style.spaceAfter) if self.last else 0.0

    def set_lines(self, width: float) -> list[Line]:
        if self._lines is not None and (self._for is None or abs(self._for - width) < 0.01):
            return self._lines
        s = self.style
        self._lines = breaker(s.fontName, s.fontSize).lines(
            self.text, width, float(s.firstLineIndent) if self.first else 0.0,
            justify=s.alignment == TA_JUSTIFY)
        self._for = width
        return self._lines

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        lines = self.set_lines(availWidth)
        self.width = availWidth
        self.height = len(lines) * float(self.style.leading)
        return self.width, self.height

    def minWidth(self) -> float:
        return max((stringWidth(c, self.style.fontName, self.style.fontSize) for c in self.text[:1]),
                   default=0.0)

    def split(self, availWidth: float, availHeight: float) -> list[Any]:
        lines = self.set_lines(availWidth)
        fit = int((availHeight + 1e-6) // float(self.style.leading))
        if fit >= len(lines):
            return [self]
        if len(lines) >= 4:  # no widow or orphan line
            fit = min(fit, len(lines) - 2)
            if fit < 2:
                return []
        if fit < 1:
            return []
        head = Setting(self.text, self.style, lines[:fit], first=self.first, last=False)
        tail = Setting(self.text, self.style, lines[fit:], first=False, last=self.last)
        head._for = tail._for = availWidth
        return [head, tail]

    def draw(self) -> None:
        canv = self.canv
        s = self.style
        size, leading = float(s.fontSize), float(s.leading)
        lines = self.set_lines(self.width)
        # the baseline sits where reportlab's paragraphs put it, so both look alike
        y = self.height - leading + (leading - size) / 2 + size * 0.15
        text = canv.beginText()
        text.setFont(s.fontName, size, leading)
        for line in lines:
            shift = 0.0
            if s.alignment == TA_CENTER:
                shift = (self.width - line.width - _indent(line)) / 2
            elif s.alignment == TA_RIGHT:
                shift = self.width - line.width - _indent(line)
            _draw_line(text, line, shift, y)
            y -= leading
        canv.drawText(text)


def _indent(line: Line) -> float:
    return line.xs[0] if line.xs else 0.0


def _draw_line(text: Any, line: Line, shift: float, y: float) -> None:
    """The line as one text operator: each glyph at its own width, the gaps justification or
    compression put between glyphs given as TJ adjustments (no character spacing operator: text
    extraction tools apply it unevenly; every glyph lands where the line puts it)."""
    chars, xs, fulls = line.text, line.xs, line.fulls
    if not chars:
        return
    font = getFont(text._fontname)
    if not font._dynamicFont or font.shapable:  # not a TrueType subset: a run per gap
        _draw_runs(text, line, shift, y)
        return
    origin(text, xs[0] + shift, y)
    doc = text._canvas._doc
    codes = _codes(font, chars, doc)
    size = text._fontsize
    scale = -1000.0 / size
    out = text._code
    space = stringWidth(" ", text._fontname, size)
    fixed = 0.45 * space if 0 < space <= size / 3 else None
    gaps = [b - a - w for a, b, w in zip(xs, xs[1:], fulls, strict=False)]
    tf = _tf(size, text._leading)
    tf_again = _tf_again(size)  # after this call's first change: the leading is set already
    last_gap, last_number = 0.0, ""
    current = text._curSubset
    parts: list[str] = []  # the TJ array being built
    names = _names(font, doc)
    escaped = [_ESCAPED[code & 255] for code in codes]
    subsets = [code >> 8 for code in codes]
    start = 0  # where the string being built starts: it holds escaped[start:i]
    # only where the subset changes or a gap falls is there anything to write before a glyph;
    # elsewhere it joins the string being built (after the first glyph the subset in use is
    # always the previous glyph's)
    events = [i for i, (gap, a, b) in enumerate(zip(gaps, subsets, subsets[1:], strict=False), 1)
              if gap >= 0.005 or gap <= -0.005 or a != b]
    for i in (0, *events):
        subset = subsets[i]
        if subset != current:
            if start < i:
                parts.append("(" + "".join(escaped[start:i]) + ")")
                start = i
            if parts:
                out.append(f"[{' '.join(parts)}] TJ" if len(parts) > 1 else f"{parts[0]} Tj")
                parts = []
            out.append((names.get(subset) or _subset_name(font, subset, doc)) + tf)
            tf = tf_again
            current = subset
        if i:
            gap = gaps[i - 1]
            if gap >= 0.005 or gap <= -0.005:
                if start < i:
                    parts.append("(" + "".join(escaped[start:i]) + ")")
                    start = i
                if gap < (fixed if fixed is not None else _space_gap(fulls[i], size, space)):
                    if gap != last_gap:  # justified lines repeat one gap
                        last_gap, last_number = gap, fp_str(gap * scale)
                    parts.append(last_number)
                else:  # as wide as a space to readers: a text operator of its own
                    if parts:
                        out.append(f"[{' '.join(parts)}] TJ")
                        parts = []
                    origin(text, xs[i] + shift, y)
    parts.append("(" + "".join(escaped[start:]) + ")")
    out.append(f"[{' '.join(parts)}] TJ" if len(parts) > 1 else f"{parts[0]} Tj")
    text._curSubset = current


def _codes(font: Any, chars: str, doc: Any) -> list[int]:
    """Each character's code in the font's subsets (subset * 256 + code), as splitString assigns
    them: looked up where all are assigned already (the most of a document's lines)."""
    state = _state(font, doc)
    if state is not None:
        assigned = state.assignments
        try:
            return [assigned[o] for o in map(ord, chars)]
        except KeyError:
            pass
    return [subset << 8 | b for subset, glyphs in font.splitString(chars, doc) for b in glyphs]


def origin(text: Any, x: float, y: float) -> None:
    """The text object's next glyphs start at (x, y), as its setTextOrigin puts them (on a
    bottom-up canvas; its cursor, which nothing here reads, left where it was)."""
    if text._canvas.bottomup:
        text._code.append(f"1 0 0 1 {fp_str(x, y)} Tm")
    else:
        text.setTextOrigin(x, y)


def show(text: Any, chars: str) -> None:
    """chars drawn at the text object's origin, as its textOut would (less the bookkeeping of the
    cursor, which is always placed anew): the font subset switched where it changes."""
    font = getFont(text._fontname)
    if not font._dynamicFont or font.shapable:
        text.textOut(chars)
        return
    doc = text._canvas._doc
    out = text._code
    current = text._curSubset
    run: list[str] = []
    codes = _codes(font, chars, doc)
    names = _names(font, doc)
    tf = _tf(text._fontsize, text._leading)
    for code in codes:
        subset = code >> 8
        if subset != current:
            if run:
                out.append("(" + "".join(run) + ") Tj")
                run = []
            out.append((names.get(subset) or _subset_name(font, subset, doc)) + tf)
            tf = _tf_again(text._fontsize)
            current = subset
        run.append(_ESCAPED[code & 255])
    if run:
        out.append("(" + "".join(run) + ") Tj")
    text._curSubset = current


_TFS: dict[tuple[float, float], str] = {}


def _tf(size: float, leading: float) -> str:
    """ SIZE Tf LEADING TL, as reportlab writes it after a subset's name."""
    found = _TFS.get((size, leading))
    if found is None:
        found = _TFS[size, leading] = f" {fp_str(size)} Tf {fp_str(leading)} TL"
    return found


def _tf_again(size: float) -> str:
    """ SIZE Tf alone, for a change of subset after the first in one call of _draw_line or show:
    that first one set the leading (TL), and nothing between them changes it (the leading is
    text state, kept across a text object; only T* reads it). A third of the page streams'
    operators were these repeated TL (~90 KB of the sample's 720 KB), parsed by every reader."""
    found = _TFS_AGAIN.get(size)
    if found is None:
        found = _TFS_AGAIN[size] = f" {fp_str(size)} Tf"
    return found


_TFS_AGAIN: dict[float, str] = {}


def _subset_name(font: Any, subset: int, doc: Any) -> str:
    """The PDF name of one of the font's subsets in doc (getSubsetInternalName's, kept)."""
    state = _state(font, doc)
    names: dict[int, str] | None = getattr(state, "budget_desk_names", None)
    if names is None or subset not in names:
        name = font.getSubsetInternalName(subset, doc)
        state = _state(font, doc)
        names = state.__dict__.setdefault("budget_desk_names", {})
        names[subset] = name
        return str(name)
    return names[subset]


def _names(font: Any, doc: Any) -> dict[int, str]:
    """The names of the font's subsets in doc that _subset_name has kept (the same dict, which it
    fills; empty before the font's first use in doc): looked up once per line, not per change of
    subset (a line of 宋体 changes subset ~9 times)."""
    state = _state(font, doc)
    if state is None:
        return {}
    names: dict[int, str] = state.__dict__.setdefault("budget_desk_names", {})
    return names


def _state(font: Any, doc: Any) -> Any:
    """font.state.get(doc), reportlab's record of the font's subsets in doc (None before the
    font's first use in it), kept on doc: the font's own record is a weak dictionary, whose
    lookups cost more than the drawing of a short cell (there is one per line and per change
    of subset). reportlab creates it once per font and document, and changes it in place."""
    try:
        states: dict[Any, Any] = doc.budget_desk_font_states
    except AttributeError:
        states = doc.budget_desk_font_states = {}
    state = states.get(font)
    if state is None:
        state = font.state.get(doc)
        if state is not None:
            states[font] = state
    return state


def _space_gap(width: float, size: float, space: float) -> float:
    """The least gap before a glyph of this width that text extraction (pdfium's, the strictest
    of the readers used) reads as a space inside one text operator, less a tenth: half a space's
    width where that is under a third of the size, else a share of the glyph's own width (a half
    below 0.3 em, a quarter below 0.5, a fifth below 0.7, a sixth above)."""
    if 0 < space <= size / 3:
        return 0.45 * space
    em = width / size
    share = 0.5 if em < 0.3 else 0.25 if em < 0.5 else 0.2 if em < 0.7 else 1 / 6
    return 0.9 * share * width


def _draw_runs(text: Any, line: Line, shift: float, y: float) -> None:
    """The line as runs of characters set at their own widths, each run placed where the line
    puts it."""
    chars, xs, fulls = line.text, line.xs, line.fulls
    i, n = 0, len(chars)
    while i < n:
        j = i + 1
        while j < n and abs(xs[j] - xs[j - 1] - fulls[j - 1]) < 0.005:
            j += 1
        text.setTextOrigin(xs[i] + shift, y)
        text.textOut(chars[i:j])
        i = j
