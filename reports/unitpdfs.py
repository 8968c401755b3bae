"""Every unit's PDF (单位预算公开) of a file into a folder, over worker processes, with cancel.

Each worker process receives the department's budget once (when it starts), loads the fonts
once, and then cuts and writes one unit's document per task, so a unit's budget is computed
once and nothing is pickled per unit but its code and file name. Every PDF is written
atomically (`write_pdf`): a cancel stops the running documents before they are put in place,
so the folder never holds a half-written file. One worker (or a few units) runs in this
process. Worker processes are never forked from the caller (the window runs Qt threads): where
the system has it, they are forked from multiprocessing's fork server, a process of its own
started once per program (on the first run) that has imported this module and so the PDF's
code, so a worker starts without importing reportlab and the app again, and a second run in the
same window starts none of that again; elsewhere (Windows) they are spawned. A program calling
this must guard its main module (`if __name__ == "__main__":`, and call
multiprocessing.freeze_support() when frozen).
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app.compute.unitdoc import unit_budget
from app.core.errors import Cancelled
from app.core.records import Budget
from app.profiles.units import file_name
from reports.fonts import FontChoice, load_fonts
from reports.pdf import Verify, write_pdf

Progress = Callable[[int, int], None]
FEW = 6  # fewer units are written here: a worker takes a second or two to start


def workers_wanted() -> int:
    """Two worker processes where the machine has two cores or more (the aim's machine has 2)."""
    return max(1, min(2, os.cpu_count() or 1))


def planned(budget: Budget, out: Path, suffix: str = ".pdf") -> list[tuple[str, Path]]:
    """(unit code, its file in out) for every unit, in the file's order: `单位名称-年度单位预算公开`,
    forbidden characters replaced, equal names numbered."""
    taken: set[str] = set()
    year = budget.department.year
    return [(u.code, out / file_name(u.name, year, suffix, taken)) for u in budget.units]


@dataclass(frozen=True)
class _Job:
    budget: Budget
    draft: bool
    fonts: FontChoice | None
    verify: Verify | None


_job: _Job | None = None
_stop: Any = None  # the shared cancel event, in a worker


def _start(job: _Job, stop: Any) -> None:
    """A worker's start: keep the department's budget and load the fonts, once."""
    global _job, _stop
    _job, _stop = job, stop
    load_fonts(job.fonts)


def _write(code: str, path: str) -> str:
    assert _job is not None
    job = _job
    write_pdf(unit_budget(job.budget, code), Path(path), draft=job.draft, fonts=job.fonts,
              verify=job.verify, cancelled=_stop.is_set if _stop is not None else None)
    return path


def write_unit_pdfs(budget: Budget, out: Path, *, draft: bool = False,
                    fonts: FontChoice | None = None, verify: Verify | None = None,
                    progress: Progress | None = None, cancelled: Callable[[], bool] | None = None,
                    workers: int | None = None,
                    written: Callable[[Path], None] | None = None) -> list[Path]:
    """Write every unit's PDF into out (which must exist); the paths written, in unit order.

    written(path) is told each file once it is in place; progress(done, total) after each.

    Raises Cancelled when cancelled() became true (the documents finished before stay, whole;
    none is half-written) and the first failure of any document (FontError, PdfWriteError…).
    """
    plan = planned(budget, out)
    count = max(1, workers) if workers is not None else (
        workers_wanted() if len(plan) >= FEW else 1)
    if count == 1 or len(plan) < 2:
        return _in_process(budget, plan, draft, fonts, verify, progress, cancelled, written)
    context = _context()
    stop = context.Event()
    job = _Job(budget, draft, fonts, verify)
    done: set[Future[str]] = set()
    with ProcessPoolExecutor(min(count, len(plan)), mp_context=context, initializer=_start,
                             initargs=(job, stop)) as pool:
        pending: set[Future[str]] = {pool.submit(_write, code, str(path)) for code, path in plan}
        try:
            while pending:
                if cancelled is not None and cancelled():
                    stop.set()
                    raise Cancelled("已取消生成单位预算公开。")
                finished, pending = wait(pending, timeout=0.1, return_when=FIRST_COMPLETED)
                for future in finished:
                    path = Path(future.result())  # a document's failure ends the run
                    done.add(future)
                    if written is not None:
                        written(path)
                if finished and progress is not None:
                    progress(len(done), len(plan))
        except BaseException:
            stop.set()
            for future in pending:
                future.cancel()
            raise
    return [path for _, path in plan]


def _context() -> Any:
    """The fork server, preloaded with this module, where the system has one; else spawn. Never
    fork: the caller may run Qt threads."""
    if "forkserver" not in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("spawn")
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload([__name__])  # heeded when the server starts, the first run
    return context


def _in_process(budget: Budget, plan: list[tuple[str, Path]], draft: bool,
                fonts: FontChoice | None, verify: Verify | None, progress: Progress | None,
                cancelled: Callable[[], bool] | None,
                written: Callable[[Path], None] | None) -> list[Path]:
    for number, (code, path) in enumerate(plan):
        if cancelled is not None and cancelled():
            raise Cancelled("已取消生成单位预算公开。")
        write_pdf(unit_budget(budget, code), path, draft=draft, fonts=fonts, verify=verify,
                  cancelled=cancelled)
        if written is not None:
            written(path)
        if progress is not None:
            progress(number + 1, len(plan))
    return [path for _, path in plan]
