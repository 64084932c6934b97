"""What the user sees from one command: the clear line, or an escape.

The command line's convention: exit 0 on success, 2 with one line ``annotator: ...`` on
stderr for a user error (or argparse's usage and error lines), 130 after Ctrl-C. Anything
else the user sees is an escape: a traceback, a raw SQLite error, the name of a temporary
file, a hang, another exit status, or a terminal control sequence (printed from article
text) in what reaches the terminal.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import re
import select
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from annotator.reliability.outcome import RAW_SQLITE, Outcome

CLI_EXIT = (0, 2, 130)
# C0 controls but tab and newline, DEL, C1 controls, bidi overrides: what terminal.safe hides.
TERMINAL_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
TEMP_NAME = re.compile(r"\.annotator-tmp|\.\d+\.tmp\b")


@dataclass
class CliRun:
    argv: list[str]
    rc: int | None  # None: it had to be killed (a hang)
    out: str
    err: str
    seconds: float = 0.0


class _Terminal(io.StringIO):
    """Standard output or error that says it is a terminal, as an analyst's shell is."""

    def isatty(self) -> bool:
        return True


CliMain = Callable[[list[str]], int]
_cli_main: list[CliMain] = []


def use_cli(main: CliMain) -> None:
    """The command line is above this package in the layers, so it hands its entry point
    down before the checks run (``annotator reliability`` and the tests do)."""
    _cli_main[:] = [main]


def run_in_process(argv: list[str]) -> CliRun:
    """``annotator ARGV`` in this process (fast; no hang detection): what it printed."""
    if not _cli_main:
        raise RuntimeError("cli_outcome.use_cli(main) must be called first")
    main = _cli_main[0]
    out, err = _Terminal(), _Terminal()
    start = time.monotonic()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            rc: int | None = main(argv)
        except SystemExit as exc:  # argparse
            rc = exc.code if isinstance(exc.code, int) else 2
        except BaseException as exc:  # the user would see a traceback
            import traceback

            err.write("".join(traceback.format_exception(exc)))
            rc = 1
    return CliRun(argv, rc, out.getvalue(), err.getvalue(), time.monotonic() - start)


def run_forked(argv: list[str], *, timeout: float = 30.0) -> CliRun:
    """``run_in_process`` in a forked child (no start-up cost), killed after ``timeout``
    seconds: a query SQLite never finishes is a hang to count, not a fuzzer that stops."""
    read_end, write_end = os.pipe()
    start = time.monotonic()
    pid = os.fork()
    if pid == 0:  # the child: never return into the caller's code, never run its clean-ups
        try:
            os.close(read_end)
            run = run_in_process(argv)
            data = json.dumps([run.rc, run.out, run.err]).encode("ascii")
            while data:
                data = data[os.write(write_end, data) :]
        finally:
            os._exit(0)
    os.close(write_end)
    chunks: list[bytes] = []
    try:
        while True:
            left = start + timeout - time.monotonic()
            ready = select.select([read_end], [], [], max(0.0, left))[0]
            if not ready:
                os.kill(pid, signal.SIGKILL)
                os.waitpid(pid, 0)
                return CliRun(argv, None, "", "", time.monotonic() - start)
            chunk = os.read(read_end, 1 << 20)
            if not chunk:
                break
            chunks.append(chunk)
    finally:
        os.close(read_end)
    _, status = os.waitpid(pid, 0)
    seconds = time.monotonic() - start
    if not chunks:  # the child died before it could report (a crash in C code)
        return CliRun(argv, -os.WTERMSIG(status) if os.WIFSIGNALED(status) else 1, "", "", seconds)
    rc, out, err = json.loads(b"".join(chunks))
    return CliRun(argv, rc, out, err, seconds)


def run_subprocess(
    argv: list[str],
    *,
    timeout: float,
    cwd: Path | None = None,
    env: dict[str, str] | None = None,
    stdin: int | None = None,
    program: list[str] | None = None,
) -> CliRun:
    """``python -m annotator ARGV`` as the user runs it; killed after ``timeout`` seconds.
    ``program`` replaces ``python -m annotator`` (the tests use it to fake a hang)."""
    start = time.monotonic()
    program = program or [sys.executable, "-m", "annotator"]
    proc = subprocess.Popen(
        [*program, *argv],
        cwd=cwd,
        stdin=stdin if stdin is not None else subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, **(env or {})},
        start_new_session=True,
    )
    try:
        out, err = proc.communicate(timeout=timeout)
        rc: int | None = proc.returncode
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        out, err = proc.communicate()
        rc = None
    return CliRun(
        argv,
        rc,
        out.decode("utf-8", "replace"),
        err.decode("utf-8", "replace"),
        time.monotonic() - start,
    )


def _is_clear_line(err: str) -> bool:
    return err.count("\n") == 1 and err.endswith("\n") and err.startswith("annotator: ")


def _is_usage_error(err: str) -> bool:
    lines = err.rstrip("\n").split("\n")
    return (
        lines[0].startswith("usage: annotator")
        and re.match(r"annotator( [\w-]+)?: error: ", lines[-1]) is not None
    )


def problems(run: CliRun, *, stdout_is_terminal: bool = True) -> list[str]:
    """Each way the user saw something other than the clear outcome (empty: none)."""
    found = []
    if run.rc is None:
        found.append(f"hang: killed after {run.seconds:.0f} s")
    elif run.rc not in CLI_EXIT:
        found.append(f"exit status {run.rc}")
    if "Traceback (most recent call last)" in run.err:
        last = run.err.rstrip().rsplit("\n", 1)[-1]
        found.append(f"traceback: {last[:160]}")
    elif run.rc == 2 and not (_is_clear_line(run.err) or _is_usage_error(run.err)):
        found.append(f"not one clear line: {run.err[:160]!r}")
    if RAW_SQLITE.search(run.err):
        found.append(f"raw SQLite error: {RAW_SQLITE.search(run.err)[0]}")  # type: ignore[index]
    for stream, text in (("stderr", run.err), ("stdout", run.out)):
        if TEMP_NAME.search(text):
            found.append(f"temp file name on {stream}")
    # CSV ends its records with CRLF by design: only a CR from the data is a problem
    shown = run.err + (run.out.replace("\r\n", "\n") if stdout_is_terminal else "")
    control = TERMINAL_CONTROL.search(shown)
    if control:
        found.append(f"terminal control character {control[0]!r} printed")
    return found


def verdict(run: CliRun, *, stdout_is_terminal: bool = True) -> Outcome:
    """The fuzz outcome of one command: accepted (0), rejected (the clear line), or escape."""
    found = problems(run, stdout_is_terminal=stdout_is_terminal)
    cmd = " ".join(repr(a) if len(a) < 40 else repr(a[:37]) + "..." for a in run.argv[:12])
    if found:
        verb = run.argv[0] if run.argv else "(none)"
        return Outcome(
            "escape", f"{verb} {found[0].split(':')[0]}: annotator {cmd}: {'; '.join(found)[:200]}"
        )
    return Outcome("accepted" if run.rc == 0 else "rejected", run.err[:200])
