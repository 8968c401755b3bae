"""The table import's report is worded for where it is read: the command line, or the window
(审核 is step 9 there, the projects' kind is asked after reading, there is no --year). Each
such phrase is written once (report.CHECK, KIND_CHOICE, YEAR_CHOICE), the lines that use it
carry both wordings (report.Worded), and no other words of the report are rewritten."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest

from app.imports.tables import importer, report, shanghai, units
from app.imports.tables.report import CHECK, KIND_CHOICE, YEAR_CHOICE, Placed, Report, Worded
from tests.helpers.sample_import import sample_copy

PLACED = (CHECK, KIND_CHOICE, YEAR_CHOICE)


def test_a_line_reads_as_the_place_asks() -> None:
    line = Worded("已标为推测；", KIND_CHOICE, "。")
    assert line == f"已标为推测；{KIND_CHOICE.command}。" and isinstance(line, str)
    assert line.window == f"已标为推测；{KIND_CHOICE.window}。"
    plain = Report(assumptions=[line], to_fill=["填写单位编码"])
    assert f"1. 已标为推测；{KIND_CHOICE.window}。" in plain.text(window=True)
    assert f"1. 已标为推测；{KIND_CHOICE.command}。" in plain.text()
    assert f"【{CHECK.window}将报告的内容" in plain.text(window=True)
    assert f"【{CHECK.command}将报告的内容" in plain.text()
    copy = pickle.loads(pickle.dumps(line))  # as a worker would hand it on
    assert (copy, copy.window) == (line, line.window)


def test_only_the_placed_words_change() -> None:
    # a unit named with the command's words keeps its name in the window: only the lines
    # written with Placed words are worded per place (a rewrite of the whole text changed it)
    named = f"单位“{CHECK.command}”下有两个“培训”项目，已合并为一个。"
    plain = Report(disagreements=[named])
    assert named in plain.text(window=True)


def test_the_missing_year_is_worded_per_place(tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(importer, "found_year", lambda tables: None)
    result = importer.import_tables(sample_copy(tmp_path / "t.xlsx"))
    assert result.budget is None
    assert YEAR_CHOICE.command in result.report.text()
    assert YEAR_CHOICE.window in result.report.text(window=True)
    assert YEAR_CHOICE.command not in result.report.text(window=True)


def test_each_phrase_is_written_once() -> None:
    sources = {m.__name__: Path(m.__file__ or "").read_text(encoding="utf-8")
               for m in (report, importer, units, shanghai)}
    for placed in PLACED:
        assert isinstance(placed, Placed)
        for words in (placed.command, placed.window):
            where = [name for name, text in sources.items() if words in text]
            assert where == [report.__name__], (words, where)
