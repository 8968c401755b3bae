"""Figures of the Shanxi template's tables that must agree though they come from different facts.

Where two tables print the same amount of the same facts (the summary's 类 against the spending
table's), the
fit finds any disagreement by itself; these are the relations between different facts:
income against spending, 基本支出 by function against by economic class, projects against
the function tables.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from app.core.money import ZERO
from app.core.records import FISCAL, SOURCES
from app.imports.tables.locate import SourceRow, SourceTable
from app.imports.tables.mapping import label
from app.imports.tables.report import Report, figure_in
from app.imports.tables.units import SOURCE_KEYS
from app.profiles.shanxi import imports as sx

TOTALS = ("合计", "部门合计", "总计")


@dataclass(frozen=True)
class Figure:
    """A printed figure (or a sum of several) with the place it was read, its rounding and
    its table's unit (scale 10000 for 万元, 1 for 元: a sum of tables in both, 1)."""

    yuan: Decimal
    half: Decimal
    place: str
    scale: Decimal = Decimal(1)


def figure(table: SourceTable | None, row: SourceRow | None, key: str) -> Figure | None:
    if table is None or row is None:
        return None
    m = table.money(row, key)
    return Figure(m.yuan if m else ZERO, m.half if m else ZERO,
                  f"{sx.name(table.key)} {table.place(row, key)}", table.scale)


def added(figures: Sequence[Figure | None]) -> Figure | None:
    if any(f is None for f in figures):
        return None
    present = [f for f in figures if f is not None]
    scales = {f.scale for f in present}
    return Figure(sum((f.yuan for f in present), ZERO), sum((f.half for f in present), ZERO),
                  "＋".join(f.place for f in present),
                  scales.pop() if len(scales) == 1 else Decimal(1))


def first_row(table: SourceTable | None, names: Sequence[str] = TOTALS,
              key: str | None = None) -> SourceRow | None:
    """The first row whose label (in key's column, else any text column) is one of names."""
    if table is None:
        return None
    for r in table.rows:
        texts = [table.text(r, key)] if key else [v for v in r.values if isinstance(v, str)]
        if any(label(t) in names for t in texts if t):
            return r
    return None


def agree(a: Figure, b: Figure) -> bool:
    """Whether two printed figures can be roundings of one exact amount."""
    return abs(a.yuan - b.yuan) < a.half + b.half or a.yuan == b.yuan


def check(report: Report, what: str, a: Figure | None, b: Figure | None) -> None:
    if a is not None and b is not None and not agree(a, b):
        report.disagreements.append(
            f"{what}：{a.place} 为 {figure_in(a.yuan, a.scale)}，{b.place} 为 "
            f"{figure_in(b.yuan, b.scale)}，应当相等。")


def cross_check(tables: dict[str, SourceTable], report: Report) -> None:
    """The relations between tables that the fit cannot see, each disagreement reported."""
    t1, t2, t3, t4, t5, t6 = (tables.get(k) for k in (sx.SUMMARY, sx.INCOME, sx.SPENDING,
                                                       sx.FISCAL, sx.GENERAL, sx.ECONOMIC))
    t12, t13 = tables.get(sx.PROJECTS), tables.get(sx.CARRIED)
    total2 = first_row(t2)
    for i, src in enumerate(SOURCES):
        row = first_row(t1, (("一般公共预算", "政府性基金预算", "国有资本经营预算", "财政专户管理资金",
                              "单位资金")[i],), "income_item")
        check(report, f"本年{src.value}收入与支出", figure(t1, row, "income"),
              figure(t2, total2, SOURCE_KEYS[src]))
    check(report, "上年结转收入与支出", figure(t1, first_row(t1, ("上年结转",), "income_item"), "income"),
          figure(t2, total2, "carryover"))
    income_total = figure(t1, first_row(t1, ("收入总计",), "income_item"), "income")
    spend_total = figure(t1, first_row(t1, ("支出总计",), "item"), "total")
    check(report, f"{sx.name(sx.SUMMARY)}收入总计与支出总计", income_total, spend_total)
    if t4 is not None and t13 is not None:
        carry = first_row(t4, ("上年财政拨款结转",), "income_item")
        rows = t4.rows[t4.rows.index(carry) + 1:] if carry else []
        dept13 = t13.rows[0] if t13.rows else None
        for src in FISCAL:
            row = next((r for r in rows if label(t4.text(r, "income_item")) == src.value), None)
            check(report, f"上年结转（{src.value}）与上年结转项目",
                  figure(t4, row, "income"), figure(t13, dept13, SOURCE_KEYS[src]))
    basic5 = figure(t5, first_row(t5), "basic")
    basic3 = figure(t3, first_row(t3), "basic")
    total6 = figure(t6, first_row(t6, key="dept"), "total")
    if basic5 is not None:
        same = basic3 is not None and agree(basic3, basic5) and basic3.yuan == basic5.yuan
        check(report, f"一般公共预算基本支出（{sx.name(sx.SPENDING)}、{sx.name(sx.GENERAL)}）"
              f"与经济分类合计（{sx.name(sx.ECONOMIC)}）" if same
              else "一般公共预算基本支出与经济分类合计", basic5, total6)
    else:
        check(report, "基本支出与经济分类合计", basic3, total6)
    dept12 = t12.rows[0] if t12 is not None and t12.rows else None
    dept13 = t13.rows[0] if t13 is not None and t13.rows else None
    projects = added([figure(t12, dept12, "total"), figure(t13, dept13, "total")]
                     if t13 is not None else [figure(t12, dept12, "total")])
    check(report, f"项目支出（{sx.name(sx.SPENDING)}）与项目支出预算表（{sx.name(sx.PROJECTS)}、"
          f"{sx.name(sx.CARRIED)}）", figure(t3, first_row(t3), "project"),
          projects)
