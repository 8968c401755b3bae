"""部门 wording in a 单位 document and 单位 wording in a 部门 document: the rule on a text, and
the check of a file (its own document and, when it publishes them, each unit's document).

A unit's document (单位预算公开) speaks of 本单位, 单位名称, 单位整体支出…; a department's of
本部门, 部门名称, 部门整体支出…. A department's document may speak of its units'
单位整体绩效目标. Names that are the same in both stay allowed: 主管部门,
财政部门, 部门预算经济分类 (a classification), 预算单位, 所属单位. The target forms are each
实施单位's own (本单位 there is that unit) and are not checked.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from app.checks import inspectors, places
from app.checks.textrules import Hit, excerpt
from app.compute.unitdoc import UNIT_KIND, unit_budgets
from app.compute.wording import unit_words
from app.core.findings import Finding, Location, Severity
from app.core.records import Budget

# a department's words, and a unit's (not: 主管部门, 财政部门…; 所属单位, 预算单位…)
_NOT_AFTER_DEPARTMENT = "".join(f"(?<!{w})" for w in ("主管", "财政", "职能", "有关", "相关", "各", "上级"))
_DEPARTMENT = re.compile(
    r"本部门|全部门|编制部门[:：]|" + _NOT_AFTER_DEPARTMENT
    + r"部门(?:名称[:：]|职责|概况|主要职能|机构设置|整体|收支|收入|支出(?!经济分类)|财务收支|财政拨款"
      r"|预算(?!经济分类|支出经济)|一般公共预算|政府性基金|国有资本|“三公”)")
_NOT_AFTER_UNIT = "".join(f"(?<!{w})" for w in ("所属", "下属", "预算", "各", "二级", "基层"))
_UNIT = re.compile(r"本单位|编制单位[:：]|" + _NOT_AFTER_UNIT
                   + r"单位(?:名称[:：]|职责|预算公开)")
_INSTEAD = (("本部门", "本单位"), ("全部门", "全单位"), ("编制部门", "编制单位"), ("部门", "单位"))


def _other(words: str, unit_document: bool) -> str:
    if unit_document:
        for department, unit in _INSTEAD:
            if words.startswith(department):
                return unit + words[len(department):]
    for department, unit in _INSTEAD:
        if words.startswith(unit):
            return department + words[len(unit):]
    return words


def kind_wording(text: str, kind: str) -> list[Hit]:
    """Where a 单位 document (kind 单位) uses 部门 wording, or a 部门 document 单位 wording — 错误."""
    unit_document = kind == UNIT_KIND
    pattern = _DEPARTMENT if unit_document else _UNIT
    own, other = ("单位", "部门") if unit_document else ("部门", "单位")
    hits = []
    for m in pattern.finditer(text):
        words = m.group().rstrip(":：")
        hits.append(Hit(m.start(), len(words), "kind-wording", Severity.ERROR,
                        f"{own}预算公开中用了{other}的说法“{words}”，应为“{_other(words, unit_document)}”："
                        f"{excerpt(text, m.start(), len(words))}"))
    return hits


def _texts(budget: Budget) -> Iterator[tuple[Location, str]]:
    """The file's own texts and its section templates, as its document prints them. The target
    forms are left out: each is its 实施单位's own form, where 本单位 is that unit."""
    for where, text in inspectors.written_texts(budget):
        if getattr(where, "func", None) not in (places.target, places.indicator):
            yield where(), text
    for use in budget.texts.function_uses:
        yield _use_place(use.function), use.use
    for template in budget.texts.templates:
        words = template.template
        yield (Location("texts", None, f"templates.{template.section}",
                        f"文字说明 第三部分“{template.section}”的模板"),
               unit_words(words) if budget.settings.kind == UNIT_KIND else words)


def _use_place(function: str, unit: str = "") -> Location:
    where = f"（{unit}的单位预算公开中）" if unit else ""
    return Location("texts", None, "function_uses", f"文字说明 功能科目{function}的“主要用于”{where}")


def _unit_texts(budget: Budget, unit: Budget, code: str) -> Iterator[tuple[Location, str]]:
    """A unit document's texts that the file holds: the unit's own (单位文字) and the department's
    texts it reprints in 单位 words."""
    index = next((i for i, t in enumerate(budget.texts.units) if t.unit == code), None)
    name = unit.department.name
    for field in ("duties", "organization", "reason_total", "reason_three_public", "reason_operating"):
        if index is not None:
            yield (Location("texts.units", index, field, f"单位文字「{name}」 {field}"),
                   getattr(budget.texts.units[index], field))
    for field in ("services_catalog", "other"):
        yield (Location("texts", None, field, f"文字说明 {field}（{name}的单位预算公开中）"),
               getattr(unit.texts, field))
    for template in budget.texts.templates:
        yield (Location("texts", None, f"templates.{template.section}",
                        f"文字说明 第三部分“{template.section}”的模板（{name}的单位预算公开中）"),
               unit_words(template.template))
    # the 主要用于 of the function 项 the unit spends on, printed as the file has them
    functions = {b.function for b in unit.basic_function} | {p.function for p in unit.projects}
    for use in unit.texts.function_uses:
        if use.function in functions:
            yield _use_place(use.function, name), use.use


def check_kind_wording(budget: Budget) -> list[Finding]:
    """部门 wording in a 单位 document and the reverse: in the file's own document and, when the
    file publishes unit documents, in each unit's."""
    found = [Finding(h.check, h.severity, h.message, where)
             for where, text in _texts(budget) for h in kind_wording(text, budget.settings.kind)]
    if budget.settings.unit_documents and budget.settings.kind != UNIT_KIND:
        for unit in unit_budgets(budget):
            code = unit.department.code
            found += [Finding(h.check, h.severity, f"{unit.department.name}的单位预算公开：{h.message}",
                              where)
                      for where, text in _unit_texts(budget, unit, code)
                      for h in kind_wording(text, UNIT_KIND)]
    return found


TITLES = {"kind-wording": "部门、单位的说法不混用"}
