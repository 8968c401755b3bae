"""Finds bundled resources from a checkout, an installed wheel or a frozen bundle."""

from __future__ import annotations

import sys
from pathlib import Path


def resource_root() -> Path:
    """The folder that holds `catalogs/`, `fonts/`, `sample/` and `icons/`."""
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen) / "resources"
    return Path(__file__).resolve().parents[2] / "resources"


def resource_path(*parts: str) -> Path:
    """The path of one bundled resource; raises FileNotFoundError naming it when absent."""
    path = resource_root().joinpath(*parts)
    if not path.exists():
        raise FileNotFoundError(f"找不到程序资源文件：{'/'.join(parts)}（{path}）")
    return path
