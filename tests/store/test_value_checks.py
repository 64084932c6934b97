"""A flipped bit inside a value passes every SQLite check (the kind stays text, no index
holds it): the open must still find it, naming the row and the field, before the analyst
works on the file and learns of it only when exporting (found by fuzzing)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from annotator.cli import main
from annotator.core.errors import ProjectError
from annotator.store import file_checks
from annotator.store import operations as ops
from annotator.store.damage import _describe_sqlite_error
from annotator.store.lock import write_marker
from annotator.store.project import Project
from annotator.store.project_setup import create_project


def _project(path: Path, events: int = 1) -> list[str]:
    create_project(path, seed=True)
    ids = []
    with Project.open(path) as project:
        aid = project.scalar("SELECT id FROM articles LIMIT 1")
        for n in range(events):
            cs, eid = ops.create_event(project, headline=f"Talks {n}", span=(aid, 0, 12))
            project.apply(cs)
            ids.append(eid)
    return ids


def _set(path: Path, sql: str, *params: object) -> None:
    con = sqlite3.connect(path)
    con.execute(sql, params)
    con.commit()
    con.close()


# A value a flipped bit leaves: not UTF-8 (so no reader gets past it), or UTF-8 that is not
# the form the JSON export requires.
NOT_UTF8 = b"\xb2025-03-04T10:00:00.123Z"
NOT_A_TIME = "r025-03-04T10:00:00.123Z"


@pytest.mark.parametrize("value", [NOT_UTF8, NOT_A_TIME], ids=["not UTF-8", "not a time"])
@pytest.mark.parametrize("table", ["events", "citations"])
def test_a_garbled_time_stamp_is_named_when_the_project_opens(
    tmp_path: Path, table: str, value: object, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "p.db"
    _project(path)
    con = sqlite3.connect(path)
    row = con.execute(f"SELECT id FROM {table} LIMIT 1").fetchone()[0]
    con.close()
    _set(path, f"UPDATE {table} SET created = CAST(? AS TEXT) WHERE id = ?", value, row)
    before = path.read_bytes()
    with pytest.raises(ProjectError) as err:
        Project.open(path)
    said = str(err.value)
    assert f"the project file is damaged ({table} row {row}: created is not a time)" in said
    assert "restore" in said and "\n" not in said
    assert path.read_bytes() == before
    with Project.open(path, readonly=True, report_damage=True) as project:  # a reader: told
        assert project.damage is not None and f"{table} row {row}" in str(project.damage)
    capsys.readouterr()
    assert main(["info", str(path)]) == 2
    assert f"{table} row {row}: created is not a time" in capsys.readouterr().out


def test_text_that_is_not_utf8_is_named_by_row_and_column(tmp_path: Path) -> None:
    path = tmp_path / "p.db"
    [eid] = _project(path)
    _set(path, "UPDATE events SET headline = CAST(? AS TEXT) WHERE id = ?", b"Talks \xff", eid)
    with pytest.raises(ProjectError) as err:
        Project.open(path)
    assert f"(events row {eid}: headline is not readable text)" in str(err.value)


def test_every_form_the_export_accepts_opens(tmp_path: Path) -> None:
    """Time stamps another tool wrote in other forms the schema allows are not damage."""
    path = tmp_path / "p.db"
    ids = _project(path, events=3)
    stamps = ["2025-03-04T10:00:00Z", "2025-03-04T10:00:00.123456+02:00", "2025-03-04T10:00:00.1Z"]
    for eid, stamp in zip(ids, stamps, strict=True):
        _set(path, "UPDATE events SET created = ?, modified = ? WHERE id = ?", stamp, stamp, eid)
    _set(path, "UPDATE events SET date_earliest = '2025-03-04', date_latest = '2025-03-05T10:00'")
    with Project.open(path) as project:
        assert project.scalar("SELECT count(*) FROM events") >= 3


def test_a_small_file_is_checked_row_by_row_even_after_a_clean_close(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The close marker skips the whole-file checks; the value checks still read every row
    of a small file (a sample of each table on a large one: a bit flipped on the disk after
    a clean close, in a row past the sample, is then found by the exports)."""
    path = tmp_path / "p.db"
    ids = _project(path, events=file_checks.SAMPLE_ROWS + 5)
    _set(path, "UPDATE events SET modified = 'yesterday' WHERE id = ?", ids[-1])
    write_marker(path, clean=True)  # as if it had been closed cleanly like this
    assert file_checks.trusted(path, file_checks.read_marker(path))
    with pytest.raises(ProjectError) as err:
        Project.open(path)
    assert f"events row {ids[-1]}: modified is not a time" in str(err.value)
    monkeypatch.setattr(file_checks, "EVERY_ROW_BYTES", 0)  # as if it were a large file
    Project.open(path, readonly=True).close()  # (a reader is not refused: it reports)
    with Project.open(path) as project:  # the sample passes; only the full checks read it
        assert project.scalar("SELECT count(*) FROM events") > file_checks.SAMPLE_ROWS


def test_sqlites_decoding_error_is_called_damage() -> None:
    exc = sqlite3.OperationalError("Could not decode to UTF-8 column 'created' with text '\ufffd'")
    err = _describe_sqlite_error(Path("p.db"), exc)
    assert str(err).startswith("p.db: the project file is damaged (a value in its created column")
    assert "decode" not in str(err)
