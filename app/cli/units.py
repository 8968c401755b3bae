"""`pdf --units` and `export --units`: one PDF or tables workbook per unit into a folder."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from app.cli.base import CommandError
from app.compute.unitdoc import unit_budgets
from app.core.records import Budget
from app.profiles.units import file_name


def folder(value: str) -> Path:
    """The output folder, created if needed; a file of that name is refused."""
    out = Path(value)
    if out.exists() and not out.is_dir():
        raise CommandError(f"“{out}”是一个文件；--units 要写入的是文件夹。")
    out.mkdir(parents=True, exist_ok=True)
    return out


def write_each(budget: Budget, out: Path, suffix: str,
               write: Callable[[Budget, Path], None]) -> list[Path]:
    """Write every unit's document into out with write (each replaces its file atomically)."""
    taken: set[str] = set()
    written = []
    for unit in unit_budgets(budget):
        path = out / file_name(unit.department.name, unit.department.year, suffix, taken)
        write(unit, path)
        written.append(path)
    return written


def report(written: list[Path], what: str) -> None:
    print(f"已写出 {len(written)} 个单位的{what}：")
    for path in written:
        print(f"  {path}")
