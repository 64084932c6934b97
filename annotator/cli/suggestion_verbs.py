"""``annotator evaluate-suggestions``: how good the reader's suggestions are."""

from __future__ import annotations

import argparse
from pathlib import Path

from annotator.core.errors import InputError


def cmd_evaluate_suggestions(args: argparse.Namespace) -> int:
    from annotator.core.dates.meantime import default_corpus_dir
    from annotator.core.suggestions import evaluation

    corpus = args.corpus or default_corpus_dir()
    if not Path(corpus).is_dir():
        raise InputError(
            "MEANTIME corpus folder not found",
            where=str(corpus),
            hint="pass the folder of the English MEANTIME corpus",
        )
    if args.limit is not None and args.limit < 1:
        raise InputError("--limit must be 1 or more", where="--limit")
    for line in evaluation.report(Path(corpus), args.limit):
        print(line)
    return 0
