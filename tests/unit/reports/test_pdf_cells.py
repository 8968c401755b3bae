"""reports.pdf_cells.CellTable against reportlab's Table on the same cells and commands: the same
row heights (merged cells over rows included), the same split, every glyph at the same place and
the same rules; and a justified line drawn as one TJ operator reads back as the same text."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pypdfium2
import pytest
from reportlab.lib import colors
from reportlab.lib.enums import TA_JUSTIFY, TA_LEFT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, TableStyle
from reportlab.platypus import Table as RLTable

from reports.fonts import Fonts, load_fonts
from reports.pdf_cells import CellTable
from reports.pdf_doc import PORTRAIT, frame_width
from reports.pdf_para import Setting
from tests.helpers.pdfpages import open_pages

LONG = ("项目资金主要用于保障科技创新平台建设、重点研发计划项目实施和科技成果转化，"
        "推动全市科技事业高质量发展，年度内完成各项绩效目标。")


@pytest.fixture(scope="module")
def fonts() -> Fonts:
    return load_fonts(None)


def cells(fonts: Fonts) -> tuple[list[list[Any]], list[float], list[tuple[object, ...]]]:
    """Five columns: a label merged over three rows whose text needs more than their height, a
    multi-line string, a wrapped text, right-aligned and centred cells, a shaded header row
    spanning two columns, a row with its own padding and font."""
    body = ParagraphStyle("b", fontName=fonts.song, fontSize=9, leading=10.44, alignment=TA_JUSTIFY)
    tall = ParagraphStyle("t", fontName=fonts.song, fontSize=9, leading=10.44, alignment=TA_LEFT)
    data: list[list[Any]] = [
        ["绩效指标", "一级指标", "实施期指标", "", "指标值"],
        [Setting("效益指标" * 15, tall), "社会效益", Setting(LONG, body), "加快", "≥85%"],
        ["", "生态效益", "第一行\n第二行", "", "100%"],
        ["", "可持续发展影响", "", "合计", "3,562.56"],
        ["负责人：", "经办人：", Setting(LONG * 2, body), "联系电话：", "2026年"],
    ]
    widths = [60.0, 70.0, 150.0, 60.0, 60.0]
    commands: list[tuple[object, ...]] = [
        ("FONT", (0, 0), (-1, -1), fonts.song, 9),
        ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
        ("BOX", (0, 0), (-1, -1), 0.5, colors.black),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), 2.2), ("RIGHTPADDING", (0, 0), (-1, -1), 2.2),
        ("TOPPADDING", (0, 0), (-1, -1), 2.0), ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
        ("SPAN", (2, 0), (3, 0)), ("SPAN", (0, 1), (0, 3)), ("SPAN", (2, 2), (3, 3)),
        ("BACKGROUND", (1, 0), (-1, 0), colors.Color(0.92, 0.92, 0.92)),
        ("FONT", (0, 0), (-1, 0), fonts.hei, 9),
        ("ALIGN", (4, 1), (4, -1), "RIGHT"), ("ALIGN", (1, 1), (1, 3), "CENTER"),
        ("LEFTPADDING", (1, 3), (1, 3), 12.0), ("TOPPADDING", (0, 4), (-1, 4), 6.0),
    ]
    return data, widths, commands


def ours(fonts: Fonts, repeat: int = 0) -> CellTable:
    data, widths, commands = cells(fonts)
    return CellTable(data, widths, commands, repeat=repeat)


def theirs(fonts: Fonts, repeat: int = 0) -> RLTable:
    data, widths, commands = cells(fonts)
    table = RLTable(data, colWidths=widths, repeatRows=repeat)
    table.setStyle(TableStyle(commands))
    return table


def test_rows_measured_as_reportlabs_table(fonts: Fonts) -> None:
    mine, rl = ours(fonts), theirs(fonts)
    assert mine.wrap(400, 1000) == pytest.approx(rl.wrap(400, 1000))
    assert mine.row_heights() == pytest.approx(rl._rowHeights)
    # the merged label needs more than its three rows: they grew (spanFixDim's share)
    assert sum(mine.row_heights()[1:4]) > sum(mine.base_heights()[1:4])


@pytest.mark.parametrize("height", [30.0, 60.0, 95.0, 140.0])
def test_split_between_the_same_rows_with_the_header_repeated(fonts: Fonts, height: float) -> None:
    mine, rl = ours(fonts, repeat=1), theirs(fonts, repeat=1)
    mine.wrap(400, height)
    rl.wrap(400, height)
    got, expected = mine.split(400, height), rl.split(400, height)
    assert [len(p.data) for p in got] == [len(p._cellvalues) for p in expected]
    for part, rl_part in zip(got, expected, strict=True):
        part.wrap(400, 1000)
        rl_part.wrap(400, 1000)
        assert part.row_heights() == pytest.approx(rl_part._rowHeights)


def drawn(flowable: Flowable, path: Path, fonts: Fonts, width: float = 400) -> Path:
    canvas = Canvas(str(path), pagesize=(width + 100, 400))
    flowable.wrapOn(canvas, width, 1000)
    flowable.drawOn(canvas, 40, 40)
    canvas.showPage()
    canvas.save()
    return path


def rules(edges: list[dict[str, Any]]) -> dict[tuple[str, float], list[tuple[float, float]]]:
    """Stroked segments merged per line: (h|v, position) → covered intervals."""
    lines: dict[tuple[str, float], list[tuple[float, float]]] = {}
    for e in edges:
        if not e["stroke"]:
            continue
        if abs(e["top"] - e["bottom"]) < 0.01:
            key, a, b = ("h", round(e["top"], 2)), e["x0"], e["x1"]
        else:
            key, a, b = ("v", round(e["x0"], 2)), e["top"], e["bottom"]
        lines.setdefault(key, []).append((round(a, 2), round(b, 2)))
    merged = {}
    for key, pieces in lines.items():
        out: list[tuple[float, float]] = []
        for a, b in sorted(pieces):
            if out and a <= out[-1][1] + 0.02:
                out[-1] = (out[-1][0], max(out[-1][1], b))
            else:
                out.append((a, b))
        merged[key] = out
    return merged


def test_glyphs_rules_and_shading_where_reportlabs_table_puts_them(fonts: Fonts, tmp_path: Path) -> None:
    with open_pages(drawn(ours(fonts), tmp_path / "ours.pdf", fonts)) as pages:
        mine = next(iter(pages))
    with open_pages(drawn(theirs(fonts), tmp_path / "rl.pdf", fonts)) as pages:
        rl = next(iter(pages))
    def glyphs(chars: list[dict[str, Any]]) -> list[tuple[str, float, float, float]]:
        return sorted((c["text"], round(c["x0"], 2), round(c["top"], 2), round(c["size"], 2))
                      for c in chars)
    assert len(mine.chars) > 300
    assert glyphs(mine.chars) == glyphs(rl.chars)
    assert rules(mine.edges) == rules(rl.edges)
    def fills(edges: list[dict[str, Any]]) -> set[tuple[float, ...]]:
        return {(round(e["x0"], 2), round(e["top"], 2), round(e["x1"], 2), round(e["bottom"], 2))
                for e in edges if not e["stroke"]}
    assert fills(mine.edges) == fills(rl.edges) != set()


def test_a_justified_line_is_one_text_operator_and_reads_back_unchanged(fonts: Fonts,
                                                                        tmp_path: Path) -> None:
    style = ParagraphStyle("j", fontName=fonts.song, fontSize=12, leading=21, alignment=TA_JUSTIFY,
                           firstLineIndent=24)
    # the sample's: its first line, justified, has gaps before "3,562.56" that pdfium would read
    # as a space inside one text operator
    text = ("2026年度晋城市科学技术局一般公共预算当年支出3,562.56万元，比上年增加1,207.53万元，"
            "增长51.27%。" + LONG * 2)
    setting = Setting(text, style)
    path = drawn(setting, tmp_path / "line.pdf", fonts, frame_width(PORTRAIT))
    lines = setting.set_lines(frame_width(PORTRAIT))
    assert len(lines) >= 4
    document = pypdfium2.PdfDocument(str(path))
    try:
        page = document[0]
        read = page.get_textpage().get_text_range()
        objects = sum(1 for _ in page.get_objects())
    finally:
        document.close()
    assert read.replace("\r\n", "").replace("\n", "") == text  # no space read into a gap
    # a text operator per line, not per glyph (a justified line's glyphs all sit apart), a few more
    # where a subset of the font changes or a gap is as wide as a space
    assert objects < 4 * len(lines) < len(text)
    with open_pages(path) as pages:
        chars = next(iter(pages)).chars
    first = [c for c in chars if abs(c["top"] - chars[0]["top"]) < 1]
    expected = [40 + x for x in lines[0].xs]
    assert [c["x0"] for c in first] == pytest.approx(expected, abs=0.01)
