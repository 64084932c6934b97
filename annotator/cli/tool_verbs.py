"""The tool verbs: speed and memory against their floors, crash and fuzz checks, and the
desktop integration."""

from __future__ import annotations

import argparse
import sys

from annotator.bench.run import run_bench
from annotator.core.errors import InputError


def cmd_bench(args: argparse.Namespace) -> int:
    return run_bench(size=args.size, repeat=args.repeat, fmt=args.format, only=args.only)


def cmd_reliability(args: argparse.Namespace) -> int:
    try:
        from annotator.reliability import cli_outcome
        from annotator.reliability.run import run_reliability
    except ImportError as exc:  # hypothesis drives the fuzzing: a test extra, not a runtime one
        raise InputError(
            f"the reliability checks need {exc.name}",
            where="reliability",
            hint="install the test extras: pip install -e '.[test]'",
        ) from None
    if min(args.kills, args.fuzz, args.window_kills, args.cli_kills) < 0:
        raise InputError(
            "counts cannot be negative",
            where="reliability",
            hint="give --kills, --fuzz, --window-kills and --cli-kills as 0 or more",
        )
    from annotator.cli import main

    cli_outcome.use_cli(main)  # the checks run the command line in-process; it sits above them
    return run_reliability(
        kills=args.kills,
        fuzz=args.fuzz,
        fmt=args.format,
        window_kills=args.window_kills,
        cli_kills=args.cli_kills,
        special=args.special,
        seed=args.seed,
    )


def cmd_install_desktop(args: argparse.Namespace) -> int:
    from annotator.core.desktop import install_desktop

    installed = install_desktop(args.data_home)
    for path in installed.files:
        print(f"wrote {path}", file=sys.stderr)
    if not installed.refreshed:
        print(
            "update-desktop-database and update-mime-database are not installed: the menu "
            "entry and file type appear when the desktop next rescans",
            file=sys.stderr,
        )
    return 0


def cmd_evaluate_duplicates(args: argparse.Namespace) -> int:
    from annotator.bench.duplicates_eval import main

    return main([str(n) for n in args.events])
