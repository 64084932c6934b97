"""Uses of "now" and "currently" that TimeML (as MEANTIME annotates it) leaves unmarked.

In a main clause they place the statement in the present ("The store currently sells music",
"The iPod is now smaller"): marked PRESENT_REF. Inside a description of a noun they only
qualify it ("a new design currently under development", "an aircraft Boeing currently has
under development", "the shares the government currently owns"), and after "will" "now"
means "instead" ("will now receive the aircraft next month"): unmarked.
"""

from __future__ import annotations

import re

from annotator.core.dates.timex_base import Ctx

# Where the clause holding the word starts: a comma, a semicolon, a colon, a dash, a bracket.
_CLAUSE_START = re.compile(r"[,;:(\u2013\u2014]|\s-{1,2}\s")
_APPOSITIVE = re.compile(r"^\s*(?:a|an)\s+\S", re.IGNORECASE)
_RELATIVE = re.compile(r"\b(?:which|whom|whose)\b|(?P<w>[A-Za-z]+)\s+that\s", re.IGNORECASE)
# "said that the firm is currently...": "that" after a verb of saying opens a statement.
_SAYING = {
    "said",
    "says",
    "say",
    "saying",
    "announced",
    "reported",
    "added",
    "noted",
    "told",
    "warned",
    "believe",
    "believes",
    "think",
    "thinks",
    "expects",
    "expect",
    "hopes",
    "argued",
    "claimed",
    "stated",
    "confirmed",
    "insisted",
    "explained",
    "revealed",
    "shows",
    "showed",
    "means",
    "so",
    "now",
    "such",
    # "it is clear that", "the problem is that": a statement follows
    "is",
    "was",
    "are",
    "were",
    "be",
    "clear",
    "likely",
    "unlikely",
    "possible",
    "true",
    "sure",
    "certain",
    "aware",
    "evident",
    "obvious",
    "known",
    "fact",
    "hope",
    "fear",
    "feared",
    "suggests",
    "suggested",
    "indicates",
    "indicated",
    "ensure",
    "given",
}
# "will now receive": a change of plan, not the present ("could now be", "can now vie" still
# speak of the present moment and stay marked).
_MODAL_BEFORE = re.compile(r"(?:\b(?:will|would)|'ll|’ll)\s+$", re.IGNORECASE)
_REACH = 80  # how far back a clause is read: bounded, so the finder stays linear
# A participle or a state right after ", now" or ", currently": a reduced relative clause
# describing the noun before the comma ("the bank, now owned by the state", "the plant,
# currently under construction"), as "a new design currently under development" is.
_REDUCED_RELATIVE = re.compile(
    r"\s+(?:[a-z]+ed|known|owned|run|led|held|built|part\s+of|based|under|headed)\b"
)


def unmarked_present(m: re.Match[str], ctx: Ctx) -> bool:
    """Whether ``m`` is "currently" qualifying a noun or "now" meaning "instead"."""
    word = m.group().lower()
    if word not in ("now", "currently"):
        return False
    if _REDUCED_RELATIVE.match(ctx.after(m, 20)) and re.search(r",\s*$", ctx.before(m, 3)):
        return True  # "the bank, now owned by the state,": a description of the noun
    if word == "now":
        return bool(_MODAL_BEFORE.search(ctx.before(m, 20)))
    s0, _ = ctx.sentences.bounds(m.start())
    lead = ctx.text[max(s0, m.start() - _REACH) : m.start()]
    cuts = list(_CLAUSE_START.finditer(lead))
    clause = lead[cuts[-1].end() :] if cuts else lead
    if cuts and _APPOSITIVE.match(clause):
        return True  # ", a new design currently under development"
    for rel in _RELATIVE.finditer(clause):
        if rel["w"] is None or rel["w"].lower() not in _SAYING:
            return True
    return False
