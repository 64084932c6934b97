"""Which CSV cells a spreadsheet would run as a formula (CSV injection), and nothing more.

A spreadsheet opening a CSV skips leading blanks and invisible characters, then reads a cell
that starts with ``=``, ``+``, ``-`` or ``@`` as a formula; East Asian input methods make the
full-width forms (``＝ ＋ － ＠``) count too. A formula can call functions (``HYPERLINK``,
``WEBSERVICE``) or other programs (DDE, ``cmd|' /C calc'!A0``), so such a cell gets a
leading ``'``, which spreadsheets read as "this is text". Adding the ``'`` to harmless text
changes what the analyst sees, so it is added only where a formula could run.
"""

from __future__ import annotations

import unicodedata

# Leading characters a spreadsheet does not show or skips before it looks for a formula:
# controls (tab, CR, LF), every Unicode space (U+00A0, U+3000, ...) and line separator, and
# format characters (U+200B..U+200D, U+2060, U+FEFF, bidi marks). Skipping more than a given
# spreadsheet does can only add a ``'``, never let a formula through.
IGNORED_CATEGORIES = frozenset({"Cc", "Cf", "Zs", "Zl", "Zp"})

# ``=`` and ``@`` always start a formula (``@`` is Excel's implicit-intersection call);
# full-width forms are always treated as triggers, since nothing else reads them as numbers.
ALWAYS = frozenset("=@＝＠＋－")
SIGNS = frozenset("+-")
# OWASP's list: a cell whose very first character is a tab or CR is neutralised whatever
# follows, as some importers split on them and start a new cell with what comes next.
FIRST_CHARACTER = frozenset("\t\r")


def _signed_text_is_inert(rest: str) -> bool:
    """``rest`` follows a leading ``+`` or ``-``: True when no formula could come of it.

    Only a sign followed by a digit and then letters, digits, spaces, ``.`` and ``%`` is
    let through (``-5``, ``-5 dead``, ``+33 1 23 45``, ``-2.5%``), and signs alone (``-``,
    ``--``). Anything else (``(``, ``!``, ``|``, ``:``, ``,``, quotes, another operator) is
    what a function call, a DDE link, a cell reference or arithmetic needs, so it is not.
    """
    body = rest.lstrip("+- ")
    if not body:
        return True  # "-", "+", "- -": a bare sign is not a formula anyone can run
    if not rest[0].isascii() or not rest[0].isdigit():
        return False  # -A1, +SUM(...), - 5: a reference, a call or an expression
    return all(ch.isalnum() or ch in " .%" for ch in rest[1:])


def needs_neutralising(text: str) -> bool:
    """True when a spreadsheet opening ``text`` as a CSV cell would read it as a formula.

    Cases (``'`` is added when this is True):

    * ``=1+1``, ``@SUM(A1)``, ``＝1+1``, ``＠cmd``, ``＋1``, ``－1``: always;
    * ``-A1``, ``+SUM(A1)``, ``-2+3``, ``-1+cmd|' /C calc'!A0``: a sign, then not a number;
    * ``"\\t=1"``, ``"\\r=1"``, ``"\\tabc"``: a tab or CR first, always (OWASP);
    * ``"  =1"``, ``"\\n=1"``, ``"\\u00a0=1"``, ``"\\u200b=1"``, ``"\\ufeff@x"``,
      ``"\\u3000=1"``: a trigger after characters a spreadsheet skips;
    * not: ``-5``, ``-5 dead``, ``+33 1 23 45``, ``-``, ``a=b``, ``""``, ``'=1`` (already
      text), ``5-3``, or ``-5 dead`` after skipped characters.
    """
    if not text:
        return False
    if text[0] in FIRST_CHARACTER:
        return True
    i = 0
    while i < len(text) and unicodedata.category(text[i]) in IGNORED_CATEGORIES:
        i += 1
    if i == len(text):
        return False
    first = text[i]
    if first in ALWAYS:
        return True
    if first in SIGNS:
        return not _signed_text_is_inert(text[i + 1 :])
    return False
