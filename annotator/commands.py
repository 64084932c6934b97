"""The command line's verbs. Each opens the project, does one transaction, reports."""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import sqlite3
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from annotator.core.errors import InputError, ProjectError
from annotator.core.files import STDIO, check_input_file, write_output
from annotator.core.terminal import safe
from annotator.store.changes import ChangeSet
from annotator.store.file_checks import DamagedError
from annotator.store.lock import write_marker
from annotator.store.project import Project


def _project_arg(args: argparse.Namespace) -> Path:
    from annotator.cli import default_project_path, ensure_default_project

    path = getattr(args, "path", None) or args.project
    if path is None:
        return ensure_default_project(default_project_path())
    return project_file(path)


def project_file(path: str | os.PathLike[str]) -> Path:
    """An existing project path that is a pipe, device or folder is refused before SQLite
    opens it (opening a FIFO nobody writes to would wait forever)."""
    if os.path.lexists(path):
        check_input_file(path, hint="give the path of a project file (.db)")
    return Path(path)


def open_to_read(path: Path) -> Project:
    """A read-only open for a verb that reports what it read: the damage checks run, and
    what they find is told with :func:`warn_damage` (a writer would be refused)."""
    return Project.open(path, readonly=True, report_damage=True)


@contextlib.contextmanager
def reading_damaged(project: Project) -> Iterator[None]:
    """A read that fails on a file known to be damaged says what the checks found, in the
    one line of the damage (never SQLite's words). That covers the JSON export refusing
    the file's own data (an InputError): the damage is the cause, not the analyst."""
    try:
        yield
    except (ProjectError, InputError, sqlite3.DatabaseError, UnicodeDecodeError) as exc:
        # the store's own read checks (check_stored) say "damaged" without the checks' class
        plain = (
            isinstance(exc, ProjectError)
            and not isinstance(exc, DamagedError)
            and not exc.message.startswith("the project file is damaged")
        )
        if project.damage is None or plain or isinstance(exc, sqlite3.ProgrammingError):
            raise
        raise project.damage from None


def warn_damage(project: Project, consequence: str) -> None:
    """One line on stderr: which file, what is damaged, what it means here, what to do."""
    damage = project.damage
    if damage is not None:
        text = f"{damage.where}: {damage.message}: {consequence}"
        print(
            f"annotator: {safe(text + (f'; {damage.hint}' if damage.hint else ''))}",
            file=sys.stderr,
        )


def create_project(path: Path, *, seed: bool) -> None:
    """A new project file, written whole or not at all (built aside, then renamed)."""
    if path.exists():
        raise ProjectError(
            "already exists",
            where=str(path),
            hint="choose another name, or use 'annotator import' to add to it",
        )
    if not path.parent.exists():
        raise ProjectError("the folder does not exist", where=str(path.parent))
    remove_stale_builds(path)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        with Project.open(tmp, create=True) as project:
            if seed:
                from annotator.core.resources import seed_articles
                from annotator.store.operations import import_article

                cs = ChangeSet("Import sample articles")
                for art in seed_articles():
                    import_article(project, art, cs)
                project.apply(cs)
            project.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        os.replace(tmp, path)
        # Closed cleanly: a -wal that turns up beside it later is not its own.
        write_marker(path, clean=True)
    except (OSError, sqlite3.Error, ProjectError) as exc:
        # Name the file the user asked for, never the build file beside it.
        reason = (
            getattr(exc, "message", None) or getattr(exc, "strerror", None) or type(exc).__name__
        )
        raise ProjectError(
            f"cannot be created ({reason})".replace(str(tmp), str(path)),
            where=str(path),
            hint="check the folder's permissions and free space",
        ) from None
    finally:
        for leftover in (
            tmp,
            Path(f"{tmp}-wal"),
            Path(f"{tmp}-shm"),
            Path(f"{tmp}-journal"),
            tmp.with_name(f".{tmp.name}.lock"),
        ):
            with contextlib.suppress(FileNotFoundError):
                leftover.unlink()


def remove_stale_builds(path: Path) -> None:
    """A kill during create_project leaves '.NAME.PID.tmp' (and its -journal, written before
    WAL is on, -wal, -shm and lock) beside the project; remove those whose process is gone,
    so they do not pile up."""
    import glob
    import re

    name = re.escape(path.name)
    pattern = re.compile(rf"\.?\.{name}\.(\d+)\.tmp(?:-wal|-shm|-journal|\.lock)?")
    for leftover in glob.glob(glob.escape(str(path.parent)) + "/.*"):
        m = pattern.fullmatch(Path(leftover).name)
        if not m or _alive(int(m.group(1))):
            continue
        with contextlib.suppress(OSError):
            os.unlink(leftover)


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # exists, owned by someone else
        return True
    return True


def cmd_init(args: argparse.Namespace) -> int:
    create_project(args.path, seed=args.seed)
    with Project.open(args.path, readonly=True) as project:
        n = project.scalar("SELECT count(*) FROM articles")
    print(f"created {args.path} with {n} article(s)", file=sys.stderr)
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    from annotator.core.importers import import_file
    from annotator.store.operations import import_article

    paths = list(args.paths)
    project_path = args.project or Path(paths.pop(0))
    if not paths:
        raise InputError(
            "no files to import", where="import", hint="annotator import PROJECT FILE..."
        )
    meta = {k: getattr(args, k) for k in ("title", "outlet", "author", "published", "url")}
    if len(paths) > 1 and (meta["title"] or meta["url"]):
        raise InputError(
            "--title and --url name one article",
            where="import",
            hint="import the files one at a time",
        )
    # Read and check everything before opening the project for writing.
    articles = []
    try:
        for p in paths:
            articles.append(import_file(p, **meta))
    except KeyboardInterrupt:
        raise Interrupted(
            f"interrupted while reading file {len(articles) + 1} of "
            f"{len(paths)}; nothing was imported"
        ) from None
    # One transaction: an interrupt before the commit rolls every file back.
    with Project.open(project_file(project_path)) as project:
        cs = ChangeSet(f"Import {len(articles)} article(s)")
        seen: set[str] = set()
        for art in articles:
            import_article(project, art, cs, seen_hashes=seen)
        project.apply(cs)
    try:
        report_imported(articles)
    except KeyboardInterrupt:
        raise Interrupted(
            f"interrupted after the import was saved: all {len(articles)} "
            "file(s) are in the project"
        ) from None
    return 0


class Interrupted(KeyboardInterrupt):
    """Ctrl-C with a message that says truthfully what was saved."""


def report_imported(articles: list[Any]) -> None:
    for art in articles:
        print(f"imported {safe(art.source)}: {safe(art.title)}", file=sys.stderr)


def export_document(project: Project, args: argparse.Namespace) -> dict[str, Any]:
    from annotator.core.export.filters import filter_chronology
    from annotator.store.chronology import build_document

    doc = build_document(project, include_text=args.format in ("json",))
    if _has_filters(args):
        doc = filter_chronology(
            doc,
            actors=args.actor,
            tags=args.tag,
            types=args.types,
            articles=args.article,
            date_from=args.date_from,
            date_to=args.date_to,
        )
    return doc


def render_export(
    doc: dict[str, Any], fmt: str, *, what: str = "events", group_by: str = "type"
) -> str:
    """The text of one export; the app's File > Export uses this too."""
    from annotator.core.export import json_export

    if fmt == "json":
        json_export.validate(doc)
        return json_export.dumps(doc)
    if fmt == "csv":
        from annotator.core.export.csv_export import write_csv

        buf = io.StringIO(newline="")
        write_csv(doc, buf, what=what)
        return buf.getvalue()
    if fmt == "timelinejs":
        from annotator.core.export.timelinejs import to_timelinejs, validate_timelinejs

        try:
            obj = to_timelinejs(doc, group_by=group_by)
            validate_timelinejs(obj)
        except ValueError as exc:  # e.g. no dated event: a fact about the project, not a bug
            raise InputError(
                f"cannot be exported as TimelineJS: {exc}",
                where="the chronology",
                hint="add dated events, loosen the filters or choose another --format",
            ) from None
        return json.dumps(obj, ensure_ascii=False, indent=2) + "\n"
    if fmt == "webannotation":
        from annotator.core.export.webannotation import to_webannotations

        return json.dumps(to_webannotations(doc), ensure_ascii=False, indent=2) + "\n"
    from annotator.core.export import report

    return report.to_markdown(doc) if fmt == "markdown" else report.to_html(doc)


# The app's File > Export imports this name.
write_atomically = write_output


def _has_filters(args: argparse.Namespace) -> bool:
    return any([args.actor, args.tag, args.types, args.article, args.date_from, args.date_to])


def cmd_export(args: argparse.Namespace) -> int:
    from annotator.store.lock import held_elsewhere

    path = _project_arg(args)
    # Exporting reads committed data only, so an app with the project open is no obstacle;
    # the analyst is told the file holds what the app had saved when the export read it.
    in_use = held_elsewhere(path)
    with open_to_read(path) as project, reading_damaged(project):
        if args.format == "csv" and args.what == "events" and not _has_filters(args):
            from annotator.store.csv_fast import write_events_csv

            buf = io.StringIO(newline="")
            write_events_csv(project, buf)  # same bytes as the document path, 10x sooner
            text = buf.getvalue()
        else:
            text = render_export(
                export_document(project, args), args.format, what=args.what, group_by=args.group_by
            )
    write_output(args.output or STDIO, text)
    warn_damage(project, "this export holds only what could be read")
    if in_use:
        print(
            f"{safe(path)} is open in the app or another program: this export holds what "
            "was saved there up to now",
            file=sys.stderr,
        )
    return 0


def cmd_load(args: argparse.Namespace) -> int:
    from annotator.core.export.json_export import read_document
    from annotator.store.chronology import load_document

    doc = read_document(args.file)
    with Project.open(project_file(args.path)) as project:
        cs = load_document(project, doc, source=str(args.file))
        project.apply(cs)
    print(
        f"loaded {safe(args.file)}: {len(doc['events'])} event(s), "
        f"{len(doc['claims'])} claim(s), {len(doc['actors'])} actor(s)",
        file=sys.stderr,
    )
    return 0


def cmd_merge(args: argparse.Namespace) -> int:
    from annotator.store.merge import merge_into

    check_input_file(args.other, hint="give another project file (.db) or a JSON export")
    with Project.open(project_file(args.path)) as project:
        result = merge_into(project, args.other)
    print(safe(result.summary()), file=sys.stderr)
    return 0


def project_info(project: Project) -> dict[str, Any]:
    from annotator.store.anchors import check_passages, orphans

    report, _fixes = check_passages(project)  # read-only: what the app would re-find on open
    counts = {
        t: project.scalar(f"SELECT count(*) FROM {t}")
        for t in ("articles", "passages", "events", "actors", "claims", "citations", "tags")
    }
    return {
        "path": str(project.path),
        "schema_version": project.schema_version(),
        "counts": counts,
        "mismatched": {"refindable": len(report.reanchored), "lost": len(report.orphaned)},
        "orphans": [
            {"id": o["id"], "article": o["article_title"], "quote": o["quote"]}
            for o in orphans(project)
        ],
    }


def cmd_info(args: argparse.Namespace) -> int:
    """A health report too: a damaged file is named damaged, with exit status 2."""
    with open_to_read(_project_arg(args)) as project, reading_damaged(project):
        info = project_info(project)
        articles = project.rows("SELECT title, outlet, published FROM articles ORDER BY created")
    print(f"project: {safe(info['path'])}\nschema:  {info['schema_version']}")
    if project.damage is not None:
        print(f"state:   {safe(project.damage.message)}")
    for name, n in info["counts"].items():
        print(f"{name:10} {n}")
    print(f"orphans    {len(info['orphans'])}")
    mismatched = info["mismatched"]
    if mismatched["refindable"] or mismatched["lost"]:
        print(
            f"  passages that no longer match their text: {mismatched['refindable']} can be "
            f"found again, {mismatched['lost']} cannot (the app fixes this when it opens "
            "the project; nothing is deleted)"
        )
    for o in info["orphans"]:
        print(safe(f"  orphan {o['id']} in {o['article']!r}: {o['quote'][:60]!r}"))
    for a in articles:
        print(
            safe(f"  article: {a['title']} — {a['outlet'] or '?'} — {a['published'] or 'undated'}")
        )
    if project.damage is not None:
        sys.stdout.flush()  # the report first, then the line that says it is not whole
        warn_damage(project, "the counts above are what could be read")
        return 2
    return 0


def cmd_datasette(args: argparse.Namespace) -> int:
    from annotator.store.datasette_meta import datasette_metadata

    meta = datasette_metadata(project_file(args.path))
    text = json.dumps(meta, indent=2, ensure_ascii=False) + "\n"
    write_output(args.output or STDIO, text)
    if args.output and str(args.output) != STDIO:
        print(f"now run: datasette {args.path} --metadata {args.output}", file=sys.stderr)
    return 0


def cmd_search(args: argparse.Namespace) -> int:
    from annotator.store.search import MAX_TERMS, search, words_left_out

    left_out = words_left_out(args.query)
    if left_out:
        print(
            f"annotator: searching for the first {MAX_TERMS} distinct words; "
            f"{left_out} more left out",
            file=sys.stderr,
        )
    with open_to_read(project_file(args.path)) as project, reading_damaged(project):
        for hit in search(project, args.query):
            print(safe(f"{hit.kind:8} {hit.id}  {hit.label[:60]}  {hit.snippet[:80]}"))
    warn_damage(project, "these results come only from what could be read")
    return 0


def published_arg(text: str | None) -> Any:
    """--published as a date or a (first, last) pair for a range; None when absent."""
    if not text:
        return None
    from annotator.store.rows import parse_edtf_field

    value = parse_edtf_field(text, "--published")
    assert value is not None
    first, last = value.earliest.date(), value.latest.date()
    return first if first == last else (first, last)


def cmd_dates(args: argparse.Namespace) -> int:
    import stat

    from annotator.core.dates.finder import find_timexes
    from annotator.core.importers.reader import read_text

    # A device or FIFO (/dev/urandom, a pipe) would be read forever: refuse it before opening.
    try:
        mode = os.stat(args.file).st_mode
    except (OSError, ValueError):
        mode = None  # missing or unusable name: read_text says which
    if mode is not None and not (stat.S_ISREG(mode) or stat.S_ISDIR(mode)):
        raise InputError(
            "is not a regular file (a device, pipe or socket)",
            where=args.file,
            hint="save the text to a file and give that file",
        )
    # Offsets are into the file's text as decoded from UTF-8, not normalised.
    text = read_text(args.file)
    timexes = find_timexes(text, published_arg(args.published))
    if args.format == "json":
        json.dump(
            {"timexes": [t.to_json() for t in timexes]}, sys.stdout, ensure_ascii=False, indent=2
        )
        sys.stdout.write("\n")
    else:
        for t in timexes:
            print(f"{t.start:6}-{t.end:<6} {t.type:8} {t.value or '?':14} {t.text}")
    return 0


def cmd_evaluate_dates(args: argparse.Namespace) -> int:
    from annotator.core.dates import meantime

    corpus = args.corpus or meantime.default_corpus_dir()
    if not Path(corpus).is_dir():
        raise InputError(
            "MEANTIME corpus folder not found",
            where=str(corpus),
            hint="pass the folder of the English MEANTIME corpus",
        )
    print(meantime.format_report(meantime.evaluate(meantime.load_corpus(corpus))))
    return 0


def cmd_bench(args: argparse.Namespace) -> int:
    from annotator.bench.run import run_bench

    return run_bench(size=args.size, repeat=args.repeat, fmt=args.format, only=args.only)


def cmd_reliability(args: argparse.Namespace) -> int:
    try:
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
    return run_reliability(
        kills=args.kills,
        fuzz=args.fuzz,
        fmt=args.format,
        window_kills=args.window_kills,
        cli_kills=args.cli_kills,
        special=args.special,
        seed=args.seed,
    )
