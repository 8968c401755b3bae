"""The main window as the GUI tests open it: one way, shown at a size, every message to the user
failing the test unless the test collects them."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest


@pytest.fixture
def make_window(qapp: Any, qtbot: Any, tmp_path: Path) -> Iterator[Callable[..., Any]]:
    """make(size=(w, h), settings=False, font=False, told=False) → a shown MainWindow.

    settings: this test's own QSettings (an ini file in tmp_path); font: the bundled font
    registered (Chinese renders without a system font); told: messages to the user are kept in
    window.told instead of failing the test. Every window made is closed after the test."""
    from forms.main_window import MainWindow

    made: list[Any] = []

    def make(size: tuple[int, int] | None = (1366, 768), settings: bool = False,
             font: bool = False, told: bool = False) -> Any:
        if settings:
            from forms.qt import QSettings

            QSettings.setDefaultFormat(QSettings.Format.IniFormat)
            QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope,
                              str(tmp_path / "settings"))
        if font:
            from forms.app import register_font

            assert register_font(qapp)
        main = MainWindow()
        if told:
            main.told = []
            main.tell = lambda title, text: main.told.append(f"{title}: {text}")
        else:
            main.tell = lambda title, text: pytest.fail(f"{title}: {text}")
        qtbot.addWidget(main)
        if size is not None:
            main.resize(*size)
        main.show()
        made.append(main)
        return main

    yield make
    for main in made:
        main.close_file()


@pytest.fixture
def session(qapp: Any, tmp_path: Path, sample: Any) -> Iterator[Any]:
    """The sample opened as a window's session (no window), with this test's own QSettings."""
    from forms.qt import QSettings
    from forms.session import Session

    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "settings"))
    opened = Session.create(sample, tmp_path / "sample.budget")
    yield opened
    opened.close()


def shown(qtbot: Any, page: Any) -> Any:
    """A step page shown at the window's size, closed after the test."""
    qtbot.addWidget(page)
    page.resize(1300, 800)
    page.show()
    return page
