"""The rules on a PDF's prose: the wording rules, the text's figures against the tables, 政府采购,
the target forms' money against the project table, and the 目录 against the pages."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from app.checks import kindwords, textrules
from app.compute.unitdoc import UNIT_KIND
from app.inspect.outcome import Outcome, Skip, wan
from app.inspect.pdfread import Document
from app.inspect.tabletext import TableText

_NUM = r"(-?\d[\d,]*(?:\.\d+)?)"
_TOC_LINE = re.compile(r"^(.*?)\s*[.…·]{4,}\s*(\d+)\s*$")


@dataclass(frozen=True)
class Prose:
    """The document's prose: one string per page (table lines and the 目录 left out)."""

    pages: tuple[tuple[int, str], ...]

    def search(self, pattern: re.Pattern[str]) -> Iterator[tuple[int, re.Match[str]]]:
        """The pattern's matches, page by page, in the text without its line breaks."""
        for page, text in self.pages:
            for m in pattern.finditer(text.replace("\n", "")):
                yield page, m


def prose(document: Document, tables: dict[str, TableText]) -> Prose:
    in_tables = {(r.page, r.line) for t in tables.values() for r in t.rows}
    in_tables |= {(p, line) for t in tables.values() for p, line in t.others}
    pages = []
    for page in document.pages:
        lines = [line for line in page.lines
                 if (page.number, line) not in in_tables and not _TOC_LINE.match(line)]
        # lines keep a break between them: a word repeated across two cells is not a repetition
        pages.append((page.number, "\n".join(line.strip() for line in lines)))
    return Prose(tuple(pages))


def wording(text: Prose, year: int, out: Outcome) -> None:
    for page, words in text.pages:
        for hit in textrules.all_hits(words, year):
            marked = words[hit.offset:hit.offset + max(hit.length, 1)]
            out.add(page, hit.severity, hit.check, hit.message, marked)


def budget_year(document: Document) -> int:
    """The budget year: the year most titles carry ("2026年预算收支总表", "2026年度部门预算")."""
    counts: dict[int, int] = {}
    for page in document.pages[:6]:
        for line in page.lines:
            for m in re.finditer(r"((?:19|20)\d{2})\s*年度?", line):
                counts[int(m.group(1))] = counts.get(int(m.group(1)), 0) + 1
    if not counts:
        raise Skip("读不出预算年度")
    return max(counts, key=lambda y: counts[y])


def _value(words: str) -> Decimal:
    return Decimal(words.replace(",", ""))


def text_figures(text: Prose, figures: dict[str, Decimal], out: Outcome,
                 patterns: Sequence[tuple[str, str, str]]) -> int:
    """Each figure the text states (the template's patterns: name, pattern, figure) equals the
    table's; returns how many were compared."""
    compared = 0
    for name, pattern, key in patterns:
        if key not in figures:
            continue
        for page, m in text.search(re.compile(pattern)):
            compared += 1
            if _value(m.group(1)) != figures[key]:
                out.error(page, "text-figures",
                          f"文字中{name} {m.group(1)}万元，而表中为 {wan(figures[key])}万元", m.group())
    if re.search("无“三公”经费", "".join(t for _, t in text.pages)) and figures.get("三公经费"):
        out.error(None, "text-figures",
                  f"文字说无“三公”经费，而“三公”经费表合计 {wan(figures['三公经费'])}万元")
    return compared


_PROCUREMENT = re.compile(rf"政府采购预算(?:总额)?\s*{_NUM}\s*万元[\s\S]{{0,10}}?"
                          rf"货物预算\s*{_NUM}\s*万元[\s\S]{{0,6}}?"
                          rf"工程预算\s*{_NUM}\s*万元[\s\S]{{0,6}}?服务预算\s*{_NUM}\s*万元")
_SME = re.compile(rf"(?:面向|预留(?:给)?)中小企业[^。]{{0,12}}?{_NUM}\s*万元")


def procurement(text: Prose, out: Outcome) -> None:
    found = list(text.search(_PROCUREMENT))
    if not found:
        raise Skip("未找到政府采购的文字（总额、货物、工程、服务）")
    for page, m in found:
        total, *parts = (_value(g) for g in m.groups())
        if sum(parts, Decimal(0)) != total:
            out.error(page, "procurement-text", f"政府采购预算总额 {m.group(1)}万元，而货物、工程、服务之和 "
                      f"{wan(sum(parts, Decimal(0)))}万元", m.group(1))
        for page2, sme in text.search(_SME):
            if _value(sme.group(1)) > total:
                out.error(page2, "procurement-text",
                          f"面向中小企业预留 {sme.group(1)}万元，超过政府采购预算总额 {m.group(1)}万元",
                          sme.group(1))


_CARS = re.compile(r"公务用车编制\s*(\d+)\s*辆[，,]\s*实有\s*(\d+)\s*辆[，,]\s*其中[:：]([^。]*)。")
_KIND_COUNT = re.compile(r"(\d+)\s*辆")


def assets(text: Prose, out: Outcome) -> None:
    """国有资产: the cars by kind add up to the 实有 the same sentence states."""
    found = list(text.search(_CARS))
    if not found:
        raise Skip("未找到公务用车的文字（编制、实有、其中各类）")
    for page, m in found:
        actual = int(m.group(2))
        kinds = sum(int(k) for k in _KIND_COUNT.findall(m.group(3)))
        if kinds != actual:
            out.error(page, "assets-pdf", f"公务用车实有 {actual} 辆，而其中各类相加为 {kinds} 辆",
                      m.group(2))


_FORM_NAME = re.compile(r"项目名称\s*(\S+?)\s*(?:主管部门|$)")
_FORM_LINE = re.compile(r"^\s*项目名称[ \t]*(\S+?)[ \t]*(?:主管部门.*)?$", re.M)
_ANNUAL = re.compile(r"年度资金总额[:：]?[ \t]*(\d[\d,]*(?:\.\d+)?)?(?![\d,.])")


def target_funds(document: Document, money: dict[str, set[Decimal]], out: Outcome) -> int:
    """Each target form's 年度资金总额 (元) rounds to its project's 合计 in the project table (万元).

    A page may hold the end of one form and the start of the next: each 项目名称 is paired with
    the first 年度资金总额 after it and before the next form's name."""
    checked, unreadable = 0, 0
    for page in document.pages:
        text = "\n".join(page.lines)
        starts = [m for m in _FORM_LINE.finditer(text)]
        for i, form in enumerate(starts):
            name = form.group(1)
            if name not in money:
                continue
            end = starts[i + 1].start() if i + 1 < len(starts) else len(text)
            annual = _ANNUAL.search(text, form.end(), end)
            if annual is None:
                continue
            if annual.group(1) is None:
                unreadable += 1  # the figure is not on its label's line (a wrapped cell)
                continue
            amount = (_value(annual.group(1)) / 10000).quantize(Decimal("0.01"), ROUND_HALF_UP)
            checked += 1
            if amount not in money[name]:
                printed = "、".join(wan(v) for v in sorted(money[name]))
                out.error(page.number, "target-funds",
                          f"「{name}」绩效目标表的年度资金总额 {annual.group(1)}元，"
                          f"而项目支出表中该项目为 {printed}万元", annual.group(1))
    lost = f"{unreadable} 张绩效目标表的年度资金总额读不出（数字不在标签所在行）"
    if not checked:
        raise Skip(lost if unreadable else "未找到与项目支出表中项目对应的绩效目标表")
    if unreadable:
        out.not_run.append(("target-funds", lost))
    return checked


def contents(document: Document, out: Outcome) -> None:
    """Each 目录 entry is on the page the 目录 gives (the printed page number)."""
    entries = [(page.number, m.group(1).strip(), int(m.group(2)))
               for page in document.pages[:4] for line in page.lines if (m := _TOC_LINE.match(line))]
    if not entries:
        raise Skip("未找到目录")
    by_label = {p.label: p for p in document.pages if p.label is not None}
    for toc_page, title, label in entries:
        target = by_label.get(label)
        key = re.sub(r"\s+", "", title)
        key = re.sub(r"^表[一二三四五六七八九十]+", "", key)
        # "一、部门主要职能" is headed "<the department's (unit's) name>主要职能"
        keys = {key, re.sub(r"^(?:[一二三四五六七八九十]+、|\d+[.．、])", "", key)}
        keys |= {k[2:] for k in keys if k.startswith(("部门", "单位")) and len(k) > 4}
        # a heading may wrap onto a second line: the page's first lines are read as one
        lines = [re.sub(r"\s+", "", line) for line in target.lines] if target else []
        lines.append("".join(lines[:8]))
        if target is None or not any(k in line for k in keys for line in lines):
            out.error(toc_page, "contents", f"目录“{title}”标注第{label}页，但该页没有这一标题", title)


_FORM_PAGE = re.compile(r"^\s*(?:项目名称|一级指标)|一级指标")
_UNIT_SIGNS = re.compile(r"单位预算公开|单位名称[:：]|编制单位[:：]|单位预算\s*$")
_DEPARTMENT_SIGNS = re.compile(r"部门预算公开|部门名称[:：]|编制部门[:：]|部门预算\s*$")


def document_kind(document: Document, kind: str = "") -> str:
    """部门 or 单位: the template's kind when its titles tell, else what the title page and the
    tables' 名称 lines say."""
    if kind:
        return kind
    lines = [line for page in document.pages for line in page.lines]
    first = document.pages[0].lines if document.pages else ()
    for signs, found in ((_UNIT_SIGNS, UNIT_KIND), (_DEPARTMENT_SIGNS, "部门")):
        if any(signs.search(line) for line in first):
            return found
    units = sum(bool(_UNIT_SIGNS.search(line)) for line in lines)
    departments = sum(bool(_DEPARTMENT_SIGNS.search(line)) for line in lines)
    if units == departments:
        raise Skip("看不出是部门还是单位的预算公开")
    return UNIT_KIND if units > departments else "部门"


def kind_wording(document: Document, kind: str, out: Outcome) -> None:
    """部门 wording in a 单位 document and the reverse, on every page but the target forms' (each
    the 实施单位's own form)."""
    for page in document.pages:
        if any(_FORM_PAGE.search(line) for line in page.lines):
            continue
        text = "".join(line.strip() for line in page.lines)
        for hit in kindwords.kind_wording(text, kind):
            marked = text[hit.offset:hit.offset + hit.length]
            out.add(page.number, hit.severity, hit.check, hit.message, marked)
