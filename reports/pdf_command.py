"""The `budget-desk pdf` command: refuse a publication while 错误 remain, else write the PDF."""

from __future__ import annotations

import argparse
from pathlib import Path

from app import storage
from app.checks import blocking
from app.cli import CommandError
from reports.fonts import FontChoice, FontError
from reports.pdf import PdfWriteError, write_pdf


def font_choice(args: argparse.Namespace) -> FontChoice | None:
    """The user's fonts, the bundled face standing in for the one not given."""
    if not args.font_song and not args.font_hei:
        return None
    bundled = FontChoice.bundled()
    return FontChoice(Path(args.font_song) if args.font_song else bundled.song,
                      Path(args.font_hei) if args.font_hei else bundled.hei)


def run(args: argparse.Namespace) -> int:
    budget = storage.load(args.path)
    problems = blocking(budget)
    if problems and not args.draft:
        listed = "\n".join(f"  {i}. {p.location.label or p.location.key}：{p.message}"
                           for i, p in enumerate(problems, start=1))
        raise CommandError(f"还有 {len(problems)} 个错误未处理，不能生成公开文件：\n{listed}\n"
                           "请改正后重试；如只需查看，可加 --draft 生成带“草稿”水印的文件。")
    out = Path(args.output)
    try:
        write_pdf(budget, out, draft=args.draft, fonts=font_choice(args))
    except (FontError, PdfWriteError) as exc:
        raise CommandError(str(exc)) from exc
    kind = "草稿" if args.draft else "公开文件"
    print(f"已写出{kind}：{out}")
    return 0
