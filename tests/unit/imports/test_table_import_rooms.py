"""The projects' rooms from the printed relations that do not depend on the function 项 (their
unit's rows in tables 12 and 13), and a 项's 上年结转 from two printed sums."""

from __future__ import annotations

from decimal import Decimal

from app.core.records import Unit, UnitKind
from app.imports.tables.locate import SourceRow
from app.imports.tables.sheet import Money
from app.imports.tables.units import Group, Line
from tests.helpers.rooms import carried, project_rooms, propagate

HALF = Decimal(50)


def line(name: str, **figures: str) -> Line:
    """A row of table 12 or 13 in 万元 with two decimals (each figure ±50 元)."""
    return Line(name, {k: Money(Decimal(v) * 10_000, HALF) for k, v in figures.items()},
                SourceRow([], [], 0))


def test_propagation_narrows_each_part_to_what_the_sum_leaves() -> None:
    bounds = [[Decimal(0), Decimal(10)], [Decimal(0), Decimal(10)]]
    assert propagate(bounds, [([0, 1], (Decimal(15), Decimal(16)))])
    assert bounds == [[5, 10], [5, 10]]
    assert not propagate([[Decimal(0), Decimal(1)]], [([0], (Decimal(2), Decimal(3)))])


def test_a_unit_row_leaves_a_project_room_on_one_side_only() -> None:
    """The generator's seed 1: 第26单位's 财政专户 587.82 万元 is 0526 (385.30) and 0226 (202.53),
    587.83 together, so each of them may only fall (by 1 to 50 元), never rise."""
    units = [Unit("001", "本级", UnitKind.ADMIN), Unit("002", "第26单位", UnitKind.INSTITUTION)]
    g12 = [Group("第26单位", [line("项目0526", total="385.30", special="385.30"),
                              line("项目0226", total="202.53", special="202.53")],
                 line("第26单位", total="587.82", special="587.82"))]
    rooms = project_rooms(units, g12, [], 2)
    assert rooms is not None
    assert rooms[0]["special"] == (Decimal(3_853_000 - 50), Decimal(3_853_000 - 1))
    assert rooms[1]["special"] == (Decimal(2_025_300 - 50), Decimal(2_025_300 - 1))
    assert "general" not in rooms[0]  # nothing narrower than its own rounding


def test_rows_that_cannot_hold_together_give_no_rooms() -> None:
    units = [Unit("001", "本级", UnitKind.ADMIN)]
    g12 = [Group("本级", [line("项目1", total="1.00", general="1.00")],
                 line("本级", total="1.05", general="1.05"))]
    assert project_rooms(units, g12, [], 1) is None


def test_a_carryover_lies_where_both_of_its_printed_sums_meet() -> None:
    """The generator's seed 1, 2101103: 表3 合计 7685.91 less 表2 本年收入 7636.37 is 49.54 (two
    roundings: 495,300–495,499 元) and table 2's column says 49.55 (495,450–495,549)."""
    def wan(v: str) -> Money:
        return Money(Decimal(v) * 10_000, HALF)

    assert carried(wan("7685.91"), wan("7636.37"), wan("49.55")) == (495_450, 495_499)
    assert carried(wan("7685.91"), wan("7636.37"), wan("49.60")) is None
