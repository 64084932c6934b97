"""The command line: headless import, export, date finding and checks, over core and store.

Every verb is one transaction: it succeeds whole or leaves the project as it was.
User errors print one line on stderr and exit 2; anything else is a bug and says so.
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import NoReturn

from annotator import __version__
from annotator.core.errors import AnnotatorError
from annotator.core.terminal import safe

EXIT_USAGE = 2


def default_project_path() -> Path:
    """ANNOTATOR_PROJECT moves it (tests do); otherwise the per-user data folder."""
    env = os.environ.get("ANNOTATOR_PROJECT")
    if env:
        return Path(env).expanduser()
    import platformdirs

    return platformdirs.user_data_path("timeline-annotator", appauthor=False) / "default.db"


def ensure_default_project(path: Path) -> Path:
    """First use: create the default project with the seed articles."""
    if not path.exists():
        from annotator.commands import create_project

        path.parent.mkdir(parents=True, exist_ok=True)
        create_project(path, seed=True)
    return path


def _add_filters(p: argparse.ArgumentParser) -> None:
    g = p.add_argument_group("filters")
    g.add_argument("--actor", action="append", help="only items with this actor (repeatable)")
    g.add_argument("--tag", action="append", help="only items with this tag (repeatable)")
    g.add_argument("--type", action="append", dest="types", help="only events of this type")
    g.add_argument(
        "--article", action="append", help="only items cited from this article (id or title)"
    )
    g.add_argument("--from", dest="date_from", help="earliest date (e.g. 2025-03-01)")
    g.add_argument("--to", dest="date_to", help="latest date (e.g. 2025-03-31)")


EXPORT_FORMATS = ("csv", "json", "timelinejs", "webannotation", "markdown", "html")


_MINUS_HINT = (
    "to search for a word that starts with '-', put -- before it: annotator search PROJECT -- -word"
)


class _Parser(argparse.ArgumentParser):
    """argparse reads '-Macron' as an option: say how to search for it instead."""

    command: str | None = None

    def error(self, message: str) -> NoReturn:
        searching = self.prog.split()[1:2] == ["search"] or self.command == "search"
        if searching and ("query" in message or "unrecognized arguments: -" in message):
            message = f"{message}; {_MINUS_HINT}"
        super().error(message)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="annotator",
        description="Timeline Annotator: build cited, dated chronologies from articles. "
        "Without a command, opens the app on the default project.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument(
        "--project",
        type=Path,
        help="project file to use (default: $ANNOTATOR_PROJECT or the "
        "per-user default project, created with the sample articles)",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("init", help="create a project file")
    p.add_argument("path", type=Path, metavar="PROJECT")
    p.add_argument("--seed", action="store_true", help="import the shipped sample articles")

    p = sub.add_parser(
        "import",
        help="import article files (.txt, .md, .html)",
        description="annotator import PROJECT FILE... (or --project P FILE...)",
    )
    p.add_argument("paths", nargs="+", metavar="PROJECT FILE")
    for flag in ("title", "outlet", "author", "published", "url"):
        p.add_argument(f"--{flag}", help=f"the article's {flag} (overrides the file's own)")

    p = sub.add_parser("export", help="write the chronology (standard output without -o)")
    p.add_argument("path", type=Path, nargs="?", metavar="PROJECT")
    p.add_argument("--format", choices=EXPORT_FORMATS, default="json")
    p.add_argument(
        "--what",
        choices=("events", "claims", "actors"),
        default="events",
        help="CSV only: which rows",
    )
    p.add_argument(
        "--group-by",
        choices=("type", "actor", "article", "none"),
        default="type",
        help="TimelineJS only: the lane of each event",
    )
    p.add_argument("-o", "--output", type=Path, help="file to write (- for standard output)")
    _add_filters(p)

    p = sub.add_parser("load", help="bring an exported chronology (JSON) into a project")
    p.add_argument("path", type=Path, metavar="PROJECT")
    p.add_argument("file", type=Path, metavar="FILE.json")

    p = sub.add_parser("merge", help="merge another analyst's project or JSON export")
    p.add_argument("path", type=Path, metavar="PROJECT")
    p.add_argument("other", type=Path, metavar="OTHER.db|OTHER.json")

    p = sub.add_parser("info", help="counts, schema version and orphaned passages")
    p.add_argument("path", type=Path, nargs="?", metavar="PROJECT")

    p = sub.add_parser("datasette", help="write Datasette metadata for browsing the project")
    p.add_argument("path", type=Path, metavar="PROJECT")
    p.add_argument("-o", "--output", type=Path, help="file to write (default: standard output)")

    p = sub.add_parser("search", help="full-text search over articles and items")
    p.add_argument("path", type=Path, metavar="PROJECT")
    p.add_argument("query")

    p = sub.add_parser("dates", help="find date phrases in a text file")
    p.add_argument("file", type=Path)
    p.add_argument("--published", help="publication date to resolve against (YYYY-MM-DD)")
    p.add_argument("--format", choices=("json", "text"), default="json")

    p = sub.add_parser("evaluate-dates", help="score the date finder on MEANTIME (TempEval-3)")
    p.add_argument("corpus", type=Path, nargs="?", help="MEANTIME folder")

    p = sub.add_parser("bench", help="measure speed and memory against their floors")
    p.add_argument("--size", choices=("seed", "medium", "large"), default="seed")
    p.add_argument("--repeat", type=int, default=3)
    p.add_argument("--format", choices=("json", "table"), default="table")
    p.add_argument("--only", action="append", help="run only measurements with this name")

    p = sub.add_parser("reliability", help="crash, fuzz and bad-input checks with figures")
    p.add_argument("--kills", type=int, default=20)
    p.add_argument("--fuzz", type=int, default=200, help="cases per fuzz target")
    p.add_argument(
        "--window-kills",
        type=int,
        default=5,
        metavar="N",
        help="kill the real main window (offscreen) N times mid-edit",
    )
    p.add_argument(
        "--cli-kills",
        type=int,
        default=0,
        metavar="N",
        help="SIGKILL the command line's writing verbs (import, load, merge, init) N times",
    )
    p.add_argument(
        "--special",
        action="store_true",
        help="also feed special files (/dev/zero, a FIFO...) and run two commands at once",
    )
    p.add_argument(
        "--seed",
        type=int,
        help="seed for the fuzzing and the kills (printed with the figures; default: a random one)",
    )
    p.add_argument("--format", choices=("json", "table"), default="table")

    p = sub.add_parser("gui", help="open the app (the default without a command)")
    p.add_argument("path", type=Path, nargs="?", metavar="PROJECT")
    return parser


def _commands() -> dict[str, Callable[[argparse.Namespace], int]]:
    from annotator import commands

    return {
        "init": commands.cmd_init,
        "import": commands.cmd_import,
        "export": commands.cmd_export,
        "load": commands.cmd_load,
        "merge": commands.cmd_merge,
        "info": commands.cmd_info,
        "search": commands.cmd_search,
        "datasette": commands.cmd_datasette,
        "dates": commands.cmd_dates,
        "evaluate-dates": commands.cmd_evaluate_dates,
        "bench": commands.cmd_bench,
        "reliability": commands.cmd_reliability,
    }


def check_display(env: dict[str, str] | os._Environ[str] = os.environ) -> None:
    """Without a display Qt aborts the process; say what is missing before importing it."""
    if not sys.platform.startswith("linux") or env.get("QT_QPA_PLATFORM"):
        return
    if env.get("DISPLAY") or env.get("WAYLAND_DISPLAY"):
        return
    raise AnnotatorError(
        "no display to open the app on (neither DISPLAY nor WAYLAND_DISPLAY is set)",
        where="gui",
        hint="run it in a desktop session, or headless with "
        "QT_QPA_PLATFORM=offscreen or 'xvfb-run annotator'",
    )


def launch_gui(project: Path | None) -> int:
    check_display()
    path = ensure_default_project(project or default_project_path())
    from annotator.ui.app import run_app

    return run_app(path)


def _project_named(args: argparse.Namespace) -> Path:
    """The project file a verb was given (import takes it as its first path)."""
    named = getattr(args, "path", None) or args.project
    if named is None and getattr(args, "paths", None):
        named = args.paths[0]
    return Path(named) if named is not None else default_project_path()


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    words = list(sys.argv[1:] if argv is None else argv)
    parser.command = next((w for w in words if not w.startswith("-")), None)
    args = parser.parse_args(words)
    try:
        if args.command in (None, "gui"):
            return launch_gui(getattr(args, "path", None) or args.project)
        return _commands()[args.command](args)
    except AnnotatorError as exc:
        print(f"annotator: {safe(exc)}", file=sys.stderr)
        return EXIT_USAGE
    except sqlite3.DatabaseError as exc:
        if isinstance(exc, sqlite3.ProgrammingError) or "syntax error" in str(exc).lower():
            raise  # our SQL is wrong, never the file: a bug, to be seen as one
        # A read the verb did not expect to fail: the file (or the disk) is at fault. In
        # plain words, the damage as "it cannot be read", never SQLite's.
        from annotator.store.file_checks import _check_failed

        print(f"annotator: {safe(_check_failed(_project_named(args), exc))}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt as exc:
        # A verb that had already committed says so (see commands.Interrupted).
        note = str(exc) or "interrupted; nothing was changed by the unfinished command"
        print(f"annotator: {note}", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except OSError as exc:  # disk full, permissions, ... on files we write
        where = exc.filename or ""
        print(safe(f"annotator: {where}: {exc.strerror or exc}"), file=sys.stderr)
        return EXIT_USAGE


if __name__ == "__main__":
    sys.exit(main())
