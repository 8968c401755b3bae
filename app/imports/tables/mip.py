"""Small mixed-integer programs for the table import, solved by HiGHS (highspy).

`Model` is a thin builder (integer and binary variables, ranged rows, a cost to minimise);
`solve` returns the variables' values rounded to integers, or None when HiGHS finds no
feasible point within its limits (work, then time); `relaxed` solves the linear relaxation,
`near` a point near its optimum (RENS first, then the whole MIP). Callers check every
answer exactly afterwards, so a numerical slip of the solver can never reach the file.
"""

from __future__ import annotations

import math
import os
import sys
import threading
import time
from collections.abc import Sequence

import highspy

INF = highspy.kHighsInf
_quiet = threading.Lock()
_greeted = False
NODES = 2_000  # branch-and-bound nodes at most, by default
ROOT_CHECKS = 400  # HiGHS's checks of its limits in the root node (cut rounds, heuristics) at most
ITERATIONS = 200_000  # simplex iterations of a linear relaxation at most
FRACTION = 1e-6  # a relaxation's value this close to an integer is that integer
GAP = 0.1  # HiGHS stops once its point is proven within this share of the optimum


def highs() -> highspy.Highs:
    """A HiGHS instance; the first one's banner (printed by the C++ side) is kept off stdout."""
    global _greeted
    with _quiet:
        if _greeted:
            return highspy.Highs()  # type: ignore[no-untyped-call]
        sys.stdout.flush()
        saved = os.dup(1)
        try:
            with open(os.devnull, "w") as null:
                os.dup2(null.fileno(), 1)
                instance = highspy.Highs()  # type: ignore[no-untyped-call]
        finally:
            os.dup2(saved, 1)
            os.close(saved)
        _greeted = True
        return instance


class Model:
    """Variables (integer by default) and rows lower <= Σ coef·x <= upper, minimising cost."""

    def __init__(self) -> None:
        self.lower: list[float] = []
        self.upper: list[float] = []
        self.cost: list[float] = []
        self.integer: list[bool] = []
        self.rows: list[tuple[float, float, list[int], list[float]]] = []
        self.infeasible = False  # set by solve: proven to have no feasible point
        self.checks = 0  # set by solve: HiGHS's checks of its limits in the root node

    def var(self, lower: float, upper: float, cost: float = 0.0, integer: bool = True) -> int:
        self.lower.append(lower)
        self.upper.append(upper)
        self.cost.append(cost)
        self.integer.append(integer)
        return len(self.lower) - 1

    def binary(self, cost: float = 0.0) -> int:
        return self.var(0, 1, cost)

    def row(self, lower: float, upper: float, index: Sequence[int], coef: Sequence[float]) -> None:
        if index:
            self.rows.append((lower, upper, list(index), list(coef)))

    def solve(self, seconds: float, start: Sequence[float] | None = None,
              nodes: int = NODES, root: int = ROOT_CHECKS, gap: float = GAP) -> list[int] | None:
        """The values of the variables at the best point found, or None when none was; start,
        a feasible point given to HiGHS to improve on (a warm start), so a limit can only make
        the answer less good, never absent. The search stops after nodes branch-and-bound
        nodes, and in the root node (where one node may take many seconds of cut rounds and
        heuristics) after root checks of its limits: HiGHS calls back at each, at the same
        points on any machine. Single-threaded HiGHS is deterministic, so bounded by these
        counts the answer is the same on a loaded machine; seconds is a safety net beyond
        (HiGHS's time_limit, and the same call-back, which sees it when HiGHS is past it)."""
        values = self.run(seconds, start, nodes, root, relaxed=False, gap=gap)
        return None if values is None else [math.floor(v + 0.5) for v in values]

    def near(self, seconds: float, start: Sequence[float] | None = None,
             root: int = ROOT_CHECKS) -> list[int] | None:
        """The values of a point near the optimum of the linear relaxation, or None where
        there is none (`infeasible` set when that is proven) or none was found in time.

        The integers the relaxation leaves whole are kept and the others solved between
        their floor and ceiling: HiGHS's RENS, but first, as a small MIP. The whole MIP of a
        1,000-project amount fit spent 5 s of CPU on cut rounds in its root node to find a
        point 0.02 % better than the one this finds in 0.1 s. Only where that small MIP has
        no point (or the relaxation stopped on its limits) does the whole MIP run, from
        start."""
        values = self.relaxed(seconds)
        if values is None:
            return None if self.infeasible else self.solve(seconds, start, root=root)
        lower, upper = self.lower, self.upper
        self.lower, self.upper = list(lower), list(upper)
        for j, v in enumerate(values):
            if self.integer[j]:
                self.lower[j] = max(lower[j], float(math.floor(v + FRACTION)))
                self.upper[j] = min(upper[j], float(math.ceil(v - FRACTION)))
        try:
            found = self.solve(seconds, None, root=root)
        finally:
            self.lower, self.upper = lower, upper
        return found if found is not None else self.solve(seconds, start, root=root)

    def relaxed(self, seconds: float) -> list[float] | None:
        """The values at an optimum of the linear relaxation (every variable continuous), or
        None when it has no feasible point (`infeasible` then set) or none was found in time.
        The values are floats: for deciding which rows to relax, never amounts themselves."""
        return self.run(seconds, None, NODES, ROOT_CHECKS, relaxed=True)

    def run(self, seconds: float, start: Sequence[float] | None, nodes: int, root: int,
            relaxed: bool, gap: float = GAP) -> list[float] | None:
        """HiGHS on the model (relaxed: as a linear program); the raw values or None."""
        self.infeasible = False
        if not self.lower:
            return []
        h = highs()
        for name, value in (("output_flag", False), ("log_to_console", False),
                            ("time_limit", float(seconds)), ("mip_rel_gap", gap),
                            ("threads", 1), ("mip_max_nodes", int(nodes))):
            h.setOptionValue(name, value)
        if relaxed:  # a linear program's work is bounded by its simplex iterations
            h.setOptionValue("simplex_iteration_limit", ITERATIONS)
        lp = highspy.HighsLp()
        n = len(self.lower)
        lp.num_col_ = n
        lp.num_row_ = len(self.rows)
        lp.col_cost_ = self.cost
        lp.col_lower_ = self.lower
        lp.col_upper_ = self.upper
        lp.row_lower_ = [r[0] for r in self.rows]
        lp.row_upper_ = [r[1] for r in self.rows]
        lp.a_matrix_.format_ = highspy.MatrixFormat.kRowwise
        starts, columns, entries = [0], [], []
        for _, _, idx, coef in self.rows:
            columns += idx
            entries += coef
            starts.append(len(columns))
        lp.a_matrix_.start_ = starts
        lp.a_matrix_.index_ = columns
        lp.a_matrix_.value_ = entries
        lp.a_matrix_.num_col_ = n
        lp.a_matrix_.num_row_ = len(self.rows)
        if not relaxed:
            lp.integrality_ = [highspy.HighsVarType.kInteger if i else
                               highspy.HighsVarType.kContinuous for i in self.integer]
        h.passModel(lp)
        checks = [0]
        deadline = time.perf_counter() + seconds

        def interrupt(_kind: object, _message: object, out: object, into: object,
                      _data: object) -> None:
            if getattr(out, "mip_node_count", 0) == 0:
                checks[0] += 1
            if checks[0] > root or time.perf_counter() > deadline:
                into.user_interrupt = True  # type: ignore[attr-defined]

        h.setCallback(interrupt, None)
        h.startCallback(highspy.cb.HighsCallbackType.kCallbackMipInterrupt)
        if start is not None:
            given = highspy.HighsSolution()
            given.col_value = list(start)
            h.setSolution(given)
        h.run()
        self.checks = checks[0]
        self.infeasible = h.getModelStatus() == highspy.HighsModelStatus.kInfeasible
        info = h.getInfo()
        if info.primal_solution_status != 2:  # kSolutionStatusFeasible
            return None
        return list(h.getSolution().col_value)
