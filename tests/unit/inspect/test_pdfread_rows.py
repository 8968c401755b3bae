"""Text runs grouped into rows by height: the sorted lookup joins exactly the rows the plain
scan (each run to the first row started at its height) joins."""

from __future__ import annotations

import random

from app.inspect.pdfread import Run, grouped


def scanned(runs: list[Run]) -> list[list[Run]]:
    rows: list[list[Run]] = []
    for run in runs:
        row = next((r for r in rows if abs(r[0][0] - run[0]) <= 0.3 * min(r[0][1], run[1])), None)
        if row is None:
            rows.append([run])
        else:
            row.append(run)
    return rows


def test_grouped_equals_the_plain_scan() -> None:
    rng = random.Random(21)
    for case in range(300):
        runs: list[Run] = []
        for n in range(rng.randint(0, 120)):
            # table rows a line apart, some runs a little off their row, some tall, some tiny
            centre = rng.choice([rng.randint(0, 60) * 13.5, rng.uniform(0, 800)])
            centre += rng.choice([0.0, 0.0, rng.uniform(-4, 4)])
            height = rng.choice([10.5, 10.5, 12.0, rng.uniform(0.5, 40.0)])
            runs.append((centre, height, float(n), float(n) + 1, f"r{case}-{n}"))
        assert grouped(runs) == scanned(runs)


def test_runs_at_one_height_form_one_row_in_order() -> None:
    runs: list[Run] = [(100.0, 10.0, 50.0, 60.0, "b"), (300.0, 10.0, 0.0, 9.0, "x"),
                       (101.5, 10.0, 0.0, 40.0, "a"), (104.0, 10.0, 70.0, 80.0, "c")]
    assert [[r[4] for r in row] for row in grouped(runs)] == [["b", "a"], ["x"], ["c"]]
