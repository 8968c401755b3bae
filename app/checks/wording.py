"""Checks on the wording of 第三部分: template faults, figures typed by hand, what each section
must state, and a reason for every noticeable change on last year (the one place for that rule).
"""

from __future__ import annotations

import re
from decimal import Decimal

from app.checks import places
from app.compute.template import FORMS, Node, Probe, TemplateError, parse, refs, texts
from app.compute.textfields import Catalog, catalog, clean_reason
from app.compute.wording import BY_KEY, SECTIONS, SectionDef, section_def, stored, template_of
from app.core.findings import Finding, Location, error, hint
from app.core.records import Budget

NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")


def place(d: SectionDef) -> Location:
    return Location("texts", None, f"templates.{d.number}", f"文字说明 第三部分“{d.number}”的模板")


def trees(budget: Budget) -> list[tuple[SectionDef, tuple[Node, ...] | None, str]]:
    """Each section with its template in force parsed (None when it does not parse) and the fault."""
    found: list[tuple[SectionDef, tuple[Node, ...] | None, str]] = []
    for d in SECTIONS:
        try:
            found.append((d, parse(template_of(budget, d.key)), ""))
        except TemplateError as exc:
            found.append((d, None, str(exc)))
    return found


def names_of(tree: tuple[Node, ...]) -> set[str]:
    """Every field referred to, with its form ("三公.比上年") and without ("三公")."""
    out: set[str] = set()
    for r in refs(tree):
        for full in (r.names if isinstance(r, Probe) else (r.full,)):
            out.add(full)
            head, _, last = full.rpartition(".")
            if head and last in FORMS:
                out.add(head)
    return out


def check_template_fields(budget: Budget) -> list[Finding]:
    """Every template follows the grammar and names only fields of the catalog."""
    fields = catalog(budget)
    found = [error("template-fields",
                   f"文字模板的段落“{t.section}”不是第三部分的段落（应为如 七、五（二）、十1）",
                   Location("texts", None, "templates", "文字说明 文字模板"))
             for t in budget.texts.templates if section_def(t.section) is None]
    for d, tree, fault in trees(budget):
        if tree is None:
            found.append(error("template-fields", f"第三部分“{d.number}”的模板有误：{fault}", place(d)))
            continue
        for r in refs(tree):
            for name in (r.names if isinstance(r, Probe) else (r.full,)):
                head, _, last = name.rpartition(".")
                base, form = (head, last) if head and last in FORMS else (name, "")
                if base not in fields:
                    found.append(error("template-fields",
                                       f"第三部分“{d.number}”的模板用了未知字段 {{{base}}}", place(d)))
                elif form and fields[base].compare is None:
                    found.append(error("template-fields",
                                       f"第三部分“{d.number}”的模板中 {{{name}}}：字段“{base}”没有与上年"
                                       f"比较的数，不能用“.{form}”", place(d)))
    return found


def plain(number: str) -> Decimal:
    return Decimal(number.replace(",", ""))


def printed_numbers(fields: Catalog) -> set[Decimal]:
    """Every number any field prints, in any of its forms (values, changes, shares, counts)."""
    from app.compute.textfields import form_value

    out: set[Decimal] = set()
    for f in fields.values():
        for form in ("", *(("比上年", "上年") if f.compare else ())):
            text = form_value(f, form, "") or ""
            out.update(plain(n) for n in NUMBER.findall(text))
    return out


def wording_number(text: str, start: int, end: int) -> bool:
    """A year, a date, a section or list number: wording, not a figure."""
    after, before = text[end:end + 1], text[start - 1:start] if start else ""
    number = text[start:end]
    if (after in "年月日时、）)" and after) or before in "（(第":
        return True
    return bool(re.fullmatch(r"(19|20)\d\d", number))


def check_typed_figures(budget: Budget) -> list[Finding]:
    """A number typed in a template that matches no field's value: 数字未与报表关联 (提示)."""
    fields = catalog(budget)
    known = printed_numbers(fields)
    found = []
    for d, tree, _ in trees(budget):
        if tree is None or not stored(budget, d.key).strip():
            continue
        default = {plain(n) for n in NUMBER.findall(d.default)}
        for text in texts(tree):
            for m in NUMBER.finditer(text):
                value = plain(m.group())
                if wording_number(text, m.start(), m.end()) or value in default or value in known:
                    continue
                found.append(hint("typed-figure",
                                  f"数字未与报表关联：第三部分“{d.number}”的模板写了数字 {m.group()}，"
                                  "与报表中任何数都不相同；请改用字段（如 {收入总计}）。", place(d)))
    return found


# what each section must state: groups of fields, each group met by any one of them
REQUIRED: dict[str, tuple[tuple[str, tuple[str, ...]], ...]] = {
    "7": (("“三公”经费", ("三公",)),
          ("“三公”经费的增减", ("三公.比上年", "三公.比上年额", "三公.增减额")),
          ("“三公”经费增减的原因", ("三公.原因", "原因.三公")),
          ("公务用车购置费", ("三公.公务用车购置费",)),
          ("公务用车运行维护费", ("三公.公务用车运行维护费",))),
    "8": (("机关运行经费", ("机关运行经费",)),
          ("机关运行经费的增减", ("机关运行经费.比上年", "机关运行经费.比上年额", "机关运行经费.增减额")),
          ("机关运行经费增减的原因", ("机关运行经费.原因", "原因.机关运行经费"))),
    "9": (("政府采购预算总额", ("政府采购",)), ("政府采购货物预算", ("政府采购.货物",)),
          ("政府采购工程预算", ("政府采购.工程",)), ("政府采购服务预算", ("政府采购.服务",))),
    "11.1": (("公务用车编制数", ("公务用车.编制",)), ("公务用车实有数", ("公务用车.实有",))),
    "11.2": (("办公用房面积", ("办公用房面积",)),),
    "11.3": (("50万元以上通用设备", ("通用设备.50万元以上",)),
             ("100万元以上通用设备", ("通用设备.100万元以上",))),
}


def check_required(budget: Budget) -> list[Finding]:
    """三公 with its change and reason, 机关运行经费, 政府采购 and its parts, 国有资产: never left out."""
    found = []
    for d, tree, _ in trees(budget):
        if tree is None or d.key not in REQUIRED:
            continue
        names = names_of(tree)
        missing = [label for label, options in REQUIRED[d.key] if not names & set(options)]
        if missing:
            found.append(error("wording-required",
                               f"第三部分“{d.number}”的模板漏了规定要说明的内容：{'、'.join(missing)}。",
                               place(d)))
    return found


# the figures whose change needs a reason: field, its name in words, the section, the reason's field
REASONED = (("收入总计", "收入总计", "1", "reason_total"), ("支出总计", "支出总计", "1", "reason_total"),
            ("三公", "“三公”经费", "7", "reason_three_public"),
            ("三公.因公出国（境）费", "因公出国（境）费", "7", "reason_three_public"),
            ("三公.公务接待费", "公务接待费", "7", "reason_three_public"),
            ("三公.公务用车购置及运行费", "公务用车购置及运行费", "7", "reason_three_public"),
            ("机关运行经费", "机关运行经费", "8", "reason_operating"))


def check_change_reasons(budget: Budget) -> list[Finding]:
    """A change of the threshold (10%) or more on last year, or from zero, needs a reason: the
    reason written (punctuation alone is none), and printed by the section's template (a
    `.原因` of the group or the reason). A reason left empty is not told here: last-year and
    reason-texts tell it for any change, at the same place."""
    fields = catalog(budget)
    threshold = budget.settings.reason_threshold
    parsed = {d.key: tree for d, tree, _ in trees(budget)}
    found, seen = [], set()
    for name, words, key, attr in REASONED:
        c = fields[name].compare
        if c is None or not c.moved or c.before is None:
            continue
        rate = c.rate()
        if c.before != 0 and (rate is None or rate < threshold):
            continue
        written = getattr(budget.texts, attr)
        if not written.strip():
            # an empty reason is told at the same place by last-year and reason-texts, which
            # ask for one on any change: told again here, the officer read it twice
            continue
        tree = parsed.get(key)
        reason = clean_reason(written)
        group = {f"{n}.原因" for n, _, _, a in REASONED if a == attr} | {c.reason_name}
        stated = tree is not None and bool(names_of(tree) & group)
        number = BY_KEY[key].number
        field = attr if not reason else f"templates.{number}"
        if (reason and stated) or field in seen:
            continue
        seen.add(field)
        how = "比上年从0增加" if c.before == 0 else f"比上年变动{rate}%（达到{threshold.normalize():f}%）"
        what = "没有填写增减原因" if not reason else f"第三部分“{number}”的模板没有写出原因"
        at = places.single("texts", attr) if not reason else place(BY_KEY[key])
        found.append(error("change-reason", f"{words}{how}，但{what}。", at))
    return found
