"""The templates a published disclosure may follow: each profile's tables (keys, titles) and the
Layout of rules it declares (app/profiles/<id>/inspection.py).

A document is recognised by the titles it carries; a profile's template is built from the
profile itself. Titles are written without the year ("预算收支总表" matches "2026年预算收支总表").
A profile whose titles differ by document kind (上海: 部门… / 单位…) gives a template per kind.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

from app.inspect.loose import normal
from app.inspect.pdfread import Document
from app.profiles import registry
from app.profiles.inspection import Layout
from app.profiles.registry import Profile
from app.profiles.shanghai.inspection import LAYOUT as SHANGHAI_LAYOUT
from app.profiles.shanxi.inspection import LAYOUT as SHANXI_LAYOUT

_LAYOUTS: tuple[tuple[Profile, Layout], ...] = ((registry.SHANXI, SHANXI_LAYOUT),
                                                (registry.SHANGHAI, SHANGHAI_LAYOUT))


@dataclass(frozen=True)
class Template:
    """A template: its profile id, document kind ("" when its titles do not tell), its name in
    words, its tables' keys and titles in order, and its rules."""

    profile: str
    name: str
    titles: tuple[str, ...]
    keys: tuple[str, ...] = ()
    layout: Layout = field(default_factory=Layout)
    kind: str = ""

    def number(self, key: str) -> int:
        """The table's place in the template (1…), as its 目录 numbers it."""
        return self.keys.index(key) + 1 if key in self.keys else 0

    def key_of(self, number: int) -> str:
        return self.keys[number - 1]

    @cached_property
    def by_title(self) -> dict[str, str]:
        """Each table's key by its title compared loosely (the first table of a title, as a scan
        of the titles in order would find), built once per template."""
        found: dict[str, str] = {}
        for key, title in zip(self.keys, self.titles, strict=True):
            found.setdefault(normal(title), key)
        return found


def _yearless(title: str) -> str:
    return re.sub(r"^(?:19|20)\d{2}\s*年(?:度)?", "", title)


def _templates() -> tuple[Template, ...]:
    found: list[Template] = []
    for profile, layout in _LAYOUTS:
        by_titles: dict[tuple[str, ...], list[str]] = {}
        for kind in profile.kinds:
            by_titles.setdefault(tuple(_yearless(t) for t in profile.titles(2000, kind)), []).append(kind)
        for titles, kinds in by_titles.items():
            kind = kinds[0] if len(by_titles) > 1 else ""
            name = f"{profile.name}{kind and f'（{kind}）'}"
            found.append(Template(profile.id, name, titles, profile.table_keys(), layout, kind))
    return tuple(found)


TEMPLATES: tuple[Template, ...] = _templates()
SHANXI = TEMPLATES[0]


_TITLE_LINE = re.compile(r"^(?:(?:19|20)\d{2}\s*年(?:度)?)?(.+)$")


def title_of(line: str, template: Template) -> str | None:
    """The key of the table whose title the line is, or None. A 目录 line (dots, a page number)
    is not a title."""
    body = _title_body(line)
    return None if body is None else template.by_title.get(body)


_TABLE_NUMBER = re.compile(r"^(?:预算公开表|表)[一二三四五六七八九十\d]+")
_YEAR = re.compile(r"^(?:19|20)\d{2}\s*年(?:度)?")


@lru_cache(maxsize=1 << 16)
def _title_body(line: str) -> str | None:
    """The line as a title compared loosely (no year, no table number), or None for a 目录 line;
    once per distinct line (every template, every pass over a document asks for it again)."""
    if "…" in line or "...." in line or "··" in line:
        return None
    m = _TITLE_LINE.match(normal(line))
    if not m:
        return None
    return _YEAR.sub("", _TABLE_NUMBER.sub("", m.group(1), count=1), count=1)


def recognise(document: Document) -> tuple[Template | None, int]:
    """The template most of whose titles the document carries (at least half), and how many."""
    best: tuple[Template | None, int] = (None, 0)
    for template in TEMPLATES:
        found = {n for page in document.pages for line in page.lines
                 if (n := title_of(line, template)) is not None}
        if len(found) > best[1] and len(found) * 2 >= len(template.titles):
            best = (template, len(found))
    return best
