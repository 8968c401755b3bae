"""The function 项 of a large department's projects (past the solver): the exact packing
(`packing`) where every dimension is dense; where its answer is not exact, the figures are
exactly the projects' sums and the 项 few, each dimension split exactly (`layers`); the sparse
dimensions covered exactly (`cover`) and the rest packed; else the swap search (`swaps`);
every answer checked exactly."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from app.core.money import ZERO
from app.core.records import Project
from app.imports.tables import cover, layers, net, packing, swaps, together
from app.imports.tables.rooms import Found, RoomsLater, System, joint
from app.imports.tables.targets import (
    DIMENSIONS,
    SPLIT,
    Target,
    eligible,
    matches,
    slack,
    vector,
)

SWAP_SECONDS = 30.0  # safety nets only: the searches stop on their work (steps, rounds)
PACKING_SECONDS = 30.0


def spread(p: Project, half: Decimal) -> list[float]:
    """The rounding of a project's money in each dimension: half a unit per printed figure."""
    a, c = p.amounts, p.carryover
    printed = {"general": [a.general], "fund": [a.fund], "capital": [a.capital],
               "other": [a.special, a.unit],
               "now": [a.general, a.fund, a.capital, a.special, a.unit],
               "carry": [c.general, c.fund, c.capital, c.special, c.unit]}
    return [float(half) * sum(1 for v in printed[d] if v) for d in DIMENSIONS]


def by_exact(projects: list[Project], ordered: list[Target], half: Decimal,
             rooms: RoomsLater | None = None) -> dict[int, str] | None:
    """The assignment by the exact packing where every dimension is dense, else by the exact
    cover of the sparse dimensions and the packing of the rest, else by the packing of every
    dimension however few projects it has to a 项 (where the cover applies to none: many
    projects in few 项); where the figures are exactly the projects' sums (round figures) and
    the packing found no answer meeting them exactly, by the exact split of each dimension
    (`layers`) before the cover, and the packing of every dimension before the cover where
    its answer is exact; None when none applies or finds one within its work. rooms:
    the projects' one-sided rooms (worked out when the cover needs them)."""
    fits = [[eligible(p, t, half) for t in ordered] for p in projects]
    spreads = [spread(p, half) for p in projects]
    packed = by_packing(projects, ordered, half, fits, spreads)
    # an answer that uses the rounding moves round amounts off their figures: the exact
    # split's, if it finds one, is taken instead
    if packed is None or not exactly(projects, ordered, packed):
        split = by_layers(projects, ordered, half, fits)
        packed = split if split is not None else packed
    if packed is None:
        # where the figures are the projects' sums, the packing however few projects a dimension
        # has to a 项 (cheap: 0.1-0.4 s at 1,000 projects) goes first and is taken if exact (a
        # 万元 department of 1,000 projects in 45 项: the cover searched 42 s for nothing)
        first = summed(projects, ordered)
        loose = by_packing(projects, ordered, half, fits, spreads, dense=0) if first else None
        if loose is not None and exactly(projects, ordered, loose):
            return loose
        packed = by_cover(projects, ordered, half, fits, spreads, rooms)
        if packed is None:
            packed = loose if first else by_packing(projects, ordered, half, fits, spreads,
                                                    dense=0)
    return packed


def by_swaps(projects: list[Project], ordered: list[Target], half: Decimal,
             rooms: RoomsLater | None = None
             ) -> tuple[tuple[dict[int, str], set[str]] | None, dict[int, str] | None]:
    """The assignment by the exact searches (`by_exact`), else by the swap search (`swaps`),
    for departments too large for the solver, checked exactly (with that many projects any 项
    could take other ones); else the closest assignment the swaps found, or None."""

    fits = [[eligible(p, t, half) for t in ordered] for p in projects]
    packed = by_exact(projects, ordered, half, rooms)
    if packed is not None:
        return (packed, {t.code for t in ordered}), None
    values = [[float(vector(p)[d]) for d in DIMENSIONS] for p in projects]
    wanted = [[None if t.figures[d] is None else float(t.figures[d] or 0) for d in DIMENSIONS]
              for t in ordered]
    fixed = [[float(slack(t, d, 0, half)) for d in DIMENSIONS] for t in ordered]
    answer = swaps.solve(values, [spread(p, half) for p in projects], wanted, fixed, fits,
                         SWAP_SECONDS)
    if answer is None:
        return None, None
    chosen = {p: ordered[t].code for p, t in enumerate(answer[0])}
    if answer[1] and all(matches([projects[p] for p, c in chosen.items() if c == t.code], t, half)
                         for t in ordered):
        return (chosen, {t.code for t in ordered}), None
    return None, chosen


def by_cover(projects: list[Project], ordered: list[Target], half: Decimal,
             fits: list[list[bool]], spread: list[list[float]],
             rooms: RoomsLater | None = None) -> dict[int, str] | None:
    """The projects with money in a sparse dimension (fewer than packing.DENSE to a 项: 上年结转,
    政府性基金… in most departments) placed first by the exact cover, then the others packed
    into what those leave of each 项; checked exactly. None when no dimension is sparse, the
    figures are not whole 元, or either search finds nothing within its work. The cover tests
    its sets at 上年结转 bins against their intervals (`Target.carried`) and the projects' rooms,
    and its answer goes through the net (`net.mend`) before the packing. The packing takes
    what the cover leaves however few projects that is to a 项 (its DENSE rule is for whole
    problems; here the sparse dimensions are placed already. Refused, 60 projects in 5 项
    failed in 6 of 10 generated departments). Where the cover finds nothing and the figures
    are round (exactly the projects' sums), the sparse dimensions are covered together
    (`together`: the cover's one-by-one order can leave a source no exact answer)."""
    whole = in_whole_yuan(projects, ordered)
    if whole is None:
        return None
    dims, ints, figures = whole
    sparse = []
    for k in range(len(dims)):
        bins = sum(1 for row in figures if row[k])
        if (all(row[k] is not None for row in figures) and bins
                and sum(1 for row in ints if row[k]) < packing.DENSE * bins):
            sparse.append(k)
    if not sparse:
        return None
    rounding = [[int(row[DIMENSIONS.index(d)]) if d in DIMENSIONS
                 else int(half) if vector(p)[d] else 0 for d in dims]
                for p, row in zip(projects, spread, strict=True)]
    fixed = [[int(slack(t, d, 0, half)) for d in dims] for t in ordered]
    found = rooms() if rooms else None
    bounds = net.intervals(projects, ordered, dims, rounding, found)
    made = found.made if isinstance(found, Found) else None
    if made is not None and len(made.variables) != len(projects):
        made = None  # (rooms of other projects than these)
    check = None if made is None else joint_check(made, ordered, dims, figures, fixed)
    where = cover.solve(ints, figures, fixed, rounding, fits, sparse, bounds=bounds,
                        check=check)
    if where is None:  # round figures: every sparse constraint at once (`together`)
        where = together.solve(ints, figures, fixed, rounding, fits, sparse)
    if where is None:
        return None
    where = net.mend(where, ints, figures, fixed, rounding, fits, sparse, bounds)
    chosen = {p: ordered[t].code for p, t in enumerate(where) if t >= 0}
    rest = [p for p in range(len(projects)) if p not in chosen]
    if rest:  # what the placed projects leave of each 项, their rounding added to its own
        done = {dims[k] for k in sparse}
        remaining, extra = [], []
        for t in ordered:
            placed = [p for p, c in chosen.items() if c == t.code]
            remaining.append(Target(t.code, {
                d: None if d in done or w is None
                else w - sum((vector(projects[p])[d] for p in placed), ZERO)
                for d, w in t.figures.items()}, t.half))
            extra.append({d: Decimal(sum(rounding[p][k] for p in placed))
                          for k, d in enumerate(dims)})
        packed = by_packing([projects[p] for p in rest], remaining, half,
                            [fits[p] for p in rest], [spread[p] for p in rest], extra,
                            margin=half, dense=0)
        if packed is None:
            return None
        chosen.update((rest[i], code) for i, code in packed.items())
    if all(matches([projects[p] for p, c in chosen.items() if c == t.code], t, half)
           for t in ordered):
        return chosen
    return None


def exactly(projects: list[Project], ordered: list[Target], chosen: dict[int, str]) -> bool:
    """Whether each 项's projects give every printed figure of it exactly (no rounding used)."""
    for t in ordered:
        placed = [vector(projects[p]) for p, c in chosen.items() if c == t.code]
        if any(w is not None and sum((v[d] for v in placed), ZERO) != w
               for d, w in t.figures.items()):
            return False
    return True


def summed(projects: list[Project], ordered: list[Target]) -> bool:
    """Whether the 项' figures add up exactly to their projects' money in every dimension the
    tables print for every 项, in whole 元 (round figures: an exact answer can exist)."""
    whole = in_whole_yuan(projects, ordered)
    if whole is None:
        return False
    _, ints, figures = whole
    return all(sum(row[k] or 0 for row in figures) == sum(row[k] for row in ints)
               for k in range(len(ints[0]) if ints else 0)
               if all(row[k] is not None for row in figures))


def in_whole_yuan(projects: list[Project], ordered: list[Target]
                  ) -> tuple[list[str], list[list[int]], list[list[int | None]]] | None:
    """The dimensions the cover and the exact split search over (where the targets split the
    other sources, those two instead of their sum), with the projects' money and the 项'
    figures in each, in whole 元; None when some amount or figure has 分."""
    split = all("special" in t.figures for t in ordered)
    dims = [d for d in ((*DIMENSIONS, *SPLIT) if split else DIMENSIONS)
            if not (split and d == "other")]
    values = [[vector(p)[d] for d in dims] for p in projects]
    wanted = [[t.figures.get(d) for d in dims] for t in ordered]
    if any(v != v.to_integral_value() for row in values for v in row) or any(
            w is not None and w != w.to_integral_value() for row in wanted for w in row):
        return None
    return (dims, [[int(v) for v in row] for row in values],
            [[None if w is None else int(w) for w in row] for row in wanted])


def by_layers(projects: list[Project], ordered: list[Target], half: Decimal,
              fits: list[list[bool]]) -> dict[int, str] | None:
    """The assignment by the exact split of each dimension (`layers`), where every figure is
    exactly its projects' sums (a department set in round figures), checked exactly; else
    None. Only for departments of few 项 (`layers.MOST_BINS`), and in the first of the
    importer's tries (`layers.VARIANTS`; each another seed)."""
    if len(ordered) > layers.MOST_BINS or packing.VARIANT.get() >= layers.VARIANTS:
        return None
    whole = in_whole_yuan(projects, ordered)
    if whole is None:
        return None
    where = layers.solve(whole[1], whole[2], fits, seed=packing.VARIANT.get())
    if where is None:
        return None
    chosen = {p: ordered[t].code for p, t in enumerate(where)}
    if all(matches([projects[p] for p, c in chosen.items() if c == t.code], t, half)
           for t in ordered):
        return chosen
    return None


def joint_check(made: System, ordered: list[Target], dims: Sequence[str],
                figures: list[list[int | None]], fixed: list[list[int]]) -> cover.Check:
    """The cover's test of its answers as a whole (`cover.Check`): the projects placed, with
    the covered dimensions' bins (each 项's figure ± its rounding, 上年结转 within its interval),
    must meet the units' rows of the other tables all at once (`rooms.joint`). A cover answer
    that met every bin by itself but not with the units' rows made a 250-project department's
    table of projects by unit wrong by one printed unit."""

    def holds(where: Sequence[int], done: set[int]) -> bool:
        bins: dict[tuple[int, str], tuple[Decimal, Decimal]] = {}
        for t, target in enumerate(ordered):
            for k in done:
                w = figures[t][k]
                if w is None:
                    continue
                lo, hi = Decimal(w - fixed[t][k]), Decimal(w + fixed[t][k])
                if dims[k] == "carry" and target.carried is not None:
                    lo, hi = max(lo, target.carried[0]), min(hi, target.carried[1])
                bins[t, dims[k]] = (lo, hi)
        return joint(made, where, bins)

    return holds, len(made.bounds)


def by_packing(projects: list[Project], ordered: list[Target], half: Decimal,
               fits: list[list[bool]], spread: list[list[float]],
               extra: list[dict[str, Decimal]] | None = None, margin: Decimal = ZERO,
               dense: int = packing.DENSE) -> dict[int, str] | None:
    """The assignment by exact subset sums dimension by dimension (`packing`), checked exactly;
    None when the figures are not whole 元 or no answer is found within the packing's work. Where the targets
    split the other sources, those two dimensions are packed instead of their sum. extra: the
    rounding of projects placed already, by 项 and dimension (the targets are what they left;
    the caller then checks the whole assignment); margin: taken off every 项's rounding, so
    that no 项 lies at its edge (which would leave its 款 and 类 no room); dense: projects to a
    项 in each dimension, at the least, for the packing to be tried (`packing.solve`)."""
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
    fixed = [[int(max(slack(t, d, 0, half) + (extra[n].get(d, ZERO) if extra else ZERO)
                      - margin, ZERO)) for d in dims] for n, t in enumerate(ordered)]
    rounding = [[int(row[DIMENSIONS.index(d)]) if d in DIMENSIONS
                 else int(half) if vector(p)[d] else 0 for d in dims]
                for p, row in zip(projects, spread, strict=True)]
    answer = packing.solve([[v or 0 for v in row] for row in values], rounding, targets, fixed,
                           fits, PACKING_SECONDS, dense=dense)
    if answer is None:
        return None
    chosen = {p: ordered[t].code for p, t in enumerate(answer)}
    if extra is not None or all(matches([projects[p] for p, c in chosen.items() if c == t.code], t, half)
           for t in ordered):
        return chosen
    return None
