"""帮助 → 使用说明: the user guide (resources/help/使用说明.md) with its screenshots, in a window."""

from __future__ import annotations

import re

from app.core.resources import resource_path
from forms.qt import QDialog, QTextBrowser, QTextDocument, QVBoxLayout, QWidget

GUIDE = ("help", "使用说明.md")


class HelpDialog(QDialog):
    """The guide, rendered from Markdown; its images are found beside it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("使用说明 — 预算公开编制助手")
        self.resize(900, 700)
        layout = QVBoxLayout(self)
        self.browser = QTextBrowser()
        self.browser.setOpenExternalLinks(False)
        path = resource_path(*GUIDE)
        self.browser.setSearchPaths([str(path.parent)])
        self.browser.setHtml(guide_html(path.read_text(encoding="utf-8")))
        layout.addWidget(self.browser)


def guide_html(markdown: str, picture_width: int = 800) -> str:
    """The guide as HTML, its screenshots scaled to fit the window."""
    document = QTextDocument()
    document.setMarkdown(markdown)
    return re.sub(r"<img ", f'<img width="{picture_width}" ', document.toHtml())
