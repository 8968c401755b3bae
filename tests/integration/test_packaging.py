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
    wheels.mkdir()
    # built by the backend pyproject.toml's build-system names, with the setuptools and wheel of
    # the test extras, in a process of its own, as `pip wheel --no-build-isolation` builds it but
    # without pip's start-up around it; stored, not deflated: compressing the 37 MB of fonts was
    # most of the build's CPU, and how the wheel is compressed is not what this test is about
    # (issue 21). It is still built from pyproject.toml, installed by pip and run from an empty
    # PYTHONPATH below.
    # Then installed by pip (`python -m pip install --no-deps --no-compile --target SITE WHEEL`:
    # no bytecode compiled at install, the run below imports from the sources it installed), run
    # in the same process after the build as `-m pip` runs it (runpy), which saves a second
    # interpreter's start, not pip's work.
    target = tmp_path / "site"
    build = (
        "import importlib, os, runpy, sys, tomllib\n"
        "wheels, site = sys.argv[1:3]  # the build rewrites sys.argv\n"
        "backend = tomllib.load(open('pyproject.toml', 'rb'))['build-system']['build-backend']\n"
        "name = importlib.import_module(backend).build_wheel(wheels,"
        " {'--build-option': ['--compression=stored']})\n"
        "print(name, flush=True)\n"
        "sys.argv = ['pip', 'install', '--no-deps', '--no-compile', '-q', '--target', site,"
        " os.path.join(wheels, name)]\n"
        "runpy.run_module('pip', run_name='__main__', alter_sys=True)\n"
    )
    built = subprocess.run([sys.executable, "-c", build, str(wheels), str(target)], cwd=ROOT,
                           check=False, capture_output=True, text=True)
    assert built.returncode == 0, built.stdout + built.stderr
    wheel = wheels / built.stdout.splitlines()[-1]
    assert wheel.name.startswith("budget_desk-") and wheel.suffix == ".whl", built.stdout
    assert (target / "app" / "core" / "resources.py").is_file()
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
