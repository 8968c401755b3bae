"""Step 10's 版式 options clicked as a user would: charts per section, a form moved up, a form's
主管部门及代码; each is one undoable edit, and the PDF written follows them."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from app.store import storage
from tests.gui.conftest import shown
from tests.gui.test_gui_flow import keys
from tests.gui.test_gui_identity import session as session  # the file fixture
from tests.helpers.pdftext import flat_text


def click(qtbot: Any, widget: Any) -> None:
    from PySide6.QtCore import QPoint

    from forms.qt import QCheckBox, Qt

    # a check box is hit on its box and label, not on the rest of its width
    pos = QPoint(8, widget.height() // 2) if isinstance(widget, QCheckBox) else widget.rect().center()
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton, pos=pos)


def test_charts_order_and_department_line_reach_the_pdf(
        qtbot: Any, session: Any, tmp_path: Path) -> None:
    from forms.qt import Qt
    from forms.steps.publish import PublishStep
    from reports.pdf import ordered_targets

    page = shown(qtbot, PublishStep(session))
    options = page.layout_options
    usual = ordered_targets(session.budget)
    assert options.forms.count() == len(usual) == 12
    assert not options.chart_boxes["3"].isEnabled()  # until charts are on
    click(qtbot, page.charts)
    assert session.budget.settings.charts and options.chart_boxes["3"].isEnabled()
    edits = session.undo.count()
    for key in ("2", "5.2", "7"):
        click(qtbot, options.chart_boxes[key])
    assert session.budget.settings.chart_sections == ("3",)
    assert session.undo.count() == edits + 3  # one edit per click
    # the fourth form moves up one place
    item = options.forms.item(3)
    qtbot.mouseClick(options.forms.viewport(), Qt.MouseButton.LeftButton,
                     pos=options.forms.visualItemRect(item).center())
    click(qtbot, options.up)
    moved = ordered_targets(session.budget)
    assert moved[2] == usual[3] and moved[3] == usual[2] and moved[:2] == usual[:2]
    assert options.forms.currentRow() == 2 and usual[3].project in options.forms.item(2).text()
    # and prints a unit's code as its 主管部门及代码
    edit = options.department
    click(qtbot, edit)
    keys(qtbot, edit, "108001-晋城市科学技术研究院")
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    kept = storage.load(session.path).settings
    assert [(o.project, o.department) for o in kept.forms] == [(usual[3].project,
                                                               "108001-晋城市科学技术研究院")]
    assert kept.chart_sections == ("3",) and kept.form_order[2].project == usual[3].project
    job = page.write_pdf(tmp_path / "o.pdf", draft=True)
    assert job is not None
    qtbot.waitUntil(lambda: page.job is None, timeout=60000)
    flat = flat_text(tmp_path / "o.pdf")
    assert "图1基本支出与项目支出" in flat and "图2" not in flat and "收入预算构成（合计" not in flat
    third, fourth = (re.sub(r"\s", "", usual[n].project) for n in (3, 2))
    assert flat.index(f"附件3：{third}") < flat.index(f"附件4：{fourth}")
    assert flat.count("108001-晋城市科学技术研究院") == 1
    # undo takes the edits back one by one
    session.undo.undo()
    assert session.budget.settings.forms == ()
    session.undo.undo()
    assert ordered_targets(session.budget) == usual
    session.undo.undo()
    assert session.budget.settings.chart_sections == ("3", "7")
    assert options.chart_boxes["7"].isChecked() and not options.chart_boxes["5.2"].isChecked()
    assert not session.failures


def test_the_last_section_unticked_turns_charts_off(qtbot: Any, session: Any) -> None:
    from forms.steps.publish import PublishStep

    page = shown(qtbot, PublishStep(session))
    options = page.layout_options
    click(qtbot, page.charts)
    for key in ("2", "3", "5.2", "7"):
        click(qtbot, options.chart_boxes[key])
    settings = session.budget.settings
    assert not settings.charts and settings.chart_sections == ()
    assert not page.charts.isChecked() and not options.chart_boxes["3"].isEnabled()


def test_department_form_title_and_official_rows(qtbot: Any, session: Any) -> None:
    from forms.qt import Qt
    from forms.steps.publish import PublishStep

    page = shown(qtbot, PublishStep(session))
    options = page.layout_options
    edits = session.undo.count()
    click(qtbot, options.official)
    click(qtbot, options.dept_title)
    keys(qtbot, options.dept_title, "晋城市市级部门整体支出绩效目标表")
    qtbot.keyClick(options.dept_title, Qt.Key.Key_Return)
    kept = storage.load(session.path).settings
    assert kept.department_form_official
    assert kept.department_form_title == "晋城市市级部门整体支出绩效目标表"
    assert session.undo.count() == edits + 2
    session.undo.undo()
    session.undo.undo()
    assert not options.official.isChecked() and options.dept_title.text() == ""
