"""The project a verb names, and the arguments shared by several verbs."""

from __future__ import annotations

import argparse
from pathlib import Path

from annotator.core.export.filters import date_range
from annotator.store.exporting import ExportRequest
from annotator.store.project_setup import default_project_path, ensure_default_project
from annotator.store.reading import project_file


def project_arg(args: argparse.Namespace) -> Path:
    path = getattr(args, "path", None) or args.project
    if path is None:
        return ensure_default_project(default_project_path())
    return project_file(path)


def project_named(args: argparse.Namespace) -> Path:
    """The project file a verb was given (import takes it as its first path)."""
    named = getattr(args, "path", None) or args.project
    if named is None and getattr(args, "paths", None):
        named = args.paths[0]
    return Path(named) if named is not None else default_project_path()


def export_request(args: argparse.Namespace) -> ExportRequest:
    # Checked here so that a bad date is reported by the option's name as typed.
    date_range(args.date_from, args.date_to, names=("--from", "--to"))
    return ExportRequest(
        fmt=args.format,
        what=args.what,
        group_by=args.group_by,
        actors=args.actor or (),
        tags=args.tag or (),
        types=args.types or (),
        articles=args.article or (),
        date_from=args.date_from,
        date_to=args.date_to,
        excel=args.excel,
        group=args.group,
    )
