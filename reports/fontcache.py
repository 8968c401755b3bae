"""Parsed TrueType faces kept between runs in the user's cache folder, keyed by the font file's
path, size and modification time: reportlab parses a CJK collection once, not on every PDF."""

from __future__ import annotations

import marshal
import mmap
import sys
from array import array
from collections.abc import Sequence
from fnmatch import fnmatch
from pathlib import Path
from typing import Any, overload
from weakref import WeakKeyDictionary

import reportlab
from reportlab import rl_config
from reportlab.pdfbase import ttfonts
from reportlab.pdfbase.ttfonts import TTEncoding, TTFNameBytes, TTFont, TTFontFace

from reports.cachedir import cache_dir, write_atomically

FORMAT = 1
# What a parsed face holds that is not kept: the file's bytes (read again), the parser's position
# and the scaling function (rebuilt from unitsPerEm).
_NOT_KEPT = ("_ttf_data", "_pos", "_pdfScale", "glyphToChar")


def _key(path: Path, index: int) -> tuple[Any, ...]:
    stat = path.stat()
    return (FORMAT, str(path.resolve()), stat.st_size, stat.st_mtime_ns, index, reportlab.Version,
            sys.version_info[:2])


def _stable_hash(text: str) -> int:
    value = 0
    for byte in text.encode("utf-8"):
        value = (value * 131 + byte) % 1_000_000_007
    return value


def entry_path(path: Path, index: int) -> Path:
    """Where the parsed face of (path, index) is kept."""
    safe = "".join(c if c.isalnum() or c in "-_." else "_" for c in path.name)
    return cache_dir() / "fonts" / f"{safe}-{index}-{_stable_hash(str(path.resolve())):010d}.face"


def _state(face: TTFontFace) -> dict[str, Any]:
    state: dict[str, Any] = {}
    for name, value in vars(face).items():
        if name in _NOT_KEPT:
            continue
        if isinstance(value, TTFNameBytes):
            state[name] = ("TTFNameBytes", value.ustr)
        else:
            state[name] = value
    # The large tables as arrays: marshal reads bytes far faster than 25,000 small objects.
    state["charToGlyph"] = ("ints", array("q", face.charToGlyph).tobytes(),
                            array("q", face.charToGlyph.values()).tobytes())
    state["charWidths"] = ("floats", array("q", face.charWidths).tobytes(),
                           array("d", face.charWidths.values()).tobytes())
    state["glyphPos"] = ("list", array("q", face.glyphPos).tobytes())
    flat = [v for pair in face.hmetrics for v in pair]
    state["hmetrics"] = ("pairs", array("d", flat).tobytes())
    return state


def _decoded(value: Any) -> Any:
    if not isinstance(value, tuple) or not value or not isinstance(value[0], str):
        return value
    kind = value[0]
    if kind == "TTFNameBytes":
        return TTFNameBytes(value[1].encode("utf-8"))
    if kind in ("ints", "floats"):
        keys = array("q")
        keys.frombytes(value[1])
        values = array("q" if kind == "ints" else "d")
        values.frombytes(value[2])
        return dict(zip(keys, values, strict=True))
    if kind == "list":  # glyph offsets: only indexed (subsetting), so left an array
        items = array("q")
        items.frombytes(value[1])
        return items
    if kind == "pairs":
        flat = array("d")
        flat.frombytes(value[1])
        return Pairs(flat)
    return value


class Pairs(Sequence[tuple[float, float]]):
    """The glyphs' (advance, left side bearing) pairs, made when one is read: subsetting reads a
    few hundred of a face's 25,000–45,000 (reportlab's parser makes a list of them all)."""

    def __init__(self, flat: array[float]) -> None:
        self._flat = flat

    def __len__(self) -> int:
        return len(self._flat) // 2

    @overload
    def __getitem__(self, index: int) -> tuple[float, float]: ...
    @overload
    def __getitem__(self, index: slice) -> list[tuple[float, float]]: ...

    def __getitem__(self, index: int | slice) -> tuple[float, float] | list[tuple[float, float]]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self):
            raise IndexError(index)
        return self._flat[2 * index], self._flat[2 * index + 1]


def font_bytes(path: Path) -> bytes | mmap.mmap:
    """The font file's bytes, mapped rather than read: subsetting reads only the tables and
    glyphs it needs of a 17–21 MB collection (falls back to reading where mapping fails)."""
    try:
        with path.open("rb") as f:
            return mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ)
    except (OSError, ValueError):
        return path.read_bytes()


def _font(name: str, face: TTFontFace) -> TTFont:
    """A TTFont on an already parsed face, as TTFont.__init__ would build it."""
    font = TTFont.__new__(TTFont)
    font.fontName = name
    font.face = face
    font.encoding = TTEncoding()
    font.state = WeakKeyDictionary()
    font._asciiReadable = rl_config.ttfAsciiReadable
    globs = getattr(ttfonts, "unShapedFontGlob", [])
    font.shapable = not any(fnmatch(name, g) for g in globs)
    return font


def _load(path: Path, index: int, name: str) -> TTFont | None:
    entry = entry_path(path, index)
    try:
        key, state = marshal.loads(entry.read_bytes())
        if tuple(key) != _key(path, index) or not isinstance(state, dict):
            return None
        face = TTFontFace.__new__(TTFontFace)
        for attr, value in state.items():
            setattr(face, attr, _decoded(value))
        face.glyphToChar = {}
        units = face.unitsPerEm
        face._pdfScale = (lambda x: x) if units == 1000 else (lambda x, m=1000 / units: x * m)
        face._ttf_data = font_bytes(path)
        face._pos = 0
        if not isinstance(face.charToGlyph, dict) or not isinstance(face.glyphPos, array):
            return None
        return _font(name, face)
    except Exception:  # a missing, damaged or foreign entry: parse the font again
        return None


def _store(path: Path, index: int, font: TTFont) -> None:
    if set(vars(font)) != set(vars(_font(font.fontName, font.face))):
        return  # a reportlab whose TTFont holds more than _font builds: parse on every run
    entry = entry_path(path, index)
    try:
        data = marshal.dumps((_key(path, index), _state(font.face)))
    except ValueError:  # (an unmarshallable value: nothing kept, the next run parses)
        return
    write_atomically(entry, data)  # (an unwritable cache folder only costs the next run a parse)


def parsed_font(name: str, path: Path, index: int) -> TTFont:
    """The TrueType font at path (face index in a collection), from the cache or parsed and kept."""
    font = _load(path, index, name)
    if font is not None:
        return font
    font = TTFont(name, str(path), subfontIndex=index)
    _store(path, index, font)
    return font
