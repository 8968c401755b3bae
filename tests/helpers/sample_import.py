"""The sample's 13 tables written to a workbook and imported once per test process, shared read-only.

Many tests of the table import (issue 16) read the same import of the same workbook; writing
and importing it once per layout and process instead of once per test is issue 21's saving.
The workbook's bytes are what write_workbook writes for the layout (it is deterministic), so a
test that starts from a copy starts from the very file it used to write itself. Tests must
neither change the shared file (they edit a copy) nor the shared result (its budget is frozen;
its report's lists are only read).
"""

from __future__ import annotations

import shutil
import tempfile
from functools import cache
from pathlib import Path

from app.compute.tabledef import Table
from app.imports.tables.importer import ImportResult, import_tables
from app.profiles.shanxi.sample import load_sample
from app.profiles.shanxi.tables import build_tables
from tests.helpers.table_workbook import Layout, write_workbook


@cache
def _folder() -> Path:
    return Path(tempfile.mkdtemp(prefix="budget-desk-tests-sample-import-"))


@cache
def sample_tables() -> tuple[Table, ...]:
    """The sample's tables, as the session fixture sample_tables builds them."""
    return build_tables(load_sample())


PLAIN = Layout()


def sample_workbook(layout: Layout = PLAIN) -> Path:
    """The sample's tables written in layout, once per process: only to be read."""
    return _workbook(layout)


def sample_copy(target: Path, layout: Layout = PLAIN) -> Path:
    """A copy at target of the sample's workbook in layout, for a test to change."""
    shutil.copyfile(_workbook(layout), target)
    return target


def sample_import(layout: Layout = PLAIN) -> ImportResult:
    """import_tables of the sample's workbook in layout, once per process: only to be read."""
    return _import(layout)


# cached on the layout alone (a call with and one without the default share one entry)
@cache
def _workbook(layout: Layout) -> Path:
    folder = _folder()
    return write_workbook(sample_tables(), folder / f"sample-{len(list(folder.iterdir()))}.xlsx",
                          layout)


@cache
def _import(layout: Layout) -> ImportResult:
    return import_tables(_workbook(layout))


@cache
def exported_import() -> ImportResult:
    """import_tables of the 13-table workbook this application exports for the sample (as
    `reports.excel_tables.tables_workbook` builds it and `reports.excel_data.save` writes it),
    once per process: only to be read."""
    from reports.excel_data import save
    from reports.excel_tables import tables_workbook

    path = _folder() / "exported.xlsx"
    save(tables_workbook(sample_tables()), path)
    return import_tables(path)
