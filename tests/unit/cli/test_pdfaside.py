"""The pdf command's second process: its refusal and read-back are those of the command run
serially, it is really another process, and when it fails the command does the work itself."""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Any

import pytest

from app.checks.registry import Finding, Location, Severity
from app.cli import pdf
from app.cli.main import main
from app.cli.pdfaside import Aside
from app.core.records import Budget
from app.store import storage


def blocker() -> Finding:
    # the process that ran the checks signs the finding
    return Finding("balance", Severity.ERROR, f"收入总计与支出总计不等（进程 {os.getpid()}）",
                   Location("income", label="收入 本年收入"))


def signed_faults(path: Path, tables: object, texts: object) -> list[str]:
    return [f"第3页附近：表3的一行读不出（进程 {os.getpid()}）"]


@pytest.fixture()
def budget_file(sample: Budget, tmp_path: Path) -> Path:
    path = tmp_path / "s.budget"
    storage.save(sample, path)
    return path


needs_two = pytest.mark.skipif((os.cpu_count() or 1) < 2, reason="one core: nothing runs aside")


@needs_two
def test_refusal_comes_from_the_second_process_and_leaves_no_file(
        budget_file: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr("app.cli.pdf.open_errors", lambda budget: [blocker()])
    out = budget_file.with_name("out.pdf")
    assert main(["pdf", str(budget_file), "-o", str(out)]) == 1  # as check ends on 错误
    err = capsys.readouterr().err
    assert "还有 1 个错误未处理，不能生成公开文件" in err and "收入 本年收入" in err
    assert f"进程 {os.getpid()}）" not in err and "进程 " in err  # checked in the other process
    assert sorted(p.name for p in budget_file.parent.iterdir()) == ["s.budget"]  # no temporary file


@needs_two
def test_a_refusal_that_comes_during_the_layout_stops_it(
        budget_file: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    """The layout polls for the refusal and stops when it has come, rather than laying out and
    saving the whole file it will not put in place (issue 21)."""
    from reports.pdf_doc import DisclosureDoc

    monkeypatch.setattr("app.cli.pdf.open_errors", lambda budget: [blocker()])
    made: list[Aside] = []
    real_init = Aside.__init__

    def kept(self: Aside, *args: Any) -> None:
        real_init(self, *args)
        made.append(self)

    laid_out: list[int] = []
    real_after = DisclosureDoc.afterFlowable

    def after(self: DisclosureDoc, flowable: Any) -> None:
        if not laid_out:  # the refusal arrives while the first flowable is laid out
            assert made[0]._conn.poll(60)
        laid_out.append(1)
        real_after(self, flowable)

    monkeypatch.setattr(Aside, "__init__", kept)
    monkeypatch.setattr(DisclosureDoc, "afterFlowable", after)
    out = budget_file.with_name("out.pdf")
    assert main(["pdf", str(budget_file), "-o", str(out)]) == 1
    assert "还有 1 个错误未处理，不能生成公开文件" in capsys.readouterr().err
    assert len(laid_out) == 1  # of some 320
    assert sorted(p.name for p in budget_file.parent.iterdir()) == ["s.budget"]


@needs_two
def test_read_back_faults_come_from_the_second_process_and_refuse_the_file(
        budget_file: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr("app.cli.pdf.open_errors", lambda budget: [])
    monkeypatch.setattr("app.inspect.readback.faults", signed_faults)
    out = budget_file.with_name("out.pdf")
    out.write_bytes(b"old")
    assert main(["pdf", str(budget_file), "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert "读回核对未通过" in err and "表3的一行读不出" in err
    assert f"进程 {os.getpid()}）" not in err
    assert out.read_bytes() == b"old"
    assert sorted(p.name for p in budget_file.parent.iterdir()) == ["out.pdf", "s.budget"]


def test_a_draft_runs_no_checks(budget_file: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(budget: Budget) -> list[Finding]:
        raise AssertionError("a draft is never refused, so its checks are not run")

    monkeypatch.setattr("app.cli.pdf.open_errors", fail)
    out = budget_file.with_name("draft.pdf")
    assert main(["pdf", str(budget_file), "-o", str(out), "--draft"]) == 0
    assert out.read_bytes().startswith(b"%PDF")


@needs_two
def test_a_dead_second_process_leaves_the_work_to_the_command(sample: Budget, tmp_path: Path,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    parent = os.getpid()

    def stuck_there(budget: Budget) -> list[Finding]:
        while os.getpid() != parent:  # the second process never answers: it is killed first
            time.sleep(1)
        return [blocker()]

    monkeypatch.setattr("app.cli.pdf.open_errors", stuck_there)
    here: list[str] = []

    def local(path: Path, tables: object, texts: object) -> list[str]:
        here.append(str(path))
        return []

    aside = Aside(sample, True, pdf.refusal, local)
    assert aside._process is not None and aside._process.pid != os.getpid()
    aside._process.kill()
    aside._process.join()
    message = aside.refusal()  # computed here instead
    assert message is not None and f"进程 {os.getpid()}）" in message
    assert aside.faults(tmp_path / "x.pdf", [], []) == [] and here == [str(tmp_path / "x.pdf")]
    aside.close()


def test_one_core_does_everything_here(sample: Budget, tmp_path: Path,
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(os, "cpu_count", lambda: 1)
    monkeypatch.setattr("app.cli.pdf.open_errors", lambda budget: [])
    aside = Aside(sample, True, pdf.refusal, signed_faults)
    assert aside._process is None
    assert aside.refusal() is None
    assert aside.faults(tmp_path / "x.pdf", [], []) == signed_faults(tmp_path, [], [])
    aside.close()


@pytest.fixture(scope="module")
def whole(sample_pdf: Path) -> Any:
    """The sample's PDF as one reader in this process reads it (pdfread.read), once per module:
    what the shared readers must give."""
    from app.inspect import pdfread

    return pdfread.read(sample_pdf)


forks = pytest.mark.skipif("fork" not in __import__("multiprocessing").get_all_start_methods(),
                           reason="no fork: one reader")


@forks
def test_two_readers_share_the_pages_and_give_the_whole_text(sample_pdf: Path, whole: Any,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    from app.cli import pdfaside
    from app.inspect import pdfread

    parent, read_here = os.getpid(), []
    real = pdfread.rows_of

    def slow_here(textpage: object) -> tuple[str, ...]:
        if os.getpid() == parent:  # this reader is slow: the other takes the pages it does not
            time.sleep(0.05)
            read_here.append(len(read_here))
        return real(textpage)  # type: ignore[arg-type]

    monkeypatch.setattr(pdfread, "rows_of", slow_here)
    monkeypatch.setattr(pdfaside, "idle_core", lambda: True)
    readers = pdfaside.Readers()
    try:
        assert readers._process is not None and readers._process.pid != parent
        assert readers.read(sample_pdf) == whole
    finally:
        readers.close()
    assert 0 < len(read_here) < len(whole.pages) // 2  # most pages were read by the other process
    assert pdfaside.read_shared(sample_pdf) == whole


@forks
def test_pages_the_other_reader_took_and_lost_are_read_here(sample_pdf: Path, whole: Any,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    from app.cli import pdfaside

    def dies(conn: Any, inherited: tuple[Any, ...], ends: Any) -> None:
        taken = pdfaside._taking(ends, len(whole.pages), 0)
        if [next(taken) for _ in range(5)] == [0, 1, 2, 3, 4]:
            conn.recv()  # the file to read
        os._exit(3)  # five pages taken, none sent back

    monkeypatch.setattr(pdfaside, "_read_shared", dies)
    monkeypatch.setattr(pdfaside, "idle_core", lambda: True)
    readers = pdfaside.Readers()
    try:
        assert readers._process is not None
        deadline = time.monotonic() + 60
        while readers._taken_ends[0] < 5 and time.monotonic() < deadline:  # taken before this reads
            time.sleep(0.01)
        assert readers.read(sample_pdf) == whole
    finally:
        readers.close()


@forks
def test_a_counter_left_locked_by_a_killed_reader_stops_the_taking_not_the_reading(
        sample_pdf: Path, whole: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    from app.cli import pdfaside

    def killed_while_taking(conn: Any, inherited: tuple[Any, ...], ends: Any) -> None:
        ends.get_lock().acquire()
        conn.recv()  # the file to read
        os._exit(9)  # as if killed inside the counter's lock

    monkeypatch.setattr(pdfaside, "_read_shared", killed_while_taking)
    monkeypatch.setattr(pdfaside, "idle_core", lambda: True)
    monkeypatch.setattr(pdfaside, "LOCK_WAIT", 0.2)
    readers = pdfaside.Readers()
    try:
        assert readers._process is not None
        lock = readers._taken_ends.get_lock()
        deadline = time.monotonic() + 60
        while lock.acquire(False) and time.monotonic() < deadline:  # not yet taken by the other
            lock.release()
            time.sleep(0.01)
        assert readers.read(sample_pdf) == whole  # every page, read here
    finally:
        readers.close()


@forks
@pytest.mark.parametrize("idle", [True, False])
def test_the_commands_read_back_takes_a_third_reader_when_a_core_is_idle_as_the_file_is_read(
        idle: bool, sample: Budget, sample_pdf: Path, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """The command's second process forks its reader whatever the load average says (it counts
    the command's own layout) and uses it only if a core is idle when the PDF is read: the
    kernel shares the cores between sessions, so two readers on a busy machine take longer."""
    from app.cli import pdfaside
    from app.inspect import pdfread

    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    monkeypatch.setattr(os, "getloadavg", lambda: (7.0, 7.0, 7.0))
    monkeypatch.setattr(pdfaside, "core_free_now", lambda besides=None: idle)
    monkeypatch.setattr("app.cli.pdf.open_errors", lambda budget: [])
    signed = tmp_path / "readers"
    real = pdfread.read_pages

    def signing(path: Any, chosen: Any) -> Any:
        pages = real(path, chosen)
        with signed.open("a") as out:
            out.write(f"{os.getpid()} {len(pages)}\n")
        return pages

    monkeypatch.setattr(pdfread, "read_pages", signing)
    aside = Aside(sample, True, pdf.refusal, signed_faults)
    try:
        assert aside.refusal() is None
        assert aside.faults(sample_pdf, [], []) == []  # nothing to look for: the pages are read all the same
    finally:
        aside.close()
    readers = [line.split() for line in signed.read_text().splitlines()]
    assert len({pid for pid, _ in readers}) == (2 if idle else 1)
    assert str(os.getpid()) not in {pid for pid, _ in readers}
    assert sum(int(count) for _, count in readers) == len(pdfread.read(sample_pdf).pages)


def test_a_core_free_now_is_told_by_the_threads_runnable_now(monkeypatch: pytest.MonkeyPatch) -> None:
    from app.cli import pdfaside

    if not Path("/proc/loadavg").is_file():
        pytest.skip("no /proc/loadavg: the load average decides")
    monkeypatch.setattr(os, "cpu_count", lambda: 1)
    assert not pdfaside.core_free_now()  # this test's own thread is running
    monkeypatch.setattr(os, "cpu_count", lambda: 100_000)
    assert pdfaside.core_free_now()


def test_the_commands_own_runnable_threads_do_not_keep_a_core_from_being_free(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """The command has just sent the file and waits: its threads runnable at that moment are
    not counted against a core (they are ending), another process's are."""
    from app.cli import pdfaside

    if not Path("/proc/loadavg").is_file():
        pytest.skip("no /proc/loadavg: the load average decides")
    assert pdfaside._running_threads(os.getpid()) >= 1  # this test's own thread, reading its state
    assert pdfaside._running_threads(None) == 0
    monkeypatch.setattr(pdfaside, "_running_threads", lambda pid: 5 if pid == 7 else 0)
    monkeypatch.setattr(os, "cpu_count", lambda: 4)
    counts = iter([b"0.5 0.5 0.5 7/100 1\n", b"0.5 0.5 0.5 4/100 1\n"])
    def loadavg(path: Any, *args: Any) -> Any:
        assert path == "/proc/loadavg"
        import io

        return io.BytesIO(next(counts))

    monkeypatch.setattr(pdfaside, "open", loadavg, raising=False)  # the module's open only
    assert pdfaside.core_free_now(besides=7)  # 7 runnable, 5 of them the command's: 2 <= 3
    counts = iter([b"0.5 0.5 0.5 7/100 1\n", b"0.5 0.5 0.5 4/100 1\n"])
    assert not pdfaside.core_free_now(besides=8)  # 7, then 4: still over the 3
    counts = iter([b"0.5 0.5 0.5 7/100 1\n", b"0.5 0.5 0.5 3/100 1\n"])
    assert pdfaside.core_free_now(besides=8)  # busy for a moment only: looked at again


@pytest.mark.parametrize("where", ["no fork", "busy"])
def test_a_reader_alone_where_no_process_can_be_forked_or_no_core_is_idle(
        where: str, sample_pdf: Path, whole: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    import multiprocessing

    from app.cli import pdfaside

    if where == "no fork":
        monkeypatch.setattr(pdfaside, "idle_core", lambda: True)
        monkeypatch.setattr(multiprocessing, "get_all_start_methods", lambda: ["spawn"])
    else:
        monkeypatch.setattr(os, "cpu_count", lambda: 2)
        monkeypatch.setattr(os, "getloadavg", lambda: (1.1, 0.5, 0.5))
        assert not pdfaside.idle_core()
    readers = pdfaside.Readers()
    assert readers._process is None
    assert readers.read(sample_pdf) == whole
    readers.close()


def test_an_idle_core_is_told_by_the_load_average(monkeypatch: pytest.MonkeyPatch) -> None:
    from app.cli import pdfaside

    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    monkeypatch.setattr(os, "getloadavg", lambda: (0.9, 3.0, 3.0))  # the last minute's
    assert pdfaside.idle_core()
    monkeypatch.setattr(os, "getloadavg", lambda: (1.01, 0.0, 0.0))
    assert not pdfaside.idle_core()


def test_the_program_ends_at_once_with_its_pdf_whole(budget_file: Path) -> None:
    import subprocess
    import sys

    from app.inspect import pdfread

    root = Path(__file__).resolve().parents[3]
    out = budget_file.with_name("out.pdf")
    done = subprocess.run([sys.executable, "-m", "app.cli", "pdf", str(budget_file), "-o", str(out)],
                          cwd=root, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"已写出公开文件：{out}"  # printed before the process ended itself
    assert done.stderr == ""
    assert len(pdfread.read(out).pages) == 37
    assert sorted(p.name for p in budget_file.parent.iterdir()) == ["out.pdf", "s.budget"]
    again = subprocess.run([sys.executable, "-m", "app.cli", "pdf", str(budget_file), "-o",
                            str(budget_file.parent / "no-such" / "x.pdf")],
                           cwd=root, capture_output=True, text=True, timeout=300)
    assert again.returncode == 2 and "无法在文件夹" in again.stderr


def test_a_spawned_second_process_gives_the_same_answers(sample: Budget, sample_pdf: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    """Where fork is missing (Windows) the process is spawned: the budget goes to it pickled and
    the tables and texts of the read-back too."""
    import multiprocessing

    from app.cli import pdfaside
    from reports.fonts import load_fonts
    from reports.pdf import build_story

    monkeypatch.setattr(pdfaside, "_context", lambda: multiprocessing.get_context("spawn"))
    _flow, _keys, story = build_story(sample, load_fonts())
    here = pdf.read_back(sample_pdf, story.tables, story.texts)
    aside = Aside(sample, True, pdf.refusal, pdf.read_back)
    try:
        if (os.cpu_count() or 1) >= 2:
            assert aside._process is not None and aside._process.pid != os.getpid()
        assert aside.refusal() == pdf.refusal(sample)
        assert aside.faults(sample_pdf, story.tables, story.texts) == here == []
        if (os.cpu_count() or 1) >= 2:
            assert aside._conn is not None  # both answers came from it (a failure closes it)
    finally:
        aside.close()


def test_the_refusal_comes_before_a_font_fault_found_while_laying_out(
        sample: Budget, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    from dataclasses import replace

    path, out = tmp_path / "odd.budget", tmp_path / "out.pdf"
    storage.save(replace(sample, department=replace(sample.department, name=sample.department.name + "𠀀")),
                 path)
    monkeypatch.setattr("app.cli.pdf.open_errors", lambda budget: [blocker()])
    assert main(["pdf", str(path), "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert "还有 1 个错误未处理" in err and "U+20000" not in err  # as when the checks ran first
    monkeypatch.setattr("app.cli.pdf.open_errors", lambda budget: [])
    assert main(["pdf", str(path), "-o", str(out)]) == 2
    assert "“𠀀”（U+20000）" in capsys.readouterr().err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["odd.budget"]


def _children(pid: int) -> list[int]:
    found: list[int] = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        found += [int(c) for c in (task / "children").read_text().split()]
    return found


def _ended(pid: int) -> bool:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return True
    return "\nState:\tZ" in status  # ended, not yet reaped by whoever adopted it


@pytest.mark.skipif(not Path("/proc/self/task").is_dir() or (os.cpu_count() or 1) < 2,
                    reason="needs Linux's /proc and two cores")
def test_the_second_process_ends_when_the_command_is_killed(budget_file: Path) -> None:
    import signal
    import subprocess
    import sys

    root = Path(__file__).resolve().parents[3]
    helpers: list[int] = []
    command = subprocess.Popen([sys.executable, "-m", "app.cli", "pdf", str(budget_file), "-o",
                                str(budget_file.with_name("k.pdf"))], cwd=root,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 60
        while not helpers and command.poll() is None and time.monotonic() < deadline:
            helpers = _children(command.pid)
            time.sleep(0.02)
        if not helpers:
            pytest.skip("the command ended before its second process was seen")
        command.send_signal(signal.SIGKILL)
        command.wait()
        deadline = time.monotonic() + 20
        while not all(_ended(p) for p in helpers) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert all(_ended(p) for p in helpers)  # none left waiting for a command that is gone
    finally:
        if command.poll() is None:
            command.kill()
        for pid in helpers:  # a failing run leaves none behind either
            if not _ended(pid):
                os.kill(pid, signal.SIGKILL)


def _counted(path: Path, tables: Any, texts: Any) -> list[str]:
    """The faults of a read-back that names what it was given and where it ran."""
    return [f"{len(tables)} 张表，{len(texts)} 段文字（进程 {os.getpid()}）"]


@needs_two
def test_tables_told_before_the_layout_are_checked_there_with_only_the_path_sent_after(
        sample: Budget, sample_pdf: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The tables and texts go to the second process before the layout (issue 21: not sent and
    unpickled after the save); the path alone follows, and its read-back checks them."""
    monkeypatch.setattr("app.cli.pdf.open_errors", lambda budget: [])
    monkeypatch.setattr("app.inspect.readback.faults", _counted)
    sent: list[Any] = []
    aside = Aside(sample, True, pdf.refusal, signed_faults)
    real_send = aside._conn.send
    aside._conn.send = lambda obj: (sent.append(obj), real_send(obj))[1]
    tables, texts = ["表1", "表2", "表3"], ["甲", "乙"]
    aside.expect(tables, texts)
    assert aside._sent()
    got = aside.faults(sample_pdf, tables, texts)
    aside.close()
    assert got == [f"3 张表，2 段文字（进程 {aside_pid(got)}）"] and aside_pid(got) != os.getpid()
    assert sent[:2] == [("expect", tables, texts), ("path", sample_pdf)]  # then None, the close


def aside_pid(faults: list[str]) -> int:
    return int(faults[0].rsplit("进程 ", 1)[1].rstrip("）"))


@needs_two
def test_other_tables_than_those_told_are_checked_here(sample: Budget, sample_pdf: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("app.cli.pdf.open_errors", lambda budget: [])
    monkeypatch.setattr("app.inspect.readback.faults", _counted)
    aside = Aside(sample, True, pdf.refusal, _counted)
    aside.expect(["表1"], ["甲"])
    got = aside.faults(sample_pdf, ["表1", "表2"], ["甲"])
    aside.close()
    assert got == [f"2 张表，1 段文字（进程 {os.getpid()}）"]


@needs_two
def test_tables_the_second_process_does_not_take_in_never_hold_up_the_command(
        sample: Budget, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The tables are sent by a thread: while the second process is still busy (here it never
    reads them), the layout goes on, and closing the run ends that process and the send."""
    parent = os.getpid()

    def stuck_there(budget: Budget) -> list[Finding]:
        while os.getpid() != parent:
            time.sleep(1)
        return []

    monkeypatch.setattr("app.cli.pdf.open_errors", stuck_there)
    aside = Aside(sample, True, pdf.refusal, signed_faults)
    process = aside._process
    started = time.monotonic()
    aside.expect(["表" * 4_000_000], ["甲"])  # ~12 MB: more than any pipe holds unread
    assert time.monotonic() - started < 2
    sender = aside._sender
    assert sender is not None and sender.is_alive()
    aside.close()
    assert not sender.is_alive() and process is not None and not process.is_alive()


@needs_two
def test_tables_not_told_before_go_ahead_of_the_path(sample: Budget, sample_pdf: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("app.cli.pdf.open_errors", lambda budget: [])
    monkeypatch.setattr("app.inspect.readback.faults", _counted)
    aside = Aside(sample, True, pdf.refusal, signed_faults)
    got = aside.faults(sample_pdf, ["表1"], ["甲"])
    aside.close()
    assert got[0].startswith("1 张表，1 段文字") and aside_pid(got) != os.getpid()
