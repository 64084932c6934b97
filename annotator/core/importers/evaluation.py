"""Score the HTML importer on the article extraction benchmark, beside two plain extractors.

The corpus folder holds ``ground-truth.json`` (``articleBody`` and ``url`` per page id) and
``html/<id>.html.gz``. Scoring follows the benchmark's own ``evaluate.py``: 4-word shingles
of ``\\w+`` tokens, true/false positives and negatives per page normalised to sum to 1, then
precision and recall averaged over pages and F1 from the two averages. The benchmark has no
titles or bylines, so for those only how often one was found is reported.
"""

from __future__ import annotations

import gzip
import json
import os
import re
import time
import warnings
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from annotator.core.errors import AnnotatorError, InputError

DEFAULT_CORPUS = (
    Path(__file__).resolve().parents[4] / "shared" / "corpora" / "article-extraction-benchmark"
)
ATTRIBUTION = "article-extraction-benchmark (Zyte/scrapinghub), MIT licence"
_TOKEN = re.compile(r"\w+")

Extractor = Callable[[str], tuple[str, dict[str, str | None]]]


def default_corpus_dir() -> Path:
    env = os.environ.get("ANNOTATOR_ARTICLE_BENCHMARK")
    return Path(env) if env else DEFAULT_CORPUS


@dataclass
class Score:
    name: str
    counts: list[tuple[float, float, float]] = field(default_factory=list)
    titles: int = 0
    bylines: int = 0
    seconds: float = 0.0

    @property
    def precision(self) -> float:
        return _mean([tp / (tp + fp) if tp + fp else 0.0 for tp, fp, fn in self.counts if tp + fp])

    @property
    def recall(self) -> float:
        return _mean([tp / (tp + fn) if tp + fn else 0.0 for tp, fp, fn in self.counts if tp + fn])

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def shingle_counts(true: str, pred: str) -> tuple[float, float, float]:
    """(tp, fp, fn) over 4-word shingles, normalised so every page weighs the same."""
    t, p = _shingles(true), _shingles(pred)
    if not t and not p:
        return (0.0, 0.0, 0.0)  # both empty: the page counts in neither average
    tp = sum(min(t[s], p[s]) for s in t.keys() | p.keys())
    fp = sum(max(0, p[s] - t[s]) for s in p)
    fn = sum(max(0, t[s] - p[s]) for s in t)
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total)


def load_corpus(folder: Path) -> list[tuple[str, bytes, str]]:
    """(page id, page bytes, expected body) for every page of the benchmark."""
    truth_file = folder / "ground-truth.json"
    try:
        truth = json.loads(truth_file.read_text(encoding="utf-8"))
        return [
            (
                key,
                gzip.decompress((folder / "html" / f"{key}.html.gz").read_bytes()),
                value["articleBody"],
            )
            for key, value in truth.items()
        ]
    except (OSError, ValueError, KeyError, TypeError) as err:
        raise InputError(
            f"is not the article extraction benchmark ({err})",
            where=str(folder),
            hint="pass the folder holding ground-truth.json and html/",
        ) from err


def ours(source: str) -> tuple[str, dict[str, str | None]]:
    from annotator.core.importers.html import html_to_article

    return html_to_article(source, "page")


def trafilatura_default(source: str) -> tuple[str, dict[str, str | None]]:
    import trafilatura

    return trafilatura.extract(source) or "", {}


def readability_default(source: str) -> tuple[str, dict[str, str | None]]:
    import lxml.html  # type: ignore[import-untyped]
    from readability import Document  # type: ignore[import-untyped]

    summary = Document(source).summary(html_partial=True)
    if not summary.strip():
        return "", {}
    return lxml.html.fromstring(summary).text_content(), {}


EXTRACTORS: dict[str, Extractor] = {
    "ours": ours,
    "trafilatura": trafilatura_default,
    "readability-lxml": readability_default,
}


def evaluate(pages: list[tuple[str, bytes, str]], extractors: dict[str, Extractor]) -> list[Score]:
    from annotator.core.importers.reader import decode_bytes

    scores = [Score(name) for name in extractors]
    for key, data, truth in pages:
        try:
            source = decode_bytes(data, key)
        except AnnotatorError:
            source = data.decode("utf-8", "replace")
        for score, extract in zip(scores, extractors.values(), strict=True):
            started = time.perf_counter()
            body, meta = _run(extract, source)
            score.seconds += time.perf_counter() - started
            score.counts.append(shingle_counts(truth, body))
            score.titles += bool(meta.get("title"))
            score.bylines += bool(meta.get("author"))
    return scores


def format_report(scores: list[Score], pages: int) -> str:
    lines = [
        f"Article body on {pages} pages ({ATTRIBUTION})",
        f"{'extractor':18} {'P':>6} {'R':>6} {'F1':>6} {'seconds':>8}",
    ]
    for s in scores:
        lines.append(f"{s.name:18} {s.precision:6.3f} {s.recall:6.3f} {s.f1:6.3f} {s.seconds:8.1f}")
    mine = scores[0]
    lines.append(
        "title and byline: the benchmark has no ground truth for them; "
        f"ours found a title on {mine.titles}/{pages} pages, a byline on {mine.bylines}/{pages}"
    )
    return "\n".join(lines)


def _run(extract: Extractor, source: str) -> tuple[str, dict[str, str | None]]:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return extract(source)
    except AnnotatorError:
        return "", {}  # a page refused counts as an empty body


def _shingles(text: str) -> Counter[tuple[str, ...]]:
    tokens = _TOKEN.findall(text or "")
    return Counter(tuple(tokens[i : i + 4]) for i in range(max(1, len(tokens) - 3)) if tokens)


def _mean(values: list[float]) -> float:
    return sum(values) / len(values) if values else 0.0
