"""The editor of an open file: the step navigator beside the step pages, and finding a
finding's place."""

from __future__ import annotations

from collections.abc import Callable

from app.core.findings import Location
from app.edits.steps import STEPS, State, state, step_at
from forms.qt import (
    QColor,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QStackedWidget,
    Qt,
    QTimer,
    QWidget,
    Signal,
)
from forms.session import Session
from forms.steps.base import StepPage
from forms.steps.money import BasicEconomicStep, BasicFunctionStep, IncomeStep
from forms.steps.others import AssetsStep, ThreePublicStep
from forms.steps.projects import ProjectsStep
from forms.steps.publish import PublishStep
from forms.steps.review import ReviewStep
from forms.steps.texts import TextsStep
from forms.steps.units import UnitsStep
from forms.unitpicker import Place, open_place, unit_place

MARKS = {State.EMPTY: "○", State.PARTIAL: "◐", State.DONE: "✓", State.ERROR: "✗"}
COLORS = {State.EMPTY: "#777777", State.PARTIAL: "#8a6d00", State.DONE: "#1b5e20",
          State.ERROR: "#b00020"}
PAGES: tuple[Callable[[Session], StepPage], ...] = (
    UnitsStep, IncomeStep, BasicFunctionStep, BasicEconomicStep, ProjectsStep, ThreePublicStep,
    AssetsStep, TextsStep, ReviewStep, PublishStep)


class Editor(QWidget):
    """The open file: the step navigator on the left, the current step on the right.

    A step's page is built when it is first shown (building all ten for a large file delayed
    the window's first paint); the checks run in the background once typing pauses."""

    paused = Signal()  # typing paused: the figures follow, the checks start

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.navigator = QListWidget()
        self.navigator.setFixedWidth(260)
        self.navigator.setWordWrap(True)
        self.navigator.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.navigator.setAccessibleName("步骤")
        self.navigator.setStyleSheet("QListWidget::item { padding: 6px 4px; }")
        self.pages = QStackedWidget()
        self.built: dict[int, StepPage] = {}  # step number → its page, once shown
        for _ in PAGES:
            self.pages.addWidget(QWidget())  # a placeholder until the step is first shown
            self.navigator.addItem(QListWidgetItem())
        layout.addWidget(self.navigator)
        layout.addWidget(self.pages, 1)
        self.navigator.currentRowChanged.connect(self.show_row)
        self.timer = QTimer(self)  # the checks run once typing pauses, not on every key
        self.timer.setSingleShot(True)
        self.timer.setInterval(250)
        self.timer.timeout.connect(self.typing_paused)
        session.changed.connect(self.timer.start)
        session.checked.connect(self.refresh)
        self.refresh(checks=False)
        self.timer.start()
        self.navigator.setCurrentRow(0)

    @property
    def steps(self) -> list[StepPage]:
        """Every step's page (those not shown yet are built now)."""
        return [self.page(number) for number in range(1, len(PAGES) + 1)]

    def page(self, number: int) -> StepPage:
        """Step number's page (1–10), built on first use."""
        page = self.built.get(number)
        if page is None:
            page = PAGES[number - 1](self.session)
            if isinstance(page, ReviewStep):
                page.go.connect(self.go_to)
            placeholder = self.pages.widget(number - 1)
            current = self.pages.currentIndex()
            self.pages.insertWidget(number - 1, page)
            if placeholder is not None:
                self.pages.removeWidget(placeholder)
                placeholder.deleteLater()
            self.pages.setCurrentIndex(current)
            self.built[number] = page
        return page

    def show_row(self, row: int) -> None:
        if row >= 0:
            self.page(row + 1)
            self.pages.setCurrentIndex(row)

    def typing_paused(self) -> None:
        self.paused.emit()
        self.session.check_later()

    def refresh(self, checks: bool = True) -> None:
        """Each step's state; without checks (at opening) only from what is entered."""
        budget = self.session.budget
        summary = self.session.summary if checks else None
        errors = summary.unaccepted if summary else []
        first = summary.first if summary else {}  # one open 错误 per step is all a mark needs
        for row, step in enumerate(STEPS):
            marking = errors[:1] if step.number == 9 else [first[n] for n in (step.number,) if n in first]
            value = state(budget, step, marking)
            item = self.navigator.item(row)
            item.setText(f"{MARKS[value]}  {step.number} {step.title}")
            item.setForeground(QColor(COLORS[value]))
            item.setToolTip(value.value)

    def go(self, number: int) -> StepPage:
        """Show step number (1–10) and return its page."""
        self.navigator.setCurrentRow(number - 1)
        return self.page(number)

    def go_to(self, form: str, row: int | None, field: str | None) -> None:
        """Open the step, row and field a finding names; a place inside a unit's document
        with that unit chosen in the step's unit picker."""
        place = unit_place(self.session.budget, Location(form, row, field))
        if place is None or step_at(place.form, place.field) is None:  # the unit's row
            place = Place("", form, row, field)
        step = step_at(place.form, place.field)
        if step is not None:
            open_place(self.go(step.number), place)
