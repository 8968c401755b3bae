"""The QApplication: names for settings, the bundled Chinese font, and the main window."""

from __future__ import annotations

import gc
import sys
from pathlib import Path

from app.core.resources import resource_path
from forms.main_window import MainWindow
from forms.qt import QApplication, QFont, QFontDatabase, QIcon, QLibraryInfo, QLocale, QTranslator

FONT = ("fonts", "wqy-zenhei.ttc")  # a Hei face reads better on screen than the Song of print
# how often a running Python thread hands the interpreter to another (seconds; Python's default
# is 0.005): the checks run in a thread beside the interface, and at the default each of its
# turns kept the interface waiting 5 ms, two in a row 10–17 ms (1,000 projects); at 1 ms the
# interface's longest waits are 7–8 ms, the checks as quick
SWITCH_INTERVAL = 0.001
# the collector's full passes (over every object of the open file: 26–34 ms for 1,000
# projects, in whichever thread allocates, the checks' one included, holding the interface that
# long) come after this many passes of its middle generation instead of Python's 10: none in
# ten runs of the checks instead of one in three. A budget's records hold no cycles (they are
# freed as soon as they are dropped), so what waits longer is only cyclic garbage
FULL_PASS_AFTER = 100


def application() -> QApplication:
    """The one QApplication, created on first use, with the bundled font as default."""
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    sys.setswitchinterval(SWITCH_INTERVAL)
    young, middle, _ = gc.get_threshold()
    gc.set_threshold(young, middle, FULL_PASS_AFTER)
    app.setOrganizationName("BudgetDesk")
    app.setApplicationName("预算公开编制助手")
    app.setDesktopFileName("budget-desk")  # the installed menu entry: its icon on Wayland and taskbars
    app.setWindowIcon(QIcon(str(resource_path("icons", "budget-desk-256.png"))))
    register_font(app)
    load_translations(app)
    return app


_translators: list[QTranslator] = []  # kept alive as long as the application


def load_translations(app: QApplication) -> bool:
    """Qt's own Chinese texts (standard buttons, file dialogs, context menus), shipped with PySide6."""
    if _translators:
        return True
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    loaded = False
    for name in ("qtbase_zh_CN", "qt_zh_CN"):
        translator = QTranslator(app)
        if translator.load(name, folder):
            app.installTranslator(translator)
            _translators.append(translator)
            loaded = True
    return loaded


def register_font(app: QApplication) -> str | None:
    """Register the bundled CJK font so Chinese renders on a machine without one; its family."""
    font_id = QFontDatabase.addApplicationFont(str(resource_path(*FONT)))
    families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
    if not families:
        return None
    font = QFont(families[0])
    font.setPointSize(10)
    app.setFont(font)
    return families[0]


def run(path: Path | None = None) -> int:
    """Show the main window (on path if given) and run until it closes."""
    app = application()
    window = MainWindow()
    window.show()
    if path is not None:
        window.open_path(path)
    return app.exec()
