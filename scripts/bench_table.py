"""Turn `annotator bench --format json` lines into the Markdown table of docs/BENCHMARKS.md.

annotator bench --size large --repeat 3 --format json | python scripts/bench_table.py
"""

from __future__ import annotations

import json
import sys

TARGETS = {
    "cold_start": "≤ 1.5 × bare + 300 ms",
    "open_article": "≤ 50 ms",
    "tag_passage": "≤ 50 ms",
    "filter_by": "≤ 50 ms",
    "sort_by": "≤ 50 ms",
    "export_csv": "≤ 3 × floor",
    "export_json": "≤ 3 × floor",
    "import_1000": "≥ 300 per_s",
    "peak_memory": "< 400 MB",
    "quit": "≤ floor + 500 ms",
}


def target(name: str) -> str:
    return next((t for prefix, t in TARGETS.items() if name.startswith(prefix)), "")


def main() -> None:
    rows = [json.loads(line) for line in sys.stdin if line.startswith("{")]
    print("| measurement | value | unit | floor | ratio | target |")
    print("|---|---:|---|---:|---:|---|")
    for r in rows:
        floor = "" if r["floor"] is None else f"{r['floor']:,}"
        ratio = "" if r["ratio"] is None else f"{r['ratio']}"
        print(
            f"| {r['name']} | {r['value']:,} | {r['unit']} | {floor} | {ratio} | "
            f"{target(r['name'])} |"
        )


if __name__ == "__main__":
    main()
