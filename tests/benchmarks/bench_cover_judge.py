"""What judging one complete answer of the cover by the strict fit would cost (issue 16, round 7c).

Imports the generator's department (100 units, 1,000 projects by default), catches the budget
the mapper hands the amount fit, and times, in CPU seconds, the pieces a judge of the cover's
answer would run once per answer: the probe tables and their figures (`fit.probe_tables`,
`fit.constraints`), the identities, and the strict relaxation (every figure and identity hard,
offsets continuous: feasible or not). Prints whether that answer passes.

The judge itself, wired into the cover (`Cover.final`: each complete answer, after the dense
dimensions are packed, judged; one sent back searched past, 5 at most), is
tests/benchmarks/cover_judge.patch on branch h/fit16c, not merged (`git apply` it; measured
and not kept: docs/benchmarks.md, "Table import, round 7c").

Run: python tests/benchmarks/bench_cover_judge.py [units projects seed]
"""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from app.imports.tables import exact, fit
from app.imports.tables.mip import highs
from app.imports.tables.report import Report
from tests.benchmarks.bench_fit_conflicts import caught, lp_of


def main(units: int = 100, projects: int = 1000, seed: int = 1) -> None:
    import highspy

    got: dict[str, Any] = {}
    constraints = fit.constraints

    def catching(probe: Any, sources: Any, report: Any, lay: Any) -> Any:
        got["sources"], got["lay"] = sources, lay
        return constraints(probe, sources, report, lay)

    fit.constraints = catching  # type: ignore[assignment]
    start = time.process_time()
    try:
        got.update(caught(units, projects, seed))
    finally:
        fit.constraints = constraints  # type: ignore[assignment]
    print(f"whole import: {time.process_time() - start:.2f} s CPU; differences: "
          f"{len(got['differences'])}")
    base, halves, rules, ids, _weights, step = got["args"]
    budget, places = got["budget"], got["places"]
    t0 = time.process_time()
    tables = fit.probe_tables(budget, places, got["lay"])
    t1 = time.process_time()
    fit.constraints(tables, got["sources"], Report(), got["lay"])
    t2 = time.process_time()
    fit.identities(budget, places)
    t3 = time.process_time()
    rows = exact.Rows.of(base, halves, rules, ids, step)
    built = exact.build(rows, [0.0] * len(base), lambda _k, _i: exact.HARD, integer=False)
    t4 = time.process_time()
    h = highs()
    h.setOptionValue("output_flag", False)
    h.passModel(lp_of(built.model, highspy))
    h.run()
    t5 = time.process_time()
    status = h.modelStatusToString(h.getModelStatus())
    print(f"{len(places)} amounts, {len(rules)} figures, {len(ids)} identities")
    print(f"probe tables {t1 - t0:.2f} s; constraints {t2 - t1:.2f} s; identities "
          f"{t3 - t2:.2f} s; model {t4 - t3:.2f} s; strict LP {t5 - t4:.2f} s: {status}")


if __name__ == "__main__":
    main(*(int(a) for a in sys.argv[1:4]))
