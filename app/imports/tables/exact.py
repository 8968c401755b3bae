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
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from app.imports.tables.mip import INF, ROOT_CHECKS, Model

BROKEN_FIGURE = 100_000.0
BROKEN_IDENTITY = 10_000.0
SAFETY = 60.0  # seconds: only a safety net, the searches stop on counts of work first
ELASTIC_ROOT = 30  # HiGHS's checks in the root node of an elastic problem at most (see solve)
FEWER = 20  # linear programs at most spent on holding a figure the relaxation let go
TOLERANCE = 1e-6  # a slack of the relaxation above this: the row is missed


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
    found = elastic(base, halves, rules, identities, weights, step, left)
    if found is not None and (kept is None or broken(found) < broken(kept)):
        kept = found
    return kept


def elastic(base: list[int], halves: list[int], rules: Sequence[Rule],
            identities: Sequence[Identity], weights: Sequence[float], step: int,
            seconds: float = SAFETY) -> Solution | None:
    """The closest answer where no strict one exists: which figures to let go is decided on
    linear programs, and only then are the offsets solved in whole steps.

    1. The relaxation with every figure and identity soft says which must be missed: a miss
       costs far more per step than any move, a figure over n amounts 1/n as much (down to
       `SLACK_FLOOR`), so that the misses gather in few figures rather than in the many
       amounts under them. Broken is broken: how far it is missed does not count after.
    2. A figure that can hold while the others are let go is held again, one feasibility
       program each, those missed least first (`FEWER` at most).
    3. The offsets in whole steps with those figures left out (identities soft), solved
       near their relaxation (`Model.near`): a strict problem, cheap for HiGHS.
    4. Where whole steps cannot do that, every figure soft in whole steps (always feasible,
       and started from nothing moved).
    """
    start = time.perf_counter()

    def left() -> float:
        return max(0.5, seconds - (time.perf_counter() - start))

    price = {("rule", j): max(SLACK_FLOOR, SLACK_FIGURE / len(rule.members))
             for j, rule in enumerate(rules)}  # a sum of n amounts misses n times as far

    def model(loose: set[tuple[str, int]] | None, integer: bool,
              costs: Sequence[float] = weights) -> Built:
        def how(kind: str, i: int) -> str:
            if loose is None:
                return SOFT
            return HARD if (kind, i) not in loose else SOFT if kind == "identity" else DROP

        return build(base, halves, rules, identities, costs, step, how, integer, price)

    relaxed = model(None, False)
    values = relaxed.model.relaxed(left())
    if values is None:
        return None
    missed = {key: values[up] + values[down] for key, (up, down) in relaxed.slack.items()}
    loose = {key for key, miss in missed.items() if miss > TOLERANCE}
    free = [0.0] * len(base)  # only whether it holds: no cost to find a point
    for key in sorted(loose, key=lambda k: (k[0] == "identity", missed[k], k))[:FEWER]:
        held = model(loose - {key}, False, free)
        if held.model.relaxed(left()) is not None:
            loose.discard(key)
        elif not held.model.infeasible:
            break  # out of work or time: keep what is decided
    strict = model(loose, True)
    answer = outcome(strict, strict.model.near(left()), base, rules, identities, step)
    if answer is not None:
        return answer
    soft = model(None, True)
    return outcome(soft, soft.model.near(left(), soft.start), base, rules, identities, step)


HARD, SOFT, ELASTIC, DROP = "hard", "soft", "elastic", "drop"  # how a row may be left broken
SLACK_FIGURE = 1_000.0  # per step a soft figure is missed by: dearer than any move
SLACK_IDENTITY = 10_000.0
SLACK_FLOOR = 100.0  # a figure of many amounts missed by a step: still dearer than a move


@dataclass
class Built:
    """A model of the offsets (whole steps) with its rows' slacks and the rules already lost."""

    model: Model
    var: dict[int, int]  # amount → its offset's variable (amounts that cannot move have none)
    slack: dict[tuple[str, int], tuple[int, int]]  # ("rule"|"identity", index) → (up, down)
    impossible: list[int]  # rules no offsets can hold (left out of a hard or elastic model)
    start: list[float] | None  # a feasible point of an elastic model: nothing moved, all let go


def build(base: list[int], halves: list[int], rules: Sequence[Rule],
          identities: Sequence[Identity], weights: Sequence[float], step: int,
          how: Callable[[str, int], str], integer: bool = True,
          price: dict[tuple[str, int], float] | None = None) -> Built:
    """The offsets' model: each rule and identity hard, soft (missed by a continuous slack
    that costs SLACK_* per step) or elastic (let go whole by a binary that costs BROKEN_*),
    as how("rule"|"identity", index) says; integer False: the offsets continuous; price, a
    soft row's cost per step where it is not SLACK_*."""
    model = Model()
    low = [-(h // step) for h in halves]
    high = [max(0, (h - step) // step) for h in halves]
    var: dict[int, int] = {}
    for i in range(len(base)):
        if low[i] == 0 and high[i] == 0:
            continue
        d = model.var(low[i], high[i], integer=integer)
        var[i] = d
        up = model.var(0, high[i], weights[i], integer=False)
        down = model.var(0, -low[i], weights[i], integer=False)
        model.row(0, 0, [d, up, down], [1, -1, 1])
    slack: dict[tuple[str, int], tuple[int, int]] = {}
    at_zero: dict[int, float] = {}  # the variables not 0 where nothing moves
    hard_at_zero = True  # every hard row holds with nothing moved

    def soft(kind: str, index: int, lo: float, hi: float, idx: list[int], coef: list[float],
             cost: float) -> None:
        cost = (price or {}).get((kind, index), cost)
        up, down = model.var(0, INF, cost, integer=False), model.var(0, INF, cost, integer=False)
        slack[(kind, index)] = (up, down)
        model.row(lo, hi, [*idx, up, down], [*coef, 1.0, -1.0])
        at_zero.update({up: max(0.0, lo), down: max(0.0, -hi)})  # nothing moved: the slack

    impossible: list[int] = []
    for j, rule in enumerate(rules):
        total = sum(base[i] for i in rule.members)
        lo = -((total - rule.low) // step)  # ceil
        hi = (rule.high - total) // step
        movable = [i for i in rule.members if i in var]
        least = sum(low[i] for i in movable)
        most = sum(high[i] for i in movable)
        if lo > most or hi < least or lo > hi:  # lost whatever moves: left out, so it
            impossible.append(j)  # pulls no amount to the end of its rounding
            continue
        if lo <= least and most <= hi:
            continue
        mode = how("rule", j)
        if mode == DROP:
            continue
        if mode == SOFT:
            soft("rule", j, lo, hi, [var[i] for i in movable], [1.0] * len(movable),
                 SLACK_FIGURE)
            continue
        b = model.binary(BROKEN_FIGURE) if mode == ELASTIC else model.var(0, 0)
        if mode == ELASTIC:
            at_zero[b] = 1.0
        hard_at_zero = hard_at_zero and (mode == ELASTIC or lo <= 0 <= hi)
        idx = [var[i] for i in movable]
        model.row(lo, INF, [*idx, b], [1] * len(idx) + [max(0, lo - least)])
        model.row(-INF, hi, [*idx, b], [1] * len(idx) + [-max(0, most - hi)])
    for k, identity in enumerate(identities):
        constant = sum(c * base[i] for i, c in identity.terms)
        rhs = -constant // step
        terms = [(var[i], c) for i, c in identity.terms if i in var]
        reach = sum(abs(c) * max(-low[i], high[i]) for i, c in identity.terms if i in var)
        if constant % step != 0 or not terms:
            continue
        idx = [t for t, _ in terms]
        coef = [float(c) for _, c in terms]
        mode = how("identity", k)
        if mode == SOFT:
            soft("identity", k, rhs, rhs, idx, coef, SLACK_IDENTITY)
            continue
        if abs(rhs) > reach:
            continue
        b = model.binary(BROKEN_IDENTITY) if mode == ELASTIC else model.var(0, 0)
        if mode == ELASTIC:
            at_zero[b] = 1.0
        hard_at_zero = hard_at_zero and (mode == ELASTIC or rhs == 0)
        model.row(rhs, INF, [*idx, b], [*coef, float(reach + abs(rhs))])
        model.row(-INF, rhs, [*idx, b], [*coef, -float(reach + abs(rhs))])
    start = None
    if at_zero and hard_at_zero:  # nothing moved, every elastic row let go and every soft
        start = [0.0] * len(model.lower)  # one missed: feasible, so a limit returns at
        for v, value in at_zero.items():  # worst that, not nothing
            start[v] = value
    return Built(model, var, slack, impossible, start)


def solve(base: list[int], halves: list[int], rules: Sequence[Rule],
          identities: Sequence[Identity], weights: Sequence[float], step: int,
          seconds: float = SAFETY, elastic: bool = True, root: int = ROOT_CHECKS,
          ) -> Solution | None:
    """The offsets (分, multiples of step) or None when the solver found nothing within its
    work (root: HiGHS's checks in the root node at most) or, failing that, in time."""
    mode = ELASTIC if elastic else HARD
    built = build(base, halves, rules, identities, weights, step, lambda _kind, _i: mode)
    return outcome(built, built.model.solve(seconds, built.start, root=root), base, rules,
                   identities, step)


def outcome(built: Built, values: list[int] | None, base: list[int], rules: Sequence[Rule],
            identities: Sequence[Identity], step: int) -> Solution | None:
    """The offsets in 分 of a solved model, with the rules and identities they break."""
    if values is None:
        return None
    offsets = [values[built.var[i]] * step if i in built.var else 0 for i in range(len(base))]
    broken_rules = [j for j, rule in enumerate(rules) if not holds(rule, base, offsets)]
    broken_ids = [k for k, identity in enumerate(identities)
                  if sum(c * (base[i] + offsets[i]) for i, c in identity.terms) != 0]
    return Solution(offsets, broken_rules, broken_ids)


def holds(rule: Rule, base: list[int], offsets: list[int]) -> bool:
    value = sum(base[i] + offsets[i] for i in rule.members)
    return rule.low <= value <= rule.high

