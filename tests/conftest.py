"""Shared fixtures: the sample budget and its tables; Qt runs offscreen."""

from __future__ import annotations

import gc
import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

# Compiled bytecode kept where PYTHONDONTWRITEBYTECODE forbids writing it beside the sources: each of
# the suite's processes (two workers, the commands the tests start) would otherwise compile app,
# reports, forms and every test module again (collection alone 12 s of CPU per worker instead of
# 5.5 s, issue 21). It goes to a folder of its own under .pytest_cache, never into a source tree
# (another checkout or site-packages); the commands the tests start share it. Set before the
# sources below are imported.
if os.environ.get("PYTHONDONTWRITEBYTECODE") and sys.pycache_prefix is None:
    sys.pycache_prefix = str(Path(__file__).resolve().parents[1] / ".pytest_cache" / "pycache")
    sys.dont_write_bytecode = False
    os.environ["PYTHONPYCACHEPREFIX"] = sys.pycache_prefix
    del os.environ["PYTHONDONTWRITEBYTECODE"]

import pytest
from hypothesis import settings

from app.compute.tabledef import Table
from app.core.records import Budget
from app.profiles.shanxi.sample import load_sample
from app.profiles.shanxi.tables import build_tables

# CI runs the same examples every time (a landing must not depend on luck); locally each run
# explores new ones, and a failure found there becomes an @example.
settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# The tests' files (tmp_path, the folders below, their commands' temporary folders) on a tmpfs
# where there is one: every save waits for its fsync, and on a disk that wait, not the work, was
# most of the file tests' time. Set before any temporary folder is made; subprocesses inherit it.
def _roomy_tmpfs(path: str, need: int = 2 << 30) -> bool:
    """path is writable and has room for the tests (a container's 64 MB /dev/shm has not)."""
    try:
        st = os.statvfs(path)
    except OSError:
        return False
    return os.access(path, os.W_OK) and st.f_bavail * st.f_frsize >= need


if "TMPDIR" not in os.environ and _roomy_tmpfs("/dev/shm"):
    os.environ["TMPDIR"] = "/dev/shm"
    tempfile.tempdir = None  # gettempdir() chooses again
# Qt keeps settings (recent files, the 元/万元 choice) under XDG_CONFIG_HOME: never the user's own
os.environ["XDG_CONFIG_HOME"] = tempfile.mkdtemp(prefix="budget-desk-tests-config-")
# the files' locks (app.store.lock) in a folder of the tests' own, shared with their commands
os.environ["BUDGET_DESK_LOCKS"] = tempfile.mkdtemp(prefix="budget-desk-tests-locks-")
# the parsed fonts (reports.fontcache) in a cache of the tests' own, shared with their commands:
# each worker parses the two collections once, not once per PDF, and never fills the user's cache
os.environ["XDG_CACHE_HOME"] = tempfile.mkdtemp(prefix="budget-desk-tests-cache-")


@pytest.fixture(scope="session")
def sample() -> Budget:
    return load_sample()


@pytest.fixture(scope="session")
def sample_pdf(published: Callable[[str], tuple[Path, Path]]) -> Path:
    """The sample's publication PDF, written once per session (tests only read it): the one
    `budget-desk pdf` writes for published("shanxi"), not a second one. Its bytes are
    write_pdf(sample)'s but for the dates and /ID reportlab's invariant mode fixes (issue 21);
    tests/unit/reports/test_pdf.py holds them equal."""
    return published("shanxi")[1]


@pytest.fixture(scope="session")
def published(tmp_path_factory: pytest.TempPathFactory) -> Callable[[str], tuple[Path, Path]]:
    """published(profile) → (budget file, PDF): the profile's sample as `budget-desk sample
    [--profile P]` writes it and its publication PDF as `budget-desk pdf` writes it (checked,
    read back, in its second process); once per session and profile, for tests that only read
    them (the inspector's and the read-back's)."""
    from app.cli.main import main

    made: dict[str, tuple[Path, Path]] = {}

    def write(folder: Path, profile: str) -> None:
        budget, pdf = folder / "s.budget", folder / "s.pdf"
        assert main(["sample", *(["--profile", profile] if profile != "shanxi" else []),
                     str(budget)]) == 0
        assert main(["pdf", str(budget), "-o", str(pdf)]) == 0

    def make(profile: str) -> tuple[Path, Path]:
        if profile not in made:
            folder = once_per_run(tmp_path_factory, f"published-{profile}",
                                  lambda folder: write(folder, profile))
            made[profile] = folder / "s.budget", folder / "s.pdf"
        return made[profile]

    return make


def once_per_run(factory: pytest.TempPathFactory, name: str, build: Callable[[Path], None]) -> Path:
    """A folder filled by build(folder) once per run: under xdist the workers share it (the
    first to ask builds it while the others wait, in the run's own temporary folder, so never
    a file of an earlier run), each worker had built its own before (issue 21); read only."""
    try:
        import fcntl
    except ImportError:  # Windows: each process its own
        fcntl = None  # type: ignore[assignment]
    if fcntl is None or not os.environ.get("PYTEST_XDIST_WORKER"):
        folder = factory.mktemp(name)
        build(folder)
        return folder
    root = factory.getbasetemp().parent  # the run's folder, holding each worker's own
    folder = root / name
    with open(root / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file is closed
        if not (folder / ".built").is_file():
            if folder.exists():  # a worker that failed while building it
                import shutil

                shutil.rmtree(folder)
            folder.mkdir()
            build(folder)
            (folder / ".built").touch()
    return folder


@pytest.fixture(scope="session")
def sample_tables(sample: Budget) -> tuple[Table, ...]:
    return build_tables(sample)


def pytest_configure(config: pytest.Config) -> None:
    """`-n N` without `--dist`: work stealing (pytest-xdist's worksteal) instead of load. Each
    worker starts on its own contiguous half, so module fixtures are built on one worker, and a
    worker that runs dry takes half of the other's remaining tests rather than idling behind a
    long one at the end (issue 21)."""
    explicit = any(a.startswith(("--dist", "-d")) for a in config.invocation_params.args)
    if getattr(config.option, "dist", "no") == "load" and not explicit:
        config.option.dist = "worksteal"


YOUNGEST = 10_000  # allocations between collections of the youngest generation (Python's: 700)


def pytest_collection_finish(session: pytest.Session) -> None:
    """What collection imported (app, forms, reports, the libraries, every test module) lives
    until the process ends: after one collection, the cyclic garbage collector no longer walks
    it again at every full collection of the run (0.15 -> 0.08 s each in a GUI worker, issue 21).
    Nothing that is garbage now is kept: it is collected first. The youngest generation is then
    collected every YOUNGEST allocations: a test's garbage is collected the same, a little later
    (a test that needs it now calls gc.collect(), which collects everything not frozen)."""
    gc.collect()
    gc.freeze()
    _, middle, oldest = gc.get_threshold()
    gc.set_threshold(YOUNGEST, middle, oldest)


def pytest_unconfigure(config: pytest.Config) -> None:
    """pytest collects five times at the end to catch exceptions raised by finalizers; the
    first of those is made here (its hook still listening), and what outlived it is frozen, so
    the other four walk only what finalizers left, not each worker's whole heap again."""
    gc.collect()
    gc.freeze()
