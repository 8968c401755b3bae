"""Resources are found from an installed wheel, not only from a checkout."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers.paths import ROOT


@pytest.mark.slow
def test_installed_wheel_finds_its_resources(tmp_path: Path) -> None:
    wheels = tmp_path / "wheels"
    # built with the setuptools and wheel of the test extras, not in a fresh environment pip
    # fills with them on every run (9 s of the test's 12 s of CPU were that, issue 21); the wheel
    # is still built from pyproject.toml, installed and run from an empty PYTHONPATH below
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
                    "-q", "-w", str(wheels), str(ROOT)], check=True, capture_output=True)
    target = tmp_path / "site"
    wheel = next(wheels.glob("budget_desk-*.whl"))
    subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target",
                    str(target), str(wheel)], check=True, capture_output=True)
    code = (
        "import app.core.resources as r, app.profiles.shanxi.sample as s, app.core.catalog as c\n"
        "print(r.resource_root())\n"
        "print(len(s.load_sample().targets), len(c.load_catalog(2026).classes()))\n"
        "print(r.resource_path('fonts', 'uming.ttc').stat().st_size > 10**6)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True,
                         text=True, check=True, env={"PYTHONPATH": str(target), "PATH": ""})
    root, counts, font = out.stdout.splitlines()
    assert Path(root).is_relative_to(target)
    assert counts == "12 30"
    assert font == "True"


def test_frozen_bundle_root(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from app.core import resources

    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert resources.resource_root() == tmp_path / "resources"
    with pytest.raises(FileNotFoundError, match="找不到程序资源文件"):
        resources.resource_path("fonts", "none.ttc")
