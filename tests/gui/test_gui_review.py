"""Step 9: accepting a 错误 with a reason in the window, and withdrawing it."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from app.checks.registry import Severity, blocking
from app.core.records import Budget
from app.store import storage

pytestmark = pytest.mark.gui


@pytest.fixture
def window(make_window: Callable[..., Any]) -> Iterator[Any]:
    main = make_window(size=None)
    yield main


def test_accept_and_withdraw_an_error(window: Any, qtbot: Any, tmp_path: Path, sample: Budget,
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    from forms.qt import QInputDialog, QItemSelectionModel

    # a province whose rule differs: one 基本支出 line at 款 level is a 错误 here
    broken = replace(sample, basic_function=(replace(sample.basic_function[0], function="20601"),
                                             *sample.basic_function[1:]))
    assert blocking(broken)
    path = tmp_path / "b.budget"
    assert window.create_file(broken, path)
    page = window.editor.go(9)
    # the checks run in the background: the step says so, then shows them
    qtbot.waitUntil(lambda: page.model.rowCount() > 0 and "错误" in page.count.text())
    rows = [i for i, f in enumerate(page.model.findings) if f.severity == Severity.ERROR]
    assert rows
    monkeypatch.setattr(QInputDialog, "getMultiLineText",
                        lambda *args, **kwargs: ("本省口径按款级科目编列", True))
    for row in rows:
        page.view.selectionModel().select(
            page.model.index(row, 0),
            QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
        qtbot.mouseClick(page.accept_button, _left())
    saved = storage.load(path)
    assert {a.reason for a in saved.acceptances} == {"本省口径按款级科目编列"}
    assert blocking(saved) == []
    assert "（已说明）" in page.model.data(page.model.index(rows[0], 0))
    # accepted everywhere: the status strip and the step marks no longer call it a 错误
    qtbot.waitUntil(lambda: window.counts.text().startswith(
        f"　错误 0（另有已接受的错误 {len(rows)}）"))
    marks = [window.editor.navigator.item(i).text() for i in range(window.editor.navigator.count())]
    assert not any(m.startswith("✗") for m in marks), marks
    page.view.selectionModel().select(
        page.model.index(rows[0], 0),
        QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
    qtbot.mouseClick(page.withdraw_button, _left())
    assert len(storage.load(path).acceptances) == len(rows) - 1


def _left() -> Any:
    from forms.qt import Qt

    return Qt.MouseButton.LeftButton


def test_charts_switch_is_kept_in_the_file_and_fonts_are_checked(
        window: Any, qtbot: Any, tmp_path: Path, sample: Budget) -> None:
    from forms.qt import QSettings

    path = tmp_path / "c.budget"
    assert window.create_file(sample, path)
    page = window.editor.go(10)
    assert not page.charts.isChecked()
    page.charts.setChecked(True)
    assert storage.load(path).settings.charts
    window.session.undo.undo()
    assert not page.charts.isChecked() and not storage.load(path).settings.charts
    assert page.form_labels.isChecked()  # "附件N：" labels, on by default
    qtbot.mouseClick(page.form_labels, _left())
    assert not storage.load(path).settings.form_labels
    window.session.undo.undo()
    assert page.form_labels.isChecked() and storage.load(path).settings.form_labels
    # a "system font" that lacks Chinese characters: the PDF is refused, naming a character
    latin = tmp_path / "latin.ttf"
    import reportlab

    source = Path(reportlab.__file__).parent / "fonts" / "Vera.ttf"
    latin.write_bytes(source.read_bytes())
    page.set_fonts((str(latin), str(latin)))
    assert "latin.ttf" in page.font_label.text()
    out = tmp_path / "x.pdf"
    assert page.write_pdf(out, draft=False) is not None
    qtbot.waitUntil(lambda: page.job is None, timeout=60_000)
    assert not out.exists()
    assert "生成失败" in page.message.text() and "“" in page.message.text()
    page.set_fonts(None)
    assert QSettings().value("pdf_font_song", "") == ""


def test_new_file_from_last_years_file(window: Any, qtbot: Any, tmp_path: Path, sample: Budget,
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """从上年文件新建 on the start page: units, texts and continuing projects carried over, the
    old year's figures become last year's, this year's money left to enter."""
    from forms.qt import QFileDialog, Qt

    last = tmp_path / "2026.budget"
    storage.save(sample, last)
    target = tmp_path / "2027.budget"
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(last), ""))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    from app.edits.carryover import dropped
    from forms.carry import CarryDialog
    from forms.qt import QApplication, QDialogButtonBox, QTimer

    left = dropped(sample)
    assert left, "the sample has projects whose 项目期 ends in 2026"
    seen: list[str] = []

    def answer() -> None:  # the summary dialog: read it, tick the first project left behind, OK
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, CarryDialog)
        seen.extend(dialog.list.item(i).text() for i in range(dialog.list.count()))
        dialog.list.item(0).setCheckState(Qt.CheckState.Checked)
        ok = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
        qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)

    QTimer.singleShot(0, answer)
    qtbot.mouseClick(window.start.buttons["carry"], Qt.MouseButton.LeftButton)
    assert len(seen) == len(left) and all("：" in line for line in seen)
    assert seen == [f"{sample.projects[i].name}（{sample.unit(sample.projects[i].unit).name}）：{why}"
                    for i, why in left]
    new = storage.load(target)
    assert new.department.year == 2027
    assert new.units == sample.units
    assert new.texts.duties == sample.texts.duties
    assert new.projects and all(p.amounts.total == 0 for p in new.projects)
    carried = {p.name for p in new.projects}
    assert sample.projects[left[0][0]].name in carried  # the ticked one came along
    assert len(new.projects) == len(sample.projects) - len(left) + 1
    assert {(t.unit, t.project) for t in new.targets} <= {(p.unit, p.name) for p in new.projects}
    # last year's comparison figures are the old file's own totals
    assert new.last_year.total == sample.income.this_year.total + sample.income.carryover.total
    assert window.session is not None and window.session.path == target.resolve()
