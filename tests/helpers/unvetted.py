"""A workbook whose second sheet is stored in a part not named .xml, which the safety scan does not
vet (so it must be read the safe, slow way), and a billion-laughs sheet to put there."""

from __future__ import annotations

import zipfile
from pathlib import Path

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
LAUGHS = ('<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>'
          f'<worksheet xmlns="{MAIN}"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&b;</t>'
          '</is></c></row></sheetData></worksheet>').encode()


def renamed(source: Path, target: Path, part: bytes | None = None) -> Path:
    """source copied to target with sheet2.xml stored as "sheet2" (holding part where given)."""
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            data, name = old.read(info), info.filename
            if name.endswith("sheet2.xml"):
                name, data = name[:-4], part or data
            elif name in ("xl/_rels/workbook.xml.rels", "[Content_Types].xml"):
                data = data.replace(b"sheet2.xml", b"sheet2")
            new.writestr(name, data)
    return target
