"""Regenerates resources/help/screenshots/ (the user guide's, also docs/screenshots/): the start
page and every step with the sample open, then step 8 of the Shanghai sample (上海模板的内容).

Run as `python -m forms.screenshots [FOLDER]` (offscreen unless a display is set).
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from app.core.identity import with_ids
from app.core.records import Budget
from app.edits.steps import STEPS
from app.profiles.registry import SHANGHAI
from app.profiles.shanxi.sample import load_sample
from app.store import storage
from forms.app import application
from forms.editor import Editor
from forms.main_window import MainWindow
from forms.qt import QApplication, QEventLoop, QTimer
from forms.start import remember
from forms.steps.publish import PublishStep
from forms.steps.texts import TextsStep

SIZE = (1366, 768)
FOLDER = Path(__file__).resolve().parent.parent / "resources" / "help" / "screenshots"


def settle(ms: int = 50) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()
    QApplication.processEvents()


def wait_for_preview(page: PublishStep, limit_ms: int = 120_000) -> None:
    loop = QEventLoop()
    page.previewed.connect(lambda _: loop.quit())
    if page.job is not None:
        page.job.failed.connect(lambda _: loop.quit())
    QTimer.singleShot(limit_ms, loop.quit)
    loop.exec()


def main(folder: Path = FOLDER) -> list[Path]:
    with tempfile.TemporaryDirectory() as temp:
        # a clean settings folder: the start page must not show this machine's recent files
        os.environ["XDG_CONFIG_HOME"] = str(Path(temp) / "config")
        return shoot(folder, Path(temp))


def shoot(folder: Path, temp: Path) -> list[Path]:
    application()
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    sample = temp / "晋城市科学技术局2026.budget"
    storage.save(load_sample(), sample)
    remember(sample)
    window = MainWindow()
    window.resize(*SIZE)
    window.show()
    settle()
    path = folder / "00-start.png"
    window.grab().save(str(path))
    written.append(path)
    editor = opened(window, load_sample(), temp / "示例.budget")
    for step in STEPS:
        page = editor.go(step.number)
        settle()
        if step.number == 5:
            editor.steps[4].show_place("projects", 0, None)
            settle()
        if isinstance(page, PublishStep) and page.preview() is not None:
            wait_for_preview(page)
            settle()
        path = folder / f"{step.number:02d}-step.png"
        window.grab().save(str(path))
        written.append(path)
    assert SHANGHAI.sample is not None
    editor = opened(window, with_ids(SHANGHAI.sample()), temp / "上海示例.budget")
    page = editor.go(8)
    assert isinstance(page, TextsStep) and page.shanghai is not None
    page.tabs.setCurrentWidget(page.shanghai)  # the facts only Shanghai's template prints
    settle()
    path = folder / "08-step-shanghai.png"
    window.grab().save(str(path))
    written.append(path)
    window.close_file()
    window.close()
    return written


def opened(window: MainWindow, budget: Budget, path: Path) -> Editor:
    """budget written to path and open in window, its checks done (the marks and step 9 show them)."""
    window.create_file(budget, path)
    editor, session = window.editor, window.session
    assert editor is not None and session is not None
    session.check_later()  # the checks run in the background
    while session.known_summary is None or session.checks_running():
        settle()
    return editor


if __name__ == "__main__":
    for shot in main(Path(sys.argv[1]) if len(sys.argv) > 1 else FOLDER):
        print(shot)
