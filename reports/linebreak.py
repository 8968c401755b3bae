"""Chinese line breaking for paragraphs and table cells (GB/T 15834, W3C clreq), in linear time.

The text is cut into clusters that never split: a character with the closing punctuation that
follows it and the opening brackets before it; a number with its unit ("≥637元/人/月",
"2026年12月底"); an ASCII word; "——" and "……". Lines are filled greedily with clusters. A line
too long by a little is made to fit by compressing its full-width punctuation to half width (never
by hanging it past the edge); adjacent full-width punctuation is always compressed ("”，"
"）。"). Justified lines share the remaining room between their characters.
"""

from __future__ import annotations

import gc
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from reports import linecache
from reports.linecache import LineCache

# closing marks: never open a line (full-width, then ASCII)
CLOSING = "，。、；：！？）》」』】〕〉’”％‰·～" + ",.;:!?)]}%"
# opening marks: never end a line
OPENING = "（《「『【〔〈‘“" + "([{"
# full-width marks whose glyph fills half the em box: they may be set half width
HALF_CLOSING = "，。、；：！？）》」』】〕〉’”"
HALF_OPENING = "（《「『【〔〈‘“"
_HALF = HALF_CLOSING + HALF_OPENING
SIDE = 0.1  # of the em: the blank a compressed closing mark keeps left of its ink, at least

_UNIT = (r"(?:平方公里|平方米|平方|立方米|万元|亿元|千元|小时|分钟|公里|千米|人次|户次|工作日|个月|"
         r"[元万亿千百人次项件套台家户篇份册名天日月年时分秒季度周岁米里吨斤克升亩个期批场所间座"
         r"处条张本部辆架株头只倍级类种底初末前内%％‰])")
_NUMBER = r"\d[\d.,:]*"
_VALUE = (rf"[≥≤<>＜＞=≈±~～]?{_NUMBER}(?:{_UNIT})*(?:[-－~～至]{_NUMBER}(?:{_UNIT})*)*"
          rf"(?:{_NUMBER}(?:{_UNIT})+)*(?:[/／](?:{_UNIT}|[\u4e00-\u9fff]))*")
_TOKEN = re.compile(rf"\n|{_VALUE}|[≥≤]{_UNIT}?|[A-Za-z0-9_@#&+\-'/.]+|……|——|…|—|[ \t]+|.", re.S)

Width = Callable[[str], float]
K = TypeVar("K")
V = TypeVar("V")


@dataclass(frozen=True)
class Line:
    """One set line: its characters, the x of each, and whether it was justified."""

    text: str
    xs: tuple[float, ...]  # where each glyph is drawn (a compressed opening mark moves left)
    fulls: tuple[float, ...]  # each glyph's own advance
    width: float


@dataclass(slots=True)
class _Cluster:
    text: str
    widths: list[float]
    squeeze: list[float]  # optional compression available per character
    space: bool = False
    hard: bool = False  # a line break after it


# how many characters of text a breaker remembers (clusters and set lines, each about 100 bytes a
# character): the oldest texts are forgotten first, so a long-running window stays bounded
KEPT = 200_000


class Breaker:
    """Breaks text into lines for one font and size; the character widths are cached, and so are
    each text's clusters and its lines per width (a table is measured many times while it is laid
    out and split across pages; the same text is then set once)."""

    def __init__(self, width: Width, key: tuple[str, float] | None = None,
                 blanks: Mapping[str, tuple[float, float]] | None = None) -> None:
        """key: the font's name and size, under which its lines are kept between runs where this
        process keeps them (reports.linecache). blanks: for full-width marks, the blank their
        glyph leaves left and right of its ink, in width's units (reports.markink): a mark is
        compressed by no more than its glyph leaves blank (`_squeeze`; where not given, by half
        its box: mainland faces draw 。，、 in the left half, opening marks in the right)."""
        self._width = width
        self._blanks: Mapping[str, tuple[float, float]] = blanks or {}
        if key is not None and blanks:  # lines set with other blanks are not these lines
            key = (f"{key[0]}|" + ",".join(f"{c}{a:.6g}/{b:.6g}" for c, (a, b)
                                          in sorted(blanks.items())), key[1])
        self.kept_key = key  # its lines' key in reports.linecache
        self._cache: dict[str, float] = {}
        self._clusters: _Kept[str, list[_Cluster]] = _Kept()
        self._set: _Kept[tuple[str, float, float, bool], tuple[Line, ...]] = _Kept()
        self._kept: LineCache | None = linecache.current() if key is not None else None
        self._stored: dict[tuple[str, float, float, bool], Any] = {}
        self._given: dict[tuple[str, float, float, bool], Any] | None = None
        if self._kept is not None and key is not None:
            self._stored, self._given, _ = self._kept.lines_of(key, width)

    def widths(self) -> dict[str, float]:
        """The width of every character measured so far."""
        return self._cache

    def char(self, c: str) -> float:
        w = self._cache.get(c)
        if w is None:
            w = self._cache[c] = self._width(c)
        return w

    def clusters(self, text: str) -> list[_Cluster]:
        """The unbreakable clusters of text, with fixed compression of adjacent punctuation (kept:
        the caller must not change them)."""
        found = self._clusters.get(text)
        if found is None:
            found = self._clusters.keep(text, self._clusters_of(text), len(text))
        return found

    def _clusters_of(self, text: str) -> list[_Cluster]:
        out: list[_Cluster] = []
        glue = False
        known = self._cache
        char = self.char
        for tok in _TOKEN.findall(text):  # the pattern has no groups: whole matches
            if tok == "\n":
                if out:
                    out[-1].hard = True
                else:
                    out.append(_Cluster("", [], [], hard=True))
                glue = False
                continue
            space = tok.isspace()
            if len(tok) == 1:  # most tokens: one Chinese character or mark
                w = known.get(tok)
                if w is None:
                    w = char(tok)
                widths = [w]
                squeeze = [self._squeeze(tok, w) if w > 0 and tok in _HALF else 0.0]
            else:
                widths = [known[c] if c in known else char(c) for c in tok]
                squeeze = [self._squeeze(c, w) if c in _HALF and w > 0 else 0.0
                           for c, w in zip(tok, widths, strict=True)]
            joins = (out and not out[-1].hard and not space and not out[-1].space
                     and (glue or tok[0] in CLOSING or (tok[0] in "…—" and out[-1].text[-1:] in "…—")))
            if joins:
                last = out[-1]
                last.text += tok
                last.widths += widths
                last.squeeze += squeeze
            else:
                out.append(_Cluster(tok, widths, squeeze, space))
            glue = not space and tok[-1] in OPENING
        for cl in out:
            if len(cl.text) > 1:  # one character has no neighbour to squeeze against
                _squeeze_adjacent(cl)
        return out

    def _squeeze(self, mark: str, width: float) -> float:
        """How much a full-width mark may be compressed: half its box, less where its glyph
        leaves less blank, so that its ink never runs into a neighbour (a centred 。 set half
        width did): an opening mark loses its left blank; a closing mark its right blank, and
        its left blank too by being drawn that much further left (`_room_left`)."""
        blank = self._blanks.get(mark)
        if blank is None:
            return width / 2
        if mark in HALF_OPENING:
            return max(0.0, min(width / 2, blank[0]))
        return max(0.0, min(width / 2, blank[1] + self._room_left(mark, width)))

    def _room_left(self, mark: str, width: float) -> float:
        """How far left of its box a compressed closing mark may be drawn: its left blank less
        SIDE of the em (a centred 。 then sits at the left of its narrower box, as GB/T 15834
        places it); 0 for a face whose blanks are not known."""
        blank = self._blanks.get(mark)
        if blank is None or mark not in HALF_CLOSING:
            return 0.0
        return max(0.0, blank[0] - SIDE * width)

    def lines(self, text: str, width: float, first_indent: float = 0.0,
              justify: bool = True) -> list[Line]:
        """The text set in lines `width` wide (the first indented), never wider than width."""
        key = (text, width, first_indent, justify)
        found = self._set.get(key)
        if found is None:
            found = _restored(self._stored.get(key), text)  # kept from an earlier run, checked
            if found is None:
                found = tuple(self._set_anew(text, width, first_indent, justify))
                if self._kept is not None:
                    self._kept.missed += 1
            found = self._set.keep(key, found, len(text))
        if self._given is not None:
            self._given[key] = found
        return list(found)

    def _set_anew(self, text: str, width: float, first_indent: float,
                      justify: bool) -> list[Line]:
        # the many small lists would make the cyclic collector's passes grow with the text
        enabled = gc.isenabled()
        gc.disable()
        try:
            return self._lines(text, width, first_indent, justify)
        finally:
            if enabled:
                gc.enable()

    def _lines(self, text: str, width: float, first_indent: float, justify: bool) -> list[Line]:
        out: list[Line] = []
        chars: list[str] = []
        widths: list[float] = []
        squeeze: list[float] = []
        room = width - first_indent
        indent = first_indent

        def flush(last: bool) -> None:
            nonlocal chars, widths, squeeze, room, indent
            while chars and chars[-1].isspace():
                chars.pop()
                widths.pop()
                squeeze.pop()
            fulls = [self.char(c) for c in chars]
            lefts = [self._room_left(c, f) if c in HALF_CLOSING else 0.0
                     for c, f in zip(chars, fulls, strict=True)]
            out.append(_set(chars, widths, squeeze, fulls, lefts, room, indent,
                            justify and not last))
            chars, widths, squeeze = [], [], []
            room, indent = width, 0.0

        total = 0.0
        shrink = 0.0
        for cl in self.clusters(text):
            if cl.space and not chars:
                if cl.hard:
                    flush(True)
                    total = shrink = 0.0
                continue
            cw, cs = sum(cl.widths), sum(cl.squeeze)
            if chars and total + cw - shrink - cs > room + 1e-6:
                flush(False)
                total = shrink = 0.0
                if cl.space:
                    continue
            if total + cw - shrink - cs > room + 1e-6:  # alone wider than a line: by characters
                for c, w, s in zip(cl.text, cl.widths, cl.squeeze, strict=True):
                    if chars and total + w - shrink - s > room + 1e-6 and c not in CLOSING:
                        flush(False)
                        total = shrink = 0.0
                    chars.append(c)
                    widths.append(w)
                    squeeze.append(s)
                    total += w
                    shrink += s
            else:
                chars += cl.text
                widths += cl.widths
                squeeze += cl.squeeze
                total += cw
                shrink += cs
            if cl.hard:
                flush(True)
                total = shrink = 0.0
        if chars or not out:
            flush(True)
        return out


def _restored(stored: Any, text: str) -> tuple[Line, ...] | None:
    """Lines kept from an earlier run (reports.linecache), or None where there are none, they
    are not lines (a damaged file), or they do not hold text's characters in order (the line
    breaker drops only white space, at the ends of lines and at hard breaks)."""
    if type(stored) is not tuple:
        return None
    lines = []
    for fields in stored:
        if type(fields) is not tuple or len(fields) != 4:
            return None
        chars, xs, fulls, width = fields
        if (type(chars) is not str or type(xs) is not tuple or type(fulls) is not tuple
                or not len(chars) == len(xs) == len(fulls) or type(width) is not float):
            return None
        lines.append(Line(chars, xs, fulls, width))
    if _ink("".join(line.text for line in lines)) != _ink(text):
        return None
    return tuple(lines)


def _ink(text: str) -> str:
    """text without its white space."""
    return "".join(text.split())


class _Kept(Generic[K, V]):
    """A dict that holds at most KEPT characters' worth of entries, forgetting the oldest first."""

    def __init__(self) -> None:
        self._items: dict[K, tuple[V, int]] = {}
        self._size = 0

    def get(self, key: K) -> V | None:
        found = self._items.get(key)
        return None if found is None else found[0]

    def keep(self, key: K, value: V, size: int) -> V:
        if size > KEPT:
            return value  # one huge text: set it, but do not pin it
        while self._items and self._size + size > KEPT:
            _value, dropped = self._items.pop(next(iter(self._items)))
            self._size -= dropped
        self._items[key] = (value, size)
        self._size += size
        return value


def _squeeze_adjacent(cl: _Cluster) -> None:
    """Two full-width marks side by side: the closing one (or the second opening one) is set half
    width for good; it then has no optional compression left."""
    t = cl.text
    for i in range(len(t) - 1):
        a, b = t[i], t[i + 1]
        if a in HALF_CLOSING and (b in HALF_CLOSING or b in HALF_OPENING) and cl.squeeze[i]:
            cl.widths[i] -= cl.squeeze[i]
            cl.squeeze[i] = 0.0
        elif a in HALF_OPENING and b in HALF_OPENING and cl.squeeze[i + 1]:
            cl.widths[i + 1] -= cl.squeeze[i + 1]
            cl.squeeze[i + 1] = 0.0


def _set(chars: list[str], widths: list[float], squeeze: list[float], fulls: list[float],
         lefts: list[float], room: float, indent: float, justify: bool) -> Line:
    """Positions of one line's characters: compressed to fit, or spread to fill when justified."""
    n = len(chars)
    natural = sum(widths)
    advances = list(widths)
    available = ratio = 0.0
    if natural > room:
        available = sum(squeeze)
        ratio = min(1.0, (natural - room) / available) if available else 0.0
        advances = [w - s * ratio for w, s in zip(widths, squeeze, strict=True)]
    elif justify and n > 1:
        # the room goes between characters, but never inside a run of Latin letters or digits
        open_ = [not (chars[i] < "\x80" and chars[i + 1] < "\x80" and chars[i] != " ")
                 for i in range(n - 1)]
        if not any(open_):  # all Latin: spread it evenly after all
            open_ = [True] * (n - 1)
        gap = (room - natural) / sum(open_)
        advances = [w + (gap if open_[i] else 0.0) for i, w in enumerate(widths[:-1])] + [widths[-1]]
    xs: list[float] = []
    x = indent
    for c, adv, w, s, full, left in zip(chars, advances, widths, squeeze, fulls, lefts,
                                        strict=True):
        # the ink of an opening mark sits in the right half of its box: a narrower box moves it
        # left; a closing mark's narrower box moves it left by as much as its left blank allows
        tight = w - (s * ratio if natural > room and available else 0.0)
        xs.append(x - (full - tight) if c in HALF_OPENING else x - min(left, full - tight))
        x += adv
    return Line("".join(chars), tuple(xs), tuple(fulls), x - indent)
