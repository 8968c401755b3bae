"""`budget-desk inspect` on the sample's PDF, on its text laid out by plain reportlab, and on
broken copies: each fault caught on its page; rules that cannot run are listed."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader
from reportlab.pdfgen import canvas

from app.cli.main import main
from app.core.findings import Severity
from app.inspect.run import RULES, inspect
from tests.helpers.plainpdf import draw
from tests.helpers.read_once import pages as read_pages

Pages = list[list[str]]


@pytest.fixture(scope="module")
def sample_pdf(published: Callable[[str], tuple[Path, Path]]) -> Path:
    """The sample's PDF as `budget-desk pdf` writes it (tests/conftest.py's published)."""
    return published("shanxi")[1]


@pytest.fixture(scope="module")
def pages(sample_pdf: Path) -> Pages:
    return read_pages(sample_pdf)


def page_with(pages: Pages, words: str) -> int:
    """The number (1…) of the first page with a line containing the words."""
    return next(i for i, lines in enumerate(pages, 1) if any(words in line for line in lines))


def edited(pages: Pages, words: str, change: Callable[[str], str]) -> tuple[Pages, int]:
    """The pages with the first line containing the words changed; and that line's page."""
    number = page_with(pages, words)
    copy = [list(lines) for lines in pages]
    index = next(i for i, line in enumerate(copy[number - 1]) if words in line)
    copy[number - 1][index] = change(copy[number - 1][index])
    return copy, number


def errors_of(path: Path) -> list[tuple[int | None, str]]:
    return [(f.page, f.check) for f in inspect(path).findings if f.severity == Severity.ERROR]


def test_the_sample_pdf_has_no_errors_and_every_rule_runs(sample_pdf: Path) -> None:
    outcome = inspect(sample_pdf)
    assert outcome.template.startswith("山西")
    assert outcome.errors == []
    assert outcome.not_run == []
    assert set(outcome.run) == set(RULES)
    # the 2024 prizes of the sample's own target forms: hints, not faults
    assert {f.check for f in outcome.findings} <= {"other-years"}


def test_the_same_text_laid_out_by_plain_reportlab_has_no_errors(pages: Pages, tmp_path: Path) -> None:
    outcome = inspect(draw(pages, tmp_path / "plain.pdf"))
    assert outcome.errors == [] and outcome.not_run == []


def _figure(old: str, new: str) -> Callable[[str], str]:
    return lambda line: line.replace(old, new, 1)


BROKEN = {
    # name: (the line to change, the change, the check that must catch it)
    "table 1": ("收入总计 4762.56", _figure("收入总计 4762.56", "收入总计 4763.56"), "table-totals"),
    "table 3": ("20601 科学技术管理事务 3784.24", _figure("3784.24", "3784.34"), "row-sums"),
    "table 6": ("办公费 办公经费 23.82", _figure("23.82 23.82", "24.82 24.82"), "subtotals"),
    "table 10": ("公务接待费", lambda line: line + " 2.00 2.00", "subtotals"),
    "text": ("公用经费115.13万元", _figure("公用经费115.13", "公用经费115.31"), "text-figures"),
    "empty-table note": ("注：本表无数据", lambda line: "注：本部门无国有资本经营预算收入，本表为空。",
                         "empty-notes"),
    "cars": ("机要通信用车0辆", _figure("机要通信用车0辆", "机要通信用车2辆"), "assets-pdf"),
    "ascii comma": ("比上年增加", _figure("，", ","), "ascii-punctuation"),
}


@pytest.mark.parametrize("name", list(BROKEN))
def test_each_broken_copy_is_caught_on_its_page(pages: Pages, tmp_path: Path, name: str) -> None:
    words, change, check = BROKEN[name]
    broken, number = edited(pages, words, change)
    found = errors_of(draw(broken, tmp_path / "broken.pdf"))
    assert (number, check) in found, found
    # elsewhere only the comparisons with the changed figure may fail (the text states 收入总计)
    assert all(page == number or c in ("text-figures", "cross-tables") for page, c in found), found


def test_a_removed_table_is_named_and_its_contents_entry_flagged(pages: Pages, tmp_path: Path) -> None:
    number = next(i for i, lines in enumerate(pages, 1)
                  if i > 2 and any(re.search(r"^\d{4}年政府性基金预算支出表", line) for line in lines))
    broken = [lines for i, lines in enumerate(pages, 1) if i != number]
    outcome = inspect(draw(broken, tmp_path / "removed.pdf"))
    found = [(f.page, f.check, f.message) for f in outcome.errors]
    assert any(p is None and c == "tables-found" and "表8" in m for p, c, m in found), found
    assert any(c == "contents" and p == 2 for p, c, _ in found), found


def test_a_scan_without_text_is_reported_and_exits_2(tmp_path: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    scan = tmp_path / "scan.pdf"
    pdf = canvas.Canvas(str(scan))
    pdf.rect(50, 50, 400, 600, fill=1)
    pdf.showPage()
    pdf.save()
    outcome = inspect(scan)
    assert outcome.scanned and not outcome.readable
    assert ("wording", "没有文字层") in outcome.not_run
    assert main(["inspect", str(scan)]) == 2
    assert "文字层" in capsys.readouterr().out


def test_the_command_prints_tab_lines_writes_the_report_and_annotates(
        sample_pdf: Path, pages: Pages, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "pdfs"
    folder.mkdir()
    (folder / "good.pdf").write_bytes(sample_pdf.read_bytes())
    broken, number = edited(pages, "收入总计 4762.56", _figure("收入总计 4762.56", "收入总计 4763.56"))
    draw(broken, folder / "bad.pdf")
    (folder / "broken.pdf").write_bytes(b"%PDF-1.4 not really")
    report, notes = tmp_path / "r.xlsx", tmp_path / "notes"
    assert main(["inspect", str(folder), "--report", str(report), "--annotate", str(notes)]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out and all(len(line.split("\t")) == 5 for line in out)
    assert f"bad.pdf\t{number}\t错误\t{RULES['table-totals']}" in "\n".join(out)
    assert not any(line.startswith("good.pdf") and "\t错误\t" in line for line in out)
    assert any(line.startswith("broken.pdf\t-\t错误") for line in out)
    assert any(line.startswith("broken.pdf\t-\t未检查") for line in out)
    book = load_workbook(report)
    assert book.sheetnames[0] == "问题" and {"bad", "good", "broken"} <= set(book.sheetnames)
    rows = list(book["问题"].iter_rows(values_only=True))
    assert rows[0] == ("文件", "页", "级别", "检查", "说明")
    assert ("bad.pdf", number, "错误", RULES["table-totals"]) in [r[:4] for r in rows]
    rules = list(book["good"].iter_rows(values_only=True))
    assert ("table-totals", RULES["table-totals"], "已检查", 0, 0, None) in rules
    annotated = PdfReader(notes / "bad.pdf")
    marks = annotated.pages[number - 1].get("/Annots")
    assert marks is not None and len(marks) >= 1
    assert main(["inspect", str(folder / "good.pdf")]) == 0
