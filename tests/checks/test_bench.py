"""The benchmark runs end to end at the seed size (its timings are printed, never asserted):
every named measure is produced, with its floor where one exists, and each interactive
figure with the longest block of the event loop it met."""

from __future__ import annotations

import json
import subprocess
import sys

from tests.helpers.paths import REPO, child_env

WITH_FLOOR = {
    "cold_start_first_paint",
    "cold_start_idle",
    "open_article_most_passages",
    "switch_article",
    "search_query_enter",
    "filter_type_a_character",
    "filter_type_a_character_first",
    "table_scroll_a_page",
    "table_select_next_item",
    "export_csv_command_line",
    "export_json_command_line",
    "export_csv_peak_memory",
    "export_json_peak_memory",
    "import_1000_articles",
    "date_finder_0.25mb",
    "date_finder_0.5mb",
    "date_finder_1mb",
    "date_finder_2mb",
    "date_finder_per_doubling",  # against 2.0, linear
    "open_article_2mb_5000_passages",
}
INTERACTIVE = {
    "event_form_open",
    "actor_form_open",
    "claim_form_open",
    "new_event_enter",
    "undo_new_event",
    "redo_new_event",
    "delete_event",
    "search_focus_ctrl_f",
    "search_type_a_character",
    "filter_by_actor",
    "filter_by_date_range",
    "filter_clear",
    "filter_by_actor_first",
    "filter_by_date_range_first",
    "filter_clear_first",
    "sort_first_by_date",
    "sort_first_by_actors",
    "timeline_pan_a_page",
    "timeline_zoom_in",
    "timeline_zoom_out",
    "window_export_csv",
    "window_export_json",
}
OTHERS = {"bare_window_start", "peak_memory_day"}


def _bench_seed(tmp_path, *more: str) -> subprocess.CompletedProcess[str]:
    """``annotator bench`` at seed size, once, as JSON lines, in a TMPDIR of the test's."""
    env = child_env(TMPDIR=str(tmp_path), QT_QPA_PLATFORM="offscreen")
    args = ["bench", "--size", "seed", "--repeat", "1", "--format", "json", *more]
    return subprocess.run(
        [sys.executable, "-m", "annotator", *args],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )


def test_bench_seed_prints_every_measure_with_its_floor_and_block(tmp_path) -> None:
    out = _bench_seed(tmp_path)
    assert out.returncode == 0, out.stderr[-2000:]
    figures = {f["name"]: f for f in map(json.loads, out.stdout.splitlines())}
    assert set(figures) >= WITH_FLOOR | INTERACTIVE | OTHERS
    for f in figures.values():
        assert set(f) == {"size", "name", "value", "unit", "floor", "ratio", "block", "wait", "cpu"}
        assert f["size"] == "seed" and f["value"] >= 0
        assert f["unit"] in ("ms", "MB", "per_s", "ratio")
        if f["floor"] is not None:
            assert f["ratio"] is not None and f["floor"] > 0
    assert "quit" in figures and figures["quit"]["floor"] is not None
    for name in WITH_FLOOR:
        assert figures[name]["floor"] is not None, name
    for name in INTERACTIVE | {"open_article_most_passages", "switch_article"}:
        assert figures[name]["block"] is not None, name
    # Typing waits for a pause on purpose: named, and at most 150 ms.
    for name in ("search_type_a_character", "filter_type_a_character"):
        wait = figures[name]["wait"]
        assert wait and int(wait.split()[-2]) <= 150, wait


def test_bench_table_has_one_column_per_size(tmp_path) -> None:
    rows = [
        {"size": s, "name": "filter_clear", "value": v, "unit": "ms", "floor": None}
        | {"ratio": None, "block": 3.0, "wait": None, "cpu": 1.0}
        for s, v in (("seed", 1.0), ("large", 9.0))
    ]
    doc = tmp_path / "doc.md"
    doc.write_text("before\n<!-- bench-table -->\nold\n<!-- /bench-table -->\nafter\n")
    subprocess.run(
        [sys.executable, "scripts/bench_table.py", "--write", str(doc)],
        input="\n".join(json.dumps(r) for r in rows),
        text=True,
        cwd=REPO,
        check=True,
    )
    text = doc.read_text()
    assert "| measurement | unit | seed | large |" in text and "old" not in text
    assert "| filter_clear | ms | 1.0 | 9.0 | 1.0 |" in text and text.endswith("after\n")


def test_bench_only_names_an_interaction_and_runs_its_step_alone(tmp_path) -> None:
    out = _bench_seed(tmp_path, "--only", "filter_clear")
    assert out.returncode == 0, out.stderr[-2000:]
    names = [json.loads(line)["name"] for line in out.stdout.splitlines()]
    assert names == ["filter_clear_first", "filter_clear"]  # the first time, then kept


def test_the_steps_of_the_figures_asked_for() -> None:
    from annotator.bench.gui_measures import steps_for

    assert steps_for(["filter_by_date_range"]) == "filters"
    assert steps_for(["sort_first_by_actors", "open_article_2mb"]) == "articles,table"
    assert steps_for(["timeline_zoom_in"]) == "drawn"
    assert steps_for(["cold_start"]) == ""
