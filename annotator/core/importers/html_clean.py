"""A saved page's tree made ready for the body extractors: what a reader never sees goes first.

Hidden nodes (the ``hidden`` attribute, ``aria-hidden="true"``, an inline ``display:none``
or ``visibility:hidden``) hold menus, off-screen drawers, consent dialogs and duplicate
copies for other screen sizes: extractors that score text blocks cannot tell them from the
article, so they are removed before any extractor runs. Video players' captions and
transcripts are dropped too: their text belongs to the player, not the article, and some
extractors stop reading at them, losing the paragraphs that follow.
"""

from __future__ import annotations

import re
from typing import Any

_HIDDEN_STYLE = re.compile(r"(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*hidden)\b", re.I)
_KEEP = frozenset({"html", "head", "body"})  # anti-flicker styles hide these until scripts run
_PLAYER = re.compile(
    r"(?:^|[\s_-])(?:video|player|jwplayer|vjs|brightcove|youtube|vimeo|media-?player)"
    r"(?:$|[\s_-])",
    re.I,
)
_PLAYER_TAGS = ("video", "audio", "iframe", "object", "embed")


def is_hidden(element: Any) -> bool:
    if element.tag in _KEEP:
        return False
    if element.get("hidden") is not None:
        return True
    if (element.get("aria-hidden") or "").strip().lower() == "true":
        return True
    return bool(_HIDDEN_STYLE.search(element.get("style") or ""))


def remove_hidden(root: Any) -> int:
    """Drop hidden elements (keeping the text that follows them); return how many went."""
    doomed = [el for el in root.iter() if isinstance(el.tag, str) and is_hidden(el)]
    for element in doomed:
        _drop(element)
    return len(doomed)


def remove_players(root: Any) -> int:
    """Drop media players: the element itself, or its wrapper named like a player."""
    doomed = []
    for element in root.iter(*_PLAYER_TAGS):
        wrapper = element
        for ancestor in element.iterancestors():
            if ancestor.tag in ("article", "main", "body", "section"):
                break
            name = f"{ancestor.get('class') or ''} {ancestor.get('id') or ''}"
            if _PLAYER.search(name) and not ancestor.xpath("boolean(.//p[string-length() > 80])"):
                wrapper = ancestor
        doomed.append(wrapper)
    for element in doomed:
        _drop(element)
    return len(doomed)


def _drop(element: Any) -> None:
    """Remove an element but keep its tail (the text after it belongs to its parent)."""
    parent = element.getparent()
    if parent is None:
        return
    tail = element.tail
    previous = element.getprevious()
    parent.remove(element)
    if tail:
        if previous is not None:
            previous.tail = (previous.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
