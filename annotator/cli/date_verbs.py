"""Verbs that score or try one part alone: find dates in a text, score the date finder on
MEANTIME, score the HTML importer on the article extraction benchmark."""

from __future__ import annotations

import argparse
import json
import os
import stat
import sys
from pathlib import Path
from typing import Any

from annotator.core.dates import meantime
from annotator.core.dates.finder import find_timexes
from annotator.core.errors import InputError
from annotator.core.importers.reader import read_text


def published_arg(text: str | None) -> Any:
    """--published as a date or a (first, last) pair for a range; None when absent."""
    if not text or not text.strip():  # blank, as absent
        return None
    from annotator.store.rows import parse_edtf_field

    value = parse_edtf_field(text, "--published")
    if value is None:  # only blanks: no date given, as when the option is absent
        return None
    first, last = value.earliest.date(), value.latest.date()
    return first if first == last else (first, last)


def cmd_dates(args: argparse.Namespace) -> int:
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
    corpus = args.corpus or meantime.default_corpus_dir()
    if not Path(corpus).is_dir():
        raise InputError(
            "MEANTIME corpus folder not found",
            where=str(corpus),
            hint="pass the folder of the English MEANTIME corpus",
        )
    print(meantime.format_report(meantime.evaluate(meantime.load_corpus(corpus))))
    return 0


def cmd_evaluate_import(args: argparse.Namespace) -> int:
    from annotator.core.importers import evaluation

    corpus = Path(args.corpus or evaluation.default_corpus_dir())
    if not corpus.is_dir():
        raise InputError(
            "article extraction benchmark folder not found",
            where=str(corpus),
            hint="pass the folder holding ground-truth.json and html/",
        )
    pages = evaluation.load_corpus(corpus)
    scores = evaluation.evaluate(pages, evaluation.EXTRACTORS)
    print(evaluation.format_report(scores, len(pages)))
    return 0
