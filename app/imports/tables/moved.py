"""The amounts the fit moved within their rounding, marked as guesses and named in the report.

A table in 万元 prints 10.50 for any amount from 104,950 to 105,049 元; where the tables' 尾差 can
only be reproduced by an amount other than the printed figure × 10000 (104,992 元), that amount
is not what the tables say but what the import chose. The officer meets a project's amount in
its target form's money and in `check`, so each moved amount of a list the window shows as a
grid (projects, 基本支出 by economic class, 三公经费) is marked as a guess there
("projects/3/amounts.general"), and the report names the projects' moved amounts, so the few the
budget system really holds in round figures can be typed back.

基本支出 by function is not marked: its lines are merged and spread over the units after the fit,
so their row numbers no longer hold (the report counts them with the rest); nor are the income
(one form, not a list of rows, in the window) and the 非税收入 lines (no grid of their own).
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from app.core.declarations import PROJECTS
from app.core.money import yuan_text
from app.core.records import Budget
from app.imports.tables.fit import Slot

# the lists whose row numbers the import keeps from the fit to the file, and their amount field
LISTS = ("basic_economic", "three_public")
NAMED = 10  # projects' moved amounts named in the report, at most (the rest counted)
LABELS = {d.path: d.label for d in PROJECTS}


def marks(moved: Sequence[Slot]) -> list[str]:
    """The guess marks (Location keys) of the moved amounts the window shows in its lists."""
    found = []
    for s in moved:
        if s.kind.startswith("projects."):
            found.append(f"projects/{s.index}/{s.kind.split('.', 1)[1]}.{s.field}")
        elif s.kind in LISTS:
            found.append(f"{s.kind}/{s.index}/{s.field}")
    return found


def named(budget: Budget, moved: Sequence[Slot]) -> str | None:
    """The report's line naming the projects' moved amounts (None when no project's moved)."""
    places = sorted((s for s in moved if s.kind.startswith("projects.")),
                    key=lambda s: (s.index, s.kind, s.field))
    if not places:
        return None
    parts = []
    for s in places[:NAMED]:
        project = budget.projects[s.index]
        path = f"{s.kind.split('.', 1)[1]}.{s.field}"
        amount: Decimal = getattr(getattr(project, path.split(".")[0]), s.field)
        parts.append(f"“{project.name}”{LABELS.get(path, path)} {yuan_text(amount)} 元")
    more = f"等 {len(places)} 个" if len(places) > NAMED else f"共 {len(places)} 个"
    return (f"其中项目金额：{'、'.join(parts)}{more}，已标为推测；预算系统中若是整数金额（如 "
            "10.50 万元即 105,000 元），请改回（与之相关的金额须一并调整，审核会指出）。")
