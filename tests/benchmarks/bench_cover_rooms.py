"""Benchmark: the cover of the function 项 testing its sets against one-sided rooms (`rooms`),
on the generator's default department (100 units, 1,000 projects, every source over 45 项).

A measurement of a proposed change to the cover (cover.py is not changed): each set of projects
the cover lists for a bin, and accepts by its symmetric room (±50 元 a project), is also tested
against each project's bounds from its unit's rows (`rooms.project_rooms`) and, with --carry,
each 项's 上年结转 bounds from 表3 合计 − 表2 本年收入 (`rooms.carried`): the projects' lower
bounds together may not pass the bin's upper one in any dimension the set brings money to, nor
their upper bounds fall short of its lower one in the dimension covered. The cover's own
amounts, rounding and search are as they are.

Run: python tests/benchmarks/bench_cover_rooms.py [--plain] [--carry] [seed …]   (seeds 1–4)
  --plain: the import as it is (no test against the rooms), for comparison in the same run
"""

from __future__ import annotations

import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from app.imports.tables import cover, large, mapping, rooms
from app.imports.tables.importer import import_tables
from app.profiles.shanxi import imports as sx
from app.profiles.shanxi.tables import build_tables
from tests.helpers.synthetic import generate
from tests.helpers.table_workbook import write_workbook

SEEN: dict[str, Any] = {}  # what the import passed on: rooms, 上年结转 bounds, the 项's order
CUT = [0]  # sets the rooms took away


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
    return found


def caught_cover(projects: Any, ordered: Any, half: Any, fits: Any, spread: Any) -> Any:
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
    carry = SEEN.get("carry", {})
    SEEN["bounds"] = lo, hi, {(t, dims.index("carry")): carry[o.code]
                              for t, o in enumerate(ordered) if carry.get(o.code)}
    return BY_COVER(projects, ordered, half, fits, spread)


def started(self: cover.Cover, *args: Any, **kwargs: Any) -> None:
    INIT(self, *args, **kwargs)
    dims = len(self.v[0]) if self.v else 0
    self.low = [[0] * dims for _ in self.w]  # type: ignore[attr-defined]
    self.high = [[0] * dims for _ in self.w]  # type: ignore[attr-defined]


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
INIT, PLACE, FITS = cover.Cover.__init__, cover.Cover.place, cover.Cover.fits_elsewhere


def main(args: list[str]) -> None:
    plain, carry = "--plain" in args, "--carry" in args
    seeds = [int(a) for a in args if not a.startswith("--")] or [1, 2, 3, 4]
    if not plain:
        mapping.make_projects = caught_projects  # type: ignore[assignment]
        large.by_cover = caught_cover  # type: ignore[assignment]
        cover.Cover.__init__ = started  # type: ignore[method-assign]
        cover.Cover.place = placed  # type: ignore[method-assign]
        cover.Cover.fits_elsewhere = held  # type: ignore[method-assign]
        if carry:
            mapping.Mapper.project_targets = caught_targets  # type: ignore[method-assign]
    mode = "as it is" if plain else "rooms + 上年结转" if carry else "rooms"
    for seed in seeds:
        SEEN.clear()
        CUT[0] = 0
        tables = build_tables(generate(100, 1000, seed=seed))
        with tempfile.TemporaryDirectory() as folder:
            path = write_workbook(tables, Path(folder) / "tables.xlsx")
            cpu = time.process_time()
            result = import_tables(path)
            cpu = time.process_time() - cpu
        assert result.budget is not None
        wrong = [n for n, (a, b) in enumerate(zip(build_tables(result.budget), tables,
                                                  strict=True), 1) if a.texts() != b.texts()]
        narrowed = sum(len(r) for r in SEEN.get("rooms") or [])
        print(f"seed {seed} ({mode}): {13 - len(wrong):>2}/13 tables exact {wrong}, "
              f"{cpu:5.2f} s CPU; {narrowed} rooms narrowed, {CUT[0]} sets taken away",
              flush=True)
        for line in result.report.differences:
            if not line.startswith("表1"):  # 表1 repeats 表2's by 类
                print("   ", line)


if __name__ == "__main__":
    main(sys.argv[1:])
