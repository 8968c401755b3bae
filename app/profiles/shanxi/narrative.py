"""The text of the disclosure (第一、三、四部分) generated from a budget, as plain sections.

The PDF and the GUI's preview show exactly these sections. 第三部分 is printed from one
template per section (app/compute/wording.py, docs/文字模板.md) filled from the field catalog
(app/compute/textfields.py): every amount 万元 with separators, shares adding to 100.00%,
changes worded by their sign.
"""

from __future__ import annotations

from dataclasses import dataclass

from app.compute.figures import Chart, Figures
from app.compute.template import TemplateError, parse, render
from app.compute.textfields import Catalog, catalog, change, lines_of, resolver
from app.compute.wording import SECTIONS, UNIT_KIND, SectionDef, heading_of, template_of
from app.core.numerals import chinese
from app.core.records import Budget

__all__ = ["Section", "all_text", "change", "glossary", "overview", "part_titles", "sections"]

FORMS_AFTER = "10.2"  # the target forms are printed after this section


@dataclass(frozen=True)
class Section:
    """One heading and its paragraphs.

    Attributes: key (stable, e.g. "5.2"), heading, paragraphs, level (1 for 一、…, 2 for its
    sub-parts), chart (drawn after the paragraphs when charts are on), forms_follow (the
    target forms are printed after this section).
    """

    key: str
    heading: str
    paragraphs: tuple[str, ...]
    level: int = 1
    chart: Chart | None = None
    forms_follow: bool = False


def part_titles(budget: Budget) -> tuple[str, str, str, str]:
    """The titles of the four parts."""
    year, word = budget.department.year, document_word(budget)
    return ("第一部分 概况", f"第二部分 {year}年{word}预算报表",
            f"第三部分 {year}年度{word}预算情况说明", "第四部分 名词解释")


def document_word(budget: Budget) -> str:
    """"单位" in a unit's document (kind 单位), else "部门"."""
    return "单位" if budget.settings.kind == UNIT_KIND else "部门"


def document_title(budget: Budget) -> str:
    """The title page's title: "2026年度部门预算公开" (or 单位预算公开 for a unit)."""
    return f"{budget.department.year}年度{document_word(budget)}预算公开"


def overview(budget: Budget) -> list[Section]:
    """第一部分 概况: the department's own texts."""
    texts = budget.texts
    return [
        Section("1.1", f"一、本{document_word(budget)}职责", lines_of(texts.duties) or ("（未填写）",)),
        Section("1.2", "二、机构设置情况", lines_of(texts.organization) or ("（未填写）",)),
    ]


def glossary(budget: Budget) -> list[str]:
    """第四部分 名词解释: numbered paragraphs "一、term：definition"."""
    return [f"{chinese(i)}、{e.term}：{e.definition}"
            for i, e in enumerate(budget.texts.glossary, start=1)]


def render_section(d: SectionDef, fields: Catalog, template: str) -> tuple[str, ...]:
    """The paragraphs of one section from its template (one per line, blank lines dropped).

    A template that does not follow the grammar prints as written: the check names its fault.
    """
    try:
        text = render(parse(template), resolver(fields))
    except TemplateError:
        text = template
    return lines_of(text)


def sections(budget: Budget, fields: Catalog | None = None) -> list[Section]:
    """第三部分 情况说明, sections 一 to 十二 with their sub-parts, in order, from their templates."""
    f = Figures.of(budget)
    charts = f.charts() if budget.settings.charts else {}
    found = fields if fields is not None else catalog(budget, f)
    return [Section(d.key, heading_of(budget, d),
                    render_section(d, found, template_of(budget, d.key)), d.level,
                    charts.get(d.key), forms_follow=d.key == FORMS_AFTER)
            for d in SECTIONS]


def all_text(budget: Budget) -> list[str]:
    """Every heading and paragraph of 第三部分, in order (for searching and checking)."""
    return [t for s in sections(budget) for t in (s.heading, *s.paragraphs)]
