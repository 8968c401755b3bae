"""Step 10 预览与生成: the PDF previewed in the window; the PDF and Excel files written."""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

from app.checks.registry import Finding, blocking
from app.core.records import Budget
from app.profiles.registry import profile_of
from forms.folders import start_folder
from forms.preview import PreviewPages
from forms.qt import (
    QCheckBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPixmap,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSettings,
    QSignalBlocker,
    Qt,
    QVBoxLayout,
    QWidget,
    Signal,
)
from forms.session import Session
from forms.steps.base import StepPage
from forms.steps.pdf_options import PdfOptions
from forms.worker import IsCancelled, Job, Progress

PREVIEW_SCALE = 1.1
FONT_SONG = "pdf_font_song"
FONT_HEI = "pdf_font_hei"
CHECKS_FAILED = "审核未能完成"  # how the session's failed message begins when the checks broke


def pdf_writer() -> Callable[..., Any]:
    """reports.pdf.write_pdf, imported when first needed: reportlab takes a moment to load."""
    from reports.pdf import write_pdf

    return write_pdf


def excel_writers() -> list[tuple[str, Callable[[Budget, Path], None]]]:
    """(file name suffix, writer) of the two Excel files: the profile's tables and the data workbook,
    each written atomically (a crash or a full disk leaves the old file, never half of one)."""
    from app.profiles.registry import profile_of
    from reports import excel_data, excel_tables

    def write_tables(budget: Budget, path: Path) -> None:
        template, kind = profile_of(budget)
        excel_data.save(excel_tables.tables_workbook(template.tables(budget, kind)), path)

    def write_data(budget: Budget, path: Path) -> None:
        excel_data.save(excel_data.data_workbook(budget), path)

    return [("公开表", write_tables), ("数据", write_data)]


def default_name(budget: Budget) -> str:
    """The suggested file name: "…2026年部门预算公开", or 单位预算公开 for a unit's own file."""
    kind = "单位" if budget.settings.kind == "单位" else "部门"
    return f"{budget.department.name}{budget.department.year}年{kind}预算公开"


def units_folder(department_pdf: Path, budget: Budget) -> Path:
    """Where the units' PDFs go: a folder beside the department's PDF."""
    return department_pdf.with_name(f"{budget.department.name}{budget.department.year}年单位预算公开")


class PublishStep(StepPage):
    """Preview (a 草稿 PDF rendered page by page) and the buttons that write the files."""

    previewed = Signal(int)  # pages shown

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, "10 预览与生成",
                         "预览将生成的 PDF；审核没有错误时可生成正式 PDF 和 Excel 文件，"
                         "有错误时只能生成带“草稿”水印的 PDF。生成过程可随时取消。", parent)
        self.add_options()
        buttons = QHBoxLayout()
        self.preview_button = QPushButton("刷新预览")
        self.pdf_button = QPushButton("生成 PDF…")
        self.excel_button = QPushButton("生成 Excel…")
        self.units_box = QCheckBox("同时生成各单位的预算公开")
        self.units_box.setChecked(self.session.budget.settings.unit_documents)
        self.units_box.setToolTip("生成部门 PDF 的同时，把每个单位的单位预算公开各写成一个 PDF，"
                                  "放在部门 PDF 旁边的文件夹中")
        # kept in the file (部门 → 同时公开各单位的单位预算): the checks then review each unit's
        # document too, and its 错误 make the PDFs drafts as the department's do
        self.units_box.toggled.connect(self.set_unit_documents)
        self.cancel_button = QPushButton("取消")
        self.cancel_button.setEnabled(False)
        for button in (self.preview_button, self.pdf_button, self.units_box, self.excel_button,
                       self.cancel_button):
            buttons.addWidget(button)
        self.progress = QProgressBar()
        self.progress.setRange(0, 100)
        buttons.addWidget(self.progress, 1)
        self.body.addLayout(buttons)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.body.addWidget(self.message)
        self.scroller = QScrollArea()
        self.scroller.setWidgetResizable(True)
        self.scroller.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.pages = QWidget()
        self.pages_layout = QVBoxLayout(self.pages)
        self.pages_layout.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.scroller.setWidget(self.pages)
        self.body.addWidget(self.scroller, 1)
        self.job: Job | None = None
        self.written: list[Path] = []  # the files the running job has put in place
        self.shown: PreviewPages | None = None  # the layout kept since the last edit
        self.shown_key: tuple[Any, ...] | None = None
        self.labels: list[QLabel] = []
        self.scroller.verticalScrollBar().valueChanged.connect(lambda _: self.render_visible())
        self.on_done: Callable[[str], None] = lambda result: None
        # asked before the background checks knew the current budget's findings: done when they do
        self.after_checks: list[Callable[[], object]] = []
        session.checked.connect(self.checks_known)
        session.failed.connect(self.checks_failed)
        self.preview_button.clicked.connect(self.preview)
        self.pdf_button.clicked.connect(self.ask_pdf)
        self.excel_button.clicked.connect(self.ask_excel)
        self.cancel_button.clicked.connect(self.cancel)

    # options: charts (kept in the file) and the fonts (this computer's)

    def add_options(self) -> None:
        row = QHBoxLayout()
        self.charts = QCheckBox("第三部分绘制图表（在下方“版式”中选择小节）")
        self.charts.setChecked(self.session.budget.settings.charts)
        self.charts.toggled.connect(self.set_charts)
        row.addWidget(self.charts)
        self.form_labels = QCheckBox("绩效目标表前标“附件N：”")
        self.form_labels.setChecked(self.session.budget.settings.form_labels)
        self.form_labels.toggled.connect(self.set_form_labels)
        row.addWidget(self.form_labels)
        row.addStretch(1)
        self.font_label = QLabel()
        row.addWidget(self.font_label)
        choose = QPushButton("选择系统字体…")
        choose.setToolTip("如本机已装宋体、黑体（SimSun、SimHei 等），可改用它们；"
                          "生成前会逐字检查字体是否有该字")
        choose.clicked.connect(self.choose_fonts)
        bundled = QPushButton("恢复内置字体")
        bundled.clicked.connect(lambda: self.set_fonts(None))
        row.addWidget(choose)
        row.addWidget(bundled)
        self.body.addLayout(row)
        self.layout_options = PdfOptions(self.session)  # charts per section, order, 主管部门
        self.body.addWidget(self.layout_options)
        # only what the file's template prints (app/profiles/<id>/inputs.py): Shanghai's has
        # neither charts nor target forms
        declared = profile_of(self.session.budget)[0].inputs
        if not declared.charts:
            self.charts.hide()
        if not declared.forms:
            self.form_labels.hide()
        if not (declared.charts or declared.forms):
            self.layout_options.hide()
        self.show_fonts()

    def refresh(self) -> None:
        blocker = QSignalBlocker(self.charts)
        self.charts.setChecked(self.session.budget.settings.charts)
        del blocker
        blocker = QSignalBlocker(self.form_labels)
        self.form_labels.setChecked(self.session.budget.settings.form_labels)
        del blocker
        blocker = QSignalBlocker(self.units_box)
        self.units_box.setChecked(self.session.budget.settings.unit_documents)
        del blocker

    def set_charts(self, on: bool) -> None:
        budget = self.session.budget
        self.session.apply("图表开关", replace(budget, settings=replace(budget.settings, charts=on)))

    def set_form_labels(self, on: bool) -> None:
        budget = self.session.budget
        self.session.apply("附件标注", replace(budget, settings=replace(budget.settings, form_labels=on)))

    def set_unit_documents(self, on: bool) -> None:
        budget = self.session.budget
        if budget.settings.unit_documents != on:
            self.session.apply("同时公开各单位", replace(
                budget, settings=replace(budget.settings, unit_documents=on)))

    def fonts(self) -> Any:
        """The chosen system fonts as reports.fonts.FontChoice, or None for the bundled ones."""
        song, hei = QSettings().value(FONT_SONG, ""), QSettings().value(FONT_HEI, "")
        if not song or not hei:
            return None
        from reports.fonts import FontChoice

        return FontChoice(Path(str(song)), Path(str(hei)))

    def show_fonts(self) -> None:
        chosen = self.fonts()
        self.font_label.setText("字体：内置（AR PL UMing 宋体、文泉驿正黑）" if chosen is None else
                                f"字体：{chosen.song.name}（正文）、{chosen.hei.name}（标题）")

    def choose_fonts(self) -> None:
        kinds = "字体文件 (*.ttf *.ttc *.otf)"
        song, _ = QFileDialog.getOpenFileName(self, "正文和表格用的宋体类字体", start_folder(), kinds)
        if not song:
            return
        hei, _ = QFileDialog.getOpenFileName(self, "标题用的黑体类字体", str(Path(song).parent), kinds)
        if hei:
            self.set_fonts((song, hei))

    def set_fonts(self, paths: tuple[str, str] | None) -> None:
        QSettings().setValue(FONT_SONG, paths[0] if paths else "")
        QSettings().setValue(FONT_HEI, paths[1] if paths else "")
        self.show_fonts()

    # running work

    def run(self, work: Callable[[Progress, IsCancelled], str], on_done: Callable[[str], None]) -> Job | None:
        if self.job is not None:
            return None
        job = Job(work)
        self.job = job
        self.progress.setValue(0)
        self.cancel_button.setEnabled(True)
        for button in (self.preview_button, self.pdf_button, self.units_box, self.excel_button):
            button.setEnabled(False)
        self.on_done = on_done
        self.written = []
        # bound methods of this widget, so the outcome is handled on the interface thread
        job.progress.connect(self.progress.setValue)
        job.done.connect(self.job_done)
        job.failed.connect(self.job_failed)
        job.stopped.connect(self.job_stopped)
        job.runner.finished.connect(self.finished)
        job.start()
        return job

    def job_done(self, result: str) -> None:
        self.on_done(result)

    def job_failed(self, text: str) -> None:
        self.message.setText(f"生成失败：{text}")

    def job_stopped(self) -> None:
        if self.written:  # each whole: the one being written when cancelled was not put in place
            self.message.setText(f"已取消。已写出的 {len(self.written)} 个文件完整可用，其余未写出"
                                 f"（没有留下写了一半的文件）：{self.written[0].parent}")
        else:
            self.message.setText("已取消，未写出任何文件。")

    def finished(self) -> None:
        if self.job is not None:
            self.job.wait()
        self.job = None
        self.cancel_button.setEnabled(False)
        for button in (self.preview_button, self.pdf_button, self.units_box, self.excel_button):
            button.setEnabled(True)

    def cancel(self) -> None:
        if self.job is not None:
            self.job.cancel()

    # waiting for the checks: run on the interface thread they froze the window for seconds

    def known_findings(self, then: Callable[[], object]) -> list[Finding] | None:
        """The current budget's findings if the background checks have them; else None, with
        "审核中…" shown and then (preview or ask_pdf) asked again once `checked` arrives."""
        findings = self.session.known_findings
        if findings is not None:
            return findings
        if then not in self.after_checks:
            self.after_checks.append(then)
        self.message.setText("审核中…（审核完成后继续）")
        self.session.check_later()
        return None

    def checks_known(self) -> None:
        """The checks of the current budget are known: what was asked meanwhile is done now
        (unless the user has left this step)."""
        waiting, self.after_checks = self.after_checks, []
        if not waiting:
            return
        if not self.isVisible():
            self.message.clear()
            return
        for then in waiting:
            then()

    def checks_failed(self, text: str) -> None:
        """The checks could not finish (the session says so): what waited for them is not done."""
        if self.after_checks and text.startswith(CHECKS_FAILED):
            self.after_checks = []
            self.message.setText(f"{text}。未能确定是否有错误，请改正后重试。")

    def waiting_for_checks(self) -> bool:
        return bool(self.after_checks)

    # the PDF

    def write_pdf(self, path: Path, draft: bool, units: bool = False) -> Job | None:
        """Write the PDF to path in a worker thread (atomically) and, with units, every unit's
        PDF into units_folder(path); None when a job is running."""
        writer = pdf_writer()
        budget = self.session.budget
        fonts = self.fonts()
        count = len(budget.units) if units else 0
        written: list[Path] = []

        def work(progress: Progress, cancelled: IsCancelled) -> str:
            from app.inspect.readback import faults

            def part(done: int, total: int) -> None:  # the department's share: one document
                progress(done / total if total else 1, count + 1)

            writer(budget, path, draft=draft, fonts=fonts, progress=part, cancelled=cancelled,
                   verify=faults)  # our own PDF read back before it is put in place
            written.append(path)
            if not count:
                return str(path)
            from reports.unitpdfs import write_unit_pdfs

            folder = units_folder(path, budget)
            folder.mkdir(parents=True, exist_ok=True)
            done_units = write_unit_pdfs(
                budget, folder, draft=draft, fonts=fonts, verify=faults, cancelled=cancelled,
                progress=lambda done, total: progress(done + 1, total + 1),
                written=written.append)
            return f"{path}；各单位的 {len(done_units)} 个 PDF：{folder}"

        def done(result: str) -> None:
            kind = "草稿 PDF" if draft else "PDF"
            self.message.setText(f"已生成{kind}：{result}")
            self.progress.setValue(100)

        job = self.run(work, done)
        if job is not None:
            self.written = written  # for the cancel's message
        return job

    def preview_key(self, draft: bool, fonts: Any) -> tuple[Any, ...]:
        """What the preview's layout depends on: the budget as edited (a new object after each
        edit), the 草稿 mark and the fonts."""
        return (id(self.session.budget), self.session.budget, draft, fonts)

    def preview(self) -> Job | None:
        """Show the PDF as it will be published: the kept layout at once when nothing was edited,
        else a job writing it; None also while the checks run (it starts once they are known)."""
        findings = self.known_findings(self.preview)
        if findings is None:
            return None
        budget = self.session.budget
        draft = bool(blocking(budget, findings))  # what will be published, as it will look
        fonts = self.fonts()
        key = self.preview_key(draft, fonts)
        if self.shown is not None and self.shown_key == key:  # nothing edited since: no new layout
            self.show_document(self.shown, key)
            return None
        writer = pdf_writer()
        holder: dict[str, bytes] = {}

        def work(progress: Progress, cancelled: IsCancelled) -> str:
            with tempfile.TemporaryDirectory() as folder:
                path = Path(folder) / "preview.pdf"
                writer(budget, path, draft=draft, fonts=fonts, progress=lambda *a: None,
                       cancelled=cancelled)
                holder["pdf"] = path.read_bytes()
            return "预览"

        def done(_: str) -> None:
            if "pdf" in holder:
                self.show_document(PreviewPages(holder["pdf"], PREVIEW_SCALE), key)
            self.progress.setValue(100)

        return self.run(work, done)

    def show_document(self, document: PreviewPages, key: tuple[Any, ...]) -> None:
        """Lay out one blank page of the right size per page; render those in view (and later
        those scrolled to)."""
        if document is not self.shown:
            if self.shown is not None:
                self.shown.close()
            self.shown, self.shown_key = document, key
            while self.pages_layout.count():
                item = self.pages_layout.takeAt(0)
                widget = item.widget() if item is not None else None
                if widget is not None:
                    widget.deleteLater()
            self.labels = []
            for width, height in document.sizes:
                label = QLabel()
                label.setFixedSize(width + 2, height + 2)
                label.setStyleSheet("border: 1px solid #999; background: white;")
                self.pages_layout.addWidget(label)
                self.labels.append(label)
        self.message.setText(f"预览共 {len(document)} 页。")
        self.render_visible()
        self.previewed.emit(len(document))

    def show_page(self, number: int) -> None:
        """Scroll to page number (from 0) and render it."""
        if self.shown is None or not 0 <= number < len(self.labels):
            return
        self.render_page(number)
        self.scroller.verticalScrollBar().setValue(self.page_tops()[number])
        self.render_visible()

    def render_page(self, number: int) -> None:
        assert self.shown is not None
        if not self.shown.rendered(number):
            self.labels[number].setPixmap(QPixmap.fromImage(self.shown.image(number)))

    def render_visible(self) -> None:
        """Render the pages that the scroll area shows (and the next one), each only once."""
        if self.shown is None or not self.labels:
            return
        top = self.scroller.verticalScrollBar().value()
        bottom = top + max(self.scroller.viewport().height(), 1)
        for number, (y, label) in enumerate(zip(self.page_tops(), self.labels, strict=True)):
            if y + label.height() < top:
                continue
            self.render_page(number)
            if y > bottom:
                break  # one page beyond the view, so scrolling shows it at once

    def page_tops(self) -> list[int]:
        """Where each page starts in the scrolled area (from the sizes: known before it is laid out)."""
        margins = self.pages_layout.contentsMargins()
        spacing = max(self.pages_layout.spacing(), 0)
        tops, y = [], margins.top()
        for label in self.labels:
            tops.append(y)
            y += label.height() + spacing
        return tops

    def rendered_pages(self) -> list[int]:
        return [] if self.shown is None else [n for n in range(len(self.shown)) if self.shown.rendered(n)]

    def ask_pdf(self) -> None:
        findings = self.known_findings(self.ask_pdf)
        if findings is None:
            return
        errors = blocking(self.session.budget, findings)
        draft = bool(errors)
        if draft and QMessageBox.question(
                self, "生成草稿", f"审核还有 {len(errors)} 条错误，只能生成带“草稿”水印的 PDF。继续吗？"
        ) != QMessageBox.StandardButton.Yes:
            return
        suggested = str(self.session.path.with_name(default_name(self.session.budget) + ".pdf"))
        path, _ = QFileDialog.getSaveFileName(self, "生成 PDF", suggested, "PDF 文件 (*.pdf)")
        if path:
            self.write_pdf(Path(path), draft, units=self.units_box.isChecked())

    # the Excel files

    def write_excel(self, folder: Path) -> Job | None:
        writers = excel_writers()
        budget = self.session.budget
        base = default_name(budget)

        def work(progress: Progress, cancelled: IsCancelled) -> str:
            written = []
            for number, (suffix, write) in enumerate(writers):
                if cancelled():
                    break
                path = folder / f"{base}（{suffix}）.xlsx"
                write(budget, path)  # atomic: excel_data.save
                written.append(path.name)
                progress(number + 1, len(writers))
            return "、".join(written)

        return self.run(work, lambda names: self.message.setText(f"已在 {folder} 生成：{names}"))

    def ask_excel(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "生成 Excel 到文件夹", str(self.session.path.parent))
        if folder:
            self.write_excel(Path(folder))
