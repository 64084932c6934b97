"""How far two analysts agree, from what each tagged in the same articles.

The unit is a tagged span: a passage of an article cited for an event, an actor or a claim.
Two spans are the same annotation when they overlap by at least half of the shorter one
(analysts rarely select the same words to the character); each span is paired at most
once, best overlap first. A pair is *alike* when both made the same kind of item of it
(exactly alike when the offsets match too) and *different* otherwise; a span with no
partner was tagged by one analyst only. Written here because the agreement measures of the
annotation tools (Cohen's kappa and the like) need the units decided first, and that
pairing is what this does.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

KINDS = ("event", "actor", "claim")
MIN_OVERLAP = 0.5


@dataclass(frozen=True)
class Tagged:
    article: str  # the article's text hash: the same text whatever its id in each file
    start: int
    end: int
    kind: str


@dataclass
class Agreement:
    alike: int = 0
    exact: int = 0  # of the alike ones, with the very same offsets
    different: int = 0
    only_ours: int = 0
    only_theirs: int = 0
    articles: int = 0  # articles both analysts tagged in
    by_kind: dict[str, dict[str, int]] = field(default_factory=dict)

    @property
    def units(self) -> int:
        return self.alike + self.different + self.only_ours + self.only_theirs

    @property
    def share(self) -> float | None:
        """The share of all spans that both tagged alike; None when nobody tagged any."""
        return self.alike / self.units if self.units else None

    def lines(self) -> list[str]:
        if not self.units:
            return ["Agreement: no article was tagged by both of you."]
        share = self.share or 0.0
        out = [
            f"Agreement on {self.units:,} tagged passages in {self.articles:,} shared "
            f"article{'s' if self.articles != 1 else ''}: {100 * share:.0f}% tagged alike "
            f"({self.alike:,}, {self.exact:,} of them to the character), "
            f"{self.different:,} tagged differently, {self.only_ours:,} by you only, "
            f"{self.only_theirs:,} by them only."
        ]
        for kind in KINDS:
            k = self.by_kind.get(kind)
            if k and sum(k.values()):
                out.append(
                    f"  {kind}s: {k['alike']:,} alike, {k['different']:,} different, "
                    f"{k['only_ours']:,} yours only, {k['only_theirs']:,} theirs only"
                )
        return out


def agreement(ours: Iterable[Tagged], theirs: Iterable[Tagged]) -> Agreement:
    mine_by: dict[str, list[Tagged]] = defaultdict(list)
    their_by: dict[str, list[Tagged]] = defaultdict(list)
    for t in sorted(set(ours), key=_order):
        mine_by[t.article].append(t)
    for t in sorted(set(theirs), key=_order):
        their_by[t.article].append(t)
    result = Agreement(by_kind={k: _counts() for k in KINDS})
    shared = set(mine_by) & set(their_by)
    result.articles = len(shared)
    for article in shared:
        mine, their = mine_by[article], their_by[article]
        # Best overlap first; at equal overlap the same kind first (a passage both made an
        # event of is alike even if one of them also made a claim of it).
        pairs = sorted(
            (
                (_overlap(m, t), m.kind == t.kind, -i, -j)
                for i, m in enumerate(mine)
                for j, t in enumerate(their)
            ),
            reverse=True,
        )
        used_m: set[int] = set()
        used_t: set[int] = set()
        for overlap, _same, neg_i, neg_j in pairs:
            i, j = -neg_i, -neg_j
            if overlap < MIN_OVERLAP:
                break
            if i in used_m or j in used_t:
                continue
            used_m.add(i)
            used_t.add(j)
            m, t = mine[i], their[j]
            if m.kind == t.kind:
                result.alike += 1
                result.exact += (m.start, m.end) == (t.start, t.end)
                _count(result, m.kind, "alike")
            else:
                result.different += 1
                _count(result, m.kind, "different")
        for i, m in enumerate(mine):
            if i not in used_m:
                result.only_ours += 1
                _count(result, m.kind, "only_ours")
        for j, t in enumerate(their):
            if j not in used_t:
                result.only_theirs += 1
                _count(result, t.kind, "only_theirs")
    return result


def _order(t: Tagged) -> tuple[str, int, int, str]:
    return (t.article, t.start, t.end, t.kind)  # the same figures on every run


def _overlap(a: Tagged, b: Tagged) -> float:
    inter = min(a.end, b.end) - max(a.start, b.start)
    shorter = min(a.end - a.start, b.end - b.start)
    return inter / shorter if inter > 0 and shorter > 0 else 0.0


def _counts() -> dict[str, int]:
    return {"alike": 0, "different": 0, "only_ours": 0, "only_theirs": 0}


def _count(result: Agreement, kind: str, what: str) -> None:
    result.by_kind.setdefault(kind, _counts())[what] += 1
