"""The units' own documents (单位预算公开) of a file: their checks, each naming its unit, and
their file names.

The checks run only when the file asks for unit documents (Settings.unit_documents): each
unit's document is reviewed as its template reviews any document, less what the department's
review already says, and the department's 三公, 政府采购 and 国有资产 must be the sums of
the units' where the units' figures are entered (each finding names the units and figures).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from app.compute.unitdoc import DEPARTMENT_KIND, unit_budget, unit_text
from app.compute.wording import unit_words
from app.core.findings import Finding, Location, Severity
from app.core.money import ZERO, wan_text
from app.core.records import VEHICLE_KINDS, Budget, ThreePublicItem
from app.profiles.review import review

CHECK_SUMS = "unit-sums"
TITLES = {CHECK_SUMS: "部门数等于所属单位数之和"}
FORBIDDEN = re.compile(r'[<>:"/\\|?*\x00-\x1f]')  # what a Windows file name may not hold


def wanted(budget: Budget) -> bool:
    """Whether the file publishes unit documents (and is a department's file)."""
    return budget.settings.unit_documents and budget.settings.kind == DEPARTMENT_KIND


# checks that look at the unit documents themselves (from the department's file) and whose
# messages quote the words as printed: not run again per unit, never reworded
SELF_WORDED = frozenset({"kind-wording"})


def unit_findings(budget: Budget, department: list[Finding] | None = None) -> list[Finding]:
    """The findings of every unit's document, each naming its unit; [] unless wanted.

    department: the department's own findings (found here when not given); a unit finding
    saying the same as one of them is left out.
    """
    if not wanted(budget):
        return []
    said = {(f.check, f.message) for f in (review(budget) if department is None else department)}
    found = _sums(budget)
    for index, unit in enumerate(budget.units):
        for f in review(unit_budget(budget, unit.code)):
            if (f.check, f.message) in said or f.check in SELF_WORDED:
                continue
            # the shared checks word their messages for a department: a unit's say 本单位
            place = Location("units", index, f"document.{f.location.key}",
                             f"单位“{unit.name}”的单位预算公开 {unit_words(f.location.label)}".rstrip())
            found.append(Finding(f.check, f.severity, f"单位“{unit.name}”：{unit_words(f.message)}",
                                 place))
    return found


@dataclass(frozen=True)
class Summed:
    """A department's figure that is the sum of its units': name (its place among the unit
    facts), label, one unit's figure, the department's, and how a figure is printed."""

    name: str
    label: str
    part: Callable[[Budget, str], Decimal]
    whole: Callable[[Budget], Decimal]
    shown: Callable[[Decimal], str]
    place: tuple[str, str] = ("texts", "")  # the department's figure: its step's form and field


def _money(amount: Decimal) -> str:
    return f"{wan_text(amount)}万元"


def _count(what: str) -> Callable[[Decimal], str]:
    return lambda amount: f"{amount.normalize():f}{what}"


def _text_of(name: str) -> Callable[[Budget, str], Decimal]:
    return lambda b, code: Decimal(getattr(unit_text(b, code), name))


def _three(item: ThreePublicItem) -> Callable[[Budget], Decimal]:
    return lambda b: sum((t.amount for t in b.three_public if t.item == item), ZERO)


def _bought(name: str) -> Callable[[Budget], Decimal]:
    return lambda b: Decimal(getattr(b.procurement, name))


def _cars(kind: str, which: str) -> Callable[[Budget, str], Decimal]:
    return lambda b, code: Decimal(sum(getattr(v, which) for v in b.texts.unit_vehicles
                                       if v.unit == code and v.kind == kind))


def _fleet(kind: str, which: str) -> Callable[[Budget], Decimal]:
    return lambda b: Decimal(sum(getattr(v, which) for v in b.assets.vehicles if v.kind == kind))


def _summed() -> tuple[Summed, ...]:
    three = ((ThreePublicItem.ABROAD, "abroad"), (ThreePublicItem.RECEPTION, "reception"),
             (ThreePublicItem.VEHICLE_PURCHASE, "vehicle_purchase"),
             (ThreePublicItem.VEHICLE_RUNNING, "vehicle_running"))
    buying = (("goods", "货物"), ("works", "工程"), ("services", "服务"))
    return (
        *(Summed(name, f"“三公”经费 {item.value}", _text_of(name), _three(item), _money,
                 ("three_public", "amount")) for item, name in three),
        *(Summed(name, f"政府采购 {label}", _text_of(name), _bought(name), _money,
                 ("procurement", name)) for name, label in buying),
        Summed("office_area", "国有资产 办公用房面积", _text_of("office_area"),
               lambda b: b.assets.office_area, _count("平方米"), ("assets", "office_area")),
        Summed("equipment_50", "国有资产 单位价值50万元以上通用设备", _text_of("equipment_50"),
               lambda b: Decimal(b.assets.equipment_50), _count("台（套）"), ("assets", "equipment_50")),
        Summed("equipment_100", "国有资产 单位价值100万元以上通用设备", _text_of("equipment_100"),
               lambda b: Decimal(b.assets.equipment_100), _count("台（套）"),
               ("assets", "equipment_100")),
        *(Summed(f"vehicles.{kind}.{which}", f"国有资产 {kind}{label}", _cars(kind, which),
                 _fleet(kind, which), _count("辆"), ("assets", f"vehicles.{i}.{which}"))
          for i, kind in enumerate(VEHICLE_KINDS)
          for which, label in (("quota", "编制数"), ("actual", "实有数"))),
    )


SUMMED = _summed()


def _sums(budget: Budget) -> list[Finding]:
    """Where the department's figure is not the sum of its units' (once any unit has one)."""
    found = []
    for s in SUMMED:
        parts = [(u.name, s.part(budget, u.code)) for u in budget.units]
        if not any(amount for _, amount in parts):
            continue
        summed = sum((amount for _, amount in parts), ZERO)
        whole = s.whole(budget)
        if summed != whole:
            listed = "、".join(f"“{name}”{s.shown(a)}" for name, a in parts if a)
            found.append(Finding(CHECK_SUMS, Severity.ERROR,
                                 f"部门的{s.label} {s.shown(whole)}，不等于所属单位之和 "
                                 f"{s.shown(summed)}（{listed}）。",
                                 Location(s.place[0], None, s.place[1], f"部门的{s.label}")))
    return found + _fleet_sums(budget)


def _fleet_sums(budget: Budget) -> list[Finding]:
    """Shanghai's 车辆 by category: the department's count of each is its units' sum (once any
    unit has a row)."""
    if not budget.texts.unit_fleets:
        return []
    kinds = dict.fromkeys([*(f.kind for f in budget.assets.fleet),
                           *(f.kind for f in budget.texts.unit_fleets)])
    names = {u.code: u.name for u in budget.units}
    found = []
    for kind in kinds:
        for which, label in (("held", "共有"), ("planned", "本年购置")):
            whole = sum(getattr(f, which) for f in budget.assets.fleet if f.kind == kind)
            parts = [(f.unit, getattr(f, which)) for f in budget.texts.unit_fleets if f.kind == kind]
            summed = sum(n for _, n in parts)
            if summed != whole:
                listed = "、".join(f"“{names.get(code, code)}”{n}辆" for code, n in parts if n)
                row = next((k for k, f in enumerate(budget.assets.fleet) if f.kind == kind), None)
                found.append(Finding(CHECK_SUMS, Severity.ERROR,
                                     f"部门的车辆“{kind}”{label} {whole}辆，不等于所属单位之和 "
                                     f"{summed}辆（{listed or '各单位均为 0'}）。",
                                     Location("assets", row, f"fleet.{which}" if row is not None
                                              else "fleet", f"部门的车辆“{kind}”{label}")))
    return found


def file_name(unit_name: str, year: int, suffix: str, taken: set[str]) -> str:
    """`单位名称-年度单位预算公开.pdf`: Windows-forbidden characters replaced by "_", a name
    already taken (case-insensitive) numbered "（2）", "（3）"…; the name is added to taken."""
    base = FORBIDDEN.sub("_", f"{unit_name}-{year}年度单位预算公开").strip(" .") or "单位"
    name, n = f"{base}{suffix}", 1
    while name.lower() in taken:
        n += 1
        name = f"{base}（{n}）{suffix}"
    taken.add(name.lower())
    return name
