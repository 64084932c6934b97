"""The benchmark runs end to end at the seed size (its timings are printed, never asserted)."""

from __future__ import annotations

import json
import subprocess
import sys

from tests.helpers.paths import REPO, child_env


def test_bench_seed_prints_one_json_object_per_figure(tmp_path) -> None:
    env = child_env(TMPDIR=str(tmp_path), QT_QPA_PLATFORM="offscreen")
    out = subprocess.run(
        [
            sys.executable,
            "-m",
            "annotator",
            "bench",
            "--size",
            "seed",
            "--repeat",
            "1",
            "--format",
            "json",
        ],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert out.returncode == 0, out.stderr[-2000:]
    figures = [json.loads(line) for line in out.stdout.splitlines()]
    names = {f["name"] for f in figures}
    assert {
        "bare_window_start",
        "cold_start_seed",
        "tag_passage",
        "filter_by_actor",
        "sort_by_date",
        "peak_memory_open",
        "quit",
        "export_csv",
        "export_json",
        "import_1000_articles",
    } <= names
    assert any(n.startswith("open_article_") for n in names)
    for f in figures:
        assert set(f) == {"name", "value", "unit", "floor", "ratio"}
        assert f["unit"] in ("ms", "MB", "per_s") and f["value"] > 0
        if f["floor"] is not None:
            assert f["ratio"] is not None and f["floor"] > 0
