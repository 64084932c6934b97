"""`annotator bench`: every figure beside the floor it cannot beat, medians over repeats.

Output (``--format json``): one object a line,
``{"size", "name", "value", "unit": "ms"|"MB"|"per_s", "floor", "ratio", "block", "wait",
"cpu"}`` (``cpu``: the process's own CPU time for it, steadier than wall time on a shared
machine).
Interactive figures are measured until the event loop is idle (``annotator.bench.idle``);
``block`` is the longest single block of the event loop meanwhile; ``wait`` names a debounce
chosen on purpose, and the value is then the time after it.
Figures are printed, never asserted: machines are shared and noisy.
"""

from __future__ import annotations

import json
import statistics
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from annotator.bench import measures
from annotator.bench.figure import Figure
from annotator.bench.synth import SIZES, build


def bench_dir() -> Path:
    path = Path(tempfile.gettempdir()) / "annotator-bench"
    path.mkdir(exist_ok=True)
    return path


def project_for(size: str) -> Path:
    """The benchmark project of this size, built once and kept (same seed, same file)."""
    path = bench_dir() / f"{size}-v2.db"
    if path.exists():
        return path
    tmp = path.with_suffix(".building")
    for leftover in (tmp, Path(f"{tmp}-wal"), Path(f"{tmp}-shm")):
        leftover.unlink(missing_ok=True)
    if size == "seed":
        from annotator.store.project import Project
        from annotator.store.project_setup import create_project
        from annotator.store.sample_annotations import annotate_seed_project

        create_project(tmp, seed=True)
        with Project.open(tmp) as project:
            annotate_seed_project(project)
    else:
        print(f"bench: building the {size} project (once)...", file=sys.stderr)
        build(tmp, SIZES[size])
    tmp.rename(path)
    return path


def _median(runs: list[Figure]) -> Figure:
    floors = [r.floor for r in runs if r.floor is not None]
    blocks = [r.block for r in runs if r.block is not None]
    cpus = [r.cpu for r in runs if r.cpu is not None]
    return Figure(
        runs[0].name,
        statistics.median(r.value for r in runs),
        runs[0].unit,
        statistics.median(floors) if floors else None,
        statistics.median(blocks) if blocks else None,
        runs[0].wait,
        statistics.median(cpus) if cpus else None,
    )


def medians(fn: Callable[[], list[Figure]], repeat: int) -> list[Figure]:
    """Run a group of measurements ``repeat`` times; each figure's median over the runs."""
    runs: dict[str, list[Figure]] = {}
    for _ in range(repeat):
        for figure in fn():
            runs.setdefault(figure.name, []).append(figure)
    return [_median(r) for r in runs.values()]


def _migrated(path: Path) -> None:
    """Open once before measuring: a schema migration (and the backup before it) is a
    one-time cost of the first open after an upgrade, not a start-up figure."""
    from annotator.store.project import Project

    Project.open(path).close()


def run_bench(*, size: str, repeat: int, fmt: str, only: list[str] | None = None) -> int:
    path = project_for(size)
    _migrated(path)
    figures: list[Figure] = []
    asked = only or []
    for name, fn, repeats_inside in measures.registry(path, size, max(1, repeat), only):
        by_figure = name == "interactions" and bool(asked) and not any(o in name for o in asked)
        if asked and not by_figure and not any(o in name for o in asked):
            continue
        for figure in medians(fn, 1 if repeats_inside else max(1, repeat)):
            if by_figure and not any(o in figure.name for o in asked):
                continue  # a step's other figures
            figures.append(figure)
            if fmt == "json":
                print(json.dumps({"size": size, **figure.as_json()}), flush=True)
    if fmt != "json":
        print(format_table(figures, size))
    return 0


def format_table(figures: list[Figure], size: str) -> str:
    lines = [
        f"annotator bench --size {size}",
        f"{'measurement':34} {'value':>10} {'unit':6} {'floor':>10} {'ratio':>7} {'block':>8}",
    ]
    for f in figures:
        floor = "" if f.floor is None else f"{f.floor:.1f}"
        ratio = "" if f.ratio is None else f"{f.ratio:.2f}"
        block = "" if f.block is None else f"{f.block:.1f}"
        wait = f"  after the {f.wait}" if f.wait else ""
        lines.append(
            f"{f.name:34} {f.value:10.1f} {f.unit:6} {floor:>10} {ratio:>7} {block:>8}{wait}"
        )
    return "\n".join(lines)
