"""Lines kept between runs (reports.linecache): the same lines come back, the PDF byte for byte
the one set anew; a changed width, another line breaker or a damaged file sets them anew; only
the program's own `pdf` run keeps them."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from reportlab import rl_config

from app.profiles.shanxi.sample import load_sample
from reports import linecache, pdf_para
from reports.linebreak import Breaker, Line

TEXT = "根据《关于印发“十五五”规划的通知》（晋科发〔2025〕12号），平均≥637元/人/月，2026年12月底前完成。" * 2


def width(c: str) -> float:
    return 6.0 if c < "\x80" else 12.0


@pytest.fixture()
def kept(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Lines kept in a cache folder of this test's own; the breakers of earlier tests forgotten."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setattr(linecache, "_enabled", [])
    monkeypatch.setattr(pdf_para, "_breakers", {})
    yield tmp_path / "cache" / "budget-desk" / "lines" / "pdf.bin"


def again() -> linecache.LineCache:
    """A new run: the file read again, no breaker made yet."""
    linecache.disable()
    linecache.enable()
    pdf_para._breakers.clear()
    cache = linecache.current()
    assert cache is not None
    return cache


class Counting(Breaker):
    broken = 0

    def _set_anew(self, text: str, width: float, first_indent: float, justify: bool) -> list[Line]:
        Counting.broken += 1
        return super()._set_anew(text, width, first_indent, justify)


def test_kept_lines_come_back_float_for_float_and_are_not_set_again(kept: Path) -> None:
    linecache.enable()
    first = Counting(width, ("song", 10.5))
    lines = first.lines(TEXT, 200.0, 21.0) + first.lines(TEXT, 300.0)
    cache = linecache.current()
    assert cache is not None and cache.missed == 2
    cache.save({("song", 10.5): first})
    assert kept.is_file()
    again()
    Counting.broken = 0
    second = Counting(width, ("song", 10.5))
    assert second.lines(TEXT, 200.0, 21.0) + second.lines(TEXT, 300.0) == lines
    assert Counting.broken == 0
    assert second.lines(TEXT, 250.0) and Counting.broken == 1  # another width: set anew


def test_a_changed_width_or_line_breaker_or_damaged_file_sets_the_lines_anew(
        kept: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    linecache.enable()
    first = Breaker(width, ("song", 10.5))
    lines = first.lines(TEXT, 200.0)
    cache = linecache.current()
    assert cache is not None
    cache.save({("song", 10.5): first})

    def wider(c: str) -> float:  # another font under the same name: one character wider
        return 13.0 if c == "科" else width(c)

    again()
    Counting.broken = 0
    assert Counting(wider, ("song", 10.5)).lines(TEXT, 200.0) != lines and Counting.broken == 1
    again()
    assert Counting(width, ("song", 10.5)).lines(TEXT, 200.0) == lines and Counting.broken == 1
    assert Counting(width, ("hei", 10.5)).lines(TEXT, 200.0) == lines and Counting.broken == 2  # not kept
    with monkeypatch.context() as patched:
        patched.setattr(linecache, "_version", lambda: (linecache.FORMAT, "another line breaker"))
        again()
        assert Counting(width, ("song", 10.5)).lines(TEXT, 200.0) == lines and Counting.broken == 3
    kept.write_bytes(kept.read_bytes()[:100])
    again()
    assert Counting(width, ("song", 10.5)).lines(TEXT, 200.0) == lines and Counting.broken == 4
    import marshal

    stored = {c: width(c) for c in TEXT}
    for bad in ("not lines", (("短", (0.0,), (12.0,), 12),), (("短", (0.0, 1.0), (12.0,), 12.0),),
                (("短", (0.0,), (12.0,), 12.0),)):  # (the last: lines, but of another text)
        kept.write_bytes(marshal.dumps((linecache._version(), {
            ("song", 10.5): (stored, {(TEXT, 200.0, 0.0, True): bad})})))
        again()
        assert Counting(width, ("song", 10.5)).lines(TEXT, 200.0) == lines  # set anew, not drawn from it
    assert Counting.broken == 8


def test_the_pdf_with_kept_lines_is_the_pdf_set_anew(kept: Path, tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    from reports.pdf import write_pdf

    monkeypatch.setattr(rl_config, "invariant", 1)
    budget = load_sample()
    write_pdf(budget, tmp_path / "anew.pdf")  # not kept: no cache in this process
    assert linecache.current() is None and not kept.exists()
    pdf_para._breakers.clear()
    linecache.enable()
    write_pdf(budget, tmp_path / "first.pdf")
    pdf_para.keep_lines()
    cache = again()
    monkeypatch.setattr(Breaker, "_set_anew", lambda *args: pytest.fail("a kept text was set again"))
    write_pdf(budget, tmp_path / "kept.pdf")
    assert cache.missed == 0
    anew = (tmp_path / "anew.pdf").read_bytes()
    assert (tmp_path / "first.pdf").read_bytes() == anew == (tmp_path / "kept.pdf").read_bytes()


@pytest.mark.parametrize("key", ["lines", "subsets"])
def test_only_the_programs_own_run_keeps_its_caches(key: str, own_runs: dict[str, Any]) -> None:
    """The lines (`linecache`) and the font subsets (`subsetcache`) are kept by the program's
    own `pdf` run, written once, read back the next time (the same PDF), and kept by no
    caller's process."""
    from app.cli.main import main
    from reports import subsetcache

    module = {"lines": linecache, "subsets": subsetcache}[key]
    outs, first, second = own_runs["outs"], own_runs["first"], own_runs["second"]
    assert first[key] is not None  # written by the first run
    assert outs[0] == outs[1]
    assert second[key] == first[key]  # every one came from it: not written again
    assert main(["pdf", str(own_runs["file"]), "-o", str(own_runs["folder"] / f"caller-{key}.pdf")]) == 0
    assert module.current() is None  # a caller's process keeps none
