"""TimelineView driven with real mouse and keyboard events (pytest-qt)."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QImage, QWheelEvent
from PySide6.QtWidgets import QApplication

from annotator.ui.timeline import TimelineEntry, TimelineView
from annotator.ui.timeline.layout import bucket_of, build_layout, to_days

D = datetime


def ev(i, day, actors=(), type_="meeting", seq=0, end=None, precision="day", **kw):
    return TimelineEntry(
        id=i,
        kind="event",
        label=f"Event {i}",
        earliest=day,
        latest=end or day,
        precision=precision,
        day_seq=seq,
        lanes={"actor": tuple(actors), "type": (type_,)},
        color_key=type_,
        **kw,
    )


ENTRIES = [
    ev("e1", D(2025, 2, 28), ("Trump", "Zelensky", "Vance")),
    ev("e2", D(2025, 3, 2), ("Starmer", "Zelensky"), "summit"),
    ev("e3", D(2025, 3, 4), ("von der Leyen",), "announcement", seq=1),
    ev("e4", D(2025, 3, 4), ("Zelensky",), "statement", seq=2),
    ev("e5", D(2025, 3, 1), ("von der Leyen",), "process", end=D(2025, 3, 31), precision="month"),
    ev(
        "e6",
        D(2025, 3, 3),
        ("Trump",),
        "decision",
        end=D(2025, 3, 9),
        precision="week",
        approximate=True,
    ),
    ev("e7", D(2025, 3, 13), (), "meeting", uncertain=True),
    TimelineEntry(
        "c1",
        "claim",
        "Trump: claim",
        D(2025, 2, 28),
        D(2025, 2, 28),
        "day",
        lanes={"actor": ("Trump",), "type": ("claim",)},
        about_event_id="e1",
    ),
]


@pytest.fixture
def view(qtbot):
    w = TimelineView()
    qtbot.addWidget(w)
    w.resize(1200, 600)
    w.show()
    qtbot.waitExposed(w)
    w.set_entries(ENTRIES)
    w.fit_all()
    w.canvas.repaint()
    return w


def center(view, entry_id, copy=0) -> QPoint:
    rect = view.canvas.item_rects(entry_id)[copy]
    return QPoint(round(rect.left() + 6), round(rect.center().y()))


def test_click_selects_and_emits(view, qtbot):
    with qtbot.waitSignal(view.selectionChanged) as blocker:
        qtbot.mouseClick(view.canvas, Qt.MouseButton.LeftButton, pos=center(view, "e2"))
    assert blocker.args == [["e2"]]
    assert view.selected_ids() == {"e2"}
    with qtbot.waitSignal(view.selectionChanged) as blocker:  # ctrl adds
        qtbot.mouseClick(
            view.canvas,
            Qt.MouseButton.LeftButton,
            Qt.KeyboardModifier.ControlModifier,
            center(view, "e3"),
        )
    assert blocker.args == [["e2", "e3"]]
    empty = QPoint(view.canvas.width() - 5, view.canvas.height() - 5)
    with qtbot.waitSignal(view.selectionChanged) as blocker:  # empty space clears
        qtbot.mouseClick(view.canvas, Qt.MouseButton.LeftButton, pos=empty)
    assert blocker.args == [[]]


def test_event_with_three_actors_drawn_three_times_and_all_copies_highlighted(view, qtbot):
    assert len(view.canvas.item_rects("e1")) == 3
    with qtbot.assertNotEmitted(view.selectionChanged):
        view.set_selected_ids({"e1"})
    before = view.canvas.grab().toImage()
    lanes = {p.lane for p in view.canvas.layout_now().by_id["e1"]}
    assert lanes == {"Trump", "Zelensky", "Vance"}
    # every copy is painted with the selection colour
    highlight = view.palette().color(view.palette().ColorRole.Highlight)
    for rect in view.canvas.item_rects("e1"):
        colors = {
            before.pixelColor(round(rect.left()) + dx, round(rect.center().y()) - 7).name()
            for dx in range(0, 12)
        }
        assert highlight.name() in colors


def test_lanes_stack_without_overlap_on_screen(view):
    for mode in ("actor", "type", "none"):
        view.set_lane_mode(mode)
        view.fit_all()
        view.canvas.repaint()
        rects = [h.rect for h in view.canvas._painter.hits]
        assert rects
        for i, a in enumerate(rects):
            for b in rects[:i]:
                assert not a.intersects(b), (mode, a, b)


def test_lane_mode_combo_and_none_lane(view, qtbot):
    names = [lane.name for lane in view.canvas.layout_now().lanes]
    assert names[:2] == ["Trump", "Zelensky"] and names[-1] == "(none)"  # 3 items each
    view.mode_combo.setCurrentIndex(view.mode_combo.findData("type"))
    assert view.lane_mode() == "type"
    assert "claim" in [lane.name for lane in view.canvas.layout_now().lanes]
    view.set_lane_mode("none")
    assert view.mode_combo.currentData() == "none"
    assert [lane.name for lane in view.canvas.layout_now().lanes] == ["All"]
    with pytest.raises(ValueError, match="lane mode"):
        view.set_lane_mode("colour")


def test_double_click_activates(view, qtbot):
    with qtbot.waitSignal(view.activated) as blocker:
        qtbot.mouseDClick(view.canvas, Qt.MouseButton.LeftButton, pos=center(view, "e4"))
    assert blocker.args == ["e4"]


def test_drag_item_emits_whole_days(view, qtbot):
    view.zoom_by(40.0 / view.canvas.px_per_day)  # exactly 40 px a day
    view.canvas.repaint()
    start = center(view, "e4")
    qtbot.mousePress(view.canvas, Qt.MouseButton.LeftButton, pos=start)
    qtbot.mouseMove(view.canvas, start + QPoint(60, 0))
    qtbot.mouseMove(view.canvas, start + QPoint(121, 3))
    with qtbot.waitSignal(view.dateDragged) as blocker:
        qtbot.mouseRelease(view.canvas, Qt.MouseButton.LeftButton, pos=start + QPoint(121, 3))
    assert blocker.args == ["e4", 3]
    view.canvas.repaint()
    start = center(view, "e4")
    with qtbot.assertNotEmitted(view.dateDragged):  # less than half a day: no change
        qtbot.mousePress(view.canvas, Qt.MouseButton.LeftButton, pos=start)
        qtbot.mouseMove(view.canvas, start + QPoint(-15, 0))
        qtbot.mouseRelease(view.canvas, Qt.MouseButton.LeftButton, pos=start + QPoint(-15, 0))


def test_drag_empty_space_pans(view, qtbot):
    canvas = view.canvas
    left = canvas.left_day
    empty = QPoint(canvas.width() - 40, canvas.height() - 10)
    qtbot.mousePress(canvas, Qt.MouseButton.LeftButton, pos=empty)
    qtbot.mouseMove(canvas, empty - QPoint(50, 0))
    qtbot.mouseMove(canvas, empty - QPoint(100, 0))
    qtbot.mouseRelease(canvas, Qt.MouseButton.LeftButton, pos=empty - QPoint(100, 0))
    assert canvas.left_day == pytest.approx(left + 100 / canvas.px_per_day)


def test_keyboard_zoom_pan_and_fit(view, qtbot):
    canvas = view.canvas
    canvas.setFocus()
    ppd = canvas.px_per_day
    qtbot.keyClick(canvas, Qt.Key.Key_Plus)
    assert canvas.px_per_day == pytest.approx(ppd * 1.5)
    qtbot.keyClick(canvas, Qt.Key.Key_Minus)
    qtbot.keyClick(canvas, Qt.Key.Key_Minus)
    assert canvas.px_per_day == pytest.approx(ppd / 1.5)
    left = canvas.left_day
    qtbot.keyClick(canvas, Qt.Key.Key_Right)
    assert canvas.left_day > left
    qtbot.keyClick(canvas, Qt.Key.Key_F)
    assert canvas.px_per_day == pytest.approx(ppd)
    view.set_selected_ids({"e2"})
    qtbot.keyClick(canvas, Qt.Key.Key_F, Qt.KeyboardModifier.ShiftModifier)
    assert canvas.px_per_day > ppd * 2  # one day fills the view (up to the fit cap)
    x0, x1 = canvas.scale().span_x(ENTRIES[1])
    assert 0 <= x0 < x1 <= canvas.width()
    with qtbot.waitSignal(view.activated) as blocker:
        qtbot.keyClick(canvas, Qt.Key.Key_Return)
    assert blocker.args == ["e2"]
    with qtbot.waitSignal(view.passageRequested) as blocker:
        qtbot.keyClick(canvas, Qt.Key.Key_P)
    assert blocker.args == ["e2"]


def wheel(widget, pos: QPoint, dy: int, mods=Qt.KeyboardModifier.NoModifier):
    event = QWheelEvent(
        QPointF(pos),
        QPointF(widget.mapToGlobal(pos)),
        QPoint(0, 0),
        QPoint(0, dy),
        Qt.MouseButton.NoButton,
        mods,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(widget, event)


def test_ctrl_wheel_zooms_around_cursor_and_shift_wheel_pans(view):
    canvas = view.canvas
    pos = QPoint(300, 200)
    day = canvas.scale().day_of(300)
    ppd = canvas.px_per_day
    wheel(canvas, pos, 120, Qt.KeyboardModifier.ControlModifier)
    assert canvas.px_per_day == pytest.approx(ppd * 1.25)
    assert canvas.scale().day_of(300) == pytest.approx(day)  # the day under the cursor stays
    left = canvas.left_day
    wheel(canvas, pos, -120, Qt.KeyboardModifier.ShiftModifier)
    assert canvas.left_day > left


def test_toolbar_buttons(view, qtbot):
    ppd = view.canvas.px_per_day
    qtbot.mouseClick(view.zoom_in_button, Qt.MouseButton.LeftButton)
    assert view.canvas.px_per_day == pytest.approx(ppd * 1.5)
    qtbot.mouseClick(view.fit_all_button, Qt.MouseButton.LeftButton)
    assert view.canvas.px_per_day == pytest.approx(ppd)


def test_filtered_entries_keep_view_and_drop_hidden_selection(view):
    view.set_selected_ids({"e1", "e2"})
    left, ppd = view.canvas.left_day, view.canvas.px_per_day
    view.set_entries([e for e in ENTRIES if e.id != "e2"])  # a table filter hid e2
    assert view.selected_ids() == {"e1"}
    assert (view.canvas.left_day, view.canvas.px_per_day) == (left, ppd)


def big_entries(n=10_000):
    return [
        TimelineEntry(
            f"x{i}",
            "claim" if i % 9 == 0 else "event",
            f"Item {i}",
            D(2022, 1, 1) + timedelta(days=(i * 37) % 1100),
            D(2022, 1, 1) + timedelta(days=(i * 37) % 1100 + (i % 4 == 0) * 20),
            "month" if i % 4 == 0 else "day",
            approximate=i % 7 == 0,
            uncertain=i % 11 == 0,
            day_seq=i % 3,
            lanes={"actor": (f"A{i % 7}", f"A{i % 5}")},
            color_key=str(i % 6),
        )
        for i in range(n)
    ]


def test_ten_thousand_entries_paint_clustered_and_clusters_open(view, qtbot):
    view.set_entries(big_entries())
    view.fit_all()
    view.canvas.repaint()
    hits = view.canvas._painter.hits
    clusters = [h for h in hits if h.placement.is_cluster]
    assert clusters and len(hits) < 1000
    shown = sum(len(h.placement.ids) for h in hits)
    assert shown >= 10_000  # every entry is on screen, in at least one lane copy
    ppd = view.canvas.px_per_day
    target = clusters[len(clusters) // 2]
    pos = target.rect.center().toPoint()
    qtbot.mouseClick(view.canvas, Qt.MouseButton.LeftButton, pos=pos)
    assert view.canvas.px_per_day >= ppd * 2  # clicking a cluster zooms into it
    for factor in (4, 4, 4, 4):
        view.zoom_by(factor)
        view.canvas.repaint()
    assert not view.canvas.grab().isNull()


def _large_at(view, qtbot):
    """A large drawing laid out at the zoom shown, and nothing being built."""
    view.set_entries(big_entries())
    view.fit_all()
    view.canvas.repaint()
    qtbot.waitUntil(lambda: view.canvas._building is None or not view.canvas._building.is_alive())
    return view.canvas


def test_a_large_drawing_builds_no_zoom_level_it_does_not_show(view, qtbot):
    canvas = _large_at(view, qtbot)
    bucket = bucket_of(canvas.px_per_day)
    qtbot.wait(50)  # the event loop turns: nothing is started for the other levels
    assert canvas.cache.has(2.0**bucket)
    assert not canvas.cache.has(2.0 ** (bucket + 1)) and not canvas.cache.has(2.0 ** (bucket - 1))


def test_a_zoom_step_draws_the_level_beside_until_its_own_is_built_in_a_worker(view, qtbot):
    canvas = _large_at(view, qtbot)
    before = bucket_of(canvas.px_per_day)
    while bucket_of(canvas.px_per_day) == before:
        canvas.zoom_by(1.5)
    bucket = bucket_of(canvas.px_per_day)
    canvas.repaint()
    assert canvas.layout_now().bucket == before  # drawn at once: the window did not build it
    qtbot.waitUntil(lambda: canvas.cache.has(canvas.px_per_day))
    qtbot.waitUntil(lambda: canvas.layout_now().bucket == bucket)
    entries = list(canvas.entries.values())
    assert canvas.layout_now() == build_layout(entries, canvas.cache.mode, bucket)
    canvas.repaint()
    assert canvas._painter is not None and canvas._painter.hits


def test_a_jump_of_several_zoom_levels_builds_the_level_at_once(view, qtbot):
    canvas = _large_at(view, qtbot)
    canvas.zoom_by(8.0)
    bucket = bucket_of(canvas.px_per_day)
    assert canvas.layout_now().bucket == bucket
    assert canvas.cache.has(canvas.px_per_day)


def test_an_edit_while_a_level_is_built_is_in_the_level_drawn(view, qtbot):
    canvas = _large_at(view, qtbot)
    before = bucket_of(canvas.px_per_day)
    while bucket_of(canvas.px_per_day) == before:
        canvas.zoom_by(1.5)
    canvas.repaint()  # the worker starts from the entries as they are now
    moved = ev("x1", D(2021, 6, 1), ("A1", "New lane"))
    canvas.patch_entries([moved], ["x2"])
    bucket = bucket_of(canvas.px_per_day)
    qtbot.waitUntil(lambda: canvas.cache.has(canvas.px_per_day))
    entries = list(canvas.entries.values())
    assert "x2" not in canvas.entries and canvas.entries["x1"] is moved
    assert canvas.layout_now() == build_layout(entries, canvas.cache.mode, bucket)


def test_export_png_and_svg(view, tmp_path):
    """Laid out for the page (A4 landscape's width at 288 dpi), not the widget's size."""
    png, svg = tmp_path / "t.png", tmp_path / "t.svg"
    view.export_png(png)
    image = QImage(str(png))
    assert image.width() == 3 * 1123
    view.export_svg(svg)
    text = svg.read_text(encoding="utf-8")
    assert text.lstrip().startswith("<?xml") and "<svg" in text
    assert "Event e2" in text and "Zelensky" in text


def test_drawn_geometry_matches_date_mapping(view):
    view.zoom_by(20.0 / view.canvas.px_per_day)
    view.canvas.left_day = to_days(D(2025, 2, 27))
    view.canvas.repaint()
    rect = view.canvas.item_rects("e5")[0]  # the month of March, hatched
    assert rect.left() == pytest.approx(2 * 20, abs=1.5)
    week = view.canvas.item_rects("e6")[0]
    assert week.left() == pytest.approx(4 * 20, abs=1.5)


def test_lane_names_follow_vertical_scroll_and_minimap_moves_view(view, qtbot):
    view.resize(1200, 260)  # too short for all lanes: the scroll bar takes over
    qtbot.wait(10)
    assert view.vbar.maximum() > 0
    wheel(view.canvas, QPoint(300, 150), -120)  # plain wheel scrolls the lanes
    assert view.canvas.scroll_y > 0
    assert view.vbar.value() == round(view.canvas.scroll_y)
    view.vbar.setValue(view.vbar.maximum())
    assert view.canvas.scroll_y == view.vbar.maximum()
    label_shot = view.labels.grab().toImage()
    assert not label_shot.isNull()  # lane names paint at the canvas's scroll offset
    left = view.canvas.left_day
    qtbot.mouseClick(
        view.minimap, Qt.MouseButton.LeftButton, pos=QPoint(view.minimap.width() - 2, 10)
    )
    assert view.canvas.left_day > left  # clicking the right end of the overview jumps there


def test_hover_tooltip_gives_full_label_and_interval(view, qtbot):
    from annotator.ui.common.plain import rich_escaped

    qtbot.mouseMove(view.canvas, center(view, "e5"))
    assert view.canvas.toolTip() == rich_escaped("Event e5\n2025-03-01 – 2025-03-31 (month)")


def test_empty_and_extreme_dates_paint(view, qtbot):
    view.set_entries([])
    view.fit_all()
    assert not view.canvas.grab().isNull()
    assert view.canvas._painter.hits == []
    far = [
        ev("old", D(1, 1, 1), ("A",), end=D(1, 12, 31), precision="year"),
        ev("new", D(9999, 12, 31), ("A",)),
    ]
    view.set_entries(far)
    view.fit_all()
    view.canvas.repaint()
    for _ in range(6):
        qtbot.keyClick(view.canvas, Qt.Key.Key_Minus)
        view.canvas.repaint()
    assert {h.placement.ids[0] for h in view.canvas._painter.hits} >= {"old"}


def test_ctrl_arrows_step_through_items_in_time(view, qtbot):
    canvas = view.canvas
    view.set_selected_ids({"e1"})
    ctrl = Qt.KeyboardModifier.ControlModifier
    with qtbot.waitSignal(view.selectionChanged) as blocker:
        qtbot.keyClick(canvas, Qt.Key.Key_Right, ctrl)
    assert blocker.args == [["e5"]]  # 1 March (the month) follows 28 February
    qtbot.keyClick(canvas, Qt.Key.Key_Right, ctrl)
    assert view.selected_ids() == {"e2"}
    for _ in range(2):
        qtbot.keyClick(canvas, Qt.Key.Key_Left, ctrl)
    assert view.selected_ids() == {"e1"}
    qtbot.keyClick(canvas, Qt.Key.Key_Left, ctrl)
    assert view.selected_ids() == {"c1"}  # same day as e1: ordered by id
    qtbot.keyClick(canvas, Qt.Key.Key_Left, ctrl)
    assert view.selected_ids() == {"c1"}  # the first item stays selected


def test_shift_drag_rubber_band_selects(view, qtbot):
    canvas = view.canvas
    rects = canvas.item_rects("e3") + canvas.item_rects("e5")
    top = min(r.top() for r in rects) - 2
    bottom = max(r.bottom() for r in rects) + 2
    x0 = min(r.left() for r in rects) - 3
    start = QPoint(round(x0), round(top))
    # the band starts on empty space left of the von der Leyen items
    assert canvas.hit_at(QPointF(start)) is None
    shift = Qt.KeyboardModifier.ShiftModifier
    qtbot.mousePress(canvas, Qt.MouseButton.LeftButton, shift, start)
    qtbot.mouseMove(canvas, start + QPoint(20, 20))
    end = QPoint(round(canvas.item_rects("e3")[0].left() + 10), round(bottom))
    qtbot.mouseMove(canvas, end)
    with qtbot.waitSignal(view.selectionChanged) as blocker:
        qtbot.mouseRelease(canvas, Qt.MouseButton.LeftButton, shift, end)
    assert {"e3", "e5"} <= set(blocker.args[0])
