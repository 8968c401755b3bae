"""Draws the application icon (a budget sheet with a bar chart) into resources/icons/.

Run `python3 installer/make_icons.py` after changing the drawing; the PNGs and the .ico are
committed, so a build needs no drawing step. Drawn large and scaled down for smooth edges.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PIL import Image, ImageDraw

ICONS = Path(__file__).resolve().parent.parent / "resources" / "icons"
NAME = "budget-desk"
PNG_SIZES = (256, 64, 48)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
CANVAS = 1024

BACKGROUND = (176, 36, 36)  # 中国红, muted
SHEET = (255, 253, 248)
FOLD = (226, 220, 208)
LINE = (196, 188, 176)
BARS = ((176, 36, 36), (214, 150, 40), (46, 96, 150))


def draw(size: int = CANVAS) -> Image.Image:
    """The icon at `size` pixels: a rounded red tile, a white sheet, ruled lines and three bars."""
    s = size / 1024
    image = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    pen = ImageDraw.Draw(image)
    pen.rounded_rectangle((40 * s, 40 * s, 984 * s, 984 * s), radius=190 * s, fill=BACKGROUND)

    left, top, right, bottom, fold = 250 * s, 160 * s, 774 * s, 864 * s, 150 * s
    pen.polygon([(left, top), (right - fold, top), (right, top + fold), (right, bottom), (left, bottom)],
                fill=SHEET)
    pen.polygon([(right - fold, top), (right - fold, top + fold), (right, top + fold)], fill=FOLD)

    for y in (300, 380, 460):  # the table's ruled lines
        width = 330 if y == 300 else 420
        pen.rounded_rectangle((left + 52 * s, y * s, left + (52 + width) * s, (y + 26) * s),
                              radius=13 * s, fill=LINE)

    base = 790 * s
    for i, (height, colour) in enumerate(zip((150, 250, 200), BARS, strict=True)):
        x = left + (78 + i * 130) * s
        pen.rectangle((x, base - height * s, x + 92 * s, base), fill=colour)
    pen.rectangle((left + 52 * s, base, right - 52 * s, base + 14 * s), fill=(90, 84, 76))
    return image


def main() -> int:
    ICONS.mkdir(parents=True, exist_ok=True)
    big = draw()
    for size in PNG_SIZES:
        big.resize((size, size), Image.Resampling.LANCZOS).save(ICONS / f"{NAME}-{size}.png")
    big.resize((256, 256), Image.Resampling.LANCZOS).save(
        ICONS / f"{NAME}.ico", sizes=[(n, n) for n in ICO_SIZES])
    print(f"icons written to {ICONS}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
