"""What the window does before its first paint: only the step shown is built, and the heavy
modules (openpyxl, reportlab, pypdfium2, numpy) are not imported."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from app.core.records import Budget

pytestmark = pytest.mark.gui

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def window(make_window: Callable[..., Any]) -> Iterator[Any]:
    main = make_window(size=None)
    yield main


def test_steps_are_built_when_first_shown(window: Any, qtbot: Any, tmp_path: Path,
                                          sample: Budget) -> None:
    from forms.qt import Qt
    from forms.steps.review import ReviewStep
    from forms.steps.texts import TextsStep
    from forms.steps.units import UnitsStep

    assert window.create_file(sample, tmp_path / "s.budget")
    editor = window.editor
    assert set(editor.built) == {1}
    assert isinstance(editor.pages.currentWidget(), UnitsStep)
    assert editor.pages.count() == 10
    # a click on the navigator builds and shows step 8
    item = editor.navigator.item(7)
    rect = editor.navigator.visualItemRect(item)
    qtbot.mouseClick(editor.navigator.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert isinstance(editor.pages.currentWidget(), TextsStep)
    assert editor.pages.currentIndex() == 7 and set(editor.built) == {1, 8}
    assert "晋城市科学技术局" in editor.pages.currentWidget().preview.text()
    # a finding's place opens its step, built then; every page in its place
    review = editor.go(9)
    assert isinstance(review, ReviewStep) and editor.pages.currentWidget() is review
    pages = editor.steps
    assert [editor.pages.indexOf(p) for p in pages] == list(range(10))
    assert editor.go(1) is pages[0] and editor.pages.currentWidget() is pages[0]


def test_no_heavy_module_is_imported_before_the_window_opens() -> None:
    code = ("import sys, app.cli.main, forms.app, forms.main_window\n"
            "print(','.join(sorted(m for m in ('openpyxl', 'reportlab', 'pypdfium2', 'numpy', "
            "'highspy', 'python_calamine', 'pdfplumber') if m in sys.modules)))")
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True,
                          check=True, timeout=120)
    assert done.stdout.strip() == ""
