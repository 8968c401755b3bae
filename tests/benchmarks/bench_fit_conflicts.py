"""Diagnosis: which printed figures the amount fit lets go in a generated department, and why.

Imports the generator's department (100 units, 1,000 projects by default), catches the problem
the amount fit (`exact.best`) is given and, for each figure its answer breaks, solves the linear
relaxation with the other broken figures left out and this one's sum pushed as far as it goes
towards its interval: how far it falls short (in 元), and the figures that stop it (those with
a non-zero dual), each with the amounts under it (place, project, 项) — the projects the
assignment put together where no amounts within their rounding can hold every figure.

Run: python tests/benchmarks/bench_fit_conflicts.py [units projects seed]
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from app.imports.tables import exact, fit, importer
from app.imports.tables.mip import highs
from app.profiles.shanxi.tables import build_tables
from tests.helpers.synthetic import generate
from tests.helpers.table_workbook import write_workbook


def caught(units: int, projects: int, seed: int) -> dict[str, Any]:
    """The fit's problem and answer, the budget it fitted and the tables' figures that differ."""
    got: dict[str, Any] = {}
    best, fitted = exact.best, fit.fit

    def catching_best(*args: Any, **kwargs: Any) -> exact.Solution | None:
        got["args"], got["solution"] = args, best(*args, **kwargs)
        return got["solution"]  # type: ignore[no-any-return]

    def catching_fit(budget: Any, *args: Any) -> Any:
        got["budget"], got["places"] = budget, [s for s, _ in fit.slots(budget)]
        return fitted(budget, *args)

    fit.exact.best, importer.fit = catching_best, catching_fit  # type: ignore[assignment]
    try:
        with tempfile.TemporaryDirectory() as folder:
            path = write_workbook(build_tables(generate(units, projects, seed=seed)),
                                  Path(folder) / "tables.xlsx")
            got["differences"] = importer.import_tables(path).report.differences
    finally:
        fit.exact.best, importer.fit = best, fitted  # type: ignore[assignment]
    return got


def main(units: int = 100, projects: int = 1000, seed: int = 1) -> None:
    import highspy

    got = caught(units, projects, seed)
    base, halves, rules, ids, _weights, step = got["args"]
    places, budget, solution = got["places"], got["budget"], got["solution"]
    print(*got["differences"], sep="\n")
    if solution is None or not solution.broken_rules:
        print("no figure let go")
        return

    def amount(i: int) -> str:
        s = places[i]
        where = f"{s.kind}[{s.index}].{s.field} {base[i] / 100:.0f} 元"
        if s.kind.startswith("projects"):
            p = budget.projects[s.index]
            return f"{where} {p.name} 项 {p.function} 单位 {p.unit}"
        if s.kind == "basic_function":
            return f"{where} 项 {budget.basic_function[s.index].function}"
        return where

    rows = exact.Rows.of(base, halves, rules, ids, step)
    for j in solution.broken_rules:
        gone = {("rule", k) for k in solution.broken_rules}
        built = exact.build(rows, [0.0] * len(base),
                            lambda kind, i, gone=gone: exact.DROP if (kind, i) in gone else exact.HARD,
                            integer=False)
        m = built.model
        total = sum(base[i] for i in rules[j].members)
        up = total < rules[j].low
        for i in rules[j].members:
            if i in built.var:
                m.cost[built.var[i]] = -1.0 if up else 1.0
        labels = [k for k, *_ in rows.figures if ("rule", k) not in gone]
        h = highs()
        h.setOptionValue("output_flag", False)
        h.passModel(lp_of(m, highspy))
        h.run()
        reach = -h.getInfo().objective_function_value if up else h.getInfo().objective_function_value
        need = (rules[j].low - total if up else rules[j].high - total) / step
        print(f"\nfigure {j} ({len(rules[j].members)} amounts): needs {need:+.0f} steps of {step} 分, "
              f"reaches {reach:+.0f}")
        for i in rules[j].members:
            print("   ", amount(i))
        for r, dual in enumerate(h.getSolution().row_dual):
            if abs(dual) > 1e-9 and r < len(labels):
                k = labels[r]
                print(f"  held by figure {k} ({len(rules[k].members)} amounts, dual {dual:+.0f}):",
                      "; ".join(amount(i) for i in rules[k].members[:6]))


def lp_of(m: Any, highspy: Any) -> Any:
    """The relaxation of a `mip.Model` as a HighsLp (rows as `Model.run` passes them)."""
    lp = highspy.HighsLp()
    lp.num_col_, lp.num_row_ = len(m.lower), len(m.rows)
    lp.col_cost_, lp.col_lower_, lp.col_upper_ = m.cost, m.lower, m.upper
    lp.row_lower_ = [r[0] for r in m.rows]
    lp.row_upper_ = [r[1] for r in m.rows]
    lp.a_matrix_.format_ = highspy.MatrixFormat.kRowwise
    starts, columns, entries = [0], [], []
    for _, _, idx, coef in m.rows:
        columns += idx
        entries += coef
        starts.append(len(columns))
    lp.a_matrix_.start_, lp.a_matrix_.index_, lp.a_matrix_.value_ = starts, columns, entries
    lp.a_matrix_.num_col_, lp.a_matrix_.num_row_ = len(m.lower), len(m.rows)
    return lp


if __name__ == "__main__":
    main(*(int(a) for a in sys.argv[1:4]))
