"""The templates a published disclosure may follow, as data: a profile and its tables' titles.

A document is recognised by the titles it carries; adding a province's template is one entry in
TEMPLATES. Titles are written without the year ("预算收支总表" matches "2026年预算收支总表").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from app.inspect.pdfread import Document


@dataclass(frozen=True)
class Template:
    """A template: its profile id, its name in words, its tables' titles in order (table 1 first)."""

    profile: str
    name: str
    titles: tuple[str, ...]


SHANXI = Template("shanxi", "山西省部门预算公开（13张表）", (
    "预算收支总表",
    "预算收入总表",
    "预算支出总表",
    "财政拨款收支总表",
    "一般公共预算支出预算表（不含上年结转）",
    "一般公共预算安排基本支出分经济科目表（不含上年结转）",
    "政府性基金预算收入表（不含上年结转）",
    "政府性基金预算支出表（不含上年结转）",
    "国有资本经营预算收支预算表（不含上年结转）",
    "财政拨款安排“三公”经费支出预算表",
    "财政拨款安排机关运行经费预算表",
    "项目支出预算表（本年预算）",
    "项目支出预算表（上年结转）",
))

TEMPLATES: tuple[Template, ...] = (SHANXI,)


def normal(text: str) -> str:
    """A title compared loosely: no spaces, one kind of brackets and quotes."""
    text = re.sub(r"\s+", "", text)
    for a, b in (("(", "（"), (")", "）"), ('"', "“"), ("”", "“"), ("〝", "“"), ("〞", "“")):
        text = text.replace(a, b)
    return text


_TITLE_LINE = re.compile(r"^(?:(?:19|20)\d{2}\s*年(?:度)?)?(.+)$")


def title_of(line: str, template: Template) -> int | None:
    """The table number (1…) whose title the line is, or None. A 目录 line (dots, a page number)
    is not a title."""
    if "…" in line or "...." in line or "··" in line:
        return None
    m = _TITLE_LINE.match(normal(line))
    if not m:
        return None
    body = m.group(1)
    body = re.sub(r"^(?:预算公开表|表)[一二三四五六七八九十\d]+", "", body)
    body = re.sub(r"^(?:19|20)\d{2}\s*年(?:度)?", "", body)
    for number, title in enumerate(template.titles, 1):
        if body == normal(title):
            return number
    return None


def recognise(document: Document) -> tuple[Template | None, int]:
    """The template most of whose titles the document carries (at least half), and how many."""
    best: tuple[Template | None, int] = (None, 0)
    for template in TEMPLATES:
        found = {n for page in document.pages for line in page.lines
                 if (n := title_of(line, template)) is not None}
        if len(found) > best[1] and len(found) * 2 >= len(template.titles):
            best = (template, len(found))
    return best
