"""What replacing one budget by another changes, sheet by sheet of the data workbook."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

from app.core.datasheet import SHEETS, FieldSheet, ListSheet, pick
from app.core.records import Budget


@dataclass(frozen=True)
class Change:
    """One sheet's change: records added, changed and removed (for a field sheet: changed
    is the number of facts that differ)."""

    sheet: str
    added: int = 0
    changed: int = 0
    removed: int = 0

    def text(self) -> str:
        parts = [f"{word} {n}" for word, n in (("新增", self.added), ("修改", self.changed),
                                               ("删除", self.removed)) if n]
        return f"{self.sheet}：" + "，".join(parts)


def _records(budget: Budget, sheet: ListSheet) -> list[Any]:
    if sheet.group:  # a row per part of each record, under the record's key
        owners: tuple[Any, ...] = pick(budget, sheet.attr) or ()  # type: ignore[assignment]
        return [(tuple(pick(o, k) for k in sheet.key), part)
                for o in owners for part in getattr(o, sheet.group)]
    if not sheet.parent:
        records: tuple[Any, ...] = pick(budget, sheet.attr) or ()  # type: ignore[assignment]
        return list(records)
    parent = next(s for s in SHEETS if s.name == sheet.parent)
    if isinstance(parent, FieldSheet):  # the 部门整体 form's tasks and indicators
        form = budget.department_form
        return list(getattr(form, sheet.attr)) if form is not None else []
    rows: list[Any] = []
    for record in _records(budget, parent):
        key = tuple(pick(record, k) for k in sheet.key)
        rows += [(key, child) for child in getattr(record, sheet.attr)]
    return rows


def _row(sheet: ListSheet, record: Any) -> str:
    """A record as the sheet's columns show it (identities the workbook does not hold left out)."""
    key, record = record if (sheet.parent or sheet.group) and isinstance(record, tuple) \
        else ((), record)
    # a child sheet's first columns repeat its parent's key: they are not the record's own
    own = [f.path for f in sheet.columns if hasattr(record, f.path.split(".")[0])]
    return repr((key, tuple(pick(record, p) for p in own)))


def _list_change(before: Budget, after: Budget, sheet: ListSheet) -> Change:
    old = Counter(_row(sheet, r) for r in _records(before, sheet))
    new = Counter(_row(sheet, r) for r in _records(after, sheet))
    gone, came = sum((old - new).values()), sum((new - old).values())
    changed = min(gone, came)  # a record that differs in some fields counts as changed
    return Change(sheet.name, came - changed, changed, gone - changed)


def _field_change(before: Budget, after: Budget, sheet: FieldSheet) -> Change:
    changed = sum(1 for f in sheet.fields() if pick(before, f.path) != pick(after, f.path))
    return Change(sheet.name, changed=changed)


def changes(before: Budget, after: Budget) -> list[Change]:
    """The sheets whose content differs between before and after, in the workbook's order."""
    found = [(_list_change(before, after, s) if isinstance(s, ListSheet)
              else _field_change(before, after, s)) for s in SHEETS]
    return [c for c in found if c.added or c.changed or c.removed]


def summary(before: Budget, after: Budget) -> str:
    """The changes as lines for the user; a line saying so when nothing changes."""
    lines = [c.text() for c in changes(before, after)]
    return "\n".join(lines) if lines else "导入的内容与当前文件完全相同，没有变化。"
