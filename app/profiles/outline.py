"""A document's outline as data: title page, 目录, then parts in order, each naming its content."""

from __future__ import annotations

from dataclasses import dataclass

TITLE_PAGE = "title-page"
CONTENTS = "contents"
PART = "part"
TABLE = "table"


@dataclass(frozen=True)
class Entry:
    """One item of a document's outline.

    Attributes:
      kind: "title-page" (lines: its lines), "contents" (目录), "part" (a heading of the 目录;
        content: what follows it), "table" (a 目录 line under a part: one of the tables).
      title: as printed in the 目录 (or the title page's first line).
      content: for a part, the key of what it holds: "tables" (the profile's tables in order)
        or a key of the profile's texts (e.g. "explanation"); "" for a heading only.
      lines: the title page's lines; level: 1 a part, 2 a line under it (a table).
      key: the table's key for a "table" entry.
    """

    kind: str
    title: str
    content: str = ""
    lines: tuple[str, ...] = ()
    level: int = 1
    key: str = ""
