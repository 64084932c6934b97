"""How good the name and speech suggestions are: precision and recall on annotated text.

Names: MEANTIME's entity mentions (``core.dates.meantime`` reads the corpus; © 2015 FBK,
VU Amsterdam, UPV/EHU, CC BY 4.0). Gold: the named mentions (``syntactic_type="NAM"``) of
people (PER), organisations (ORG) and places (LOC), in the part of each article MEANTIME
annotates (title, dateline, first sentences). A suggestion matches a gold mention when the
spans overlap and the kinds agree (person/PER, organisation/ORG, place/LOC); "span only"
counts overlap whatever the kind. Pairs are matched one to one, so one long suggestion
cannot count for two mentions. Names of known actors are left out (the corpus comes with no
actor registry): these are the new-name rules alone. The folder ``corpus_stock`` was kept
apart while the rules were written and is reported on its own. A suggestion on the owner in
a possessive that MEANTIME marks whole ("GM's bondholders", a person) is not judged.

Speech: ``resources/speech/attributions.json``, annotated by hand (see its README). An
attribution matches when it is in the same sentence and its speaker span overlaps the
gold speaker's; "speaker" scores the speaker spans alone over every sentence.

Run: ``python -m annotator.core.suggestions.evaluation [CORPUS_DIR] [--limit N]``.
"""

from __future__ import annotations

import json
import sys
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from annotator.core.dates.meantime import _detokenize, default_corpus_dir
from annotator.core.errors import InputError
from annotator.core.suggestions.find import ActorIndex, find_suggestions

HELD_OUT = "corpus_stock"
_KINDS = {"PER": "person", "ORG": "organisation", "LOC": "place"}
_ANNOTATED_SENTENCES = 6
_NAMED = ("NAM", "PRE.NAM")  # "General Motors"; "US" in "US automaker"


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    kind: str  # person, organisation, place


@dataclass
class NameDoc:
    name: str
    folder: str
    text: str
    gold: list[Mention]  # named mentions: what recall counts
    scored_end: int
    mentions: list[Mention] = field(default_factory=list)  # every typed mention (precision)
    unlinked: list[Mention] = field(default_factory=list)  # mentions of no entity: not judged
    sentences: list[tuple[int, int]] = field(default_factory=list)  # annotated sentences


@dataclass
class Score:
    system: int = 0
    gold: int = 0
    matched: int = 0
    span_matched: int = 0
    correct: int = 0  # suggestions on a mention of the same kind
    span_correct: int = 0
    by_kind: dict[str, list[int]] = field(default_factory=dict)  # [sys, gold, matched, correct]

    def precision(self, span: bool = False) -> float:
        return (
            100 * (self.span_correct if span else self.correct) / self.system
            if self.system
            else 0.0
        )

    def recall(self, span: bool = False) -> float:
        return 100 * (self.span_matched if span else self.matched) / self.gold if self.gold else 0.0


def read_name_doc(path: Path) -> NameDoc:
    try:
        root = ET.parse(path).getroot()
    except (ET.ParseError, OSError) as err:
        raise InputError(f"cannot read MEANTIME file: {err}", where=str(path)) from err
    tokens = [
        (t.get("t_id", ""), int(t.get("sentence", "0")), t.text or "") for t in root.iter("token")
    ]
    text, spans = _detokenize(tokens)
    sentence_of = {t_id: s for t_id, s, _ in tokens}
    annotated = [
        sentence_of[a.get("t_id", "")]
        for a in root.iter("token_anchor")
        if a.get("t_id", "") in sentence_of
    ]
    last = max([*annotated, _ANNOTATED_SENTENCES - 1])
    ends = [spans[t][1] for t, s, _ in tokens if s <= last]
    entity_kind = {e.get("m_id"): e.get("ent_type", "") for e in root.iter("ENTITY")}
    refers = {}
    for r in root.iter("REFERS_TO"):
        src, tgt = r.find("source"), r.find("target")
        if src is not None and tgt is not None:
            refers[src.get("m_id")] = entity_kind.get(tgt.get("m_id"), "")
    gold, mentions, unlinked = [], [], []
    for m in root.iter("ENTITY_MENTION"):
        anchors = [a.get("t_id", "") for a in m.iter("token_anchor") if a.get("t_id") in spans]
        if not anchors:
            continue
        start = min(spans[a][0] for a in anchors)
        end = max(spans[a][1] for a in anchors)
        ent = refers.get(m.get("m_id"))
        if ent is None:
            unlinked.append(Mention(start, end, ""))
            continue
        kind = _KINDS.get(ent)
        if kind is None:
            continue
        mentions.append(Mention(start, end, kind))
        if m.get("syntactic_type") in _NAMED:
            gold.append(Mention(start, end, kind))
    gold.sort(key=lambda g: (g.start, g.end))
    sentences = []
    for s in sorted({0, *range(2, last + 1)}):
        in_s = [spans[t] for t, k, _ in tokens if k == s]
        if in_s:
            sentences.append((in_s[0][0], in_s[-1][1]))
    return NameDoc(
        path.stem, path.parent.name, text, gold, max(ends) if ends else len(text),
        mentions, unlinked, sentences,
    )  # fmt: skip


def name_docs(root: Path | None = None, folders: Sequence[str] | None = None) -> list[NameDoc]:
    base = Path(root) if root is not None else default_corpus_dir()
    if not base.exists():
        raise InputError(
            "MEANTIME corpus not found", where=str(base), hint="pass the corpus folder"
        )
    sub = base / "intra-doc_annotation"
    files = sorted((sub if sub.is_dir() else base).rglob("*.xml"))
    if folders is not None:
        files = [f for f in files if f.parent.name in set(folders)]
    return [read_name_doc(f) for f in files]


def system_names(doc: NameDoc) -> list[Mention]:
    """New-name suggestions in the annotated sentences (title, first body sentences), less
    those on a mention MEANTIME did not link to an entity (its kind is unknown: not judged)."""
    found = find_suggestions(doc.text, ActorIndex([]), None, dates=False)
    out = []
    for c in found:
        if c.kind != "new_actor" or not any(lo <= c.start < hi for lo, hi in doc.sentences):
            continue
        on_typed = any(m.start < c.end and m.end > c.start for m in doc.mentions)
        on_unlinked = any(m.start < c.end and m.end > c.start for m in doc.unlinked)
        if on_unlinked and not on_typed:
            continue
        if _possessive_inside(doc, c.start, c.end, c.guess):
            continue
        out.append(Mention(c.start, c.end, c.guess))
    return out


def _possessive_inside(doc: NameDoc, start: int, end: int, kind: str) -> bool:
    """ "GM's bondholders", "Indonesia's transport minister": MEANTIME marks the whole phrase
    (a person) and not the owner inside it, so a suggestion on the owner is not judged
    (neither right nor wrong) unless a mention of its own kind lies there."""
    if doc.text[end : end + 2] not in ("'s", "’s"):
        return False
    outer = any(m.start == start and m.end > end + 2 for m in doc.mentions)
    return outer and not any(
        m.kind == kind and m.start < end and m.end > start for m in doc.mentions
    )


def _pairs(system: Sequence[Mention], gold: Sequence[Mention], same_kind: bool) -> int:
    """Gold and system spans paired one to one, largest overlap first."""
    options = []
    for i, s in enumerate(system):
        for j, g in enumerate(gold):
            overlap = min(s.end, g.end) - max(s.start, g.start)
            if overlap > 0 and (not same_kind or s.kind == g.kind):
                options.append((-overlap, i, j))
    options.sort()
    used_s: set[int] = set()
    used_g: set[int] = set()
    for _, i, j in options:
        if i not in used_s and j not in used_g:
            used_s.add(i)
            used_g.add(j)
    return len(used_s)


def score_names(docs: Sequence[NameDoc]) -> Score:
    score = Score()
    for doc in docs:
        system = system_names(doc)
        score.system += len(system)
        score.gold += len(doc.gold)
        score.matched += _pairs(system, doc.gold, True)
        score.span_matched += _pairs(system, doc.gold, False)
        # Precision: right when it lies on any mention of an entity of that kind (MEANTIME
        # also annotates "the carmaker General Motors" as one nominal mention).
        score.correct += _pairs(system, doc.mentions, True)
        score.span_correct += _pairs(system, doc.mentions, False)
        for kind in ("person", "organisation", "place"):
            row = score.by_kind.setdefault(kind, [0, 0, 0, 0])
            s = [m for m in system if m.kind == kind]
            g = [m for m in doc.gold if m.kind == kind]
            row[0] += len(s)
            row[1] += len(g)
            row[2] += _pairs(s, g, True)
            row[3] += _pairs(s, doc.mentions, True)
    return score


def _line(label: str, score: Score) -> str:
    return (
        f"{label:<34} docs: precision {score.precision():5.1f}  recall {score.recall():5.1f}"
        f"   span only: precision {score.precision(True):5.1f}  recall {score.recall(True):5.1f}"
        f"   ({score.system} suggested, {score.gold} gold)"
    )


def name_report(root: Path | None = None, limit: int | None = None) -> list[str]:
    docs = name_docs(root)
    if limit:
        per_folder: dict[str, list[NameDoc]] = {}
        for d in docs:
            per_folder.setdefault(d.folder, []).append(d)
        docs = [d for ds in per_folder.values() for d in ds[:limit]]
    dev = [d for d in docs if d.folder != HELD_OUT]
    held = [d for d in docs if d.folder == HELD_OUT]
    lines = ["Names (MEANTIME, named mentions of people, organisations and places):"]
    for label, part in (
        (f"written on ({len(dev)})", dev),
        (f"held out {HELD_OUT} ({len(held)})", held),
        (f"all folders ({len(docs)})", docs if dev and held else []),
    ):
        if not part:
            continue
        score = score_names(part)
        lines.append("  " + _line(label, score))
        for kind, (s, g, m, c) in score.by_kind.items():
            p = 100 * c / s if s else 0.0
            r = 100 * m / g if g else 0.0
            lines.append(
                f"      {kind:<13} precision {p:5.1f}  recall {r:5.1f}  ({s} suggested, {g} gold)"
            )
    return lines


# -- speech ------------------------------------------------------------------------------


def speech_gold_path() -> Path:
    from annotator.core.resources import resources_dir

    return resources_dir() / "speech" / "attributions.json"


def speech_report(root: Path | None = None, gold_path: Path | None = None) -> list[str]:
    from annotator.core.suggestions.sentences import sentence_spans
    from annotator.core.suggestions.speech import find_speech

    data = json.loads((gold_path or speech_gold_path()).read_text(encoding="utf-8"))
    base = Path(root) if root is not None else default_corpus_dir()
    sys_n = gold_n = attr_ok = speaker_ok = 0
    for entry in data["documents"]:
        path = next((base / "intra-doc_annotation").rglob(entry["file"]), None)
        if path is None:
            raise InputError("a document of the speech set is missing", where=entry["file"])
        doc = read_name_doc(path)
        text = doc.text
        sentences = sentence_spans(text)
        gold = []
        for g in entry["attributions"]:
            at = text.find(g["sentence"])
            if at < 0:
                raise InputError(
                    "an annotated sentence is not in the text",
                    where=f"{entry['file']}: {g['sentence'][:40]}",
                )
            s = text.find(g["speaker"], at)
            gold.append((at, at + len(g["sentence"]), s, s + len(g["speaker"])))
        found = [
            a
            for a in find_speech(text, sentences)
            if a.sentence_start < entry.get("upto", len(text))
        ]
        upto = entry.get("upto_sentence")
        if upto is not None:
            limit = sentences[min(upto, len(sentences) - 1)][1]
            found = [a for a in found if a.sentence_start < limit]
        sys_n += len(found)
        gold_n += len(gold)
        used: set[int] = set()
        for a in found:
            for k, (glo, ghi, ss, se) in enumerate(gold):
                if k in used or not (glo <= a.start < ghi):
                    continue
                used.add(k)
                attr_ok += 1
                speaker_ok += int(a.speaker_start < se and a.speaker_end > ss)
                break
    lines = [f"Reported speech ({len(data['documents'])} documents, {gold_n} attributions):"]
    p = 100 * attr_ok / sys_n if sys_n else 0.0
    r = 100 * attr_ok / gold_n if gold_n else 0.0
    lines.append(
        f"  attribution (same sentence): precision {p:5.1f}  recall {r:5.1f}  ({sys_n} found)"
    )
    p = 100 * speaker_ok / sys_n if sys_n else 0.0
    r = 100 * speaker_ok / gold_n if gold_n else 0.0
    lines.append(f"  speaker (and its span)     : precision {p:5.1f}  recall {r:5.1f}")
    return lines


def speed_report(root: Path | None = None, size: int = 60_000) -> list[str]:
    """CPU time of every suggestion for one article of ``size`` characters (MEANTIME texts
    joined), the cache emptied before each of five runs: the best run and the median."""
    import time

    from annotator.core.suggestions.find import _cached
    from annotator.core.suggestions.gazetteer import place_index

    place_index()  # read once per process, not per article
    text = "\n".join(d.text for d in name_docs(root))[:size]
    actors = ActorIndex(
        [{"id": str(i), "name": f"Actor {i}", "aliases": "[]"} for i in range(2000)]
    )
    runs = []
    for _ in range(5):
        _cached.cache_clear()
        start = time.process_time()
        find_suggestions(text, actors, None)
        runs.append(1000 * (time.process_time() - start))
    runs.sort()
    return [
        f"Speed: {len(text):,} characters, 2,000 known actors: best {runs[0]:.0f} ms, "
        f"median {runs[2]:.0f} ms of CPU (dates included)"
    ]


def report(root: Path | None = None, limit: int | None = None) -> list[str]:
    return [*name_report(root, limit), *speech_report(root), *speed_report(root)]


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    limit = None
    if "--limit" in args:
        i = args.index("--limit")
        limit = int(args[i + 1])
        del args[i : i + 2]
    root = Path(args[0]) if args else None
    for line in report(root, limit):
        print(line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
