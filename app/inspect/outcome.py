"""What inspecting one PDF gives: the findings with their pages, and the rules run and not run."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from app.core.findings import Severity


@dataclass(frozen=True)
class PdfFinding:
    """One fault in a PDF: its page (None: the whole document), level, check, message, and the
    words on the page that mark the place (for an annotated copy)."""

    page: int | None
    severity: Severity
    check: str
    message: str
    words: str = ""


class Skip(Exception):
    """A rule could not run (a table not found, a figure not readable): the reason in words."""


@dataclass
class Outcome:
    """The result for one file."""

    path: Path
    readable: bool = True
    scanned: bool = False
    template: str = ""
    findings: list[PdfFinding] = field(default_factory=list)
    run: list[str] = field(default_factory=list)
    not_run: list[tuple[str, str]] = field(default_factory=list)

    def add(self, page: int | None, severity: Severity, check: str, message: str, words: str = "") -> None:
        self.findings.append(PdfFinding(page, severity, check, message, words))

    def error(self, page: int | None, check: str, message: str, words: str = "") -> None:
        self.add(page, Severity.ERROR, check, message, words)

    @property
    def errors(self) -> list[PdfFinding]:
        return [f for f in self.findings if f.severity == Severity.ERROR]


def tolerance(parts: int, unit: str = "万元") -> Decimal:
    """How far printed parts may add up away from their printed total (尾差): half of the last
    printed digit (0.01 万元, or 1 元) per rounded figure."""
    return (Decimal("0.5") if unit == "元" else Decimal("0.005")) * (parts + 1)


def wan(value: Decimal) -> str:
    return f"{value:,.2f}"
