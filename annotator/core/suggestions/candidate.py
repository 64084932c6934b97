"""One suggestion in an article: what it is, where, and what accepting it would make."""

from __future__ import annotations

from dataclasses import dataclass

# What a suggestion offers, in the order the reader draws them when two overlap.
KINDS = ("known_actor", "new_actor", "claim", "date")
# The guessed kind of a new name, as the analyst reads it.
GUESSES = ("person", "organisation", "place")


@dataclass(frozen=True)
class Candidate:
    kind: str  # one of KINDS
    start: int  # the marked words, code points into the article text
    end: int
    text: str  # text[start:end]
    # known_actor: the actor's id and name.
    actor_id: str | None = None
    actor_name: str = ""
    # new_actor: person, organisation or place; the app's actor kind to prefill.
    guess: str = ""
    actor_kind: str = ""
    # claim: who spoke (its span and the known actor it names, if any), and the passage to
    # cite (its sentence) and the words claimed (the quote or the reported clause).
    speaker: str = ""
    speaker_start: int = -1
    speaker_end: int = -1
    passage_start: int = -1
    passage_end: int = -1
    claimed: str = ""
    stance: str = ""  # the claim's stance the verb says ("denied": denies), "" if unsure
    # claim by a speaker nobody has made yet: the actor kind to offer it as ("" offers no
    # new actor: "the company", "analysts"); and the words as written when the speaker was
    # read through them ("he", a surname), or a pronoun left unresolved.
    speaker_kind: str = ""
    speaker_said: str = ""
    # date: the phrase's TIMEX3 value (None when it cannot be resolved alone).
    timex_value: str | None = None

    @property
    def key(self) -> tuple[str, int, int, str]:
        """What a dismissal remembers: kind, span and the words (so a moved text forgets)."""
        return (self.kind, self.start, self.end, self.text)
