"""The cover's listing of a bin's sets (`candidates.Pairs.sets`): every set of up to four
allowed items whose sum lies in the window for its size, each once, the smaller sets first;
checked against every subset (its sets of three and four are now made by numpy, not loops)."""

from __future__ import annotations

from itertools import combinations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from app.imports.tables.candidates import Pairs


@settings(max_examples=150, deadline=None)
@given(st.lists(st.integers(1, 40), max_size=14), st.data())
def test_the_sets_are_every_subset_in_its_window(values: list[int], data: st.DataObject) -> None:
    values = sorted(values)
    allowed = np.array(data.draw(st.lists(st.booleans(), min_size=len(values),
                                          max_size=len(values))), dtype=bool)
    windows = {k: (lo, lo + data.draw(st.integers(0, 12)))
               for k, lo in enumerate(data.draw(st.lists(st.integers(0, 100), min_size=5,
                                                         max_size=5)))}
    found = Pairs(values).sets(lambda k: windows[k], allowed)
    expected = [c for k in range(5) for c in combinations(range(len(values)), k)
                if all(allowed[i] for i in c) and windows[k][0] <= sum(values[i] for i in c)
                <= windows[k][1]]
    assert sorted(found) == sorted(expected)
    assert len(found) == len(set(found))
    assert [len(c) for c in found] == sorted(len(c) for c in found)
    assert all(type(i) is int for c in found for i in c)
