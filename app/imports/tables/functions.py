"""Each project's function 项 from the income and spending tables' 项目支出 by function: HiGHS
up to SOLVER_PROJECTS projects, the exhaustive search after it; beyond, the sparse dimensions
covered exactly first (`cover`), then the exact packing where it applies, else the swap search."""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal

from app.core.money import ZERO
from app.core.records import Project
from app.imports.tables import packing, swaps
from app.imports.tables.assign import Dimension, assign
from app.imports.tables.locate import SourceRow, SourceTable
from app.imports.tables.report import Report
from app.profiles.shanxi import imports as sx

SEARCH_LIMIT = 100_000
CANDIDATES = 20
SOLVER_PROJECTS = 200  # beyond, the solver's tree is too wide for the time it has
SWAP_SECONDS = 3.0
PACKING_SECONDS = 3.0


# the figures of a project matched against a function 项: this year's money by source
# (tables 5, 8 and 9 give 一般公共预算, 政府性基金 and 国有资本经营 per function), the other
# sources together, and 上年结转 (table 2)
# (or, when one of those tables is missing, this year's money as a whole)
DIMENSIONS = ("general", "fund", "capital", "other", "now", "carry")
# and, where 基本支出 has no 财政专户 or 单位资金 money, the income table's split of the other
# sources by function (targets carry them then; the swap search and the solver skip them)
SPLIT = ("special", "unit")


@dataclass
class Target:
    """A function 项 with project money: its figures by dimension (None: no table gives it),
    with the rounding of each."""

    code: str
    figures: dict[str, Decimal | None]
    half: Decimal

    @property
    def total(self) -> Decimal:
        return sum((v for v in self.figures.values() if v is not None), ZERO)


# how many printed figures each dimension adds up: a function's (other = the spending table's
# figure less four others)
# and a project's (other = 财政专户管理资金 + 单位资金)
TARGET_FIGURES = {"general": 1, "fund": 1, "capital": 1, "other": 5, "now": 2, "carry": 1,
                  "special": 1, "unit": 1}
PROJECT_FIGURES = {"general": 1, "fund": 1, "capital": 1, "other": 2, "now": 5, "carry": 3,
                   "special": 1, "unit": 1}


def slack(target: Target, dim: str, count: int, half: Decimal) -> Decimal:
    """How far count projects' money may lie from the target in dim, by rounding alone."""
    return half * (TARGET_FIGURES[dim] + PROJECT_FIGURES[dim] * count) + target.half


def vector(p: Project) -> dict[str, Decimal]:
    a = p.amounts
    return {"general": a.general, "fund": a.fund, "capital": a.capital,
            "other": a.special + a.unit, "now": a.total, "carry": p.carryover.total,
            "special": a.special, "unit": a.unit}


def split_other(targets: list[Target], income: SourceTable | None,
                rows: dict[str, SourceRow], half: Decimal) -> list[Target]:
    """The targets with the income table's 财政专户管理资金 and 单位资金 by function added, when
    in every 项 they are the projects' (they add up to the 项's other sources within the
    rounding, so 基本支出 has none of them); else the targets as they are."""
    if income is None or not targets:
        return targets
    added = []
    for t in targets:
        other, row = t.figures.get("other"), rows.get(t.code)
        if other is None or row is None:
            return targets
        special, unit = income.money(row, "special"), income.money(row, "unit")
        parts = {"special": special.yuan if special else ZERO, "unit": unit.yuan if unit else ZERO}
        if abs(sum(parts.values(), ZERO) - other) > half * (TARGET_FIGURES["other"] + 2):
            return targets
        added.append(Target(t.code, {**t.figures, **parts}, t.half))
    return added


def matches(projects: list[Project], target: Target, half: Decimal) -> bool:
    """Whether the projects' money together is the target's, within the rounding."""
    return all(abs(sum((vector(p)[d] for p in projects), ZERO) - w)
               <= slack(target, d, len(projects), half)
               for d, w in target.figures.items() if w is not None)


def candidates(projects: list[Project], target: Target, half: Decimal,
               steps: list[int]) -> list[list[int]]:
    """Sets of project indices whose money matches the target in every dimension: the fewest
    projects first, the closest first among as many; at most CANDIDATES of them."""
    dims = [d for d in DIMENSIONS if target.figures[d] is not None]
    want = [target.figures[d] or ZERO for d in dims]
    vectors = [[vector(p)[d] for d in dims] for p in projects]
    order = sorted(range(len(projects)), key=lambda i: -sum(vectors[i]))

    def walk(pos: int, sums: list[Decimal], chosen: list[int], size: int,
             found: list[list[int]]) -> None:
        steps[0] -= 1
        if len(found) >= CANDIDATES or steps[0] <= 0:
            return
        room = [slack(target, d, len(chosen), half) for d in dims]
        if len(chosen) == size:
            if all(abs(s - w) <= r for s, w, r in zip(sums, want, room, strict=True)):
                found.append(sorted(chosen))
            return
        for k in range(pos, len(order)):
            i = order[k]
            new = [s + v for s, v in zip(sums, vectors[i], strict=True)]
            if any(s - r - half * 5 > w for s, w, r in zip(new, want, room, strict=True)):
                continue
            chosen.append(i)
            walk(k + 1, new, chosen, size, found)
            chosen.pop()
            if len(found) >= CANDIDATES or steps[0] <= 0:
                return

    def deviation(members: list[int]) -> Decimal:
        return sum((abs(sum((vectors[i][d] for i in members), ZERO) - want[d])
                    for d in range(len(dims))), ZERO)

    result: list[list[int]] = []
    for size in range(1, len(projects) + 1):
        found: list[list[int]] = []
        walk(0, [ZERO] * len(dims), [], size, found)
        result += sorted(found, key=deviation)
        if len(result) >= CANDIDATES or steps[0] <= 0:
            break
    return result[:CANDIDATES]


def eligible(project: Project, target: Target, half: Decimal) -> bool:
    """Whether the project can belong to the function: it has money only where the function
    has, and no more than the function has."""
    money = vector(project)
    return all(w is None or (money[d] <= w + slack(target, d, 1, half)
                             and (not money[d] or w > slack(target, d, 0, half)))
               for d, w in target.figures.items())


def take(target: Target, project: Project, half: Decimal) -> Target:
    """The target less a project's money (its rounding added to the target's)."""
    money = vector(project)
    figures = {d: None if w is None else w - money[d] for d, w in target.figures.items()}
    return Target(target.code, figures, target.half + half * 3)


def partition(projects: list[Project], ordered: list[Target], half: Decimal
              ) -> tuple[dict[int, str], set[str]] | None:
    """Each project's function such that every function's projects match its figures; and the
    functions where another choice was possible too. None when none is found in the limit.

    Projects that fit one function only go there first (which narrows the rest); then the
    functions with the fewest possible projects are matched first, a choice taken back when a
    later function cannot be matched.
    """
    chosen: dict[int, str] = {}
    targets = {t.code: t for t in ordered}
    free = set(range(len(projects)))
    while True:
        forced = []
        for i in sorted(free):
            fits = [c for c, t in targets.items() if eligible(projects[i], t, half)]
            if not fits:
                return None
            if len(fits) == 1:
                forced.append((i, fits[0]))
        if not forced or len(targets) == 1:
            break
        for i, code in forced:
            chosen[i] = code
            targets[code] = take(targets[code], projects[i], half)
            free.discard(i)
    steps = [SEARCH_LIMIT]
    doubtful: set[str] = set()

    def solve(left: list[Target], free: list[int]) -> dict[int, str] | None:
        if len(left) == 1:
            rest = [projects[i] for i in free]
            done = left[0]
            fits = matches(rest, done, half) if rest else matches([], done, half)
            return {i: done.code for i in free} if fits else None
        pool = {t.code: [i for i in free if eligible(projects[i], t, half)] for t in left}
        target = min(left[:-1], key=lambda t: (len(pool[t.code]), t.total))
        others = [t for t in left if t is not target]
        if matches([], target, half):
            return solve(others, free)
        options = candidates([projects[i] for i in pool[target.code]], target, half, steps)
        for option in options:
            members = {pool[target.code][m] for m in option}
            found = solve(others, [i for i in free if i not in members])
            if found is not None:
                if sum(1 for o in options if len(o) == len(option)) > 1:
                    doubtful.add(target.code)  # as few other projects would match as well
                return {**found, **{i: target.code for i in members}}
            if steps[0] <= 0:
                return None
        return None

    left = sorted(targets.values(), key=lambda t: t.total)
    result = solve(left, sorted(free))
    return None if result is None else ({**chosen, **result}, doubtful)


def greedy(projects: list[Project], ordered: list[Target], half: Decimal) -> dict[int, str]:
    """A quick assignment when the full search gives up: each function in turn (smallest first)
    takes the closest fitting projects found, the largest takes the rest."""
    chosen: dict[int, str] = {}
    steps = [SEARCH_LIMIT]
    for target in ordered[:-1]:
        free = [i for i in range(len(projects))
                if i not in chosen and eligible(projects[i], target, half)]
        options = candidates([projects[i] for i in free], target, half, steps)
        for m in options[0] if options else []:
            chosen[free[m]] = target.code
        steps[0] = max(steps[0], SEARCH_LIMIT // 10)
    return {i: chosen.get(i, ordered[-1].code) for i in range(len(projects))}


def assign_functions(projects: list[Project], targets: list[Target], half: Decimal,
                     names: dict[str, str], report: Report,
                     guessed: set[int] | None = None) -> list[Project]:
    """Each project's function 项, from the 项目支出 of each function 项 in tables 2, 3, 5, 8, 9;
    guessed gets the indices of the projects whose 项 the figures leave open (all, when the
    function cannot be told at all)."""
    guessed = set() if guessed is None else guessed
    guessed.update(range(len(projects)))
    if not projects:
        return projects
    if not targets:
        report.assumptions.append(f"项目的功能科目：{sx.name(sx.SPENDING)}中没有项目支出，无法推定，请为每个项目选择功能科目。")
        return projects
    ordered = sorted(targets, key=lambda t: t.total)

    def title(code: str) -> str:
        return f"{code} {names.get(code, '')}".strip()

    if len(ordered) == 1:
        report.assumptions.append(
            f"{sx.name(sx.SPENDING)}中只有功能科目 {title(ordered[0].code)} 有项目支出，全部项目记入该科目。")
        guessed.clear()
        return [replace(p, function=ordered[0].code) for p in projects]
    closest: dict[int, str] | None = None
    if len(projects) > SOLVER_PROJECTS:  # too wide for the solver and the exhaustive search
        found, closest = by_swaps(projects, ordered, half)
    else:
        found = by_solver(projects, ordered, half)
        if found is None:
            found = partition(projects, ordered, half)
    if found is None:
        chosen = closest if closest is not None else greedy(projects, ordered, half)
        report.assumptions.append(
            "按各功能科目的项目支出金额，没能唯一地把项目分到功能科目（项目多、金额组合多，或各表"
            "不一致），下面的分法是推测，请逐项核对每个项目的功能科目。")
        doubtful = {t.code for t in ordered}
    else:
        chosen, doubtful = found
    guessed.clear()
    for target in ordered:
        members = [projects[i].name for i in sorted(chosen) if chosen[i] == target.code]
        listed = "、".join(members)
        if target.code in doubtful:
            guessed.update(i for i in chosen if chosen[i] == target.code)
            report.assumptions.append(
                f"功能科目 {title(target.code)} 的项目支出可以由不止一种项目组合凑成，"
                f"暂按 {listed} 记入，请核对。")
        else:
            report.assumptions.append(f"按金额推定功能科目 {title(target.code)} 的项目：{listed}。")
    return [replace(p, function=chosen[i]) for i, p in enumerate(projects)]


def by_solver(projects: list[Project], ordered: list[Target], half: Decimal
              ) -> tuple[dict[int, str], set[str]] | None:
    """The assignment by the mixed-integer solver (`assign`), checked exactly; the functions
    some of whose projects another assignment would place elsewhere."""
    vectors = [vector(p) for p in projects]

    def rows(t: int) -> list[Dimension]:
        target = ordered[t]
        return [(float(w), float(slack(target, d, 0, half)), float(half * PROJECT_FIGURES[d]),
                 [float(v[d]) for v in vectors])
                for d, w in target.figures.items() if w is not None]

    fits = [[eligible(p, t, half) for t in ordered] for p in projects]
    found = assign(projects, len(ordered), lambda p, t: fits[p][t], rows)
    if found is None:
        return None
    chosen = {p: ordered[t].code for p, t in found[0].items()}
    for t in ordered:
        if not matches([projects[p] for p, c in chosen.items() if c == t.code], t, half):
            return None
    return chosen, {chosen[p] for p in found[1]}


def by_swaps(projects: list[Project], ordered: list[Target], half: Decimal
             ) -> tuple[tuple[dict[int, str], set[str]] | None, dict[int, str] | None]:
    """The assignment by the swap search (`swaps`), for departments too large for the solver,
    checked exactly (with that many projects any 项 could take other ones); else the closest
    assignment it found, or None."""
    def spread(p: Project) -> list[float]:
        a, c = p.amounts, p.carryover
        printed = {"general": [a.general], "fund": [a.fund], "capital": [a.capital],
                   "other": [a.special, a.unit],
                   "now": [a.general, a.fund, a.capital, a.special, a.unit],
                   "carry": [c.general, c.fund, c.capital, c.special, c.unit]}
        return [float(half) * sum(1 for v in printed[d] if v) for d in DIMENSIONS]

    fits = [[eligible(p, t, half) for t in ordered] for p in projects]
    packed = by_packing(projects, ordered, half, fits, [spread(p) for p in projects])
    if packed is not None:
        return (packed, {t.code for t in ordered}), None
    values = [[float(vector(p)[d]) for d in DIMENSIONS] for p in projects]
    wanted = [[None if t.figures[d] is None else float(t.figures[d] or 0) for d in DIMENSIONS]
              for t in ordered]
    fixed = [[float(slack(t, d, 0, half)) for d in DIMENSIONS] for t in ordered]
    answer = swaps.solve(values, [spread(p) for p in projects], wanted, fixed, fits, SWAP_SECONDS)
    if answer is None:
        return None, None
    chosen = {p: ordered[t].code for p, t in enumerate(answer[0])}
    if answer[1] and all(matches([projects[p] for p, c in chosen.items() if c == t.code], t, half)
                         for t in ordered):
        return (chosen, {t.code for t in ordered}), None
    return None, chosen


def by_packing(projects: list[Project], ordered: list[Target], half: Decimal,
               fits: list[list[bool]], spread: list[list[float]]) -> dict[int, str] | None:
    """The assignment by exact subset sums dimension by dimension (`packing`), checked exactly;
    None when the figures are not whole 元 or no answer is found in time. Where the targets
    split the other sources, those two dimensions are packed instead of their sum."""
    split = all("special" in t.figures for t in ordered)
    dims = (*DIMENSIONS, *SPLIT) if split else DIMENSIONS

    def whole(v: Decimal) -> int | None:
        return int(v) if v == v.to_integral_value() else None

    def wanted(t: Target, d: str) -> Decimal | None:
        return None if split and d == "other" else t.figures.get(d)

    values = [[whole(vector(p)[d]) for d in dims] for p in projects]
    targets = [[None if wanted(t, d) is None else whole(wanted(t, d) or ZERO) for d in dims]
               for t in ordered]
    if any(v is None for row in values for v in row) or any(
            wanted(t, d) is not None and w is None
            for t, row in zip(ordered, targets, strict=True) for d, w in zip(dims, row,
                                                                            strict=True)):
        return None
    fixed = [[int(slack(t, d, 0, half)) for d in dims] for t in ordered]
    rounding = [[int(row[DIMENSIONS.index(d)]) if d in DIMENSIONS
                 else int(half) if vector(p)[d] else 0 for d in dims]
                for p, row in zip(projects, spread, strict=True)]
    answer = packing.solve([[v or 0 for v in row] for row in values], rounding, targets, fixed,
                           fits, PACKING_SECONDS)
    if answer is None:
        return None
    chosen = {p: ordered[t].code for p, t in enumerate(answer)}
    if all(matches([projects[p] for p, c in chosen.items() if c == t.code], t, half)
           for t in ordered):
        return chosen
    return None
