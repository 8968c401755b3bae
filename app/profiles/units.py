"""The units' own documents (单位预算公开) of a file: their checks, each naming its unit, and
their file names.

The checks run only when the file asks for unit documents (Settings.unit_documents): each
unit's document is reviewed as its template reviews any document, less what the department's
review already says, and the department's 三公 and 政府采购 must be the sums of the units'
where the units' figures are entered.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import Decimal

from app.compute.unitdoc import DEPARTMENT_KIND, unit_budget, unit_text
from app.compute.wording import unit_words
from app.core.findings import Finding, Location, Severity
from app.core.money import ZERO, wan_text
from app.core.records import Budget, ThreePublicItem, UnitText
from app.profiles.review import review

CHECK_SUMS = "unit-sums"
TITLES = {CHECK_SUMS: "部门数等于所属单位数之和"}
FORBIDDEN = re.compile(r'[<>:"/\\|?*\x00-\x1f]')  # what a Windows file name may not hold


def wanted(budget: Budget) -> bool:
    """Whether the file publishes unit documents (and is a department's file)."""
    return budget.settings.unit_documents and budget.settings.kind == DEPARTMENT_KIND


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
            if (f.check, f.message) in said:
                continue
            # the shared checks word their messages for a department: a unit's say 本单位
            place = Location("units", index, f"document.{f.location.key}",
                             f"单位“{unit.name}”的单位预算公开 {unit_words(f.location.label)}".rstrip())
            found.append(Finding(f.check, f.severity, f"单位“{unit.name}”：{unit_words(f.message)}",
                                 place))
    return found


_SUMMED: tuple[tuple[str, str, Callable[[Budget], Decimal]], ...] = (
    ("abroad", "“三公”经费 因公出国（境）费", lambda b: _item(b, ThreePublicItem.ABROAD)),
    ("reception", "“三公”经费 公务接待费", lambda b: _item(b, ThreePublicItem.RECEPTION)),
    ("vehicle_purchase", "“三公”经费 公务用车购置费",
     lambda b: _item(b, ThreePublicItem.VEHICLE_PURCHASE)),
    ("vehicle_running", "“三公”经费 公务用车运行维护费",
     lambda b: _item(b, ThreePublicItem.VEHICLE_RUNNING)),
    ("goods", "政府采购 货物", lambda b: b.procurement.goods),
    ("works", "政府采购 工程", lambda b: b.procurement.works),
    ("services", "政府采购 服务", lambda b: b.procurement.services),
)


def _item(budget: Budget, item: ThreePublicItem) -> Decimal:
    return sum((t.amount for t in budget.three_public if t.item == item), ZERO)


def _sums(budget: Budget) -> list[Finding]:
    """Where the department's figure is not the sum of its units' (once any unit has one)."""
    texts = [unit_text(budget, u.code) for u in budget.units]
    names = {u.code: u.name for u in budget.units}
    found = []
    for name, label, whole in _SUMMED:
        parts: list[tuple[UnitText, Decimal]] = [(t, getattr(t, name)) for t in texts]
        if not any(amount for _, amount in parts):
            continue
        summed = sum((amount for _, amount in parts), ZERO)
        if summed != whole(budget):
            listed = "、".join(f"“{names[t.unit]}”{wan_text(a)}万元" for t, a in parts if a)
            found.append(Finding(CHECK_SUMS, Severity.ERROR,
                                 f"部门的{label} {wan_text(whole(budget))}万元，不等于所属单位之和 "
                                 f"{wan_text(summed)}万元（{listed}）。",
                                 Location("texts", None, f"units.{name}", f"单位文字 {label}")))
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
