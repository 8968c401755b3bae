"""While the PDF is saved, the font tables are read once and the glyf table only where sliced:
the subsets written are byte for byte reportlab's own."""

from __future__ import annotations

import struct

import pytest
from reportlab.pdfbase.pdfmetrics import getFont

from reports.fonts import load_fonts
from reports.pdf import Window, tables_read_once


def composite_codes(face: object, wanted: int) -> list[int]:
    """Characters of the face drawn by composite glyphs (their subsets renumber the parts)."""
    start = face.get_table_pos("glyf")[0]  # type: ignore[attr-defined]
    data = face._ttf_data  # type: ignore[attr-defined]
    found = []
    for code, glyph in sorted(face.charToGlyph.items()):  # type: ignore[attr-defined]
        at, end = face.glyphPos[glyph], face.glyphPos[glyph + 1]  # type: ignore[attr-defined]
        if end - at > 2 and struct.unpack(">h", data[start + at:start + at + 2])[0] < 0:
            found.append(code)
            if len(found) == wanted:
                break
    return found


@pytest.mark.parametrize("which", ["song", "hei"])
def test_subsets_are_reportlabs_own(which: str) -> None:
    fonts = load_fonts()
    face = getFont(getattr(fonts, which)).face
    text = "部门预算公开收支总表一般公共服务支出科学技术（万元）0123456789,.%ABCxyz"
    codes = sorted({ord(c) for c in text} | set(composite_codes(face, 20)))
    assert len(codes) > len(set(text)), "no composite glyph to renumber"
    subsets = [codes[:40], codes[40:], codes[::3]]
    expected = [face.makeSubset(subset) for subset in subsets]
    with tables_read_once(fonts):
        assert isinstance(face.get_table("glyf"), Window)
        assert face.get_table("head") is face.get_table("head")  # read once
        made = [face.makeSubset(subset) for subset in subsets]
    assert made == expected
    assert "get_table" not in vars(face)  # reportlab's own reading again after the save


def test_a_window_slices_as_the_table_would() -> None:
    data = bytes(range(256)) * 4
    table = data[100:900]
    window = Window(data, 100, 800)
    assert len(window) == len(table)
    for index in (slice(0, 10), slice(5, 5), slice(790, 900), slice(-20, -3), slice(None, 7),
                  slice(700, None), slice(30, 10), slice(0, 800, 7), slice(900, 950)):
        assert window[index] == table[index], index
        assert type(window[index]) is bytes
