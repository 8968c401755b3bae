"""Commands in a process of their own, forked from a server that imported the command line once.

`run(words)` is `subprocess.run([python, "-m", "app.cli", *words], capture_output=True,
text=True)` without the interpreter's start and the command's imports (0.3-1.0 s of CPU each,
issue 21): a server process (one per test process, started on first use) imports the command
line and the modules its commands load, then forks a child per command. The child is a real
process of its own: it has its own stdout and stderr (files, read back as the CompletedProcess's
strings), the caller's working folder and environment, runs `app.cli.main.main(words)` from
the server's clean state (never a test's), runs the interpreter's exit functions and ends with
the exit status the interpreter would give (SystemExit's code, 1 and a traceback for an
uncaught exception). `start(words)` returns it running (its pid, for a kill -9) and `wait()`.

For tests whose subject is the command's behaviour, not the interpreter's start or what a fresh
process imports: those keep starting the real interpreter (one per command at least, see
tests/integration/test_cli_failures.py). The children's CPU (and the server's own start) is
charged to the test that ran them in tests/helpers/cputime.py, as a waited-for subprocess's is.
"""

from __future__ import annotations

import atexit
import contextlib
import gc
import json
import locale
import os
import signal
import socket
import subprocess
import sys
import tempfile
import traceback
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import import_module
from pathlib import Path
from typing import IO, Any

from tests.helpers.paths import ROOT

# what the forked commands load (their modules and the checks, importers and workbooks they
# import when they run): imported once by the server, not by each child. A command that needs
# more (the PDF's renderer, the table import's solver) imports it itself, as it would.
PRELOAD = (
    "app.cli.main", "app.cli.sample", "app.cli.check", "app.cli.excel", "app.cli.import_tables",
    "app.cli.fields", "app.cli.profiles", "app.cli.inspect", "app.cli.units",
    "app.profiles.review", "app.checks.registry", "app.imports.workbook", "reports.excel_tables",
    "reports.excel_data",
)


def cpu_of(usage: Any) -> float:
    return float(usage.ru_utime + usage.ru_stime)


# the server: a socket to its caller as the descriptor fd

def serve(fd: int) -> None:
    """Answer requests on the socket until its caller closes it: each a fork running one command."""
    sys.path[0] = str(ROOT)  # not "": the children change folder, later imports must not follow
    from app.cli import lean

    lean.install()  # as the program's own run loads openpyxl (without numpy)
    for name in PRELOAD:
        import_module(name)
    gc.collect()
    gc.freeze()  # the children's collections leave the server's objects (and their pages) alone
    conn = socket.socket(fileno=fd)
    last = own_cpu()
    reply(conn, {"ready": last})
    while True:
        try:
            message, fds, _, _ = socket.recv_fds(conn, 1 << 20, 3)
        except OSError:
            return
        if not message:
            return
        request = json.loads(message)
        pid = os.fork()
        if pid == 0:
            conn.close()
            child(request, fds)  # never returns
        for passed in fds:
            os.close(passed)
        reply(conn, {"pid": pid})
        # reaped only when the caller asks: until then its pid names it (a kill -9 cannot reach
        # another process that took the number of one that ended)
        if conn.recv(16) != b"wait":
            os.kill(pid, signal.SIGKILL)
        _, status, usage = os.wait4(pid, 0)
        spent, last = own_cpu() - last, own_cpu()  # the server's own share: the fork, the wait
        reply(conn, {"status": os.waitstatus_to_exitcode(status), "cpu": cpu_of(usage) + spent})


def own_cpu() -> float:
    t = os.times()
    return t.user + t.system


def reply(conn: socket.socket, answer: dict[str, Any]) -> None:
    conn.send(json.dumps(answer).encode())


def child(request: dict[str, Any], fds: list[int]) -> None:
    """The forked child: the caller's folder, environment and files, then the command."""
    code = 1
    try:
        for target, passed in zip((0, 1, 2), fds, strict=True):
            os.dup2(passed, target)
            os.close(passed)
        signal.signal(signal.SIGINT, signal.default_int_handler)
        os.chdir(request["cwd"])
        os.environ.clear()
        os.environ.update(request["env"])
        try:
            code = script(request["code"], request["words"]) if "code" in request else command(
                request["words"])
        except SystemExit as exc:
            code = exit_code(exc.code)
        except BaseException:
            traceback.print_exc()
            code = 1
        atexit._run_exitfuncs()
    finally:
        for stream in (sys.stdout, sys.stderr):
            with contextlib.suppress(Exception):
                stream.flush()
        os._exit(code)


def command(words: list[str]) -> int:
    """`python -m app.cli WORDS`."""
    from app.cli.main import main

    sys.argv = [str(ROOT / "app" / "cli" / "__main__.py"), *words]
    return main(words)


def script(code: str, words: list[str]) -> int:
    """`python -c CODE WORDS`."""
    sys.argv = ["-c", *words]
    exec(compile(code, "<string>", "exec"), {"__name__": "__main__", "__builtins__": __builtins__})
    return 0


def exit_code(value: object) -> int:
    """The status the interpreter gives for SystemExit(value)."""
    if value is None:
        return 0
    if isinstance(value, int):
        return value
    print(value, file=sys.stderr)
    return 1


# the caller's side

@dataclass
class Server:
    process: subprocess.Popen[bytes]
    conn: socket.socket

    def answer(self) -> dict[str, Any]:
        line = self.conn.recv(1 << 16)
        if not line:
            raise RuntimeError("the fork server ended")
        got: dict[str, Any] = json.loads(line)
        return got

    def close(self) -> None:
        self.conn.close()
        self.process.wait()


_server: list[Server] = []


def server() -> Server:
    """The test process's server, started on first use (its start charged to that test)."""
    if not _server:
        # one message per request and per answer (SOCK_SEQPACKET keeps their bounds)
        ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        process = subprocess.Popen(
            [sys.executable, "-c", "import sys; from tests.helpers.forkrun import serve; "
             "serve(int(sys.argv[1]))", str(theirs.fileno())],
            cwd=ROOT, pass_fds=(theirs.fileno(),), stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL)  # it prints nothing (its stderr: a crash's traceback)
        theirs.close()
        made = Server(process, ours)
        charge(made.answer()["ready"])
        _server.append(made)
        atexit.register(made.close)
    return _server[0]


def charge(seconds: float) -> None:
    """Count a child's CPU as the test's (tests/helpers/cputime.py, when it is loaded)."""
    cputime = sys.modules.get("tests.helpers.cputime")
    if cputime is not None:
        cputime.charge(seconds)


@dataclass
class Running:
    """A command forked and running: its pid, its output files, and wait()."""
    words: list[str]
    pid: int
    out: IO[bytes]
    err: IO[bytes]
    text: bool
    code: int | None = None
    popen: subprocess.Popen[bytes] | None = None  # where the system cannot fork
    script: str | None = None  # `python -c SCRIPT`, not the command line

    def wait(self) -> subprocess.CompletedProcess[Any]:
        if self.popen is not None:
            self.code = self.popen.wait()
        if self.code is None:
            link = server()
            link.conn.send(b"wait")
            done = link.answer()
            charge(done["cpu"])
            self.code = int(done["status"])
        out, err = (read(f, self.text) for f in (self.out, self.err))
        return subprocess.CompletedProcess(self.command, self.code, out, err)

    @property
    def command(self) -> list[str]:
        """The command line the real interpreter would have been given."""
        return [sys.executable, *(["-c", self.script] if self.script is not None else ["-m", "app.cli"]),
                *self.words]


def read(f: IO[bytes], text: bool) -> str | bytes:
    """The output written, as subprocess.run gives it (text: decoded, universal newlines)."""
    f.seek(0)
    data = f.read()
    f.close()
    if not text:
        return data
    return data.decode(locale.getpreferredencoding(False)).replace("\r\n", "\n").replace("\r", "\n")


def start(words: Sequence[str], cwd: str | Path | None = None, env: dict[str, str] | None = None,
          text: bool = True, stdout: int | None = None, code: str | None = None) -> Running:
    """The command forked and started (stdout a file unless a descriptor is given); given code,
    `python -c CODE WORDS` instead."""
    out, err = tempfile.TemporaryFile(), tempfile.TemporaryFile()  # noqa: SIM115  (Running closes them)
    if not hasattr(os, "fork"):  # Windows: the real interpreter, as the test would start it
        running = Running(list(words), 0, out, err, text, script=code)
        running.popen = subprocess.Popen(running.command, cwd=cwd, env=env, stdin=subprocess.DEVNULL,
                                         stdout=out if stdout is None else stdout, stderr=err)
        running.pid = running.popen.pid
        return running
    link = server()
    request: dict[str, Any] = {"words": list(words), "cwd": str(cwd if cwd is not None else os.getcwd()),
                               "env": dict(os.environ if env is None else env)}
    if code is not None:
        request["code"] = code
    with open(os.devnull, "rb") as stdin:
        socket.send_fds(link.conn, [json.dumps(request).encode()],
                        [stdin.fileno(), out.fileno() if stdout is None else stdout, err.fileno()])
    pid = int(link.answer()["pid"])
    return Running(list(words), pid, out, err, text, script=code)


def run(words: Sequence[str], cwd: str | Path | None = None, env: dict[str, str] | None = None,
        text: bool = True) -> subprocess.CompletedProcess[Any]:
    """`python -m app.cli WORDS` with its output captured, forked from the server."""
    return start(words, cwd, env, text).wait()

