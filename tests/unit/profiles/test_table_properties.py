"""Property tests: on random budgets every total is the exact sum of its rows."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from app.compute.tabledef import RowKind, Table
from app.core.money import ZERO, shares
from app.core.records import (
    SOURCES,
    BasicByEconomic,
    BasicByFunction,
    Budget,
    Department,
    Project,
    ProjectKind,
    Source,
    Split,
    Unit,
    UnitKind,
)
from app.profiles.shanxi.tables import build_tables
from tests.helpers.synthetic import balanced

CODES = ["2060101", "2060199", "2060301", "2080501", "2080505", "2101101", "2210201", "2059999"]
PAIRS = [("30101", "50101"), ("30201", "50201"), ("30201", "50502"), ("30302", "50905")]

amounts = st.decimals(min_value=0, max_value=10**9, places=2, allow_nan=False,
                      allow_infinity=False)
sources = st.sampled_from(SOURCES)
splits = st.builds(Split, amounts, amounts, amounts, amounts, amounts)
# made once, not on every draw: hypothesis validates and labels each new strategy (a third of
# this file's CPU, issue 21); the same choices give the same budgets
unit_kinds = st.sampled_from(tuple(UnitKind))
project_kinds = st.sampled_from(tuple(ProjectKind))
codes_of = {n: st.sampled_from([f"U{i}" for i in range(n)]) for n in range(1, 5)}
function_codes = st.sampled_from(CODES)
pairs = st.sampled_from(PAIRS)
carryovers = st.one_of(st.just(Split()), splits)


@st.composite
def budgets(draw: st.DrawFn) -> Budget:
    units = tuple(Unit(f"U{i}", f"单位{i}", draw(unit_kinds)) for i in range(draw(st.integers(1, 4))))
    unit = codes_of[len(units)]
    basic = tuple(BasicByFunction(draw(unit), draw(function_codes), draw(sources), draw(amounts))
                  for _ in range(draw(st.integers(0, 8))))
    economic = tuple(BasicByEconomic(draw(unit), *draw(pairs), draw(sources), draw(amounts))
                     for _ in range(draw(st.integers(0, 8))))
    projects = tuple(Project(draw(unit), f"项目{i}", draw(function_codes), draw(project_kinds),
                             draw(splits), draw(carryovers))
                     for i in range(draw(st.integers(0, 6))))
    return balanced(Budget(Department("测试部门", "1", 2026), units, basic_function=basic,
                           basic_economic=economic, projects=projects))


def money_sum(rows: list[tuple[Decimal | str | None, ...]], col: int) -> Decimal:
    return sum((r[col] for r in rows if isinstance(r[col], Decimal)), ZERO)


def check_function_tree(table: Table, first_money: int) -> None:
    """合计 = Σ 类; each 类 = Σ its 款; each 款 = Σ its 项 — in every money column."""
    body = [r for r in table.rows if r.kind != RowKind.TOTAL]
    top = table.rows[0].cells
    for col in range(first_money, len(table.columns)):
        assert top[col] == money_sum([r.cells for r in body if r.level == 1], col)
        for parent in body:
            code = str(parent.cells[0])
            children = [r.cells for r in body
                        if r.level == parent.level + 1 and str(r.cells[0]).startswith(code)]
            if children:
                assert parent.cells[col] == money_sum(children, col)


@settings(max_examples=60, deadline=None)
@given(budgets())
def test_every_total_is_the_exact_sum_of_its_rows(budget: Budget) -> None:
    tables = build_tables(budget)
    for number in (2, 3, 5, 8):
        check_function_tree(tables[number - 1], 2)
    # table 3: 合计 = 基本 + 项目 on every row
    for row in tables[2].rows:
        assert row.cells[2] == row.cells[3] + row.cells[4]  # type: ignore[operator]
    # table 6: 合计 = 人员 + 公用, and each class = Σ its pairs
    t6 = tables[5]
    assert t6.rows[0].cells[2] == money_sum([r.cells for r in t6.rows if r.level == 1], 2)
    # table 12: the department row = Σ unit rows = Σ project rows
    t12 = tables[11]
    for col in range(1, 7):
        dept = t12.rows[0].cells[col]
        assert dept == money_sum([r.cells for r in t12.rows if r.level == 1], col)
        assert dept == money_sum([r.cells for r in t12.rows if r.level == 2], col)


@settings(max_examples=60, deadline=None)
@given(budgets())
def test_tables_hold_each_other(budget: Budget) -> None:
    t1, _, t3, t4, t5, *_rest = build_tables(budget)
    t12, t13 = _rest[-2], _rest[-1]
    by_label = {r.cells[0]: r.cells for r in t1.rows}
    # 收入总计 = 支出总计 where the budget balances (income set equal to spending)
    assert by_label["收入总计"][1] == by_label["收入总计"][3] == t3.rows[0].cells[2]
    # table 3 = 基本 + 项目, its 项目 = table 12 (this year) + table 13 (上年结转, 财政拨款)
    carry_other = sum((p.carryover.special + p.carryover.unit for p in budget.projects), ZERO)
    assert t3.rows[0].cells[4] == t12.rows[0].cells[1] + t13.rows[0].cells[1] + carry_other  # type: ignore[operator]
    # table 5's 项目支出 = table 12's 一般公共预算 column
    assert t5.rows[0].cells[4] == t12.rows[0].cells[2]
    # table 4's 支出总计 = all 财政拨款 spending, this year and carried over
    fiscal = sum((p.amounts.fiscal + p.carryover.fiscal for p in budget.projects), ZERO) + sum(
        (b.amount for b in budget.basic_function if b.source.fiscal), ZERO)
    assert t4.rows[-1].cells[3] == fiscal


@given(st.lists(amounts, min_size=1, max_size=12))
def test_shares_add_up_to_exactly_100(parts: list[Decimal]) -> None:
    result = shares(parts)
    if sum(parts) == 0:
        assert all(s == 0 for s in result)
    else:
        assert sum(result) == Decimal("100.00")
        assert all(abs(s - p * 100 / sum(parts)) < Decimal("0.01") for s, p in zip(result, parts,
                                                                                   strict=True))


def test_shares_match_the_reference() -> None:
    """Section 五 of the reference: 0.10 + 89.73 + 6.12 + 1.79 + 2.26 = 100.00."""
    wan = [Decimal(x) for x in ("3.60", "3196.76", "217.95", "63.80", "80.46")]
    assert shares(wan) == [Decimal(x) for x in ("0.10", "89.73", "6.12", "1.79", "2.26")]


def test_source_of_carryover_only_project_is_in_table_13() -> None:
    budget = balanced(Budget(Department("部", "1", 2026), (Unit("U", "单位", UnitKind.ADMIN),),
                             projects=(Project("U", "结转项目", "2060199", ProjectKind.TARGETED,
                                               Split(), Split.of(Source.GENERAL,
                                                                 Decimal("12000000.00"))),)))
    tables = build_tables(budget)
    assert tables[11].empty and not tables[12].empty
    assert tables[12].texts()[-1] == ["结转项目", "1200.00", "1200.00", "", ""]
