"""Charts of 第三部分 as vector graphics: one horizontal bar per part, labelled with its amount
and share, in greys and hatching that survive black-and-white printing."""

from __future__ import annotations

from typing import Any

from reportlab.graphics.shapes import STATE_DEFAULTS, Drawing, Line, Rect, String
from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth

from app.compute.figures import Chart
from app.core.money import wan_text
from reports.pdf_text import Recorder

BAR = 13.0
GAP = 9.0
SIZE = 9.5
GREYS = (0.25, 0.5, 0.7, 0.85)


class ChartDrawing(Drawing):  # type: ignore[misc]
    """A drawing whose renderer starts in the document's font, not reportlab's Helvetica (which
    would be referenced without being embedded)."""

    def drawOn(self, canvas: Any, x: float, y: float, _sW: float = 0) -> None:
        saved = STATE_DEFAULTS["fontName"]
        STATE_DEFAULTS["fontName"] = self.__dict__["_font"]
        try:
            super().drawOn(canvas, x, y, _sW)
        finally:
            STATE_DEFAULTS["fontName"] = saved


def label_of(chart: Chart, index: int) -> str:
    part = chart.parts[index]
    return f"{wan_text(part.amount)}万元（{part.share:.2f}%）"


def chart_drawing(chart: Chart, width: float, font: str, heading_font: str, rec: Recorder,
                  number: int = 1) -> Drawing:
    """The chart as a drawing `width` wide: title 图N, then label | bar | amount (share) per part."""
    place = f"图{number} {chart.title}"
    title = f"图{number} {chart.title}（合计{wan_text(chart.whole)}万元）"
    rec.heading(place, title)
    names = [rec.body(place, p.label) for p in chart.parts]
    values = [rec.body(place, label_of(chart, i)) for i in range(len(chart.parts))]
    name_w = max((stringWidth(n, font, SIZE) for n in names), default=0.0) + 8
    value_w = max((stringWidth(v, font, SIZE) for v in values), default=0.0) + 8
    bar_room = max(width - name_w - value_w, 60.0)
    biggest = max((p.amount for p in chart.parts), default=0) or 1
    height = 26 + len(chart.parts) * (BAR + GAP) + 6
    d = ChartDrawing(width, height)
    d.__dict__["_font"] = font
    d.add(String(width / 2, height - 14, title, fontName=heading_font, fontSize=10.5, textAnchor="middle"))
    y = height - 28 - BAR
    axis_x = name_w
    for i, part in enumerate(chart.parts):
        length = float(part.amount / biggest) * bar_room if part.amount else 0.0
        grey = GREYS[i % len(GREYS)]
        d.add(String(axis_x - 6, y + 3, names[i], fontName=font, fontSize=SIZE, textAnchor="end"))
        if length:
            d.add(Rect(axis_x, y, length, BAR, fillColor=colors.Color(grey, grey, grey),
                       strokeColor=colors.black, strokeWidth=0.5))
            if i % 2:  # hatching tells neighbouring bars apart without colour
                step = 5.0
                x = axis_x + step
                while x < axis_x + length:
                    d.add(Line(x, y, x, y + BAR, strokeColor=colors.white, strokeWidth=0.6))
                    x += step
        d.add(String(axis_x + length + 5, y + 3, values[i], fontName=font, fontSize=SIZE))
        y -= BAR + GAP
    d.add(Line(axis_x, y + GAP, axis_x, height - 24, strokeColor=colors.black, strokeWidth=0.7))
    return d
