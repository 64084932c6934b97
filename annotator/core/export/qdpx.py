"""REFI-QDA project exchange (.qdpx): what NVivo, ATLAS.ti, MAXQDA and QualCoder read and write.

A .qdpx is a zip holding ``project.qde`` (QDA-XML, namespace ``urn:QDA-XML:project:1.0``) and
each text source as a UTF-8 file under ``sources/``, named by ``plainTextPath``
(``internal://<guid>.txt``).

* Articles are ``TextSource`` elements; their GUID is the article's id, so a file exported twice
  names the same source the same way. Outlet, author, URL, publication date and language go in
  the source's Description as ``key: value`` lines (the importer reads them back).
* Events, actors and claims are codes: one parent code per kind, one code per item (its GUID is
  the item's id). Tags are codes under a "Tags" parent. The parents have fixed GUIDs, which is
  how an import tells a file written here from one written by another tool.
* Each citation is a ``PlainTextSelection`` (GUID = the citation's id) on its article, with one
  ``Coding`` for the item and one per tag the item carries; the citation's note is a ``Note``
  the selection refers to. Users are the analysts who created sources and selections.
* Memos are ``Note`` elements too (GUID = the memo's id), referred to by a ``NoteRef`` where
  QDA-XML puts one: in the item's code, in the article's ``TextSource``, and for a memo on a
  passage in a ``PlainTextSelection`` of its own (GUID derived from the passage's span, no
  coding). A memo on a passage whose offsets no longer fit its text keeps its ``Note`` only.

Positions are Unicode code points, ``startPosition`` inclusive and ``endPosition`` exclusive
(Python slicing, as QualCoder's ``pos0``/``pos1``), over the text exactly as written to
``sources/`` (the stored text: NFC, ``\\n`` newlines, no byte order mark). Every element is
sorted by a key that survives an import (names, GUIDs, positions), so exporting, importing and
exporting again gives the same ``project.qde``.

The XML is built with the standard library's ElementTree; no library writes QDA-XML.
"""

from __future__ import annotations

import io
import re
import uuid
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from annotator.core.export.common import Index, passage_span
from annotator.core.export.memos import notes_by_target

NS = "urn:QDA-XML:project:1.0"
ORIGIN = "Timeline Annotator"
PROJECT_NAME = "Timeline Annotator chronology"
# Fixed namespace: every GUID derived here is the same in every file and every run.
GUID_NS = uuid.UUID("6f1d3c2a-8e47-4b1f-a0c5-2d9e7b3f4a61")
KINDS = (("event", "Events"), ("actor", "Actors"), ("claim", "Claims"))
TAGS_PARENT = "Tags"
DESCRIPTION_KEYS = ("outlet", "author", "url", "published", "language")
ZIP_DATE = (1980, 1, 1, 0, 0, 0)  # fixed member times: the same project gives the same bytes

# Characters XML 1.0 cannot hold at all; ElementTree would write them and make the file unreadable.
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")

ET.register_namespace("", NS)


def xml_safe(value: str) -> str:
    return NOT_XML.sub("\ufffd", value)


def guid(value: str) -> str:
    """A GUID for one of our ids: 32-hex ids as they are, any other id derived from it."""
    try:
        return str(uuid.UUID(hex=value))
    except ValueError:
        return str(uuid.uuid5(GUID_NS, value))


def derived_guid(*parts: str) -> str:
    return str(uuid.uuid5(GUID_NS, "\x1f".join(parts)))


def parent_guid(kind: str) -> str:
    """The fixed GUID of the parent code for ``event``, ``actor``, ``claim`` or ``tag``."""
    return derived_guid("parent", kind)


def tag_guid(tag: str) -> str:
    return derived_guid("tag", tag)


def user_guid(name: str) -> str:
    return derived_guid("user", name)


def source_path(source_guid: str) -> str:
    return f"internal://{source_guid}.txt"


def _q(tag: str) -> str:
    return f"{{{NS}}}{tag}"


def _sub(parent: ET.Element, tag: str, **attrs: str | None) -> ET.Element:
    return ET.SubElement(
        parent, _q(tag), {k: xml_safe(v) for k, v in attrs.items() if v is not None}
    )


def _text(parent: ET.Element, tag: str, value: str) -> None:
    _sub(parent, tag).text = xml_safe(value)


def escape_line(value: str) -> str:
    """One description line's value: backslashes and newlines escaped, nothing trimmed."""
    return value.replace("\\", "\\\\").replace("\n", "\\n")


def unescape_line(value: str) -> str:
    return re.sub(r"\\(.)", lambda m: "\n" if m[1] == "n" else m[1], value)


def source_description(article: dict[str, Any]) -> str:
    """``key: value`` lines for the article's metadata (read back by the importer)."""
    published = (article.get("published") or {}).get("value")
    values = {**article, "published": published}
    return "\n".join(
        f"{k}: {escape_line(str(values[k]))}" for k in DESCRIPTION_KEYS if values.get(k)
    )


@dataclass(frozen=True)
class Selection:
    guid: str
    source: str
    start: int
    end: int
    codes: tuple[str, ...]
    note: str
    user: str | None
    created: str | None
    memos: tuple[str, ...] = ()  # GUIDs of the memos on the passage (a memo-only selection)


def _selections(doc: dict[str, Any], index: Index) -> list[Selection]:
    """One selection per citation whose passage has a span inside its article's text."""
    found: list[Selection] = []
    items = [item for kind, _ in KINDS for item in doc[f"{kind}s"] if item.get("citations")]
    for item in items:
        for citation in item["citations"]:
            passage = index.passages.get(citation["passage_id"])
            article = index.articles.get(passage["article_id"]) if passage else None
            start, end = passage_span(passage)
            if article is None or start is None or end is None:
                continue
            if not 0 <= start < end <= len(article.get("text") or ""):
                continue  # an orphaned passage: its offsets no longer fit the text
            tags = sorted(set(item.get("tags") or []))
            found.append(
                Selection(
                    guid=guid(citation["id"]),
                    source=guid(article["id"]),
                    start=start,
                    end=end,
                    codes=(guid(item["id"]), *(tag_guid(t) for t in tags)),
                    note=citation.get("note") or "",
                    user=citation.get("analyst"),
                    created=citation.get("created"),
                )
            )
    return found + _memo_selections(doc, index)


def _memo_selections(doc: dict[str, Any], index: Index) -> list[Selection]:
    """One selection, without codes, per passage that carries memos."""
    found = []
    for (kind, target), memos in sorted(notes_by_target(doc).items()):
        passage = index.passages.get(target) if kind == "passage" else None
        article = index.articles.get(passage["article_id"]) if passage else None
        start, end = passage_span(passage)
        if passage is None or article is None or start is None or end is None:
            continue
        if not 0 <= start < end <= len(article.get("text") or ""):
            continue
        found.append(
            Selection(
                guid=passage_guid(article["id"], start, end),
                source=guid(article["id"]),
                start=start,
                end=end,
                codes=(),
                note="",
                user=passage.get("analyst"),
                created=passage.get("created"),
                memos=tuple(guid(m["id"]) for m in memos),
            )
        )
    return found


def passage_guid(article_id: str, start: int, end: int) -> str:
    """The selection that carries a passage's memos (a citation's selection is its own):
    named by its span, which an import keeps (the passage's own id it does not)."""
    return derived_guid("passage", article_id, str(start), str(end))


def _users(names: Iterable[str | None]) -> list[str]:
    return sorted({n for n in names if n})


def _code(
    parent: ET.Element,
    code_guid: str,
    name: str,
    description: str = "",
    memos: Iterable[str] = (),
) -> None:
    code = _sub(parent, "Code", guid=code_guid, name=name, isCodable="true")
    if description:
        _text(code, "Description", description)
    for memo in memos:
        _sub(code, "NoteRef", targetGUID=memo)


def _tag_tree(holder: ET.Element, names: list[str], codebook: dict[str, Any]) -> None:
    """Tag codes nested as the codebook arranges them (QDA-XML: a Code holds its children)."""
    by_id = {c["id"]: name for name, c in codebook.items()}
    children: dict[str | None, list[str]] = {}
    for name in names:
        parent = by_id.get((codebook.get(name) or {}).get("parent_id") or "")
        children.setdefault(parent, []).append(name)

    def emit(parent_element: ET.Element, name: str, depth: int) -> None:
        code = codebook.get(name) or {}
        element = _sub(
            parent_element,
            "Code",
            guid=tag_guid(name),
            name=name,
            isCodable="true",
            color=code.get("color") or None,
        )
        if code.get("description"):
            _text(element, "Description", code["description"])
        if depth < len(names):  # a cycle in a damaged document stops here
            for child in children.get(name, []):
                emit(element, child, depth + 1)

    for name in children.get(None, []):
        emit(holder, name, 0)


def _item_name(kind: str, item: dict[str, Any]) -> str:
    return str(item["headline"] if kind == "event" else item["name" if kind == "actor" else "text"])


def _ordered(kind: str, items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """By name, then GUID: both survive an import (dates and creation times may not)."""
    return sorted(items, key=lambda item: (_item_name(kind, item), guid(item["id"])))


def project_xml(doc: dict[str, Any]) -> bytes:
    """``project.qde`` for a chronology document (article texts included)."""
    index = Index(doc)
    selections = _selections(doc, index)
    memos = notes_by_target(doc)

    def memo_refs(kind: str, target: str) -> list[str]:
        return sorted(guid(m["id"]) for m in memos.get((kind, target), []))

    root = ET.Element(_q("Project"), {"name": PROJECT_NAME, "origin": ORIGIN})
    users = _users(
        [a.get("analyst") for a in doc["articles"]]
        + [s.user for s in selections]
        + [m.get("analyst") for m in doc.get("notes") or []]
    )
    if users:
        holder = _sub(root, "Users")
        for name in users:
            _sub(holder, "User", guid=user_guid(name), name=name)
    codes = _sub(_sub(root, "CodeBook"), "Codes")
    for kind, label in KINDS:
        parent = _sub(codes, "Code", guid=parent_guid(kind), name=label, isCodable="false")
        for item in _ordered(kind, doc[f"{kind}s"]):
            description = (item.get("description") or "") if kind != "claim" else ""
            refs = memo_refs(kind, item["id"])
            _code(parent, guid(item["id"]), _item_name(kind, item), description, refs)
    # Only tags on cited items: a tag code is applied through a citation's selection.
    used_tags = sorted(
        {
            t
            for k, _ in KINDS
            for i in doc[f"{k}s"]
            if i.get("citations")
            for t in i.get("tags") or []
        }
    )
    # ... and every tag of the codebook, with its colour, description and place in the tree.
    codebook = {c["name"]: c for c in doc.get("codebook") or []}
    if used_tags or codebook:
        parent = _sub(codes, "Code", guid=parent_guid("tag"), name=TAGS_PARENT, isCodable="false")
        _tag_tree(parent, sorted(set(used_tags) | set(codebook)), codebook)
    by_source: dict[str, list[Selection]] = {}
    for sel in selections:
        by_source.setdefault(sel.source, []).append(sel)
    articles = sorted(doc["articles"], key=lambda a: guid(a["id"]))
    if articles:
        sources = _sub(root, "Sources")
        for article in articles:
            refs = memo_refs("article", article["id"])
            _source(sources, article, by_source.get(guid(article["id"]), []), refs)
    noted = sorted((s for s in selections if s.note), key=lambda s: s.guid)
    all_memos = sorted(doc.get("notes") or [], key=lambda m: guid(m["id"]))
    if noted or all_memos:
        notes = _sub(root, "Notes")
        for sel in noted:
            note = _sub(
                notes,
                "Note",
                guid=derived_guid("note", sel.guid),
                name="Note on a citation",
                creatingUser=user_guid(sel.user) if sel.user else None,
                creationDateTime=sel.created,
            )
            _text(note, "PlainTextContent", sel.note)
        for memo in all_memos:
            _memo(notes, memo)
    ET.indent(root)
    xml: bytes = ET.tostring(root, encoding="utf-8", xml_declaration=True)
    return xml + b"\n"


MEMO_NAME = "Memo on {}"  # the Note's name: what the memo is about, read back by the import


def _memo(parent: ET.Element, memo: dict[str, Any]) -> None:
    user, modified = memo.get("analyst"), memo.get("modified")
    note = _sub(
        parent,
        "Note",
        guid=guid(memo["id"]),
        name=MEMO_NAME.format(memo["about"]["kind"]),
        creatingUser=user_guid(user) if user else None,
        creationDateTime=memo.get("created"),
        modifiedDateTime=modified if modified != memo.get("created") else None,
    )
    _text(note, "PlainTextContent", memo["text"])


def _source(
    parent: ET.Element,
    article: dict[str, Any],
    selections: list[Selection],
    memos: Iterable[str] = (),
) -> None:
    source_guid = guid(article["id"])
    user = article.get("analyst")
    element = _sub(
        parent,
        "TextSource",
        guid=source_guid,
        name=article.get("title") or source_guid,
        plainTextPath=source_path(source_guid),
        creatingUser=user_guid(user) if user else None,
        creationDateTime=article.get("created"),
    )
    description = source_description(article)
    if description:
        _text(element, "Description", description)
    for sel in sorted(selections, key=lambda s: (s.start, s.end, s.guid)):
        user_ref = user_guid(sel.user) if sel.user else None
        selection = _sub(
            element,
            "PlainTextSelection",
            guid=sel.guid,
            startPosition=str(sel.start),
            endPosition=str(sel.end),
            creatingUser=user_ref,
            creationDateTime=sel.created,
        )
        for code in sel.codes:
            coding = _sub(
                selection,
                "Coding",
                guid=derived_guid("coding", sel.guid, code),
                creatingUser=user_ref,
                creationDateTime=sel.created,
            )
            _sub(coding, "CodeRef", targetGUID=code)
        if sel.note:
            _sub(selection, "NoteRef", targetGUID=derived_guid("note", sel.guid))
        for memo in sel.memos:
            _sub(selection, "NoteRef", targetGUID=memo)
    for memo in memos:
        _sub(element, "NoteRef", targetGUID=memo)


def _member(zf: zipfile.ZipFile, name: str, data: bytes) -> None:
    info = zipfile.ZipInfo(name, date_time=ZIP_DATE)
    info.compress_type = zipfile.ZIP_DEFLATED
    zf.writestr(info, data)


def to_qdpx(doc: dict[str, Any]) -> bytes:
    """The .qdpx file's bytes: ``project.qde`` and one ``sources/<guid>.txt`` per article."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        _member(zf, "project.qde", project_xml(doc))
        for article in sorted(doc["articles"], key=lambda a: guid(a["id"])):
            text = article.get("text") or ""
            _member(zf, f"sources/{guid(article['id'])}.txt", text.encode("utf-8"))
    return buf.getvalue()
