"""The grid and the data workbook read the same text the same way: same values, same messages.

Each input is typed into the grid's real cell editor (F2, keys, Enter), pasted into the grid
from the clipboard (Ctrl+V), and written into a cell of a real data workbook that is then
imported; the three must agree, value for value and message for message.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from app.core.records import Budget, ProjectKind
from app.imports.workbook import read_data
from tests.gui.test_gui_flow import keys, type_cell
from tests.helpers.workbooks import data_book, data_path, with_text

# (column label in both the grid and the workbook's 项目 sheet, text, expected value or None)
CASES: list[tuple[str, str, object]] = [
    ("本年一般公共预算", "1,234.50", Decimal("1234.50")),
    ("本年一般公共预算", "1000元", Decimal("1000.00")),
    ("本年一般公共预算", "12.5万元", Decimal("125000.00")),
    ("本年一般公共预算", "3万", Decimal("30000.00")),
    ("本年一般公共预算", "-100", None),
    ("本年一般公共预算", "1.001", None),
    ("本年一般公共预算", "五百元", None),
    ("功能分类科目", "2060101", "2060101"),
    ("功能分类科目", "2060101 行政运行", "2060101"),
    ("功能分类科目", "2069988", None),
    ("功能分类科目", "20601", None),
    ("功能分类科目", "行政运行", None),
    ("单位", "晋城市科学技术研究院", "108002"),
    ("单位", "108003", "108003"),
    ("单位", "晋城市科学技术协会", None),
    ("项目类别", "其他运转类", ProjectKind.OPERATING),
    ("项目类别", "运转类", None),
]
DATES = [("2026-01-15", "2026-01-15"), ("2026年1月15日", "2026年1月15日"),
         ("20260115093000", "20260115093000"), ("2026-02-30", None), ("明天", None)]
ROW = 6  # a project of the sample without a target form: moving it to another unit is harmless
PATHS = {"本年一般公共预算": "amounts.general", "功能分类科目": "function", "单位": "unit",
         "项目类别": "kind"}


@pytest.fixture(scope="module")
def projects_page(qapp: Any, tmp_path_factory: pytest.TempPathFactory, sample: Budget) -> Iterator[Any]:
    """Step 5 on the sample, shown, with the refusals it reports: one page for the module's
    tests, each of which starts from the sample again (step)."""
    from forms.qt import QSettings
    from forms.session import Session
    from forms.steps.projects import ProjectsStep

    folder = tmp_path_factory.mktemp("fields")
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder / "settings"))
    session = Session.create(sample, folder / "sample.budget")
    page = ProjectsStep(session)
    page.resize(1300, 800)
    page.show()
    page.failures = []  # type: ignore[attr-defined]
    session.failed.connect(page.failures.append)  # type: ignore[attr-defined]
    yield page
    page.close()
    page.deleteLater()
    session.close()


@pytest.fixture
def step(projects_page: Any, sample: Budget) -> Any:
    """The module's step 5 back at the sample: every edit of an earlier test undone, no refusal
    kept (building the page and its session anew for each of 22 tests cost most of their time,
    issue 21)."""
    projects_page.session.undo.setIndex(0)
    projects_page.failures.clear()
    assert projects_page.session.budget == sample
    return projects_page


def message(shown: list[str]) -> str | None:
    """The message of the last refusal without its place ("第1行 单位：…" → "…")."""
    return shown[-1].splitlines()[-1].split("：", 1)[1] if shown else None


def in_grid(step: Any, qtbot: Any, label: str, text: str, paste: bool) -> tuple[object, str | None]:
    """(the value now in the field of project ROW, the refusal's message) after typing or
    pasting text into the grid."""
    from app.edits.editing import get_path
    from forms.qt import QApplication, QKeySequence

    grid = step.panel.grid
    column = next(c for c, f in enumerate(step.model.fields) if f.label == label)
    step.session.undo.setIndex(0)
    step.failures.clear()
    if paste:
        QApplication.clipboard().setText(text + "\n")
        grid.setFocus()
        grid.setCurrentIndex(grid.model().index(ROW, column))
        qtbot.keySequence(grid, QKeySequence.StandardKey.Paste)
    elif label == "项目类别":  # a drop-down list: what is not in it cannot even be picked
        return None, None
    else:
        type_cell(qtbot, grid, ROW, column, text)
    return get_path(step.session.budget.projects[ROW], PATHS[label]), message(step.failures)


def header_column(sample: Budget, sheet: str, header: str) -> int:
    """The column (from 1) of the export's sheet headed header (a required one ends in *)."""
    key = (id(sample), sheet, header)
    if key not in COLUMNS:
        book = data_book(sample)  # the export as parsed back: written and parsed once per process
        COLUMNS[key] = next(c.column for c in book[sheet][1] if str(c.value).rstrip("*") == header)
    return COLUMNS[key]


COLUMNS: dict[tuple[int, str, str], int] = {}


def in_workbook(sample: Budget, tmp_path: Path, sheet: str, header: str, text: str,
                row: int) -> tuple[Budget | None, str | None]:
    """(the budget imported, the problem's message) after text is written into the cell of
    record row under header of sheet."""
    path = tmp_path / "data.xlsx"
    # the export with that one cell changed, as openpyxl would save it (tests/helpers/workbooks)
    with_text(data_path(sample), sheet, row + 2, header_column(sample, sheet, header), text, path)
    budget, problems = read_data(path)
    assert budget is not None or len(problems) == 1, problems
    return budget, problems[0].message if problems else None


@pytest.mark.parametrize(("label", "text", "expected"), CASES, ids=[f"{c[0]}={c[1]}" for c in CASES])
def test_grid_and_workbook_agree(step: Any, qtbot: Any, tmp_path: Path, sample: Budget,
                                 label: str, text: str, expected: object) -> None:
    from app.core import declarations
    from app.edits.editing import get_path

    header = declarations.decl("projects", PATHS[label]).header
    imported, refused = in_workbook(sample, tmp_path, "项目", header, text, ROW)
    before = sample.projects[ROW]
    for paste in (False, True):
        value, shown = in_grid(step, qtbot, label, text, paste)
        if not paste and label == "项目类别":
            continue
        if expected is None:
            assert refused is not None and shown == refused, (paste, shown, refused)
            assert step.session.budget.projects[ROW] == before  # nothing invalid stored
        else:
            assert shown is None and refused is None, (shown, refused)
            assert imported is not None
            assert value == get_path(imported.projects[ROW], PATHS[label]) == expected


@pytest.mark.parametrize(("text", "expected"), DATES)
def test_dates_agree_in_the_target_form_and_the_workbook(step: Any, qtbot: Any, tmp_path: Path,
                                                          sample: Budget, text: str,
                                                          expected: str | None) -> None:
    from forms.qt import QLineEdit, Qt

    form = sample.targets[0]
    imported, refused = in_workbook(sample, tmp_path, "绩效目标", "填报日期", text, 0)
    row = next(i for i, p in enumerate(step.model.records) if p.id == form.project_id)
    step.panel.grid.setCurrentIndex(step.model.index(row, 1))
    assert step.editor.key == form.project_id
    field = next(w for w in step.editor.findChildren(QLineEdit) if w.accessibleName() == "填报日期")
    field.setFocus()
    field.selectAll()
    keys(qtbot, field, text)
    qtbot.keyClick(field, Qt.Key.Key_Return)
    stored = step.session.budget.form_of(step.session.budget.project(form.project_id)).filled
    if expected is None:
        assert refused is not None and message(step.failures) == refused
        assert stored == form.filled
    else:
        assert imported is not None and refused is None and not step.failures
        assert stored == imported.targets[0].filled == expected
