"""The outline of Shanghai's 部门 and 单位 documents and their texts by content key."""

from __future__ import annotations

from collections.abc import Sequence

from app.core.records import Budget
from app.profiles.outline import CONTENTS, PART, TABLE, TITLE_PAGE, Entry
from app.profiles.shanghai import narrative, other
from app.profiles.shanghai.narrative import Section
from app.profiles.shanghai.words import DEPARTMENT, TABLES, check_kind

# (content key, 目录 title with "{o}" for 部门/单位), in the template's order
PARTS = (
    ("duties", "{o}主要职能"),
    ("organization", "{o}机构设置"),
    ("glossary", "名词解释"),
    ("explanation", "{o}预算编制说明"),
    ("tables", "{o}预算表"),
    ("other", "其他相关情况说明"),
    ("projects", "项目经费情况说明"),
)


def title_lines(budget: Budget, kind: str = DEPARTMENT) -> tuple[str, str]:
    """"上海市普陀区2026年区级部门预算", "预算主管部门：上海市普陀区文化和旅游局"."""
    words = check_kind(kind)
    d = budget.department
    return (f"{d.region}{d.year}年{d.tier}{words.org}预算", f"{words.owner}：{d.name}")


def outline(budget: Budget, kind: str = DEPARTMENT) -> tuple[Entry, ...]:
    """Title page, 目录, the seven parts (一、…七、) with the 9 tables under 五、."""
    words = check_kind(kind)
    year = budget.department.year
    lines = title_lines(budget, kind)
    entries = [Entry(TITLE_PAGE, lines[0], lines=lines), Entry(CONTENTS, "目录")]
    for i, (content, pattern) in enumerate(PARTS, 1):
        if content == "projects" and (kind != DEPARTMENT or not budget.texts.project_notes):
            continue
        entries.append(Entry(PART, f"{'一二三四五六七'[i - 1]}、{pattern.format(o=words.org)}",
                             content))
        if content == "tables":
            entries += [Entry(TABLE, f"{n}. {words.title(year, key)}", level=2, key=key)
                        for n, (key, _) in enumerate(TABLES, 1)]
    return tuple(entries)


def texts(budget: Budget, kind: str = DEPARTMENT) -> dict[str, Sequence[Section]]:
    """The sections of each text part by its content key."""
    check_kind(kind)
    return {
        "duties": [narrative.duties(budget, kind)],
        "organization": [narrative.organization(budget, kind)],
        "glossary": [narrative.glossary(budget)],
        "explanation": [narrative.explanation(budget, kind)],
        "other": other.other_sections(budget, kind),
        "projects": narrative.project_notes(budget) if kind == DEPARTMENT else [],
    }
