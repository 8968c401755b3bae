"""The PDF's fonts: the bundled open-licensed Song (AR PL UMing) and Hei (WenQuanYi Zen Hei) faces,
or system fonts the user chose; registered once, embedded as subsets, checked for coverage."""

from __future__ import annotations

import struct
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from reportlab.pdfbase import pdfmetrics

from app.core.errors import UserError
from app.core.resources import resource_path
from reports.fontcache import parsed_font
from reports.linebreak import HALF_CLOSING, HALF_OPENING
from reports.markink import blanks

SONG = "BudgetSong"
HEI = "BudgetHei"


class FontError(UserError):
    """A font that cannot be used, or characters it lacks; the message names them."""


@dataclass(frozen=True)
class FontChoice:
    """The two faces: song (text and tables) and hei (headings); paths to .ttf/.ttc/.otf files."""

    song: Path
    hei: Path

    @staticmethod
    def bundled() -> FontChoice:
        return FontChoice(resource_path("fonts", "uming.ttc"), resource_path("fonts", "wqy-zenhei.ttc"))


@dataclass(frozen=True)
class Fonts:
    """Registered font names and their character maps."""

    song: str
    hei: str
    song_chars: frozenset[int]
    hei_chars: frozenset[int]
    song_label: str
    hei_label: str
    hei_path: str = ""
    hei_index: int = 0


def face_names(path: Path) -> list[str]:
    """The full names of the faces in a .ttc collection, read from their name tables only."""
    names: list[str] = []
    with path.open("rb") as f:
        if f.read(4) != b"ttcf":
            return names
        _version, count = struct.unpack(">II", f.read(8))
        offsets = struct.unpack(f">{count}I", f.read(4 * count))
        for offset in offsets:
            f.seek(offset + 4)
            (tables,) = struct.unpack(">H", f.read(2))
            f.seek(offset + 12)
            directory = f.read(16 * tables)
            records = {directory[i:i + 4]: struct.unpack(">II", directory[i + 8:i + 16])
                       for i in range(0, len(directory), 16)}
            if b"name" not in records:
                names.append("")
                continue
            start, length = records[b"name"]
            f.seek(start)
            table = f.read(length)
            names.append(full_name(table))
    return names


def full_name(table: bytes) -> str:
    """nameID 4 (else 1) of a name table, preferring the Windows (UTF-16) record."""
    _format, count, strings = struct.unpack(">HHH", table[:6])
    found: dict[tuple[int, int], str] = {}
    for i in range(count):
        platform, _enc, _lang, name_id, length, at = struct.unpack(">HHHHHH", table[6 + 12 * i:18 + 12 * i])
        if name_id in (1, 4):
            raw = table[strings + at:strings + at + length]
            text = raw.decode("utf-16-be", "replace") if platform == 3 else raw.decode("latin-1")
            found.setdefault((name_id, platform), text)
    for key in ((4, 3), (4, 1), (1, 3), (1, 1)):
        if key in found:
            return found[key]
    return ""


_indices: dict[tuple[str, int, int], int] = {}  # (path, size, modified): the face chosen in it


def subfont_index(path: Path) -> int:
    """The face to use in a collection: the simplified-Chinese one (…CN/SC/GB) when present
    (each file's face names read once per process while it is unchanged)."""
    if path.suffix.lower() != ".ttc":
        return 0
    try:
        stat = path.stat()
    except OSError:
        return 0
    key = (str(path), stat.st_size, stat.st_mtime_ns)
    if key not in _indices:
        _indices[key] = _chosen_face(path)
    return _indices[key]


def _chosen_face(path: Path) -> int:
    try:
        names = [n.upper() for n in face_names(path)]
    except (OSError, struct.error):
        return 0
    for marker in ("CN", "SC", "GB"):
        for index, name in enumerate(names):
            if name.endswith(marker) or f"{marker} " in name:
                return index
    return 0


_registered: dict[tuple[str, str], tuple[str, frozenset[int]]] = {}


def register_face(role: str, path: Path) -> tuple[str, frozenset[int]]:
    """Register path under a name unique to (role, path); the name and the characters it has."""
    key = (role, str(path.resolve()) if path.exists() else str(path))
    if key in _registered:
        return _registered[key]
    if not path.is_file():
        raise FontError(f"找不到字体文件：{path}")
    name = f"{role}{len(_registered)}"
    try:
        font = parsed_font(name, path, subfont_index(path))
    except Exception as exc:
        raise FontError(f"字体文件无法使用（需要 TrueType 轮廓的 .ttf/.ttc 字体）：{path}（{exc}）") from exc
    pdfmetrics.registerFont(font)
    chars = frozenset(font.face.charToGlyph)
    _registered[key] = (name, chars)
    _blanks[name] = blanks(path, subfont_index(path), font.face.charToGlyph,
                           HALF_CLOSING + HALF_OPENING)
    return name, chars


_blanks: dict[str, dict[str, tuple[float, float]]] = {}


def mark_blanks(name: str) -> dict[str, tuple[float, float]]:
    """For a face registered here: the blank each full-width mark's glyph leaves left and right
    of its ink, in 1/1000 em (reports.markink; {} for another font, or one not read)."""
    return _blanks.get(name, {})


def load_fonts(choice: FontChoice | None = None) -> Fonts:
    """Register the chosen (or bundled) fonts."""
    choice = choice or FontChoice.bundled()
    song, song_chars = register_face(SONG, choice.song)
    hei, hei_chars = register_face(HEI, choice.hei)
    return Fonts(song, hei, song_chars, hei_chars, choice.song.name, choice.hei.name,
                 str(choice.hei), subfont_index(choice.hei))


def missing(text: str, chars: frozenset[int]) -> list[str]:
    """The distinct characters of text the font lacks (whitespace and controls aside)."""
    if chars.issuperset(map(ord, text)):  # nearly always: nothing to list
        return []
    seen: list[str] = []
    for c in text:
        if c.isspace() or ord(c) < 32:
            continue
        if ord(c) not in chars and c not in seen:
            seen.append(c)
    return seen


def check_coverage(fonts: Fonts, body: Iterable[tuple[str, str]],
                   headings: Iterable[tuple[str, str]], limit: int = 50) -> None:
    """Raise one FontError listing every (place, character) the fonts cannot draw."""
    problems: list[str] = []
    for chars, label, items in ((fonts.song_chars, fonts.song_label, body),
                                (fonts.hei_chars, fonts.hei_label, headings)):
        for place, text in items:
            lacking = missing(text, chars)
            if lacking:
                shown = "、".join(f"“{c}”（U+{ord(c):04X}）" for c in lacking)
                problems.append(f"{place}：{shown}（字体 {label} 中没有）")
    if problems:
        more = len(problems) - limit
        listed = problems[:limit] + ([f"……另有 {more} 处"] if more > 0 else [])
        raise FontError("以下字符在所选字体中没有字形，打印会成为空白方框，请改用其他字符或选择其他字体：\n"
                        + "\n".join(listed))
