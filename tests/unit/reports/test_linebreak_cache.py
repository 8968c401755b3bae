"""The line breaker's memory: a text set twice at one width is broken once and set alike, another
width sets it anew, and what it keeps stays bounded (the oldest texts are forgotten)."""

from __future__ import annotations

import pytest

from reports import linebreak
from reports.linebreak import Breaker

TEXT = "根据《关于印发“十五五”规划的通知》（晋科发〔2025〕12号），平均≥637元/人/月，2026年12月底前完成。" * 3


def width(c: str) -> float:
    return 6.0 if c < "\x80" else 12.0


class Counting(Breaker):
    """A breaker that counts how often it really breaks a text."""

    def __init__(self) -> None:
        super().__init__(width)
        self.broken = 0

    def _set_anew(self, text: str, width: float, first_indent: float,
                  justify: bool) -> list[linebreak.Line]:
        self.broken += 1
        return super()._set_anew(text, width, first_indent, justify)


def test_a_text_is_broken_once_per_width() -> None:
    breaker = Counting()
    first = breaker.lines(TEXT, 200.0, 24.0)
    again = breaker.lines(TEXT, 200.0, 24.0)
    assert breaker.broken == 1
    assert again == first and again is not first  # a copy: the caller may slice or extend it
    again.clear()
    assert breaker.lines(TEXT, 200.0, 24.0) == first
    assert breaker.clusters(TEXT) is breaker.clusters(TEXT)
    wider = breaker.lines(TEXT, 300.0, 24.0)
    assert breaker.broken == 2 and len(wider) < len(first)
    assert all(line.width <= 300.0 + 1e-6 for line in wider)
    assert Breaker(width).lines(TEXT, 300.0, 24.0) == wider  # the same as setting it anew


def test_what_it_keeps_is_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(linebreak, "KEPT", 1_000)
    breaker = Counting()
    texts = [f"第{n}项" + "测试文字" * 40 for n in range(20)]  # 20 texts of about 163 characters
    for text in texts:
        breaker.lines(text, 100.0)
    assert breaker._set._size <= 1_000 and breaker._clusters._size <= 1_000
    breaker.lines(texts[-1], 100.0)
    assert breaker.broken == 20  # the last one kept
    breaker.lines(texts[0], 100.0)
    assert breaker.broken == 21  # the first one forgotten
    huge = "字" * 2_000
    assert len(breaker.lines(huge, 100.0)) == 250  # 8 characters of 12 points on each line
    assert len(breaker.lines(huge, 100.0)) == 250 and breaker.broken == 23  # set, not pinned
