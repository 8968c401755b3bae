"""The main window: the start page, or the step navigator, the step pages and the status strip."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from pathlib import Path

from app.core.errors import UserError
from app.core.money import wan_text
from app.core.records import Budget, CatalogEntry, ProjectKind
from app.edits.carryover import carry_over
from app.edits.editing import WAN_YUAN, YUAN
from app.edits.steps import STEPS, status
from app.profiles.shanxi.sample import load_sample
from app.store import storage
from forms.carry import CarryDialog
from forms.editor import Editor
from forms.folders import in_folder, start_folder
from forms.folders import remember as remember_folder
from forms.importing import ImportRunner
from forms.qt import (
    QAction,
    QActionGroup,
    QApplication,
    QCloseEvent,
    QFileDialog,
    QInputDialog,
    QKeySequence,
    QLabel,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QTimer,
)
from forms.replacing import INTO_OPEN, ask_import_into, ask_replace, is_budget_file, keep_backup
from forms.session import Session
from forms.start import NewDialog, StartPage, remember
from forms.worker import IsCancelled, Progress

FILTER = "预算文件 (*.budget);;所有文件 (*)"


class MainWindow(QMainWindow):
    """One window: the start page until a file is open, then the editor."""

    def __init__(self) -> None:
        super().__init__()
        self.session: Session | None = None
        self.editor: Editor | None = None
        self.importer: ImportRunner | None = None
        self.setWindowTitle("预算公开编制助手")
        self.resize(1280, 720)
        self.stack = QStackedWidget()
        self.start = StartPage()
        self.stack.addWidget(self.start)
        self.setCentralWidget(self.stack)
        self.start.new_requested.connect(self.new_file)
        self.start.carry_requested.connect(self.carry_file)
        self.start.import_requested.connect(self.import_file)
        self.start.sample_requested.connect(self.open_sample)
        self.start.profile_sample_requested.connect(self.open_profile_sample)
        self.start.open_requested.connect(self.open_requested)
        self.figures = QLabel()
        self.counts = QLabel()
        self.notice = QLabel()
        self.notice.setStyleSheet("color: #b00020;")
        self.notice.setWordWrap(True)
        bar = self.statusBar()
        bar.addWidget(self.notice, 1)
        bar.addPermanentWidget(self.figures)
        bar.addPermanentWidget(self.counts)
        self._menus()

    # menus

    def _menus(self) -> None:
        menu = self.menuBar().addMenu("文件(&F)")
        for text, slot, key in (
            ("新建(&N)…", self.new_file, QKeySequence.StandardKey.New),
            ("从上年文件新建…", self.carry_file, None),
            ("导入 Excel…", self.import_file, None),
            ("导入科目表…", self.import_codes, None),
            ("打开(&O)…", lambda: self.open_requested(""), QKeySequence.StandardKey.Open),
            ("打开示例", self.open_sample, None),
            ("另存为(&A)…", self.save_as, QKeySequence.StandardKey.SaveAs),
            ("关闭文件", self.close_file, QKeySequence.StandardKey.Close),
        ):
            action = QAction(text, self)
            action.triggered.connect(slot)
            if key is not None:
                action.setShortcut(key)
            menu.addAction(action)
        edit = self.menuBar().addMenu("编辑(&E)")
        self.undo_action = QAction("撤销(&U)", self)
        self.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        self.undo_action.triggered.connect(self.undo)
        self.redo_action = QAction("重做(&R)", self)
        self.redo_action.setShortcuts([QKeySequence(QKeySequence.StandardKey.Redo), QKeySequence("Ctrl+Y")])
        self.redo_action.triggered.connect(self.redo)
        edit.addAction(self.undo_action)
        edit.addAction(self.redo_action)
        go = self.menuBar().addMenu("步骤(&S)")
        for step in STEPS:
            action = QAction(f"{step.number} {step.title}", self)
            action.setShortcut(QKeySequence(f"Ctrl+{step.number % 10}"))
            action.triggered.connect(lambda _=False, n=step.number: self.editor and self.editor.go(n))
            go.addAction(action)
        settings = self.menuBar().addMenu("设置(&T)")
        group = QActionGroup(self)
        self.unit_actions: dict[str, QAction] = {}
        for unit in (YUAN, WAN_YUAN):
            action = QAction(f"金额以{unit}输入和显示", self)
            action.setCheckable(True)
            action.triggered.connect(lambda _=False, u=unit: self.set_unit(u))
            group.addAction(action)
            settings.addAction(action)
            self.unit_actions[unit] = action
        self.unit_actions[YUAN].setChecked(True)
        settings.addSeparator()
        self.backups_action = QAction("保留的备份数…", self)
        self.backups_action.setEnabled(False)  # a setting of the open file
        self.backups_action.triggered.connect(self.ask_backups_kept)
        settings.addAction(self.backups_action)
        help_menu = self.menuBar().addMenu("帮助(&H)")
        self.guide_action = QAction("使用说明", self)
        self.guide_action.setShortcut(QKeySequence.StandardKey.HelpContents)
        self.guide_action.triggered.connect(self.show_guide)
        help_menu.addAction(self.guide_action)

    def show_guide(self) -> None:
        from forms.help import HelpDialog

        self.guide = HelpDialog(self)
        self.guide.show()

    def undo(self) -> None:
        if self.session is not None:
            self.session.undo.undo()

    def redo(self) -> None:
        if self.session is not None:
            self.session.undo.redo()

    def ask_backups_kept(self) -> None:
        """设置 → 保留的备份数: kept in the open file, one edit that 撤销 takes back."""
        from forms.backups import BackupsDialog, with_backups_kept

        session = self.session
        if session is None:
            return
        dialog = BackupsDialog(session.budget.settings.backups_kept, self)
        if dialog.exec() and dialog.count.value() != session.budget.settings.backups_kept:
            count = dialog.count.value()
            session.apply(f"保留的备份数改为 {count}", with_backups_kept(session.budget, count))

    def set_unit(self, unit: str) -> None:
        if self.session is not None:
            self.session.set_unit(unit)

    # opening and closing

    def tell(self, title: str, text: str) -> None:
        """A message the user must see (a file that cannot be opened, an import report…);
        a long one shows its first lines, the whole under 显示详细信息."""
        lines = text.splitlines()
        short = "\n".join(lines[:15]) + ("\n……" if len(lines) > 15 else "")
        box = QMessageBox(QMessageBox.Icon.Warning, title, short, parent=self)
        if len(lines) > 15:
            box.setDetailedText(text)
        box.exec()

    def tell_report(self, title: str, report: str) -> None:
        """An import's report: each part's heading and first lines (what it guessed and what
        is left to do, not only what it read), the whole under 显示详细信息."""
        box = QMessageBox(QMessageBox.Icon.Information, title, report_summary(report),
                          parent=self)
        box.setDetailedText(report)
        box.exec()

    def show_session(self, session: Session) -> None:
        self.close_file()
        self.session = session
        self.editor = Editor(session)
        self.stack.addWidget(self.editor)
        self.stack.setCurrentWidget(self.editor)
        self.editor.paused.connect(lambda: self.update_status(checks=False))
        session.checked.connect(self.update_status)
        session.failed.connect(self.notice.setText)
        session.unknown_code.connect(self.unknown_code)
        session.undo.indexChanged.connect(self.notice.clear)
        self.unit_actions[session.unit].setChecked(True)
        self.backups_action.setEnabled(True)
        remember(session.path)
        self.update_status(checks=False)

    def open_path(self, path: Path | str) -> bool:
        try:
            session = Session.open(path)
        except (UserError, OSError) as exc:  # in use, unreadable, read-only folder, lock
            self.tell("无法打开文件", str(exc))
            return False
        self.show_session(session)
        return True

    def create_file(self, budget: Budget, path: Path | str) -> bool:
        """Write budget as a new file at path and open it. A file already there is replaced
        only when the user says so (in Chinese), a budget file after a timestamped backup."""
        path = Path(path).resolve()
        backup = None
        if path.exists():
            if not ask_replace(self, path):
                return False
            if path == self.current_path():
                self.close_file()  # the window's own lock is let go before its file is replaced
            try:
                backup = keep_backup(path) if is_budget_file(path) else None
            except (UserError, OSError) as exc:
                self.tell("无法备份原文件", f"{exc}\n原文件未被替换。")
                return False
        try:
            session = Session.create(budget, path)
        except (UserError, OSError) as exc:
            self.tell("无法新建文件", str(exc))
            return False
        self.show_session(session)
        if backup is not None:
            self.notice.setText(f"原文件已备份为“{backup.name}”。")
        return True

    def current_path(self) -> Path | None:
        return self.session.path if self.session is not None else None

    def folder(self) -> str:
        """Where a file dialog opens: the open file's folder, else the last one used."""
        return start_folder(self.current_path())

    def open_requested(self, name: str) -> None:
        if not name:
            name = remember_folder(
                QFileDialog.getOpenFileName(self, "打开预算文件", self.folder(), FILTER)[0])
        if name:
            self.open_path(name)

    def ask_new_path(self, budget: Budget) -> str:
        suggested = f"{budget.department.name}{budget.department.year}{storage.EXTENSION}"
        name = remember_folder(QFileDialog.getSaveFileName(  # replacing is asked in Chinese
            self, "保存新的预算文件", in_folder(suggested, self.current_path()), FILTER,
            options=QFileDialog.Option.DontConfirmOverwrite)[0])
        if name and not name.endswith(storage.EXTENSION):
            name += storage.EXTENSION
        return name

    def new_file(self) -> None:
        dialog = NewDialog(self.session.budget.department.year if self.session else 2026, self)
        if dialog.exec():
            budget, _ = dialog.budget()
            if budget is not None:
                budget = with_glossary(budget)
                name = self.ask_new_path(budget)
                if name:
                    self.create_file(budget, name)

    def carry_file(self) -> None:
        name = remember_folder(
            QFileDialog.getOpenFileName(self, "选择上年的预算文件", self.folder(), FILTER)[0])
        if not name:
            return
        try:
            previous = storage.load(name)
        except storage.BudgetFileError as exc:
            self.tell("无法读取上年文件", str(exc))
            return
        dialog = CarryDialog(previous, self)
        if not dialog.exec():
            return
        budget = with_glossary(carry_over(previous, also=dialog.chosen()))
        target = self.ask_new_path(budget)
        if target:
            self.create_file(budget, target)

    def import_file(self) -> None:
        name = remember_folder(QFileDialog.getOpenFileName(
            self, "导入 Excel", self.folder(), "Excel 文件 (*.xlsx *.xls)")[0])
        if not name:
            return
        # read off the interface thread, with progress and 取消 (a large workbook takes seconds);
        # a data workbook's codes are read against the codes loaded into the open file too
        known = self.known_codes()
        self.importer = ImportRunner(
            self, Path(name),
            lambda path, progress, cancelled: import_excel(path, progress, cancelled, known=known),
            self.imported)

    def known_codes(self) -> tuple[CatalogEntry, ...]:
        """The codes loaded into the open file (none without one)."""
        return self.session.budget.catalog_entries if self.session is not None else ()

    def imported(self, budget: Budget | None, report: str) -> None:
        if budget is None:
            self.tell("无法导入", report)
            return
        told = self.ask_project_kind(budget)
        if told is not budget and self.importer is not None:
            # the kind chosen for all: read again with it, so that the report (and its count
            # of guesses) says what the file holds, as `import-tables --project-kind` does
            kind, known = told.projects[0].kind, self.known_codes()  # read here, not in the worker
            self.importer = ImportRunner(
                self, self.importer.path,
                lambda path, progress, cancelled: import_excel(path, progress, cancelled, kind, known),
                self.imported)
            return
        budget = told
        if self.session is not None and self.importer is not None:
            choice = ask_import_into(self, self.session.budget, budget, self.importer.path.name)
            if not choice:
                return
            if choice == INTO_OPEN:
                self.import_into_open(budget, report)
                return
        target = self.ask_new_path(budget)
        if target:
            self.create_file(budget, target)
            if report:
                self.tell_report("已从公开表导入", report)

    def import_into_open(self, budget: Budget, report: str) -> None:
        """The imported budget replaces the open file's content: a backup first (as the
        command line makes), then one edit that 撤销 takes back."""
        session = self.session
        if session is None:
            return
        try:
            backup = keep_backup(session.path, session.budget.settings.backups_kept)
        except (UserError, OSError) as exc:
            self.tell("无法备份当前文件", f"{exc}\n未导入。")
            return
        session.apply("导入 Excel", budget, follow=False)  # the forms as the file gives them
        self.notice.setText(f"已导入；导入前的文件已备份为“{backup.name}”，可用“撤销”恢复。")
        if report:
            self.tell_report("已从公开表导入", report)

    def save_as(self) -> None:
        """另存为: the open budget written to another file, which is then the open one."""
        if self.session is None:
            return
        focused = QApplication.focusWidget()
        if focused is not None:
            focused.clearFocus()  # a field being typed in is written first
        name = self.ask_new_path(self.session.budget)
        if name and Path(name).resolve() != self.session.path:
            self.create_file(self.session.budget, name)

    def import_codes(self) -> None:
        """导入科目表: the year's official code list from a workbook, kept in the open file."""
        if self.session is None:
            self.tell("导入科目表", "请先打开或新建预算文件，科目表导入到该文件中。")
            return
        name = remember_folder(QFileDialog.getOpenFileName(
            self, "导入科目表", self.folder(), "Excel 文件 (*.xlsx)")[0])
        if name:
            from forms.codes import load_code_list  # openpyxl: only when a list is loaded

            message = load_code_list(self, self.session, Path(name))
            if message:
                self.tell("导入科目表", message)

    def unknown_code(self, kind: str, code: str, retry: Callable[[], object]) -> None:
        """A typed code the catalog does not know: offered to be named, once the cell is closed."""
        from forms.codes import name_code

        session = self.session
        if session is not None:
            QTimer.singleShot(0, lambda: name_code(self, session, kind, code, retry))

    def ask_project_kind(self, budget: Budget) -> Budget:
        """The tables do not say the projects' kind: asked once for all (or left as guesses)."""
        from app.imports.tables.defaults import kinds_guessed, with_project_kind

        if not kinds_guessed(budget):
            return budget
        guess = "按项目名称推定（标为推测，逐项确认）"
        choices = [guess, *(k.value for k in ProjectKind)]
        chosen, ok = QInputDialog.getItem(
            self, "项目类别", f"表中没有项目类别。{len(budget.projects)} 个项目全部设为：",
            choices, 0, False)
        if not ok or chosen == guess:
            return budget
        return with_project_kind(budget, ProjectKind(chosen))

    def open_sample(self) -> None:
        chosen = QFileDialog.getExistingDirectory(self, "把示例文件保存到", self.folder())
        folder = Path(remember_folder(chosen) or "")
        if str(folder) in ("", "."):
            return
        self.create_file(load_sample(), folder / f"示例-晋城市科学技术局2026{storage.EXTENSION}")

    def open_profile_sample(self, profile_id: str) -> None:
        """Another template's bundled sample, written into a folder the user picks."""
        from app.core.identity import with_ids
        from app.profiles.registry import profile

        sample = profile(profile_id).sample
        chosen = QFileDialog.getExistingDirectory(self, "把示例文件保存到", self.folder())
        folder = Path(remember_folder(chosen) or "")
        if sample is None or str(folder) in ("", "."):
            return
        budget = with_ids(sample())
        d = budget.department
        self.create_file(budget, folder / f"示例-{d.name}{d.year}{storage.EXTENSION}")

    def close_file(self) -> None:
        focused = QApplication.focusWidget()
        if focused is not None:
            focused.clearFocus()  # a field being typed in is written first
        if self.editor is not None:
            self.stack.removeWidget(self.editor)
            self.editor.deleteLater()
            self.editor = None
        if self.session is not None:
            self.session.close()
            self.session = None
        self.stack.setCurrentWidget(self.start)
        self.backups_action.setEnabled(False)
        self.start.refresh()
        self.figures.clear()
        self.counts.clear()
        self.setWindowTitle("预算公开编制助手")

    def closeEvent(self, event: QCloseEvent) -> None:
        self.close_file()
        super().closeEvent(event)

    # the status strip

    def update_status(self, checks: bool = True) -> None:
        session = self.session
        if session is None:
            return
        budget = session.budget
        figures = status(budget)
        parts = [f"收入总计 {wan_text(figures.income)} 万元", f"支出总计 {wan_text(figures.spending)} 万元"]
        if figures.unallocated:
            left = "，".join(f"{s.value} {wan_text(v)}" for s, v in figures.unallocated.items())
            parts.append(f"尚未安排 {left} 万元")
        else:
            parts.append("收支平衡")
        self.figures.setText("　|　".join(parts))
        self.setWindowTitle(f"{budget.department.name} {budget.department.year}年 — "
                            f"{session.path.name} — {template_name(budget)} — 预算公开编制助手")
        if not checks:
            self.counts.setText("　审核中…")
            return
        summary = session.summary
        errors, accepted, hints = len(summary.unaccepted), summary.accepted, summary.hints
        note = f"（另有已接受的错误 {accepted}）" if accepted else ""
        self.counts.setText(f"　错误 {errors}{note}　提示 {hints}")
        self.counts.setStyleSheet("color: #b00020; font-weight: bold;" if errors else "color: #1b5e20;")


def template_name(budget: Budget) -> str:
    """The file's template and document kind as the title shows it: "上海市（9张表）部门预算"."""
    from app.core.errors import UserError
    from app.profiles.registry import profile_of

    try:
        found, kind = profile_of(budget)
    except UserError:  # a template this version does not have
        return f"模板“{budget.settings.profile}”"
    return f"{found.name}{kind}预算"


def with_glossary(budget: Budget) -> Budget:
    """budget with its template's standard 名词解释 when it has none (a new file starts with
    them)."""
    from dataclasses import replace

    from app.profiles.registry import profile_of, standard_glossary

    if budget.texts.glossary:
        return budget
    try:
        found = profile_of(budget)[0].id
    except UserError:  # a template this version does not have: its terms are unknown
        return budget
    return replace(budget, texts=replace(budget.texts, glossary=standard_glossary(found)))


def import_excel(path: Path, progress: Progress | None = None,
                 cancelled: IsCancelled | None = None,
                 project_kind: ProjectKind | None = None,
                 known: Sequence[CatalogEntry] = ()) -> tuple[Budget | None, str]:
    """A budget read from a data workbook or, when the workbook is in another layout (or is
    an .xls file), from the disclosure tables it holds (any profile's); with what the user should read
    (problems or report). progress and cancelled as for a worker Job; known: the codes loaded
    into the open file, which a data workbook's codes are read against and the budget keeps
    (`workbook.read_data`)."""
    from app.imports import workbook as excel_import
    from app.imports.tables import importer as table_import

    problems: list[excel_import.Problem] = []
    if path.suffix.lower() != ".xls":
        budget, problems = excel_import.read_data(path, known)
        if budget is not None:
            return budget, ""
    if path.suffix.lower() == ".xls" or any(p.foreign for p in problems):
        result = table_import.import_tables(path, project_kind=project_kind, progress=progress,
                                            cancelled=cancelled)
        return result.budget, result.report.text(window=True)
    return None, "\n".join(excel_import.problem_lines(problems))


SUMMARY_LINE = 360  # characters of one line the summary shows (a 100 units' list is 800)


def report_summary(report: str, lines: int = 3) -> str:
    """An import report made short for a message box: every part (【…】) with its heading
    and first lines (a very long one cut, "……（全文见…）"), "……（共 N 条）" for the rest; lines
    outside a part kept."""
    out: list[str] = []
    part: list[str] = []

    def flush() -> None:
        shown = [line for line in part if line.strip()]
        items = [line for line in shown if re.match(r"\s+\d+\. ", line)] or shown
        out.extend(line if len(line) <= SUMMARY_LINE
                   else line[:SUMMARY_LINE] + "……（全文见“显示详细信息”）" for line in shown[:lines])
        if len(shown) > lines:
            out.append(f"  ……（共 {len(items)} 条，见“显示详细信息”）")
        part.clear()

    for line in report.splitlines():
        if line.startswith("【"):
            flush()
            out.append(line)
        elif line.startswith(" "):
            part.append(line)
        else:
            flush()
            if line.strip():
                out.append(line)
    flush()
    return "\n".join(out)
