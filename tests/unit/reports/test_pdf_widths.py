"""Line breaking reads a TrueType face's character widths directly: the same floats as
reportlab's stringWidth, for every character of the bundled faces and the sizes the PDF uses."""

from __future__ import annotations

from reportlab.pdfbase.pdfmetrics import getFont, stringWidth

from reports.fonts import load_fonts
from reports.pdf_para import char_width


def test_widths_are_stringwidths_exactly() -> None:
    fonts = load_fonts()
    for font in (fonts.song, fonts.hei):
        face = getFont(font).face
        codes = sorted(face.charWidths)
        absent = [c for c in (0xE000, 0xF8FF, 0x10FFFD, 0x2FFFF, 0x0378) if c not in face.charWidths]
        assert absent, "no character outside the face to try"
        for size in (10.5,):  # every character at the size of the text
            width = char_width(font, size)
            for code in [*codes, *absent]:
                assert width(chr(code)) == stringWidth(chr(code), font, size), (font, size, code)
        for tenth in range(50, 320, 5):  # a spread of characters at every size from 5 to 31.5
            size = tenth / 10
            width = char_width(font, size)
            for code in [*codes[::60], *absent]:
                assert width(chr(code)) == stringWidth(chr(code), font, size), (font, size, code)


def test_a_font_without_a_truetype_face_is_measured_by_reportlab() -> None:
    width = char_width("Helvetica", 10)
    assert [width(c) for c in "Wil 1"] == [stringWidth(c, "Helvetica", 10) for c in "Wil 1"]
