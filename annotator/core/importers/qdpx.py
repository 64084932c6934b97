"""Reading a REFI-QDA project (.qdpx) made by NVivo, ATLAS.ti, MAXQDA, QualCoder or this app.

Only what a chronology can hold is read: users, the code tree, text sources with their
plain-text selections, codings and notes. Everything is checked before anything is returned,
so a bad file is one ``InputError`` and the project is never touched.

Offsets: the standard counts Unicode characters, start inclusive, end exclusive. Two pitfalls
are handled here: the source file may carry a byte order mark, ``\\r\\n`` newlines or
decomposed accents, which the stored text does not (``normalize_text``), so each position is
mapped onto the normalised text; and a selection whose end lies beyond the text (some tools
count UTF-16 units or bytes) is refused by name rather than cut short.

Parsed with the standard library: expat refuses entity-expansion bombs by itself, and the
file's external entities are never fetched.
"""

from __future__ import annotations

import unicodedata
import uuid
import xml.etree.ElementTree as ET
import zipfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from annotator.core.errors import InputError
from annotator.core.text import normalize_text

NS = "urn:QDA-XML:project:1.0"
PROJECT_FILE = "project.qde"
MAX_MEMBER = 200 * 1024 * 1024  # a zip member larger than this is refused, not read


@dataclass
class QdaCode:
    guid: str
    name: str
    description: str
    parent: str | None  # the parent code's GUID
    color: str = ""  # as the file writes it (#RRGGBB), '' when it gives none
    notes: list[str] = field(default_factory=list)  # GUIDs of the notes it refers to


@dataclass
class QdaSelection:
    guid: str
    name: str
    start: int  # code points into the source's normalised text
    end: int
    codes: list[str]  # GUIDs of the codes applied
    notes: list[str]  # the texts of the notes it refers to
    user: str | None  # the creating user's name
    created: str | None
    note_refs: list[str] = field(default_factory=list)  # GUIDs of those notes


@dataclass
class QdaNote:
    guid: str
    name: str
    text: str
    user: str | None
    created: str | None
    modified: str | None


@dataclass
class QdaSource:
    guid: str
    name: str
    description: str
    text: str  # normalised (core.text.normalize_text)
    user: str | None
    created: str | None
    selections: list[QdaSelection] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # GUIDs of the notes it refers to


@dataclass
class QdaProject:
    codes: dict[str, QdaCode]
    sources: list[QdaSource]
    notes: dict[str, QdaNote] = field(default_factory=dict)


def _q(tag: str) -> str:
    return f"{{{NS}}}{tag}"


def canonical_guid(value: str | None, where: str) -> str:
    """A GUID as lower-case 8-4-4-4-12 (the standard also allows braces and upper case)."""
    try:
        return str(uuid.UUID((value or "").strip().strip("{}")))
    except ValueError:
        raise InputError(
            f"{value!r} is not a GUID", where=where, hint="the file is not valid QDA-XML"
        ) from None


def _read_member(zf: zipfile.ZipFile, name: str, where: str) -> bytes:
    try:
        info = zf.getinfo(name)
    except KeyError:
        raise InputError(
            f"has no {name}", where=where, hint="a .qdpx holds project.qde and sources/"
        ) from None
    if info.file_size > MAX_MEMBER:
        raise InputError(f"{name} is larger than {MAX_MEMBER // 2**20} MB", where=where)
    try:
        return zf.read(info)
    except (zipfile.BadZipFile, OSError, EOFError) as exc:
        raise InputError(f"{name} cannot be read ({exc})", where=where) from None


def _member_name(path: str) -> str:
    """The zip member a ``plainTextPath`` names: ``internal://x.txt`` is ``sources/x.txt``."""
    if path.startswith("internal://"):
        return str(PurePosixPath("sources") / path[len("internal://") :].lstrip("/"))
    return path


def _decode(data: bytes, where: str) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(
            f"is not UTF-8 text (byte {exc.start})", where=where, hint="save it as UTF-8"
        ) from None


def position_map(raw: str) -> list[int]:
    """For each position 0..len(raw) of the raw text, its position in ``normalize_text(raw)``.

    Built once per source: newlines and the byte order mark are mapped exactly; text between
    them is normalised run by run (NFC can only merge characters, never move them apart).
    """
    mapped = [0] * (len(raw) + 1)
    out = 0
    i = 0
    if raw.startswith("\ufeff"):
        i = 1
    while i < len(raw):
        j = i
        while j < len(raw) and raw[j] not in "\r\n":
            j += 1
        run = raw[i:j]
        # per-character positions inside the run: the NFC length of each prefix
        for k in range(len(run)):
            mapped[i + k] = out + len(unicodedata.normalize("NFC", run[:k]))
        out += len(unicodedata.normalize("NFC", run))
        if j < len(raw):
            mapped[j] = out
            step = 2 if raw.startswith("\r\n", j) else 1
            if step == 2:
                mapped[j + 1] = out + 1  # inside a \r\n: the end of the one newline
            out += 1
            j += step
        i = j
    mapped[len(raw)] = out
    return mapped


def start_position(raw: str, mapped: list[int], pos: int) -> int:
    """Where a selection starting at ``pos`` starts in the normalised text.

    ``mapped`` gives ends: a position inside a ``\r\n`` pair ends after its newline (the
    ``\r`` before it was selected). A selection starting there holds the ``\n``, so it
    starts at that newline instead.
    """
    if 0 < pos < len(raw) and raw[pos - 1] == "\r" and raw[pos] == "\n":
        return mapped[pos] - 1
    return mapped[pos]


def _users(root: ET.Element) -> dict[str, str]:
    users: dict[str, str] = {}
    for user in root.iter(_q("User")):
        key = canonical_guid(user.get("guid"), "User")
        users[key] = user.get("name") or user.get("id") or key
    return users


def _codes(root: ET.Element) -> dict[str, QdaCode]:
    codes: dict[str, QdaCode] = {}

    def walk(element: ET.Element, parent: str | None) -> None:
        for code in element.findall(_q("Code")):
            key = canonical_guid(code.get("guid"), f"Code {code.get('name')!r}")
            codes[key] = QdaCode(
                guid=key,
                name=(code.get("name") or "").strip() or key,
                description=code.findtext(_q("Description")) or "",
                parent=parent,
                color=(code.get("color") or "").strip(),
                notes=_refs(code, f"Code {code.get('name')!r}"),
            )
            walk(code, key)

    for holder in root.iter(_q("Codes")):
        walk(holder, None)
    return codes


def _refs(element: ET.Element, where: str) -> list[str]:
    """The GUIDs of the notes an element refers to (its own NoteRef children)."""
    return [canonical_guid(n.get("targetGUID"), where) for n in element.findall(_q("NoteRef"))]


def _notes(
    root: ET.Element, zf: zipfile.ZipFile, where: str, users: dict[str, str]
) -> dict[str, QdaNote]:
    notes: dict[str, QdaNote] = {}
    for note in root.iter(_q("Note")):
        key = canonical_guid(note.get("guid"), "Note")
        text = note.findtext(_q("PlainTextContent"))
        if text is None and note.get("plainTextPath"):
            member = _member_name(note.get("plainTextPath") or "")
            text = _decode(_read_member(zf, member, where), f"{where}: {member}")
        notes[key] = QdaNote(
            guid=key,
            name=note.get("name") or "",
            text=normalize_text(text or "").strip(),
            user=users.get(_maybe_guid(note.get("creatingUser")) or ""),
            created=note.get("creationDateTime"),
            modified=note.get("modifiedDateTime"),
        )
    return notes


def read_qdpx(path: str | Path) -> QdaProject:
    """The text sources, codes and selections of a .qdpx file, checked."""
    where = str(path)
    try:
        zf = zipfile.ZipFile(path)
    except FileNotFoundError:
        raise InputError("no such file", where=where) from None
    except (zipfile.BadZipFile, OSError) as exc:
        raise InputError(
            f"is not a .qdpx (zip) file ({exc})",
            where=where,
            hint="export the project from the other program as REFI-QDA (.qdpx)",
        ) from None
    with zf:
        data = _read_member(zf, PROJECT_FILE, where)
        try:
            root = ET.fromstring(data)
        except ET.ParseError as exc:
            raise InputError(
                f"{PROJECT_FILE} is not well-formed XML ({exc})", where=where
            ) from None
        if root.tag != _q("Project"):
            raise InputError(
                f"{PROJECT_FILE} is not a QDA-XML project (root element {root.tag!r})",
                where=where,
                hint=f"the root must be Project in namespace {NS}",
            )
        users = _users(root)
        codes = _codes(root)
        notes = _notes(root, zf, where, users)
        texts = {k: n.text for k, n in notes.items()}
        sources = [
            _source(element, zf, where, users, codes, texts)
            for element in root.iter(_q("TextSource"))
            if element.get("plainTextPath") or element.find(_q("PlainTextContent")) is not None
        ]
    return QdaProject(codes=codes, sources=sources, notes=notes)


def _int(value: str | None, where: str) -> int:
    try:
        return int(value or "")
    except ValueError:
        raise InputError(f"{value!r} is not a whole number", where=where) from None


def _source(
    element: ET.Element,
    zf: zipfile.ZipFile,
    where: str,
    users: dict[str, str],
    codes: dict[str, QdaCode],
    notes: dict[str, str],
) -> QdaSource:
    key = canonical_guid(element.get("guid"), "TextSource")
    name = element.get("name") or key
    here = f"{where}: source {name!r}"
    inline = element.findtext(_q("PlainTextContent"))
    if inline is not None:
        raw = inline
    else:
        member = _member_name(element.get("plainTextPath") or "")
        raw = _decode(_read_member(zf, member, where), f"{where}: {member}")
    # utf-8-sig took a leading BOM off the file; one inside PlainTextContent is mapped here
    mapped = position_map(raw)
    source = QdaSource(
        guid=key,
        name=name,
        description=element.findtext(_q("Description")) or "",
        text=normalize_text(raw),
        user=users.get(_maybe_guid(element.get("creatingUser")) or ""),
        created=element.get("creationDateTime"),
        notes=_refs(element, here),
    )
    for sel in element.findall(_q("PlainTextSelection")):
        sel_key = canonical_guid(sel.get("guid"), f"{here}: PlainTextSelection")
        sel_where = f"{here}: selection {sel_key}"
        start = _int(sel.get("startPosition"), f"{sel_where}: startPosition")
        end = _int(sel.get("endPosition"), f"{sel_where}: endPosition")
        if not 0 <= start < end <= len(raw):
            raise InputError(
                f"positions {start}-{end} lie outside the text ({len(raw)} characters)",
                where=sel_where,
                hint="the other program may count bytes or UTF-16 units; re-export from it",
            )
        first = start_position(raw, mapped, start)
        if first == mapped[end]:
            raise InputError("selects only a line break", where=sel_where)
        applied = []
        for coding in sel.findall(_q("Coding")):
            code_ref = coding.find(_q("CodeRef"))
            target = code_ref.get("targetGUID") if code_ref is not None else None
            ref = canonical_guid(target, f"{sel_where}: CodeRef")
            if ref not in codes:
                raise InputError(
                    f"refers to code {ref}, which the file does not hold", where=sel_where
                )
            applied.append(ref)
        refs = [canonical_guid(n.get("targetGUID"), sel_where) for n in sel.findall(_q("NoteRef"))]
        source.selections.append(
            QdaSelection(
                guid=sel_key,
                name=sel.get("name") or "",
                start=first,
                end=mapped[end],
                codes=applied,
                notes=[notes[r] for r in refs if notes.get(r)],
                user=users.get(_maybe_guid(sel.get("creatingUser")) or ""),
                created=sel.get("creationDateTime"),
                note_refs=refs,
            )
        )
    return source


def _maybe_guid(value: str | None) -> str | None:
    try:
        return str(uuid.UUID((value or "").strip().strip("{}"))) if value else None
    except ValueError:
        return None
