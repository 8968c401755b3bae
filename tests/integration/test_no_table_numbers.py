"""No code outside the Shanxi profile names a table by its number or assumes 13 tables.

A table is named by its key and its profile; "表12" or "13 张" in a message, a docstring or a
label is Shanxi's template leaking into code every profile runs.
"""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("app", "forms", "reports")
PATTERN = re.compile(r"表(?:1[0-3]|[1-9])(?![0-9])|13\s*张|\b13[- ]tables?\b|\bthe 13\b")
ALLOWED = (
    "app/profiles/shanxi/",  # the Shanxi template itself
)


def offending_lines() -> list[str]:
    found = []
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            relative = path.relative_to(ROOT).as_posix()
            if relative.startswith(ALLOWED):
                continue
            for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                if PATTERN.search(line):
                    found.append(f"{relative}:{n}: {line.strip()}")
    return found


def test_no_table_number_or_13_outside_the_shanxi_profile() -> None:
    assert offending_lines() == []


def test_the_pattern_catches_what_it_must() -> None:
    caught = ["见表12", "表1的合计", "从 13 张公开表导入", "the 13 tables", "a 13-table one", "表13"]
    assert all(PATTERN.search(text) for text in caught)
    assert not any(PATTERN.search(text) for text in ("表{n}", "130 元", "2013年", "第13行"))
