"""Chains of moves that mend a printed figure when every single move would break another.

Where every amount of a broken figure also sits in another figure already at its limit, no
one amount can move: the amount must move together with one that puts the other figure back,
which may in turn push a third figure out, and so on. `mend` searches such chains (an amount
down, another up, a third down…) a few links deep, one step at a time.
"""

from __future__ import annotations

from collections.abc import Sequence

DEPTH = 5
TRIES = 20_000  # chains looked at for one step of one figure
BUDGET = 200_000  # chains looked at in all, so a large department falls back quickly


class Mender:
    """Offsets in whole steps within [low, high]; rule j wants lower[j] <= sum <= upper[j]."""

    def __init__(self, offset: list[int], low: list[int], high: list[int],
                 members: Sequence[Sequence[int]], lower: list[int], upper: list[int]) -> None:
        self.offset, self.low, self.high = offset, low, high
        self.members, self.lower, self.upper = members, lower, upper
        self.owners: list[list[int]] = [[] for _ in offset]
        for j, group in enumerate(members):
            for i in group:
                self.owners[i].append(j)
        self.sums = [sum(offset[i] for i in g) for g in members]
        self.tries = self.spent = 0

    def miss(self, j: int, change: int = 0) -> int:
        """How far rule j's sum (moved by change) is outside its bounds, signed: + too low."""
        value = self.sums[j] + change
        return self.lower[j] - value if value < self.lower[j] else (
            self.upper[j] - value if value > self.upper[j] else 0)

    def mend(self, j: int) -> bool:
        """Move rule j one step towards its bounds without breaking a rule that holds."""
        sign = 1 if self.miss(j) > 0 else -1
        self.tries = 0
        for depth in range(DEPTH + 1):  # the shortest chain first
            for i in sorted(self.members[j], key=lambda k: len(self.owners[k])):
                chain = self.extend({i: sign}, j, depth)
                if chain is not None:
                    for k, s in chain.items():
                        self.offset[k] += s
                        for r in self.owners[k]:
                            self.sums[r] += s
                    return True
        return False

    def extend(self, moves: dict[int, int], target: int, depth: int,
               changes: dict[int, int] | None = None) -> dict[int, int] | None:
        """The moves, lengthened until no rule is worse off; None if none is found in time.

        changes holds each touched rule's net change under the moves before the last one.
        """
        self.tries += 1
        self.spent += 1
        if self.tries > TRIES or self.spent > BUDGET:
            return None
        i, sign = next(reversed(moves.items()))
        if not self.low[i] <= self.offset[i] + sign <= self.high[i]:
            return None
        changes = dict(changes or {})
        for r in self.owners[i]:
            changes[r] = changes.get(r, 0) + sign
        worse = None
        for r, change in sorted(changes.items(), key=lambda rc: len(self.members[rc[0]])):
            before, after = abs(self.miss(r)), abs(self.miss(r, change))
            if after > before or (r == target and after == before):
                worse = (r, 1 if self.miss(r, change) > 0 else -1)
                break
        if worse is None:
            return moves
        if depth == 0:
            return None
        r, need = worse
        for k in sorted(self.members[r], key=lambda k: len(self.owners[k])):
            if k not in moves:
                found = self.extend({**moves, k: need}, target, depth - 1, changes)
                if found is not None:
                    return found
        return None

def mend(offset: list[int], halves: list[int], rules: Sequence[tuple[Sequence[int], int, int]],
         base: list[int], step: int) -> list[int]:
    """The offsets (分) with broken rules mended by chains of whole-step moves where possible."""
    low = [-(h // step) for h in halves]
    high = [max(0, (h - step) // step) for h in halves]
    lower, upper = [], []
    for group, least, most in rules:
        total = sum(base[i] for i in group)
        lower.append(-((total - least) // step))  # ceil((least - total) / step)
        upper.append((most - total) // step)
    if any(o % step for o in offset):
        return offset
    mender = Mender([o // step for o in offset], low, high, [list(g) for g, _, _ in rules],
                    lower, upper)
    for _ in range(2):
        for j in range(len(rules)):
            while mender.miss(j) and mender.mend(j):
                pass
    return [o * step for o in mender.offset]
