"""The words a search looks for, and the FTS5 query made of them (no database needed)."""

from __future__ import annotations

import re

TERM = re.compile(r"\w[\w'’-]*", re.UNICODE)


# FTS5's ranking and snippets cost grows with terms × hits: a pasted page of text as the
# query ran for minutes. Each further word only narrows what the first ones found.
MAX_TERMS = 16


def search_terms(text: str) -> list[str]:
    """The words searched for: each once (case aside, first spelling kept), in the order of
    their last use, so the word typed last stays last (it is the prefix); at most MAX_TERMS,
    the first ones and the last."""
    order: dict[str, str] = {}
    for term in TERM.findall(text):
        order[term.casefold()] = order.pop(term.casefold(), term)
    terms = list(order.values())
    return terms if len(terms) <= MAX_TERMS else terms[: MAX_TERMS - 1] + terms[-1:]


def words_left_out(text: str) -> int:
    """How many distinct words of ``text`` the search does not use (to say so)."""
    return max(0, len({t.casefold() for t in TERM.findall(text)}) - MAX_TERMS)


def fts_query(text: str) -> str | None:
    """User words as an FTS5 query: every word must appear, the last one as a prefix.

    Quoting each term keeps FTS5 operators in user input (AND, NEAR, quotes) literal.
    """
    terms = search_terms(text)
    if not terms:
        return None
    quoted = [f'"{t}"' for t in terms]
    quoted[-1] += "*"
    return " ".join(quoted)
