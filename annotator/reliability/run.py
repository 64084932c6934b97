"""``annotator reliability``: crash loops, fuzz targets and bad files, as figures.

Prints kills survived and edits lost (for the store writer, the real window and the command
line's writing verbs), fuzz cases run with the JSON loader's field coverage, escapes (what
the user saw that was not the clear error), files modified by rejected input and broken
promises (a file that fails its checks after a case counts), as a table or JSON lines, with
one example of every kind of escape, and returns 1 if any figure that must be 0 is not.
The seed is printed, so a run's figures can be reproduced with ``--seed``.
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
    from annotator.reliability.badfiles import (
        check_named_bad_files,
        named_bad_files,
        rich_project,
    )
    from annotator.reliability.cli_outcome import run_forked, verdict

    stats = TargetStats("named bad files")
    with tempfile.TemporaryDirectory(prefix="annotator-bad-") as tmp:
        good = rich_project(Path(tmp) / "good.db")
        for name, outcomes in check_named_bad_files(Path(tmp) / "bad", good).items():
            for out in outcomes:
                if out.kind == "accepted":  # an impostor must never open
                    out.broken = f"named bad files: {name} was opened"
                stats.add(out)
        # and what the command line says about each: one clear line, never a traceback
        for name, path in named_bad_files(Path(tmp) / "bad-cli", good).items():
            info = verdict(run_forked(["info", str(path)]), stdout_is_terminal=False)
            if info.kind == "escape":
                info.detail = f"named bad files: {name}: {info.detail}"
            stats.add(info)
    return stats


def _special_stats() -> list[TargetStats]:
    from annotator.reliability.special import run_special

    with tempfile.TemporaryDirectory(prefix="annotator-special-good-") as tmp:
        from annotator.reliability.badfiles import rich_project

        return run_special(rich_project(Path(tmp) / "good.db"))


def _coverage(targets: list[TargetStats]) -> dict[str, Any]:
    notes = next((t.notes for t in targets if t.name == "JSON loader" and t.notes), None)
    if not notes:
        return {
            "JSON fields touched": "-",
            "JSON cases that passed the schema": "-",
            "JSON cases that reached the loader": "-",
        }
    return {
        "JSON fields touched": f"{notes['fields touched']}/{notes['fields']}",
        "JSON cases that passed the schema": notes["passed the schema"],
        "JSON cases that reached the loader": notes["reached the loader"],
        "JSON cases with \\udXXX escapes": notes["with \\udXXX escapes"],
    }


def collect(
    kills: int,
    fuzz: int,
    *,
    seed: int | None = None,
    window_kills: int = 0,
    cli_kills: int = 0,
    special: bool = False,
) -> dict[str, Any]:
    import random

    from annotator.reliability.cli_crash import run_cli_crash
    from annotator.reliability.crash import run_crash
    from annotator.reliability.fuzz import run_fuzz
    from annotator.reliability.window_crash import run_window_crash

    seed = random.randrange(2**31) if seed is None else seed  # printed: a run can be redone
    crash = run_crash(kills, seed=seed) if kills > 0 else None
    window = run_window_crash(window_kills) if window_kills > 0 else None
    cli = run_cli_crash(cli_kills, seed=seed) if cli_kills > 0 else None
    targets = [*run_fuzz(fuzz, seed=seed), _bad_file_stats()] if fuzz > 0 else []
    if special:
        targets += _special_stats()
    escapes = [e for t in targets for e in t.escapes]
    modified = [m for t in targets for m in t.modified]
    broken = [b for t in targets for b in t.broken]
    return {
        "seed": seed,
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
        "cli kills": cli.kills if cli else 0,
        "cli kills survived": cli.survived if cli else 0,
        "cli kills not atomic": cli.not_atomic if cli else 0,
        "cli kills leaving temp files": cli.temp_files_left if cli else 0,
        "cli kills all/none applied": (
            f"{cli.all_applied}/{cli.none_applied} ({cli.finished_first} had finished)"
        )
        if cli
        else "-",
        "cli kills by verb": cli.by_verb if cli else {},
        "cli failures": cli.failures if cli else [],
        "fuzz cases run": sum(t.cases for t in targets),
        **_coverage(targets),
        "escapes": len(escapes),
        "files modified by rejected input": len(modified),
        "broken promises": len(broken),
        "targets": targets,
        "crash failures": crash.failures if crash else [],
        "window actions by kind": window.by_action if window else {},
        "window failures": [f"window: {f}" for f in (window.failures if window else [])],
        # every kind of escape, with one reproducer each: the point of the run
        "samples": _distinct(escapes, 60) + _distinct(modified, 10) + _distinct(broken, 20),
    }


def _distinct(messages: list[str], limit: int) -> list[str]:
    """One example per kind of problem (same type and place), with how often it came."""
    kinds: dict[str, list[str]] = {}
    for m in messages:
        kinds.setdefault(m.split(":")[0][:60], []).append(m)
    return [f"{len(ms)}x {ms[0][:300]}" for ms in kinds.values()][:limit]


MUST_BE_ZERO = (
    "edits lost",
    "escapes",
    "files modified by rejected input",
    "broken promises",
    "window edits lost",
)


CLI_MUST_BE_ZERO = ("cli kills not atomic", "cli kills leaving temp files")
COVERAGE = (
    "JSON fields touched",
    "JSON cases that passed the schema",
    "JSON cases that reached the loader",
    "JSON cases with \\udXXX escapes",
)


def failed(figures: dict[str, Any]) -> bool:
    return (
        any(figures[k] for k in MUST_BE_ZERO + CLI_MUST_BE_ZERO)
        or figures["kills survived"] != figures["kills"]
        or figures["window kills survived"] != figures["window kills"]
        or figures["cli kills survived"] != figures["cli kills"]
    )


def format_table(figures: dict[str, Any]) -> str:
    lines = [
        f"{'figure':34} {'value':>10}  must be",
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
        f"{'cli kills survived':34} {figures['cli kills survived']:>5}/"
        f"{figures['cli kills']:<4}  all   (all/none applied: "
        f"{figures['cli kills all/none applied']})",
        *[f"{k:34} {figures[k]:>10}  0" for k in CLI_MUST_BE_ZERO],
        f"{'fuzz cases run':34} {figures['fuzz cases run']:>10}     (seed {figures['seed']})",
        *[f"{k:34} {figures.get(k, '-'):>10}" for k in COVERAGE],
    ]
    if figures["window actions by kind"]:
        lines.append(
            "  window actions (done/changed something): "
            + ", ".join(
                f"{k} {d}/{e}" for k, (d, e) in sorted(figures["window actions by kind"].items())
            )
        )
    lines += [f"{k:34} {figures[k]:>10}  0" for k in MUST_BE_ZERO[1:-1]]
    lines.append("")
    if figures["cli kills by verb"]:
        lines.append(
            "  cli kills (killed/survived): "
            + ", ".join(f"{k} {n}/{ok}" for k, (n, ok) in figures["cli kills by verb"].items())
        )
    lines.append(
        f"{'target':22} {'cases':>7} {'accepted':>9} {'rejected':>9} {'escapes':>8} "
        f"{'modified':>9} {'broken':>7}"
    )
    for t in figures["targets"]:
        if t.skipped:
            lines.append(f"{t.name:22} skipped ({t.skipped})")
            continue
        lines.append(
            f"{t.name:22} {t.cases:>7} {t.accepted:>9} {t.rejected:>9} "
            f"{len(t.escapes):>8} {len(t.modified):>9} {len(t.broken):>7}"
        )
    problems = (
        figures["crash failures"][:5]
        + figures["window failures"][:5]
        + figures["cli failures"][:10]
        + figures["samples"]
    )
    if problems:
        lines.append("")
        lines += [f"! {p}" for p in problems]
    lines.append("")
    lines.append("FAILED: a figure that must be 0 is not" if failed(figures) else "ok")
    return "\n".join(lines)


WINDOW_FIGURES = (
    "window kills",
    "window kills survived",
    "window edits acknowledged",
    "window edits lost",
    "window actions",
    "window in-flight edits committed",
    "window actions left in a transaction",
)


CLI_FIGURES = ("cli kills", "cli kills survived", *CLI_MUST_BE_ZERO, "cli kills all/none applied")


def format_json(figures: dict[str, Any]) -> str:
    rows = [
        {"figure": k, "value": figures.get(k)}
        for k in (
            "seed",
            "kills",
            "kills survived",
            "edits lost",
            "edits checked",
            *WINDOW_FIGURES,
            *CLI_FIGURES,
            "fuzz cases run",
            *COVERAGE,
            *MUST_BE_ZERO[1:-1],
        )
    ]
    rows += [
        {"window action": k, "done": d, "changed": e}
        for k, (d, e) in sorted(figures["window actions by kind"].items())
    ]
    rows += [
        {
            "target": t.name,
            "cases": t.cases,
            "accepted": t.accepted,
            "rejected": t.rejected,
            "escapes": len(t.escapes),
            "modified": len(t.modified),
            "broken": len(t.broken),
            "skipped": t.skipped or None,
        }
        for t in figures["targets"]
    ]
    rows += [
        {"problem": p}
        for p in figures["crash failures"]
        + figures["window failures"]
        + figures["cli failures"]
        + figures["samples"]
    ]
    rows.append({"ok": not failed(figures)})
    return "\n".join(json.dumps(r, ensure_ascii=False) for r in rows)


def run_reliability(
    kills: int,
    fuzz: int,
    fmt: str,
    *,
    seed: int | None = None,
    window_kills: int = 0,
    cli_kills: int = 0,
    special: bool = False,
) -> int:
    """Run the checks and print their figures; 1 if any must-be-zero figure is not 0."""
    figures = collect(
        kills, fuzz, seed=seed, window_kills=window_kills, cli_kills=cli_kills, special=special
    )
    text = format_json(figures) if fmt == "json" else format_table(figures)
    sys.stdout.write(text + "\n")
    sys.stdout.flush()
    return 1 if failed(figures) else 0
