"""The Shanghai sample's PDF: every table row of the reference on one line of its text
(pdftotext -layout), every figure of its 编制说明 and 其他相关情况说明, no 预算公开表 captions;
and our read-back refuses a PDF whose renderer dropped a row, for either profile."""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Callable
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest

import reports.pdf
from app.cli.main import main
from app.compute.tabledef import Table
from reports.pdf_tables import table_flowables
from tests.helpers.putuo import TABLE_PAGES, body_rows, compact, pages, text_of

NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext not installed")


def figures(text: str) -> list[Decimal]:
    return [Decimal(n.replace(",", "")) for n in NUMBER.findall(text)]


@pytest.fixture(scope="module")
def text(published: Callable[[str], tuple[Path, Path]]) -> str:
    """pdftotext -layout of the Shanghai sample's PDF as `budget-desk sample --profile shanghai`
    and `budget-desk pdf` write it (tests/conftest.py's published, shared with the inspector's tests)."""
    out = subprocess.run(["pdftotext", "-layout", str(published("shanghai")[1]), "-"], check=True,
                         capture_output=True, text=True).stdout
    return out


@pytest.mark.parametrize("key", list(TABLE_PAGES))
def test_every_reference_row_on_one_line_in_order(key: str, text: str) -> None:
    lines = [compact(line) for line in text.splitlines()]
    at = 0
    for row in body_rows(key):
        want = compact(row)
        hit = next((i for i in range(at, len(lines)) if lines[i] == want), None)
        assert hit is not None, (key, row)
        at = hit + 1


def test_titles_and_unit_lines_and_no_captions(text: str) -> None:
    flat = compact(text)
    for key, (first, _) in TABLE_PAGES.items():
        assert compact(pages()[first][0].replace("\"", "“")) in flat, key
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
