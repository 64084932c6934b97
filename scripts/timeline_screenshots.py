"""Screenshots of the timeline widget from hand-made, seed-like entries (no project needed).

    QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/timeline_screenshots.py [--dark]

Writes docs/img/timeline-by-actor.png, timeline-by-type.png, timeline-large-clusters.png
(and *-dark.png with --dark). Also prints the paint time of a 10,000-entry view.
"""

from __future__ import annotations

import random
import sys
import time
from datetime import datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

from annotator.ui.timeline import TimelineEntry, TimelineView
from annotator.ui.timeline.layout import to_days

OUT = Path(__file__).resolve().parent.parent / "docs" / "img"


def day(text: str, end: str | None = None, **kw) -> dict:
    start = datetime.fromisoformat(text)
    last = datetime.fromisoformat(end) if end else start
    return {"earliest": start, "latest": last.replace(hour=23, minute=59, second=59), **kw}


def event(i, label, when, actors=(), type_="", tags=(), article="", seq=0) -> TimelineEntry:
    return TimelineEntry(
        id=i,
        kind="event",
        label=label,
        lanes={
            "actor": tuple(actors),
            "type": (type_,) if type_ else (),
            "tag": tuple(tags),
            "article": (article,) if article else (),
        },
        day_seq=seq,
        color_key=type_,
        **when,
    )


def claim(i, label, when, claimant, about, article="") -> TimelineEntry:
    return TimelineEntry(
        id=i,
        kind="claim",
        label=label,
        about_event_id=about,
        lanes={"actor": (claimant,), "type": ("claim",), "article": (article,) if article else ()},
        color_key="claim",
        **when,
    )


def seed_entries() -> list[TimelineEntry]:
    r, a, p = "Reuters: Europe scrambles", "AP: Oval Office", "Le Monde: Macron"
    return [
        event(
            "e1",
            "Oval Office clash",
            day("2025-02-28", precision="day"),
            ("Trump", "Zelensky", "Vance"),
            "meeting",
            ("Ukraine",),
            a,
        ),
        event(
            "e2",
            "London summit on Ukraine",
            day("2025-03-02", precision="day"),
            ("Starmer", "Zelensky", "Macron"),
            "summit",
            ("Ukraine", "defence"),
            r,
        ),
        event(
            "e3",
            "US pauses military aid",
            day("2025-03-03", precision="day", approximate=True),
            ("Trump",),
            "decision",
            ("Ukraine",),
            r,
        ),
        event(
            "e4",
            "ReArm Europe plan",
            day("2025-03-04", precision="day"),
            ("von der Leyen",),
            "announcement",
            ("defence",),
            r,
            seq=1,
        ),
        event(
            "e5",
            "Zelensky letter to Trump",
            day("2025-03-04", precision="day"),
            ("Zelensky", "Trump"),
            "statement",
            ("Ukraine",),
            a,
            seq=2,
        ),
        event(
            "e6",
            "Macron televised address",
            day("2025-03-05", precision="day"),
            ("Macron",),
            "statement",
            ("defence", "nuclear"),
            p,
        ),
        event(
            "e7",
            "EU special summit",
            day("2025-03-06", precision="day"),
            ("von der Leyen", "Macron", "Zelensky"),
            "summit",
            ("defence",),
            r,
        ),
        event(
            "e8",
            "Paris meeting of army chiefs",
            day("2025-03-11", precision="day"),
            ("Macron",),
            "meeting",
            ("defence",),
            p,
        ),
        event(
            "e9",
            "Jeddah talks",
            day("2025-03-11", precision="day", uncertain=True),
            ("Rubio", "Zelensky"),
            "meeting",
            ("Ukraine",),
            a,
            seq=2,
        ),
        event(
            "e10",
            "Defence budgets reviewed",
            day("2025-03-01", "2025-03-31", precision="month"),
            ("von der Leyen",),
            "process",
            ("defence",),
            r,
        ),
        event(
            "e11",
            "Intelligence sharing suspended",
            day("2025-03-03", "2025-03-09", precision="week"),
            ("Trump",),
            "decision",
            ("Ukraine",),
            r,
        ),
        event(
            "e12",
            "Coalition of the willing forms",
            day("2025-03-01", "2025-03-10", precision="part_of_month", approximate=True),
            ("Starmer", "Macron"),
            "process",
            ("defence",),
            p,
        ),
        event(
            "e13",
            "Brussels defence talks",
            day("2025-03-04", "2025-03-06", precision="range"),
            ("von der Leyen", "Starmer"),
            "meeting",
            ("defence",),
            r,
            seq=3,
        ),
        event(
            "e14",
            "Ceasefire proposal",
            day("2025-03-11", precision="day"),
            ("Rubio",),
            "announcement",
            ("Ukraine",),
            a,
            seq=3,
        ),
        event(
            "e15", "Minerals deal talk resumes", day("2025-03-13", precision="day"), (), "", (), a
        ),
        claim(
            "c1",
            "Trump: “gambling with World War Three”",
            day("2025-02-28", precision="day"),
            "Trump",
            "e1",
            a,
        ),
        claim(
            "c2",
            "Macron: “Russia is a threat to Europe”",
            day("2025-03-05", precision="day"),
            "Macron",
            "e6",
            p,
        ),
        claim(
            "c3",
            "Rubio: “the ball is in Russia’s court”",
            day("2025-03-12", precision="day"),
            "Rubio",
            "e14",
            a,
        ),
    ]


def large_entries(n: int = 10_000, seed: int = 7) -> list[TimelineEntry]:
    """A long synthetic chronology: some crises (dense bursts), a few busy actors."""
    rng = random.Random(seed)
    actors = [f"Actor {c}" for c in "ABCDEFGHIJKL"]
    weights = [1 / (k + 1) ** 1.3 for k in range(len(actors))]
    types = ["meeting", "statement", "decision", "summit", "strike", "vote"]
    start = datetime(2022, 2, 24)
    bursts = [rng.uniform(0, 1100) for _ in range(8)]
    out = []
    for i in range(n):
        if rng.random() < 0.4:
            offset = rng.gauss(rng.choice(bursts), 12)
        else:
            offset = rng.triangular(0, 1100, 300)
        d = start + timedelta(days=int(min(1100, max(0, offset))))
        prec = rng.choices(["day", "month", "week", "range"], [85, 5, 5, 5])[0]
        last = d + timedelta(days={"day": 0, "month": 29, "week": 6, "range": 3}[prec])
        names = rng.choices(actors, weights, k=rng.choice([1, 1, 2, 3]))
        out.append(
            TimelineEntry(
                id=f"x{i}",
                kind="claim" if i % 10 == 0 else "event",
                label=f"Synthetic item {i}",
                earliest=d,
                latest=last,
                precision=prec,
                approximate=i % 17 == 0,
                uncertain=i % 23 == 0,
                day_seq=i % 5,
                color_key=types[i % 6],
                lanes={"actor": tuple(dict.fromkeys(names)), "type": (types[i % 6],)},
            )
        )
    return out


def dark_palette() -> QPalette:
    pal = QPalette()
    roles = {
        QPalette.ColorRole.Window: "#2b2b2b",
        QPalette.ColorRole.WindowText: "#e6e6e6",
        QPalette.ColorRole.Base: "#1f1f1f",
        QPalette.ColorRole.AlternateBase: "#262626",
        QPalette.ColorRole.Text: "#e6e6e6",
        QPalette.ColorRole.Button: "#3a3a3a",
        QPalette.ColorRole.ButtonText: "#e6e6e6",
        QPalette.ColorRole.Mid: "#6a6a6a",
        QPalette.ColorRole.Highlight: "#3d8ee6",
        QPalette.ColorRole.HighlightedText: "#ffffff",
        QPalette.ColorRole.PlaceholderText: "#9a9a9a",
    }
    for role, color in roles.items():
        pal.setColor(role, QColor(color))
    return pal


def measure(view: TimelineView) -> None:
    """Paint times of the 10,000-entry view (a measurement, printed, not a test)."""
    canvas = view.canvas

    def frame() -> tuple[float, float]:
        """Wall-clock and CPU milliseconds of one synchronous repaint (CPU time is the
        figure to trust on a busy machine)."""
        t0, c0 = time.perf_counter(), time.process_time()
        canvas.repaint()
        return (time.perf_counter() - t0) * 1000, (time.process_time() - c0) * 1000

    def report(label: str, times: list[tuple[float, float]]) -> None:
        wall = sorted(t for t, _ in times)
        cpu = sorted(c for _, c in times)
        mid = len(times) // 2
        print(
            f"10,000 entries, {label}: median {wall[mid]:.1f} ms wall / {cpu[mid]:.1f} ms CPU,"
            f" max {wall[-1]:.1f} / {cpu[-1]:.1f} ms over {len(times)} frames"
        )

    view.fit_all()
    frame()
    report("fit all (clusters), repaint", [frame() for _ in range(15)])
    pans = []
    for _ in range(20):
        canvas.pan_px(-40)
        pans.append(frame())
    report("pan by 40 px a frame", pans)
    zooms = []
    for _ in range(12):  # through about 5 buckets: each new bucket builds its layout once
        t0, c0 = time.perf_counter(), time.process_time()
        canvas.zoom_by(1.35)  # builds the layout when the zoom enters a new bucket
        frame()
        zooms.append(((time.perf_counter() - t0) * 1000, (time.process_time() - c0) * 1000))
    report("zoom in by 1.35 a frame, layouts built on the way", zooms)
    canvas.zoom_by(10 / canvas.px_per_day)
    canvas.center_on(to_days(datetime(2023, 6, 1)))
    frame()
    items = sum(len(h.placement.ids) for h in canvas._painter.hits)
    report(
        f"10 px/day, {len(canvas._painter.hits)} drawn ({items} entries), repaint",
        [frame() for _ in range(15)],
    )
    pans = []
    for _ in range(20):
        canvas.pan_px(60)
        pans.append(frame())
    report("10 px/day, pan by 60 px a frame", pans)
    t0, c0 = time.perf_counter(), time.process_time()
    canvas.cache.reset()
    canvas.layout_now()
    print(
        f"10,000 entries, one bucket layout from scratch (spans, lanes, clusters, rows): "
        f"{(time.perf_counter() - t0) * 1000:.0f} ms wall / "
        f"{(time.process_time() - c0) * 1000:.0f} ms CPU"
    )


def real_seed_entries() -> list[TimelineEntry]:
    """The README's seed chronology: the shipped articles with the worked example on them."""
    import tempfile

    from annotator.store.project import Project
    from annotator.store.project_setup import create_project
    from annotator.store.sample_annotations import annotate_seed_project
    from annotator.ui.timeline.feed import entries_from_project

    path = Path(tempfile.mkdtemp()) / "seed.db"
    create_project(path, seed=True)
    with Project.open(path) as project:
        annotate_seed_project(project)
        return entries_from_project(project)


def main() -> None:
    app = QApplication.instance() or QApplication(sys.argv)
    dark = "--dark" in sys.argv
    if dark:
        app.setPalette(dark_palette())
    suffix = "-dark" if dark else ""
    OUT.mkdir(parents=True, exist_ok=True)
    view = TimelineView()
    view.resize(1400, 860)
    view.show()
    entries = real_seed_entries()
    view.set_entries(entries)
    view.fit_all()
    view.set_selected_ids({entries[0].id})
    app.processEvents()
    view.grab().save(str(OUT / f"timeline-by-actor{suffix}.png"))
    view.set_lane_mode("type")
    view.fit_all()
    app.processEvents()
    view.grab().save(str(OUT / f"timeline-by-type{suffix}.png"))

    big = TimelineView()
    big.resize(1400, 700)
    big.show()
    big.set_entries(large_entries())
    big.fit_all()
    app.processEvents()
    big.grab().save(str(OUT / f"timeline-large-clusters{suffix}.png"))
    measure(big)
    print("wrote", *sorted(p.name for p in OUT.glob("timeline-*.png")))


if __name__ == "__main__":
    main()
