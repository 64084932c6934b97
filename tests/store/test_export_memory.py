"""The whole-project exports hold what one chunk of items needs, not what the project has:
the peak of a project four times bigger is no higher by more than a margin. (tracemalloc
counts Python's own allocations, the same on every run: no time and no machine's memory
is measured.) Keeping every event's id, headline or sort key, as the exports once did,
adds about 7 MB here (measured: CSV 6.9 MB, JSON 6.6 MB; now 0.7 and 0.02)."""

from __future__ import annotations

import tracemalloc
from pathlib import Path

import pytest

from annotator.store import csv_fast
from annotator.store.exporting import ExportRequest, write_export
from annotator.store.project import Project
from tests.helpers.bulk_project import build_bulk_project

SMALL = 2000  # every list fills a chunk of the export's reads (1,000 items)
MARGIN = 2_000_000  # bytes: the big project's chunks are denser in relations; a kept list adds 7 MB


@pytest.fixture(scope="module")
def projects(tmp_path_factory: pytest.TempPathFactory) -> dict[int, Path]:
    folder = tmp_path_factory.mktemp("bulk")
    return {n: build_bulk_project(folder / f"p{n}.db", n) for n in (SMALL, 4 * SMALL)}


@pytest.fixture(scope="module")
def accented(tmp_path_factory: pytest.TempPathFactory) -> dict[int, Path]:
    """Headlines SQLite's own order cannot sort as the app does."""
    folder = tmp_path_factory.mktemp("accented")
    return {
        n: build_bulk_project(folder / f"p{n}.db", n, word="Événement") for n in (SMALL, 4 * SMALL)
    }


def _peak(path: Path, fmt: str) -> int:
    with Project.open(path, readonly=True) as project, open(Path("/dev/null"), "wb") as out:
        tracemalloc.start()
        try:
            base = tracemalloc.get_traced_memory()[0]
            write_export(project, ExportRequest(fmt), out)
            return tracemalloc.get_traced_memory()[1] - base
        finally:
            tracemalloc.stop()


@pytest.mark.slow
@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_an_export_of_a_project_four_times_bigger_peaks_no_higher(
    projects: dict[int, Path], fmt: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The CSV's caches of shared cells are bounded; bounded small here, so that what they
    # hold cannot hide a list of every event.
    monkeypatch.setattr(csv_fast, "CITED_KEPT", 256)
    monkeypatch.setattr(csv_fast, "CELLS_KEPT", 256)
    _peak(projects[SMALL], fmt)  # the modules an export loads, loaded before measuring
    small = _peak(projects[SMALL], fmt)
    big = _peak(projects[4 * SMALL], fmt)
    assert big - small < MARGIN, (small, big)


@pytest.mark.slow
def test_events_sorted_by_sqlite_on_the_keys_bytes_peak_no_higher(
    accented: dict[int, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(csv_fast, "CITED_KEPT", 256)
    monkeypatch.setattr(csv_fast, "CELLS_KEPT", 256)
    _peak(accented[SMALL], "json")
    small = _peak(accented[SMALL], "json")
    big = _peak(accented[4 * SMALL], "json")
    # Measured: 0.2 MB more; every event's key listed and sorted in Python added 1.1 MB.
    assert big - small < 600_000, (small, big)


@pytest.mark.slow
def test_chunked_reads_write_the_whole_documents_bytes(
    projects: dict[int, Path], accented: dict[int, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Relations and dates resolved against an event in another chunk, and cited articles
    read again once the bounded cache let them go, give the document path's bytes."""
    import io

    from annotator.core.export import json_export
    from annotator.core.export.render import render_export
    from annotator.store.chronology import build_document
    from annotator.store.json_stream import write_json

    monkeypatch.setattr(csv_fast, "CITED_KEPT", 256)
    for path in (projects[SMALL], accented[SMALL]):
        with Project.open(path, readonly=True) as project:
            fast = io.StringIO(newline="")
            csv_fast.write_events_csv(project, fast)
            whole = build_document(project, include_text=False)
            assert fast.getvalue() == render_export(whole, "csv")
            streamed = io.BytesIO()
            write_json(project, streamed)
            whole = build_document(project)
            assert streamed.getvalue() == json_export.dumps(whole).encode("utf-8")
