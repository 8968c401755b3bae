"""The PDF's fonts: the bundled open-licensed Song (AR PL UMing) and Hei (WenQuanYi Zen Hei) faces,
or system fonts the user chose; registered once, embedded as subsets, checked for coverage."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont, TTFontFile

from app.resources import resource_path

SONG = "BudgetSong"
HEI = "BudgetHei"


class FontError(Exception):
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


def subfont_index(path: Path) -> int:
    """The face to use in a collection: the simplified-Chinese one (…CN/SC/GB) when present."""
    if path.suffix.lower() != ".ttc":
        return 0
    names: list[str] = []
    for index in range(8):
        try:
            face = TTFontFile(str(path), subfontIndex=index, validate=0)
        except Exception:
            break
        names.append(face.name.decode("latin-1") if isinstance(face.name, bytes) else str(face.name))
    for marker in ("CN", "SC", "GB"):
        for index, name in enumerate(names):
            if name.upper().endswith(marker) or f"{marker} " in name.upper():
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
        font = TTFont(name, str(path), subfontIndex=subfont_index(path))
    except Exception as exc:
        raise FontError(f"字体文件无法使用（需要 TrueType 轮廓的 .ttf/.ttc 字体）：{path}（{exc}）") from exc
    pdfmetrics.registerFont(font)
    chars = frozenset(font.face.charToGlyph)
    _registered[key] = (name, chars)
    return name, chars


def load_fonts(choice: FontChoice | None = None) -> Fonts:
    """Register the chosen (or bundled) fonts."""
    choice = choice or FontChoice.bundled()
    song, song_chars = register_face(SONG, choice.song)
    hei, hei_chars = register_face(HEI, choice.hei)
    return Fonts(song, hei, song_chars, hei_chars, choice.song.name, choice.hei.name)


def missing(text: str, chars: frozenset[int]) -> list[str]:
    """The distinct characters of text the font lacks (whitespace and controls aside)."""
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
