"""Verbs that read a project: export, info, search and the Datasette metadata."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

import annotator.cli.lean_start  # noqa: F401  (first: sqlite-utils without pandas, 0.5 s)
from annotator.cli.arguments import export_request, project_arg
from annotator.cli.report import warn_damage
from annotator.core.export.render import BINARY_FORMATS
from annotator.core.files import STDIO, output_file, write_output
from annotator.core.terminal import safe
from annotator.core.text import counted
from annotator.store.anchors import check_passages, orphans
from annotator.store.datasette_meta import datasette_files, datasette_metadata
from annotator.store.exporting import write_export
from annotator.store.lock import held_elsewhere
from annotator.store.project import Project
from annotator.store.reading import open_to_read, project_file, reading_damaged
from annotator.store.search import MAX_TERMS, search, words_left_out


def cmd_export(args: argparse.Namespace) -> int:
    path = project_arg(args)
    # Exporting reads committed data only, so an app with the project open is no obstacle;
    # the analyst is told the file holds what the app had saved when the export read it.
    in_use = held_elsewhere(path)
    with open_to_read(path) as project, reading_damaged(project):
        request = export_request(args)
        # Written as it is read: a whole project's export is never held in memory.
        with output_file(args.output or STDIO, binary=request.fmt in BINARY_FORMATS) as out:
            left_out = write_export(project, request, out)
    if left_out:
        print(f"annotator: {left_out}", file=sys.stderr)
    warn_damage(project, "this export holds only what could be read")
    if in_use:
        print(
            f"{safe(path)} is open in the app or another program: this export holds what "
            "was saved there up to now",
            file=sys.stderr,
        )
    return 0


def project_info(project: Project) -> dict[str, Any]:
    report, _fixes = check_passages(project)  # read-only: what the app would re-find on open
    counts = {
        t: project.scalar(f"SELECT count(*) FROM {t}")
        for t in (
            "articles",
            "passages",
            "events",
            "actors",
            "claims",
            "citations",
            "tags",
            "notes",
        )
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
    with open_to_read(project_arg(args)) as project, reading_damaged(project):
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
    path = project_file(args.path)
    # Metadata describes a project's tables: any other file (or none) is refused first.
    # A plain read-only open checks what the file is without the slower damage checks.
    with Project.open(path, readonly=True):
        pass
    if args.config is None:
        meta = datasette_metadata(path)
    else:  # Datasette 1.0: table settings and queries in their own file
        meta, config = datasette_files(path)
        write_output(args.config, json.dumps(config, indent=2, ensure_ascii=False) + "\n")
    text = json.dumps(meta, indent=2, ensure_ascii=False) + "\n"
    write_output(args.output or STDIO, text)
    if args.output and str(args.output) != STDIO:
        config_flag = f" -c {args.config}" if args.config else ""
        print(
            f"now run: datasette {args.path} --metadata {args.output}{config_flag}",
            file=sys.stderr,
        )
    return 0


def cmd_search(args: argparse.Namespace) -> int:
    query = " ".join(args.query) if isinstance(args.query, list) else str(args.query)
    left_out = words_left_out(query)
    if left_out:
        print(
            f"annotator: searching for the first {MAX_TERMS} distinct words; "
            f"{left_out} more left out",
            file=sys.stderr,
        )
    with open_to_read(project_file(args.path)) as project, reading_damaged(project):
        for hit in search(project, query):
            print(safe(f"{hit.kind:8} {hit.id}  {hit.label[:60]}  {hit.snippet[:80]}"))
    warn_damage(project, "these results come only from what could be read")
    return 0


def cmd_duplicates(args: argparse.Namespace) -> int:
    from annotator.store.duplicates import pair_summary, possible_duplicates

    with open_to_read(project_file(args.path)) as project, reading_damaged(project):
        pairs = possible_duplicates(project)
    if args.format == "json":
        print(json.dumps([pair_summary(p) for p in pairs], ensure_ascii=False, indent=1))
        return 0
    for p in pairs:
        print(safe(f"{p.a}  {p.headline_a[:70]}"))
        print(safe(f"{p.b}  {p.headline_b[:70]}"))
        print(safe(f"    {'; '.join(p.reasons)}"))
    print(f"{counted(len(pairs), 'possible duplicate pair')}", file=sys.stderr)
    return 0


def cmd_diff_versions(args: argparse.Namespace) -> int:
    """A unified diff of two versions of an article, one sentence a line."""
    from annotator.core.errors import InputError
    from annotator.core.text_diff import unified
    from annotator.store.versions import chain, find_article, version_infos

    with open_to_read(project_file(args.path)) as project, reading_damaged(project):
        new_id = find_article(project, args.article, where="diff-versions")
        versions = chain(project, new_id)
        if args.against:
            old_id = find_article(project, args.against, where="--against")
        else:
            ids = [v["id"] for v in versions]
            at = ids.index(new_id)
            if len(ids) < 2:
                raise InputError(
                    "this article has no other version",
                    where=args.article,
                    hint="import a new version first (annotator import PROJECT FILE "
                    "--new-version-of ARTICLE)",
                )
            # the previous version; the first version is compared with the one after it
            old_id, new_id = (ids[at - 1], new_id) if at else (new_id, ids[1])
        infos = version_infos(project)
        old, new = project.row("articles", old_id), project.row("articles", new_id)
        assert old is not None and new is not None

        def name(row: dict[str, Any]) -> str:
            info = infos.get(row["id"])
            number = f"version {info.number}" if info else "article"
            return f"{row['title']} ({number}, {row['id']})"

        text = unified(old["text"], new["text"], name(old), name(new))
    sys.stdout.write(safe(text) if text else "")
    if not text:
        print("the two versions have the same text", file=sys.stderr)
    return 0
