"""Amounts moved within their rounding until every printed figure holds: the rules (one per
set of amounts printed somewhere, with the interval of 分 its printed figure allows), spread
repairs, chains of moves (`solve.mend`) and a weighted local search for what remains broken
(mostly which figures of disagreeing tables cannot all hold). Bounded by counts of steps."""

from __future__ import annotations

import random
from dataclasses import dataclass

from app.imports.tables.solve import mend

MAX_PASSES = 50
SEARCH_STEPS = 5_000  # the chains settle what is possible; this mostly meets conflicts
SEARCH_WIDTH = 60
NOISE = 0.1


@dataclass
class Constraint:
    """low <= Σ amounts (分) of members <= high: a printed figure at place, printed as printed."""

    members: list[int]
    low: int
    high: int
    place: str
    printed: str


def repair(base: list[int], halves: list[int], rules: list[Constraint], step: int) -> list[int]:
    """Offsets in 分 within each amount's rounding that satisfy as many rules as possible.

    A violated rule is first repaired by spreading its move over its amounts. What that
    leaves broken is mended by chains of moves (an amount down, one sharing another figure up,
    …: table_import_solve), since single moves cannot leave a figure whose amounts all sit in
    other figures at their limits (a 尾差 of table 2's 合计 against tables 3, 4 and 12, say).
    Only then does the weighted local search run, which mostly settles which figures of
    disagreeing tables cannot hold.
    """
    offset = [0] * len(base)
    sums = [sum(base[i] for i in c.members) for c in rules]
    sets = [set(c.members) for c in rules]
    owners: list[list[int]] = [[] for _ in base]
    for j, c in enumerate(rules):
        for i in c.members:
            owners[i].append(j)

    def capacity(moves: dict[int, int], skip: int) -> int:
        """How far (in 分, a multiple of step) the moves (amount → +1/-1) can go together."""
        limit = min((halves[i] - step - offset[i]) if sign > 0 else (halves[i] + offset[i])
                    for i, sign in moves.items())
        touched = {k for i in moves for k in owners[i]} - {skip}
        for k in touched:
            net = sum(sign for i, sign in moves.items() if i in sets[k])
            if net > 0:
                limit = min(limit, (rules[k].high - sums[k]) // net)
            elif net < 0:
                limit = min(limit, (sums[k] - rules[k].low) // -net)
        return max(0, limit - limit % step)

    def apply(moves: dict[int, int], amount: int) -> None:
        for i, sign in moves.items():
            offset[i] += sign * amount
            for k in owners[i]:
                sums[k] += sign * amount

    def missing(j: int) -> int:
        c = rules[j]
        return c.low - sums[j] if sums[j] < c.low else c.high - sums[j] if sums[j] > c.high else 0

    def fix(j: int) -> bool:
        """Spread the move rule j needs over its amounts, those in fewest other rules first."""
        moved = False
        sign = 1 if missing(j) > 0 else -1
        ready = sorted((len(owners[i]), -capacity({i: sign}, j), i) for i in rules[j].members)
        free = [i for _, room, i in ready if room < 0]
        for n, i in enumerate(free):
            need = missing(j)
            if not need or (need > 0) != (sign > 0):
                break
            share = -(-abs(need) // (step * (len(free) - n))) * step
            amount = min(capacity({i: sign}, j), share)
            if amount > 0:
                apply({i: sign}, amount)
                moved = True
        return moved

    order = sorted(range(len(rules)), key=lambda j: len(rules[j].members))
    for _ in range(MAX_PASSES):
        moved = False
        for j in order:
            if missing(j):
                moved = fix(j) or moved
        if not moved:
            break
    if any(missing(j) for j in order):
        offset = mend(offset, halves, [(c.members, c.low, c.high) for c in rules], base, step)
        sums = [sum(base[i] + offset[i] for i in c.members) for c in rules]
        if any(missing(j) for j in order):
            search(offset, sums, halves, rules, owners, step)
            if step > 1:
                search(offset, sums, halves, rules, owners, 1)  # some figures need 分, not whole 元
    return offset


def search(offset: list[int], sums: list[int], halves: list[int], rules: list[Constraint],
           owners: list[list[int]], step: int) -> None:
    """Weighted local search (breakout) for the rules the spreading left broken.

    Each step takes a broken rule and moves the one amount of it that lowers the weighted
    sum of all rules' misses most; where no move helps, the broken rules weigh more, so the
    search can pass through states that break other rules on its way out.
    """
    rng = random.Random(0)
    weight = [1] * len(rules)

    def miss(k: int, value: int) -> int:
        c = rules[k]
        return c.low - value if value < c.low else value - c.high if value > c.high else 0

    broken = {k for k in range(len(rules)) if miss(k, sums[k])}
    for _ in range(SEARCH_STEPS if broken else 0):
        if not broken:
            return
        j = rng.choice(sorted(broken))
        need = rules[j].low - sums[j] if sums[j] < rules[j].low else rules[j].high - sums[j]
        sign = 1 if need > 0 else -1
        members = rules[j].members
        if len(members) > SEARCH_WIDTH:
            members = rng.sample(members, SEARCH_WIDTH)
        best: tuple[int, int, int] | None = None
        for i in members:
            limit = (halves[i] - step - offset[i]) if sign > 0 else (halves[i] + offset[i])
            for amount in {step, -(-abs(need) // step) * step}:
                amount = min(amount, limit - limit % step)
                if amount <= 0:
                    continue
                change = sign * amount
                delta = sum(weight[k] * (miss(k, sums[k] + change) - miss(k, sums[k]))
                            for k in owners[i])
                if best is None or delta < best[0]:
                    best = (delta, i, change)
        if best is None:
            weight[j] += 1
            continue
        delta, i, change = best
        if delta >= 0:
            for k in broken:
                weight[k] += 1
            if rng.random() > NOISE:
                continue
        offset[i] += change
        for k in owners[i]:
            sums[k] += change
            if miss(k, sums[k]):
                broken.add(k)
            else:
                broken.discard(k)
