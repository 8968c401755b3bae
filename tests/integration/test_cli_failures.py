"""Every command given a bad path, a folder it cannot write, or a broken or hostile file prints
one Chinese message and exits non-zero; no traceback, and the file it was given is unchanged."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from app.cli.main import main
from app.core.records import Budget
from app.store import storage
from tests.helpers import forkrun
from tests.helpers.hostile import HOSTILE, hostile_file

# each command with {budget} (an input budget file), {xlsx} (an input workbook), {out} (where
# it writes); {budget} alone for commands that only read or rewrite it
COMMANDS = {
    "sample": ["sample", "{out}.budget"],
    "tables": ["tables", "{budget}"],
    "check": ["check", "{budget}"],
    "accept": ["accept", "{budget}", "income-balance", "income//x", "--reason", "因为"],
    "template": ["template", "-o", "{out}.xlsx"],
    "export": ["export", "{budget}", "-o", "{out}.xlsx"],
    "export --data": ["export", "{budget}", "--data", "-o", "{out}.xlsx"],
    "import": ["import", "{xlsx}", "-o", "{out}.budget"],
    "catalog": ["catalog", "{budget}"],
    "pdf": ["pdf", "{budget}", "--draft", "-o", "{out}.pdf"],
    "import-tables": ["import-tables", "{xlsx}", "-o", "{out}.budget"],
}
READERS = [name for name, words in COMMANDS.items() if "{budget}" in words]
WRITERS = [name for name, words in COMMANDS.items() if any("{out}" in w for w in words)]
# the commands given a file to read (a budget file or a workbook)
GIVEN_A_FILE = [name for name, words in COMMANDS.items() if {"{budget}", "{xlsx}"} & set(words)]


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory, sample: Budget) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("cli")
    good = folder / "good.budget"
    storage.save(sample, good)
    data = folder / "data.xlsx"
    assert main(["export", str(good), "--data", "-o", str(data)]) == 0
    broken = folder / "broken.xlsx"
    broken.write_bytes(b"PK\x03\x04 not really a zip")
    junk = folder / "junk.budget"
    junk.write_bytes(b"SQLite format 3\x00" + b"\xff" * 2000)
    return {"good": good, "data": data, "broken": broken, "junk": junk, "folder": folder}


def words(name: str, budget: Path, xlsx: Path, out: str) -> list[str]:
    return [w.format(budget=budget, xlsx=xlsx, out=out) for w in COMMANDS[name]]


def expect_one_message(code: int, err: str) -> None:
    assert code != 0
    assert "Traceback" not in err
    assert err.startswith("budget-desk: ") or "未写入任何文件" in err, err
    assert any("\u4e00" <= ch <= "\u9fff" for ch in err), err


@pytest.mark.parametrize("name", WRITERS)
@pytest.mark.parametrize("out", ["/proc/t", "/nonexistent-folder/t"])
def test_a_folder_it_cannot_write(name: str, out: str, files: dict[str, Path],
                                  capsys: pytest.CaptureFixture[str]) -> None:
    code = main(words(name, files["good"], files["data"], out))
    expect_one_message(code, capsys.readouterr().err)


@pytest.mark.parametrize("name", GIVEN_A_FILE)
def test_a_bad_path(name: str, files: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> None:
    missing = files["folder"] / "没有这个文件"
    code = main(words(name, missing.with_suffix(".budget"), missing.with_suffix(".xlsx"),
                      str(files["folder"] / "out-bad")))
    expect_one_message(code, capsys.readouterr().err)


@pytest.mark.parametrize("name", [*READERS, "import", "import-tables"])
def test_a_broken_file(name: str, files: dict[str, Path],
                       capsys: pytest.CaptureFixture[str]) -> None:
    before = files["junk"].read_bytes()
    code = main(words(name, files["junk"], files["broken"], str(files["folder"] / "out-broken")))
    expect_one_message(code, capsys.readouterr().err)
    assert files["junk"].read_bytes() == before


@pytest.mark.parametrize("kind", list(HOSTILE))
@pytest.mark.parametrize("name", READERS)
def test_a_hostile_budget_file_is_refused_and_left_alone(
        name: str, kind: str, tmp_path: Path, sample: Budget, files: dict[str, Path],
        capsys: pytest.CaptureFixture[str]) -> None:
    path = hostile_file(tmp_path, sample, kind)
    before = path.read_bytes()
    code = main(words(name, path, files["data"], str(tmp_path / "out")))
    expect_one_message(code, capsys.readouterr().err)
    assert path.read_bytes() == before  # versions 0 and -1 are no longer rewritten in place


@pytest.mark.parametrize("kind", list(HOSTILE))
def test_importing_over_a_hostile_file_is_refused(kind: str, tmp_path: Path, sample: Budget,
                                                  files: dict[str, Path],
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    path = hostile_file(tmp_path, sample, kind)
    before = path.read_bytes()
    expect_one_message(main(["import", str(files["data"]), "-o", str(path)]),
                       capsys.readouterr().err)
    assert path.read_bytes() == before


# commands whose real interpreter run (start, imports and all) is another test's: forked here
# from tests/helpers/forkrun.py's server, a process of their own without the interpreter's start
# (issue 21); every other command starts the real interpreter here, its one such run
REAL_ELSEWHERE = {
    "tables": "test_cli.py::test_sample_then_tables_prints_all_13",
    "accept": "test_checks_cli.py::test_python_m_app_cli_reports_plainly",
    "export --data": "export's, just before it",
}


def test_each_command_in_its_own_process_shows_no_traceback(files: dict[str, Path]) -> None:
    for name in COMMANDS:
        args = words(name, files["junk"], files["broken"], "/proc/t")
        if name in REAL_ELSEWHERE:
            done = forkrun.run(args)
        else:
            done = subprocess.run([sys.executable, "-m", "app.cli", *args],
                                  capture_output=True, text=True, check=False)
        assert done.returncode != 0, name
        assert "Traceback" not in done.stderr, (name, done.stderr)
        assert done.stderr.strip(), name


@pytest.mark.parametrize("name", ["sample", "template", "export", "export --data", "import",
                                  "pdf", "import-tables", "accept-over"])
def test_a_full_disk_is_named_as_such(name: str, files: dict[str, Path], sample: Budget,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    from tests.helpers.disk import fill, tiny_disk

    with tiny_disk(400) as disk:
        target = disk / "t.budget"
        storage.save(replace_projects(sample), target)
        before = target.read_bytes()
        fill(disk)
        if name == "accept-over":  # import over an existing file: the backup does not fit
            args = ["import", str(files["data"]), "-o", str(target)]
        else:
            args = words(name, files["good"], files["data"], str(disk / "out"))
        capsys.readouterr()
        code = main(args)
        err = capsys.readouterr().err
        expect_one_message(code, err)
        if name != "import-tables":  # its importer reports the tables it cannot find first
            assert "磁盘已满" in err, err
        assert target.read_bytes() == before
        assert sorted(p.name for p in disk.iterdir()) == ["filler", "t.budget"]  # no half files


def replace_projects(sample: Budget) -> Budget:
    from dataclasses import replace

    return replace(sample, projects=sample.projects[:1])
