"""The cover's one-sided intervals and the net after it (round 9): a 上年结转 set whose projects'
rooms pass the 项's interval is refused (the cover takes another), an answer holding such a set is
mended by covering its dimension again, and every search refused everything ends within its
budget of work."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest

from app.core.money import ZERO
from app.core.records import Project
from app.imports.tables import cover, mapping, net
from app.imports.tables.cover import Cover, Intervals
from app.imports.tables.importer import import_tables
from app.imports.tables.targets import DIMENSIONS, Target, vector
from app.profiles.shanxi.tables import build_tables
from tests.helpers.synthetic import generate
from tests.helpers.table_workbook import write_workbook

# one sparse dimension (上年结转), two 项 of 1,000 元 each; four projects: 0 and 1 (500 元 each)
# pinned to their figures by their unit's rows, 2 and 3 (300 and 700 元) ± their rounding
VALUES = [[500], [500], [300], [700]]
WANTED: list[list[int | None]] = [[1_000], [1_000]]
FIXED = [[50], [50]]
SPREAD = [[50], [50], [50], [50]]
ALLOWED = [[True, True] for _ in VALUES]
PINNED_LO = [[500], [500], [250], [650]]
PINNED_HI = [[500], [500], [350], [750]]
# 项 1's 上年结转 lies in [950, 999] 元 (表3 合计 − 表2 本年收入 puts it below 1,000): projects 0
# and 1 together (exactly 1,000) cannot be its set, 2 and 3 ([900, 1,100]) can
BOUNDS: Intervals = (PINNED_LO, PINNED_HI, {(1, 0): (950, 999)})
EDGE = [1, 1, 0, 0]  # the cover's answer without the interval: the pinned pair in 项 1


def sets(where: Sequence[int]) -> list[set[int]]:
    return [{p for p, b in enumerate(where) if b == t} for t in range(len(WANTED))]


def test_without_the_interval_the_cover_takes_the_set_at_the_edge() -> None:
    # (what the test below changes: the pinned pair is the cover's first choice for 项 1)
    where = cover.solve(VALUES, WANTED, FIXED, SPREAD, ALLOWED, [0])
    assert where == EDGE


def test_the_cover_refuses_a_carried_set_its_interval_cannot_hold() -> None:
    where = cover.solve(VALUES, WANTED, FIXED, SPREAD, ALLOWED, [0], bounds=BOUNDS)
    assert where is not None and sets(where) == [{0, 1}, {2, 3}]
    assert net.failing(where, VALUES, WANTED, FIXED, [0], BOUNDS) == []


def test_failing_finds_the_bin_whose_set_passes_its_interval() -> None:
    assert net.failing(EDGE, VALUES, WANTED, FIXED, [0], BOUNDS) == [(1, 0)]
    # a bin's set too low for its figure's own rounding fails too (Σ hi below its bottom)
    low: Intervals = ([[440], [440], [250], [650]], [[449], [449], [350], [750]], {})
    assert net.failing([0, 0, 1, 1], VALUES, WANTED, FIXED, [0], low) == [(0, 0)]
    assert net.failing([0, 0, 1, 1], VALUES, WANTED, FIXED, [0], (PINNED_LO, PINNED_HI, {})) == []


def test_the_net_mends_an_answer_at_the_edge() -> None:
    mended = net.mend(list(EDGE), VALUES, WANTED, FIXED, SPREAD, ALLOWED, [0], BOUNDS)
    assert sets(mended) == [{0, 1}, {2, 3}]
    assert net.failing(mended, VALUES, WANTED, FIXED, [0], BOUNDS) == []


def test_the_net_keeps_an_answer_it_cannot_mend() -> None:
    # 项 0 refuses projects 0 and 1: no other answer, the cover's is kept as it is
    allowed = [[False, True], [False, True], [True, True], [True, True]]
    assert net.mend(list(EDGE), VALUES, WANTED, FIXED, SPREAD, allowed, [0], BOUNDS) == EDGE


def test_the_nets_tries_end_within_its_work(monkeypatch: pytest.MonkeyPatch) -> None:
    given: list[int] = []

    def refused(*args: object, work: int = 0, **kwargs: object) -> tuple[None, int]:
        given.append(work)
        return None, 600  # every re-cover refused, each spending 600 units of work

    monkeypatch.setattr(cover, "solve_spent", refused)
    where = net.mend(list(EDGE), VALUES, WANTED, FIXED, SPREAD, ALLOWED, [0], BOUNDS,
                     work=1_000)
    assert where == EDGE
    assert given == [1_000, 400]  # each try given what is left; none once it is spent


def refusing(items: int, work: int) -> Cover:
    """A cover of one dimension whose only 项's interval no set of its projects can meet."""
    values = [[100 + 10 * i] for i in range(items)]
    total = sum(v[0] for v in values)
    wanted: list[list[int | None]] = [[total // 2], [total - total // 2]]
    lo = [[v[0] - 5] for v in values]
    hi = [[v[0] + 5] for v in values]
    return Cover(values, wanted, [[50], [50]], [[5] for _ in values],
                 [[True, True] for _ in values], [0], work,
                 bounds=(lo, hi, {(0, 0): (0, 1)}))


def test_a_search_refused_everything_ends_within_its_budget() -> None:
    # each set refused while the last bins are filled spends the dimension's items (24) as work:
    # the bit-set walk that found it, which the search's own counts leave out
    plenty = refusing(24, 10_000_000)
    assert cover.run(plenty) is None
    assert plenty.refused > 0 and 10_000_000 - plenty.work >= 24 * plenty.refused
    # so a budget smaller than that is spent: the search stops on it (out of work)
    spent = 10_000_000 - plenty.work
    short = refusing(24, spent - 1)
    assert cover.run(short) is None and short.work < 0
    assert solve_spent_of(24, spent - 1) <= spent - 1 + cover.EXACT_WORK


def solve_spent_of(items: int, work: int) -> int:
    c = refusing(items, work)
    return cover.solve_spent(c.v, c.w, c.f, c.e, c.allowed, c.sparse, work=work,
                             bounds=c.bounds)[1]


def test_a_rejected_answer_takes_its_one_sided_sums_back() -> None:
    c = Cover(VALUES, WANTED, FIXED, SPREAD, ALLOWED, [0], 1_000, bounds=BOUNDS)
    saved = c.state()
    c.place(0, 1)
    c.place(1, 1)
    assert (c.low[1][0], c.high[1][0]) == (1_000, 1_000)
    assert not c.held(1, 0, [])  # the pair at 项 1 already passes its interval's top
    c.restore(saved)
    assert (c.low[1][0], c.high[1][0]) == (0, 0)
    assert c.held(1, 0, [2, 3])


def test_the_import_hands_the_cover_intervals_that_hold_the_truth(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """A generated department's import: each 项's 上年结转 interval (`Target.carried`) and each
    project's rooms hold the money the department really set (not only its printed figures)."""
    budget = generate(10, 60, seed=1)
    truth = {p.name: p for p in budget.projects}
    seen: dict[str, Any] = {}
    assign = mapping.assign_functions

    def caught(projects: list[Project], targets: list[Target], *args: Any, **kwargs: Any
               ) -> list[Project]:
        seen["projects"], seen["targets"], seen["rooms"] = projects, targets, args[-1]
        return assign(projects, targets, *args, **kwargs)

    monkeypatch.setattr(mapping, "assign_functions", caught)
    result = import_tables(write_workbook(build_tables(budget), tmp_path / "tables.xlsx"))
    assert result.budget is not None
    narrowed = [t for t in seen["targets"] if t.carried is not None]
    assert narrowed
    for t in narrowed:
        assert t.carried is not None
        carried = sum((p.carryover.total for p in budget.projects if p.function == t.code), ZERO)
        assert t.carried[0] <= carried <= t.carried[1]
    rooms = seen["rooms"]()
    assert rooms is not None and any(rooms)
    for p, room in zip(seen["projects"], rooms, strict=True):
        money = vector(truth[p.name])
        for d, (lo, hi) in room.items():
            assert lo <= money[d] <= hi
    # the cover's bounds: each project's money within them, the 上年结转 bins' within theirs
    dims = list(DIMENSIONS)
    rounding = [[50] * len(dims) for _ in seen["projects"]]
    lo, hi, carry = net.intervals(seen["projects"], seen["targets"], dims, rounding, rooms)
    assert len(carry) == len(narrowed)
    for n, p in enumerate(seen["projects"]):
        money = vector(truth[p.name])
        assert all(lo[n][k] <= money[d] <= hi[n][k] for k, d in enumerate(dims))
