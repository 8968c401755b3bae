"""Text going into the PDF: escaping for reportlab's markup, and a record of every string drawn
with its place, so the fonts can be checked before anything is written."""

from __future__ import annotations

from dataclasses import dataclass, field


def esc(text: str) -> str:
    """Text as reportlab paragraph markup: &, < and > escaped, line breaks kept."""
    # as xml.sax.saxutils.escape, whose import pulls in urllib, http and ssl (a tenth of the start)
    return text.replace("&", "&amp;").replace(">", "&gt;").replace("<", "&lt;").replace("\n", "<br/>")


@dataclass
class Recorder:
    """Every string the PDF will draw, by face: (place, text)."""

    bodies: list[tuple[str, str]] = field(default_factory=list)
    headings: list[tuple[str, str]] = field(default_factory=list)

    def body(self, place: str, text: str) -> str:
        self.bodies.append((place, text))
        return text

    def heading(self, place: str, text: str) -> str:
        self.headings.append((place, text))
        return text
