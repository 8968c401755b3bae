"""Exact amounts as one optimisation problem: every printed figure, every identity in 元.

Each imported amount may move within its rounding (an offset d in whole steps). Every printed
cell asks that the sum of the amounts under it lies in that cell's interval, and every identity
of the facts (income = spending by source, 基本支出 by function = by economic class) asks that
a signed sum of amounts is exactly zero. Among the offsets that satisfy all of that, the
cheapest moves the least money (a project's more dearly than a 基本支出 line's), in whole
10 元 where that can hold everything. Where the strict problem has no answer (tables that
disagree, or projects placed in the wrong 项), the fewest figures are let go (`elastic`), so
the workbook still gets the closest exact amounts and the report names what could not hold.
Every problem is solved near its linear relaxation first (`mip.Model.near`). The answer is
then polished to move the fewest amounts (`fewest`): an amount not moved is one as printed.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from app.imports.tables.mip import INF, ROOT_CHECKS, Model

SAFETY = 60.0  # seconds: only a safety net, the searches stop on counts of work first
FEWER = 20  # feasibility programs at most spent on holding a figure the relaxation let go
SPREADS = (1.0, 0.0)  # a soft figure of n amounts costs n**-spread as much per step
TOLERANCE = 1e-6  # a slack of the relaxation above this: the row is missed
HARD, SOFT, DROP = "hard", "soft", "drop"  # a row held, missed at a cost per step, left out
SLACK_FIGURE = 1_000.0  # per step a soft figure is missed by: dearer than any move
SLACK_IDENTITY = 10_000.0
SLACK_FLOOR = 100.0  # a figure of many amounts missed by a step: still dearer than a move
FEWEST_GAP = 0.01  # the fewest-moves polish stops once within 1 % of its optimum,
FEWEST_NODES = 50  # or after this many branch-and-bound nodes,
FEWEST_ROOT = 30  # or this many of HiGHS's checks in its root node
# polished only where at most this share of the amounts moves: round figures, where an amount
# not moved is one as set; where most move (every amount's 尾差) none was as printed anyway
FEW = 0.2


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
    figure and identity, else of whole steps; where even that cannot, the elastic problem;
    whichever it is, with as few amounts moved as it allows (`fewest`).

    A coarse grain may leave an identity out of reach that a finer one closes (its sum not a
    multiple of the grain), so a strict answer that breaks one is kept only when no finer
    grain does better; and where no strict answer holds everything, the elastic one is
    taken unless it breaks more (balances first, then figures).

    Every solve is bounded by counts of work (simplex iterations, HiGHS's nodes and its
    checks in the root node, `mip.Model`), so the answer does not depend on the machine's
    load; seconds, shared out as before, is only a safety net."""
    start = time.perf_counter()
    kept: Solution | None = None

    def broken(s: Solution) -> tuple[int, int]:  # a balance broken weighs more than a figure
        return len(s.broken_identities), len(s.broken_rules)

    for coarse in ((10 * step,) if step == 100 else (1000, 100) if step == 1 else ()):
        found = solve(base, halves, rules, identities, weights, coarse, seconds / 4)
        if found is not None and broken(found) == (0, 0):
            return fewest(base, halves, rules, identities, weights, found, seconds / 4)
        if found is not None and (kept is None or broken(found) < broken(kept)):
            kept = found
    left = max(0.5, seconds - (time.perf_counter() - start))
    found = solve(base, halves, rules, identities, weights, step, left / 2)
    if found is not None and (kept is None or broken(found) < broken(kept)):
        kept = found
    if kept is None or broken(kept) != (0, 0):
        left = max(0.5, seconds - (time.perf_counter() - start))
        found = elastic(base, halves, rules, identities, weights, step, left)
        if found is not None and (kept is None or broken(found) < broken(kept)):
            kept = found
    if kept is None:
        return None
    left = max(0.5, seconds - (time.perf_counter() - start))
    return fewest(base, halves, rules, identities, weights, kept, left)


def fewest(base: list[int], halves: list[int], rules: Sequence[Rule],
           identities: Sequence[Identity], weights: Sequence[float], kept: Solution,
           seconds: float = SAFETY) -> Solution:
    """kept with as few amounts moved as its own moves allow: first the fewest moved (each
    by its weight), then the smallest moves, in kept's grain (so as round), every figure
    and identity kept holds still held (the others left out), and only the amounts kept
    moves free to move. The cost of least money moved spreads a bin's miss over more
    amounts than it needs (a round-figures department: ~3 amounts a 项 whose projects the
    cover placed otherwise, many by 1 元); a count of moved amounts puts it on fewest, so
    more amounts stay as printed. A small MIP (the moved amounts' binaries), started from
    kept; its answer is checked exactly and taken only if it moves fewer and breaks
    nothing kept holds. Only where few amounts move (`FEW`)."""
    moved = [i for i, o in enumerate(kept.offsets) if o]
    if not 2 <= len(moved) <= FEW * len(base) or not all(weights[i] > 0 for i in moved):
        return kept
    grain = next(g for g in (1000, 100, 1) if all(o % g == 0 for o in kept.offsets))
    free = [h if o else 0 for h, o in zip(halves, kept.offsets, strict=True)]
    rows = Rows.of(base, free, rules, identities, grain)
    dropped = {("rule", j) for j in kept.broken_rules}
    dropped |= {("identity", k) for k in kept.broken_identities}
    built = build(rows, weights, lambda kind, i: DROP if (kind, i) in dropped else HARD)
    model = built.model
    if not built.var:
        return kept
    span = 1 + max(rows.high[i] - rows.low[i] for i in built.var)
    begin = [0.0] * len(model.lower)
    for i, d in built.var.items():
        value = kept.offsets[i] // grain
        begin[d] = value
        up, down = built.size[i]
        begin[up], begin[down] = max(value, 0), max(-value, 0)
        z = model.binary(span * weights[i])  # 1 where amount i moves
        begin.append(1.0)
        model.row(-INF, 0, [d, z], [1.0, -float(rows.high[i])])
        model.row(0, INF, [d, z], [1.0, -float(rows.low[i])])
    values = model.solve(seconds, begin, FEWEST_NODES, FEWEST_ROOT, FEWEST_GAP)
    found = outcome(built, values, base, rules, identities, grain)
    if (found is None or not set(found.broken_rules) <= set(kept.broken_rules)
            or not set(found.broken_identities) <= set(kept.broken_identities)
            or sum(1 for o in found.offsets if o) >= len(moved)):
        return kept
    return found


def elastic(base: list[int], halves: list[int], rules: Sequence[Rule],
            identities: Sequence[Identity], weights: Sequence[float], step: int,
            seconds: float = SAFETY) -> Solution | None:
    """The closest answer where no strict one exists: which figures to let go is decided on
    linear programs, and only then are the offsets solved in whole steps.

    1. The relaxation with every figure and identity soft says which must be missed: a miss
       costs far more per step than any move, and a figure over n amounts n**-e as much
       (down to `SLACK_FLOOR`). With e = 1 the misses gather in few sums rather than in the
       many amounts under them; but a sum let go may leave its own total short where one
       of its parts let go would not (both then go), so where a figure let go holds a part
       of another let go, e = 0 is tried too (`SPREADS`) and the answer that breaks fewer
       kept. Broken is broken: how far it is missed does not count after.
    2. A figure that can hold while the others are let go is held again, one feasibility
       program each, those missed least first (`FEWER` at most).
    3. The offsets in whole steps with those figures left out (identities soft), solved
       near their relaxation (`Model.near`): a strict problem, cheap for HiGHS.
    4. Where whole steps cannot do that, every figure soft in whole steps (always feasible,
       and started from nothing moved).
    """
    start = time.perf_counter()
    rows = Rows.of(base, halves, rules, identities, step)

    def left() -> float:
        return max(0.5, seconds - (time.perf_counter() - start))

    def model(loose: set[tuple[str, int]] | None, integer: bool,
              price: dict[tuple[str, int], float], costs: Sequence[float] = weights) -> Built:
        def how(kind: str, i: int) -> str:
            if loose is None:
                return SOFT
            return HARD if (kind, i) not in loose else SOFT if kind == "identity" else DROP

        return build(rows, costs, how, integer, price)

    def let_go(spread: float) -> tuple[Solution | None, list[set[int]]]:
        """The answer with the figures of n amounts priced n**-spread, and those let go."""
        price = {("rule", j): max(SLACK_FLOOR, SLACK_FIGURE / len(rule.members) ** spread)
                 for j, rule in enumerate(rules)}
        relaxed = model(None, False, price)
        values = relaxed.model.relaxed(left())
        if values is None:
            return None, []
        missed = {key: values[up] + values[down] for key, (up, down) in relaxed.slack.items()}
        loose = {key for key, miss in missed.items() if miss > TOLERANCE}
        free = [0.0] * len(base)  # only whether it holds: no cost to find a point
        for key in sorted(loose, key=lambda k: (k[0] == "identity", missed[k], k))[:FEWER]:
            held = model(loose - {key}, False, price, free)
            if held.model.relaxed(left()) is not None:
                loose.discard(key)
            elif not held.model.infeasible:
                break  # out of work or time: keep what is decided
        strict = model(loose, True, price)
        found = outcome(strict, strict.model.near(left()), base, rules, identities, step)
        return found, [set(rules[j].members) for kind, j in loose if kind == "rule"]

    def worse(s: Solution) -> tuple[int, int, float]:
        moved = sum(abs(o) // step * w for o, w in zip(s.offsets, weights, strict=True))
        return len(s.broken_identities), len(s.broken_rules), moved

    answers = []
    for spread in SPREADS:
        found, gone = let_go(spread)
        if found is not None:
            answers.append(found)
        if found is not None and not any(a < b for a in gone for b in gone):
            break  # no sum let go with a part of it: no cascade to undo
    if answers:
        return min(answers, key=worse)
    soft = model(None, True, {})
    return outcome(soft, soft.model.near(left(), soft.start), base, rules, identities, step)


@dataclass
class Built:
    """A model of the offsets (whole steps) with its soft rows' slacks."""

    model: Model
    var: dict[int, int]  # amount → its offset's variable (amounts that cannot move have none)
    size: dict[int, tuple[int, int]]  # amount → its move's (up, down) variables, when costed
    slack: dict[tuple[str, int], tuple[int, int]]  # ("rule"|"identity", index) → (up, down)
    start: list[float] | None  # nothing moved, every soft row missed: feasible (else None)


@dataclass
class Rows:
    """The rows of a problem at one step, worked out once for all its models: the amounts'
    bounds in steps and the figures and identities that offsets can both hold and break,
    as (index, lower, upper, amounts[, coefficients, reach])."""

    low: list[int]
    high: list[int]
    figures: list[tuple[int, int, int, list[int]]]
    balances: list[tuple[int, int, list[int], list[float], int]]

    @staticmethod
    def of(base: list[int], halves: list[int], rules: Sequence[Rule],
           identities: Sequence[Identity], step: int) -> Rows:
        low = [-(h // step) for h in halves]
        high = [max(0, (h - step) // step) for h in halves]
        figures = []
        for j, rule in enumerate(rules):
            total = sum(base[i] for i in rule.members)
            lo = -((total - rule.low) // step)  # ceil
            hi = (rule.high - total) // step
            movable = [i for i in rule.members if low[i] or high[i]]
            least = sum(low[i] for i in movable)
            most = sum(high[i] for i in movable)
            if not (lo > most or hi < least or lo > hi or (lo <= least and most <= hi)):
                figures.append((j, lo, hi, movable))
        balances = []
        for k, identity in enumerate(identities):
            constant = sum(c * base[i] for i, c in identity.terms)
            terms = [(i, c) for i, c in identity.terms if low[i] or high[i]]
            if constant % step == 0 and terms:
                reach = sum(abs(c) * max(-low[i], high[i]) for i, c in terms)
                balances.append((k, -constant // step, [i for i, _ in terms],
                                 [float(c) for _, c in terms], reach))
        return Rows(low, high, figures, balances)


def build(rows: Rows, weights: Sequence[float], how: Callable[[str, int], str],
          integer: bool = True, price: dict[tuple[str, int], float] | None = None) -> Built:
    """The offsets' model: each rule and identity HARD, SOFT (missed by a continuous slack
    that costs SLACK_* per step, or price[(kind, index)]) or DROP (left out), as
    how("rule"|"identity", index) says; integer False: the offsets continuous. A row no
    offsets can hold is left out whatever how says (it would only pull amounts to the end
    of their rounding), and so is one no offsets can break; an identity out of reach is
    left out unless soft. Weights all 0: no cost, so no variables for the moves' size."""
    model = Model()
    low, high = rows.low, rows.high
    var: dict[int, int] = {}
    size: dict[int, tuple[int, int]] = {}
    costed = any(weights)
    for i in range(len(low)):
        if low[i] == 0 and high[i] == 0:
            continue
        d = model.var(low[i], high[i], integer=integer)
        var[i] = d
        if costed:
            up = model.var(0, high[i], weights[i], integer=False)
            down = model.var(0, -low[i], weights[i], integer=False)
            model.row(0, 0, [d, up, down], [1, -1, 1])
            size[i] = (up, down)
    slack: dict[tuple[str, int], tuple[int, int]] = {}
    at_zero: dict[int, float] = {}  # the slacks where nothing moves
    hard_at_zero = True  # every hard row holds with nothing moved

    def add(kind: str, index: int, lo: int, hi: int, idx: list[int], coef: list[float],
            cost: float) -> None:
        nonlocal hard_at_zero
        mode = how(kind, index)
        if mode == HARD:
            model.row(lo, hi, idx, coef)
            hard_at_zero = hard_at_zero and lo <= 0 <= hi
        elif mode == SOFT:
            cost = (price or {}).get((kind, index), cost)
            up = model.var(0, INF, cost, integer=False)
            down = model.var(0, INF, cost, integer=False)
            slack[(kind, index)] = (up, down)
            model.row(lo, hi, [*idx, up, down], [*coef, 1.0, -1.0])
            at_zero.update({up: max(0.0, lo), down: max(0.0, -hi)})

    for j, lo, hi, movable in rows.figures:
        add("rule", j, lo, hi, [var[i] for i in movable], [1.0] * len(movable), SLACK_FIGURE)
    for k, rhs, amounts, coef, reach in rows.balances:
        if abs(rhs) <= reach or how("identity", k) == SOFT:
            add("identity", k, rhs, rhs, [var[i] for i in amounts], coef, SLACK_IDENTITY)
    start = None
    if slack and hard_at_zero:
        start = [0.0] * len(model.lower)
        for v, value in at_zero.items():
            start[v] = value
    return Built(model, var, size, slack, start)


def solve(base: list[int], halves: list[int], rules: Sequence[Rule],
          identities: Sequence[Identity], weights: Sequence[float], step: int,
          seconds: float = SAFETY, root: int = ROOT_CHECKS) -> Solution | None:
    """The offsets (分, multiples of step) that hold every figure and identity that can hold,
    or None when there are none or the solver found none within its work (root: HiGHS's
    checks in the root node at most) or, failing that, in time."""
    rows = Rows.of(base, halves, rules, identities, step)
    built = build(rows, weights, lambda _kind, _i: HARD)
    return outcome(built, built.model.near(seconds, root=root), base, rules, identities, step)


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

