"""`inspect` on Shanghai's 9-table document in 元: recognised by its titles, its totals and
cross-table rules run with no 错误, and broken copies caught on the right page."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from app.cli.main import main
from app.core.findings import Severity
from app.inspect.run import inspect
from tests.helpers.plainpdf import draw
from tests.helpers.read_once import pages as read_pages

Pages = list[list[str]]


@pytest.fixture(scope="module")
def shanghai_pdf(published: Callable[[str], tuple[Path, Path]]) -> Path:
    """The Shanghai sample's PDF as `budget-desk pdf` writes it (tests/conftest.py's published)."""
    return published("shanghai")[1]


@pytest.fixture(scope="module")
def pages(shanghai_pdf: Path) -> Pages:
    return read_pages(shanghai_pdf)


def errors_of(path: Path) -> list[tuple[int | None, str]]:
    return [(f.page, f.check) for f in inspect(path).findings if f.severity == Severity.ERROR]


def test_the_shanghai_pdf_is_recognised_and_every_table_rule_runs(shanghai_pdf: Path) -> None:
    outcome = inspect(shanghai_pdf)
    assert outcome.template.startswith("上海市")
    assert outcome.errors == [], outcome.errors
    for rule in ("tables-found", "empty-notes", "row-sums", "subtotals", "table-totals",
                 "cross-tables", "text-figures", "procurement-text", "contents", "wording"):
        assert rule in outcome.run, (rule, outcome.not_run)
    # the only rules not run say why: no project table in this template, no cars sentence
    assert {name for name, _ in outcome.not_run} <= {"target-funds", "assets-pdf"}, outcome.not_run
    assert main(["inspect", str(shanghai_pdf)]) == 0


def _figure(old: str, new: str) -> Callable[[str], str]:
    return lambda line: line.replace(old, new, 1)


def page_with(pages: Pages, words: str) -> int:
    return next(i for i, lines in enumerate(pages, 1) if i > 2 and any(words in line for line in lines))


SH_BROKEN = {
    # name: (a line to change, the change, the check that must catch it)
    "finance total": ("收入总计 278,076,101", _figure("收入总计 278,076,101", "收入总计 278,076,111"),
                      "table-totals"),
    "income row": ("207 01 04 图书馆 30,953,134", _figure("30,953,134 30,953,134", "30,953,134 30,953,184"),
                   "row-sums"),
    "spending item": ("207 01 08 文化活动 11,280,000",
                      _figure("11,280,000 11,280,000", "11,290,000 11,290,000"), "subtotals"),
    "economic item": ("302 01 办公费 941,000", _figure("941,000 941,000", "951,000 951,000"), "subtotals"),
    "three public": ("11.49 0 2.11 9.38", _figure("11.49 0 2.11", "11.49 0 2.21"), "row-sums"),
    "text": ("经费预算数为11.49万元", _figure("11.49万元", "11.94万元"), "text-figures"),
    # the document's kind told by its titles (部门…预算表)
    "unit words": ("本部门中，行政单位", _figure("本部门中", "本单位中"), "kind-wording"),
}


@pytest.mark.parametrize("name", list(SH_BROKEN))
def test_each_broken_shanghai_copy_is_caught_on_its_page(pages: Pages, tmp_path: Path, name: str) -> None:
    words, change, check = SH_BROKEN[name]
    number = page_with(pages, words)
    broken = [list(lines) for lines in pages]
    index = next(i for i, line in enumerate(broken[number - 1]) if words in line)
    changed = change(broken[number - 1][index])
    assert changed != broken[number - 1][index]
    broken[number - 1][index] = changed
    found = errors_of(draw(broken, tmp_path / "broken.pdf"))
    assert (number, check) in found, found


def test_the_copy_drawn_by_plain_reportlab_has_no_errors(pages: Pages, tmp_path: Path) -> None:
    assert errors_of(draw(pages, tmp_path / "plain.pdf")) == []


def test_a_removed_shanghai_table_is_named_and_its_contents_entry_flagged(pages: Pages,
                                                                          tmp_path: Path) -> None:
    number = page_with(pages, "2026年部门一般公共预算基本支出部门预算经济分类预算表")
    broken = [lines for i, lines in enumerate(pages, 1) if i != number]
    outcome = inspect(draw(broken, tmp_path / "removed.pdf"))
    found = [(f.page, f.check, f.message) for f in outcome.errors]
    assert any(p is None and c == "tables-found" and "表8" in m for p, c, m in found), found
    assert any(c == "contents" and p == 2 for p, c, _ in found), found
    # the identity with the removed table is listed as not run, never passed silently
    assert any(n == "cross-tables" and "经济分类" in why for n, why in outcome.not_run), outcome.not_run
