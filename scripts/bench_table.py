"""Turn `annotator bench --format json` lines into the Markdown table of the README and
docs/BENCHMARKS.md: one row per measurement, one value column per size, the floor, ratio
and longest block of the large run (or the largest run), its CPU time, and the target.

annotator bench --size large --format json > large.jsonl   (and seed, medium, xlarge)
cat seed.jsonl medium.jsonl large.jsonl | python scripts/bench_table.py
python scripts/bench_table.py --write README.md docs/BENCHMARKS.md < all.jsonl
    replaces the text between <!-- bench-table --> and <!-- /bench-table --> in each file
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ORDER = ("seed", "medium", "large", "xlarge")
TARGETS = {
    "cold_start_first_paint": "≤ 1.5 × floor + 300 ms",
    "cold_start_idle": "block after first paint ≤ 50 ms",
    "window_export": "block ≤ 50 ms (off the event loop)",
    "open_article_2mb": "≤ 100 ms",
    "open_article": "≤ 50 ms",
    "peak_memory": "≤ 400 MB",
    "export_": "≤ 1.5 × floor",
    "import_": "≥ 300 per_s",
    "date_finder_per_doubling": "linear: 2.0 a doubling",
    "date_finder": "linear",
    "bare_": "",
    "quit": "≤ floor + 500 ms",
}
START, END = "<!-- bench-table -->", "<!-- /bench-table -->"


def target(name: str, unit: str) -> str:
    for prefix, text in TARGETS.items():
        if name.startswith(prefix) or prefix in name:
            if prefix == "export_" and unit == "MB":
                return "≤ 400 MB"
            return text
    return "≤ 50 ms idle, block ≤ 50 ms" if unit == "ms" else ""


def _num(x: float | None) -> str:
    if x is None:
        return ""
    return f"{x:,.0f}" if abs(x) >= 100 else f"{x:,.1f}"


def table(rows: list[dict]) -> str:
    sizes = [s for s in ORDER if any(r.get("size", "large") == s for r in rows)]
    by_name: dict[str, dict[str, dict]] = {}
    for r in rows:
        by_name.setdefault(r["name"], {})[r.get("size", "large")] = r
    ref = "large" if "large" in sizes else sizes[-1]
    head = " | ".join(sizes)
    lines = [
        f"| measurement | unit | {head} | CPU ({ref}) | floor ({ref}) | ratio | block ({ref}) "
        "| target |",
        "|---|---|" + "---:|" * len(sizes) + "---:|---:|---:|---:|---|",
    ]
    for name, per in by_name.items():
        any_row = next(iter(per.values()))
        at = per.get(ref, {})
        wait = next((p["wait"] for p in per.values() if p.get("wait")), None)
        label = f"{name} (after the {wait})" if wait else name
        values = " | ".join(_num(per[s]["value"]) if s in per else "" for s in sizes)
        ratio = "" if at.get("ratio") is None else f"{at['ratio']}"
        lines.append(
            f"| {label} | {any_row['unit']} | {values} | {_num(at.get('cpu'))} | "
            f"{_num(at.get('floor'))} | {ratio} | "
            f"{_num(at.get('block'))} | {target(name, any_row['unit'])} |"
        )
    return "\n".join(lines)


def write_into(path: Path, text: str) -> None:
    content = path.read_text(encoding="utf-8")
    before, rest = content.split(START, 1)
    _old, after = rest.split(END, 1)
    path.write_text(f"{before}{START}\n{text}\n{END}{after}", encoding="utf-8")


def main(argv: list[str]) -> None:
    rows = [json.loads(line) for line in sys.stdin if line.startswith("{")]
    text = table(rows)
    if argv[:1] == ["--write"]:
        for name in argv[1:]:
            write_into(Path(name), text)
    else:
        print(text)


if __name__ == "__main__":
    main(sys.argv[1:])
