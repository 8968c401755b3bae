"""Budget files a user can really have that are broken or hostile in one way each."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from pathlib import Path

from app.core.records import Budget
from app.store import storage


def _sql(*statements: str) -> Callable[[sqlite3.Connection], None]:
    def run(conn: sqlite3.Connection) -> None:
        for statement in statements:
            conn.execute(statement)
    return run


def _fact(name: str, key: str, value: object) -> Callable[[sqlite3.Connection], None]:
    def run(conn: sqlite3.Connection) -> None:
        data = json.loads(conn.execute("SELECT data FROM facts WHERE name=?", (name,)).fetchone()[0])
        data[key] = value
        conn.execute("UPDATE facts SET data=? WHERE name=?", (json.dumps(data), name))
    return run


HOSTILE: dict[str, Callable[[sqlite3.Connection], None]] = {
    "version 0": _sql("UPDATE meta SET value='0' WHERE key='schema_version'"),
    "version -1": _sql("UPDATE meta SET value='-1' WHERE key='schema_version'"),
    "trigger": _sql("CREATE TRIGGER t AFTER UPDATE ON facts BEGIN DELETE FROM projects; END"),
    "units view": _sql("DROP TABLE units", "CREATE VIEW units AS SELECT 1 AS position"),
    "amount 1e26": _sql("UPDATE basic_function SET amount='1E+26' WHERE position=0"),
    "lone surrogate": _fact("department", "name", "\ud800晋城"),
    "charts no": _fact("settings", "charts", "no"),
    "year 2026.7": _fact("department", "year", 2026.7),
    "count 10^29": _fact("assets", "equipment_50", 10**29),
}


_made: dict[tuple[int, str], tuple[Budget, bytes]] = {}


def hostile_file(folder: Path, sample: Budget, kind: str) -> Path:
    """A copy of sample as a budget file with one thing wrong (kind: a key of HOSTILE); made
    once per sample, kind and process, then written from its bytes (72 tests ask for one of
    nine, issue 21)."""
    path = folder / f"{kind.replace(' ', '-')}.budget"
    held = _made.get((id(sample), kind))
    if held is not None and held[0] is sample:
        path.write_bytes(held[1])
        return path
    storage.save(sample, path)
    conn = sqlite3.connect(path)
    conn.text_factory = str
    HOSTILE[kind](conn)
    conn.commit()
    conn.close()
    _made[id(sample), kind] = sample, path.read_bytes()
    return path
