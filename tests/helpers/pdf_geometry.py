"""Reads a PDF's geometry (characters, stroked rules: tests/helpers/pdfpages.py, pypdfium2 in
pdfplumber's terms) and lists typesetting faults:
glyphs crossing rules or the body's right edge, lines opening with closing punctuation or ending
with an opening bracket, 一级/二级 labels printed more than once per form and page."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import Counter
from pathlib import Path
from typing import Any

from reports.linebreak import CLOSING, HALF_CLOSING, HALF_OPENING, OPENING
from tests.helpers.pdfpages import open_pages

MARGIN_X = 56.69  # 20 mm
EPS = 0.6


def ink(ch: dict[str, Any]) -> tuple[float, float, float, float]:
    """The part of a glyph's box its ink can occupy: full-width marks fill one half of it."""
    x0, x1, top, bottom = ch["x0"], ch["x1"], ch["top"], ch["bottom"]
    w = x1 - x0
    if ch["text"] in HALF_CLOSING and w > 0.8 * ch["size"]:
        x1 = x0 + w / 2
    elif ch["text"] in HALF_OPENING and w > 0.8 * ch["size"]:
        x0 = x1 - w / 2
    band = (bottom - top) * 0.25
    return x0, x1, top + band, bottom - band


def rules(page: Any) -> tuple[list[tuple[float, float, float]], list[tuple[float, float, float]]]:
    """Vertical (x, top, bottom) and horizontal (y, x0, x1) stroked rules of the page."""
    vertical, horizontal = [], []
    for e in page.edges:
        if not e.get("stroke", True):  # a shaded cell's edge is no rule
            continue
        if abs(e["x0"] - e["x1"]) < 0.5:
            vertical.append((e["x0"], e["top"], e["bottom"]))
        elif abs(e["top"] - e["bottom"]) < 0.5:
            horizontal.append((e["top"], e["x0"], e["x1"]))
    return vertical, horizontal


class Rules:
    """Rules sorted by their position (x of a vertical rule, y of a horizontal one), so the rules
    a glyph's span meets are found by bisection instead of a pass over all of a page's rules
    (issue 21); each as (position, start, end, its place in the page's list)."""

    def __init__(self, found: list[tuple[float, float, float]]) -> None:
        self.sorted = sorted((r[0], r[1], r[2], i) for i, r in enumerate(found))
        self.at = [r[0] for r in self.sorted]

    def strictly_within(self, lo: float, hi: float) -> list[tuple[float, float, float, int]]:
        """The rules at lo < position < hi."""
        return self.sorted[bisect_right(self.at, lo):bisect_left(self.at, hi)]

    def within(self, lo: float, hi: float) -> list[tuple[float, float, float, int]]:
        """The rules at lo <= position <= hi."""
        return self.sorted[bisect_left(self.at, lo):bisect_right(self.at, hi)]


def in_order(found: list[tuple[float, float, float, int]]) -> list[tuple[float, float, float, int]]:
    """Rules in the order of the page's list, as a pass over all of them meets them."""
    return sorted(found, key=lambda r: r[3]) if len(found) > 1 else found


def text_lines(chars: list[dict[str, Any]], vertical: list[tuple[float, float, float]] | Rules) -> list[str]:
    """Printed lines: characters on one baseline, cut at rules and at wide gaps."""
    ruled = vertical if isinstance(vertical, Rules) else Rules(vertical)
    rows: dict[int, list[dict[str, Any]]] = {}
    for ch in chars:
        rows.setdefault(round(ch["bottom"]), []).append(ch)
    out: list[str] = []
    for row in rows.values():
        row.sort(key=lambda c: c["x0"])
        line = ""
        prev: dict[str, Any] | None = None
        for ch in row:
            if prev is not None:
                gap = ch["x0"] - prev["x1"]
                cut = gap > 1.5 * ch["size"] or any(
                    top <= ch["bottom"] and bottom >= ch["top"]
                    for _x, top, bottom, _i in ruled.within(prev["x1"] - EPS, ch["x0"] + EPS))
                if cut:
                    out.append(line)
                    line = ""
            line += ch["text"]
            prev = ch
        out.append(line)
    return [s.strip() for s in out if s.strip()]


def faults(path: Path, level1: set[str], level2: set[str], draft: bool = False) -> list[str]:
    """Every fault found, one string each with its page."""
    found: list[str] = []
    with open_pages(path) as pages:
        for n, page in enumerate(pages, start=1):
            chars = [c for c in page.chars if c["text"].strip() and not (draft and c["size"] > 100)]
            found_v, found_h = rules(page)
            vertical, horizontal = Rules(found_v), Rules(found_h)
            edge = float(page.width) - MARGIN_X
            for ch in chars:
                x0, x1, top, bottom = ink(ch)
                if x1 > edge + EPS:
                    found.append(f"p{n} past the right edge: {ch['text']} x1={x1:.1f}")
                for x, t, b, _i in in_order(vertical.strictly_within(x0 + EPS, x1 - EPS)):
                    if t < bottom and b > top:
                        found.append(f"p{n} across a rule: {ch['text']} at x={x:.1f}")
                for y, a, b, _i in in_order(horizontal.strictly_within(top + EPS, bottom - EPS)):
                    if a < x1 - EPS and b > x0 + EPS:
                        found.append(f"p{n} across a rule: {ch['text']} at y={y:.1f}")
            for line in text_lines(chars, vertical):
                if line[0] in CLOSING and len(line) > 1:
                    found.append(f"p{n} line opens with {line[0]}: {line[:20]}")
                if line[-1] in OPENING:
                    found.append(f"p{n} line ends with {line[-1]}: {line[-20:]}")
            found += label_faults(page, n, level1, level2)
    return found


def label_faults(page: Any, n: int, level1: set[str], level2: set[str]) -> list[str]:
    """一级 labels once per form and page, 二级 once per period, form and page."""
    words = page.extract_words(x_tolerance=1.5)
    starts = sorted(w["top"] for w in words if w["text"].startswith("附件") and "：" in w["text"])
    vertical, _h = rules(page)
    xs = sorted({round(x, 1) for x, _t, _b in vertical})

    def column(word: dict[str, Any]) -> tuple[float, float]:
        mid = (word["x0"] + word["x1"]) / 2
        return (max((x for x in xs if x < mid), default=0.0), min((x for x in xs if x > mid), default=0.0))

    columns = {"一级": [column(w) for w in words if w["text"] == "一级指标"],
               "二级": [column(w) for w in words if w["text"] == "二级指标"]}
    counts: Counter[tuple[int, str, str]] = Counter()
    for w in words:
        text = w["text"].removesuffix("（续）").removesuffix("（")
        form = sum(1 for s in starts if s <= w["top"])
        kind = "一级" if text in level1 else "二级" if text in level2 else ""
        if kind and column(w) in columns[kind]:
            counts[(form, f"{kind}{column(w)[0]:.0f}", text)] += 1
    return [f"p{n} {kind} label {text} printed {k} times in one form" for (_f, kind, text), k
            in counts.items() if k > 1]
