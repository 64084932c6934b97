"""The events read in one ordered pass (``chronology_stream.events_in_order``) come in the
order of ``event_sort_key``: SQLite's order agrees with it on ISO dates and ASCII headlines
(ties, undated events and unset day_seq included), and where it does not (a date
``fromisoformat`` reads otherwise, a headline beyond ASCII, a blank bound) the rest are
read by id in the Python order."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from annotator.core.export.filters import sort_events
from annotator.store import chronology_stream as stream
from annotator.store.project import Project

ISO = [None, "2025-03-04", "2025-03-04T10:00:00", "2025-03-05", "2024-12-31"]
ISO += ["2025-03-04T23:59:59"]
ODD = ["", "2025-03", "2025-03-04T00:00:00", "2025-3-4", "not a date", "+12025-01-01"]
ODD += ["2025-03-04 10:00"]
ASCII_HEADLINES = ["Talks", "talks", "TALKS", "Alpha", "alpha", "beta", "Zulu", ""]
ODD_HEADLINES = ["Straße", "STRASSE", "Élan", "élan", "ǅ", "ﬁne"]


def _project(events: list[tuple[str | None, str | None, int, str]]) -> Project:
    project = Project.memory(analyst="tester")
    conn = project.db.conn
    conn.execute("PRAGMA ignore_check_constraints = ON")  # rows another program wrote
    for i, (lo, hi, seq, headline) in enumerate(events):
        conn.execute(
            "INSERT INTO events (id, headline, date, date_earliest, date_latest, day_seq, "
            "created, modified, analyst) VALUES (?, ?, ?, ?, ?, ?, '', '', 'tester')",
            [f"ev{i:03d}-{i % 3}", headline, lo, lo, hi, seq],
        )
    return project


def _expected(project: Project) -> list[str]:
    rows = project.rows("SELECT id, date_earliest, date_latest, day_seq, headline FROM events")
    docs = [
        {"id": r["id"], "date": {"earliest": r["date_earliest"], "latest": r["date_latest"]},
         "day_seq": r["day_seq"], "headline": r["headline"]}
        for r in rows
    ]  # fmt: skip
    return [e["id"] for e in sort_events(docs)]


def _streamed(project: Project) -> list[str]:
    return [r["id"] for chunk in stream.events_in_order(project, stream.event_order(project))
            for r in chunk]  # fmt: skip


def _event(dates: list[str | None], headlines: list[str]) -> st.SearchStrategy:
    return st.tuples(
        st.sampled_from(dates),
        st.sampled_from(dates),
        st.sampled_from([-1, 0, 1, 2]),
        st.sampled_from(headlines),
    )


SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(events=st.lists(_event(ISO, ASCII_HEADLINES), max_size=40))
def test_sqlite_order_is_the_python_order_on_iso_dates(events: list) -> None:
    project = _project([(lo, max(lo, hi) if lo and hi else hi, s, h) for lo, hi, s, h in events])
    try:
        expected = _expected(project)
        sql = [r[0] for r in project.db.conn.execute(
            f"SELECT id FROM events ORDER BY {stream._SQL_ORDER}")]  # fmt: skip
        assert sql == expected  # the one pass is taken whole
        assert _streamed(project) == expected
    finally:
        project.close()


@SETTINGS
@given(events=st.lists(_event(ISO + ODD, ASCII_HEADLINES + ODD_HEADLINES), max_size=40))
def test_where_the_orders_differ_the_python_order_is_kept(events: list) -> None:
    project = _project(events)
    try:
        assert _streamed(project) == _expected(project)
    finally:
        project.close()


def _in_sql_order(project: Project) -> list[str]:
    return [r[0] for chunk in stream.ordered_events(project, ("id",)) for r in chunk]


# Bounds of the one shape SQLite provably orders as ``fromisoformat`` reads them.
SECONDS = [None, "2025-03-04T00:00:00", "2025-03-04T10:00:00", "2025-03-04T23:59:59"]
SECONDS += ["2024-12-31T23:59:59", "0001-01-01T00:00:00"]
# Bounds that look alike but are not that shape or no real instant.
NEAR = ["2025-02-30T00:00:00", "2025-03-04T24:00:00", "0000-01-01T00:00:00", ""]
NEAR += ["2025-03-04", "2025-03-04 10:00:00", "2025-3-04T10:00:00"]


@SETTINGS
@given(events=st.lists(_event(SECONDS, ASCII_HEADLINES), max_size=40))
def test_on_bounds_to_the_second_and_ascii_headlines_sqlite_order_is_taken(events: list) -> None:
    project = _project([(lo, max(lo, hi) if lo and hi else hi, s, h) for lo, hi, s, h in events])
    try:
        assert stream.sql_order_agrees(project)
        assert _in_sql_order(project) == _expected(project)
    finally:
        project.close()


@SETTINGS
@given(
    events=st.lists(
        _event(SECONDS + NEAR + ODD, ASCII_HEADLINES + ODD_HEADLINES + ["tab\there"]), max_size=40
    )
)
def test_the_events_always_come_in_the_python_order(events: list) -> None:
    project = _project(events)
    try:
        assert _in_sql_order(project) == _expected(project)
    finally:
        project.close()


@pytest.mark.parametrize("bound", [*NEAR, "2025-03-04T10:00:00Z"])
def test_a_bound_sqlite_may_order_otherwise_is_noticed(bound: str) -> None:
    project = _project([(bound, bound, 0, "a"), ("2025-03-04T10:00:00", None, 0, "b")])
    try:
        assert not stream.sql_order_agrees(project)
    finally:
        project.close()


@pytest.mark.parametrize("headline", [h for h in ODD_HEADLINES if not h.isascii()] + ["a\tb"])
def test_a_headline_nocase_may_order_otherwise_is_noticed(headline: str) -> None:
    project = _project([(None, None, 0, headline), (None, None, 0, "plain")])
    try:
        assert not stream.sql_order_agrees(project)
    finally:
        project.close()


def test_a_day_seq_that_is_not_a_number_is_noticed() -> None:
    project = _project([(None, None, 0, "a")])
    try:
        project.db.conn.execute("UPDATE events SET day_seq = 'x'")
        assert not stream.sql_order_agrees(project)
    finally:
        project.close()


def test_chunks_across_the_switch_keep_the_order(monkeypatch) -> None:
    monkeypatch.setattr(stream, "CHUNK", 3)
    events = [("2025-03-04", "2025-03-04", 0, h) for h in ["b", "a", "Straße", "STRASSE", "c"]]
    events += [("2025-3-4", "2025-3-4", 2, "x"), (None, None, 0, "ǅ"), (None, None, 1, "")]
    project = _project(events * 2)
    try:
        assert _streamed(project) == _expected(project)
    finally:
        project.close()


_BOUNDS = st.sampled_from([*ISO, *ODD])


@settings(max_examples=300, deadline=None)
@given(
    rows=st.lists(
        st.tuples(
            st.sampled_from(["a", "b", "", None]),
            _BOUNDS,
            _BOUNDS,
            st.sampled_from([None, -1, 0, 3]),
            st.sampled_from([None, *ASCII_HEADLINES, *ODD_HEADLINES]),
        ),
        max_size=30,
    )
)
def test_stored_sort_keys_are_event_sort_key(rows: list) -> None:
    """The keys ``event_order`` sorts by, from stored columns, are ``event_sort_key``'s."""
    from annotator.core.export.filters import event_sort_key, stored_sort_keys

    expected = [
        event_sort_key(
            {"id": i, "date": {"earliest": lo, "latest": hi}, "day_seq": seq, "headline": h}
        )
        for i, lo, hi, seq, h in rows
    ]
    assert [key for key, _id in stored_sort_keys(rows)] == expected
    assert [event_id for _key, event_id in stored_sort_keys(rows)] == [r[0] for r in rows]


@pytest.mark.parametrize("bound", ["2025-03-04T10:00:00", "2025-03-04"])  # agrees, does not
def test_the_fields_asked_for_come_as_tuples_either_way(bound: str) -> None:
    project = _project([(bound, bound, 1, "b"), (None, None, 0, "a"), (bound, None, 0, "c")])
    try:
        fields = ("id", "headline", "day_seq")
        got = [r for chunk in stream.ordered_events(project, fields) for r in chunk]
        stored = {r[0]: tuple(r) for r in project.db.conn.execute(
            "SELECT id, headline, day_seq FROM events")}  # fmt: skip
        assert got == [stored[i] for i in _expected(project)]
        assert stream.sql_order_agrees(project) == ("T" in bound)
    finally:
        project.close()


def test_a_check_that_cannot_read_or_a_file_known_damaged_reads_the_order_as_before(
    monkeypatch,
) -> None:
    """The check scans indexes the export did not read before: where it cannot (a damaged
    page), the order is read from the table as before, and so is a file known damaged."""
    from pathlib import Path

    from annotator.store.damage import damaged

    project = _project([("2025-03-04T10:00:00", None, 0, "b"), (None, None, 0, "a")])
    try:
        assert stream.sql_order_agrees(project)
        monkeypatch.setattr(stream, "_ORDER_DIFFERS", "SELECT 1 FROM no_such_table")
        assert not stream.sql_order_agrees(project)
        monkeypatch.undo()
        project.damage = damaged(Path("p.db"), "page 65 is zeroed")
        assert not stream.sql_order_agrees(project)
        assert _in_sql_order(project) == _expected(project)
    finally:
        project.close()


def test_where_sqlite_order_differs_sqlite_sorts_on_the_keys_bytes(monkeypatch) -> None:
    """Headlines beyond ASCII and bounds of other shapes: SQLite sorts on the key's bytes,
    with no list of every event's key sorted in Python (``event_order`` is not called)."""
    events = [("2025-03-04", "2025-03-04", 0, h) for h in ["b", "a", "Straße", "STRASSE", "c"]]
    events += [("2025-3-4", "2025-3-4", 2, "x"), (None, None, 0, "ǅ"), (None, None, 1, "")]
    events += [("2025-03-04 10:00", None, -1, "nul\x00here"), ("", "2024-12-31", 3, "ﬁne")]
    project = _project(events * 2)
    try:
        assert not stream.sql_order_agrees(project)
        expected = _expected(project)

        def listed(_project: Project) -> list[str]:
            raise AssertionError("every event's key listed in Python")

        monkeypatch.setattr(stream, "event_order", listed)
        assert _in_sql_order(project) == expected
    finally:
        project.close()


def test_a_bound_the_keys_bytes_cannot_order_is_read_in_the_python_order() -> None:
    """A bound with a time zone (Python orders it by its instant): the order as before."""
    events = [
        ("2025-03-04T10:00:00+02:00", None, 0, "b"),
        ("2025-03-04T09:00:00+00:00", None, 0, "a"),
    ]
    events += [(None, None, 0, "Élan")]
    project = _project(events)
    try:
        assert _in_sql_order(project) == _expected(project)
    finally:
        project.close()


@settings(max_examples=300, deadline=None)
@given(
    rows=st.lists(
        st.tuples(
            st.sampled_from(["a", "b", "", None, "a\x00", "é"]),
            _BOUNDS,
            _BOUNDS,
            st.sampled_from([None, -1, 0, 3, -(2**63), 2**63 - 1]),
            st.sampled_from([None, *ASCII_HEADLINES, *ODD_HEADLINES, "a\x00b", "a"]),
        ),
        max_size=30,
    )
)
def test_the_keys_bytes_sort_as_the_keys(rows: list) -> None:
    from annotator.core.export.filters import stored_sort_keys
    from annotator.core.export.order_bytes import event_key_bytes

    keys = [key for key, _id in stored_sort_keys(rows)]
    blobs = [event_key_bytes(*row) for row in rows]
    for i in range(len(rows)):
        for j in range(len(rows)):
            assert (keys[i] < keys[j]) == (blobs[i] < blobs[j])
            assert (keys[i] == keys[j]) == (blobs[i] == blobs[j])
