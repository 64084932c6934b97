"""``annotator reliability``: crash loops, fuzz targets and bad files, as figures.

Prints kills survived and edits lost (for the store writer and for the real window), fuzz
cases run, escapes (exceptions that were not the
clear error), files modified by rejected input and broken promises, as a table or JSON
lines, and returns 1 if any figure that must be 0 is not.
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path
from typing import Any

from annotator.reliability.outcome import TargetStats


def _bad_file_stats() -> TargetStats:
    """The issue's named impostors, each opened for writing and read-only."""
    from annotator.reliability.badfiles import check_named_bad_files, rich_project

    stats = TargetStats("named bad files")
    with tempfile.TemporaryDirectory(prefix="annotator-bad-") as tmp:
        good = rich_project(Path(tmp) / "good.db")
        for name, outcomes in check_named_bad_files(Path(tmp) / "bad", good).items():
            for out in outcomes:
                if out.kind == "accepted":  # an impostor must never open
                    out.broken = f"named bad files: {name} was opened"
                stats.add(out)
    return stats


def collect(kills: int, fuzz: int, *, seed: int | None = None,
            window_kills: int = 0) -> dict[str, Any]:
    from annotator.reliability.crash import run_crash
    from annotator.reliability.fuzz import run_fuzz
    from annotator.reliability.window_crash import run_window_crash

    crash = run_crash(kills) if kills > 0 else None
    window = run_window_crash(window_kills) if window_kills > 0 else None
    targets = [*run_fuzz(fuzz, seed=seed), _bad_file_stats()] if fuzz > 0 else []
    escapes = [e for t in targets for e in t.escapes]
    modified = [m for t in targets for m in t.modified]
    broken = [b for t in targets for b in t.broken]
    return {
        "kills": crash.kills if crash else 0,
        "kills survived": crash.survived if crash else 0,
        "edits lost": crash.edits_lost if crash else 0,
        "edits checked": crash.edits_done if crash else 0,
        "window kills": window.kills if window else 0,
        "window kills survived": window.survived if window else 0,
        "window edits acknowledged": window.edits_acknowledged if window else 0,
        "window edits lost": window.edits_lost if window else 0,
        "window actions": window.actions if window else 0,
        "window in-flight edits committed": window.in_flight_committed if window else 0,
        "window actions left in a transaction": window.left_in_transaction if window else 0,
        "fuzz cases run": sum(t.cases for t in targets),
        "escapes": len(escapes),
        "files modified by rejected input": len(modified),
        "broken promises": len(broken),
        "targets": targets,
        "crash failures": crash.failures if crash else [],
        "window actions by kind": window.by_action if window else {},
        "window failures": [f"window: {f}" for f in (window.failures if window else [])],
        "samples": _distinct(escapes, 8) + _distinct(modified, 4) + _distinct(broken, 4),
    }


def _distinct(messages: list[str], limit: int) -> list[str]:
    """One example per kind of problem (same type and place), with how often it came."""
    kinds: dict[str, list[str]] = {}
    for m in messages:
        kinds.setdefault(m.split(":")[0][:60], []).append(m)
    return [f"{len(ms)}x {ms[0][:220]}" for ms in kinds.values()][:limit]


MUST_BE_ZERO = ("edits lost", "escapes", "files modified by rejected input", "broken promises",
                "window edits lost")


def failed(figures: dict[str, Any]) -> bool:
    return (any(figures[k] for k in MUST_BE_ZERO)
            or figures["kills survived"] != figures["kills"]
            or figures["window kills survived"] != figures["window kills"])


def format_table(figures: dict[str, Any]) -> str:
    lines = [f"{'figure':34} {'value':>10}  must be",
             f"{'kills survived':34} {figures['kills survived']:>5}/{figures['kills']:<4}  all",
             f"{'edits lost':34} {figures['edits lost']:>10}  0"
             f"   (of {figures['edits checked']} logged)",
             f"{'window kills survived':34} {figures['window kills survived']:>5}/"
             f"{figures['window kills']:<4}  all",
             f"{'window edits lost':34} {figures['window edits lost']:>10}  0"
             f"   (of {figures['window edits acknowledged']} acknowledged)",
             f"{'window edits acknowledged':34} {figures['window edits acknowledged']:>10}"
             f"     (in {figures['window actions']} actions; "
             f"{figures['window in-flight edits committed']} in flight found committed; "
             f"{figures['window actions left in a transaction']} left the app's connection "
             "in a transaction)",
             f"{'fuzz cases run':34} {figures['fuzz cases run']:>10}"]
    if figures["window actions by kind"]:
        lines.append("  window actions (done/changed something): " + ", ".join(
            f"{k} {d}/{e}" for k, (d, e) in sorted(figures["window actions by kind"].items())))
    lines += [f"{k:34} {figures[k]:>10}  0" for k in MUST_BE_ZERO[1:-1]]
    lines.append("")
    lines.append(f"{'target':22} {'cases':>7} {'accepted':>9} {'rejected':>9} {'escapes':>8} "
                 f"{'modified':>9} {'broken':>7}")
    for t in figures["targets"]:
        if t.skipped:
            lines.append(f"{t.name:22} skipped ({t.skipped})")
            continue
        lines.append(f"{t.name:22} {t.cases:>7} {t.accepted:>9} {t.rejected:>9} "
                     f"{len(t.escapes):>8} {len(t.modified):>9} {len(t.broken):>7}")
    problems = figures["crash failures"][:5] + figures["window failures"][:5] + figures["samples"]
    if problems:
        lines.append("")
        lines += [f"! {p}" for p in problems]
    lines.append("")
    lines.append("FAILED: a figure that must be 0 is not" if failed(figures) else "ok")
    return "\n".join(lines)


WINDOW_FIGURES = ("window kills", "window kills survived", "window edits acknowledged",
                  "window edits lost", "window actions", "window in-flight edits committed",
                  "window actions left in a transaction")


def format_json(figures: dict[str, Any]) -> str:
    rows = [{"figure": k, "value": figures[k]} for k in (
        "kills", "kills survived", "edits lost", "edits checked", *WINDOW_FIGURES,
        "fuzz cases run", *MUST_BE_ZERO[1:-1])]
    rows += [{"window action": k, "done": d, "changed": e}
             for k, (d, e) in sorted(figures["window actions by kind"].items())]
    rows += [{"target": t.name, "cases": t.cases, "accepted": t.accepted,
              "rejected": t.rejected, "escapes": len(t.escapes), "modified": len(t.modified),
              "broken": len(t.broken), "skipped": t.skipped or None}
             for t in figures["targets"]]
    rows += [{"problem": p} for p in
             figures["crash failures"] + figures["window failures"] + figures["samples"]]
    rows.append({"ok": not failed(figures)})
    return "\n".join(json.dumps(r, ensure_ascii=False) for r in rows)


def run_reliability(kills: int, fuzz: int, fmt: str, *, seed: int | None = None,
                    window_kills: int = 0) -> int:
    """Run the checks and print their figures; 1 if any must-be-zero figure is not 0."""
    figures = collect(kills, fuzz, seed=seed, window_kills=window_kills)
    text = format_json(figures) if fmt == "json" else format_table(figures)
    sys.stdout.write(text + "\n")
    sys.stdout.flush()
    return 1 if failed(figures) else 0
