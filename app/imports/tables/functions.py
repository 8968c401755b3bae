"""Each project's function 项 from the income and spending tables' 项目支出 by function: HiGHS
up to SOLVER_PROJECTS projects, then the exact searches of `large` (the sparse dimensions
covered exactly, the rest packed), then the exhaustive search; beyond, `large` alone (the exact
searches, else the swap search)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import replace
from decimal import Decimal

from app.core.money import WAN, ZERO, round_wan
from app.core.records import Project, Split
from app.imports.tables import packing
from app.imports.tables.assign import Dimension, assign
from app.imports.tables.large import by_exact, by_swaps
from app.imports.tables.mend import mend
from app.imports.tables.report import Report
from app.imports.tables.rooms import RoomsLater
from app.imports.tables.targets import (
    DIMENSIONS,
    PROJECT_FIGURES,
    Target,
    eligible,
    eligible_money,
    matches,
    slack,
    take,
    vector,
)
from app.profiles.shanxi import imports as sx

SEARCH_LIMIT = 100_000
CANDIDATES = 20
SOLVER_PROJECTS = 200  # beyond, the solver's tree is too wide for the time it has
EXACT_FIRST = 100  # beyond, the exact searches are tried before the solver

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
                     guessed: set[int] | None = None, rooms: RoomsLater | None = None,
                     unmet: set[str] | None = None) -> list[Project]:
    """Each project's function 项, from the 项目支出 of each function 项 in tables 2, 3, 5, 8, 9;
    guessed gets the indices of the projects whose 项 the figures leave open (all, when the
    function cannot be told at all); rooms: how far each project's money may lie from its
    figures, by its unit's rows (`rooms.project_rooms`, called when the exact cover needs them);
    unmet gets the 项 whose projects, as placed by a search that found no answer, do not give
    their figures within the rounding (their differences are the placing's, not the tables')."""
    guessed = set() if guessed is None else guessed
    unmet = set() if unmet is None else unmet
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
    found, closest = search_all(projects, ordered, half, rooms)
    # tables in 元 to the 分: the exact searches refuse such amounts. Searched in 百元, the
    # answer misplaces a few projects (the greedy one most); exchanges of a few between 项
    # then meet each to the 分 (`mend`)
    coarse = None if found is not None else in_hundreds(projects, ordered)
    if coarse is not None:
        near = search(*coarse, None)
        exact = None if near is None else mend(projects, ordered, near, half)
        if exact is not None:
            found = (exact, {t.code for t in ordered})
        elif near is not None:
            closest = near
    if found is None:
        chosen = closest if closest is not None else greedy(projects, ordered, half)
        unmet.update(t.code for t in ordered
                     if not matches([p for i, p in enumerate(projects) if chosen.get(i) == t.code],
                                    t, half))
        # first of what was guessed when it misses: it is what the rebuilt tables' differences
        # come from (the window's summary shows each part's first lines)
        report.assumptions.insert(0 if unmet else len(report.assumptions), unplaced(
            len(ordered), [title(c) for c in sorted(unmet)], not report.disagreements))
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


def unplaced(count: int, missed: list[str], agree: bool) -> str:
    """The report's line for an assignment the searches found no answer for: which of the count
    项 its projects miss (their tables rebuilt differ from the workbook's because of it); agree:
    whether the tables' totals agreed with each other (then the misses are the placing's)."""
    if not missed:
        return ("按各功能科目的项目支出金额，没能唯一地把项目分到功能科目（项目多、金额组合多），"
                "下面的分法是推测，请逐项核对每个项目的功能科目。")
    shown = "、".join(missed[:5]) + (f" 等 {len(missed)} 个科目" if len(missed) > 5 else " ")
    return (f"没能找到使 {count} 个功能科目的项目支出都与原表一致的分法（项目多、金额组合多，程序在限定"
            f"时间内没有找到）。下面是最接近的分法，已标为推测：其中功能科目 {shown}记入的项目支出与原表"
            f"对不上，重建的{sx.name(sx.INCOME)}、{sx.name(sx.SPENDING)}等按功能科目列示的表因此与原表不同"
            + ("；原表各表的合计彼此一致，差异来自程序的分法，不是原表的错" if agree else "")
            + "。请按预算系统逐项核对这些科目的项目的功能科目，改正后这些表即与原表一致。")


def search_all(projects: list[Project], ordered: list[Target], half: Decimal,
               rooms: RoomsLater | None
               ) -> tuple[tuple[dict[int, str], set[str]] | None, dict[int, str] | None]:
    """The assignment by the searches in turn (see the module), with the functions where
    another was possible; else None, and the closest assignment the swap search found."""
    closest: dict[int, str] | None = None
    if len(projects) > SOLVER_PROJECTS:  # too wide for the solver and the exhaustive search
        found, closest = by_swaps(projects, ordered, half, rooms)
    else:
        found = None
        # the exact searches first where they are quicker than the solver (many projects), and
        # where many projects share each 项: there the solver's first answer that meets every
        # 项 within the rounding is often not the department's own, and the amounts then
        # cannot meet every table (60 projects in 2 to 8 项: 21 of 40 generated departments
        # exact with the solver first, 31 with the exact searches first)
        exact_first = len(projects) > EXACT_FIRST or len(projects) >= packing.DENSE * len(ordered)
        if exact_first:
            exact = by_exact(projects, ordered, half, rooms)
            found = (exact, {t.code for t in ordered}) if exact is not None else None
        if found is None:
            found = once(by_solver, projects, ordered, half)
        if found is None and not exact_first:  # sparse dimensions defeat the
            exact = by_exact(projects, ordered, half, rooms)  # solver's branching: cover them
            found = (exact, {t.code for t in ordered}) if exact is not None else None
        if found is None:
            found = once(partition, projects, ordered, half)
    return found, closest


Placing = tuple[dict[int, str], set[str]] | None
Search = Callable[[list[Project], list[Target], Decimal], Placing]
Kept = dict[tuple[object, ...], Placing]
_KEPT: ContextVar[Kept | None] = ContextVar("kept_placings", default=None)


@contextmanager
def kept_answers(store: Kept) -> Iterator[None]:
    """Within it, the solver's and the exhaustive search's answers are kept in store and
    worked out once for the same projects and 项 (`once`): the importer gives each of one
    import's tries the same store."""
    token = _KEPT.set(store)
    try:
        yield
    finally:
        _KEPT.reset(token)


def once(search: Search, projects: list[Project], ordered: list[Target], half: Decimal
         ) -> Placing:
    """search's answer, kept within `kept_answers` for the same projects and 项: the solver
    and the exhaustive search are bounded by counts, not time, and use no seed, so each of the
    importer's tries (another order of the packings, `packing.variant`) got the same answer
    again at the same cost (120 projects in 6 项 in 元: 2.4 s a try, 11 tries)."""
    kept = _KEPT.get()
    if kept is None:
        return search(projects, ordered, half)
    key = (search, tuple(projects), half, tuple(
        (t.code, tuple(t.figures.items()), t.half, t.carried) for t in ordered))
    if key not in kept:
        kept[key] = search(projects, ordered, half)
    found = kept[key]
    return None if found is None else (dict(found[0]), set(found[1]))


def search(projects: list[Project], ordered: list[Target], half: Decimal,
           rooms: RoomsLater | None) -> dict[int, str] | None:
    """An assignment the searches find (exactly or the closest), or None."""
    found, closest = search_all(projects, ordered, half, rooms)
    return found[0] if found is not None else closest


def in_hundreds(projects: list[Project], ordered: list[Target]
                ) -> tuple[list[Project], list[Target], Decimal] | None:
    """The projects and targets in whole 百元 (each amount and figure rounded half-up, a half
    of 50 元: as a table in 万元 prints them) where some amount has 分; else None."""
    def whole(v: Decimal) -> bool:
        return v == v.to_integral_value()

    if all(whole(v) for p in projects for v in vector(p).values()) and all(
            w is None or whole(w) for t in ordered for w in t.figures.values()):
        return None
    def rounded(v: Decimal) -> Decimal:
        return round_wan(v) * WAN

    def split(s: Split) -> Split:
        return Split(rounded(s.general), rounded(s.fund), rounded(s.capital), rounded(s.special),
                     rounded(s.unit))

    half = Decimal(50)
    return ([replace(p, amounts=split(p.amounts), carryover=split(p.carryover))
             for p in projects],
            [Target(t.code, {d: None if w is None else rounded(w) for d, w in t.figures.items()},
                    half) for t in ordered], half)


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

    fits = [[eligible_money(v, t, half) for t in ordered] for v in vectors]
    found = assign(projects, len(ordered), lambda p, t: fits[p][t], rows)
    if found is None:
        return None
    chosen = {p: ordered[t].code for p, t in found[0].items()}
    for t in ordered:
        if not matches([projects[p] for p, c in chosen.items() if c == t.code], t, half):
            return None
    return chosen, {chosen[p] for p in found[1]}
