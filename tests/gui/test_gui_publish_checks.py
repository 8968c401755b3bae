"""Step 10 waits for the background checks (issue 21): 刷新预览 and 生成 PDF asked before the
checks know the budget's findings say 审核中… and go on once `checked` arrives; the checks never
run on the interface thread."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from app.core.records import Budget

pytestmark = pytest.mark.gui


@pytest.fixture
def window(qapp: Any, qtbot: Any, monkeypatch: pytest.MonkeyPatch) -> Iterator[Any]:
    import forms.session
    from forms.main_window import MainWindow

    reviewed = forms.session.review
    on_interface: list[str] = []

    def review(budget: Budget) -> Any:  # the checks as the session runs them, watched
        if threading.current_thread() is threading.main_thread():
            on_interface.append(budget.department.name)
        return reviewed(budget)

    monkeypatch.setattr(forms.session, "review", review)
    main = MainWindow()
    main.tell = lambda title, text: pytest.fail(f"{title}: {text}")
    main.on_interface = on_interface
    qtbot.addWidget(main)
    main.resize(1200, 800)
    main.show()
    yield main
    main.close_file()


def test_preview_waits_for_the_background_checks(window: Any, qtbot: Any, tmp_path: Path,
                                                 sample: Budget) -> None:
    from forms.steps.publish import PublishStep

    assert window.create_file(sample, tmp_path / "s.budget")
    page = window.editor.go(10)
    assert isinstance(page, PublishStep)
    assert window.session.known_summary is None  # just opened: the checks have not run yet
    with qtbot.waitSignal(page.previewed, timeout=120_000) as shown:
        qtbot.mouseClick(page.preview_button, _left())
        assert page.message.text().startswith("审核中")
        assert page.waiting_for_checks() and page.job is None  # no PDF written before the checks
    qtbot.waitUntil(lambda: page.job is None)
    assert shown.args[0] > 20 and page.message.text().startswith("预览共")
    assert not page.waiting_for_checks()
    assert window.on_interface == []  # every check ran in the background


def test_pdf_asked_while_checking_is_asked_once_the_checks_are_known(
        window: Any, qtbot: Any, tmp_path: Path, sample: Budget,
        monkeypatch: pytest.MonkeyPatch) -> None:
    from forms.qt import QFileDialog, QMessageBox
    from forms.steps.publish import PublishStep

    out = tmp_path / "out.pdf"
    asked: list[str] = []

    def question(parent: Any, title: str, text: str, *args: Any) -> Any:
        asked.append(text)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", question)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
    assert window.create_file(sample, tmp_path / "s.budget")
    page = window.editor.go(10)
    assert isinstance(page, PublishStep)
    page.units_box.setChecked(False)
    assert window.session.known_summary is None
    qtbot.mouseClick(page.pdf_button, _left())
    assert page.message.text().startswith("审核中") and page.job is None and not out.exists()
    qtbot.waitUntil(lambda: page.job is not None, timeout=120_000)  # asked, then written
    qtbot.waitUntil(lambda: page.job is None, timeout=120_000)
    assert out.read_bytes().startswith(b"%PDF")
    assert page.message.text().startswith("已生成")
    errors = len(window.session.summary.unaccepted)
    assert ("草稿" in page.message.text()) == bool(errors)
    assert len(asked) == (1 if errors else 0)  # the 草稿 question, asked once, with the count
    assert not asked or f"{errors} 条错误" in asked[0]
    assert window.on_interface == []


def test_leaving_the_step_while_checking_drops_the_request(window: Any, qtbot: Any,
                                                          tmp_path: Path, sample: Budget) -> None:
    assert window.create_file(sample, tmp_path / "s.budget")
    page = window.editor.go(10)
    assert page.preview() is None and page.waiting_for_checks()
    window.editor.go(9)
    qtbot.waitUntil(lambda: window.session.known_summary is not None, timeout=120_000)
    qtbot.waitUntil(lambda: not page.waiting_for_checks())
    assert page.job is None and page.shown is None  # no preview was made for a hidden step
    assert window.on_interface == []


def test_checks_that_fail_end_the_wait_with_the_reason(window: Any, qtbot: Any, tmp_path: Path,
                                                       sample: Budget,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    import forms.session

    def broken(budget: Budget) -> Any:
        raise ValueError("检查程序出错")

    assert window.create_file(sample, tmp_path / "s.budget")
    monkeypatch.setattr(forms.session, "review", broken)
    page = window.editor.go(10)
    qtbot.mouseClick(page.preview_button, _left())
    qtbot.waitUntil(lambda: "审核未能完成：检查程序出错" in page.message.text(), timeout=20_000)
    assert not page.waiting_for_checks() and page.job is None


def test_asking_again_for_the_value_being_computed_computes_it_once(qapp: Any, qtbot: Any) -> None:
    """A step shown or a button pressed while the checks run asks for the same budget again:
    its running checks are the ones wanted, not dropped and run a second time."""
    from forms.worker import Latest

    asked: list[object] = []
    shown: list[tuple[object, object]] = []
    first, second = object(), object()

    def compute(value: object) -> object:
        asked.append(value)
        time.sleep(0.2)
        return value

    latest = Latest(compute)
    latest.ready.connect(lambda value, result: shown.append((value, result)))
    latest.request(first)
    latest.request(first)
    qtbot.waitUntil(lambda: bool(shown) and not latest.pending(), timeout=20_000)
    assert asked == [first] and shown == [(first, first)]
    latest.request(first)
    latest.request(second)  # overtaken, then the running one is the latest asked again
    latest.request(first)
    qtbot.waitUntil(lambda: len(shown) == 2 and not latest.pending(), timeout=20_000)
    assert asked == [first, first] and shown[-1] == (first, first)
    latest.stop()


def _left() -> Any:
    from forms.qt import Qt

    return Qt.MouseButton.LeftButton
