"""`annotator bench`: every figure beside the floor it cannot beat, medians over repeats.

Output (``--format json``): one object a line,
``{"name", "value", "unit": "ms"|"MB"|"per_s", "floor", "ratio"}``.
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


def _median(fn: Callable[[], Figure], repeat: int) -> Figure:
    runs = [fn() for _ in range(repeat)]
    floors = [r.floor for r in runs if r.floor is not None]
    return Figure(
        runs[0].name,
        statistics.median(r.value for r in runs),
        runs[0].unit,
        statistics.median(floors) if floors else None,
    )


def run_bench(*, size: str, repeat: int, fmt: str, only: list[str] | None = None) -> int:
    path = project_for(size)
    figures: list[Figure] = []
    for name, fn in measures.registry(path, size):
        if only and not any(o in name for o in only):
            continue
        figure = _median(fn, max(1, repeat))
        figures.append(figure)
        if fmt == "json":
            print(json.dumps(figure.as_json()), flush=True)
    if fmt != "json":
        print(format_table(figures, size))
    return 0


def format_table(figures: list[Figure], size: str) -> str:
    lines = [
        f"annotator bench --size {size}",
        f"{'measurement':44} {'value':>10} {'unit':6} {'floor':>10} {'ratio':>7}",
    ]
    for f in figures:
        floor = "" if f.floor is None else f"{f.floor:.1f}"
        ratio = "" if f.ratio is None else f"{f.ratio:.2f}"
        lines.append(f"{f.name:44} {f.value:10.1f} {f.unit:6} {floor:>10} {ratio:>7}")
    return "\n".join(lines)
