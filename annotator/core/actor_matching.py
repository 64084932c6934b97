"""Every actor's names and aliases, read once and indexed by word, for the new-item forms.

``suggest.matching_actors`` looks at every actor each time (decoding each one's aliases:
38 ms at 5,000 actors, profiled, every time a form opened). Here the names are decoded once
and filed under their first word, so a passage looks up only the names whose first word it
holds; the store keeps one index per project and builds it again only when actors change.
The answers are ``matching_actors``'s and ``exact_actor``'s (a test holds them to it).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from annotator.core.suggest import _WORD, _name_pattern, _names


def _spaced(name: str) -> str:
    return " ".join(name.split()).casefold()


class ActorNames:
    """The actors as given (``id``, ``name``, ``aliases``), in their order."""

    def __init__(self, actors: Iterable[Mapping[str, Any]]):
        self.actors = list(actors)
        self.by_first_word: dict[str, list[tuple[str, str]]] = {}  # word -> (actor id, name)
        self.wordless: list[tuple[str, str]] = []  # names without a word: always tried
        self.exact: dict[str, str] = {}  # a name, spaced and case-folded -> the first actor
        self.names: list[str] = []  # every name and alias, for completers
        self.name_of = {a["id"]: a["name"] for a in self.actors}
        self.display_names = [a["name"] for a in self.actors]
        for actor in self.actors:
            for name in _names(actor):
                self.names.append(name)
                words = _WORD.findall(name)
                entry = (actor["id"], name)
                if words:
                    self.by_first_word.setdefault(words[0].casefold(), []).append(entry)
                else:
                    self.wordless.append(entry)
                self.exact.setdefault(_spaced(name), actor["id"])

    def matching(self, text: str) -> list[str]:
        """As ``suggest.matching_actors(text, actors)``: ids of actors whose name or alias
        occurs in ``text`` as whole words, in the order they first occur."""
        present = {w.casefold() for w in _WORD.findall(text)}
        first: dict[str, int] = {}
        candidates = [e for w in present for e in self.by_first_word.get(w, ())]
        for actor_id, name in candidates + self.wordless:
            words = _WORD.findall(name)
            if words and not all(w.casefold() in present for w in words):
                continue
            m = _name_pattern(name).search(text)
            if m and (actor_id not in first or m.start() < first[actor_id]):
                first[actor_id] = m.start()
        return [actor_id for _start, actor_id in sorted((s, a) for a, s in first.items())]

    def exact_actor(self, text: str) -> str | None:
        """As ``suggest.exact_actor``: the actor whose name or alias *is* the text."""
        return self.exact.get(_spaced(text))
