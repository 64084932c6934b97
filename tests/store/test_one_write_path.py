"""Only the store speaks SQL; the ui asks it typed questions and sends it edits.

A write on the raw connection from the ui once opened a transaction that nothing
committed, and every later edit was lost with it. These tests keep the class of bug out:
no SQL text or connection access in ``annotator/ui``, and a store that refuses to nest an
edit inside a transaction it did not open.
"""

from __future__ import annotations

import ast
import re
import sqlite3
from pathlib import Path

import pytest

from annotator.store import operations
from annotator.store.project import Project, TransactionLeakError
from tests.helpers.paths import REPO

UI = REPO / "annotator" / "ui"
# Attribute names that reach the database connection, and the Project methods that take
# SQL text (called: a layout's ``rows`` attribute is no query).
FORBIDDEN_ATTRS = {"db", "conn", "execute", "executemany", "executescript", "atomic", "transaction"}
SQL_METHODS = {"rows", "scalar"}
SQL = re.compile(
    r"\b(SELECT\s.+\sFROM|INSERT\s+(OR\s+\w+\s+)?INTO|UPDATE\s+\S+\s+SET|"
    r"DELETE\s+FROM|CREATE\s+(TEMP\s+)?(TABLE|INDEX|TRIGGER|VIEW)|DROP\s+TABLE|"
    r"PRAGMA\s)",
    re.IGNORECASE | re.DOTALL,
)


def _ui_offences(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    where = path.relative_to(REPO) if path.is_relative_to(REPO) else path.name
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and node.attr in FORBIDDEN_ATTRS:
            out.append(f"{where}:{node.lineno} uses .{node.attr}")
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr in SQL_METHODS
        ):
            out.append(f"{where}:{node.lineno} uses .{node.func.attr}()")
        elif (
            isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and SQL.search(node.value)
        ):
            out.append(f"{where}:{node.lineno} holds SQL: {node.value[:50]!r}")
        elif isinstance(node, ast.Import | ast.ImportFrom):
            names = (
                [a.name for a in node.names]
                if isinstance(node, ast.Import)
                else [node.module or ""]
            )
            out += [
                f"{where}:{node.lineno} imports {n}"
                for n in names
                if n.split(".")[0] in ("sqlite3", "sqlite_utils")
            ]
    return out


def test_no_sql_and_no_connection_in_the_ui() -> None:
    offences = [o for path in sorted(UI.rglob("*.py")) for o in _ui_offences(path)]
    assert offences == []


def test_the_check_itself_catches_each_kind(tmp_path: Path) -> None:
    bad = tmp_path / "bad.py"
    bad.write_text(
        "import sqlite3\n"
        "def f(project):\n"
        "    project.db.conn.executemany('INSERT INTO temp.x VALUES (?)', [])\n"
        "    return project.rows('select id from events')\n",
        encoding="utf-8",
    )
    text = "\n".join(_ui_offences(bad))
    assert "imports sqlite3" in text and "uses .conn" in text and "uses .executemany" in text
    assert "holds SQL" in text and "uses .rows" in text


def test_apply_refuses_to_nest_inside_an_open_transaction(tmp_path: Path) -> None:
    path = tmp_path / "p.db"
    project = Project.open(path, create=True)
    cs, _ = operations.create_actor(project, name="Kaja Kallas")
    project.db.conn.execute("BEGIN")  # what a stray raw write used to leave behind
    with pytest.raises(TransactionLeakError):
        project.apply(cs)
    project.db.conn.execute("ROLLBACK")
    project.apply(cs)
    assert not project.db.conn.in_transaction
    project.close()
    con = sqlite3.connect(path)
    assert con.execute("SELECT name FROM actors").fetchall() == [("Kaja Kallas",)]
    con.close()


def test_a_raw_statement_cannot_leave_a_transaction_open(tmp_path: Path) -> None:
    """The driver opens no implicit transaction: a raw write commits at once."""
    project = Project.open(tmp_path / "p.db", create=True)
    project.db.conn.execute("CREATE TEMP TABLE scratch (id TEXT)")
    project.db.conn.executemany("INSERT INTO temp.scratch VALUES (?)", [("a",), ("b",)])
    assert not project.db.conn.in_transaction
    cs, _ = operations.create_actor(project, name="Mark Rutte")
    project.apply(cs)
    project.close()
    con = sqlite3.connect(tmp_path / "p.db")
    assert con.execute("SELECT count(*) FROM actors").fetchone() == (1,)
    con.close()


def test_closing_inside_a_transaction_is_a_loud_bug(tmp_path: Path) -> None:
    project = Project.open(tmp_path / "p.db", create=True)
    project.db.conn.execute("BEGIN")
    with pytest.raises(TransactionLeakError):
        project.close()


def test_a_snapshot_reads_one_state_while_another_connection_writes(tmp_path) -> None:
    from annotator.store import operations as ops
    from annotator.store.project import Project
    from annotator.store.project_setup import create_project

    path = tmp_path / "p.db"
    create_project(path, seed=False)
    with Project.open(path) as writer, Project.open(path, readonly=True) as reader:
        with reader.snapshot():
            before = reader.scalar("SELECT count(*) FROM events")
            writer.apply(ops.create_event(writer, headline="Written meanwhile")[0])
            assert reader.scalar("SELECT count(*) FROM events") == before
        assert reader.scalar("SELECT count(*) FROM events") == before + 1
