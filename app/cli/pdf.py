"""`budget-desk pdf PATH -o OUT.pdf [--draft] [--font-song PATH --font-hei PATH]`.

Refuses a publication while 错误 remain, else writes the PDF and reads it back before putting it
in place (a row or figure it lacks refuses the file); reportlab is loaded only here. The checks
and the read-back run in a second process beside the layout (`app.cli.pdfaside`); the file is
put in place only after both have passed.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
from collections.abc import Callable, Iterator, Sequence
from dataclasses import replace
from pathlib import Path
from threading import Thread
from typing import TYPE_CHECKING, Any

from app.cli import startcache
from app.cli.base import CommandError, Refused, exit_when_done
from app.compute.tabledef import Table
from app.core.records import Budget
from app.store import storage

if TYPE_CHECKING:
    from app.core.findings import Finding
    from reports.fonts import FontChoice


def register(sub: Any) -> None:
    p = sub.add_parser("pdf", help="生成部门预算公开 PDF 文件（有未处理的错误时不生成，退出码为 1）")
    p.add_argument("path", help="要生成 PDF 的预算文件")
    p.add_argument("-o", "--output", required=True, help="要写出的 PDF 文件（加 --units 时为文件夹）")
    p.add_argument("--units", action="store_true",
                   help="改为把每个单位的单位预算公开各写成一个 PDF，放入 -o 指定的文件夹")
    p.add_argument("--draft", action="store_true",
                   help="仍有未处理的错误时也生成，每页加“草稿”水印（不得公开）")
    p.add_argument("--font-song", help="正文和表格用的宋体类字体文件（.ttf/.ttc），如 simsun.ttc")
    p.add_argument("--font-hei", help="标题用的黑体类字体文件（.ttf/.ttc），如 simhei.ttf")
    p.set_defaults(run=run)


def font_choice(args: argparse.Namespace) -> FontChoice | None:
    """The user's fonts, the bundled face standing in for the one not given."""
    from reports.fonts import FontChoice

    if not args.font_song and not args.font_hei:
        return None
    bundled = FontChoice.bundled()
    return FontChoice(Path(args.font_song) if args.font_song else bundled.song,
                      Path(args.font_hei) if args.font_hei else bundled.hei)


def open_errors(budget: Budget) -> list[Finding]:
    """The 错误 that block publication (the checks are loaded here, where they run)."""
    from app.profiles.review import open_errors as found

    return found(budget)


def refusal(budget: Budget) -> str | None:
    """The message refusing publication while 错误 are not dealt with, or None."""
    problems = open_errors(budget)
    if not problems:
        return None
    listed = "\n".join(f"  {i}. {p.location.label or p.location.key}：{p.message}"
                       for i, p in enumerate(problems, start=1))
    return (f"还有 {len(problems)} 个错误未处理，不能生成公开文件：\n{listed}\n"
            "请改正后重试；如只需查看，可加 --draft 生成带“草稿”水印的文件。")


def refuse_open_errors(budget: Budget, draft: bool) -> None:
    """A Refused listing the 错误 not yet dealt with, unless only a draft is asked for."""
    if draft:
        return
    message = refusal(budget)
    if message:
        raise Refused(message)


def run(args: argparse.Namespace) -> int:
    if args.units:
        return run_units(args)
    with _paused():
        return _run(args)


@contextlib.contextmanager
def _paused() -> Iterator[None]:
    """The collector paused for the whole command (started again after, where it ran): its ~30
    passes before the layout (the file's load, the renderer's and the read-back's modules
    imported: ~300 modules' objects, almost none of them garbage) took ~5 ms on the command's
    own path, before write_pdf pauses it anyway. The second process, forked meanwhile, runs
    without it too: it checks, reads the PDF back and ends with the command."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _run(args: argparse.Namespace) -> int:
    budget = storage.load(args.path)
    from app.cli.pdfaside import Aside
    from reports import linecache, subsetcache

    # the checks and the read-back run beside the layout; the refusal comes first, as it would
    # before the layout, and the file is not put in place while it stands
    aside = Aside(budget, not args.draft, refusal, read_back)
    try:
        from reports.pdf import write_pdf

        # the program's own run: the lines set and the font subsets made are kept between runs
        keeps = startcache.installed()
        if keeps:
            linecache.enable()
            subsetcache.enable()

        def verify(temp: Path, tables: Sequence[Table], texts: Sequence[str]) -> list[str]:
            refuse(aside.refusal())
            # the lines and subsets are kept while this process waits for the read-back (~0.02 s,
            # when a text was set or a subset made anew): the layout is done, and the wait leaves
            # the interpreter free
            keeping = _meanwhile(_keep) if keeps else None
            try:
                return aside.faults(temp, tables, texts)
            finally:
                if keeping is not None:
                    keeping.join()

        out = Path(args.output)
        try:
            with _aged():
                # a refusal that comes during the layout stops it (write_pdf raises Cancelled)
                write_pdf(budget, out, draft=args.draft, fonts=font_choice(args), verify=verify,
                          cancelled=aside.refused_meanwhile, expect=aside.expect)
        except Exception:
            refuse(aside.refusal())  # a refusal still comes before any other fault
            raise
    except BaseException:
        aside.close()
        raise
    aside.close(wait=False)  # it has given its answers: it ends by itself
    kind = "草稿" if args.draft else "公开文件"
    print(f"已写出{kind}：{out}")
    exit_when_done()  # the PDF is in place; the second process is ending (it writes nothing)
    return 0


def _keep() -> None:
    """Keep what this run made for the next: the lines set, the font subsets (each on its own)."""
    from reports import subsetcache
    from reports.pdf_para import keep_lines

    with contextlib.suppress(Exception):
        keep_lines()
    subsetcache.keep()


def _meanwhile(work: Callable[[], None]) -> Thread | None:
    """work run by a thread, or here where none can start (None); its faults are left
    unreported: it only keeps a cache."""
    def run() -> None:
        with contextlib.suppress(Exception):
            work()

    thread = Thread(target=run, name="pdf-keep", daemon=True)
    try:
        thread.start()
    except RuntimeError:  # no thread: done here
        run()
        return None
    return thread


@contextlib.contextmanager
def _aged() -> Iterator[None]:
    """The collector paused (write_pdf pauses it too, but starts it again at its end), then
    every object the PDF's layout left alive (caches, fonts) put in the collector's oldest
    generation (gc.freeze and unfreeze), where no pass looks at it until a full collection, which
    the command never reaches: started again with them in its youngest, its first pass would
    scan them all (0.05 s) just before the command ends."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        gc.unfreeze()
        if enabled:
            gc.enable()


def refuse(message: str | None) -> None:
    if message:
        raise Refused(message)


def read_back(path: Path, tables: Sequence[Table], texts: Sequence[str]) -> list[str]:
    """The read-back in this process (where the second one could not do it)."""
    from app.inspect.readback import faults

    return faults(path, tables, texts)


def run_units(args: argparse.Namespace) -> int:
    """One PDF per unit (its 单位预算公开) into the folder -o; refused while 错误 remain."""
    from app.cli.units import folder, report

    budget = storage.load(args.path)
    if not budget.units:
        raise CommandError("文件中没有单位，无法生成单位预算公开。")
    # the units' documents are asked for here, whether or not the file says it publishes them
    # (部门 → 同时公开各单位的单位预算): their own 错误 refuse them as the department's do
    asked = replace(budget, settings=replace(budget.settings, unit_documents=True))
    refuse_open_errors(asked, args.draft)
    from reports.unitpdfs import write_unit_pdfs

    written = write_unit_pdfs(budget, folder(args.output), draft=args.draft,
                              fonts=font_choice(args))  # over two processes
    report(written, "单位预算公开" + ("草稿" if args.draft else ""))
    return 0
