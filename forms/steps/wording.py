"""Step 8's 第三部分 文字模板: per section its template (fields shown distinctly, a field picker,
恢复默认) beside the text it prints, re-rendered as the user types."""

from __future__ import annotations

import html

from app.compute.template import TemplateError, parse, render
from app.compute.textfields import Catalog, catalog, entries, lines_of, resolver
from app.compute.wording import SECTIONS, SectionDef, heading_of, stored, template_of, with_template
from app.core.records import Budget, SectionTemplate
from forms.qt import (
    QColor,
    QDialog,
    QDialogButtonBox,
    QFont,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QSyntaxHighlighter,
    Qt,
    QTextCharFormat,
    QVBoxLayout,
    QWidget,
)
from forms.session import Session
from forms.steps.base import TextField


class Highlighter(QSyntaxHighlighter):
    """Fields in blue on a pale ground, the marks of conditions in orange."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)  # type: ignore[call-overload]
        self.field = QTextCharFormat()
        self.field.setForeground(QColor("#0b57d0"))
        self.field.setBackground(QColor("#e8f0fe"))
        self.field.setFontWeight(QFont.Weight.Bold)
        self.mark = QTextCharFormat()
        self.mark.setForeground(QColor("#c05800"))
        self.mark.setFontWeight(QFont.Weight.Bold)

    def highlightBlock(self, text: str) -> None:
        for start, length, is_field in marks(text):
            self.setFormat(start, length, self.field if is_field else self.mark)


def marks(text: str) -> list[tuple[int, int, bool]]:
    """(start, length, is a field) of the fields ({…}, nested ones inside) and of [ | ] in a line."""
    found: list[tuple[int, int, bool]] = []
    i, depth, start = 0, 0, 0
    while i < len(text):
        pair = text[i:i + 2]
        if depth == 0 and pair in ("{{", "}}", "[[", "]]", "||"):
            i += 2
            continue
        c = text[i]
        if c == "{":
            if depth == 0:
                start = i
            depth += 1
        elif c == "}" and depth:
            depth -= 1
            if depth == 0:
                found.append((start, i + 1 - start, True))
        elif depth == 0 and c in "[]|":
            found.append((i, 1, False))
        i += 1
    return found


class FieldPicker(QDialog):
    """Every field with its current value, filtered by name or value as the user types."""

    def __init__(self, fields: Catalog, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("插入字段")
        self.resize(620, 480)
        layout = QVBoxLayout(self)
        self.search = QLineEdit()
        self.search.setPlaceholderText("按字段名或数值查找，如“三公”或“44.06”")
        self.list = QListWidget()
        self.list.setWordWrap(True)
        for name, value, note in entries(fields):
            item = QListWidgetItem(f"{{{name}}}  =  {value.replace(chr(10), ' ') or '（空）'}")
            item.setData(Qt.ItemDataRole.UserRole, name)
            item.setToolTip(note)
            self.list.addItem(item)
        ok, cancel = QDialogButtonBox.StandardButton.Ok, QDialogButtonBox.StandardButton.Cancel
        buttons = QDialogButtonBox(ok | cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.list.itemDoubleClicked.connect(lambda _: self.accept())
        self.search.textChanged.connect(self.filter)
        layout.addWidget(self.search)
        layout.addWidget(self.list, 1)
        layout.addWidget(buttons)
        self.list.setCurrentRow(0)

    def filter(self, text: str) -> None:
        words = text.strip().replace(",", "")
        first = None
        for i in range(self.list.count()):
            item = self.list.item(i)
            hidden = bool(words) and words not in item.text().replace(",", "")
            item.setHidden(hidden)
            if not hidden and first is None:
                first = i
        if first is not None:
            self.list.setCurrentRow(first)

    def chosen(self) -> str:
        item = self.list.currentItem()
        return "" if item is None or item.isHidden() else str(item.data(Qt.ItemDataRole.UserRole))


def rendered_html(template: str, fields: Catalog) -> str:
    try:
        paragraphs = lines_of(render(parse(template), resolver(fields)))
    except TemplateError as exc:
        return f"<p style='color:#b00020'>{html.escape(str(exc))}</p>"
    if not paragraphs:
        return "<p style='color:#888'>（本段只印标题）</p>"
    return "".join(f"<p style='text-indent:2em; margin:2px 0'>{html.escape(p)}</p>" for p in paragraphs)


class SectionRow(QGroupBox):
    """One section: its template (editable) and 插入字段/恢复默认 on the left, its text on the right."""

    def __init__(self, session: Session, d: SectionDef, fields: Catalog,
                 parent: QWidget | None = None) -> None:
        super().__init__(f"{heading_of(session.budget, d)}（段落 {d.number}）", parent)
        self.session, self.d, self.fields = session, d, fields
        label = f"第三部分{d.number}的模板"

        def get(budget: Budget) -> str:
            return template_of(budget, d.key)

        def put(budget: Budget, text: str) -> Budget:
            return replace_templates(budget, with_template(budget, d.key, text))

        self.editor = TextField(session, label, get, put)
        self.editor.setObjectName(f"template-{d.key}")
        self.editor.setMinimumHeight(70)
        self.highlighter = Highlighter(self.editor.document())  # type: ignore[arg-type]
        self.shown = QLabel()
        self.shown.setWordWrap(True)
        self.shown.setTextFormat(Qt.TextFormat.RichText)
        self.shown.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.shown.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.shown.setMinimumWidth(200)
        pick = QPushButton("插入字段…")
        pick.clicked.connect(self.pick)
        self.reset = QPushButton("恢复默认")
        self.reset.clicked.connect(self.restore)
        left = QVBoxLayout()
        left.addWidget(self.editor, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(pick)
        buttons.addWidget(self.reset)
        buttons.addStretch(1)
        left.addLayout(buttons)
        row = QHBoxLayout(self)
        row.addLayout(left, 1)
        row.addWidget(self.shown, 1)
        self.editor.textChanged.connect(self.show_text)
        self.show_text()

    def show_text(self) -> None:
        self.shown.setText(rendered_html(self.editor.toPlainText(), self.fields))
        self.reset.setEnabled(bool(stored(self.session.budget, self.d.key).strip())
                              or self.editor.toPlainText() != self.d.default)

    def follow(self, fields: Catalog) -> None:
        self.fields = fields
        self.show_text()

    def pick(self) -> None:
        picker = FieldPicker(self.fields, self)
        if picker.exec() and picker.chosen():
            self.editor.insertPlainText("{" + picker.chosen() + "}")
            self.editor.setFocus()

    def restore(self) -> None:
        self.editor.timer.stop()
        budget = self.session.budget
        self.session.apply(f"恢复第三部分{self.d.number}的默认写法",
                           replace_templates(budget, with_template(budget, self.d.key, "")))
        self.editor.follow()
        self.show_text()


def safe_catalog(budget: Budget) -> Catalog:
    """The catalog, or none while the budget cannot be computed (the checks say why)."""
    try:
        return catalog(budget)
    except (ArithmeticError, KeyError, ValueError):
        return {}


def replace_templates(budget: Budget, templates: tuple[SectionTemplate, ...]) -> Budget:
    from dataclasses import replace

    return replace(budget, texts=replace(budget.texts, templates=templates))


class TemplatesPanel(QScrollArea):
    """Every section of 第三部分 as a SectionRow, following the budget after every edit."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setWidgetResizable(True)
        inner = QWidget()
        layout = QVBoxLayout(inner)
        note = QLabel("每段的写法是一个模板：蓝色的 {字段} 由报表自动填入（点“插入字段…”查找），"
                      "[…] 中的文字只在其中的数不为零（或有增减）时印出，[…|…] 否则印出“|”后的文字。"
                      "右侧是将印出的文字。写法说明见 docs/文字模板.md。")
        note.setWordWrap(True)
        note.setStyleSheet("color: #555;")
        layout.addWidget(note)
        self.budget = session.budget
        self.fields = safe_catalog(session.budget)
        self.rows = {d.key: SectionRow(session, d, self.fields) for d in SECTIONS}
        for row in self.rows.values():
            layout.addWidget(row)
        layout.addStretch(1)
        self.setWidget(inner)
        session.changed.connect(self.follow)

    def follow(self) -> None:
        if self.session.budget is self.budget:
            return
        self.budget = self.session.budget
        self.fields = safe_catalog(self.budget)
        for row in self.rows.values():
            row.follow(self.fields)

    def show_section(self, number: str) -> None:
        row = next((r for r in self.rows.values() if r.d.number == number), None)
        if row is not None:
            self.ensureWidgetVisible(row)
            row.editor.setFocus()
