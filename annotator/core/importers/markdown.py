"""Markdown to readable plain text: markup that is not content goes, words and punctuation stay.

What is stripped (everything else is kept character for character):

* headings: the leading ``#`` marks and closing ``#`` run; setext underlines (``===``/``---``);
* emphasis markers ``*x*``, ``_x_``, ``**x**``, ``__x__``, ``~~x~~`` (only where they pair up
  around non-space text; ``snake_case``, ``2 * 3`` and a lone ``*`` footnote stay as written);
* links ``[text](url "title")`` and ``[text][ref]`` keep only ``text``; reference definitions
  ``[ref]: url`` are dropped; ``<https://...>`` autolinks keep the address;
* images ``![alt](src)`` are dropped entirely;
* inline code keeps its text without the backticks; fenced code blocks (```` ``` ```` / ``~~~``)
  keep their lines verbatim, only the fence lines go;
* block quote ``>`` markers; thematic breaks (``---``, ``***``); table delimiter rows;
* backslash escapes (``\\*`` becomes ``*``).

Paragraph lines wrapped in the source are joined with a space (a Markdown soft break); a hard
break (two trailing spaces or a trailing backslash) keeps its newline. List markers and table
pipes stay, since they read as text. Inline HTML is left as literal text.
"""

from __future__ import annotations

import re

_FENCE = re.compile(r" {0,3}(`{3,}|~{3,})(.*)")
_ATX = re.compile(r" {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*")
_SETEXT = re.compile(r" {0,3}(=+|-+)[ \t]*")
_HR = re.compile(r" {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*")
_QUOTE = re.compile(r" {0,3}> ?")
_LIST = re.compile(r"\s*(?:[-*+]|\d{1,9}[.)])(?:[ \t]+|$)")
_REFDEF = re.compile(r" {0,3}\[([^\]]+)\]:\s*\S+.*")
_TABLE_DELIM = re.compile(r"\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*")
_INDENTED = re.compile(r"(?: {4}|\t)(.*)")

_CODE_SPAN = re.compile(r"(`+)(.+?)(?<!`)\1(?!`)")
_ESCAPE = re.compile(r"\\([!\"#$%&'()*+,\-./:;<=>?@\[\\\]^_`{|}~])")
_IMAGE = re.compile(r"!\[[^\]]*\](?:\([^)]*\)|\[[^\]]*\])")
_LINK = re.compile(
    r"\[([^\[\]]+)\]\(\s*<?[^()\s>]*(?:\([^()]*\)[^()\s]*)*>?"
    r"(?:\s+(?:\"[^\"]*\"|'[^']*'|\([^)]*\)))?\s*\)"
)
_REFLINK = re.compile(r"\[([^\[\]]+)\]\[([^\[\]]*)\]")
_SHORTCUT = re.compile(r"\[([^\[\]]+)\](?![\[(:])")
_AUTOLINK = re.compile(r"<((?:https?|ftp|mailto):[^>\s]+|[^>\s@]+@[^>\s@]+\.[^>\s@]+)>")
_STRONG_STAR = re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*")
_STRONG_UNDER = re.compile(r"(?<!\w)__(?=\S)(.+?)(?<=\S)__(?!\w)")
_EM_STAR = re.compile(r"(?<![\w*])\*(?=[^\s*])(.+?)(?<=[^\s*])\*(?![\w*])")
_EM_UNDER = re.compile(r"(?<![\w_])_(?=[^\s_])(.+?)(?<=[^\s_])_(?![\w_])")
_STRIKE = re.compile(r"~~(?=\S)(.+?)(?<=\S)~~")
_SLOT = re.compile(r"\x00(\d+)\x00")  # NUL never reaches here: the reader rejects it


def markdown_to_text(source: str) -> str:
    """Convert normalised Markdown (``\\n`` newlines) to the article text."""
    lines = source.split("\n")
    refs = {m.group(1).strip().lower() for ln in lines if (m := _REFDEF.fullmatch(ln))}
    out: list[str] = []
    para: list[str] = []  # inline-converted lines of the current paragraph
    fence: str | None = None
    last_kind = "blank"

    def flush() -> None:
        if para:
            out.append(_join(para))
            para.clear()

    for raw in lines:
        if fence is not None:
            stripped = raw.strip()
            if stripped.startswith(fence) and not stripped.strip(fence[0]):
                fence = None
            else:
                out.append(raw)
            continue
        line = raw
        while _QUOTE.match(line):
            line = line[_QUOTE.match(line).end() :]  # type: ignore[union-attr]
        if m := _FENCE.fullmatch(line):
            flush()
            fence = m.group(1)
            last_kind = "code"
            continue
        if not line.strip():
            flush()
            if out and out[-1] != "":
                out.append("")
            last_kind = "blank" if last_kind != "list" else "list"
            continue
        if para and _SETEXT.fullmatch(line) and last_kind == "para":
            flush()  # the paragraph above was a heading
            continue
        if (
            _HR.fullmatch(line)
            or _REFDEF.fullmatch(line)
            or (_TABLE_DELIM.fullmatch(line) and "|" in line)
        ):
            flush()
            continue
        if m := _ATX.fullmatch(line):
            flush()
            heading = _inline(m.group(2) or "", refs)
            if heading:
                out.append(heading)
            last_kind = "heading"
            continue
        if (m := _INDENTED.fullmatch(line)) and not para and last_kind in ("blank", "code"):
            out.append(m.group(1))  # indented code block: verbatim
            last_kind = "code"
            continue
        if _LIST.match(line) or line.lstrip().startswith("|"):
            flush()
            last_kind = "list" if _LIST.match(line) else "table"
        elif last_kind not in ("para", "list"):
            last_kind = "para"
        converted = _inline(line, refs)
        if converted.strip():
            para.append(converted)
        if last_kind == "table":
            flush()
    flush()
    while out and out[-1] == "":
        out.pop()
    return "\n".join(out) + ("\n" if source.endswith("\n") else "")


def _join(lines: list[str]) -> str:
    """Join wrapped lines with spaces; a hard break keeps its newline."""
    text = ""
    for i, line in enumerate(lines):
        hard = line.endswith("  ") or line.endswith("\\")
        piece = line.strip()
        if i == 0:
            piece = line.rstrip()  # keep the list indentation of the first line
        if hard and piece.endswith("\\"):
            piece = piece[:-1].rstrip()
        text += piece
        if i < len(lines) - 1:
            text += "\n" if hard else " "
    return text


def _inline(line: str, refs: set[str]) -> str:
    slots: list[str] = []

    def keep(text: str) -> str:
        slots.append(text)
        return f"\x00{len(slots) - 1}\x00"

    def code(m: re.Match[str]) -> str:
        inner = m.group(2)
        if len(inner) > 2 and inner[0] == inner[-1] == " ":
            inner = inner[1:-1]
        return keep(inner)

    text = _CODE_SPAN.sub(code, line)
    text = _ESCAPE.sub(lambda m: keep(m.group(1)), text)
    had_image = bool(_IMAGE.search(text))
    text = _IMAGE.sub("", text)
    text = _LINK.sub(r"\1", text)
    text = _REFLINK.sub(
        lambda m: m.group(1) if (m.group(2) or m.group(1)).strip().lower() in refs else m.group(0),
        text,
    )
    text = _SHORTCUT.sub(
        lambda m: m.group(1) if m.group(1).strip().lower() in refs else m.group(0), text
    )
    text = _AUTOLINK.sub(lambda m: keep(m.group(1)), text)
    for pattern in (_STRONG_STAR, _STRONG_UNDER, _STRIKE, _EM_STAR, _EM_UNDER):
        text = pattern.sub(r"\1", text)
    if had_image:
        text = re.sub(r"(?<=\S) {2,}(?=\S)", " ", text).strip()
    while _SLOT.search(text):  # slots may nest (an escape inside a code span's neighbour)
        text = _SLOT.sub(lambda m: slots[int(m.group(1))], text)
    return text
