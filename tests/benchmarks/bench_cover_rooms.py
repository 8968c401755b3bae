"""Benchmark: the cover of the function 项 testing its sets against one-sided rooms (`rooms`),
on the generator's default department (100 units, 1,000 projects, every source over 45 项).

A measurement of a proposed change to the cover (cover.py is not changed): each set of projects
the cover lists for a bin, and accepts by its symmetric room (±50 元 a project), is also tested
against each project's bounds from its unit's rows (`rooms.project_rooms`) and, with --carry,
each 项's 上年结转 bounds from 表3 合计 − 表2 本年收入 (`rooms.carried`): the projects' lower
bounds together may not pass the bin's upper one in any dimension the set brings money to, nor
their upper bounds fall short of its lower one in the dimension covered. With --groups, each
set the cover's search chooses (and what its last bins get) is also tested against its 款's
printed figures (tables 2, 5, 8, 9): the 项's bounds, each the projects' within the 项's own,
added up over the 款. The cover's own amounts, rounding and search are as they are.

Run: python tests/benchmarks/bench_cover_rooms.py [--plain] [--carry] [--groups] [seed …]
  (seeds 1–4 by default); --plain: the import as it is, for comparison
"""

from __future__ import annotations

import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from app.imports.tables import cover, large, mapping
from app.imports.tables.importer import import_tables
from app.profiles.shanxi import imports as sx
from app.profiles.shanxi.tables import build_tables
from tests.helpers import rooms
from tests.helpers.synthetic import generate
from tests.helpers.table_workbook import write_workbook

SEEN: dict[str, Any] = {}  # what the import passed on: rooms, 上年结转 bounds, the 项's order
CUT = [0]  # sets the rooms took away
WITH_CARRY = [False]  # whether the 上年结转 bounds are used (--carry)
UNCHAINED = [False]  # whether the cover runs without Cover.chain (--groups: `closing` is the older close)


def caught_projects(units: Any, g12: Any, g13: Any, *rest: Any) -> Any:
    found = MAKE_PROJECTS(units, g12, g13, *rest)
    SEEN["rooms"] = rooms.project_rooms(units, g12, g13, len(found))
    return found


def caught_targets(self: Any) -> Any:
    found = PROJECT_TARGETS(self)
    spending = mapping.function_rows(self.t.get(sx.SPENDING))
    income = mapping.function_rows(self.t.get(sx.INCOME))
    SEEN["carry"] = {t.code: rooms.carried(self.t[sx.SPENDING].money(spending[t.code].row, "total"),
                                           self.t[sx.INCOME].money(income[t.code].row, "total"),
                                           self.t[sx.INCOME].money(income[t.code].row, "carryover"))
                     for t in found if t.code in spending and t.code in income}
    groups: dict[tuple[str, str], rooms.Bounds] = {}
    for d, (table, column) in GROUP_FIGURES.items():
        rows = mapping.function_rows(self.t.get(table))
        for code, row in rows.items():
            if len(code) == GROUP_CODE:
                groups[code, d] = rooms.printed(self.t[table].money(row.row, column))
    SEEN["groups"] = groups
    return found


GROUP_FIGURES = {"general": (sx.GENERAL, "project"), "fund": (sx.FUND, "project"),
                 "capital": (sx.CAPITAL, "project"), "carry": (sx.INCOME, "carryover"),
                 "special": (sx.INCOME, "special"), "unit": (sx.INCOME, "unit")}
GROUP_CODE = 5  # a 款's code: 3 of its 类 and 2 of its own


def caught_cover(projects: Any, ordered: Any, half: Any, fits: Any, spread: Any,
                 rooms: Any = None) -> Any:
    """by_cover, with the bounds of its dimensions laid out for the cover's test."""
    split = all("special" in t.figures for t in ordered)
    dims = [d for d in ((*large.DIMENSIONS, *large.SPLIT) if split else large.DIMENSIONS)
            if not (split and d == "other")]
    found = SEEN.get("rooms")
    lo, hi = [], []
    for n, p in enumerate(projects):
        money = large.vector(p)
        rounding = [float(spread[n][large.DIMENSIONS.index(d)]) if d in large.DIMENSIONS
                    else float(half) if money[d] else 0.0 for d in dims]
        room = found[n] if found is not None else {}
        lo.append([int(room[d][0]) if d in room else int(money[d] - int(r))
                   for d, r in zip(dims, rounding, strict=True)])
        hi.append([int(room[d][1]) if d in room else int(money[d] + int(r))
                   for d, r in zip(dims, rounding, strict=True)])
    carry = SEEN.get("carry", {}) if WITH_CARRY[0] else {}
    SEEN["bounds"] = lo, hi, {(t, dims.index("carry")): carry[o.code]
                              for t, o in enumerate(ordered) if carry.get(o.code)}
    groups = SEEN.get("groups", {})
    SEEN["group"] = [o.code[:GROUP_CODE] for o in ordered]
    SEEN["group_bounds"] = {(g, k): groups[g, d] for g in set(SEEN["group"])
                            for k, d in enumerate(dims) if (g, d) in groups}
    return BY_COVER(projects, ordered, half, fits, spread, rooms)


def started(self: cover.Cover, *args: Any, **kwargs: Any) -> None:
    INIT(self, *args, **kwargs)
    dims = len(self.v[0]) if self.v else 0
    self.low = [[0] * dims for _ in self.w]  # type: ignore[attr-defined]
    self.high = [[0] * dims for _ in self.w]  # type: ignore[attr-defined]
    self.chosen = {}  # type: ignore[attr-defined]  # by dimension and bin: the chosen sets' lo, hi
    if UNCHAINED[0]:
        self.chained = False


def group_holds(self: Any, t: int, d: int, members: Sequence[int], others: Any, rest: Any
                ) -> bool:
    """Whether the 款 of bin t can still hold its printed figures with members added: the lower
    bounds of every project placed or chosen in its 项 within the 款's upper bound in every
    dimension they bring money to, and once every 项 of the 款 with a figure in d is closed, the
    upper bounds up to its lower bound."""
    lo, hi, _ = SEEN["bounds"]
    group, bounds = SEEN["group"], SEEN["group_bounds"]
    g = group[t]
    bins = [b for b in range(len(self.w)) if group[b] == g]
    for k in range(len(self.w[t])):
        brought = [p for p in members if self.v[p][k]]
        if (g, k) not in bounds or (k != d and not brought):
            continue
        low = {b: self.low[b][k] for b in bins}
        high = {b: self.high[b][k] for b in bins}
        for b, (add_lo, add_hi) in self.chosen.get(k, {}).items():
            if b in low:
                low[b] += add_lo
                high[b] += add_hi
        low[t] += sum(lo[p][k] for p in brought)
        high[t] += sum(hi[p][k] for p in brought)
        if sum(max(low[b], bin_bounds(self, b, k)[0]) for b in bins) > bounds[g, k][1]:
            return False
        closed = not any(b in others or b in rest.bins for b in bins if self.w[b][d] is not None)
        if k == d and closed and sum(min(high[b], bin_bounds(self, b, k)[1])
                                     for b in bins) < bounds[g, k][0]:
            return False
    return True


def all_held(self: Any, d: int, filled: dict[int, list[int]]) -> bool:
    """Whether every 款 holds its figure in d once the last bins take what rest.fill gave them
    (every 项 of the dimension is closed then)."""
    lo, hi, _ = SEEN["bounds"]
    group, bounds = SEEN["group"], SEEN["group_bounds"]
    for g in {group[t] for t in filled}:
        if (g, d) not in bounds:
            continue
        bins = [b for b in range(len(self.w)) if group[b] == g]
        low, high = {b: self.low[b][d] for b in bins}, {b: self.high[b][d] for b in bins}
        for b, (add_lo, add_hi) in self.chosen.get(d, {}).items():
            if b in low:
                low[b] += add_lo
                high[b] += add_hi
        for t, members in filled.items():
            if group[t] == g:
                low[t] += sum(lo[p][d] for p in members)
                high[t] += sum(hi[p][d] for p in members)
        # each 项's money lies within its own figure's bounds too
        most = sum(min(high[b], bin_bounds(self, b, d)[1]) for b in bins)
        least = sum(max(low[b], bin_bounds(self, b, d)[0]) for b in bins)
        if least > bounds[g, d][1] or most < bounds[g, d][0]:
            return False
    return True


def bin_bounds(self: Any, t: int, d: int) -> tuple[int, int]:
    """Bin (t, d)'s bounds in 元: its figure ± its rounding, within any other printed sum."""
    if self.w[t][d] is None:
        return 0, 0
    middle, rounding = self.w[t][d] * self.unit(d), self.f[t][d]
    bottom, top = SEEN["bounds"][2].get((t, d), (middle - rounding, middle + rounding))
    return max(bottom, middle - rounding), min(top, middle + rounding)


def pend(self: Any, t: int, members: Sequence[int], sign: int) -> None:
    """The chosen set of bin t (sign 1) or its undoing (−1) in the sums by dimension and bin."""
    lo, hi, _ = SEEN["bounds"]
    for k in range(len(self.w[t])):
        brought = [p for p in members if self.v[p][k]]
        if brought:
            low, high = self.chosen.setdefault(k, {}).get(t, (0, 0))
            self.chosen[k][t] = (low + sign * sum(lo[p][k] for p in brought),
                                 high + sign * sum(hi[p][k] for p in brought))


def closing(self: Any, lists: dict[int, list[Any]], used: int, rest: Any, need: int
            ) -> dict[int, list[int]] | None:
    """Cover.close as it was before `Cover.chain` (round 7; it hands no answer to `accept`, so
    the cover runs unchained with it), each chosen set also tested by group_holds."""
    if not lists:
        filled = rest.fill(used)
        if filled is not None and not all_held(self, rest.d, filled):
            CUT[0] += 1
            return None
        return filled  # type: ignore[no-any-return]
    if abs(need) > rest.reach + sum(max(abs(s[2]) for s in sets) for sets in lists.values()):
        return None
    rng = self.rng
    if rng is None:
        t = min(lists, key=lambda b: (len(lists[b]), b))
    else:
        fewest = min(len(sets) for sets in lists.values())
        t = rng.choice(sorted(b for b, sets in lists.items() if len(sets) == fewest))
    others = {b: c for b, c in lists.items() if b != t}
    share = len(lists) + len(rest.bins)
    ordered = sorted(lists[t], key=lambda s: (len(s[1]), abs(s[2] * share - need)))
    if rng is not None:
        ordered.sort(key=lambda s: (len(s[1]),
                                    abs(s[2] * share - need) * (1 + cover.JITTER * rng.random())))
    for mask, chosen, dev in ordered:
        narrowed: dict[int, list[Any]] = {}
        cost = 0
        for b, sets in others.items():
            kept = [s for s in sets if not s[0] & mask]
            cost += len(sets)
            if not kept:
                break
            narrowed[b] = kept
        self.spend(cost + 1)
        if len(narrowed) < len(others):
            continue
        members = [rest.items[i] for i in chosen]
        if not group_holds(self, t, rest.d, members, others, rest):
            CUT[0] += 1
            continue
        pend(self, t, members, 1)
        try:
            found = closing(self, narrowed, used | mask, rest, need - dev)
        finally:
            pend(self, t, members, -1)
        if found is not None:
            found[t] = members
            return found
    if self.exact and len(rest.bins) < cover.MOST_LAST:
        return closing(self, others, used, cover.Rest(self, rest.d, rest.items, [*rest.bins, t]),
                       need)
    return None


def placed(self: cover.Cover, p: int, t: int) -> None:
    PLACE(self, p, t)
    lo, hi, _ = SEEN["bounds"]
    for d, value in enumerate(self.v[p]):
        if value:
            self.low[t][d] += lo[p][d]  # type: ignore[attr-defined]
            self.high[t][d] += hi[p][d]  # type: ignore[attr-defined]


def held(self: cover.Cover, t: int, d: int, members: Sequence[int]) -> bool:
    """fits_elsewhere, and the members' bounds with those placed at t within the bin's."""
    if not FITS(self, t, d, members):
        return False
    lo, hi, bins = SEEN["bounds"]
    for d2, w in enumerate(self.w[t]):
        brought = [p for p in members if self.v[p][d2]]
        if w is None or (d2 != d and not brought):
            continue
        middle, rounding = w * self.unit(d2), self.f[t][d2]
        bottom, top = bins.get((t, d2), (middle - rounding, middle + rounding))
        bottom, top = max(bottom, middle - rounding), min(top, middle + rounding)
        if self.low[t][d2] + sum(lo[p][d2] for p in brought) > top or (  # type: ignore[attr-defined]
                d2 == d and self.high[t][d2] + sum(hi[p][d2] for p in brought) < bottom):  # type: ignore[attr-defined]
            CUT[0] += 1
            return False
    return True


MAKE_PROJECTS, PROJECT_TARGETS, BY_COVER = (mapping.make_projects, mapping.Mapper.project_targets,
                                            large.by_cover)
INIT, PLACE, FITS, CLOSE = (cover.Cover.__init__, cover.Cover.place, cover.Cover.fits_elsewhere,
                            cover.Cover.close)


def patch(carry: bool, groups: bool) -> None:
    """The cover's sets tested against the rooms from here on (in this process)."""
    WITH_CARRY[0] = carry
    mapping.make_projects = caught_projects  # type: ignore[assignment]
    large.by_cover = caught_cover  # type: ignore[assignment]
    cover.Cover.__init__ = started  # type: ignore[method-assign]
    cover.Cover.place = placed  # type: ignore[method-assign]
    cover.Cover.fits_elsewhere = held  # type: ignore[method-assign]
    if carry or groups:
        mapping.Mapper.project_targets = caught_targets  # type: ignore[method-assign]
    if groups:
        UNCHAINED[0] = True
        cover.Cover.close = closing  # type: ignore[method-assign]


def import_seed(seed: int) -> tuple[Any, list[int], float]:
    """The import of the generator's 1,000 projects at seed: its result, the tables (1-13) not
    rebuilt figure for figure, and its CPU."""
    tables = build_tables(generate(100, 1000, seed=seed))
    with tempfile.TemporaryDirectory() as folder:
        path = write_workbook(tables, Path(folder) / "tables.xlsx")
        cpu = time.process_time()
        result = import_tables(path)
        cpu = time.process_time() - cpu
    assert result.budget is not None
    wrong = [n for n, (a, b) in enumerate(zip(build_tables(result.budget), tables,
                                              strict=True), 1) if a.texts() != b.texts()]
    return result, wrong, cpu


def main(args: list[str]) -> None:
    plain, carry, groups = "--plain" in args, "--carry" in args, "--groups" in args
    seeds = [int(a) for a in args if not a.startswith("--")] or [1, 2, 3, 4]
    if not plain:
        patch(carry, groups)
    mode = "as it is" if plain else " + ".join(
        ["rooms", *(["上年结转"] if carry else []), *(["款"] if groups else [])])
    for seed in seeds:
        SEEN.clear()
        CUT[0] = 0
        result, wrong, cpu = import_seed(seed)
        narrowed = sum(len(r) for r in SEEN.get("rooms") or [])
        print(f"seed {seed} ({mode}): {13 - len(wrong):>2}/13 tables exact {wrong}, "
              f"{cpu:5.2f} s CPU; {narrowed} rooms narrowed, {CUT[0]} sets taken away",
              flush=True)
        for line in result.report.differences:
            if not line.startswith("表1"):  # 表1 repeats 表2's by 类
                print("   ", line)


if __name__ == "__main__":
    main(sys.argv[1:])
