"""Edits of one unit's own facts (单位预算公开): its UnitText fields and its 公务用车 by kind.

The window edits a unit's facts where it edits the department's (a unit picker on the step):
`UNIT_FIELD` maps the department's field to the unit's, `set_unit_fact` sets one, creating the
unit's record when it has none; `unit_cars` is the unit's 公务用车 list as a grid edits it.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any, TypeVar

from app.core.records import VEHICLE_KINDS, Budget, UnitFleet, UnitReasons, UnitText, UnitVehicles
from app.edits.editing import Collection

Row = TypeVar("Row", UnitVehicles, UnitFleet, UnitReasons)

# the department's field (a path into the Budget) → the same fact of a unit (a UnitText field)
UNIT_FIELD = {
    **{f"texts.{n}": n for n in ("duties", "organization", "reason_total", "reason_three_public",
                                 "reason_operating")},
    **{f"last_year.{n}": f"last_{n}" for n in ("total", "general", "operating", "abroad",
                                                "reception", "vehicle_purchase", "vehicle_running")},
    **{f"procurement.{n}": n for n in ("goods", "works", "services")},
    **{f"assets.{n}": n for n in ("office_area", "equipment_50", "equipment_100")},
}


def unit_fact(budget: Budget, code: str, name: str) -> Any:
    """The unit's value of UnitText field name (the default where it has no record)."""
    record = next((t for t in budget.texts.units if t.unit == code), UnitText(code))
    return getattr(record, name)


def set_unit_fact(budget: Budget, code: str, name: str, value: Any) -> Budget:
    """budget with the unit's UnitText field name set to value (its record added if missing)."""
    units = budget.texts.units
    if any(t.unit == code for t in units):
        units = tuple(replace(t, **{name: value}) if t.unit == code else t for t in units)
    else:
        units = (*units, replace(UnitText(code), **{name: value}))
    return replace(budget, texts=replace(budget.texts, units=units))


def cars_of(budget: Budget, code: str) -> tuple[UnitVehicles, ...]:
    """The unit's 公务用车 rows; every kind with none where it has no row yet."""
    rows = tuple(v for v in budget.texts.unit_vehicles if v.unit == code)
    return rows or tuple(UnitVehicles(code, k) for k in VEHICLE_KINDS)


def set_cars(budget: Budget, code: str, rows: tuple[UnitVehicles, ...]) -> Budget:
    """budget with the unit's 公务用车 replaced by rows (kept in the file's order of units)."""
    every = _with_rows(budget, budget.texts.unit_vehicles, code, rows)
    return replace(budget, texts=replace(budget.texts, unit_vehicles=every))


def fleet_of(budget: Budget, code: str) -> tuple[UnitFleet, ...]:
    """The unit's 车辆 by category (Shanghai); where it has no row, the department's categories
    with none yet."""
    rows = tuple(f for f in budget.texts.unit_fleets if f.unit == code)
    return rows or tuple(UnitFleet(code, f.kind) for f in budget.assets.fleet)


def set_fleet(budget: Budget, code: str, rows: tuple[UnitFleet, ...]) -> Budget:
    """budget with the unit's 车辆 replaced by rows (kept in the file's order of units)."""
    every = _with_rows(budget, budget.texts.unit_fleets, code, rows)
    return replace(budget, texts=replace(budget.texts, unit_fleets=every))


def _with_rows(budget: Budget, held: tuple[Row, ...], code: str, rows: tuple[Row, ...]
               ) -> tuple[Row, ...]:
    """held with the unit's rows replaced by rows, in the file's order of units."""
    every: list[Row] = [r for r in held if r.unit != code]
    every += [replace(r, unit=code) for r in rows]
    order = {u.code: i for i, u in enumerate(budget.units)}
    return tuple(sorted(every, key=lambda r: order.get(r.unit, len(order))))  # stable


def reasons_of(budget: Budget, code: str) -> UnitReasons:
    """The unit's "三公" reasons (Shanghai); none yet where it has no row."""
    return next((r for r in budget.texts.unit_reasons if r.unit == code), UnitReasons(code))


def set_unit_reason(budget: Budget, code: str, name: str, text: str) -> Budget:
    """budget with the unit's reason name (a ThreePublicReasons field) set to text."""
    mine = replace(reasons_of(budget, code), **{name: text})
    every = _with_rows(budget, budget.texts.unit_reasons, code, (mine,))
    return replace(budget, texts=replace(budget.texts, unit_reasons=every))


def unit_cars(code: str) -> Collection:
    """The unit's 公务用车 as a grid's collection."""
    return Collection("unit_vehicles", UnitVehicles, lambda b: cars_of(b, code),
                      lambda b, rows: set_cars(b, code, tuple(rows)))


def unit_fleet(code: str) -> Collection:
    """The unit's 车辆 by category (Shanghai) as a grid's collection."""
    return Collection("unit_fleets", UnitFleet, lambda b: fleet_of(b, code),
                      lambda b, rows: set_fleet(b, code, tuple(rows)))
