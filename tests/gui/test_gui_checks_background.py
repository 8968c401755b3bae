"""The checks run off the interface thread: typed edits are taken while they run, results of a
budget that has since been edited are dropped, and the newest results are shown when ready."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from app.core.findings import Finding, Severity, open_errors
from app.core.records import Budget
from app.profiles.review import review
from tests.gui.test_gui_flow import type_cell

pytestmark = pytest.mark.gui


class SlowReview:
    """review, taking at least `delay` seconds (sleeping frees the interpreter for the window),
    with the budgets it was asked to check and whether the checks ran on the interface thread.
    With a gate set, a check begun after that waits for the gate to open instead (at most 30 s):
    a test that needs checks still running holds them as long as it needs, not a fixed time."""

    def __init__(self, delay: float) -> None:
        self.delay = delay
        self.gate: threading.Event | None = None
        self.asked: list[Budget] = []
        self.on_gui_thread = 0

    def __call__(self, budget: Budget) -> list[Finding]:
        self.asked.append(budget)
        if threading.current_thread() is threading.main_thread():
            self.on_gui_thread += 1
        gate = self.gate
        if gate is None:
            time.sleep(self.delay)
        else:
            assert gate.wait(30), "the test never let the checks go on"
        return review(budget)


@pytest.fixture
def slow(monkeypatch: pytest.MonkeyPatch) -> SlowReview:
    import forms.session

    checks = SlowReview(0.1)  # far longer than the 10 ms between two looks of qtbot.waitUntil
    monkeypatch.setattr(forms.session, "review", checks)
    return checks


@pytest.fixture
def window(make_window: Callable[..., Any], tmp_path: Path, sample: Budget) -> Iterator[Any]:
    main = make_window(size=(1366, 768))
    assert main.create_file(sample, tmp_path / "s.budget")
    yield main


def counts_for(budget: Budget) -> str:
    """The status strip's count of 错误 and 提示 for budget, as the window words it."""
    found = review(budget)
    errors = len(open_errors(budget.acceptances, found))
    hints = sum(1 for f in found if f.severity == Severity.HINT)
    return f"　错误 {errors}　提示 {hints}"


def test_an_edit_is_checked_in_the_background(window: Any, qtbot: Any, slow: SlowReview) -> None:
    session = window.session
    opened = counts_for(session.budget)
    qtbot.waitUntil(lambda: window.counts.text() == opened, timeout=20000)
    assert "错误 0" in opened
    grid = window.editor.go(2).grid
    type_cell(qtbot, grid, 0, 0, "1")  # 一般公共预算 income of 1 元: income no longer balances
    edited = session.budget
    assert edited.income.this_year.general == 1
    qtbot.waitUntil(session.checks_running, timeout=20000)
    assert window.counts.text() == "　审核中…"
    assert session.known_findings is None
    qtbot.waitUntil(lambda: not session.checks_running() and session.known_findings is not None,
                    timeout=20000)
    assert window.counts.text() == counts_for(edited)
    assert "错误 0" not in window.counts.text()
    assert window.editor.navigator.item(1).text().startswith("✗")  # step 2 is marked
    assert slow.asked[-1] is edited
    assert slow.on_gui_thread == 0


def test_a_fast_sequence_of_edits_shows_only_the_newest_results(
        window: Any, qtbot: Any, slow: SlowReview) -> None:
    slow.delay = 0.3  # the next few edits are typed while the first edit's checks still run
    session = window.session
    shown: list[tuple[Budget, list[Finding] | None]] = []
    threads: set[bool] = set()
    session.checked.connect(lambda: shown.append((session.budget, session.known_findings)))
    session.checked.connect(lambda: threads.add(threading.current_thread() is threading.main_thread()))
    qtbot.waitUntil(lambda: bool(shown), timeout=20000)
    grid = window.editor.go(2).grid
    typed_while_checking = 0
    budgets = []
    for amount in ("11", "22", "33", "44", "35625601"):
        typed_while_checking += session.checks_running()  # these keys come while checks run
        type_cell(qtbot, grid, 0, 0, amount)
        budgets.append(session.budget)
        # typing pauses just long enough for the checks to start (the editor's 250 ms pause),
        # or not at all while the checks of an earlier edit still run
        qtbot.waitUntil(session.checks_running, timeout=20000)
    assert typed_while_checking  # the window took keys while the checks ran
    final = session.budget
    assert final.income.this_year.general == 35625601  # back to the sample's amount
    qtbot.waitUntil(lambda: not session.checks_running() and session.known_findings is not None,
                    timeout=30000)
    assert window.counts.text() == counts_for(final) == "　错误 0　提示 35"
    # every result shown was the current budget's own, the last one the final budget's
    for budget, findings in shown:
        assert findings == review(budget)
    assert shown[-1][0] is final
    # some budget was asked for and overtaken: its findings were computed, never shown
    shown_budgets = [id(b) for b, _ in shown]
    assert any(id(b) not in shown_budgets for b in slow.asked)
    assert len(shown) < len(budgets) + 1
    assert slow.on_gui_thread == 0
    assert threads == {True}  # the results were shown on the interface thread


def test_review_step_waits_then_shows_the_findings(window: Any, qtbot: Any,
                                                   slow: SlowReview) -> None:
    session = window.session
    page = window.editor.go(9)
    qtbot.waitUntil(lambda: page.model.rowCount() == 35, timeout=20000)
    assert page.count.text() == "错误 0 条，提示 35 条。"
    type_cell(qtbot, window.editor.go(2).grid, 0, 0, "1")
    page = window.editor.go(9)
    assert page.count.text() == "审核中…"
    qtbot.waitUntil(lambda: page.count.text().startswith("错误 ") and page.count.text()
                    != "错误 0 条，提示 35 条。", timeout=20000)
    errors = [f for f in page.model.findings if f.severity == Severity.ERROR]
    assert errors and errors == [f for f in review(session.budget) if f.severity == Severity.ERROR]


def test_undo_shows_the_findings_already_known(window: Any, qtbot: Any, slow: SlowReview) -> None:
    session = window.session
    before = session.budget
    qtbot.waitUntil(lambda: session.known_findings is not None, timeout=20000)
    type_cell(qtbot, window.editor.go(2).grid, 0, 0, "1")
    qtbot.waitUntil(lambda: session.known_findings is not None, timeout=20000)
    asked = len(slow.asked)
    session.undo.undo()
    assert session.budget is before
    assert session.known_findings == review(before)  # at once, not checked again
    qtbot.waitUntil(lambda: window.counts.text() == "　错误 0　提示 35", timeout=20000)
    assert len(slow.asked) == asked


def test_closing_the_file_while_checks_run(window: Any, qtbot: Any, slow: SlowReview) -> None:
    from forms.session import Session

    session = window.session
    path = session.path
    # the opening's checks done (they start once the editor's typing pause has passed)
    qtbot.waitUntil(lambda: session.known_findings is not None and not session.checks_running(),
                    timeout=20000)
    slow.gate = threading.Event()  # the edit's checks run until the gate opens, below
    type_cell(qtbot, window.editor.go(2).grid, 0, 0, "1")
    # the edited budget's own checks have begun (not the opening's)
    qtbot.waitUntil(lambda: bool(slow.asked) and slow.asked[-1] is session.budget, timeout=20000)
    assert session.checks_running()
    checks = session._checks
    window.close_file()  # at once: the checks still running are not waited for
    assert checks.worker.is_alive()
    again = Session.open(path)  # the file is let go
    again.close()
    assert checks.worker.is_alive()  # all this while the checks still ran
    slow.gate.set()
    qtbot.waitUntil(lambda: not checks.worker.is_alive(), timeout=30000)
    qtbot.wait(50)  # their result, had it been kept, would arrive now
    assert window.counts.text() == "" and window.editor is None
    assert slow.on_gui_thread == 0


def test_the_summary_counts_as_open_errors_does(sample: Budget) -> None:
    from dataclasses import replace

    from app.core.records import Acceptance
    from app.edits.steps import step_at
    from forms.session import summarize

    broken = replace(sample, basic_function=(replace(sample.basic_function[0], function="20601"),
                                             *sample.basic_function[1:]))
    found = review(broken)
    errors = [f for f in found if f.severity == Severity.ERROR]
    assert len(errors) >= 1
    accepted = replace(broken, acceptances=(Acceptance(errors[0].check, errors[0].location.key,
                                                       "本省口径"),))
    for budget in (broken, accepted):
        summary = summarize(budget, found)
        assert summary.unaccepted == open_errors(budget.acceptances, found)
        assert summary.accepted == len(errors) - len(summary.unaccepted)
        assert summary.hints == sum(1 for f in found if f.severity == Severity.HINT)
        assert summary.ordered == sorted(found, key=lambda f: f.severity != Severity.ERROR)
        steps = [(step_at(f.location.form, f.location.field), f) for f in reversed(summary.unaccepted)]
        assert summary.first == {step.number: f for step, f in steps if step is not None}
    assert summarize(accepted, found).accepted == 1


def test_latest_computes_only_the_newest_value(qapp: Any, qtbot: Any) -> None:
    from forms.worker import Latest

    asked: list[int] = []
    shown: list[tuple[int, int, bool]] = []

    def double(value: int) -> int:
        asked.append(value)
        time.sleep(0.2)
        return value * 2

    latest = Latest(double)
    latest.ready.connect(lambda value, result: shown.append(
        (value, result, threading.current_thread() is threading.main_thread())))
    for value in (1, 2, 3):  # 2 and 3 asked while 1 runs: 2 is overtaken before it starts
        latest.request(value)
    qtbot.waitUntil(lambda: bool(shown) and not latest.pending(), timeout=20000)
    assert asked == [1, 3]
    assert shown == [(3, 6, True)]  # 1's result was stale when it came: dropped
    latest.stop()
    assert not latest.worker.is_alive()
    latest.request(4)  # stopped: nothing more is computed
    qtbot.wait(300)
    assert asked == [1, 3]


def test_checks_that_fail_say_so_in_the_window(window: Any, qtbot: Any,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    import forms.session

    def broken(budget: Budget) -> list[Finding]:
        raise ValueError("检查程序出错")

    monkeypatch.setattr(forms.session, "review", broken)
    type_cell(qtbot, window.editor.go(2).grid, 0, 0, "1")
    qtbot.waitUntil(lambda: "审核未能完成：检查程序出错" in window.notice.text(), timeout=20000)
    assert window.session.known_findings is None and not window.session.checks_running()
