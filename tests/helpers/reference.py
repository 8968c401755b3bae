"""The 13 tables of the published reference disclosure, read from its extracted text."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

TEXT = Path(__file__).resolve().parent.parent / "data" / "jincheng-science-bureau-2026.txt"

TITLES = {
    1: "2026年预算收支总表",
    2: "2026年预算收入总表",
    3: "2026年预算支出总表",
    4: "2026年财政拨款收支总表",
    5: "2026年一般公共预算支出预算表（不含上年结转）",
    6: "2026年一般公共预算安排基本支出分经济科目表（不含上年结转）",
    7: "2026年政府性基金预算收入表（不含上年结转）",
    8: "2026年政府性基金预算支出表（不含上年结转）",
    9: "2026年国有资本经营预算收支预算表（不含上年结转）",
    10: "2026年财政拨款安排“三公”经费支出预算表",
    11: "2026年财政拨款安排机关运行经费预算表",
    12: "2026年项目支出预算表（本年预算）",
    13: "2026年项目支出预算表（上年结转）",
}
HEADER_LINES = {1: 2, 2: 2, 3: 2, 4: 3, 5: 2, 6: 2, 7: 2, 8: 1, 9: 3, 10: 2, 11: 2, 12: 3, 13: 3}
STOP = re.compile(r"^(注：|预算公开表|部门公开表|第三部分|\s*$)")


def clean(cell: str) -> str:
    """A cell as comparable text: the PDF extraction's wrap spaces removed."""
    return cell.replace(" ", "").strip()


@cache
def reference_text() -> str:
    return TEXT.read_text(encoding="utf-8")


@cache
def reference_tables() -> dict[int, list[list[str]]]:
    """Table number → its body rows (header rows skipped), cells cleaned, trailing blanks kept."""
    lines = reference_text().splitlines()
    result: dict[int, list[list[str]]] = {}
    for number, title in TITLES.items():
        start = next(i for i, line in enumerate(lines) if line.strip() == title)
        unit = next(i for i in range(start, len(lines)) if lines[i].startswith("单位："))
        rows: list[list[str]] = []
        skipped = 0
        for line in lines[unit + 1:]:
            if "\t" not in line:
                if line.strip() == "":
                    continue  # page breaks inside a table
                if STOP.match(line) or line.strip() in TITLES.values():
                    break
                continue
            if skipped < HEADER_LINES[number]:
                skipped += 1
                continue
            rows.append([clean(c) for c in line.split("\t")])
        result[number] = rows
    return result
