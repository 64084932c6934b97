"""Fuzz targets for the read-only verbs: ``export`` in every format and ``search``.

Both run the real command line (in this process, standard output and error standing in for
a terminal) on fuzzed projects: hostile text in every free-text field (terminal escapes,
bidi overrides, markup, huge strings), only undated events, ids that collide by case or
punctuation (``ab_c``/``ab-c``, ``ABC``/``abc``), an empty project. Each case must exit with
the CLI's convention and print nothing but the clear line (see ``cli_outcome``), leave the
project's bytes as they were, and leave no temporary file beside an ``-o`` output.
"""

from __future__ import annotations

import json
import random
import shutil
from pathlib import Path
from typing import Any

from hypothesis import strategies as st

from annotator.core.errors import AnnotatorError
from annotator.reliability import fuzz_inputs as fi
from annotator.reliability.cli_outcome import TEMP_NAME, run_forked, verdict
from annotator.reliability.fuzz_json import (
    ID_COLLISIONS,
    JsonCases,
    hostile_string,
    rename_ids,
    serialise,
    undated,
)
from annotator.reliability.fuzz_target import Target
from annotator.reliability.outcome import Outcome, file_print
from annotator.store.project import Project

VARIANTS = [
    "hostile text",
    "hostile text",
    "hostile text",
    "undated only",
    "colliding ids",
    "colliding ids, undated",
    "empty",
    "as exported",
]
FORMATS = ["csv", "json", "timelinejs", "webannotation", "markdown", "html"]


# Fields the passages depend on: changing them would only get the variant refused.
KEEP = {"text", "target"}


def _no_surrogates(text: str) -> str:
    """The loader refuses lone surrogates (rightly): keep the rest of the hostility."""
    return text.encode("utf-8", "replace").decode("utf-8")


class ProjectPool:
    """Fuzzed projects, built once each (by loading a mutated export into a fresh project)."""

    def __init__(self, workdir: Path, template: Path, base: dict[str, Any]):
        self.dir = workdir
        self.dir.mkdir(parents=True, exist_ok=True)
        self.template = template
        self.base = base
        self.cases = JsonCases(base)
        self.built: dict[int, Path] = {}
        self.failures: list[str] = []  # variants the loader refused (reported, not hidden)

    def kind(self, index: int) -> str:
        return VARIANTS[index % len(VARIANTS)]

    def document(self, index: int, rng: random.Random) -> dict[str, Any] | None:
        kind = VARIANTS[index % len(VARIANTS)]
        if kind == "empty":
            return None
        doc: dict[str, Any] = json.loads(json.dumps(self.base))
        if "colliding" in kind:
            doc = rename_ids(doc, "events", rng.sample(ID_COLLISIONS, 4))
            doc = rename_ids(doc, "actors", ["ABC", "abc", "ab_c", "ab-c"])
        if "undated" in kind:
            doc = undated(doc)
        if kind == "hostile text":
            for path in self.cases.text_leaves:
                if rng.random() < 0.7 and not KEEP.intersection(path):
                    parent = doc
                    for part in path[:-1]:
                        parent = parent[part]
                    text = _no_surrogates(hostile_string(rng))[:5_000]
                    # blank names are the JSON loader target's business: here, keep the variant
                    parent[path[-1]] = text if text.strip(" ") else "x"
        return doc

    def project(self, index: int) -> Path:
        index %= 2 * len(VARIANTS)
        if index in self.built:
            return self.built[index]
        from annotator.core.export.json_export import read_document
        from annotator.store.chronology import load_document

        path = self.dir / f"variant{index}.db"
        for attempt in range(5):  # a variant the loader refuses is retried, and counted
            shutil.copyfile(self.template, path)
            doc = self.document(index, random.Random(index * 100 + attempt))
            if doc is None:
                break
            source = self.dir / f"variant{index}.json"
            source.write_bytes(serialise(doc, ascii_escapes=False))
            try:
                with Project.open(path, analyst="fuzz") as project:
                    project.apply(load_document(project, read_document(source), source="fuzz"))
                    project.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
                break
            except AnnotatorError as exc:
                self.failures.append(f"{VARIANTS[index % len(VARIANTS)]}: {str(exc)[:120]}")
        self.built[index] = path
        return path


class ExportTarget(Target):
    name = "export"

    def __init__(self, workdir: Path, pool: ProjectPool):
        super().__init__(workdir)
        self.pool = pool

    def strategy(self) -> st.SearchStrategy[Any]:
        filters = st.lists(
            st.sampled_from(
                [
                    ["--tag", "\x1b[31m"],
                    ["--actor", "ABC"],
                    ["--actor", "ab-c"],
                    ["--from", "2025-13-45"],
                    ["--to", "99999-01-01"],
                    ["--from", "2025-03-04"],
                    ["--type", "-"],
                    ["--article", "\u202e"],
                    ["--tag", "x" * 10_000],
                    ["--from", "spring"],
                ]
            ),
            max_size=2,
        )
        return st.tuples(
            st.integers(0, 1000),
            st.sampled_from(FORMATS),
            st.sampled_from(["events", "claims", "actors"]),
            st.sampled_from(["type", "actor", "article", "none"]),
            filters,
            st.sampled_from(["-", "file", "file"]),
        )

    def run_case(self, value: tuple[int, str, str, str, list[list[str]], str]) -> Outcome:
        variant, fmt, what, group_by, filters, output = value
        path = self.pool.project(variant)
        before = file_print(path)[0]
        out_dir = self.dir / "out"
        shutil.rmtree(out_dir, ignore_errors=True)
        out_dir.mkdir()
        argv = [
            "export",
            str(path),
            "--format",
            fmt,
            "--what",
            what,
            "--group-by",
            group_by,
            *[a for f in filters for a in f],
        ]
        if output == "file":
            argv += ["-o", str(out_dir / f"chronology.{fmt}")]
        run = run_forked(argv)
        out = verdict(run, stdout_is_terminal=output == "-")
        out.detail += f" (on the {self.pool.kind(variant)!r} project)"
        if file_print(path)[0] != before:
            out.modified = f"export: the project file changed ({' '.join(argv[2:6])})"
        left = [p.name for p in out_dir.iterdir() if TEMP_NAME.search(p.name)]
        if left:
            out.broken = f"export: temp file left beside the output: {left[0]}"
        elif output == "file" and run.rc == 0 and not any(out_dir.iterdir()):
            out.broken = f"export: exit 0 but no file written ({fmt})"
        return out

    def figures(self) -> dict[str, Any]:
        return {
            "fuzzed projects": len(self.pool.built),
            "refused by the loader": len(self.pool.failures),
        }


SEARCH_QUERIES = [
    "-Macron",
    "--",
    "-",
    "talks -Paris",
    '"unterminated',
    "NEAR(a b",
    "*",
    "a*",
    "^talks",
    "title:talks",
    "nosuchcolumn:x",
    "AND",
    "OR OR",
    "NOT",
    "(",
    ")",
    "a AND (b OR",
    "\udcff",
    "\udced\udca0\udc80",
    "\x1b[2J",
    "{a b}",
    "talks NEAR/99999 vote",
    "''",
    "\\",
    "%",
    "_",
    "Macron's",
    "rank:1",
    "ROWID",
    "' OR 1=1 --",
    ":",
    "a" * 100_000,
    "talks " * 5_000,
    "\u202e",
    "x:",
    "-x -y -z",
    "+",
    "talks*:*",
]


def as_argv(text: str) -> str:
    """What an argument can really be: no NUL, and bytes that are not UTF-8 arrive as
    surrogate escapes (``\\udcff``), as Python decodes the command line."""
    data = text.replace("\x00", "").encode("utf-8", "surrogatepass")
    return data.decode("utf-8", "surrogateescape")


class SearchTarget(Target):
    name = "search"

    def __init__(self, workdir: Path, pool: ProjectPool):
        super().__init__(workdir)
        self.pool = pool

    def strategy(self) -> st.SearchStrategy[Any]:
        query = st.one_of(
            st.sampled_from(SEARCH_QUERIES),
            st.lists(st.sampled_from(SEARCH_QUERIES), min_size=2, max_size=4).map(" ".join),
            fi.any_text,
            fi.hostile_text,
        )
        return st.tuples(st.integers(0, 1000), query.map(as_argv), st.booleans())

    def run_case(self, value: tuple[int, str, bool]) -> Outcome:
        variant, query, dashdash = value
        path = self.pool.project(variant)
        before = file_print(path)[0]
        argv = ["search", str(path), *(["--"] if dashdash else []), query]
        out = verdict(run_forked(argv))
        out.detail += f" (on the {self.pool.kind(variant)!r} project)"
        if file_print(path)[0] != before:
            out.modified = f"search: the project file changed ({query[:40]!r})"
        return out
