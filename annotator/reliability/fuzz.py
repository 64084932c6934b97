"""Fuzz targets: importers, date reader, date finder, JSON loader, merge, project files.

Each target turns one generated input into an :class:`Outcome`: accepted, rejected with
the clear error (``AnnotatorError``), or an escape (any other exception, a bug). A rejected
input must leave the project (and the input file) exactly as it was. The same targets run
from the tests (``@given(target.strategy())``, with shrinking) and from
``annotator reliability`` (:func:`run_target`, with a case budget and counts).
"""

from __future__ import annotations

import json
import random
import re
import shutil
import tempfile
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import seed as hseed
from hypothesis import strategies as st

from annotator.reliability import fuzz_inputs as fi
from annotator.reliability.badfiles import mangled, open_case, rich_project, silent_read
from annotator.reliability.fuzz_json import JsonCases
from annotator.reliability.fuzz_target import Target
from annotator.reliability.outcome import (
    Outcome,
    TargetStats,
    content_print,
    file_print,
    guarded,
)
from annotator.store.project import Project
from annotator.store.schema import TABLE_ORDER

CONTENT_TABLES = [*TABLE_ORDER, "row_history"]
SURROGATE_ESCAPE = re.compile(rb"\\u[dD][89a-fA-F][0-9a-fA-F]{2}")


def broken_file(target: str, problems: list[str]) -> str:
    """A broken-promise line for a file that fails its checks after a case."""
    return f"{target} left a broken file ({problems[0].split(':')[0]}): {'; '.join(problems)[:200]}"


class ProjectTarget(Target):
    """A target that writes into a real project file, restored from a template when needed."""

    def __init__(self, workdir: Path, template: Path):
        super().__init__(workdir)
        self.template = template
        self.path = self.dir / "target.db"
        self.project: Project | None = None
        self.fresh()

    def fresh(self) -> Project:
        self.close()
        for leftover in self.dir.glob("target.db*"):
            leftover.unlink()
        shutil.copyfile(self.template, self.path)
        self.project = Project.open(self.path, analyst="fuzz")
        return self.project

    def close(self) -> None:
        if self.project is not None:
            self.project.close()
            self.project = None

    def guarded_write(self, action: Any) -> Outcome:
        """Run ``action(project)``; a rejection must leave every row as it was, and either
        way the file must pass its checks afterwards (every export too, if it changed)."""
        from annotator.reliability.health import health_problems

        project = self.project or self.fresh()
        before = content_print(project.db, CONTENT_TABLES)
        out = guarded(lambda: action(project))
        if out.kind != "accepted" and content_print(project.db, CONTENT_TABLES) != before:
            out.modified = f"{self.name}: project changed by refused input ({out.detail[:80]})"
        problems = health_problems(self.path, exports=out.kind == "accepted")
        if problems and not out.broken:
            out.broken = broken_file(self.name, problems)
        if out.kind == "accepted":
            self.fresh()  # keep cases independent: the next one starts from the template
        return out


class ImportTarget(ProjectTarget):
    name = "importers"

    def strategy(self) -> st.SearchStrategy[Any]:
        return fi.article_files

    def run_case(self, value: tuple[bytes, str]) -> Outcome:
        from annotator.core.importers import import_file
        from annotator.store.operations import import_article

        data, ext = value
        source = self.dir / f"article{ext}"
        source.write_bytes(data)
        before = file_print(source)
        art: list[Any] = []

        def action(project: Project) -> None:
            art.append(import_file(source))
            project.apply(import_article(project, art[0])[0])

        out = self.guarded_write(action)
        if file_print(source) != before:
            out.modified = f"importers: the input file {source.name} was changed"
        if art and ("\x00" in art[0].text or fi_has_surrogate(art[0].text)):
            out.broken = "importers: accepted text holds NUL or a lone surrogate"
        return out


def fi_has_surrogate(text: str) -> bool:
    return any("\ud800" <= ch <= "\udfff" for ch in text)


class DateParseTarget(ProjectTarget):
    name = "date reader"

    def __init__(self, workdir: Path, template: Path):
        super().__init__(workdir, template)
        self.event_id = ""

    def strategy(self) -> st.SearchStrategy[Any]:
        return st.tuples(fi.date_text, st.booleans())

    def run_case(self, value: tuple[str, bool]) -> Outcome:
        from annotator.core.dates.parse import parse_user_date
        from annotator.core.dates.value import DateValue
        from annotator.store import operations as ops

        text, day_first = value
        got: list[DateValue] = []

        def action(project: Project) -> None:
            got.append(parse_user_date(text, day_first=day_first))
            got[0].display(day_first)
            got.append(DateValue.from_edtf(got[0].edtf))  # what the store reads back
            cs, _ = ops.create_event(project, headline="fuzz", date=got[0])
            project.apply(cs)

        out = self.guarded_write(action)
        if len(got) == 2:
            a, b = got
            if a.earliest > a.latest:
                out.broken = f"date reader: {text[:40]!r}: earliest after latest"
            elif (b.edtf, b.earliest, b.latest) != (a.edtf, a.earliest, a.latest):
                out.broken = f"date reader: {text[:40]!r}: {a.edtf} does not read back"
        return out


FINDER_WORDS = ["on", "in", "the", ".", "\n", "said", "was", "of"]


class DateFindTarget(Target):
    name = "date finder"

    def strategy(self) -> st.SearchStrategy[Any]:
        published = st.one_of(
            st.none(),
            st.dates(),
            st.tuples(st.dates(max_value=date(9000, 1, 1)), st.integers(0, 4000)).map(
                lambda p: (p[0], p[0] + timedelta(days=p[1]))
            ),
        )
        text = st.one_of(
            fi.adversarial_text,
            st.lists(st.sampled_from([*fi.DATE_BITS, *FINDER_WORDS]), max_size=40).map(" ".join),
        )
        return st.tuples(text, published)

    def run_case(self, value: tuple[str, Any]) -> Outcome:
        from annotator.core.dates.finder import find_timexes

        text, published = value
        found: list[Any] = []
        out = guarded(lambda: found.extend(find_timexes(text, published)))
        last_end = 0
        for t in found:
            if not (last_end <= t.start < t.end <= len(text)) or text[t.start : t.end] != t.text:
                out.broken = f"date finder: bad span {t.start}-{t.end} in {text[:40]!r}"
                break
            last_end = t.end
        return out


class JsonLoadTarget(ProjectTarget):
    """Near-valid exports (field values mutated by kind), so most cases reach the loader."""

    name = "JSON loader"

    def __init__(self, workdir: Path, template: Path, base_doc: dict[str, Any]):
        super().__init__(workdir, template)
        self.cases = JsonCases(base_doc)
        self.touched: set[int] = set()
        self.passed_schema = 0
        self.reached_loader = 0
        self.raw_escapes = 0  # cases whose JSON text holds a \udXXX surrogate escape

    def strategy(self) -> st.SearchStrategy[Any]:
        return self.cases.cases()

    def run_case(self, value: tuple[bytes, frozenset[int]] | bytes) -> Outcome:
        from annotator.core.export import json_export
        from annotator.store.chronology import load_document

        data, touched = value if isinstance(value, tuple) else (value, frozenset())
        self.touched |= touched
        self.raw_escapes += bool(SURROGATE_ESCAPE.search(data[:2_000_000]))
        source = self.dir / "doc.json"
        source.write_bytes(data)

        def action(project: Project) -> None:
            try:
                if not json_export.schema_problems(json.loads(data)):
                    self.passed_schema += 1
            except (ValueError, RecursionError):
                pass  # not JSON: read_document says so below
            doc = json_export.read_document(source)
            self.reached_loader += 1
            project.apply(load_document(project, doc, source=str(source)))

        return self.guarded_write(action)

    def figures(self) -> dict[str, Any]:
        return {
            "fields touched": len(self.touched),
            "fields": len(self.cases.paths),
            "passed the schema": self.passed_schema,
            "reached the loader": self.reached_loader,
            "with \\udXXX escapes": self.raw_escapes,
        }


class MergeTarget(ProjectTarget):
    name = "merge"

    def __init__(self, workdir: Path, template: Path, other: Path, base_doc: dict[str, Any]):
        super().__init__(workdir, template)
        self.other_bytes = other.read_bytes()
        self.json = JsonCases(base_doc).cases().map(lambda case: case[0])

    def strategy(self) -> st.SearchStrategy[Any]:
        damaged_db = st.builds(
            mangled,
            st.just(self.other_bytes),
            st.sampled_from(["flip", "truncate", "header", "zero page"]),
            st.lists(st.integers(0, 2**31), min_size=1, max_size=8),
            st.binary(max_size=8),
        )
        return st.one_of(
            st.tuples(damaged_db, st.just(".db")),
            st.tuples(self.json, st.just(".json")),
            st.tuples(fi.adversarial_bytes, st.sampled_from([".db", ".json", ""])),
        )

    def run_case(self, value: tuple[bytes, str]) -> Outcome:
        from annotator.store.merge import merge_into

        data, ext = value
        for leftover in self.dir.glob("other*"):
            leftover.unlink()
        other = self.dir / f"other{ext}"
        other.write_bytes(data)
        before = file_print(other)
        out = self.guarded_write(lambda project: merge_into(project, other))
        if out.kind == "rejected" and file_print(other)[0] != before[0]:
            out.modified = f"merge: the other file was changed ({out.detail[:60]})"
        return out


class OpenTarget(Target):
    name = "project files"

    def __init__(self, workdir: Path, good: Path):
        super().__init__(workdir)
        self.good = good.read_bytes()

    def strategy(self) -> st.SearchStrategy[Any]:
        return st.tuples(
            st.sampled_from(["flip", "truncate", "header", "zero page"]),
            st.lists(st.integers(0, 2**31), min_size=1, max_size=8),
            st.binary(max_size=8),
            st.booleans(),
        )

    def run_case(self, value: tuple[str, list[int], bytes, bool]) -> Outcome:
        how, at, noise, readonly = value
        for leftover in self.dir.glob("suspect.db*"):
            leftover.unlink()
        path = self.dir / "suspect.db"
        path.write_bytes(mangled(self.good, how, at, noise))
        out = open_case(path, readonly=readonly)
        if out.kind == "accepted":  # it opened: then it must be whole, exports included
            from annotator.reliability.health import health_problems

            problems = health_problems(path)
            if problems:
                out.broken = broken_file(self.name, problems)
        if out.kind != "escape":  # and the command line says what it is in one line
            from annotator.reliability.cli_outcome import run_forked, verdict

            fmt = ("csv", "json")[at[0] % 2]
            for argv in (["info", str(path)], ["export", str(path), "--format", fmt]):
                run = run_forked(argv)
                cli = verdict(run, stdout_is_terminal=False)
                if cli.kind == "escape":
                    cli.detail = f"project files: {cli.detail} ({how} at {at[:2]})"
                    cli.broken = out.broken
                    return cli
                if not out.broken and run.rc == 0 and "damaged" not in run.err:
                    out.broken = silent_read(path, argv[0], out)
        return out


TARGET_NAMES = [
    "importers",
    "date reader",
    "date finder",
    "JSON loader",
    "merge",
    "project files",
    "export",
    "search",
]


class Workbench:
    """The shared fixtures (a rich project, its JSON, an empty template) for all targets."""

    def __init__(self, workdir: Path):
        from annotator.store.chronology import build_document
        from annotator.store.project_setup import create_project

        self.dir = workdir
        self.good = rich_project(workdir / "good.db")
        self.template = workdir / "template.db"
        create_project(self.template, seed=False)
        with Project.open(self.good, readonly=True) as project:
            self.doc = build_document(project)
        self.pool: Any = None  # the fuzzed projects export and search run on, made on demand

    def target(self, name: str) -> Target:
        sub = self.dir / name.replace(" ", "-")
        if name == "importers":
            return ImportTarget(sub, self.template)
        if name == "date reader":
            return DateParseTarget(sub, self.template)
        if name == "date finder":
            return DateFindTarget(sub)
        if name == "JSON loader":
            return JsonLoadTarget(sub, self.template, self.doc)
        if name == "merge":
            return MergeTarget(sub, self.good, self.good, self.doc)
        if name == "project files":
            return OpenTarget(sub, self.good)
        if name in ("export", "search"):
            from annotator.reliability import cli_fuzz

            if self.pool is None:
                self.pool = cli_fuzz.ProjectPool(self.dir / "pool", self.template, self.doc)
            cls = cli_fuzz.ExportTarget if name == "export" else cli_fuzz.SearchTarget
            return cls(sub, self.pool)
        raise KeyError(name)


def fuzz_settings(budget: int) -> settings:
    return settings(
        max_examples=budget,
        deadline=None,
        database=None,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
        print_blob=False,
    )


def run_target(target: Target, budget: int, seed: int = 0) -> TargetStats:
    """Feed ``budget`` generated inputs to a target, counting outcomes (never raising)."""
    stats = TargetStats(target.name)

    @fuzz_settings(budget)
    @hseed(seed)
    @given(target.strategy())
    def drive(value: Any) -> None:
        stats.add(target.run_case(value))

    try:
        drive()
    except Exception as exc:  # a fault in the harness itself: counted, never hidden
        stats.escapes.append(f"fuzz harness: {type(exc).__name__}: {str(exc)[:200]}")
    finally:
        target.close()
    return stats


def run_fuzz(
    budget: int, *, seed: int | None = None, names: list[str] | None = None
) -> list[TargetStats]:
    seed = random.randrange(2**32) if seed is None else seed
    results = []
    with tempfile.TemporaryDirectory(prefix="annotator-fuzz-") as tmp:
        bench = Workbench(Path(tmp))
        for name in names or TARGET_NAMES:
            try:
                target = bench.target(name)
            except ImportError as exc:  # a module another helper has not written yet
                results.append(TargetStats(name, skipped=f"not available: {exc}"))
                continue
            results.append(run_target(target, budget, seed))
            results[-1].notes = target.figures()
    return results
