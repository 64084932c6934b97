"""The window that gets killed: the real main window, offscreen, doing random analyst actions.

Run as ``python -m annotator.reliability.window_child PROJECT LOG SEED SCRATCH MERGE MODE``
(MERGE is a prepared file for File > Merge, or ``-``; MODE is ``run`` or ``check``). It
imports Qt and builds the application, prints ``warm`` and waits for ``go`` on stdin, so the
parent can verify the previous kill while this one starts. Then it opens the project as the
app does, shows the window, and logs to LOG (one ``os.write`` per line, on an append-mode
descriptor: a kill cannot take a line back, and a cut last line has no newline):

* ``S <json>``: the window is up; what it shows (see ``view_of``).
* ``B <seq> <name>``: an action begins.
* ``P <seq> <changeset json>``: a ChangeSet handed to ``Project.apply`` (before it runs), so
  the parent knows what the action in flight may have committed.
* ``A <seq> <json>``: the action returned and the event loop is idle (timers that follow an
  edit have fired): the window considers it saved. The JSON holds the undo index before and
  after, the messages shown, the timeline table's row count, and the rows that changed since
  the last line, as hashes.

"What the window shows" is every data row read through the app's own connection: the state
the app believes is in the file (its table, reader and panels are built from it). Reading
it runs SELECTs only; ``conn.in_transaction`` before and after is logged, so a transaction
the app left open is visible in the log. ``check`` mode opens the window once, logs ``S``,
prints ``ready`` and exits: the "next start" after the last kill.

``ANNOTATOR_RELIABILITY_FAULT`` is for tests only. ``uncommitted`` opens a transaction on the
app's connection that nothing commits, so that every later edit is acknowledged but never
reaches the file: the parent must count those as lost. ``commit-timeline-reads`` is the
control: it commits the transaction the drawn timeline's feed leaves open on the app's
connection (the app's known write-path bug), so a run shows what the loop reports when every
acknowledged edit does reach the file.
"""

from __future__ import annotations

import hashlib
import json
import os
import random
import sys
import threading
import time
from pathlib import Path
from typing import Any

FAULT_ENV = "ANNOTATOR_RELIABILITY_FAULT"


def row_key(table: str, row_id: object) -> str:
    return f"{table}/{row_id}"


def row_hash(row: dict[str, Any]) -> str:
    text = json.dumps(row, sort_keys=True, ensure_ascii=True, default=repr)
    return hashlib.sha1(text.encode("ascii")).hexdigest()[:16]


def rows_view(conn: Any) -> dict[str, str]:
    """Every data row, hashed, through ``conn`` (SELECT only: it opens no transaction)."""
    from annotator.store.schema import TABLE_ORDER

    out: dict[str, str] = {}
    for table in TABLE_ORDER:
        cur = conn.execute(f"SELECT * FROM [{table}]")
        names = [d[0] for d in cur.description]
        for values in cur:
            row = dict(zip(names, values, strict=True))
            out[row_key(table, row["id"])] = row_hash(row)
    return out


def view_of(project: Any) -> tuple[dict[str, str], bool, bool]:
    conn = project.db.conn
    before = conn.in_transaction
    rows = rows_view(conn)
    return rows, before, conn.in_transaction


def write_line(fd: int, text: str) -> None:
    data = (text + "\n").encode("ascii")
    while data:  # one write() in practice; loop only if the kernel takes part of it
        data = data[os.write(fd, data) :]


def _busy(win: Any) -> bool:
    timers = [getattr(win, name, None) for name in ("_patch_timer", "_timeline_timer")]
    if any(t is not None and t.isActive() for t in timers) or win.importer.busy():
        return True
    return any(t.name in ("anchor-check", "project-backup") for t in threading.enumerate())


def settle(win: Any, timeout: float = 10.0) -> None:
    """Until the event loop is idle: queued calls run, the timers after an edit fired."""
    from PySide6.QtTest import QTest

    deadline = time.monotonic() + timeout
    QTest.qWait(1)
    while _busy(win) and time.monotonic() < deadline:
        QTest.qWait(5)
    QTest.qWait(1)


def _log_applies(fd: int, seq: list[int]) -> None:
    """Log each ChangeSet before the app's own ``Project.apply`` runs it (a wrapper here:
    the app is not changed)."""
    from annotator.reliability.crash_child import changeset_to_json
    from annotator.store.project import Project

    real = Project.apply

    def apply(self: Project, changeset: Any) -> Any:
        write_line(fd, f"P {seq[0]} {changeset_to_json(changeset)}")
        return real(self, changeset)

    Project.apply = apply  # type: ignore[method-assign]


def _commit_timeline_reads() -> None:
    """The control (see the module doc): a transaction the feed opened is committed."""
    from annotator.ui.window import drawn

    real = drawn.entries_from_project

    def feed(project: Any, **kwargs: Any) -> Any:
        was_open = project.db.conn.in_transaction
        try:
            return real(project, **kwargs)
        finally:
            if not was_open and project.db.conn.in_transaction:
                project.db.conn.commit()

    drawn.entries_from_project = feed  # type: ignore[assignment]


def _start(path: Path, fd: int, seq: list[int]) -> Any:
    from annotator.ui.app import open_window

    _log_applies(fd, seq)
    if os.environ.get(FAULT_ENV) == "commit-timeline-reads":
        _commit_timeline_reads()
    win = open_window(path)
    win.resize(1280, 800)
    win.show()
    win.activateWindow()
    win.projects.start_backup()
    deadline = time.monotonic() + 20
    while not getattr(win, "_first_paint_done", True) and time.monotonic() < deadline:
        settle(win, 0.05)
    settle(win)
    if os.environ.get(FAULT_ENV) == "uncommitted":
        # The injected fault: a transaction never committed, with the store's guard against
        # it switched off (the guard would refuse every edit, so nothing would be lost).
        cls = type(win.session.project)
        cls.check_no_transaction = lambda self, when: None
        close = cls.close

        def close_discarding(self: Any) -> None:  # the fault's edits are thrown away
            if not self.closed and self.db.conn.in_transaction:
                self.db.conn.execute("ROLLBACK")
            close(self)

        cls.close = close_discarding
        win.session.project.db.conn.execute("BEGIN")
    return win


def _table_rows(win: Any) -> int | None:
    """Rows the timeline table shows (a diagnostic next to the rows read)."""
    return int(win.table.model.rowCount())


def main(argv: list[str]) -> int:
    project_path, log_path, seed = Path(argv[0]), argv[1], int(argv[2])
    scratch, merge, mode = Path(argv[3]), argv[4], argv[5]
    from annotator.reliability.window_actions import Analyst, DialogAnswers, patch_dialogs
    from annotator.ui.app import make_app

    make_app()
    answers = DialogAnswers(None if merge == "-" else Path(merge))
    patch_dialogs(answers)
    print("warm", flush=True)
    if sys.stdin.readline().strip() != "go":
        return 0
    fd = os.open(log_path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
    seq = [0]
    win = _start(project_path, fd, seq)
    rows, before, after = view_of(win.session.project)
    write_line(
        fd,
        "S "
        + json.dumps(
            {"rows": rows, "txn": [before, after], "undo": win.session.undo_stack.index()}
        ),
    )
    print("ready", flush=True)
    if mode == "check":
        win.close()
        win.session.project.close()
        return 0
    analyst = Analyst(win, random.Random(seed), answers, scratch)
    while True:
        seq[0] += 1
        name, action = analyst.choose()
        write_line(fd, f"B {seq[0]} {name}")
        shown = len(answers.shown)
        stack = win.session.undo_stack
        undo_before = stack.index()
        action()
        settle(win)
        now, before, after = view_of(win.session.project)
        changed = {k: h for k, h in now.items() if rows.get(k) != h}
        gone = sorted(rows.keys() - now.keys())
        rows = now
        write_line(
            fd,
            f"A {seq[0]} "
            + json.dumps(
                {
                    "action": name,
                    "set": changed,
                    "gone": gone,
                    "txn": [before, after],
                    "undo": [undo_before, stack.index()],
                    "messages": answers.shown[shown:][:2],
                    "table_rows": _table_rows(win),
                },
                ensure_ascii=True,
            ),
        )


def parse_window_log(text: str) -> dict[str, Any]:
    """The log as the parent reads it: start view, acknowledged actions, applies after the
    last acknowledgement (the action in flight), and the action in flight's name."""
    start: dict[str, Any] | None = None
    acks: list[dict[str, Any]] = []
    pending: list[dict[str, Any]] = []
    in_flight: str | None = None
    for line in text.split("\n")[:-1]:  # a last line without its newline was cut by the kill
        kind, _, rest = line.partition(" ")
        try:
            if kind == "S":
                start, pending = json.loads(rest), []
            elif kind == "B":
                in_flight = rest
            elif kind == "P":
                pending.append(json.loads(rest.partition(" ")[2]))
            elif kind == "A":
                seq, _, body = rest.partition(" ")
                acks.append({"seq": int(seq), **json.loads(body)})
                pending, in_flight = [], None
        except ValueError:
            continue  # cannot happen for whole lines; a damaged one is not an acknowledgement
    return {"start": start, "acks": acks, "pending": pending, "in_flight": in_flight}


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
