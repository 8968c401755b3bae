"""`budget-desk fields` lists every field the default templates use; `templates --from` copies wording."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import replace
from pathlib import Path

from app.cli.main import main
from app.compute.template import Probe, parse, refs
from app.compute.wording import SECTIONS
from app.core.records import SectionTemplate
from app.profiles.shanxi.sample import load_sample
from app.store import storage
from tests.helpers import forkrun


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "app.cli", *args], capture_output=True,
                          text=True, check=False)


def test_fields_lists_every_figure_of_the_default_templates(tmp_path: Path) -> None:
    path = tmp_path / "s.budget"
    assert main(["sample", str(path)]) == 0  # in-process: only `fields` is tested in its own
    out = run("fields", str(path))
    assert out.returncode == 0, out.stderr
    rows = [line.split("\t") for line in out.stdout.splitlines()]
    assert all(len(r) == 3 for r in rows)
    values = {name: value for name, value, _ in rows}
    used = {n for d in SECTIONS for r in refs(parse(d.default))
            for n in (r.names if isinstance(r, Probe) else (r.full,))}
    assert used - values.keys() == set()
    assert values["收入总计"] == "4,762.56万元"
    assert values["收入总计.比上年"] == "比上年增加1,891.03万元，增长65.85%"
    assert values["机关运行经费"] == "44.06万元"
    assert values["一般公共预算.按类.教育支出.占比"] == "0.10%"
    assert values["上年"] == "2025"
    assert values["三公.公务用车运行维护费"] == "0万元"


def test_templates_copied_from_another_file(tmp_path: Path) -> None:
    source, target = tmp_path / "bureau.budget", tmp_path / "dept.budget"
    wording = (SectionTemplate("九", "采购{政府采购}。{政府采购.货物}{政府采购.工程}{政府采购.服务}"),)
    sample = load_sample()
    storage.save(replace(sample, texts=replace(sample.texts, templates=wording)), source)
    storage.save(sample, target)
    out = run("templates", str(target), "--from", str(source))
    assert out.returncode == 0, out.stderr
    assert "九\t本文件的写法" in out.stdout
    assert storage.load(target).texts.templates == wording
    # forked from the preloaded server: a process of its own, the interpreter's start is the run's above
    assert forkrun.run(["templates", str(tmp_path / "missing.budget")]).returncode == 2
