"""Exact amounts as one optimisation problem: every printed figure, every identity in 元.

Each imported amount may move within its rounding (an offset d in whole steps). Every printed
cell asks that the sum of the amounts under it lies in that cell's interval, and every identity
of the facts (income = spending by source, 基本支出 by function = by economic class) asks that
a signed sum of amounts is exactly zero. Among the offsets that satisfy all of that, the
cheapest moves the least money (a project's more dearly than a 基本支出 line's), in whole
10 元 where that can hold everything. Printed figures and identities are elastic when the
strict problem has no answer (a broken one costs far more than any move), so a workbook whose
tables disagree still gets the closest exact amounts and the report names what could not hold.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass

from app.imports.tables.mip import INF, ROOT_CHECKS, Model

BROKEN_FIGURE = 100_000.0
BROKEN_IDENTITY = 10_000.0
SAFETY = 60.0  # seconds: only a safety net, the searches stop on counts of work first
ELASTIC_ROOT = 30  # HiGHS's checks in the root node of the elastic problem at most (see best)


@dataclass(frozen=True)
class Rule:
    """low <= Σ amounts (分) of members <= high."""

    members: Sequence[int]
    low: int
    high: int


@dataclass(frozen=True)
class Identity:
    """Σ coef · amount (分) = 0 over the terms (amount index, coef)."""

    terms: Sequence[tuple[int, int]]
    name: str


@dataclass(frozen=True)
class Solution:
    offsets: list[int]
    broken_rules: list[int]
    broken_identities: list[int]


def best(base: list[int], halves: list[int], rules: Sequence[Rule],
         identities: Sequence[Identity], weights: Sequence[float], step: int,
         seconds: float = SAFETY) -> Solution | None:
    """The roundest solution found in time: moves of whole 10 元 where that can hold every
    figure and identity, else of whole steps; where even that cannot, the elastic problem.

    A coarse grain may leave an identity out of reach that a finer one closes (its sum not a
    multiple of the grain), so a strict answer that breaks one is kept only when no finer
    grain does better; and where no strict answer holds everything, the elastic one is
    taken unless it breaks more (balances first, then figures).

    Every solve is bounded by counts of work (HiGHS's nodes and its checks in the root node,
    `mip.Model.solve`), so the answer does not depend on the machine's load; seconds, shared
    out as before, is only a safety net. The elastic problem of a large department spends
    all its work in the root node, so it stops after `ELASTIC_ROOT` checks with what it has
    (the generator's 1,000-project department: 6–10 s of CPU, the answer the 8 s clock gave
    on a quiet machine)."""
    start = time.perf_counter()
    kept: Solution | None = None

    def broken(s: Solution) -> tuple[int, int]:  # a balance broken weighs more than a figure
        return len(s.broken_identities), len(s.broken_rules)

    for coarse in ((10 * step,) if step == 100 else (1000, 100) if step == 1 else ()):
        found = solve(base, halves, rules, identities, weights, coarse, seconds / 4, False)
        if found is not None and broken(found) == (0, 0):
            return found
        if found is not None and (kept is None or broken(found) < broken(kept)):
            kept = found
    left = max(0.5, seconds - (time.perf_counter() - start))
    found = solve(base, halves, rules, identities, weights, step, left / 2, False)
    if found is not None and (kept is None or broken(found) < broken(kept)):
        kept = found
    if kept is not None and broken(kept) == (0, 0):
        return kept
    left = max(0.5, seconds - (time.perf_counter() - start))
    found = solve(base, halves, rules, identities, weights, step, left, True, ELASTIC_ROOT)
    if found is not None and (kept is None or broken(found) < broken(kept)):
        kept = found
    return kept


def solve(base: list[int], halves: list[int], rules: Sequence[Rule],
          identities: Sequence[Identity], weights: Sequence[float], step: int,
          seconds: float = SAFETY, elastic: bool = True, root: int = ROOT_CHECKS,
          ) -> Solution | None:
    """The offsets (分, multiples of step) or None when the solver found nothing within its
    work (root: HiGHS's checks in the root node at most) or, failing that, in time."""
    model = Model()
    low = [-(h // step) for h in halves]
    high = [max(0, (h - step) // step) for h in halves]
    var: dict[int, int] = {}
    for i in range(len(base)):
        if low[i] == 0 and high[i] == 0:
            continue
        d = model.var(low[i], high[i])
        var[i] = d
        up = model.var(0, high[i], weights[i], integer=False)
        down = model.var(0, -low[i], weights[i], integer=False)
        model.row(0, 0, [d, up, down], [1, -1, 1])
    broken_rule: dict[int, int] = {}
    impossible: list[int] = []
    for j, rule in enumerate(rules):
        total = sum(base[i] for i in rule.members)
        lo = -((total - rule.low) // step)  # ceil
        hi = (rule.high - total) // step
        movable = [i for i in rule.members if i in var]
        least = sum(low[i] for i in movable)
        most = sum(high[i] for i in movable)
        if lo > most or hi < least or lo > hi:
            impossible.append(j)
            continue
        if lo <= least and most <= hi:
            continue
        b = model.binary(BROKEN_FIGURE) if elastic else model.var(0, 0)
        broken_rule[j] = b
        idx = [var[i] for i in movable]
        model.row(lo, INF, [*idx, b], [1] * len(idx) + [max(0, lo - least)])
        model.row(-INF, hi, [*idx, b], [1] * len(idx) + [-max(0, most - hi)])
    broken_identity: dict[int, int] = {}
    for k, identity in enumerate(identities):
        constant = sum(c * base[i] for i, c in identity.terms)
        impossible_id = constant % step != 0
        rhs = -constant // step
        terms = [(var[i], c) for i, c in identity.terms if i in var]
        reach = sum(abs(c) * max(-low[i], high[i]) for i, c in identity.terms if i in var)
        if impossible_id or abs(rhs) > reach:
            broken_identity[k] = -1
            continue
        b = model.binary(BROKEN_IDENTITY) if elastic else model.var(0, 0)
        broken_identity[k] = b
        idx = [t for t, _ in terms]
        coef = [float(c) for _, c in terms]
        model.row(rhs, INF, [*idx, b], [*coef, float(reach + abs(rhs))])
        model.row(-INF, rhs, [*idx, b], [*coef, -float(reach + abs(rhs))])
    start = None
    if elastic:  # nothing moved and every elastic row let go: feasible, so a time limit
        start = [0.0] * len(model.lower)  # returns at worst that, not nothing
        for b in [*broken_rule.values(), *broken_identity.values()]:
            if b >= 0:
                start[b] = 1.0
    values = model.solve(seconds, start, root=root)
    if values is None:
        return None
    offsets = [values[var[i]] * step if i in var else 0 for i in range(len(base))]
    broken_rules = sorted(impossible + [j for j in broken_rule if not holds(rules[j], base, offsets)])
    broken_ids = [k for k, identity in enumerate(identities)
                  if sum(c * (base[i] + offsets[i]) for i, c in identity.terms) != 0]
    return Solution(offsets, broken_rules, broken_ids)


def holds(rule: Rule, base: list[int], offsets: list[int]) -> bool:
    value = sum(base[i] + offsets[i] for i in rule.members)
    return rule.low <= value <= rule.high

