"""The writer that gets killed: random edits through the store, logged after each returns.

Run as ``python -m annotator.reliability.crash_child PROJECT LOG SEED``. Before each
``project.apply`` it appends ``B <seq> <changeset json>`` to the log, and after apply
returns, ``D <seq>``. The parent kills this process with SIGKILL at a random moment and then
checks that every ``D`` edit is in the database. ``os.write`` on an append-mode descriptor
lands in the kernel's page cache in one call, which a killed process cannot take back, so
the log never claims more than happened. (A power cut is a different matter; see README.)
"""

from __future__ import annotations

import json
import os
import random
import sys
from collections.abc import Callable
from typing import Any

from annotator.core.errors import AnnotatorError
from annotator.core.vocabulary import ACTOR_KINDS
from annotator.store import operations as ops
from annotator.store.changes import ChangeSet
from annotator.store.project import Project

KINDS = ACTOR_KINDS
WORDS = ("talks", "ceasefire", "vote", "summit", "strike", "report", "leak", "trial")


def changeset_to_json(cs: ChangeSet) -> str:
    return json.dumps(
        {"label": cs.label, "changes": [[c.table, c.id, c.before, c.after] for c in cs.changes]},
        ensure_ascii=True,
    )


class Writer:
    def __init__(self, project: Project, rng: random.Random):
        self.project = project
        self.rng = rng
        self.done: list[ChangeSet] = []  # applied by this process, newest last (for undo)

    def pick(self, table: str) -> str | None:
        count = self.project.scalar(f"SELECT count(*) FROM {table}")
        if not count:
            return None
        return self.project.scalar(
            f"SELECT id FROM {table} ORDER BY rowid LIMIT 1 OFFSET ?", [self.rng.randrange(count)]
        )

    def span(self) -> tuple[str, int, int] | None:
        row = self.project.db.execute(
            "SELECT id, length(text) FROM articles ORDER BY random() LIMIT 1"
        ).fetchone()
        if not row or row[1] < 2:
            return None
        start = self.rng.randrange(0, row[1] - 1)
        return row[0], start, min(row[1], start + self.rng.randint(1, 60))

    def word(self) -> str:
        return f"{self.rng.choice(WORDS)} {self.rng.randrange(10**6)}"

    # -- the edits --------------------------------------------------------------------------

    def new_actor(self) -> ChangeSet:
        return ops.create_actor(
            self.project,
            name=self.word(),
            kind=self.rng.choice(KINDS),
            aliases=[self.word()],
            span=self.span(),
        )[0]

    def new_event(self) -> ChangeSet:
        actor = self.pick("actors")
        return ops.create_event(
            self.project,
            headline=self.word(),
            span=self.span(),
            actors=[(actor, "party")] if actor else [],
            tags=[self.word() for _ in range(self.rng.randint(0, 3))],
        )[0]

    def new_claim(self) -> ChangeSet:
        return ops.create_claim(
            self.project,
            text=self.word(),
            claimant_id=self.pick("actors"),
            event_id=self.pick("events"),
            span=self.span(),
        )[0]

    def edit_event(self) -> ChangeSet | None:
        eid = self.pick("events")
        if not eid:
            return None
        return ops.update_item(
            self.project,
            "event",
            eid,
            headline=self.word(),
            description=self.word() * self.rng.randint(1, 50),
        )

    def retag(self) -> ChangeSet | None:
        eid = self.pick("events")
        if not eid:
            return None
        return ops.set_tags(self.project, "event", eid, [self.word(), "crash"])

    def delete(self) -> ChangeSet | None:
        kind = self.rng.choice(("event", "actor", "claim"))
        item = self.pick(f"{kind}s")
        if not item:
            return None
        return ops.delete_item(self.project, kind, item)

    def merge(self) -> ChangeSet | None:
        keep, gone = self.pick("actors"), self.pick("actors")
        if keep is None or gone is None or keep == gone:
            return None
        return ops.merge_actors(self.project, keep, gone)

    def bulk(self) -> ChangeSet:
        """A large edit, so that some kills land in the middle of a long commit."""
        cs = ChangeSet("Bulk events")
        for _ in range(self.rng.randint(20, 200)):
            cs.extend(
                ops.create_event(
                    self.project, headline=self.word(), description="x" * self.rng.randint(0, 4000)
                )[0]
            )
        return cs

    def undo(self) -> ChangeSet | None:
        return self.done.pop().inverse() if self.done else None

    def next_edit(self) -> ChangeSet | None:
        table: list[tuple[int, Callable[[], ChangeSet | None]]] = [
            (20, self.new_event),
            (10, self.new_actor),
            (10, self.new_claim),
            (15, self.edit_event),
            (8, self.retag),
            (8, self.delete),
            (4, self.merge),
            (3, self.bulk),
            (10, self.undo),
        ]
        make = self.rng.choices([f for _, f in table], weights=[w for w, _ in table])[0]
        cs = make()
        if cs is not None and make != self.undo:
            self.done.append(cs)
        return cs or None


def write_line(fd: int, text: str) -> None:
    data = (text + "\n").encode("ascii")
    while data:  # one write() in practice; loop only if the kernel takes part of it
        data = data[os.write(fd, data) :]


def main(argv: list[str]) -> int:
    project_path, log_path, seed = argv[0], argv[1], int(argv[2])
    rng = random.Random(seed)
    fd = os.open(log_path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
    project = Project.open(project_path, analyst="crash")
    writer = Writer(project, rng)
    print("ready", flush=True)
    seq = 0
    while True:
        try:
            cs = writer.next_edit()
        except AnnotatorError:
            continue  # e.g. a citation that already exists: nothing was built
        if cs is None:
            continue
        seq += 1
        write_line(fd, f"B {seq} {changeset_to_json(cs)}")
        project.apply(cs)
        write_line(fd, f"D {seq}")


def parse_log(text: str) -> tuple[list[dict[str, Any]], dict[str, Any] | None]:
    """(edits logged done, the edit begun but not logged done, if its line is whole)."""
    begun: dict[int, dict[str, Any]] = {}
    done: list[dict[str, Any]] = []
    whole = text.split("\n")[:-1]  # a last line without its newline was cut by the kill
    for line in whole:
        kind, _, rest = line.partition(" ")
        if kind == "B":
            seq, _, body = rest.partition(" ")
            try:
                begun[int(seq)] = json.loads(body)
            except ValueError:
                continue  # cut short by the kill: apply() had not started
        elif kind == "D" and rest.isdigit() and int(rest) in begun:
            done.append(begun.pop(int(rest)))
    pending = max(begun.items())[1] if begun else None
    return done, pending


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
