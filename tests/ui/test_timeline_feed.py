"""The drawn timeline in the window: fed from the store, filtered like the table, draggable."""

from __future__ import annotations

import functools
import threading

from annotator.store import operations
from annotator.store.project import Project
from annotator.store.rows import parse_edtf_field
from annotator.store.sample_annotations import annotate_seed_project
from annotator.ui.timeline.feed import entries_from_project
from tests.helpers import window_fixture
from tests.helpers.window_fixture import NYT, open_article

window = window_fixture.window
warnings = window_fixture.warnings


def test_entries_from_the_annotated_seed_project(seeded_path):
    with Project.open(seeded_path) as project:
        annotate_seed_project(project)
        entries = entries_from_project(project)
    events = [e for e in entries if e.kind == "event"]
    claims = [e for e in entries if e.kind == "claim"]
    assert (len(events), len(claims)) == (11, 4)
    clash = next(e for e in events if e.label.startswith("Trump and Zelensky clash"))
    assert set(clash.lanes["actor"]) == {"Donald Trump", "Volodymyr Zelensky"}
    assert clash.lanes["type"] == ("meeting",) and clash.precision == "day"
    assert clash.earliest.isoformat() == "2025-02-28T00:00:00"
    week = next(e for e in events if e.precision == "week")
    assert week.imprecise
    about = next(c for c in claims if c.about_event_id)
    assert about.about_event_id in {e.id for e in events}


def _first_and_second(window, aid: str) -> dict[str, str]:
    """Two dated events cited on the article, made through the session (undoable)."""
    project = window.session.project
    made = {}
    for headline, date in (("First", "2025-03-04"), ("Second", "2025-03-09")):
        cs, event_id = operations.create_event(
            project,
            headline=headline,
            span=(aid, 0, 6),
            date=parse_edtf_field(date, "date"),
            type=headline.lower(),
        )
        assert window.session.run(cs)
        made[headline] = event_id
    return made


def _show_types(qtbot, window, types: list[str], wanted: set[str], *, forget_reads=False):
    """The drawn timeline filtered by ``types``, waited for until it shows ``wanted`` and
    is idle; ``forget_reads`` makes the filter one not drawn before (kept reads dropped)."""
    drawn, canvas = window.drawn, window.timeline_view.canvas
    if forget_reads:
        drawn.forget_reads()
    bar = window.panels["filter_bar"]
    bar.types.set_selected(types)
    bar._emit()
    qtbot.waitUntil(
        lambda: (
            set(canvas.entries) == wanted
            and not drawn._reader.busy()
            and not drawn.refresh_timer.isActive()
            and not drawn._patch_timer.isActive()
        )
    )


def test_window_feeds_filters_and_drags(qtbot, window):
    aid, _ = open_article(window, NYT)
    project = window.session.project
    ids = list(_first_and_second(window, aid).values())
    view = window.timeline_view
    qtbot.waitUntil(lambda: len(view.canvas.entries) == 2)
    # The table's filter applies to the drawn timeline too
    bar = window.panels["filter_bar"]
    bar.types.set_selected(["first"])
    bar._emit()
    qtbot.waitUntil(lambda: list(view.canvas.entries) == [ids[0]])
    bar.clear()
    qtbot.waitUntil(lambda: len(view.canvas.entries) == 2)
    # Selecting on the drawn timeline selects everywhere; dragging moves the date, undoably
    view.selectionChanged.emit([ids[1]])
    assert window.selected == ("event", ids[1])
    view.dateDragged.emit(ids[1], 2)
    assert project.scalar("SELECT date FROM events WHERE id = ?", [ids[1]]) == "2025-03-11"
    window.actions_["undo"].trigger()
    assert project.scalar("SELECT date FROM events WHERE id = ?", [ids[1]]) == "2025-03-09"


def test_an_open_ended_range_is_drawn_from_its_known_end_not_to_the_year_9999():
    from annotator.core.dates.value import DateValue
    from annotator.store.drawn_rows import DrawnRow
    from annotator.store.rows import bounds
    from annotator.ui.timeline.feed import entry_of

    for edtf, known in (("2025-03-04/..", "2025-03-04"), ("../2025-03-04", "2025-03-04")):
        lo, hi = bounds(DateValue.from_edtf(edtf))
        entry = entry_of(DrawnRow("e", "event", "Talks go on", edtf, lo, hi, "range"))
        assert (entry.latest - entry.earliest).days < 2, edtf  # not centuries
        assert known in (entry.earliest.date().isoformat(), entry.latest.date().isoformat())
        assert "→" in entry.label or "←" in entry.label


def test_a_large_project_is_read_and_laid_out_off_the_event_loop(qtbot, window, monkeypatch):
    """The whole read (start, filters) runs in a worker with its own connection; an edit
    made while it reads is drawn too, and the result is the layout of a fresh read."""
    from annotator.ui.timeline.layout import build_layout
    from annotator.ui.window import drawn_reader
    from annotator.ui.window.drawn import DrawnFeed

    monkeypatch.setattr(DrawnFeed, "in_background_from", 0)
    aid, _ = open_article(window, NYT)
    project = window.session.project
    view = window.timeline_view
    made = []
    for headline, date in (("First", "2025-03-04"), ("Second", "2025-03-09")):
        cs, event_id = operations.create_event(
            project, headline=headline, span=(aid, 0, 6), date=parse_edtf_field(date, "date")
        )
        assert window.session.run(cs)
        made.append(event_id)
    qtbot.waitUntil(lambda: set(made) <= set(view.canvas.entries))
    qtbot.waitUntil(lambda: not window.drawn._reader.busy())
    qtbot.waitUntil(lambda: not window.drawn.refresh_timer.isActive())
    window.drawn.forget_reads()  # else a read kept since the last edit is shown again
    gate = threading.Event()  # the worker's read held until the edit is made
    read = drawn_reader.read_drawn
    monkeypatch.setattr(drawn_reader, "read_drawn", lambda *a: (gate.wait(5), read(*a))[1])
    window.drawn.refresh()  # a read in the worker ...
    assert window.drawn._reader.busy()
    cs, third = operations.create_event(  # ... and an edit while it reads
        project, headline="Third", span=(aid, 0, 6), date=parse_edtf_field("2025-03-12", "date")
    )
    assert window.session.run(cs)
    gate.set()
    qtbot.waitUntil(lambda: third in view.canvas.entries and not window.drawn._reader.busy())
    qtbot.waitUntil(lambda: not window.drawn._patch_timer.isActive())
    entries = list(view.canvas.entries.values())
    assert {e.label for e in entries} >= {"First", "Second", "Third"}
    bucket = view.canvas.layout_now().bucket
    assert view.canvas.layout_now() == build_layout(entries, view.lane_mode(), bucket)
    window.actions_["undo"].trigger()  # the edit's undo is patched in
    qtbot.waitUntil(lambda: third not in view.canvas.entries)


def test_a_filter_drawn_before_is_drawn_again_without_a_read_until_an_edit(
    qtbot, window, monkeypatch
):
    """Clearing a filter, or going back to one, shows the read kept for it (a read and its
    layout cost about 1 s at 100,000 events); an edit makes every kept read stale."""
    from annotator.ui.window.drawn import DrawnFeed
    from annotator.ui.window.drawn_reader import DrawnReader

    monkeypatch.setattr(DrawnFeed, "in_background_from", 0)
    reads = []
    start = DrawnReader.start
    monkeypatch.setattr(
        DrawnReader, "start", lambda self, *a: (reads.append(a[1].flt), start(self, *a))
    )
    aid, _ = open_article(window, NYT)
    project = window.session.project
    view = window.timeline_view
    made = _first_and_second(window, aid)
    qtbot.waitUntil(lambda: set(made.values()) <= set(view.canvas.entries))
    show = functools.partial(_show_types, qtbot, window)

    both = set(made.values())
    show(["first"], {made["First"]})
    show([], both)
    reads.clear()
    show(["first"], {made["First"]})  # kept: no read
    show([], both)
    assert reads == []
    cs, third = operations.create_event(
        project,
        headline="Third",
        span=(aid, 0, 6),
        date=parse_edtf_field("2025-03-12", "date"),
        type="first",
    )
    assert window.session.run(cs)
    qtbot.waitUntil(lambda: third in view.canvas.entries)
    show(["first"], {made["First"], third})  # read again, with the edit
    assert len(reads) == 1


def test_a_filter_reads_only_the_items_the_unfiltered_drawing_does_not_hold(
    qtbot, window, monkeypatch
):
    """The unfiltered drawing's entries are held, kept current edit by edit: a filter
    first met takes what it lets through from them, and reads only the rest."""
    from annotator.ui.window import drawn_reader
    from annotator.ui.window.drawn import DrawnFeed

    monkeypatch.setattr(DrawnFeed, "in_background_from", 0)
    asked: list[set[str]] = []
    real = drawn_reader.drawn_rows
    monkeypatch.setattr(
        drawn_reader, "drawn_rows", lambda p, ids, *a: (asked.append(set(ids)), real(p, ids, *a))[1]
    )
    aid, _ = open_article(window, NYT)
    project = window.session.project
    view = window.timeline_view
    made = _first_and_second(window, aid)
    show = functools.partial(_show_types, qtbot, window, forget_reads=True)

    both = set(made.values())
    show(["first"], {made["First"]})
    show([], both)  # read: from here on its entries are held
    asked.clear()
    show(["first"], {made["First"]})
    assert asked == []  # nothing read
    # An edit is held as it is now: the headline, and an event no longer dated is gone.
    assert window.session.run(
        operations.update_item(project, "event", made["First"], headline="Renamed")
    )
    qtbot.waitUntil(lambda: view.canvas.entries[made["First"]].label == "Renamed")
    show([], both)
    show(["first"], {made["First"]})
    assert view.canvas.entries[made["First"]].label == "Renamed"
    assert window.session.run(
        operations.update_item(project, "event", made["Second"], date=None, type="first")
    )
    qtbot.waitUntil(lambda: made["Second"] not in view.canvas.entries)
    show([], {made["First"]})
    show(["first"], {made["First"]})
    assert asked == [{made["Second"]}]  # in the filter, not held (undated): asked, left out
    # What is drawn is what a read from scratch gives.
    fresh = {e.id: e for e in entries_from_project(project, ids=set(view.canvas.entries))}
    assert view.canvas.entries == fresh


def test_a_new_filter_is_read_at_once(qtbot, window, monkeypatch):
    """The filter bar says each change once: the drawn timeline starts its read then (the
    wait that gathers an edit's changes only held every new filter back)."""
    from annotator.ui.window.drawn import DrawnFeed
    from annotator.ui.window.drawn_reader import DrawnReader

    monkeypatch.setattr(DrawnFeed, "in_background_from", 0)
    reads = []
    start = DrawnReader.start
    monkeypatch.setattr(
        DrawnReader, "start", lambda self, *a: (reads.append(a[1].flt.types), start(self, *a))
    )
    aid, _ = open_article(window, NYT)
    view, drawn = window.timeline_view, window.drawn
    made = _first_and_second(window, aid)
    qtbot.waitUntil(lambda: set(made.values()) <= set(view.canvas.entries))
    qtbot.waitUntil(lambda: not drawn._reader.busy() and not drawn.refresh_timer.isActive())
    reads.clear()
    bar = window.panels["filter_bar"]
    bar.types.set_selected(["second"])
    bar._emit()
    assert reads == [("second",)] and not drawn.refresh_timer.isActive()
    qtbot.waitUntil(lambda: set(view.canvas.entries) == {made["Second"]})


def test_a_claims_precision_is_the_parsers_whatever_its_value():
    from annotator.core.dates.value import DateValue
    from annotator.core.errors import AnnotatorError
    from annotator.ui.timeline.feed import precision_of

    def parsed(edtf: str) -> str:
        try:
            return DateValue.from_edtf(edtf).precision
        except AnnotatorError:
            return "range"

    values = ["2025-03-04", "2024-02-29", "2025-02-29", "2025-13-01", "0000-01-01", "2025"]
    values += ["2025-03", "2025-03-04T10:00", "2025-21", "2025-03-04/2025-03-09", "2025~"]
    values += ["2025-03-04?", "199X", "2025-03/2025-04", "../2025", "2025-03-04/..", "x"]
    values += ["２０２５-03-04", " 2025-03-04"]  # digits of another script; a space
    for value in values:
        assert precision_of(value) == parsed(value), value
