"""A PDF of given pages of text laid out by plain reportlab drawing (not our renderer): labels
on the left, each amount right-aligned in a column of its own, the bundled font."""

from __future__ import annotations

from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

from app.inspect.tabletext import AMOUNT

FONT = Path(__file__).resolve().parents[2] / "resources" / "fonts" / "uming.ttc"
_NAME = "PlainUMing"


def _font() -> str:
    if _NAME not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(_NAME, str(FONT), subfontIndex=0))
    return _NAME


def draw(pages: list[list[str]], path: Path) -> Path:
    """Writes the pages: one line of text per row, amounts in columns from x = 330 on."""
    name = _font()
    width, height = A4
    pdf = canvas.Canvas(str(path), pagesize=A4)
    for lines in pages:
        y = height - 40
        size = 9.0 if len(lines) <= 60 else max(5.0, 9.0 * 60 / len(lines))
        step = (height - 80) / max(len(lines), 1) if len(lines) > 60 else 12
        for line in lines:
            amounts = list(AMOUNT.finditer(line))
            if amounts and not AMOUNT.sub("", line[amounts[0].start():]).strip():
                label = line[:amounts[0].start()].rstrip()
                pdf.setFont(name, min(size, _fit(label, name, size, 280)))
                pdf.drawString(40, y, label)
                pdf.setFont(name, size)
                for i, m in enumerate(amounts):
                    pdf.drawRightString(380 + 60 * i, y, m.group())
            else:
                pdf.setFont(name, _fit(line, name, size, width - 80))
                pdf.drawString(40, y, line)
            y -= step
        pdf.showPage()
    pdf.save()
    return path


def _fit(text: str, font: str, size: float, room: float) -> float:
    needed = pdfmetrics.stringWidth(text, font, size)
    return size if needed <= room else max(3.0, size * room / needed)
