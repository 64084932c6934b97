"""The command line: headless import, export, date finding and checks, over core and store.

Every verb is one transaction: it succeeds whole or leaves the project as it was.
User errors print one line on stderr and exit 2; anything else is a bug and says so.
"""

from __future__ import annotations

import argparse
import importlib
import sqlite3
import sys
from collections.abc import Callable, Sequence

from annotator.cli.parser import build_parser
from annotator.core.errors import AnnotatorError
from annotator.core.terminal import safe

EXIT_USAGE = 2

# verb -> (module in this package, function). Each module loads only when its verb runs,
# so `annotator dates` never pays for sqlite-utils or the importers (nor the app for them).
VERBS = {
    "init": ("edit_verbs", "cmd_init"),
    "import": ("edit_verbs", "cmd_import"),
    "import-qdpx": ("edit_verbs", "cmd_import_qdpx"),
    "load": ("edit_verbs", "cmd_load"),
    "merge": ("edit_verbs", "cmd_merge"),
    "export": ("read_verbs", "cmd_export"),
    "info": ("read_verbs", "cmd_info"),
    "diff-versions": ("read_verbs", "cmd_diff_versions"),
    "search": ("read_verbs", "cmd_search"),
    "duplicates": ("read_verbs", "cmd_duplicates"),
    "evaluate-duplicates": ("tool_verbs", "cmd_evaluate_duplicates"),
    "datasette": ("read_verbs", "cmd_datasette"),
    "dates": ("date_verbs", "cmd_dates"),
    "evaluate-dates": ("date_verbs", "cmd_evaluate_dates"),
    "evaluate-import": ("date_verbs", "cmd_evaluate_import"),
    "evaluate-suggestions": ("suggestion_verbs", "cmd_evaluate_suggestions"),
    "bench": ("tool_verbs", "cmd_bench"),
    "reliability": ("tool_verbs", "cmd_reliability"),
    "install-desktop": ("tool_verbs", "cmd_install_desktop"),
    "gui": ("gui", "cmd_gui"),
}


def verb(name: str) -> Callable[[argparse.Namespace], int]:
    module, function = VERBS[name]
    found: Callable[[argparse.Namespace], int] = getattr(
        importlib.import_module(f"annotator.cli.{module}"), function
    )
    return found


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    words = list(sys.argv[1:] if argv is None else argv)
    parser.command = next((w for w in words if not w.startswith("-")), None)
    args = parser.parse_args(words)
    try:
        return verb(args.command or "gui")(args)
    except AnnotatorError as exc:
        print(f"annotator: {safe(exc)}", file=sys.stderr)
        return EXIT_USAGE
    except sqlite3.DatabaseError as exc:
        if isinstance(exc, sqlite3.ProgrammingError) or "syntax error" in str(exc).lower():
            raise  # our SQL is wrong, never the file: a bug, to be seen as one
        # A read the verb did not expect to fail: the file (or the disk) is at fault. In
        # plain words, the damage as "it cannot be read", never SQLite's.
        from annotator.cli.arguments import project_named  # the error path only
        from annotator.store.file_checks import _check_failed

        print(f"annotator: {safe(_check_failed(project_named(args), exc))}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt as exc:
        # A verb that had already committed says so (see report.Interrupted).
        note = str(exc) or "interrupted; nothing was changed by the unfinished command"
        print(f"annotator: {note}", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except OSError as exc:  # disk full, permissions, ... on files we write
        where = exc.filename or ""
        print(safe(f"annotator: {where}: {exc.strerror or exc}"), file=sys.stderr)
        return EXIT_USAGE
