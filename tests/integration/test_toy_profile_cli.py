"""A third profile needs only its definition and one line in PROFILES: a toy one with two tables
goes through `sample`, `pdf`, `check` and `export` on the command line."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from app.cli.main import main
from app.compute.tabledef import Money
from app.core.records import Budget
from app.inspect import pdfread
from app.profiles import registry
from app.profiles.outline import PART, TABLE, Entry
from app.profiles.registry import Profile
from app.profiles.shanghai.narrative import Section
from app.profiles.shanxi.sample import load_sample
from tests.unit.profiles.test_registry import toy_outline, toy_tables


def tables(budget: Budget, kind: str) -> tuple[Any, ...]:
    one, two = toy_tables(budget, kind)
    return replace(one, money=Money.YUAN, caption_prefix=""), replace(two, caption_prefix="")


def outline(budget: Budget, kind: str) -> tuple[Entry, ...]:
    return (*toy_outline(budget, kind),
            *(Entry(TABLE, f"{t.number}. {t.title}", level=2, key=t.key) for t in tables(budget, kind)),
            Entry(PART, "二、说明", "notes"))


def texts(budget: Budget, kind: str) -> dict[str, Sequence[Any]]:
    total = budget.income.this_year.total
    return {"notes": [Section("n1", "收入说明", (f"本年收入{total:,.0f}元。",))]}


def sample() -> Budget:
    budget = load_sample()
    return replace(budget, settings=replace(budget.settings, profile="toy"))


TOY = Profile("toy", "玩具省（2张表）", ("部门",), tables, outline, texts, sample)


@pytest.fixture
def toy(monkeypatch: pytest.MonkeyPatch) -> Profile:
    monkeypatch.setattr(registry, "PROFILES", (*registry.PROFILES, TOY))
    return TOY


def test_sample_pdf_check_export(toy: Profile, tmp_path: Path,
                                 capsys: pytest.CaptureFixture[str]) -> None:
    budget, pdf, book = tmp_path / "t.budget", tmp_path / "t.pdf", tmp_path / "t.xlsx"
    assert main(["sample", "--profile", "toy", str(budget)]) == 0
    assert main(["pdf", str(budget), "-o", str(pdf)]) == 0
    lines = [line for page in pdfread.read(pdf).pages for line in page.lines]
    text = "".join(lines).replace(" ", "")
    assert "2026年玩具收入表" in text and "2026年玩具单位表" in text
    assert "收入合计35,625,601" in text and "单位：元" in text
    assert "预算公开表" not in text and "本年收入35,625,601元。" in text
    assert "1.2026年玩具收入表" in text and "二、说明" in text  # the 目录
    capsys.readouterr()
    code = main(["check", str(budget)])
    assert code in (0, 1) and capsys.readouterr().out.strip()
    assert main(["export", str(budget), "-o", str(book)]) == 0
    assert "已导出 2 张公开表（单位：元、万元）" in capsys.readouterr().out
    wb = load_workbook(book)
    assert len(wb.sheetnames) == 2
    rows = [r for r in wb.worksheets[0].iter_rows(values_only=True)]
    assert ("收入合计", 35625601) in rows
    assert rows[0][0] is None  # no caption
    assert rows[2][-1] == "单位：元"
