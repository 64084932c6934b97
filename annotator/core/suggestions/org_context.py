"""Companies and other organisations known by one plain name ("Boeing", "Apple", "Airbus"),
recognised by the words around them, as news writes about companies:

* after the name: "X's chief executive", "X shares", "X Inc" (already an organisation
  word), "X reported / unveiled / posted / sued …" (what companies do; not "said": people
  say too), "X, the carmaker";
* before it: "shares of X", "rival X", "carmaker X", "airline X", "made by X";
* the same name seen so anywhere in the article, or in a longer organisation name ("Boeing
  Co." makes a later "Boeing" one, "Apple Computer" a later "Apple").

Hand-written and measured on MEANTIME's dev folders (``annotator evaluate-suggestions``):
each cue was kept only if it did not lower precision there.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from annotator.core.suggestions.tokens import Token

# What a company is called in the words before its name or after a comma.
_NOUNS = (
    r"(?:company|firm|maker|manufacturer|automaker|carmaker|car\s+maker|planemaker|"
    r"aircraft\s+maker|aerospace\s+(?:company|firm|giant)|airline|carrier|retailer|"
    r"group|giant|conglomerate|bank|insurer|chipmaker|rival|competitor|subsidiary|"
    r"supplier|operator|publisher|broadcaster|newspaper|magazine|agency|startup|"
    r"developer|label|brand)"
)
_AFTER = re.compile(
    r"(?:'s|’s|')?\s+(?:"
    # "X shares", "X's profits" (not "X's chief executive": there the person is named)
    r"(?:shares?|stock|spokesman|spokeswoman|spokesperson|profits?|revenues?|earnings)\b"
    r"|"
    # "X reported", "X has unveiled", "X will cut"
    r"(?:(?:has|have|had|will|would|also)\s+)?"
    r"(?:reported|posted|unveil(?:ed|s)|launch(?:ed|es)|deliver(?:ed|s)|su(?:ed|es)|"
    r"releas(?:ed|es)|introduc(?:ed|es)|manufactur(?:ed|es)|acquir(?:ed|es)|"
    r"recall(?:ed|s)|shipp(?:ed)|ships|employs|hired|laid\s+off|cut\s+\d|"
    r"cuts|plans\s+to|secure[sd]|won\s+(?:a|the)\s+contract|filed\s+for|rolled\s+out|"
    r"will\s+offer|announced|confirmed|said|says)\b"
    r"|"
    # "X, the carmaker", "X, Europe's biggest aircraft maker"
    r",\s+(?:the|a|an|another|[A-Z][\w.]*(?:'s|’s))\s+(?:[\w.-]+\s+){0,3}" + _NOUNS + r"\b"
    r")"
)
_BEFORE = re.compile(
    r"\b(?:(?:[Ss]hares|[Ss]take|[Ss]tock)\s+(?:of|in)|(?:made|built|developed|manufactured|"
    r"produced|owned|acquired|bought)\s+by|orders?\s+(?:from|with)|contract\s+with|"
    r"" + _NOUNS + r")\s+$"
)


def looks_like_company(text: str, tokens: Sequence[Token], i: int, j: int) -> bool:
    """The words around tokens [i, j) say it is an organisation."""
    end = tokens[j - 1].end
    if _AFTER.match(text, end, min(len(text), end + 60)):
        return True
    start = tokens[i].start
    return _BEFORE.search(text, max(0, start - 40), start) is not None
