"""One unit's own budget (单位预算公开) cut from the department's file, from that unit's facts only.

`unit_budget(budget, code)` is a Budget whose department is the unit: its basic lines, its
projects and their target forms, its own texts and figures (Texts.units) and 国有资产 (with
Texts.unit_vehicles), income by source equal to its own spending by source (the file holds no
per-unit income), so each unit balances; its settings say kind 单位, which the profile's
tables and wording follow.
"""

from __future__ import annotations

from dataclasses import fields, replace
from decimal import Decimal

from app.compute.ledger import spending
from app.compute.wording import unit_words
from app.core.errors import UserError
from app.core.identity import option_matches
from app.core.money import ZERO
from app.core.records import (
    SOURCES,
    VEHICLE_KINDS,
    Assets,
    Budget,
    Department,
    Fleet,
    Income,
    LastYear,
    Performance,
    Procurement,
    Source,
    Split,
    ThreePublic,
    ThreePublicItem,
    ThreePublicReasons,
    Unit,
    UnitText,
    Vehicles,
)

UNIT_KIND = "单位"
DEPARTMENT_KIND = "部门"


def is_unit_document(budget: Budget) -> bool:
    """Whether budget is a unit's document (its settings say kind 单位)."""
    return budget.settings.kind == UNIT_KIND


def unit_text(budget: Budget, code: str) -> UnitText:
    """The unit's own facts (an empty record where the file has none)."""
    return next((t for t in budget.texts.units if t.unit == code), UnitText(code))


def find_unit(budget: Budget, name_or_code: str) -> Unit:
    """The unit with this code or name; a UserError listing the units otherwise."""
    wanted = name_or_code.strip()
    found = next((u for u in budget.units if u.code == wanted), None) or next(
        (u for u in budget.units if u.name == wanted), None)
    if found is None:
        known = "、".join(f"{u.code} {u.name}" for u in budget.units) or "（文件中没有单位）"
        raise UserError(f"文件中没有单位“{wanted}”。文件中的单位：{known}")
    return found


def _split(amounts: dict[Source, Decimal]) -> Split:
    return Split(*(amounts.get(s, ZERO) for s in SOURCES))


def _income(budget: Budget) -> Income:
    now: dict[Source, Decimal] = {}
    old: dict[Source, Decimal] = {}
    for line in spending(budget):
        into = old if line.carryover else now
        into[line.source] = into.get(line.source, ZERO) + line.amount
    return Income(_split(now), _split(old))


def _three_public(t: UnitText) -> tuple[ThreePublic, ...]:
    items = ((ThreePublicItem.ABROAD, t.abroad), (ThreePublicItem.RECEPTION, t.reception),
             (ThreePublicItem.VEHICLE_PURCHASE, t.vehicle_purchase),
             (ThreePublicItem.VEHICLE_RUNNING, t.vehicle_running))
    return tuple(ThreePublic(item, Source.GENERAL, amount) for item, amount in items if amount)


def unit_assets(budget: Budget, code: str) -> Assets:
    """The unit's 国有资产: its area and equipment (Texts.units), its cars by kind
    (Texts.unit_vehicles), every kind listed, none where it has no row, its 车辆 by category
    (Texts.unit_fleets, Shanghai), as of the department's date."""
    t = unit_text(budget, code)
    rows = {v.kind: v for v in budget.texts.unit_vehicles if v.unit == code}
    kinds = [*VEHICLE_KINDS, *(k for k in rows if k not in VEHICLE_KINDS)]
    vehicles = tuple(Vehicles(k, rows[k].quota, rows[k].actual) if k in rows else Vehicles(k)
                     for k in kinds)
    fleet = tuple(Fleet(f.kind, f.held, f.planned) for f in budget.texts.unit_fleets if f.unit == code)
    return Assets(vehicles=vehicles, office_area=t.office_area, equipment_50=t.equipment_50,
                  equipment_100=t.equipment_100, fleet=fleet, as_of=budget.assets.as_of)


def unit_reasons(budget: Budget, code: str) -> ThreePublicReasons:
    """The unit's own "三公" reasons (Texts.unit_reasons, Shanghai); none where it has no row: the
    department's reasons are of the department's figures."""
    row = next((r for r in budget.texts.unit_reasons if r.unit == code), None)
    if row is None:
        return ThreePublicReasons()
    return ThreePublicReasons(**{f.name: getattr(row, f.name) for f in fields(ThreePublicReasons)})


def unit_budget(budget: Budget, code: str) -> Budget:
    """The Budget of the unit with this code: its facts only, kind 单位."""
    unit = budget.unit(code)
    if unit is None:
        raise UserError(f"文件中没有编码为“{code}”的单位。")
    t = unit_text(budget, code)
    d = budget.department
    projects = tuple(p for p in budget.projects if p.unit == code)
    ids = {p.id for p in projects if p.id}
    names = {p.name for p in projects}
    targets = tuple(f for f in budget.targets
                    if (f.project_id and f.project_id in ids)
                    or (not f.project_id and f.unit == code and f.project in names))
    own = replace(budget, units=(unit,),
                  basic_function=tuple(b for b in budget.basic_function if b.unit == code),
                  basic_economic=tuple(b for b in budget.basic_economic if b.unit == code),
                  projects=projects)
    revenues = tuple(r for r in budget.revenues if _holds_all(budget, own, r.source))
    settings = replace(
        budget.settings, kind=UNIT_KIND, unit_documents=False,
        form_order=tuple(o for o in budget.settings.form_order
                         if any(option_matches(o, f) for f in targets)),
        forms=tuple(o for o in budget.settings.forms if any(option_matches(o, f) for f in targets)))
    texts = replace(budget.texts, duties=t.duties, organization=t.organization,
                    reason_total=t.reason_total, reason_three_public=t.reason_three_public,
                    reason_operating=t.reason_operating, units=(),
                    services_catalog=unit_words(budget.texts.services_catalog),
                    other=unit_words(budget.texts.other),
                    function_uses=tuple(replace(u, use=unit_words(u.use))
                                        for u in budget.texts.function_uses),
                    three_public_reasons=unit_reasons(budget, code))
    last = LastYear(total=t.last_total, general=t.last_general, operating=t.last_operating,
                    abroad=t.last_abroad, reception=t.last_reception,
                    vehicle_purchase=t.last_vehicle_purchase, vehicle_running=t.last_vehicle_running)
    return replace(
        own, department=Department(unit.name, unit.code, d.year, d.region, d.tier),
        income=_income(own), revenues=revenues, three_public=_three_public(t), last_year=last,
        procurement=Procurement(t.goods, t.works, t.services), assets=unit_assets(budget, code),
        texts=texts,
        performance=Performance(overall_reported=False, unit_count=1),
        targets=targets, department_form=None, acceptances=(), settings=settings)


def _holds_all(budget: Budget, own: Budget, source: Source) -> bool:
    """Whether the unit spends all of the department's money of source (its income by 收入分类)."""
    whole = sum((s.amount for s in spending(budget) if s.source == source), ZERO)
    mine = sum((s.amount for s in spending(own) if s.source == source), ZERO)
    return bool(whole) and whole == mine


def unit_budgets(budget: Budget) -> list[Budget]:
    """Every unit's Budget, in the file's order of units."""
    return [unit_budget(budget, u.code) for u in budget.units]
