"""Opening a file that is not a budget says so in plain Chinese and names the file; it said
"（file is not a database）", SQLite's English, for `budget-desk check some.py`."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

import pytest

from app.cli.main import main
from app.core.records import Budget
from app.store import storage
from app.store.storage import BudgetFileError

ENGLISH = re.compile(r"[A-Za-z]{3,}")


def english(message: str, *names: str) -> list[str]:
    for name in names:
        message = message.replace(name, "")
    return ENGLISH.findall(message)


def not_budgets(folder: Path, sample: Budget) -> list[Path]:
    script = folder / "some.py"
    script.write_text("print('hello')\n", encoding="utf-8")
    header = folder / "headed.budget"  # SQLite's first bytes, the rest junk
    header.write_bytes(b"SQLite format 3\x00" + bytes(range(256)) * 8)
    cut = folder / "cut.budget"  # a budget cut short after its first page
    storage.save(sample, cut)
    cut.write_bytes(cut.read_bytes()[:4096 + 100])
    scrambled = folder / "scrambled.budget"  # a budget whose pages after the first are junk
    storage.save(sample, scrambled)
    data = bytearray(scrambled.read_bytes())
    data[4096:] = bytes(b % 251 for b in range(len(data) - 4096))
    scrambled.write_bytes(bytes(data))
    return [script, header, cut, scrambled]


def test_a_file_that_is_not_a_budget_is_named_in_chinese(tmp_path: Path, sample: Budget) -> None:
    for path in not_budgets(tmp_path, sample):
        with pytest.raises(BudgetFileError) as caught:
            storage.load(path)
        message = str(caught.value)
        assert f"“{path.name}”" in message, message
        assert not english(message, path.name), message
        with pytest.raises(BudgetFileError) as caught:
            storage.open_for_edit(path)
        assert f"“{path.name}”" in str(caught.value)
        assert not english(str(caught.value), path.name), str(caught.value)


def test_check_of_a_script_says_it_in_chinese(tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    script = tmp_path / "some.py"
    script.write_text("print('hello')\n", encoding="utf-8")
    assert main(["check", str(script)]) != 0
    err = capsys.readouterr().err
    assert "“some.py”不是预算文件" in err
    assert "not a database" not in err and not english(err, "some.py", "budget-desk"), err


def test_a_real_budget_still_opens(tmp_path: Path, sample: Budget) -> None:
    path = tmp_path / "x.budget"
    storage.save(sample, path)
    assert storage.load(path) == sample
    with sqlite3.connect(path) as conn:  # still a plain SQLite file
        assert conn.execute("SELECT count(*) FROM meta").fetchone()[0] > 0
