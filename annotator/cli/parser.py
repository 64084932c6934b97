"""The command line's arguments: one sub-parser per verb."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import NoReturn

from annotator import __version__
from annotator.core.export.names import CSV_TABLES
from annotator.core.export.names import FORMATS as EXPORT_FORMATS


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
        if "invalid choice" in message:  # the choices say it all: one line, no usage
            self.exit(2, f"{self.prog}: {message}\n")
        super().error(message)


def build_parser() -> _Parser:
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
        help="import article files or web addresses (pages, PDF, Word, e-mail, feeds)",
        description="annotator import PROJECT FILE_OR_URL... (or --project P FILE_OR_URL...); "
        "an http(s) address is fetched: pages, PDF files, RSS/Atom feeds and plain text",
    )
    p.add_argument("paths", nargs="+", metavar="PROJECT FILE_OR_URL")
    for flag in ("title", "outlet", "author", "published", "url"):
        p.add_argument(f"--{flag}", help=f"the article's {flag} (overrides the file's own)")
    p.add_argument(
        "--password",
        help="the password of an encrypted PDF (default: $ANNOTATOR_PDF_PASSWORD)",
    )
    p.add_argument(
        "--timeout",
        type=float,
        default=15.0,
        metavar="SECONDS",
        help="web addresses: seconds to wait for the connection and for each read (15)",
    )
    p.add_argument(
        "--new-version-of",
        metavar="ARTICLE",
        help="the file is a new version of this article (id or title): it is kept, and its "
        "citations move to the new text (a file from an address already imported is one "
        "without this)",
    )

    p = sub.add_parser(
        "diff-versions",
        help="what changed between an article and its previous version (a unified diff)",
    )
    p.add_argument("path", type=Path, metavar="PROJECT")
    p.add_argument("article", metavar="ARTICLE", help="the article's id or title")
    p.add_argument(
        "--against",
        metavar="ARTICLE",
        help="another version to compare with (default: the previous one)",
    )

    p = sub.add_parser("export", help="write the chronology (standard output without -o)")
    p.add_argument("path", type=Path, nargs="?", metavar="PROJECT")
    p.add_argument("--format", choices=EXPORT_FORMATS, default="json")
    p.add_argument(
        "--what",
        choices=(*CSV_TABLES, "passages"),
        default="events",
        help="CSV only: which rows (citations: one row per citation; passages: every passage "
        "of the --tag and --actor given, with its context; notes: one per memo)",
    )
    p.add_argument(
        "--excel",
        action="store_true",
        help="CSV only: UTF-8 with a byte order mark, so Excel shows accents and scripts right",
    )
    p.add_argument(
        "--group-by",
        choices=("type", "actor", "article", "none"),
        default="type",
        help="TimelineJS only: the lane of each event",
    )
    p.add_argument(
        "--group",
        default="__world__",
        help="Hypothesis only: the group id to post to (default __world__, public)",
    )
    p.add_argument("-o", "--output", type=Path, help="file to write (- for standard output)")
    _add_filters(p)

    p = sub.add_parser(
        "import-qdpx", help="bring a REFI-QDA project (.qdpx from NVivo, ATLAS.ti, MAXQDA...)"
    )
    p.add_argument("path", type=Path, metavar="PROJECT")
    p.add_argument("file", type=Path, metavar="FILE.qdpx")
    p.add_argument(
        "--codes-as",
        choices=("tags", "events"),
        default="tags",
        help="another tool's codes: tags on one event per coded passage, or one event per code",
    )

    p = sub.add_parser("load", help="bring an exported chronology (JSON) into a project")
    p.add_argument("path", type=Path, metavar="PROJECT")
    p.add_argument("file", type=Path, metavar="FILE.json")

    p = sub.add_parser("merge", help="merge another analyst's project or JSON export")
    p.add_argument("path", type=Path, metavar="PROJECT")
    p.add_argument("other", type=Path, metavar="OTHER.db|OTHER.json")
    p.add_argument(
        "--dry-run",
        action="store_true",
        help="say what the merge would do and how far the two of you agree; change nothing",
    )

    p = sub.add_parser("info", help="counts, schema version and orphaned passages")
    p.add_argument("path", type=Path, nargs="?", metavar="PROJECT")

    p = sub.add_parser("datasette", help="write Datasette metadata for browsing the project")
    p.add_argument("path", type=Path, metavar="PROJECT")
    p.add_argument("-o", "--output", type=Path, help="file to write (default: standard output)")
    p.add_argument(
        "--config",
        type=Path,
        metavar="datasette.json",
        help="Datasette 1.0: write table settings and queries here (datasette -c), "
        "descriptions to the metadata",
    )

    p = sub.add_parser("search", help="full-text search over articles and items")
    p.add_argument("path", type=Path, metavar="PROJECT")
    # Several words need no quotes; one list also avoids argparse's odd value for '-- --'.
    p.add_argument("query", nargs="+")

    p = sub.add_parser("duplicates", help="pairs of events that may be one event told twice")
    p.add_argument("path", type=Path, metavar="PROJECT")
    p.add_argument("--format", choices=("text", "json"), default="text")

    p = sub.add_parser(
        "evaluate-duplicates",
        help="precision, recall and time of the duplicates list on planted duplicates",
    )
    p.add_argument("events", type=int, nargs="*", help="chronology sizes (2000 100000)")

    p = sub.add_parser("dates", help="find date phrases in a text file")
    p.add_argument("file", type=Path)
    p.add_argument("--published", help="publication date to resolve against (YYYY-MM-DD)")
    p.add_argument("--format", choices=("json", "text"), default="json")

    p = sub.add_parser("evaluate-dates", help="score the date finder on MEANTIME (TempEval-3)")
    p.add_argument("corpus", type=Path, nargs="?", help="MEANTIME folder")

    p = sub.add_parser(
        "evaluate-import",
        help="score the HTML importer on the article extraction benchmark",
    )
    p.add_argument("corpus", type=Path, nargs="?", help="benchmark folder")

    p = sub.add_parser(
        "evaluate-suggestions",
        help="score the reader's name and reported-speech suggestions (MEANTIME, own set)",
    )
    p.add_argument("corpus", type=Path, nargs="?", help="MEANTIME folder")
    p.add_argument("--limit", type=int, help="at most this many articles per folder")

    p = sub.add_parser("bench", help="measure speed and memory against their floors")
    p.add_argument(
        "--size",
        choices=("seed", "medium", "large", "xlarge"),
        default="seed",
        help="xlarge (10x large) measures only what touches the whole project; building it "
        "takes about 10 minutes and 4 GB of disk, once",
    )
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

    p = sub.add_parser(
        "install-desktop",
        help="add the app to the desktop's menu, with its icon and the project file type",
    )
    p.add_argument(
        "--data-home",
        type=Path,
        help="where to install (default: $XDG_DATA_HOME, else ~/.local/share)",
    )

    p = sub.add_parser("gui", help="open the app (the default without a command)")
    p.add_argument("path", type=Path, nargs="?", metavar="PROJECT")
    return parser
