"""Building full rows for the store from domain values (dates, selectors, provenance)."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any, TypeVar

from annotator.core.errors import InputError, ProjectError
from annotator.store.changes import new_id, now_iso
from annotator.store.schema import (
    ACTOR_KINDS,
    ASSESSMENTS,
    CONFIDENCES,
    DATE_STATUSES,
    FACT_STATUSES,
    ITEM_TABLES,
    STANCES,
)

if TYPE_CHECKING:
    from annotator.core.dates.value import DateValue


def provenance(analyst: str, *, stamp: str | None = None) -> dict[str, str]:
    stamp = stamp or now_iso()
    return {"created": stamp, "modified": stamp, "analyst": analyst}


def bounds(value: DateValue | None) -> tuple[str | None, str | None]:
    if value is None:
        return None, None
    return (
        value.earliest.isoformat(timespec="seconds"),
        value.latest.isoformat(timespec="seconds"),
    )


def event_date_columns(
    value: DateValue | None,
    *,
    phrase: str | None = None,
    anchor: str | None = None,
    status: str | None = None,
) -> dict[str, Any]:
    earliest, latest = bounds(value)
    return {
        "date": value.edtf if value else None,
        "date_earliest": earliest,
        "date_latest": latest,
        "date_precision": value.precision if value else None,
        "date_phrase": phrase if value else None,
        "date_anchor": anchor if value else None,
        "date_status": (status or "confirmed") if value else None,
    }


def claimed_columns(value: DateValue | None) -> dict[str, Any]:
    earliest, latest = bounds(value)
    return {
        "claimed": value.edtf if value else None,
        "claimed_earliest": earliest,
        "claimed_latest": latest,
    }


def published_columns(value: DateValue | None) -> dict[str, Any]:
    earliest, latest = bounds(value)
    return {
        "published": value.edtf if value else None,
        "published_earliest": earliest,
        "published_latest": latest,
    }


def parse_edtf_field(text: str | None, field: str) -> DateValue | None:
    """An EDTF string from a file or the command line, or a clear error naming the field."""
    from annotator.core.dates.value import DateValue

    if text is None or not str(text).strip():
        return None
    try:
        return DateValue.from_edtf(str(text).strip())
    except InputError as exc:
        raise InputError(exc.message, where=field, hint=exc.hint) from None


# Fields whose values the schema limits (a CHECK constraint would otherwise give a raw
# SQLite error), and whether they may be empty.
_CHOICES: dict[str, tuple[tuple[str, ...], bool]] = {
    "kind": (ACTOR_KINDS, False),
    "confidence": (CONFIDENCES, True),
    "date_status": (DATE_STATUSES, True),
    "stance": (STANCES, False),
    "assessment": (ASSESSMENTS, False),
    "fact_status": (FACT_STATUSES, True),
}
_REFERENCES = {"claimant_id": "actors", "event_id": "events"}


def checked_value(name: str, value: Any, exists: Callable[[str, str], bool]) -> Any:
    """A plain field's value as stored, or an InputError naming the field."""
    if name in _CHOICES:
        choices, optional = _CHOICES[name]
        if optional and value in (None, ""):
            return None
        if value not in choices:
            raise InputError(
                f"{value!r} is not a {name.replace('_', ' ')}",
                where=name,
                hint=f"choose one of: {', '.join(choices)}",
            )
        return value
    if name in _REFERENCES:
        if value in (None, ""):
            return None
        if not exists(_REFERENCES[name], str(value)):
            raise InputError(f"no such {_REFERENCES[name][:-1]}: {value}", where=name)
        return value
    if name == "day_seq":
        if isinstance(value, bool) or not isinstance(value, int | str):
            raise InputError(f"{value!r} is not a whole number", where=name)
        try:
            return int(value)
        except ValueError:
            raise InputError(f"{value!r} is not a whole number", where=name) from None
    if name in ("description", "type", "location"):  # NOT NULL text columns
        return "" if value is None else str(value)
    return value


def clean_text(value: Any) -> str:
    """A name or tag as stored: trimmed, without NUL (pasted from a binary, never meant, and
    SQLite's length() stops at it)."""
    return str(value or "").replace("\x00", "").strip()


def required_text(value: Any, field: str) -> str:
    text = clean_text(value)
    if not text:
        raise InputError(f"{field} cannot be empty", where=field)
    return text


def as_date(value: Any, field: str) -> DateValue | None:
    from annotator.core.dates.value import DateValue

    if value is None or isinstance(value, str):
        return parse_edtf_field(value, field)
    if not isinstance(value, DateValue):
        raise InputError(
            f"{value!r} is not a date", where=field, hint="give an EDTF date such as 2025-03-04"
        )
    return value


def clean_aliases(aliases: Iterable[str] | str, name: str) -> list[str]:
    if isinstance(aliases, str):  # typed text: "EM; Le Président"
        aliases = aliases.split(";")
    elif not isinstance(aliases, list | tuple):
        raise InputError(
            f"{aliases!r} is not a list of names", where="aliases", hint="separate names with ';'"
        )
    seen = {name.casefold()}
    out = []
    for alias in aliases:
        alias = str(alias).strip()
        if alias and alias.casefold() not in seen:
            seen.add(alias.casefold())
            out.append(alias)
    return out


def item_table(kind: str) -> str:
    try:
        return ITEM_TABLES[kind]
    except KeyError:
        raise InputError(
            f"unknown item kind {kind!r}", where="kind", hint="use event, actor or claim"
        ) from None


def item_column(kind: str) -> str:
    item_table(kind)
    return f"{kind}_id"


def aliases_of(actor_row: dict[str, Any], where: str = "") -> list[str]:
    """An actor's aliases; a damaged value is the damaged-file error naming the row."""
    value = json_column(
        actor_row.get("aliases") or "[]",
        table="actors",
        row_id=actor_row.get("id"),
        column="aliases",
        kind=list,
        where=where,
    )
    if not all(isinstance(alias, str) and _encodable(alias) for alias in value):
        raise damaged_value(
            "actors", actor_row.get("id"), "aliases", "is not a list of names", where
        )
    return value


def aliases_or_none(actor_row: dict[str, Any]) -> list[str] | None:
    """For display while painting, where raising cannot reach the analyst: None if damaged."""
    try:
        return aliases_of(actor_row)
    except ProjectError:
        return None


DAMAGED_ALIASES = "(damaged in the file: restore a backup)"


def _encodable(text: str) -> bool:
    """A lone surrogate (a JSON escape of half a character) cannot be written to any file."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


_Decoded = TypeVar("_Decoded", list[Any], dict[str, Any])


def json_column(
    value: Any, *, table: str, row_id: Any, column: str, kind: type[_Decoded], where: str = ""
) -> _Decoded:
    """A JSON column read back: a damaged file (a flipped byte, another program's write)
    is the damaged-file error naming the table, row and column, not a traceback."""
    try:
        decoded = json.loads(value)
    except (TypeError, ValueError, RecursionError):
        raise damaged_value(table, row_id, column, "is not valid JSON", where) from None
    if not isinstance(decoded, kind):
        expected = "a list" if kind is list else "an object"
        raise damaged_value(table, row_id, column, f"is not {expected}", where)
    return decoded


def damaged_value(table: str, row_id: Any, column: str, what: str, where: str = "") -> ProjectError:
    return ProjectError(
        f"the project file is damaged ({table} row {row_id}: {column} {what})",
        where=where or None,
        hint="restore a backup (File > Restore Backup)",
    )


def missing_column(exc: LookupError, where: str = "") -> ProjectError:
    """A column a reader needs is not in the file: the schema itself is damaged."""
    return ProjectError(
        f"the project file is damaged (missing column {exc})",
        where=where or None,
        hint="restore a backup (File > Restore Backup)",
    )


def new_row(analyst: str, **values: Any) -> dict[str, Any]:
    return {"id": new_id(), **values, **provenance(analyst)}
