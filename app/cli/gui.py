"""`budget-desk demo` and opening the window; without a display, demo prints and writes instead.

Nothing here imports PySide6 at module level: the window is loaded only when it is shown.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Any

SAMPLE_NAME = "示例-晋城市科学技术局2026"


def register(sub: Any) -> None:
    p = sub.add_parser("demo", help="打开内置示例（没有显示器时打印其报表并生成 PDF）")
    p.add_argument("--dir", help="示例文件写到哪个文件夹（默认：“文档”或主目录）")
    p.set_defaults(run=cmd_demo)


def has_display() -> bool:
    """Whether a window can be shown (always on Windows and macOS)."""
    if not sys.platform.startswith("linux"):
        return True
    return any(os.environ.get(name) for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"))


def default_folder() -> Path:
    documents = Path.home() / "Documents"
    return documents if documents.is_dir() else Path.home()


def cmd_demo(args: argparse.Namespace) -> int:
    from app.profiles.shanxi.sample import load_sample
    from app.store import storage

    folder = Path(args.dir) if args.dir else default_folder()
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{SAMPLE_NAME}{storage.EXTENSION}"
    if not path.exists():
        storage.save(load_sample(), path)
    print(f"示例预算文件：{path}")
    if has_display():
        return show(path)
    return print_demo(path)


def print_demo(path: Path) -> int:
    """The sample's tables on standard output and its PDF beside the file."""
    from app.compute.textout import render
    from app.inspect.readback import faults
    from app.profiles.registry import profile_of
    from app.store import storage

    budget = storage.load(path)
    template, kind = profile_of(budget)
    print("\n\n".join(render(t) for t in template.tables(budget, kind)))
    from reports.pdf import write_pdf

    out = path.with_suffix(".pdf")
    write_pdf(budget, out, verify=faults)
    print(f"没有显示器，未打开窗口；已生成 PDF：{out}")
    return 0


def show(path: Path | None) -> int:
    from forms.app import run

    return run(path)


def open_window(args: argparse.Namespace) -> int:
    """`budget-desk` (the start page) or `budget-desk PATH` (that file)."""
    path = getattr(args, "path", None)
    if not has_display():
        print("budget-desk: 没有可用的显示器，无法打开窗口（可设置 QT_QPA_PLATFORM=offscreen）。",
              file=sys.stderr)
        return 2
    return show(Path(path) if path else None)
