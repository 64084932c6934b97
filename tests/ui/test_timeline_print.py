"""The drawn timeline laid out for print: the whole chronology or the dates shown, legible
labels that never meet, a header inside the page, light whatever the window's theme, and
nothing drawn as selected; from the chart's own buttons and from File > Export."""

from __future__ import annotations

import os
import xml.etree.ElementTree as ET
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication, QFileDialog

from annotator.store import operations as ops
from annotator.store.project import Project
from annotator.store.rows import parse_edtf_field
from annotator.store.sample_annotations import annotate_seed_project
from annotator.ui.common.theme import apply_scheme
from annotator.ui.editing.session import Session
from annotator.ui.timeline import TimelineEntry, TimelineView
from annotator.ui.timeline import export as timeline_export
from annotator.ui.timeline.feed import entries_from_project
from annotator.ui.timeline.layout import entry_span, to_days
from annotator.ui.timeline.print_layout import PAGE_W, PrintLayout, Rect
from annotator.ui.timeline.printed import printed_page
from annotator.ui.window.main_window import MainWindow
from tests.helpers import window_fixture

warnings = window_fixture.warnings
SHOTS = os.environ.get("ANNOTATOR_SCREENSHOTS")  # a folder: the docs images are saved there


@pytest.fixture
def seed_entries(seeded_path: Path) -> list[TimelineEntry]:
    with Project.open(seeded_path) as project:
        annotate_seed_project(project)
        return entries_from_project(project)


@pytest.fixture
def dark(qapp):
    """The dark theme, as an analyst who chose it has it; the light one again afterwards."""
    apply_scheme(qapp, "dark")
    yield qapp
    apply_scheme(qapp, "light")


def _no_overlaps(layout: PrintLayout) -> None:
    """No two labels meet; no label covers another item's marker; all inside the plot and
    inside their lane (so lanes need not be compared with each other)."""
    for lane in layout.lanes:
        items = lane.items
        labels = [(i, i.label) for i in items if i.label is not None]
        for n, (a, ra) in enumerate(labels):
            assert layout.plot_x - 0.5 <= ra.x and ra.right <= layout.plot_x + layout.plot_w + 0.5
            assert lane.top <= ra.y and ra.bottom <= lane.top + lane.height
            for b, rb in labels[n + 1 :]:
                assert not ra.intersects(rb), (a.entry.label, b.entry.label)
            for other in items:
                if other is not a:
                    assert not ra.intersects(other.marker), (a.entry.label, other.entry.label)


def test_the_whole_chronology_fits_the_page_and_its_labels_never_meet(
    qapp, seed_entries, tmp_path
) -> None:
    page = printed_page(seed_entries, "actor", title="Spring 2025")
    layout = page.layout
    spans = [entry_span(e) for e in seed_entries]
    assert layout.day0 < min(s for s, _ in spans) and max(e for _, e in spans) < layout.day1
    assert layout.day1 - layout.day0 < 40  # 28 Feb - 31 Mar, padded a little
    drawn = {i.entry.id for lane in layout.lanes for i in lane.items}
    assert drawn == {e.id for e in seed_entries}
    assert all(
        i.label is not None and i.text == i.entry.label for lane in layout.lanes for i in lane.items
    )
    _no_overlaps(layout)
    png = tmp_path / "whole.png"
    timeline_export.export_png(page, png)
    image = QImage(str(png))
    assert image.width() == round(3 * PAGE_W)
    assert image.height() == 3 * int(-(-page.height // 1))


def test_a_crowded_week_still_gives_labels_that_never_meet(qapp) -> None:
    """Forty long headlines on three days in one lane: rows stack, long labels are elided,
    labels near the right edge go before their marker."""
    base = datetime(2025, 3, 3)
    entries = [
        TimelineEntry(
            f"e{i}",
            "event" if i % 5 else "claim",
            f"Headline number {i} about the talks " + "and more words " * (i % 7),
            base + timedelta(days=i % 3),
            base + timedelta(days=i % 3 + (4 if i % 9 == 0 else 0)),
            "month" if i % 11 == 0 else "day",
            approximate=i % 4 == 0,
            uncertain=i % 6 == 0,
            lanes={"actor": ("One lane",)},
            color_key="meeting",
        )
        for i in range(40)
    ]
    page = printed_page(entries, "actor", title="Crowded")
    _no_overlaps(page.layout)
    assert not page.notes  # every one found a row
    right_edge = printed_page(
        entries, "actor", title="x", day_range=(to_days(base) - 20, to_days(base) + 3)
    )
    _no_overlaps(right_edge.layout)


def test_the_dates_shown_are_the_windows_range_and_only_what_meets_it(
    qtbot, seed_entries, tmp_path
) -> None:
    view = TimelineView()
    qtbot.addWidget(view)
    view.resize(900, 400)
    view.show()
    view.set_entries(seed_entries)
    view.fit_all()
    day = to_days(datetime(2025, 3, 4))
    view.canvas.fit_range(day, day + 3)
    day0, day1 = view.visible_range()
    page = view.printed(whole=False)
    assert (page.layout.day0, page.layout.day1) == (day0, day1)
    assert "dates shown" in page.subtitle
    drawn = {i.entry.id for lane in page.layout.lanes for i in lane.items}
    meets = {e.id for e in seed_entries if entry_span(e)[1] > day0 and entry_span(e)[0] < day1}
    assert drawn == meets and len(drawn) < len(seed_entries)
    _no_overlaps(page.layout)
    whole = view.printed(whole=True)
    assert whole.layout.day1 - whole.layout.day0 > day1 - day0


def test_an_open_ended_range_does_not_stretch_the_axis_and_a_suggested_date_is_marked(
    qapp, seeded_path: Path, tmp_path: Path
) -> None:
    with Project.open(seeded_path) as project:
        annotate_seed_project(project)
        cs, _ = ops.create_event(
            project, headline="Talks go on", date=parse_edtf_field("2025-03-04/..", "date")
        )
        project.apply(cs)
        cs, _ = ops.create_event(
            project,
            headline="Talks in Jeddah",
            date=parse_edtf_field("2025-03-11", "date"),
            date_phrase="next Tuesday",
            date_anchor="published",
            date_status="suggested",
        )
        project.apply(cs)
        entries = entries_from_project(project)
    page = printed_page(entries, "actor", title="Open")
    assert page.layout.day1 < to_days(datetime(2025, 4, 5))
    labels = [i.text for lane in page.layout.lanes for i in lane.items]
    assert "Talks go on →" in labels
    svg = tmp_path / "marks.svg"
    timeline_export.export_svg(page, svg)
    texts = [
        "".join(t.itertext())
        for t in ET.parse(svg).getroot().iter("{http://www.w3.org/2000/svg}text")
    ]
    jeddah = texts.index("Talks in Jeddah")
    assert texts[jeddah + 1].strip() == "†"  # the mark right after its label
    assert any("† suggested, not confirmed" in t for t in texts)  # and the legend says so
    assert sum(t.strip() == "†" for t in texts) == 1  # the confirmed dates carry none


def _light(color: QColor) -> bool:
    return color.lightness() >= 235


def test_light_colours_under_the_dark_theme_and_nothing_drawn_selected(
    qtbot, dark, seed_entries, tmp_path
) -> None:
    view = TimelineView()
    qtbot.addWidget(view)
    view.resize(900, 400)
    view.show()
    view.set_entries(seed_entries)
    assert QApplication.palette().base().color().lightness() < 60  # the dark theme is on
    plain = tmp_path / "plain.png"
    view.export_png(plain)
    view.set_selected_ids({seed_entries[0].id})
    selected = tmp_path / "selected.png"
    view.export_png(selected)
    assert QImage(str(plain)) == QImage(str(selected))  # the selection is not printed
    image = QImage(str(plain))
    w, h = image.width(), image.height()
    # the page, the header and the lanes' ground: sampled all over, light
    samples = [(x, y) for x in range(5, w, w // 23) for y in (5, 60, h - 5)]
    page = view.printed()
    lane = page.layout.lanes[1]  # the second lane: the banded one
    y_band = round((lane.top + 2) * 3)
    samples += [(round((page.layout.plot_x + 3) * 3), y_band), (w - (40 * 3), y_band)]
    for x, y in samples:
        assert _light(image.pixelColor(x, y)), (x, y, image.pixelColor(x, y).name())
    # text is dark ink: the title's row holds dark pixels
    title_row = [image.pixelColor(x, 48 * 3) for x in range(36 * 3, 200 * 3)]
    assert any(c.lightness() < 80 for c in title_row)
    # and the label text of every item is dark on light (sampled inside each label's box)
    for lane in page.layout.lanes:
        for item in lane.items:
            r = item.label
            assert r is not None
            box = [
                image.pixelColor(round(x * 3), round((r.y + r.h / 2) * 3))
                for x in range(int(r.x) + 1, int(r.right) - 1)
            ]
            assert min(c.lightness() for c in box) < 110, item.entry.label


def test_the_header_is_inside_the_page(qapp, seed_entries) -> None:
    page = printed_page(seed_entries, "type", title="A title " * 30)
    image = timeline_export.page_image(page, 1.0)
    # nothing drawn in the top margin: the title starts below it, whole
    assert all(
        _light(image.pixelColor(x, y)) for x in range(0, image.width(), 7) for y in range(0, 30)
    )
    assert page.layout.lanes_top > page.axis_top > 36


def test_the_svg_is_xml_with_the_headlines_as_text(qapp, seed_entries, tmp_path) -> None:
    page = printed_page(seed_entries, "actor", title="Spring 2025")
    svg = tmp_path / "t.svg"
    timeline_export.export_svg(page, svg)
    root = ET.parse(svg).getroot()
    ns = {"svg": "http://www.w3.org/2000/svg"}
    texts = {"".join(t.itertext()).strip() for t in root.iterfind(".//svg:text", ns)}
    assert "Spring 2025" in texts
    assert "Trump and Zelensky clash in the Oval Office" in texts
    assert "March 2025" in texts
    assert root.get("viewBox") == f"0 0 {round(PAGE_W)} {int(-(-page.height // 1))}"
    assert root.findtext("svg:title", namespaces=ns) == "Spring 2025"


def test_the_charts_own_menu_exports_both_ranges(qtbot, seed_entries, tmp_path, monkeypatch):
    view = TimelineView()
    qtbot.addWidget(view)
    view.resize(900, 400)
    view.show()
    view.set_entries(seed_entries)
    day = to_days(datetime(2025, 3, 2))
    view.canvas.fit_range(day, day + 4)
    written = []
    for (fmt, whole), action in view.print_actions.items():
        target = tmp_path / f"{fmt}-{whole}.{fmt}"
        monkeypatch.setattr(
            QFileDialog, "getSaveFileName", lambda *a, t=target, f=fmt: (str(t), f"*.{f}")
        )
        action.trigger()
        written.append(target)
        assert target.stat().st_size > 1000
    assert len(written) == 4
    whole, shown = QImage(str(tmp_path / "png-True.png")), QImage(str(tmp_path / "png-False.png"))
    assert whole.width() == shown.width() == round(3 * PAGE_W)
    assert ET.parse(tmp_path / "svg-False.svg").getroot().get("viewBox")


def test_file_export_offers_the_drawn_timeline(
    qtbot, seeded_path: Path, warnings, tmp_path: Path
) -> None:
    with Project.open(seeded_path) as project:
        annotate_seed_project(project)
    win = MainWindow(Session(Project.open(seeded_path)))
    qtbot.addWidget(win)
    win.resize(1280, 800)
    win.show()
    try:
        win.drawn.refresh()
        chart = win.timeline_view
        day = to_days(datetime(2025, 3, 2))
        chart.canvas.fit_range(day, day + 4)
        shown_range = chart.visible_range()
        for fmt, dates, name in (
            ("timeline_png", "whole", "whole.png"),
            ("timeline_png", "shown", "shown.png"),
            ("timeline_svg", "shown", "shown.svg"),
        ):
            win.actions_["export"].trigger()
            dialog = win.article_commands.export_dialog
            assert dialog is not None
            dialog.format_combo.setCurrentIndex(dialog.format_combo.findData(fmt))
            assert dialog.dates_combo.isEnabled()
            dialog.dates_combo.setCurrentIndex(dialog.dates_combo.findData(dates))
            if SHOTS and fmt == "timeline_png" and dates == "shown":
                dialog.path_edit.setText("/home/analyst/Documents/seed timeline.png")
                dialog.grab().save(str(Path(SHOTS) / "export-dialog.png"))
            dialog.path_edit.setText(str(tmp_path / name))
            dialog.export_button.click()
            assert (tmp_path / name).stat().st_size > 1000, warnings.calls
        svg = ET.parse(tmp_path / "shown.svg").getroot()
        desc = svg.findtext("{http://www.w3.org/2000/svg}desc") or ""
        assert (
            desc.startswith("The dates shown in the window")
            and (svg.findtext("{http://www.w3.org/2000/svg}title")) == "seed"
        )
        whole = win.timeline_view.printed(True)
        assert whole.layout.day1 - whole.layout.day0 > shown_range[1] - shown_range[0]
        assert QImage(str(tmp_path / "whole.png")).height() == 3 * int(-(-whole.height // 1))
        if SHOTS:
            chart.print_title = "European security, spring 2025"
            timeline_export.export_png(chart.printed(True), Path(SHOTS) / "timeline-print.png")
            timeline_export.export_png(
                chart.printed(False), Path(SHOTS) / "timeline-print-visible.png"
            )
        assert not warnings.calls
    finally:
        win.close()
        win.session.project.close()


def test_nothing_dated_is_said_not_drawn(qapp) -> None:
    from annotator.core.errors import InputError

    with pytest.raises(InputError, match="nothing dated"):
        printed_page([], "actor", title="Empty")


def test_rect_intersection() -> None:
    assert Rect(0, 0, 10, 10).intersects(Rect(9, 9, 5, 5))
    assert not Rect(0, 0, 10, 10).intersects(Rect(10, 0, 5, 5))


def test_a_huge_chronology_makes_a_page_of_bounded_size_and_says_what_is_not_on_it(
    qapp, tmp_path, monkeypatch
) -> None:
    base = datetime(2020, 1, 1)
    entries = [
        TimelineEntry(
            f"e{i}",
            "event",
            f"Event {i}",
            base + timedelta(days=i % 1500),
            base + timedelta(days=i % 1500),
            "day",
            lanes={"actor": (f"Actor {i % 700}",)},
            color_key="meeting",
        )
        for i in range(6000)
    ]
    page = printed_page(entries, "actor", title="Huge")
    assert page.height < 7000
    assert any("did not fit on the page" in note for note in page.notes)
    drawn = sum(len(lane.items) for lane in page.layout.lanes)
    assert drawn + page.layout.items_left_out + sum(
        lane.left_out for lane in page.layout.lanes
    ) == len(entries)
    _no_overlaps(page.layout)
    # a tall page is drawn finer than 288 dpi rather than at gigabytes (here: a low cap, fast)
    monkeypatch.setattr(timeline_export, "MAX_PIXELS", 2_000_000)
    png = tmp_path / "huge.png"
    timeline_export.export_png(page, png)
    assert QImage(str(png)).width() == round(PAGE_W)  # 96 dpi: never below the page's size
