"""Benchmark: every unit's PDF of a 100-unit, 1,000-project department; prints time and peak memory.

    python -m tests.benchmarks.bench_unit_documents [UNITS PROJECTS [WORKERS]]

Times what `pdf FILE --units` does after loading: the checks that may refuse it (the
department's and every unit's), then the PDFs over WORKERS processes (default: two). Memory is
this process's peak plus each worker's (the largest worker's peak, times the workers).
"""

from __future__ import annotations

import resource
import sys
import tempfile
import time
from pathlib import Path

from app.profiles.review import open_errors
from reports.unitpdfs import workers_wanted, write_unit_pdfs
from tests.helpers.synthetic import generate


def main() -> None:
    units, projects = (int(a) for a in (sys.argv[1:3] if len(sys.argv) > 2 else ("100", "1000")))
    workers = int(sys.argv[3]) if len(sys.argv) > 3 else workers_wanted()
    budget = generate(units=units, projects=projects)
    start = time.perf_counter()
    errors = open_errors(budget)
    checked = time.perf_counter() - start
    with tempfile.TemporaryDirectory() as out:
        written = write_unit_pdfs(budget, Path(out), workers=workers)
        size = sum(p.stat().st_size for p in written)
    seconds = time.perf_counter() - start
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    child = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    total = own + (child * workers if workers > 1 else 0)
    print(f"{len(written)} unit PDFs ({units} units, {projects} projects, {workers} processes): "
          f"{seconds:.1f} s (checks {checked:.1f} s, {len(errors)} 错误), {size / 1e6:.1f} MB written, "
          f"peak RSS {own:.0f} MB here + {child:.0f} MB per worker = at most {total:.0f} MB")


if __name__ == "__main__":
    main()
