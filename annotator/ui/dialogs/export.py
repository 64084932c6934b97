"""File > Export: every format in one place, what the timeline table shows or everything,
how many items that is, and where it goes (the folder and the format are remembered)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from annotator.core.export.render import FORMATS
from annotator.store.exporting import ExportRequest
from annotator.ui.common import settings as app_settings
from annotator.ui.dialogs.forms import error_label


@dataclass(frozen=True)
class Choice:
    fmt: str
    label: str
    suffix: str


# The formats an analyst picks from, in the order they are wanted most; a format the
# store adds later is offered too, under its own name.
KNOWN = (
    Choice("csv", "Spreadsheet table (CSV)", "csv"),
    Choice("xlsx", "Excel workbook (XLSX: events, claims, actors, citations, sources)", "xlsx"),
    Choice("pdf", "Printable report (PDF)", "pdf"),
    Choice("html", "Report (HTML)", "html"),
    Choice("markdown", "Report (Markdown)", "md"),
    Choice("json", "The whole chronology (JSON: loads back, merges)", "json"),
    Choice("timelinejs", "TimelineJS slides (JSON)", "json"),
    Choice("webannotation", "Web Annotations of the passages (W3C JSON-LD)", "jsonld"),
    Choice("qdpx", "QDA project for NVivo, ATLAS.ti, MAXQDA, QualCoder (REFI-QDA)", "qdpx"),
    Choice("hypothesis", "Hypothesis annotations (its API's JSON; web articles only)", "json"),
    Choice("timeline_png", "The drawn timeline, laid out for print (PNG)", "png"),
    Choice("timeline_svg", "The drawn timeline, laid out for print (SVG)", "svg"),
)
DRAWN = frozenset({"timeline_png", "timeline_svg"})  # pictures the window draws, not the store
CHOICES = KNOWN + tuple(Choice(f, f.upper(), f) for f in FORMATS if f not in {c.fmt for c in KNOWN})
LANES = (("type", "by type"), ("actor", "by actor"), ("article", "by source article"),
         ("none", "all in one"))  # fmt: skip
DATES = (("whole", "Every date of what is exported"),
         ("shown", "Only the dates the drawn timeline shows now"))  # fmt: skip
CSV_TABLES = (("events", "events"), ("claims", "claims"), ("actors", "actors"),
              ("citations", "citations (one row per quote)"),
              ("relations", "relations between events"),
              ("notes", "memos (one row per memo)"))  # fmt: skip


@dataclass(frozen=True)
class ExportChoice:
    request: ExportRequest
    path: Path
    dates_shown: bool = False  # the drawn timeline: only the dates the window shows


class ExportDialog(QDialog):
    def __init__(
        self,
        base_name: str,
        shown: ExportRequest,
        counts: tuple[str, str],
        filter_words: str,
        parent: QWidget | None = None,
    ):
        """``shown`` exports what the table shows; ``counts`` says (shown, everything)."""
        super().__init__(parent)
        self.setWindowTitle("Export")
        self._shown, self._base = shown, base_name
        s = app_settings.settings()
        self.format_combo = QComboBox(self)
        for c in CHOICES:
            self.format_combo.addItem(c.label, c.fmt)
        last = str(s.value("export/format", "csv"))
        self.format_combo.setCurrentIndex(max(0, self.format_combo.findData(last)))
        self.table_combo = QComboBox(self)
        for value, label in CSV_TABLES:
            self.table_combo.addItem(label, value)
        self.excel_check = QCheckBox("For Excel (UTF-8 with a byte order mark)", self)
        self.excel_check.setChecked(True)
        self.lanes_combo = QComboBox(self)
        for value, label in LANES:
            self.lanes_combo.addItem(label, value)
        self.group_edit = QLineEdit(self)
        self.group_edit.setPlaceholderText("public (__world__), or your group's id")
        self.dates_combo = QComboBox(self)
        for value, label in DATES:
            self.dates_combo.addItem(label, value)
        filtered = shown.filtered
        self.shown_radio = QRadioButton(
            f"What the timeline table shows: {counts[0]} ({filter_words})"
            if filtered
            else f"What the timeline table shows: everything, {counts[0]}",
            self,
        )
        self.all_radio = QRadioButton(f"The whole chronology: {counts[1]}", self)
        self.shown_radio.setChecked(True)
        self.shown_radio.setEnabled(filtered)
        if not filtered:
            self.all_radio.setChecked(True)
        folder = str(s.value("export/folder", "") or "") or str(Path.home())
        self.path_edit = QLineEdit(self)
        self.path_edit.setMinimumWidth(380)
        self._folder = folder
        browse = QPushButton("Browse…", self)
        browse.setObjectName("browse")
        browse.clicked.connect(self._browse)
        where = QHBoxLayout()
        where.addWidget(self.path_edit, 1)
        where.addWidget(browse)
        self.error = error_label(self)
        form = QFormLayout()
        form.addRow("&Format", self.format_combo)
        form.addRow("&Table", self.table_combo)
        form.addRow("", self.excel_check)
        form.addRow("&Dates", self.dates_combo)
        form.addRow("TimelineJS &groups", self.lanes_combo)
        form.addRow("Hypothesis &group", self.group_edit)
        form.addRow("Export", self.shown_radio)
        form.addRow("", self.all_radio)
        form.addRow("Save as", where)
        buttons = QDialogButtonBox(self)
        self.export_button = buttons.addButton("Export", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.format_combo.currentIndexChanged.connect(self._format_changed)
        self._format_changed()

    def choice(self) -> Choice:
        return CHOICES[self.format_combo.currentIndex()]

    def _format_changed(self, *_index: object) -> None:
        choice = self.choice()
        self.table_combo.setEnabled(choice.fmt == "csv")
        self.excel_check.setEnabled(choice.fmt == "csv")
        self.dates_combo.setEnabled(choice.fmt in DRAWN)
        self.lanes_combo.setEnabled(choice.fmt == "timelinejs")
        self.group_edit.setEnabled(choice.fmt == "hypothesis")
        current = Path(self.path_edit.text()) if self.path_edit.text() else None
        folder = current.parent if current else Path(self._folder)
        self.path_edit.setText(str(folder / f"{self._base}.{choice.suffix}"))

    def _browse(self) -> None:
        choice = self.choice()
        path, _ = QFileDialog.getSaveFileName(
            self, "Export as", self.path_edit.text(), f"{choice.label} (*.{choice.suffix})"
        )
        if path:
            self.path_edit.setText(path)

    def result_choice(self) -> ExportChoice:
        choice = self.choice()
        base = self._shown if self.shown_radio.isChecked() else ExportRequest(fmt="csv")
        request = ExportRequest(
            fmt=choice.fmt,
            what=str(self.table_combo.currentData()) if choice.fmt == "csv" else "events",
            actors=base.actors,
            tags=base.tags,
            types=base.types,
            articles=base.articles,
            date_from=base.date_from,
            date_to=base.date_to,
            event_ids=base.event_ids,
            excel=choice.fmt == "csv" and self.excel_check.isChecked(),
            group_by=str(self.lanes_combo.currentData()),
            group=self.group_edit.text().strip() or "__world__",
        )
        shown_dates = choice.fmt in DRAWN and self.dates_combo.currentData() == "shown"
        return ExportChoice(request, Path(self.path_edit.text().strip()), shown_dates)

    def accept(self) -> None:
        text = self.path_edit.text().strip()
        if not text:
            self.error.setText("Give the file to write.")
            self.error.show()
            return
        path = Path(text).expanduser()
        if path.is_dir():
            self.error.setText(f"{path} is a folder: give a file name in it.")
            self.error.show()
            return
        if not path.parent.is_dir():
            self.error.setText(f"The folder {path.parent} does not exist.")
            self.error.show()
            return
        group = self.group_edit.text().strip()
        if self.choice().fmt == "hypothesis" and any(ch.isspace() for ch in group):
            self.error.setText(
                f"“{group[:60]}” is not a Hypothesis group id: use the id in your group's"
                " address (hypothes.is/groups/ID/…), or leave it blank to post publicly."
            )
            self.error.show()
            return
        s = app_settings.settings()
        s.setValue("export/format", self.choice().fmt)
        s.setValue("export/folder", str(path.parent))
        self.path_edit.setText(str(path))
        super().accept()
