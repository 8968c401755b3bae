"""The file's own codes: 导入科目表 (the year's official list from a workbook) and naming a code
the catalog does not know where it is typed (a 补充科目 kept in the file)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from app.core.catalog import KIND_NAMES, KINDS
from app.core.records import Budget, CatalogEntry
from app.imports.codelist import read_code_list
from app.imports.workbook import problem_lines
from forms.qt import QInputDialog, QWidget
from forms.session import Session


def with_entries(budget: Budget, entries: list[CatalogEntry]) -> Budget:
    """budget whose loaded codes of the entries' kinds are replaced by entries (as the command
    `catalog --load` does); the other kinds' codes are kept."""
    loaded = {e.kind for e in entries}
    kept = tuple(e for e in budget.catalog_entries if e.kind not in loaded)
    return replace(budget, catalog_entries=kept + tuple(entries))


def with_entry(budget: Budget, entry: CatalogEntry) -> Budget:
    """budget with one 补充科目 added (or renamed)."""
    kept = tuple(e for e in budget.catalog_entries
                 if (e.kind, e.code) != (entry.kind, entry.code))
    return replace(budget, catalog_entries=(*kept, entry))


def load_code_list(parent: QWidget, session: Session, path: Path) -> str:
    """Read the code-list workbook at path into the open file (one undoable edit); the message
    for the user (what was loaded, or the problems, nothing loaded)."""
    entries, problems = read_code_list(path)
    if problems and not entries and any("无法从工作表名判断" in p.message for p in problems):
        names = [KIND_NAMES[k] for k in KINDS]
        chosen, ok = QInputDialog.getItem(parent, "科目类别",
                                          "工作表名没有说明是哪类科目，请选择：", names, 0, False)
        if not ok:
            return ""
        entries, problems = read_code_list(path, KINDS[names.index(chosen)])
    if problems:
        return (f"科目表“{path.name}”有 {len(problems)} 个问题，未导入任何科目：\n"
                + "\n".join(problem_lines(problems)))
    session.apply("导入科目表", with_entries(session.budget, entries))
    counts = "，".join(f"{KIND_NAMES[k]} {sum(1 for e in entries if e.kind == k)} 个"
                      for k in KINDS if any(e.kind == k for e in entries))
    return f"已从“{path.name}”导入科目：{counts}。"


def name_code(parent: QWidget, session: Session, kind: str, code: str,
              retry: Callable[[], object]) -> bool:
    """Ask for the name of code (unknown to the year's catalog); with a name, keep it as a
    补充科目 in the file and retry the edit that was refused."""
    name, ok = QInputDialog.getText(
        parent, "补充科目",
        f"编码“{code}”不在本文件的{KIND_NAMES[kind]}科目表中。\n"
        "本程序自带的科目表只含部分科目；也可以取消，用“文件 → 导入科目表”导入当年的全部科目。\n"
        "请填写它的名称（作为“补充科目”保存在本文件中）：")
    name = name.strip()
    if not ok or not name:
        return False
    session.apply(f"补充科目 {code} {name}", with_entry(session.budget, CatalogEntry(kind, code, name)))
    retry()
    return True
