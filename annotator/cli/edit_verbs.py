"""Verbs that change a project: init, import, import-qdpx, load and merge."""

from __future__ import annotations

import argparse
import functools
import os
import sys
from pathlib import Path

import annotator.cli.lean_start  # noqa: F401  (first: sqlite-utils without pandas, 0.5 s)
from annotator.cli.report import Interrupted, report_imported
from annotator.core.errors import InputError
from annotator.core.files import check_input_file
from annotator.core.importers import import_articles
from annotator.core.importers.url import import_url
from annotator.core.importers.web import fetch, looks_like_address
from annotator.core.terminal import safe
from annotator.store.changes import ChangeSet
from annotator.store.known_addresses import known_addresses
from annotator.store.project import Project
from annotator.store.project_setup import create_project
from annotator.store.reading import project_file
from annotator.store.versions import find_article, import_or_update

PASSWORD_VARIABLE = "ANNOTATOR_PDF_PASSWORD"


def cmd_init(args: argparse.Namespace) -> int:
    create_project(args.path, seed=args.seed)
    with Project.open(args.path, readonly=True) as project:
        n = project.scalar("SELECT count(*) FROM articles")
    print(f"created {args.path} with {n} article(s)", file=sys.stderr)
    return 0


def cmd_import(args: argparse.Namespace) -> int:
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
    password = args.password or os.environ.get(PASSWORD_VARIABLE) or None
    addresses = [p for p in paths if looks_like_address(p)]
    known = read_known_addresses(project_path) if addresses else {}
    # Read, fetch and check everything before opening the project for writing.
    articles = []
    fetched: set[int] = set()  # ids of the articles fetched by address
    notes: list[str] = []
    done = 0  # files read so far
    try:
        for p in paths:
            if looks_like_address(p):
                page_meta = {k: v for k, v in meta.items() if k != "url"}
                got = import_url(
                    p,
                    known=known,
                    password=password,
                    fetcher=functools.partial(fetch, timeout=args.timeout),
                    **page_meta,
                )
                fetched.update(id(a) for a in got.articles)
                articles.extend(got.articles)
                notes.extend(got.notes)
            else:
                articles.extend(import_articles(p, password=password, **meta))
            done += 1
    except KeyboardInterrupt:
        raise Interrupted(
            f"interrupted while reading file {done + 1} of {len(paths)}; nothing was imported"
        ) from None
    if args.new_version_of and len(articles) != 1:
        raise InputError(
            f"--new-version-of names one article; {len(articles)} were read",
            where="import",
            hint="import one file (a feed entry at a time) as the new version",
        )
    if args.new_version_of and len(articles) != 1:
        raise InputError(
            f"--new-version-of names one article; {len(articles)} were read",
            where="import",
            hint="import one file (a feed entry at a time) as the new version",
        )
    # One transaction: an interrupt before the commit rolls every file back.
    stored = []
    versions = []
    with Project.open(project_file(project_path)) as project:
        cs = ChangeSet(f"Import {len(articles)} article(s)")
        seen: set[str] = set()
        old = args.new_version_of and find_article(
            project, args.new_version_of, where="--new-version-of"
        )
        for art in articles:
            try:
                done_ = import_or_update(
                    project, art, cs, seen_hashes=seen, new_version_of=old or None
                )
            except InputError as exc:
                if id(art) not in fetched:
                    raise
                # A fetched text the project already holds is said, not imported twice.
                notes.append(f"{art.source}: {exc.message}; not imported again")
                continue
            stored.append(art)
            versions.append(done_.version)
        if cs:
            project.apply(cs)
    for note in notes:
        print(f"annotator: {safe(note)}", file=sys.stderr)
    try:
        report_imported(stored, versions)
    except KeyboardInterrupt:
        raise Interrupted(
            f"interrupted after the import was saved: all {len(stored)} file(s) are in the project"
        ) from None
    return 0


def read_known_addresses(project_path: Path) -> dict[str, str]:
    """The addresses an existing project already holds (none for a new one)."""
    path = project_file(project_path)
    if not path.exists():
        return {}
    with Project.open(path, readonly=True) as project:
        return known_addresses(project)


def cmd_load(args: argparse.Namespace) -> int:
    # Each verb loads what only it needs: `import` starts without the JSON reader, the
    # merge and the QDPX code (60-80 ms of its start, measured).
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
    with Project.open(project_file(args.path), readonly=args.dry_run) as project:
        result = merge_into(project, args.other, apply=not args.dry_run)
    summary = result.summary()
    if args.dry_run:
        summary = "would have " + summary + " (nothing was changed: --dry-run)"
    print(safe(summary), file=sys.stderr)
    for line in result.agreement.lines() if result.agreement else []:
        print(safe(line))
    return 0


def cmd_import_qdpx(args: argparse.Namespace) -> int:
    from annotator.core.importers.qdpx import read_qdpx
    from annotator.store.qdpx_import import import_qdpx

    # The whole file is read and checked before the project is opened for writing.
    qda = read_qdpx(args.file)
    with Project.open(project_file(args.path)) as project:
        cs = import_qdpx(project, qda, codes_as=args.codes_as, where=str(args.file))
        project.apply(cs)
    counts = {t: sum(1 for c in cs.changes if c.table == t) for t in _COUNTED}
    print(
        f"imported {safe(args.file)}: " + ", ".join(f"{n} {t}" for t, n in counts.items()),
        file=sys.stderr,
    )
    return 0


_COUNTED = ("articles", "passages", "events", "actors", "claims", "citations", "tags")
