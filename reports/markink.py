"""Where a face draws its full-width punctuation inside the em box, read from the font file.

The line breaker may set a full-width mark half width (GB/T 15834 标点挤压): a closing mark
loses the right half of its box, an opening mark the left half. That keeps the glyph whole only
where the face draws it in the other half, as mainland faces do. Others centre some marks: AR PL
UMing, the bundled song face, draws 。 and 、 in the middle of the box (ink from 0.38 to 0.62 em),
so a half-width 。 ran into the next character ("比较。财" set as "比较·财": 175 marks of the
sample's PDF). So the breaker compresses a mark by no more than its glyph leaves blank (a
closing mark its right blank, then its left by drawing it further left, where GB/T 15834 places
。，、): the blanks are read here from each glyph's bounding box (the header of its entry in the
`glyf` table) and its advance (`hmtx`).
"""

from __future__ import annotations

import struct
from collections.abc import Iterable, Mapping
from pathlib import Path

from reports.fontcache import font_bytes


def blanks(path: Path, index: int, glyphs: Mapping[int, int], marks: Iterable[str]
           ) -> dict[str, tuple[float, float]]:
    """For each of marks the face has (glyphs: code point → glyph id), the blank its glyph
    leaves left and right of its ink in its advance, in 1/1000 of the em (an empty glyph: half
    its advance each side). {} where the file cannot be read as TrueType (the breaker then
    assumes the mainland convention)."""
    try:
        data = font_bytes(path)
        try:
            return _blanks(data, index, glyphs, marks)
        finally:
            close = getattr(data, "close", None)
            if close is not None:
                close()
    except (OSError, ValueError, struct.error, KeyError, IndexError):
        return {}


def _blanks(data: object, index: int, glyphs: Mapping[int, int], marks: Iterable[str]
            ) -> dict[str, tuple[float, float]]:
    with memoryview(data) as buf:  # type: ignore[arg-type]
        # (released here, raised or not: the mapped file cannot close while it is exported)
        return _read(buf, index, glyphs, marks)


def _read(buf: memoryview, index: int, glyphs: Mapping[int, int], marks: Iterable[str]
          ) -> dict[str, tuple[float, float]]:
    start = 0
    if bytes(buf[:4]) == b"ttcf":
        (count,) = struct.unpack_from(">I", buf, 8)
        if not 0 <= index < count:
            raise IndexError(index)
        (start,) = struct.unpack_from(">I", buf, 12 + 4 * index)
    (tables,) = struct.unpack_from(">H", buf, start + 4)
    where: dict[bytes, int] = {}
    for i in range(tables):
        tag, _, offset, _ = struct.unpack_from(">4sIII", buf, start + 12 + 16 * i)
        where[tag] = offset
    head, hhea, hmtx, loca, glyf = (where[t] for t in (b"head", b"hhea", b"hmtx", b"loca", b"glyf"))
    (per_em,) = struct.unpack_from(">H", buf, head + 18)
    (long_loca,) = struct.unpack_from(">h", buf, head + 50)
    (metrics,) = struct.unpack_from(">H", buf, hhea + 34)

    def advance(g: int) -> int:
        return int(struct.unpack_from(">H", buf, hmtx + 4 * min(g, metrics - 1))[0])

    def box(g: int) -> tuple[int, int] | None:
        if long_loca:
            first, after = struct.unpack_from(">II", buf, loca + 4 * g)
        else:
            first, after = (2 * v for v in struct.unpack_from(">HH", buf, loca + 2 * g))
        if after <= first:
            return None  # no outline
        x_min, _, x_max, _ = struct.unpack_from(">hhhh", buf, glyf + first + 2)
        return x_min, x_max

    found: dict[str, tuple[float, float]] = {}
    for c in marks:
        g = glyphs.get(ord(c))
        if g is None:
            continue
        wide = advance(g)
        left, right = box(g) or (wide // 2, wide // 2)
        found[c] = (max(0.0, left * 1000 / per_em), max(0.0, (wide - right) * 1000 / per_em))
    return found
