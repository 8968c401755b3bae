"""A text pasted into the window beyond what a field may hold: a clear message, nothing lost.

The file's texts are capped at 20,000 characters a field (app.core.bounds.MAX_TEXT). Pasting a
longer text into a text field must not raise inside the window: the field keeps what the user
pasted (to be shortened), is marked, and the status line says how long it is and what the cap is;
the file keeps its last valid text, and shortening the text saves it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from app.core.bounds import MAX_TEXT
from app.core.records import Budget


def test_an_overlong_paste_is_refused_with_its_length_and_kept_in_the_field(
        qapp: Any, qtbot: Any, tmp_path: Path, sample: Budget) -> None:
    from forms.qt import QApplication, Qt
    from forms.session import Session
    from forms.steps.texts import TextsStep

    session = Session.create(sample, tmp_path / "long.budget")
    shown: list[str] = []
    session.failed.connect(shown.append)
    page = TextsStep(session)
    qtbot.addWidget(page)
    page.show()
    field = page.fields["duties"]
    before = session.budget.texts.duties
    long_text = "职" * (MAX_TEXT + 5)
    field.setFocus()
    field.selectAll()
    QApplication.clipboard().setText(long_text)
    qtbot.keyClick(field, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    field.commit()  # what the pause after typing (or leaving the field) does
    assert shown and "20,005" in shown[-1] and "20,000" in shown[-1] and "职责" in shown[-1]
    assert field.toPlainText() == long_text  # nothing the user pasted is thrown away
    assert session.budget.texts.duties == before
    assert field.property("invalid") is True
    # the user shortens it: it is saved and the mark goes
    qtbot.keyClick(field, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    for _ in range(5):
        qtbot.keyClick(field, Qt.Key.Key_Backspace)
    field.commit()
    assert session.budget.texts.duties == "职" * MAX_TEXT
    assert field.property("invalid") is False
