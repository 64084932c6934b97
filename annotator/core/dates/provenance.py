"""Where an event's date came from, and what each way of changing a date makes of it.

A date carries three stored facts (``events.date_phrase``, ``date_anchor``, ``date_status``):

* a date read from the article: the phrase, what it was resolved against (``published``,
  ``event:<id>``, or None for a phrase that is a date on its own), and whether the analyst
  checked it (``suggested`` or ``confirmed``);
* a date the analyst set by hand: no phrase, the anchor says how it was set (``HAND_SET``),
  and the status is ``confirmed`` (the analyst's own date needs no checking; it is never
  shown as a confirmed suggestion, since it has no phrase).

``next_provenance`` is the one place that decides what a change makes of the old facts;
every write path (inspector, table, drawn timeline, new-event form, confirming, redating)
asks it, so none can leave a phrase on a date it did not set.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import Enum
from typing import Any, NamedTuple

from annotator.core.errors import InputError


class DateProvenance(NamedTuple):
    phrase: str | None
    anchor: str | None
    status: str | None


NO_DATE = DateProvenance(None, None, None)


class DateChange(Enum):
    """The ways a date changes. A hand change's value is the anchor it stores."""

    TYPED = "typed"  # typed in the inspector or the new-event form
    TABLE = "table"  # edited in the chronology table's date cell
    DRAGGED = "dragged"  # the whole bar (or dot) moved on the drawn timeline
    BAR_END = "bar_end"  # one end of its bar dragged on the drawn timeline
    SUGGESTED = "suggested"  # a phrase's suggestion accepted in the new-event form
    CONFIRMED = "confirmed"  # the analyst checked a suggestion (F9, the inspector's button)
    RESOLVED_AGAIN = "resolved_again"  # its article's publication date was corrected
    CLEARED = "cleared"  # the date removed


# The anchors of dates set by hand, in words (the order is the changes').
HAND_SET = {
    DateChange.TYPED.value: "typed by the analyst",
    DateChange.TABLE.value: "edited in the table by the analyst",
    DateChange.DRAGGED.value: "moved on the drawn timeline by the analyst",
    DateChange.BAR_END.value: "an end of its bar dragged on the drawn timeline by the analyst",
}
HAND_CHANGES = frozenset(c for c in DateChange if c.value in HAND_SET)


def is_suggestion(old: DateProvenance) -> bool:
    """A date read from a phrase in the text (confirmed or not), not set by hand."""
    return bool(old.phrase) and old.anchor not in HAND_SET


def follows_publication(old: DateProvenance) -> bool:
    """Whether the date was counted from its article's publication date, so that a
    corrected publication date changes it."""
    return is_suggestion(old) and old.anchor == "published"


def next_provenance(
    change: DateChange,
    old: DateProvenance,
    *,
    phrase: str | None = None,
    anchor: str | None = None,
) -> DateProvenance:
    """What the date's provenance is after ``change``; ``phrase`` and ``anchor`` are the
    accepted suggestion's (SUGGESTED only). Raises InputError for a change that cannot
    apply: confirming what is not a suggestion, re-resolving a date the analyst set."""
    if change is DateChange.CLEARED:
        return NO_DATE
    if change in HAND_CHANGES:
        return DateProvenance(None, change.value, "confirmed")
    if change is DateChange.SUGGESTED:
        if not phrase or (anchor or "") in HAND_SET:
            raise InputError(
                "a suggested date needs the phrase it was read from", where="date phrase"
            )
        return DateProvenance(phrase, anchor, "suggested")
    if change is DateChange.CONFIRMED:
        if not is_suggestion(old) or old.status != "suggested":
            raise InputError(
                "there is no suggested date to confirm",
                where="date",
                hint="only a date suggested from the text can be confirmed; "
                "a date set by hand is the analyst's already",
            )
        return old._replace(status="confirmed")
    # RESOLVED_AGAIN: the phrase now reads against another publication date; what the
    # analyst confirmed was the old reading, so the new one is a suggestion to check.
    if not follows_publication(old):
        raise InputError("this date was not counted from the publication date", where="date")
    return DateProvenance(old.phrase, "published", "suggested")


def source_words(
    old: DateProvenance, *, against: str | None = None, event: str | None = None
) -> str:
    """What set a date, in words. ``against`` is the publication date a phrase was
    resolved against, as shown; ``event`` the headline of the event an ``event:<id>``
    anchor names (without it, "another event")."""
    phrase, anchor, status = old
    if anchor in HAND_SET:
        return HAND_SET[anchor]
    if phrase:
        checked = "confirmed by the analyst" if status == "confirmed" else "not yet confirmed"
        if anchor == "published":
            date = f" ({against})" if against else ""
            counted = f", resolved against the publication date{date}"
        elif anchor and anchor.startswith("event:"):
            counted = (
                f", counted from the date of “{event}”"
                if event
                else ", counted from another event's date"
            )
        elif anchor:
            counted = f", resolved against {anchor}"
        else:
            counted = ""
        return f"suggested from “{phrase}”{counted}; {checked}"
    return "set before its source was recorded" if status else ""


def of_row(row: Mapping[str, Any]) -> DateProvenance:
    """An event row's stored provenance."""
    return DateProvenance(row.get("date_phrase"), row.get("date_anchor"), row.get("date_status"))


def date_fields_provenance(fields: Mapping[str, Any]) -> DateProvenance:
    """The provenance an edit of ``date`` (with optional ``date_phrase``, ``date_anchor``,
    ``date_status`` fields) stores. A hand anchor, or no phrase, is a hand edit: typed
    unless the anchor says how. A phrase with its anchor is a suggestion (``suggested``
    unless the status says it was confirmed as it was accepted)."""
    status = fields.get("date_status")
    if status not in (None, "", "suggested", "confirmed"):
        raise InputError(
            f"{status!r} is not a date status",
            where="date_status",
            hint="choose one of: suggested, confirmed",
        )
    value = fields.get("date")
    if value is None or (isinstance(value, str) and not value.strip()):
        return NO_DATE
    anchor, phrase = fields.get("date_anchor"), fields.get("date_phrase")
    if anchor in HAND_SET or not phrase:
        return next_provenance(DateChange(anchor if anchor in HAND_SET else "typed"), NO_DATE)
    suggested = next_provenance(DateChange.SUGGESTED, NO_DATE, phrase=phrase, anchor=anchor)
    if status == "confirmed":
        return next_provenance(DateChange.CONFIRMED, suggested)
    return suggested


def date_provenance_alone(row: Mapping[str, Any], name: str, value: Any) -> dict[str, str | None]:
    """A provenance field edited without the date: only confirming a suggestion is an edit
    (a phrase or anchor that did not set the date would be a false account of it)."""
    if name == "date_status" and value == "confirmed":
        return {"date_status": next_provenance(DateChange.CONFIRMED, of_row(row)).status}
    raise InputError(
        f"the {name.replace('_', ' ')} changes only with the date",
        where=name,
        hint="set the date, and how it was set, together",
    )
