"""Every command of the window, declared once as data.

The menus, the toolbar, the key bindings, the Keyboard Shortcuts dialog and the README's
key table are all made from these declarations (see ``menus.py``), so they cannot drift.

Keys: E / A / C tag the reader's selection and R cites it (bound to the reader only, so an
E typed in a table cell stays an E). Standard keys get a fallback where the platform
defines none (the offscreen platform defines no Quit). There is no Save: every edit is
committed when made.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QKeySequence

Std = QKeySequence.StandardKey


@dataclass(frozen=True)
class ActionSpec:
    name: str
    text: str  # menu text, with its & mnemonic
    command: str  # "group.method" on the window's command objects; "" for the undo stack's
    keys: tuple[str, ...] = ()  # portable key texts; fallbacks after the platform's own
    standard: Std | None = None
    icon: str | None = None
    tip: str | None = None
    short: str | None = None  # the toolbar's label
    reader_only: bool = False  # the key works in the reader only
    help: str | None = None  # its line in the shortcuts table; None: not listed
    help_keys: str | None = None  # how the table names the keys, when not the first key
    writes: bool = False  # changes the project: off in a read-only window
    reader_key: bool = False  # the key works in the reader only, with or without a selection
    checkable: bool = False  # an on/off setting (its command flips it)


@dataclass(frozen=True)
class KeyHelp:
    """A key that is not a window action (a form's or the drawn timeline's own)."""

    keys: str
    help: str


ACTIONS: tuple[ActionSpec, ...] = (
    # File
    ActionSpec("new_project", "&New Project…", "projects.new_project", ("Ctrl+N",), Std.New, "new"),
    ActionSpec(
        "open_project", "&Open Project…", "projects.open_project", ("Ctrl+O",), Std.Open, "open"
    ),
    ActionSpec(
        "import",
        "&Import Articles…",
        "articles.import_articles",
        ("Ctrl+I",),
        icon="import",
        tip="Import text, Markdown, HTML, PDF, Word, e-mail or feed files (or drop them here)",
        short="Import",
        writes=True,
    ),
    ActionSpec(
        "import_url",
        "Import from &URL…",
        "articles.import_url",
        ("Ctrl+Shift+I",),
        tip="Fetch web pages, PDF files or feeds by their address and import them (undoable)",
        writes=True,
    ),
    ActionSpec(
        "import_version",
        "Import New &Version of This Article…",
        "articles.import_new_version",
        tip="Import an updated text of the open article: it is kept, and its citations move "
        "to the new text (undoable)",
        writes=True,
    ),
    ActionSpec(
        "merge",
        "&Merge Another Analyst's File…",
        "projects.merge_other",
        tip="Combine another analyst's project or JSON export with this one (undoable)",
        writes=True,
    ),
    ActionSpec(
        "export",
        "&Export…",
        "articles.export",
        ("Ctrl+E",),
        icon="export",
        tip="Export the chronology: CSV, Excel, PDF report, JSON, TimelineJS and more",
        short="Export",
        help="export the chronology (CSV, Excel, PDF report, JSON…)",
    ),
    ActionSpec(
        "restore_backup",
        "Restore &Backup…",
        "projects.restore_backup",
        tip="Replace the project with one of its automatic backups (the current file is "
        "kept beside it)",
        writes=True,
    ),
    ActionSpec(
        "preferences",
        "&Preferences…",
        "projects.edit_preferences",
        ("Ctrl+,",),
        Std.Preferences,
        "preferences",
    ),
    ActionSpec("quit", "&Quit", "items.quit", ("Ctrl+Q",), Std.Quit),
    # Edit
    ActionSpec(
        "undo",
        "&Undo",
        "",
        ("Ctrl+Z",),
        Std.Undo,
        "undo",
        help="undo / redo: every edit, including imports, merges and metadata",
        help_keys="Ctrl+Z / Ctrl+Shift+Z",
    ),
    ActionSpec("redo", "&Redo", "", ("Ctrl+Shift+Z", "Ctrl+Y"), Std.Redo, "redo"),
    ActionSpec(
        "delete",
        "&Delete Item…",
        "items.delete_selected",
        ("Delete",),
        icon="delete",
        help="delete the selected item (asks first; undoable)",
        writes=True,
    ),
    ActionSpec(
        "merge_events",
        "&Merge Selected Events…",
        "items.merge_selected_events",
        ("Ctrl+Shift+M",),
        tip="Fold duplicate events selected in the timeline table into one (undoable)",
        help="merge the events selected in the timeline table (duplicates of one event)",
        writes=True,
    ),
    ActionSpec(
        "relate_events",
        "Re&late Selected Events…",
        "items.relate_selected",
        ("Ctrl+Shift+L",),
        tip="Say how two events selected in the timeline table relate: caused by, part of, "
        "precedes (or, from the selected one, to an event you pick)",
        help="relate two selected events: caused by, part of, precedes (undoable)",
        writes=True,
    ),
    ActionSpec(
        "key_fact",
        "Mark as &Key Fact",
        "items.toggle_key_fact",
        ("K",),
        tip="Mark the selected event or claim as a key fact, or unmark it (K)",
        help="mark or unmark the selected event or claim as a key fact",
        writes=True,
    ),
    ActionSpec(
        "memo",
        "Add &Memo…",
        "items.add_memo",
        ("Ctrl+Shift+N",),
        tip="Write a memo on the selected passage, else on the selected item or article",
        help="a memo on the reader's selection, else on the selected item or article",
        writes=True,
    ),
    ActionSpec(
        "edit_selected",
        "Edit &Selected…",
        "items.edit_selected",
        ("Ctrl+Shift+E",),
        tip="Set the type, confidence, tags or actors of every selected event (or claim) at once",
        help="edit every selected event (or claim) at once: type, confidence, tags, actors",
        writes=True,
    ),
    ActionSpec(
        "article_details",
        "Article &Details…",
        "articles.edit_article",
        ("Ctrl+D",),
        icon="metadata",
        tip="Title, outlet, author, URL and publication date of this article",
        help="the open article's title, outlet, URL and publication date",
        writes=True,
    ),
    ActionSpec(
        "delete_article",
        "Delete &Article…",
        "articles.delete_article",
        tip="Delete the open article (only when nothing cites it; undoable)",
        writes=True,
    ),
    # Tag
    ActionSpec(
        "tag_event",
        "New &Event from Selection",
        "tagging.tag_event",
        ("E",),
        icon="event",
        tip="Make an event from the selected passage (E)",
        short="Event",
        reader_only=True,
        help="new event / actor / claim from the selected passage (reader)",
        help_keys="E / A / C",
        writes=True,
    ),
    ActionSpec(
        "tag_actor",
        "New &Actor from Selection",
        "tagging.tag_actor",
        ("A",),
        icon="actor",
        tip="Make an actor from the selected passage (A)",
        short="Actor",
        reader_only=True,
        writes=True,
    ),
    ActionSpec(
        "tag_claim",
        "New &Claim from Selection",
        "tagging.tag_claim",
        ("C",),
        icon="claim",
        tip="Make a claim from the selected passage (C)",
        short="Claim",
        reader_only=True,
        writes=True,
    ),
    ActionSpec(
        "cite",
        "C&ite Selection for Selected Item",
        "tagging.cite_selection",
        ("R", "Ctrl+Return", "Ctrl+Enter"),
        icon="cite",
        tip="Cite the selected passage as evidence for the selected item (R)",
        short="Cite",
        reader_only=True,
        help="cite the selection as further evidence for the selected item",
        help_keys="R or Ctrl+Enter",
        writes=True,
    ),
    ActionSpec(
        "tag_items",
        "&Tag Items Cited Here…",
        "tagging.tag_items",
        ("T",),
        tip="Add tags to the items the selected passage is cited for (T)",
        reader_only=True,
        help="tag the items the selected passage is cited for",
        writes=True,
    ),
    ActionSpec(
        "jump",
        "&Jump Between Item and Passage",
        "items.jump",
        ("Ctrl+J",),
        icon="jump",
        help="jump between an item and its passage",
    ),
    # View
    ActionSpec(
        "find",
        "&Find…",
        "items.focus_search",
        ("Ctrl+F",),
        Std.Find,
        "search",
        help="search articles, events, actors, claims and memos",
    ),
    ActionSpec(
        "reader",
        "Go to &Reader",
        "items.focus_reader",
        ("Ctrl+1",),
        icon="article",
        help="go to the reader / the timeline table",
        help_keys="Ctrl+1 / Ctrl+2",
    ),
    ActionSpec(
        "timeline", "Go to &Timeline Table", "items.focus_timeline", ("Ctrl+2",), icon="timeline"
    ),
    ActionSpec(
        "next_work",
        "&Next in Worklist",
        "items.next_work",
        ("F8",),
        tip="The next item of the chosen worklist (suggested dates, uncited items…)",
        help="next / previous item of the worklist (suggested dates to check, …)",
        help_keys="F8 / Shift+F8",
    ),
    ActionSpec("previous_work", "&Previous in Worklist", "items.previous_work", ("Shift+F8",)),
    ActionSpec(
        "confirm_date",
        "&Confirm Suggested Date",
        "items.confirm_date",
        ("F9",),
        tip="The selected event's suggested date is right: mark it confirmed, keeping the "
        "phrase it came from",
        help="confirm the selected event's suggested date (then F8 for the next to check)",
        writes=True,
    ),
    ActionSpec(
        "show_changes",
        "Show &What Changed…",
        "articles.show_changes",
        tip="What the open article's newer version added and removed",
    ),
    ActionSpec(
        "orphans",
        "&Orphaned Passages…",
        "projects.show_orphans",
        tip="Passages that could not be found again in their article (kept, never deleted)",
    ),
    # Suggestions in the reader (faint marks)
    ActionSpec(
        "next_suggestion",
        "&Next Suggestion",
        "suggestions.next_suggestion",
        ("N",),
        tip="Select the next suggestion in the article: a known actor, a new name, reported "
        "speech or a date (N)",
        reader_key=True,
        help="reader: select the next / previous suggestion (the faint marks)",
        help_keys="N / Shift+N",
    ),
    ActionSpec(
        "previous_suggestion",
        "P&revious Suggestion",
        "suggestions.previous_suggestion",
        ("Shift+N",),
        reader_key=True,
    ),
    ActionSpec(
        "accept_suggestion",
        "&Accept Suggestion",
        "suggestions.accept_suggestion",
        ("Y",),
        tip="Cite a known actor's mention, or open the new actor, claim or event form "
        "prefilled from the selected suggestion (Y)",
        reader_key=True,
        help="reader: accept the selected suggestion (cite the actor, or open its form)",
        writes=True,
    ),
    ActionSpec(
        "dismiss_suggestion",
        "&Dismiss Suggestion",
        "suggestions.dismiss_suggestion",
        ("D",),
        tip="Do not offer the selected suggestion again in this article (D; undoable)",
        reader_key=True,
        help="reader: dismiss the selected suggestion, for good (undoable)",
        writes=True,
    ),
    ActionSpec(
        "show_suggestions",
        "Show &Suggestions",
        "suggestions.toggle_suggestions",
        tip="Faint marks under known actors, new names, reported speech and dates",
        checkable=True,
    ),
    # Help
    ActionSpec("keys", "&Keyboard Shortcuts", "items.show_keys"),
    ActionSpec("about", "&About Timeline Annotator", "items.about"),
)

SEPARATOR = "-"
RECENT = "@recent"  # the Open Recent submenu
DOCKS = "@docks"  # one entry per dock, to show or hide it

MENUS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "&File",
        (
            "new_project",
            "open_project",
            RECENT,
            SEPARATOR,
            "import",
            "import_url",
            "import_version",
            "merge",
            "export",
            SEPARATOR,
            "restore_backup",
            "preferences",
            SEPARATOR,
            "quit",
        ),
    ),
    (
        "&Edit",
        (
            "undo",
            "redo",
            SEPARATOR,
            "delete",
            "merge_events",
            "relate_events",
            "edit_selected",
            "key_fact",
            "memo",
            SEPARATOR,
            "article_details",
            "delete_article",
        ),
    ),
    (
        "&Tag",
        (
            "tag_event",
            "tag_actor",
            "tag_claim",
            "cite",
            "tag_items",
            SEPARATOR,
            "next_suggestion",
            "previous_suggestion",
            "accept_suggestion",
            "dismiss_suggestion",
            SEPARATOR,
            "jump",
        ),
    ),
    (
        "&View",
        (
            "find",
            "reader",
            "timeline",
            "next_work",
            "previous_work",
            "confirm_date",
            "show_changes",
            "orphans",
            "show_suggestions",
            SEPARATOR,
            DOCKS,
        ),
    ),
    ("&Help", ("keys", "about")),
)

TOOLBAR: tuple[str, ...] = (
    "tag_event",
    "tag_actor",
    "tag_claim",
    "cite",
    SEPARATOR,
    "undo",
    "redo",
    SEPARATOR,
    "import",
    "export",
)

# Keys of the forms and the drawn timeline, listed after the window's own.
OTHER_KEYS: tuple[KeyHelp, ...] = (
    KeyHelp("Tab, Enter, Escape", "move through, accept or cancel a new item's fields"),
    KeyHelp("F / Shift+F", "drawn timeline: fit everything / fit the selection"),
    KeyHelp("+ / −, Ctrl+wheel", "drawn timeline: zoom in / out"),
    KeyHelp("Ctrl+Right / Ctrl+Left", "drawn timeline: the next / previous item in time"),
    KeyHelp("Enter / P", "drawn timeline: edit the item / show its passage"),
)

BY_NAME = {spec.name: spec for spec in ACTIONS}

# The order of the shortcuts table: the tagging keys first, as an analyst meets them.
HELP_ORDER: tuple[str, ...] = (
    "tag_event",
    "cite",
    "tag_items",
    "next_suggestion",
    "accept_suggestion",
    "dismiss_suggestion",
    "jump",
    "next_work",
    "confirm_date",
    "find",
    "reader",
    "delete",
    "merge_events",
    "relate_events",
    "key_fact",
    "memo",
    "edit_selected",
    "article_details",
    "undo",
    "export",
)
