"""`budget-desk pdf PATH -o OUT.pdf [--draft] [--font-song PATH --font-hei PATH]`.

Refuses a publication while 错误 remain, else writes the PDF and reads it back before putting it
in place (a row or figure it lacks refuses the file); reportlab is loaded only here.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.cli.base import CommandError
from app.core.records import Budget
from app.profiles.review import open_errors
from app.store import storage

if TYPE_CHECKING:
    from reports.fonts import FontChoice


def register(sub: Any) -> None:
    p = sub.add_parser("pdf", help="生成部门预算公开 PDF 文件")
    p.add_argument("path", help="预算文件")
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


def refuse_open_errors(budget: Budget, draft: bool) -> None:
    """A CommandError listing the 错误 not yet dealt with, unless only a draft is asked for."""
    problems = open_errors(budget)
    if problems and not draft:
        listed = "\n".join(f"  {i}. {p.location.label or p.location.key}：{p.message}"
                           for i, p in enumerate(problems, start=1))
        raise CommandError(f"还有 {len(problems)} 个错误未处理，不能生成公开文件：\n{listed}\n"
                           "请改正后重试；如只需查看，可加 --draft 生成带“草稿”水印的文件。")


def run(args: argparse.Namespace) -> int:
    if args.units:
        return run_units(args)
    budget = storage.load(args.path)
    refuse_open_errors(budget, args.draft)
    from app.inspect.readback import faults
    from reports.pdf import write_pdf

    out = Path(args.output)
    write_pdf(budget, out, draft=args.draft, fonts=font_choice(args), verify=faults)
    kind = "草稿" if args.draft else "公开文件"
    print(f"已写出{kind}：{out}")
    return 0


def run_units(args: argparse.Namespace) -> int:
    """One PDF per unit (its 单位预算公开) into the folder -o; refused while 错误 remain."""
    from app.cli.units import folder, report

    budget = storage.load(args.path)
    if not budget.units:
        raise CommandError("文件中没有单位，无法生成单位预算公开。")
    refuse_open_errors(budget, args.draft)
    from reports.unitpdfs import write_unit_pdfs

    written = write_unit_pdfs(budget, folder(args.output), draft=args.draft,
                              fonts=font_choice(args))  # over two processes
    report(written, "单位预算公开" + ("草稿" if args.draft else ""))
    return 0
