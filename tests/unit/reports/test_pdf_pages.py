"""The geometry the typesetting checks read (tests/helpers/pdfpages.py, pypdfium2) is pdfplumber's,
on the sample's pages of each kind; and those checks find each kind of fault in a PDF made to
have them."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from typing import Any

import pdfplumber
import pytest

from tests.helpers.pdf_geometry import faults, rules
from tests.helpers.pdfpages import Page, read_pages
from tests.helpers.pdftext import page_texts


def _key(ch: dict[str, Any]) -> tuple[int, float]:
    return round(float(ch["bottom"])), round(float(ch["x0"]), 1)


def _ink(chars: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return sorted((c for c in chars if c["text"].strip()), key=_key)


def _words(page: Any) -> Counter[tuple[str, int, int]]:
    return Counter((w["text"], round(float(w["top"])), round(float(w["x0"])))
                   for w in page.extract_words(x_tolerance=1.5))


def test_characters_rules_and_words_are_pdfplumbers(sample_pdf: Path) -> None:
    texts = [re.sub(r"\s", "", t) for t in page_texts(sample_pdf)]
    wanted = {"目录": next(n for n, t in enumerate(texts) if "目录" in t[:20]),
              "收支总表": next(n for n, t in enumerate(texts) if "预算公开表1" in t),
              "说明": next(n for n, t in enumerate(texts) if "部门预算情况说明" in t),
              "绩效目标表": next(n for n, t in enumerate(texts) if "绩效指标" in t)}
    count, ours = read_pages(sample_pdf, wanted.values())  # only the pages compared
    with pdfplumber.open(sample_pdf) as pdf:
        assert len(pdf.pages) == count
        for kind, n in wanted.items():
            theirs = pdf.pages[n]
            mine: Page = ours[n]
            assert (mine.width, mine.height) == pytest.approx((float(theirs.width), float(theirs.height)))
            a, b = _ink(mine.chars), _ink(theirs.chars)
            assert [c["text"] for c in a] == [c["text"] for c in b], kind
            for x, y in zip(a, b, strict=True):
                # a dot leader's dots are set with character spacing, which pdfminer adds to each
                tolerance = 1.2 if x["text"] == "." else 0.1
                for side in ("x0", "x1", "top", "bottom", "size"):
                    assert x[side] == pytest.approx(float(y[side]), abs=tolerance), (kind, x["text"], side)
            for mine_rules, their_rules in zip(rules(mine), rules(theirs), strict=True):
                assert len(mine_rules) == len(their_rules), kind
                flat = [v for rule in sorted(mine_rules) for v in rule]
                expected = [v for rule in sorted(their_rules) for v in rule]
                assert flat == pytest.approx(expected, abs=0.05), kind
            # (pdfium drops a space the next glyph overlaps, as on page 24's justified lines: two
            # words there are one; the label checks read table cells, whose words rules part)
            assert _words(mine) == _words(theirs), kind
    assert len(rules(ours[wanted["绩效目标表"]])[0]) > 10 and len(rules(ours[wanted["目录"]])[1]) == 0


def test_each_kind_of_fault_is_found(tmp_path: Path) -> None:
    """A page with a glyph across a rule, one past the body's edge, a line opening with ，, one
    ending with （ and an 一级 label twice in its column: each is listed."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen.canvas import Canvas

    from reports.fonts import load_fonts

    font = load_fonts().song
    path = tmp_path / "faults.pdf"
    canvas = Canvas(str(path), pagesize=A4)
    width, height = A4
    canvas.setFont(font, 10)
    canvas.line(100, height - 200, 100, height - 100)  # a vertical rule
    canvas.drawString(95, height - 150, "跨线")  # 跨 spans x = 95–105
    canvas.drawString(width - 60, height - 250, "出界")
    canvas.drawString(150, height - 300, "，开头是逗号")
    canvas.drawString(150, height - 330, "结尾是括号（")
    canvas.line(300, height - 400, 300, height - 600)  # an indicator column between x 300 and 400
    canvas.line(400, height - 400, 400, height - 600)
    canvas.drawString(320, height - 420, "一级指标")
    canvas.drawString(320, height - 460, "产出指标")
    canvas.drawString(320, height - 500, "产出指标")
    canvas.save()
    found = faults(path, {"产出指标"}, set())
    assert [f.split(":")[0] for f in found if "across a rule" in f] == ["p1 across a rule"]
    assert any("past the right edge: 界" in f for f in found)
    assert any("line opens with ，" in f for f in found)
    assert any("line ends with （" in f for f in found)
    assert [f for f in found if "label" in f] == ["p1 一级300 label 产出指标 printed 2 times in one form"]
    canvas = Canvas(str(path), pagesize=A4)
    canvas.setFont(font, 10)
    canvas.line(100, height - 200, 100, height - 100)
    canvas.drawString(110, height - 150, "不跨线")
    canvas.save()
    assert faults(path, {"产出指标"}, set()) == []
