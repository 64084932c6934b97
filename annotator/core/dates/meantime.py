"""MEANTIME corpus reader and a TempEval-3 style scorer for the temporal-expression finder.

MEANTIME corpus © 2015 FBK, VU Amsterdam, UPV/EHU, CC BY 4.0
(http://creativecommons.org/licenses/by/4.0/). The corpus is read from disk, never copied.

Scoring follows the TempEval-3 evaluation (UzZaman et al. 2013):
* relaxed span: a system and a gold timex overlap; strict span: identical offsets.
  Pairs are matched one to one (largest overlap first), so one long guess cannot
  count for two gold expressions.
* value F1 (and type accuracy): attribute F1 over the relaxed matches, i.e. precision =
  matches with the right value / system timexes, recall = the same / gold timexes
  (= value accuracy x relaxed F1).
* Per type: recall counts gold timexes of that type, precision system timexes of that type,
  each matched against all timexes of the other side.
The document creation time (DCT) is excluded from scoring, and a system timex overlapping the
DCT's own span (the dateline) is dropped too; the DCT value is given to the finder as the
publication date. MEANTIME annotates only the title, the dateline and the first four body
sentences of each article: the finder reads the whole text, but only its timexes in that
annotated part are scored.

Run: ``python -m annotator.core.dates.meantime [CORPUS_DIR] [--hold-out FOLDER]``.
"""

from __future__ import annotations

import os
import re
import sys
import time
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from annotator.core.dates.finder import Timex, find_timexes
from annotator.core.errors import InputError

ATTRIBUTION = "MEANTIME corpus © 2015 FBK, VU Amsterdam, UPV/EHU, CC BY 4.0"
TYPES = ("DATE", "TIME", "DURATION", "SET")
_ANNOTATED_SENTENCES = 6
DEFAULT_CORPUS = Path(__file__).resolve().parents[4] / "shared" / "corpora" / "meantime-en"

# Tokens written without a space before them, and tokens that take none after them.
_NO_SPACE_BEFORE = re.compile(r"^(?:[,.;:!?)\]}%]|'s|'S|n't|'re|'ve|'ll|'d|'m|'|’s|’)$")
_NO_SPACE_AFTER = {"(", "[", "{", "$", "£", "€", "``", "“"}


@dataclass(frozen=True)
class GoldTimex:
    start: int
    end: int
    text: str
    type: str
    value: str


@dataclass
class Doc:
    name: str
    folder: str
    text: str
    dct: date | None
    dct_span: tuple[int, int] | None
    timexes: list[GoldTimex] = field(default_factory=list)
    # MEANTIME annotates only the title, dateline and first sentences; past this offset
    # nothing is annotated, so system timexes there are not scored.
    scored_end: int = 0


def default_corpus_dir() -> Path:
    env = os.environ.get("ANNOTATOR_MEANTIME")
    return Path(env) if env else DEFAULT_CORPUS


def _detokenize(tokens: Sequence[tuple[str, int, str]]) -> tuple[str, dict[str, tuple[int, int]]]:
    """Join (t_id, sentence, word) tokens into text; sentences on their own lines.

    Returns the text and each token's (start, end) code-point span.
    """
    parts: list[str] = []
    spans: dict[str, tuple[int, int]] = {}
    pos = 0
    prev_sentence: int | None = None
    prev_word = ""
    quote_open = False
    for t_id, sentence, word in tokens:
        if prev_sentence is None:
            sep = ""
        elif sentence != prev_sentence:
            sep = "\n"
            quote_open = False
        elif _NO_SPACE_BEFORE.match(word) or prev_word in _NO_SPACE_AFTER:
            sep = ""
        elif word == '"':
            sep = "" if quote_open else " "
        elif prev_word == '"' and quote_open:
            sep = ""
        else:
            sep = " "
        if word == '"':
            quote_open = not quote_open
        parts.append(sep)
        pos += len(sep)
        spans[t_id] = (pos, pos + len(word))
        parts.append(word)
        pos += len(word)
        prev_sentence, prev_word = sentence, word
    return "".join(parts), spans


def _parse_date(value: str) -> date | None:
    m = re.match(r"(\d{4})-(\d{2})-(\d{2})", value)
    dmy = re.fullmatch(r"(\d{2})-(\d{2})-(\d{4})", value)  # one file writes DD-MM-YYYY
    try:
        if m:
            return date(int(m[1]), int(m[2]), int(m[3]))
        if dmy:
            return date(int(dmy[3]), int(dmy[2]), int(dmy[1]))
    except ValueError:
        return None
    return None


def _dateline_date(doc: Doc, finder: Callable[..., list[Timex]]) -> date | None:
    """For the two files without a DCT: the date the finder reads in the title or dateline."""
    head = "\n".join(doc.text.split("\n")[:2])
    for t in finder(head, published=None):
        d = _parse_date(t.value or "")
        if d:
            return d
    return None


def load_document(path: Path) -> Doc:
    try:
        root = ET.parse(path).getroot()
    except (ET.ParseError, OSError) as err:
        raise InputError(
            f"cannot read MEANTIME file: {err}",
            where=str(path),
            hint="check that the corpus is complete and unmodified",
        ) from err
    tokens = [
        (t.get("t_id", ""), int(t.get("sentence", "0")), t.text or "") for t in root.iter("token")
    ]
    text, spans = _detokenize(tokens)
    doc = Doc(name=path.stem, folder=path.parent.name, text=text, dct=None, dct_span=None)
    markables = root.find("Markables")
    sentence_of = {t_id: s for t_id, s, _ in tokens}
    annotated = [
        sentence_of[a.get("t_id", "")]
        for a in root.iter("token_anchor")
        if a.get("t_id", "") in sentence_of
    ]
    # Sentences 0-5 (title, dateline, four more) are annotated in every document.
    last = max([*annotated, _ANNOTATED_SENTENCES - 1])
    ends = [spans[t_id][1] for t_id, s, _ in tokens if s <= last]
    doc.scored_end = max(ends) if ends else len(text)
    for tx in markables.iter("TIMEX3") if markables is not None else ():
        anchors = [a.get("t_id", "") for a in tx.iter("token_anchor")]
        anchors = [a for a in anchors if a in spans]
        value = tx.get("value", "")
        if tx.get("functionInDocument") == "CREATION_TIME":
            doc.dct = _parse_date(value)
            if anchors:
                doc.dct_span = (
                    min(spans[a][0] for a in anchors),
                    max(spans[a][1] for a in anchors),
                )
            continue
        if not anchors:  # an empty (non-textual) timex: nothing to find in the text
            continue
        start = min(spans[a][0] for a in anchors)
        end = max(spans[a][1] for a in anchors)
        doc.timexes.append(GoldTimex(start, end, text[start:end], tx.get("type", ""), value))
    doc.timexes.sort(key=lambda g: (g.start, g.end))
    return doc


def load_corpus(
    path: str | os.PathLike[str] | None = None, folders: Iterable[str] | None = None
) -> list[Doc]:
    """Read every MEANTIME XML file under ``path`` (the corpus root or any sub-folder)."""
    root = Path(path) if path is not None else default_corpus_dir()
    if not root.exists():
        raise InputError(
            "MEANTIME corpus not found",
            where=str(root),
            hint="pass the corpus folder or set ANNOTATOR_MEANTIME",
        )
    sub = root / "intra-doc_annotation"
    base = sub if sub.is_dir() else root
    files = sorted(base.rglob("*.xml"))
    if folders is not None:
        wanted = set(folders)
        files = [f for f in files if f.parent.name in wanted]
    return [load_document(f) for f in files]


# ---------------------------------------------------------------- scoring


def _match(gold: Sequence[GoldTimex], system: Sequence[Timex]) -> list[tuple[int, int]]:
    """One-to-one relaxed matching, largest overlap first. Returns (gold index, sys index)."""
    pairs = []
    for gi, g in enumerate(gold):
        for si, s in enumerate(system):
            overlap = min(g.end, s.end) - max(g.start, s.start)
            if overlap > 0:
                pairs.append((-overlap, gi, si))
    pairs.sort()
    used_g: set[int] = set()
    used_s: set[int] = set()
    out = []
    for _, gi, si in pairs:
        if gi not in used_g and si not in used_s:
            used_g.add(gi)
            used_s.add(si)
            out.append((gi, si))
    return out


def _prf(tp_p: int, n_sys: int, tp_r: int, n_gold: int) -> dict[str, float]:
    p = tp_p / n_sys if n_sys else 0.0
    r = tp_r / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"p": p, "r": r, "f1": f}


def _empty_counts() -> dict[str, int]:
    return dict.fromkeys(
        (
            "gold",
            "sys",
            "strict_g",
            "strict_s",
            "relaxed_g",
            "relaxed_s",
            "value_g",
            "value_s",
            "type_ok",
            "matched",
        ),
        0,
    )


def evaluate(
    docs: Sequence[Doc], finder: Callable[..., list[Timex]] = find_timexes
) -> dict[str, Any]:
    """Score ``finder`` on ``docs``; returns {"overall": {...}, "per_type": {TYPE: {...}}, ...}.

    Each block holds strict and relaxed span P/R/F1, value P/R/F1, type accuracy and counts.
    """
    counts = {"overall": _empty_counts(), **{t: _empty_counts() for t in TYPES}}
    errors: list[dict[str, Any]] = []
    started = time.perf_counter()
    for doc in docs:
        dct = doc.dct or _dateline_date(doc, finder)
        system = finder(doc.text, published=dct)
        if doc.dct_span is not None:
            d0, d1 = doc.dct_span
            system = [s for s in system if s.end <= d0 or s.start >= d1]
        system = [s for s in system if s.start < doc.scored_end]
        gold = doc.timexes
        pairs = _match(gold, system)
        by_g = {gi: si for gi, si in pairs}
        by_s = {si: gi for gi, si in pairs}
        for gi, g in enumerate(gold):
            for key in ("overall", g.type):
                c = counts.setdefault(key, _empty_counts())
                c["gold"] += 1
                si = by_g.get(gi)
                if si is None:
                    continue
                s = system[si]
                c["relaxed_g"] += 1
                c["strict_g"] += (s.start, s.end) == (g.start, g.end)
                c["value_g"] += s.value == g.value
                c["matched"] += 1
                c["type_ok"] += s.type == g.type
            if gi not in by_g:
                errors.append({"doc": doc.name, "kind": "missed", "gold": g})
        for si, s in enumerate(system):
            for key in ("overall", s.type):
                c = counts.setdefault(key, _empty_counts())
                c["sys"] += 1
                gold_i = by_s.get(si)
                if gold_i is None:
                    continue
                g = gold[gold_i]
                c["relaxed_s"] += 1
                c["strict_s"] += (s.start, s.end) == (g.start, g.end)
                c["value_s"] += s.value == g.value
            matched = by_s.get(si)
            if matched is None:
                errors.append({"doc": doc.name, "kind": "spurious", "sys": s})
            elif s.value != gold[matched].value or (s.start, s.end) != (
                gold[matched].start,
                gold[matched].end,
            ):
                errors.append({"doc": doc.name, "kind": "wrong", "gold": gold[matched], "sys": s})
    elapsed = time.perf_counter() - started

    def block(c: dict[str, int]) -> dict[str, Any]:
        return {
            "strict": _prf(c["strict_s"], c["sys"], c["strict_g"], c["gold"]),
            "relaxed": _prf(c["relaxed_s"], c["sys"], c["relaxed_g"], c["gold"]),
            "value": _prf(c["value_s"], c["sys"], c["value_g"], c["gold"]),
            "type_accuracy": c["type_ok"] / c["matched"] if c["matched"] else 0.0,
            "gold": c["gold"],
            "system": c["sys"],
        }

    return {
        "documents": len(docs),
        "seconds": elapsed,
        "overall": block(counts["overall"]),
        "per_type": {t: block(counts[t]) for t in TYPES},
        "errors": errors,
    }


def format_report(result: dict[str, Any], title: str = "MEANTIME English") -> str:
    """A plain-text table of the figures in ``result`` (from :func:`evaluate`)."""
    lines = [
        f"{title}: {result['documents']} documents, finder time {result['seconds']:.2f} s",
        ATTRIBUTION,
        f"{'':9} {'gold':>5} {'sys':>5} | {'strict P':>8} {'R':>6} {'F1':>6} | "
        f"{'relax P':>7} {'R':>6} {'F1':>6} | {'value P':>7} {'R':>6} {'F1':>6} | type acc",
    ]
    rows = [("overall", result["overall"]), *list(result["per_type"].items())]
    for name, b in rows:
        s, r, v = b["strict"], b["relaxed"], b["value"]
        lines.append(
            f"{name:9} {b['gold']:5d} {b['system']:5d} | "
            f"{100 * s['p']:8.1f} {100 * s['r']:6.1f} {100 * s['f1']:6.1f} | "
            f"{100 * r['p']:7.1f} {100 * r['r']:6.1f} {100 * r['f1']:6.1f} | "
            f"{100 * v['p']:7.1f} {100 * v['r']:6.1f} {100 * v['f1']:6.1f} | "
            f"{100 * b['type_accuracy']:7.1f}"
        )
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    hold_out = None
    if "--hold-out" in args:
        i = args.index("--hold-out")
        hold_out = args[i + 1] if i + 1 < len(args) else None
        del args[i : i + 2]
    show_errors = "--errors" in args
    args = [a for a in args if a != "--errors"]
    if show_errors and not hold_out:
        print(
            "--errors needs --hold-out FOLDER: the held-out folder's errors are never listed",
            file=sys.stderr,
        )
        return 2
    try:
        docs = load_corpus(args[0] if args else None)
    except InputError as err:
        print(err, file=sys.stderr)
        return 2
    result = evaluate(docs)
    print(format_report(result, "MEANTIME English, all folders"))
    if hold_out:
        held = [d for d in docs if d.folder == hold_out]
        dev = [d for d in docs if d.folder != hold_out]
        print()
        print(format_report(evaluate(dev), f"development folders (without {hold_out})"))
        print()
        print(format_report(evaluate(held), f"held-out folder {hold_out}"))
    if show_errors:  # only the development folders' errors: the held-out folder stays unseen
        dev_errors = evaluate([d for d in docs if d.folder != hold_out])["errors"]
        for e in dev_errors:
            g, s = e.get("gold"), e.get("sys")
            print(
                e["kind"],
                e["doc"][:30],
                f"G[{g.text!r} {g.type} {g.value}]" if g else "",
                f"S[{s.text!r} {s.type} {s.value}]" if s else "",
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
