"""`budget-desk profiles`: the province templates, one per line: id, 名称, document kinds."""

from __future__ import annotations

import argparse
from typing import Any


def register(sub: Any) -> None:
    p = sub.add_parser("profiles", help="列出可用的公开模板（省份）")
    p.set_defaults(run=cmd_profiles)


def cmd_profiles(args: argparse.Namespace) -> int:
    from app.profiles.registry import PROFILES

    for p in PROFILES:
        print(f"{p.id}\t{p.name}\t{'、'.join(p.kinds)}")
    return 0
