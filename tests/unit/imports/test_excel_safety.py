"""Hostile or broken files give one clear error, never a crash: not a workbook, a damaged zip,
a zip bomb, an XML entity attack."""

from __future__ import annotations

import os
import zipfile
from pathlib import Path

import pytest

from app.core.records import Budget
from app.imports import xlsxsafe
from app.imports.workbook import read_data
from tests.helpers.workbooks import data_path

CONTENT_TYPES = ('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/'
                 'package/2006/content-types"/>')


def message(path: Path) -> str:
    budget, problems = read_data(path)
    assert budget is None
    assert len(problems) == 1
    assert (problems[0].sheet, problems[0].cell) == ("", "")
    return problems[0].message


@pytest.fixture()
def exported(sample: Budget) -> Path:
    """The sample's export, written once per process and read only (tests.helpers.workbooks,
    shared with the other import tests, and so is its parsed copy)."""
    return data_path(sample)


def rewrite(source: Path, target: Path, part: str, data: bytes) -> None:
    """A copy of the zip source with one part's bytes replaced."""
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            new.writestr(info.filename, data if info.filename == part else old.read(info))


def test_text_file(tmp_path: Path) -> None:
    path = tmp_path / "notes.xlsx"
    path.write_text("项目,金额\n", encoding="utf-8")
    assert message(path) == "“notes.xlsx”不是 Excel 工作簿（.xlsx）。"


def test_old_xls(tmp_path: Path) -> None:
    path = tmp_path / "old.xls"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600))
    assert message(path).startswith("“old.xls”是旧版 .xls 或加密的工作簿")


def test_other_zip(tmp_path: Path) -> None:
    path = tmp_path / "doc.xlsx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("[Content_Types].xml", CONTENT_TYPES)
        z.writestr("word/document.xml", "<w/>")
    assert message(path) == "“doc.xlsx”不是 Excel 工作簿（.xlsx），可能是其他格式的压缩文件。"


def test_truncated_zip(exported: Path, tmp_path: Path) -> None:
    data = exported.read_bytes()
    path = tmp_path / "cut.xlsx"
    path.write_bytes(data[: len(data) // 2])
    assert message(path).startswith("“cut.xlsx”已损坏")


def test_damaged_part(exported: Path, tmp_path: Path) -> None:
    with zipfile.ZipFile(exported) as z:
        info = z.getinfo("xl/worksheets/sheet6.xml")
    data = bytearray(exported.read_bytes())
    start = info.header_offset + 30 + len(info.filename) + 10
    data[start:start + 40] = os.urandom(40)
    path = tmp_path / "bad.xlsx"
    path.write_bytes(bytes(data))
    assert message(path).startswith("“bad.xlsx”已损坏")


def test_zip_bomb_by_ratio(tmp_path: Path) -> None:
    path = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", CONTENT_TYPES)
        z.writestr("xl/workbook.xml", "<workbook/>")
        with z.open("xl/worksheets/sheet1.xml", "w") as part:
            for _ in range(64):
                part.write(b" " * (1024 * 1024))
    assert path.stat().st_size < 1024 * 1024
    assert "压缩炸弹" in message(path)


def test_zip_bomb_by_total_size(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(xlsxsafe, "MAX_TOTAL", 2 * 1024 * 1024)
    path = tmp_path / "big.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", CONTENT_TYPES)
        z.writestr("xl/workbook.xml", "<workbook/>")
        z.writestr("xl/media/image1.bin", os.urandom(3 * 1024 * 1024))
    assert "解压后有 3 MB，超过上限" in message(path)


def test_file_too_big(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(xlsxsafe, "MAX_FILE", 1000)
    path = tmp_path / "large.xlsx"
    path.write_bytes(b"PK\x03\x04" + bytes(2000))
    assert "超过了" in message(path)


LAUGHS = (
    '<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol">'
    + "".join(f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">'
              for i in range(1, 10))
    + ']>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
    '<row r="1"><c r="A1" t="inlineStr"><is><t>&lol9;</t></is></c></row></sheetData></worksheet>'
)


def test_billion_laughs_in_a_sheet(exported: Path, tmp_path: Path) -> None:
    path = tmp_path / "laughs.xlsx"
    rewrite(exported, path, "xl/worksheets/sheet2.xml", LAUGHS.encode())
    assert "不安全的 XML 内容" in message(path)


def test_external_entity_in_properties(exported: Path, tmp_path: Path) -> None:
    evil = ('<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
            '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/'
            'core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>&e;</dc:title>'
            '</cp:coreProperties>')
    path = tmp_path / "xxe.xlsx"
    rewrite(exported, path, "docProps/core.xml", evil.encode())
    assert "不安全的 XML 内容" in message(path)
