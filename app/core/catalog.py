"""Classification catalogs (支出功能分类, 部门/政府经济分类) per year, loaded from resources/."""

from __future__ import annotations

import csv
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from types import MappingProxyType

from app.core.records import Budget
from app.core.resources import resource_path, resource_root

FUNCTION = "function"
DEPT = "economic-dept"
GOV = "economic-gov"
KINDS = (FUNCTION, DEPT, GOV)
KIND_NAMES = {FUNCTION: "支出功能分类", DEPT: "部门预算支出经济分类", GOV: "政府预算支出经济分类"}


@dataclass(frozen=True)
class Entry:
    """One catalog line: code and name, with its level (类 1, 款 2, 项 3)."""

    code: str
    name: str

    @property
    def level(self) -> int:
        return function_level(self.code)


def function_level(code: str) -> int:
    """类 (3 digits) 1, 款 (5 digits) 2, 项 (7 digits) 3; 0 for anything else."""
    return {3: 1, 5: 2, 7: 3}.get(len(code), 0) if code.isdigit() else 0


@dataclass(frozen=True)
class Catalog:
    """The three catalogs of one year, code → name."""

    year: int
    function: Mapping[str, str]
    dept: Mapping[str, str]
    gov: Mapping[str, str]

    def table(self, kind: str) -> Mapping[str, str]:
        if kind == FUNCTION:  # the common case without building a dict per call (tables ask per row)
            return self.function
        return {FUNCTION: self.function, DEPT: self.dept, GOV: self.gov}[kind]

    def classes(self) -> list[Entry]:
        """The function 类 (3-digit codes) in code order: the 30 rows of tables 1 and 4."""
        return [Entry(c, n) for c, n in sorted(self.function.items()) if len(c) == 3]

    def path(self, code: str, kind: str = FUNCTION) -> list[Entry]:
        """The 类/款/项 path down to code (names from this catalog; unknown levels left out)."""
        names = self.table(kind)
        prefixes = [code[:n] for n in (3, 5, 7) if n <= len(code)]
        return [Entry(p, names[p]) for p in prefixes if p in names]

    def name(self, code: str, kind: str = FUNCTION) -> str:
        """The name of code, or "" when the catalog lacks it."""
        return self.table(kind).get(code, "")

    def search(self, query: str, kind: str = FUNCTION, limit: int = 50) -> list[Entry]:
        """Entries whose code starts with query or whose name or path contains it."""
        query = query.strip()
        if not query:
            return []
        names = self.table(kind)
        found: list[Entry] = []
        for code, name in sorted(names.items()):
            path = "/".join(e.name for e in self.path(code, kind))
            if code.startswith(query) or query in name or query in path:
                found.append(Entry(code, name))
                if len(found) >= limit:
                    break
        return found

    def with_entries(self, kind: str, entries: Mapping[str, str]) -> Catalog:
        """A catalog where kind's list is extended (and overridden) by entries."""
        merged = {**self.table(kind), **entries}
        frozen = MappingProxyType(dict(sorted(merged.items())))
        return Catalog(
            self.year,
            frozen if kind == FUNCTION else self.function,
            frozen if kind == DEPT else self.dept,
            frozen if kind == GOV else self.gov,
        )


def read_csv(path: Path) -> dict[str, str]:
    """code → name from a `code,name` CSV file."""
    with path.open(encoding="utf-8", newline="") as handle:
        return {row["code"].strip(): row["name"].strip() for row in csv.DictReader(handle)}


def available_years() -> list[int]:
    folder = resource_root() / "catalogs"
    return sorted(int(p.name) for p in folder.iterdir() if p.is_dir() and p.name.isdigit())


def catalog_year(year: int) -> int:
    """The year whose bundled catalog serves year: itself, or the latest year before it."""
    years = available_years()
    return max((y for y in years if y <= year), default=years[0])


@cache
def load_catalog(year: int) -> Catalog:
    """The bundled catalog of year, or of the latest year before it (the catalog changes little)."""
    folder = resource_path("catalogs", str(catalog_year(year)))
    tables = [MappingProxyType(read_csv(folder / f"{kind}.csv")) for kind in KINDS]
    return Catalog(year, *tables)


def catalog_for(budget: Budget) -> Catalog:
    """The bundled catalog of the budget's year, extended by the codes the user loaded."""
    catalog = load_catalog(budget.department.year)
    for kind in KINDS:
        entries = {e.code: e.name for e in budget.catalog_entries if e.kind == kind}
        if entries:
            catalog = catalog.with_entries(kind, entries)
    return catalog
