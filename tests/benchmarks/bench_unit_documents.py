"""Benchmark: every unit's PDF of a 100-unit, 1,000-project department; prints time and peak memory.

    python -m tests.benchmarks.bench_unit_documents [UNITS PROJECTS]
"""

from __future__ import annotations

import resource
import sys
import tempfile
import time
from pathlib import Path

from app.cli.units import write_each
from reports.pdf import write_pdf
from tests.helpers.synthetic import generate


def main() -> None:
    units, projects = (int(a) for a in (sys.argv[1:3] if len(sys.argv) > 2 else ("100", "1000")))
    budget = generate(units=units, projects=projects)
    start = time.perf_counter()
    with tempfile.TemporaryDirectory() as out:
        written = write_each(budget, Path(out), ".pdf", lambda u, p: write_pdf(u, p))
        size = sum(p.stat().st_size for p in written)
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{len(written)} unit PDFs ({units} units, {projects} projects): {seconds:.1f} s, "
          f"{size / 1e6:.1f} MB written, peak RSS {peak:.0f} MB")


if __name__ == "__main__":
    main()
