"""Every set of up to four projects whose money reaches a 项's figure in one dimension, within
the rounding: sums of pairs sorted once (numpy), sets of three or four met in the middle."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np

LARGEST = 4  # projects in one listed set, at most


class Pairs:
    """The items of one dimension (values in grains, sorted ascending) and the sums of every
    pair of them, sorted, for listing a bin's sets of one to four items."""

    def __init__(self, values: Sequence[int]) -> None:
        self.values = np.asarray(values, dtype=np.int64)
        n = len(values)
        first, second = np.triu_indices(n, k=1)
        sums = self.values[first] + self.values[second]
        order = np.argsort(sums, kind="stable")
        self.sums, self.first, self.second = sums[order], first[order], second[order]

    def sets(self, window: Callable[[int], tuple[int, int]], allowed: np.ndarray,
             largest: int = LARGEST) -> list[tuple[int, ...]]:
        """The sets (positions, ascending) of allowed items whose sum lies in window(size)
        for their size, 0 … largest items; the empty set when window(0) holds 0."""
        found: list[tuple[int, ...]] = []
        lo, hi = window(0)
        if lo <= 0 <= hi:
            found.append(())
        v, n = self.values, len(self.values)
        lo, hi = window(1)
        found += [(int(i),) for i in np.nonzero(allowed & (v >= lo) & (v <= hi))[0]]
        if largest < 2 or n < 2:
            return found
        ok = allowed[self.first] & allowed[self.second]
        s, a, b = self.sums[ok], self.first[ok], self.second[ok]
        lo, hi = window(2)
        start, stop = int(np.searchsorted(s, lo, "left")), int(np.searchsorted(s, hi, "right"))
        found += [(int(x), int(y)) for x, y in zip(a[start:stop], b[start:stop], strict=True)]
        if largest >= 3:
            lo, hi = window(3)
            items = np.nonzero(allowed)[0]
            left = np.searchsorted(s, lo - v[items], "left")
            right = np.searchsorted(s, hi - v[items], "right")
            i, j = _spans(items, left, right)  # each item with the pairs its window takes
            keep = a[j] > i
            found += list(zip(i[keep].tolist(), a[j][keep].tolist(), b[j][keep].tolist(),
                              strict=True))
        if largest >= 4 and len(s):
            lo, hi = window(4)
            left = np.searchsorted(s, lo - s, "left")
            right = np.searchsorted(s, hi - s, "right")
            k, j = _spans(np.arange(len(s)), left, right)  # each pair with the pairs it takes
            keep = a[j] > b[k]
            k, j = k[keep], j[keep]
            found += list(zip(a[k].tolist(), b[k].tolist(), a[j].tolist(), b[j].tolist(),
                              strict=True))
        return found


def _spans(keys: np.ndarray, left: np.ndarray, right: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Every (key, position) with position in [left, right) of its key, key by key and each
    key's positions in order (as the nested loops they replace took them)."""
    counts = np.maximum(right - left, 0)
    total = int(counts.sum())
    if not total:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty
    starts = np.repeat(left - (np.cumsum(counts) - counts), counts)
    return np.repeat(keys, counts), np.arange(total, dtype=np.int64) + starts
