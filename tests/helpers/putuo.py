"""The reference Shanghai document (上海市普陀区文化和旅游局 2026) by page, its tables' rows."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

TEXT = Path(__file__).resolve().parent.parent / "data" / "shanghai-putuo-culture-tourism-2026.txt"
PAGE = re.compile(r"^=== PAGE (\d+) ===$", re.M)
TITLE = re.compile(r"^\d{4}年")
BODY_START = ("一、", "二、", "三、", "四、", "五、", "1.", "2.", "3.", "收入总计")
# the pages of each table (key → first and last page)
TABLE_PAGES = {
    "finance": (9, 9), "income": (10, 12), "spending": (13, 15), "fiscal": (16, 16),
    "general": (17, 19), "fund": (20, 20), "capital": (21, 21), "economic": (22, 24),
    "three-public": (25, 25),
}


@cache
def pages() -> dict[int, list[str]]:
    """Page number → its lines (stripped, empty ones left out)."""
    parts = PAGE.split(TEXT.read_text(encoding="utf-8"))
    return {int(parts[i]): [line.strip() for line in parts[i + 1].splitlines() if line.strip()]
            for i in range(1, len(parts), 2)}


def is_body(line: str) -> bool:
    if TITLE.match(line) or line.startswith("注"):
        return False
    if line[0].isdigit() or line.startswith(BODY_START):
        return True
    return line == "合计" or bool(re.match(r"^合计 \d", line))


def table_lines(key: str) -> list[str]:
    first, last = TABLE_PAGES[key]
    return [line for n in range(first, last + 1) for line in pages()[n]]


def body_rows(key: str) -> list[str]:
    """The table's body rows as printed (one line each)."""
    return [line for line in table_lines(key) if is_body(line)]


def header_text(key: str) -> str:
    """The lines of the table's first page between its unit line and its first body row."""
    lines = pages()[TABLE_PAGES[key][0]][2:]
    head = []
    for line in lines:
        if is_body(line):
            break
        head.append(line)
    return "".join(head)


def text_of(first: int, last: int) -> str:
    return "\n".join(line for n in range(first, last + 1) for line in pages()[n])


def compact(text: str) -> str:
    """text as a checker compares it: no spaces, ASCII and full-width punctuation alike."""
    table = str.maketrans({"(": "（", ")": "）", ":": "：", "＂": "”", "．": "."})
    return re.sub(r"\s+", "", text).translate(table)
