"""The Shanghai sample's PDF: every table row of the reference on one printed line of its table
(tests/helpers/pdftext.py's page_lines, from pypdfium2: what pdftotext -layout gave before), every
figure of its 编制说明 and 其他相关情况说明, no 预算公开表 captions; and our read-back refuses a
PDF whose renderer dropped a row, for either profile."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest

import reports.pdf
from app.cli.main import main
from app.compute.tabledef import Table
from app.store import storage
from reports.pdf import write_pdf
from reports.pdf_tables import table_flowables
from tests.helpers.pdftext import layout_text
from tests.helpers.putuo import TABLE_PAGES, body_rows, compact, pages, text_of

NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")


def figures(text: str) -> list[Decimal]:
    return [Decimal(n.replace(",", "")) for n in NUMBER.findall(text)]


@pytest.fixture(scope="module")
def text(published: Callable[[str], tuple[Path, Path]]) -> str:
    """The printed lines of the Shanghai sample's PDF as `budget-desk sample --profile shanghai`
    and `budget-desk pdf` write it (tests/conftest.py's published, shared with the inspector's
    tests), one per line."""
    return layout_text(published("shanghai")[1])


def title(key: str) -> str:
    return compact(pages()[TABLE_PAGES[key][0]][0].replace("\"", "“"))


def table_lines(key: str, text: str) -> list[str]:
    """The compacted lines of the table's part: after its title's line, before the next table's
    (a row is not found in another table that prints the same figures)."""
    lines = [compact(line) for line in text.splitlines()]
    starts = [lines.index(title(k)) for k in TABLE_PAGES]
    assert starts == sorted(starts)
    at = list(TABLE_PAGES).index(key)
    return lines[starts[at] + 1:starts[at + 1] if at + 1 < len(starts) else len(lines)]


def missing_rows(key: str, text: str) -> list[str]:
    """The reference rows of the table not printed each on a line of its own, in order."""
    lines, at, missing = table_lines(key, text), 0, []
    for row in body_rows(key):
        hit = next((i for i in range(at, len(lines)) if lines[i] == compact(row)), None)
        if hit is None:
            missing.append(row)
        else:
            at = hit + 1
    return missing


@pytest.mark.parametrize("key", list(TABLE_PAGES))
def test_every_reference_row_on_one_line_in_order(key: str, text: str) -> None:
    assert missing_rows(key, text) == []


def faulty(table: Table, *args: object, **kw: object) -> object:
    """The renderer with two faults in the 收入 table: its 图书馆 row is not drawn, and the last
    figure of its 行政运行 row is drawn on a line of its own below the row."""
    if table.key == "income":
        rows = [row for row in table.rows if row.cells[3] != "图书馆"]
        at = next(i for i, row in enumerate(rows) if row.cells[3] == "行政运行")
        row = rows[at]
        last = max(i for i, c in enumerate(row.cells) if c)
        kept = tuple(None if i == last else c for i, c in enumerate(row.cells))
        alone = tuple(c if i == last else None for i, c in enumerate(row.cells))
        rows[at:at + 1] = [replace(row, cells=kept), replace(row, cells=alone)]
        table = replace(table, rows=tuple(rows))
    return table_flowables(table, *args, **kw)  # type: ignore[arg-type]


def test_a_row_dropped_or_a_figure_on_another_line_is_found(
        published: Callable[[str], tuple[Path, Path]], tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """The row check fails on the PDF of a renderer that drops a row or moves a cell to another
    line: the page_lines it reads keep the rows apart."""
    monkeypatch.setattr(reports.pdf, "table_flowables", faulty)
    out = tmp_path / "faulty.pdf"
    write_pdf(storage.load(published("shanghai")[0]), out)
    rows = body_rows("income")
    assert missing_rows("income", layout_text(out)) == [
        next(r for r in rows if "行政运行" in r), next(r for r in rows if "图书馆" in r)]


def test_titles_and_unit_lines_and_no_captions(text: str) -> None:
    flat = compact(text)
    for key in TABLE_PAGES:
        assert title(key) in flat, key
    assert flat.count("单位：元") >= 8 and "单位：万元" in flat
    assert "预算公开表" not in flat
    assert compact("上海市普陀区2026年区级部门预算") in flat
    assert compact("预算主管部门：上海市普陀区文化和旅游局") in flat


def test_every_figure_of_the_explanation_and_other_notes(text: str) -> None:
    mine = set(figures(text))
    explanation = [f for f in figures(text_of(7, 8)) if f not in mine]
    other = [f for f in figures("\n".join(pages()[26])) if f not in mine]
    assert explanation == [] and other == []


def dropping(table: Table, *args: object, **kw: object) -> object:
    """The renderer with a fault: the last row of the first table is not drawn."""
    if table.number == 1:
        table = replace(table, rows=table.rows[:-1])
    return table_flowables(table, *args, **kw)  # type: ignore[arg-type]


@pytest.mark.parametrize("template", ["shanxi", "shanghai"])
def test_a_dropped_row_is_refused_and_nothing_is_put_in_place(
        template: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    budget, out = tmp_path / "b.budget", tmp_path / "b.pdf"
    assert main(["sample", "--profile", template, str(budget)]) == 0
    out.write_bytes(b"old")
    monkeypatch.setattr(reports.pdf, "table_flowables", dropping)
    capsys.readouterr()
    assert main(["pdf", str(budget), "-o", str(out)]) != 0
    err = capsys.readouterr()
    message = err.err + err.out
    assert "读回核对未通过" in message and "表1的一行" in message and "Traceback" not in message
    assert out.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["b.budget", "b.pdf"]  # no temporary left
