"""导入Excel into an open file, 另存为 over a budget file, and the places a disclosure needs
(名词解释, 部门整体支出绩效目标表 with 未编报, 导入科目表, naming an unknown code).

Driven as a user would: menu actions triggered, buttons of the questions clicked, keys typed;
only the file dialogs and the one-line name question are answered by patching their static calls.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from app.core.records import Budget
from app.imports.tables.defaults import department_money
from app.profiles.registry import standard_glossary
from app.profiles.shanxi.narrative import sections
from app.profiles.shanxi.tables import build_tables
from app.store import storage
from reports.excel_data import data_workbook
from reports.xlsxwrite import save_book
from tests.gui.test_gui_flow import keys, type_cell
from tests.gui.test_gui_identity import answer

pytestmark = pytest.mark.gui


@pytest.fixture
def window(make_window: Callable[..., Any], tmp_path: Path) -> Iterator[Any]:
    main = make_window(size=(1366, 768), settings=True, told=True)
    yield main


def action(window: Any, text: str) -> Any:
    from forms.qt import QAction

    return next(a for a in window.findChildren(QAction) if a.text().startswith(text))


def backups(path: Path) -> list[Path]:
    return sorted(path.parent.glob(f"{path.name}.*.bak"))


def text_of_ten(budget: Budget) -> str:
    found = sections(budget)
    start = next(i for i, s in enumerate(found) if s.heading.startswith("十、"))
    return "".join(p for s in found[start:start + 3] for p in s.paragraphs)


def test_import_into_an_open_file_shows_changes_backs_up_and_undoes(
        window: Any, qtbot: Any, tmp_path: Path, sample: Budget, monkeypatch: Any) -> None:
    from forms.qt import QFileDialog

    path = tmp_path / "finished.budget"
    assert window.create_file(sample, path)
    before = window.session.budget
    bare = next(p for p in sample.projects if sample.form_of(p) is None)
    imported = replace(sample, projects=tuple(p for p in sample.projects if p != bare),
                       texts=replace(sample.texts, duties="导入的职责"))
    book = tmp_path / "data.xlsx"
    save_book(data_workbook(imported), str(book))  # book.save's parts, faster
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(book), ""))
    seen: list[str] = []
    answer(qtbot, "导入到当前文件", seen)
    action(window, "导入 Excel").trigger()
    qtbot.waitUntil(lambda: window.session.budget != before or bool(window.told), timeout=20000)
    assert not window.told, (window.told, seen)
    assert "项目：删除 1" in seen[0] and "文字说明：修改 1" in seen[0]
    assert "单位：" not in seen[0]  # what did not change is not listed
    assert window.session.budget.texts.duties == "导入的职责"
    assert storage.load(path).texts.duties == "导入的职责"
    [backup] = backups(path)
    assert storage.load(backup) == before  # the same kind of backup as the command line's
    assert "备份" in window.notice.text()
    action(window, "撤销").trigger()
    assert window.session.budget == before
    assert storage.load(path) == before


def test_import_while_a_file_is_open_can_be_cancelled(
        window: Any, qtbot: Any, tmp_path: Path, sample: Budget, monkeypatch: Any) -> None:
    from forms.qt import QFileDialog

    path = tmp_path / "finished.budget"
    assert window.create_file(sample, path)
    before = window.session.budget
    book = tmp_path / "data.xlsx"
    save_book(data_workbook(replace(sample, texts=replace(sample.texts, duties="别的"))), str(book))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(book), ""))
    seen: list[str] = []
    answer(qtbot, "取消", seen)
    action(window, "导入 Excel").trigger()
    qtbot.waitUntil(lambda: bool(seen), timeout=20000)
    qtbot.wait(50)
    assert window.session.budget == before and storage.load(path) == before
    assert not backups(path)


def test_save_as_over_a_budget_file_asks_in_chinese_and_keeps_a_backup(
        window: Any, qtbot: Any, tmp_path: Path, sample: Budget, monkeypatch: Any) -> None:
    from forms.qt import QFileDialog

    other = tmp_path / "other.budget"
    theirs = replace(sample, texts=replace(sample.texts, duties="另一个文件"))
    storage.replace_file(theirs, other)
    assert window.create_file(sample, tmp_path / "mine.budget")
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(other), ""))
    seen: list[str] = []
    answer(qtbot, "取消", seen)
    action(window, "另存为").trigger()
    assert "“other.budget”已存在，是一个预算文件" in seen[0] and "备份" in seen[0]
    assert storage.load(other) == theirs and not backups(other)
    assert window.session.path.name == "mine.budget"
    answer(qtbot, "替换", seen)
    action(window, "另存为").trigger()
    assert len(seen) == 2
    assert storage.load(other).texts.duties == sample.texts.duties
    [backup] = backups(other)
    assert storage.load(backup) == theirs
    assert window.session.path == other.resolve()


def test_a_new_file_starts_with_the_standard_glossary_and_it_is_editable(
        window: Any, qtbot: Any, tmp_path: Path, monkeypatch: Any) -> None:
    from forms.qt import QApplication, QFileDialog, QTimer
    from forms.start import NewDialog

    def fill() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, NewDialog):
            QTimer.singleShot(20, fill)
            return
        keys(qtbot, dialog.name, "测试市统计局")
        keys(qtbot, dialog.code, "901")
        keys(qtbot, dialog.units, "901001 测试市统计局 行政")
        dialog.accept()

    path = tmp_path / "new.budget"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(path), ""))
    QTimer.singleShot(0, fill)
    action(window, "新建").trigger()
    assert storage.load(path).texts.glossary == standard_glossary()
    page = window.editor.go(8)
    page.tabs.setCurrentWidget(page.glossary)
    grid = page.glossary.grid
    assert grid.model().rowCount() == len(standard_glossary()) + 1
    type_cell(qtbot, grid, len(standard_glossary()), 0, "统计调查")
    type_cell(qtbot, grid, len(standard_glossary()), 1, "依法开展的统计调查工作。")
    glossary = storage.load(path).texts.glossary
    assert glossary[-1].term == "统计调查" and glossary[-1].definition == "依法开展的统计调查工作。"


def test_not_reported_changes_the_text_and_reported_fills_the_money(
        window: Any, qtbot: Any, tmp_path: Path, sample: Budget) -> None:
    from forms.qt import Qt

    assert sample.department_form is None  # the bug: the text said 编报 for a file without a form
    assert window.create_file(sample, tmp_path / "s.budget")
    page = window.editor.go(8)
    panel = page.department
    page.tabs.setCurrentWidget(panel)
    assert not panel.yes.isChecked() and not panel.no.isChecked()
    assert "尚未选择" in panel.state.text()
    qtbot.mouseClick(panel.no, Qt.MouseButton.LeftButton)
    budget = window.session.budget
    assert "年未编报部门整体支出绩效目标" in text_of_ten(budget)
    assert budget.department_form is None and not panel.details.isEnabled()
    page.tabs.setCurrentIndex(0)
    assert "未编报部门整体支出绩效目标" in page.preview.text()
    page.tabs.setCurrentWidget(panel)
    qtbot.mouseClick(panel.yes, Qt.MouseButton.LeftButton)
    budget = window.session.budget
    assert budget.department_form is not None and panel.details.isEnabled()
    assert budget == department_money(budget)  # the money is the file's own, not typed
    assert budget.department_form.budget.total > 0
    assert "年编报部门整体支出绩效目标，涉及部门预算资金" in text_of_ten(budget)
    field = panel.fields["divisions"]
    field.setFocus()
    keys(qtbot, field, "7")
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert window.session.budget.department_form.divisions == 7
    action(window, "撤销").trigger()
    action(window, "撤销").trigger()
    assert window.session.budget.department_form is None


def test_an_unknown_code_can_be_named_and_prints_with_its_name(
        window: Any, qtbot: Any, tmp_path: Path, sample: Budget, monkeypatch: Any) -> None:
    from forms.qt import QInputDialog

    path = tmp_path / "s.budget"
    assert window.create_file(sample, path)
    asked: list[str] = []

    def name(*args: Any, **kwargs: Any) -> tuple[str, bool]:
        asked.append(args[2])
        return "统计信息事务专项", True

    monkeypatch.setattr(QInputDialog, "getText", name)
    page = window.editor.go(3)
    grid = page.panel.grid
    column = next(c for c, f in enumerate(page.panel.model.fields) if f.path == "function")
    type_cell(qtbot, grid, 0, column, "2010550")
    qtbot.waitUntil(lambda: window.session.budget.basic_function[0].function == "2010550")
    assert "“2010550”不在本文件的支出功能分类科目表中" in asked[0] and "导入科目表" in asked[0]
    budget = storage.load(path)
    assert ("function", "2010550", "统计信息事务专项") in [
        (e.kind, e.code, e.name) for e in budget.catalog_entries]
    rows = [r for t in build_tables(budget) for r in t.texts() if "2010550" in "".join(map(str, r))]
    assert rows and all("统计信息事务专项" in "".join(map(str, r)) for r in rows)


def test_an_unknown_code_left_unnamed_is_not_stored(
        window: Any, qtbot: Any, tmp_path: Path, sample: Budget, monkeypatch: Any) -> None:
    from forms.qt import QInputDialog

    assert window.create_file(sample, tmp_path / "s.budget")
    before = window.session.budget
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("", False))
    page = window.editor.go(3)
    column = next(c for c, f in enumerate(page.panel.model.fields) if f.path == "function")
    type_cell(qtbot, page.panel.grid, 0, column, "2010550")
    qtbot.wait(50)
    assert window.session.budget == before
    assert "未知的" in window.notice.text()


def test_import_code_list_from_the_menu(
        window: Any, qtbot: Any, tmp_path: Path, sample: Budget, monkeypatch: Any) -> None:
    from forms.qt import QFileDialog

    assert window.create_file(sample, tmp_path / "s.budget")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "功能分类科目"
    sheet.append(["科目编码", "科目名称"])
    sheet.append(["2010550", "统计信息事务"])
    sheet.append(["2010507", "专项普查活动"])
    codes = tmp_path / "codes.xlsx"
    book.save(codes)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(codes), ""))
    action(window, "导入科目表").trigger()
    assert window.told == ["导入科目表: 已从“codes.xlsx”导入科目：支出功能分类 2 个。"]
    entries = {(e.code, e.name) for e in window.session.budget.catalog_entries}
    assert {("2010550", "统计信息事务"), ("2010507", "专项普查活动")} <= entries
    action(window, "撤销").trigger()
    assert window.session.budget.catalog_entries == sample.catalog_entries


def test_a_workbook_imported_into_the_open_file_is_read_against_its_code_list(
        window: Any, qtbot: Any, tmp_path: Path, sample: Budget, monkeypatch: Any) -> None:
    """导入科目表, then 导入 Excel of a workbook using those codes into the open file: accepted,
    and the list stays in the file (it used to be refused as unknown codes)."""
    from forms.qt import QFileDialog
    from tests.unit.imports.test_excel_catalog import code_book
    from tests.unit.imports.test_excel_known_codes import OFFICIAL, officers_book

    assert window.create_file(sample, tmp_path / "s.budget")
    codes = code_book(tmp_path / "codes.xlsx", {"支出功能分类": [["科目编码", "科目名称"], *OFFICIAL]})
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(codes), ""))
    action(window, "导入科目表").trigger()
    window.told.clear()
    book = officers_book(sample, tmp_path / "data.xlsx")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(book), ""))
    seen: list[str] = []
    answer(qtbot, "导入到当前文件", seen)
    action(window, "导入 Excel").trigger()
    qtbot.waitUntil(lambda: window.session.budget.projects[0].function == "2110301"
                    or bool(window.told), timeout=20000)
    assert not window.told, window.told
    entries = {(e.code, e.name) for e in window.session.budget.catalog_entries}
    assert set(OFFICIAL) <= entries
    assert storage.load(window.session.path).projects[0].function == "2110301"


def test_a_new_shanghai_file_starts_with_shanghais_terms() -> None:
    """The 名词解释 a new file starts with are its template's (Shanghai's 8, not Shanxi's 12)."""
    from app.core.records import Department, Settings
    from forms.main_window import with_glossary

    made = with_glossary(Budget(Department("某区某局", "", 2027), settings=Settings(profile="shanghai")))
    assert made.texts.glossary == standard_glossary("shanghai") != standard_glossary("shanxi")
    unknown = Budget(Department("某局", "", 2027), settings=Settings(profile="nowhere"))
    assert with_glossary(unknown) == unknown
