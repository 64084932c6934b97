"""The drawn timeline as a page: a title, what is shown, a legend, the time axis and the
lanes, laid out for print (``print_layout``) and painted in fixed light colours.

Nothing here reads the window: not its palette (a dark theme would print white on black),
not its font size, not its selection or its scroll position. Fonts are sized in pixels of a
96-dpi page, so a PNG at three times that is sharp at 288 dpi and an SVG shows the same.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPalette, QPen

from annotator.core.errors import InputError
from annotator.core.text import counted
from annotator.ui.timeline.axis import MONTHS, axis_ticks
from annotator.ui.timeline.entries import TimelineEntry
from annotator.ui.timeline.glyphs import draw_bar, draw_point, item_color
from annotator.ui.timeline.labels import MODE_TITLES
from annotator.ui.timeline.layout import entry_span, from_days
from annotator.ui.timeline.print_layout import (
    LANE_COL,
    LANE_PAD,
    MARGIN,
    PAGE_W,
    ROW_H,
    PrintedItem,
    PrintLayout,
    padded,
    print_layout,
    whole_range,
)

INK = "#1b1f24"
SOFT = "#5b6470"
# The light scheme, whatever the window's: what the glyphs and bands are drawn from.
LIGHT = {
    QPalette.ColorRole.Window: "#ffffff",
    QPalette.ColorRole.Base: "#ffffff",
    QPalette.ColorRole.AlternateBase: "#f3f5f8",
    QPalette.ColorRole.Text: INK,
    QPalette.ColorRole.WindowText: INK,
    QPalette.ColorRole.Mid: "#c4cad2",
    QPalette.ColorRole.Highlight: "#2f6fb6",
}
AXIS_H = 38.0


def light_palette() -> QPalette:
    palette = QPalette()
    for role, color in LIGHT.items():
        palette.setColor(role, QColor(color))
    return palette


def _font(base: QFont, px: int, *, bold: bool = False, italic: bool = False) -> QFont:
    font = QFont(base)
    font.setPixelSize(px)
    font.setBold(bold)
    font.setItalic(italic)
    return font


@dataclass(frozen=True)
class PrintFonts:
    title: QFont
    subtitle: QFont
    label: QFont
    claim: QFont
    mark: QFont
    lane: QFont
    axis: QFont
    axis_major: QFont

    @classmethod
    def make(cls, family: str | None = None) -> PrintFonts:
        base = QFont(family) if family else QFont()
        return cls(
            title=_font(base, 20, bold=True),
            subtitle=_font(base, 12),
            label=_font(base, 12),
            claim=_font(base, 12, italic=True),
            mark=_font(base, 12, bold=True),
            lane=_font(base, 12, bold=True),
            axis=_font(base, 11),
            axis_major=_font(base, 11, bold=True),
        )


def _marks(entry: TimelineEntry) -> tuple[str, str]:
    suffix = (" ?" if entry.uncertain else "") + (" †" if entry.suggested else "")
    return ("~ " if entry.approximate else ""), suffix


def day_words(day: float) -> str:
    d = from_days(day)
    return f"{d.day} {MONTHS[d.month - 1]} {d.year}"


@dataclass
class PrintedPage:
    layout: PrintLayout
    title: str
    subtitle: str
    fonts: PrintFonts
    axis_top: float
    height: float
    notes: list[str]

    @property
    def width(self) -> float:
        return self.layout.width


def printed_page(
    entries: Sequence[TimelineEntry],
    mode: str,
    *,
    title: str,
    day_range: tuple[float, float] | None = None,
    family: str | None = None,
) -> PrintedPage:
    """The page for these entries: every date they cover (``day_range`` None), or only
    what meets ``day_range`` (the range the window shows)."""
    fonts = PrintFonts.make(family)
    if day_range is None:
        found = whole_range(entries)
        if found is None:
            raise InputError(
                "nothing dated to draw",
                where="drawn timeline",
                hint="give the events dates, or clear the table's filter",
            )
        day0, day1 = found
        spans = [entry_span(e) for e in entries]
        words = f"{day_words(min(s for s, _ in spans))} – {day_words(max(e for _, e in spans) - 1)}"
        scope = "The whole chronology"
    else:
        day0, day1 = day_range
        if day1 - day0 < 1e-6:
            day0, day1 = padded(day0, day1)
        words = f"{day_words(day0)} – {day_words(day1)}"
        scope = "The dates shown in the window"
    fm_label, fm_claim = QFontMetricsF(fonts.label), QFontMetricsF(fonts.claim)
    fm_mark = QFontMetricsF(fonts.mark)

    def metrics(entry: TimelineEntry) -> QFontMetricsF:
        return fm_claim if entry.kind == "claim" else fm_label

    def marks_w(entry: TimelineEntry) -> float:
        prefix, suffix = _marks(entry)
        return fm_mark.horizontalAdvance(prefix) + fm_mark.horizontalAdvance(suffix)

    def measure(entry: TimelineEntry) -> float:
        return metrics(entry).horizontalAdvance(entry.label) + marks_w(entry) + 1

    def elide(entry: TimelineEntry, width: float) -> tuple[str, float]:
        fm = metrics(entry)
        text = fm.elidedText(
            entry.label, Qt.TextElideMode.ElideRight, max(0.0, width - marks_w(entry) - 1)
        )
        return text, fm.horizontalAdvance(text) + marks_w(entry) + 1

    fm_title, fm_sub = QFontMetricsF(fonts.title), QFontMetricsF(fonts.subtitle)
    axis_top = MARGIN + fm_title.height() + 4 + 2 * (fm_sub.height() + 4) + 10
    layout = print_layout(
        entries,
        mode,
        (day0, day1),
        measure,
        elide,
        lanes_top=axis_top + AXIS_H,
        label_h=fm_label.height(),
    )
    items = [i.entry for lane in layout.lanes for i in lane.items]
    ids = {e.id: e.kind for e in items}
    kinds = list(ids.values())
    what = ", ".join(
        counted(kinds.count(k), k) for k in ("event", "claim") if kinds.count(k) or k == "event"
    )
    lanes_word = MODE_TITLES.get(mode, mode).lower()
    subtitle = f"{scope}: {words} · {what} · lanes by {lanes_word}"
    notes = [
        f"{counted(lane.left_out, 'item')} in the lane “{lane.name}” did not fit:"
        " export a shorter range to see them."
        for lane in layout.lanes
        if lane.left_out
    ]
    if layout.lanes_left_out:
        lanes = counted(layout.lanes_left_out, "more lane")
        notes.append(
            f"{lanes} ({counted(layout.items_left_out, 'item')}) did not fit on the page:"
            " filter the timeline table to print them."
        )
    height = layout.lanes_bottom + 14 + len(notes) * (fm_sub.height() + 2) + MARGIN
    return PrintedPage(layout, title, subtitle, fonts, axis_top, height, notes)


class PagePainter:
    """Paints a ``PrintedPage`` on any device: an image, an SVG generator, a printer."""

    def __init__(self, page: PrintedPage) -> None:
        self.page = page
        self.pal = light_palette()
        self.ink, self.soft = QColor(INK), QColor(SOFT)
        self._colors: dict[str, QColor] = {}

    def color(self, key: str) -> QColor:
        if key not in self._colors:
            self._colors[key] = item_color(key, self.pal)
        return self._colors[key]

    def paint(self, qp: QPainter) -> None:
        page = self.page
        qp.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        qp.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
        qp.fillRect(QRectF(0, 0, page.width, page.height), QColor("#ffffff"))
        self._header(qp)
        self._lanes(qp)
        self._axis(qp)
        for lane in page.layout.lanes:
            for item in lane.items:
                self._item(qp, item)
        self._notes(qp)

    def _text(self, qp: QPainter, font: QFont, color: QColor, x: float, top: float, text: str):
        """Text whose box starts at ``top`` (baseline from the font's ascent: never clipped)."""
        qp.setFont(font)
        qp.setPen(color)
        qp.drawText(QPointF(x, top + QFontMetricsF(font).ascent()), text)

    def _header(self, qp: QPainter) -> None:
        page, fonts = self.page, self.page.fonts
        right = page.width - MARGIN
        fm_title, fm_sub = QFontMetricsF(fonts.title), QFontMetricsF(fonts.subtitle)
        title = fm_title.elidedText(page.title, Qt.TextElideMode.ElideRight, right - MARGIN)
        self._text(qp, fonts.title, self.ink, MARGIN, MARGIN, title)
        y = MARGIN + fm_title.height() + 4
        subtitle = fm_sub.elidedText(page.subtitle, Qt.TextElideMode.ElideRight, right - MARGIN)
        self._text(qp, fonts.subtitle, self.soft, MARGIN, y, subtitle)
        self._legend(qp, y + fm_sub.height() + 4)

    def _legend(self, qp: QPainter, top: float) -> None:
        """What the marks mean, in one line of samples."""
        fonts = self.page.fonts
        fm = QFontMetricsF(fonts.subtitle)
        y = top + fm.height() / 2
        x = MARGIN
        sample = self.color("legend")
        outline = QPen(sample.darker(130), 1)
        day = TimelineEntry("d", "event", "", from_days(0), from_days(0), "day")
        month = TimelineEntry("m", "event", "", from_days(0), from_days(0), "month")
        claim = TimelineEntry("c", "claim", "", from_days(0), from_days(0), "day")
        single = TimelineEntry(
            "s", "event", "", from_days(0), from_days(0), "day", single_source=True
        )
        for kind, words in (
            ("day", "a day"),
            ("range", "days from … to"),
            ("month", "a week, month, season"),
            ("claim", "a claim"),
            ("single", "one outlet only"),
            ("marks", "~ approximate  ? uncertain  → open-ended  † suggested, not confirmed"),
        ):
            if kind == "day":
                draw_point(qp, day, QPointF(x + 6, y), sample, outline)
                x += 16
            elif kind == "range":
                draw_bar(qp, day, QRectF(x, y - 7, 30, 14), sample, outline)
                x += 36
            elif kind == "month":
                draw_bar(qp, month, QRectF(x, y - 6, 30, 12), sample, outline)
                x += 36
            elif kind == "claim":
                draw_point(qp, claim, QPointF(x + 7, y), sample, outline)
                x += 18
            elif kind == "single":
                draw_point(qp, single, QPointF(x + 6, y + 1), sample, outline)
                x += 20
            self._text(qp, fonts.subtitle, self.soft, x, top, words)
            x += fm.horizontalAdvance(words) + 14  # the single-source sample fits the line

    def _lanes(self, qp: QPainter) -> None:
        layout, fonts = self.page.layout, self.page.fonts
        fm = QFontMetricsF(fonts.lane)
        left, right = MARGIN, self.page.width - MARGIN
        line = QColor(LIGHT[QPalette.ColorRole.Mid])
        for i, lane in enumerate(layout.lanes):
            if i % 2:
                qp.fillRect(
                    QRectF(left, lane.top, right - left, lane.height),
                    QColor(LIGHT[QPalette.ColorRole.AlternateBase]),
                )
            qp.setPen(QPen(line, 1))
            bottom = lane.top + lane.height
            qp.drawLine(QPointF(left, bottom), QPointF(right, bottom))
            name = fm.elidedText(lane.name, Qt.TextElideMode.ElideRight, LANE_COL - 12)
            self._text(
                qp,
                fonts.lane,
                self.ink,
                left + 4,
                lane.top + LANE_PAD + (ROW_H - fm.height()) / 2,
                name,
            )
            if lane.left_out:
                self._text(
                    qp,
                    fonts.axis,
                    self.soft,
                    left + 4,
                    lane.top + LANE_PAD + ROW_H,
                    f"+{lane.left_out} not drawn",
                )
        qp.setPen(QPen(line, 1))
        qp.drawLine(
            QPointF(layout.plot_x - 0.5, self.page.axis_top),
            QPointF(layout.plot_x - 0.5, layout.lanes_bottom),
        )

    def _axis(self, qp: QPainter) -> None:
        page, layout, fonts = self.page, self.page.layout, self.page.fonts
        fm, fmb = QFontMetricsF(fonts.axis), QFontMetricsF(fonts.axis_major)
        plot_l, plot_r = layout.plot_x, layout.plot_x + layout.plot_w
        # days at the finest: a page has no hours (every date an analyst keeps is a day or more)
        min_px = max(60.0, layout.px_per_day * 0.99)
        ticks = axis_ticks(layout.day0, layout.day1, layout.px_per_day, min_px=min_px)
        top, bottom = page.axis_top, page.axis_top + AXIS_H
        grid_minor, grid_major = QColor("#e3e7ec"), QColor("#b9c0c9")
        qp.save()
        qp.setClipRect(QRectF(plot_l, top, layout.plot_w, layout.lanes_bottom - top))
        for t in ticks.minor:
            x = layout.x_of(t.day)
            qp.setPen(QPen(grid_minor, 1))
            qp.drawLine(QPointF(x, bottom), QPointF(x, layout.lanes_bottom))
            qp.setPen(QPen(self.soft, 1))
            qp.drawLine(QPointF(x, bottom - 5), QPointF(x, bottom))
        for t in ticks.major:
            x = layout.x_of(t.day)
            qp.setPen(QPen(grid_major, 1))
            qp.drawLine(QPointF(x, top + 2), QPointF(x, layout.lanes_bottom))
        qp.restore()
        qp.setPen(QPen(self.soft, 1))
        qp.drawLine(QPointF(plot_l, bottom), QPointF(plot_r, bottom))
        # minor labels: centred on their day or month, left out where they would leave the plot
        centred = ticks.unit in ("day", "month") or (ticks.unit == "year" and ticks.step == 1)
        minor_top = bottom - 6 - fm.height()
        step = layout.px_per_day * {"day": ticks.step, "month": 30.44 * ticks.step}.get(
            ticks.unit, 365.25 * ticks.step
        )
        last_right = -1e9
        for t in ticks.minor:
            x = layout.x_of(t.day)
            w = fm.horizontalAdvance(t.label)
            lx = (x + step / 2 - w / 2) if centred else x - w / 2
            if lx < plot_l or lx + w > plot_r or lx < last_right + 6:
                continue
            self._text(qp, fonts.axis, self.ink, lx, minor_top, t.label)
            last_right = lx + w
        # the enclosing month or year above, the first one named at the left edge
        majors = ticks.major
        for i, t in enumerate(majors):
            x = max(layout.x_of(t.day), plot_l) + 4
            nxt = layout.x_of(majors[i + 1].day) if i + 1 < len(majors) else plot_r
            w = fmb.horizontalAdvance(t.label)
            if x + w > min(nxt - 4, plot_r):
                continue
            self._text(qp, fonts.axis_major, self.ink, x, top, t.label)

    def _item(self, qp: QPainter, item: PrintedItem) -> None:
        entry, m = item.entry, item.marker
        color = self.color(entry.color_key or entry.kind)
        outline = QPen(color.darker(130), 1)
        y = m.y + m.h / 2
        if item.is_bar:
            draw_bar(qp, entry, QRectF(m.x, m.y, m.w, m.h), color, outline)
        else:
            draw_point(qp, entry, QPointF(m.x + m.w / 2, y), color, outline)
        if item.label is None:
            return
        fonts = self.page.fonts
        font = fonts.claim if entry.kind == "claim" else fonts.label
        fm, fmb = QFontMetricsF(font), QFontMetricsF(fonts.mark)
        r = item.label
        solid = item.inside and not entry.imprecise and entry.kind == "event"
        if not solid:  # a white ground over grid lines and hatching, inside the label's box
            qp.setPen(Qt.PenStyle.NoPen)
            qp.setBrush(QColor(255, 255, 255, 225))
            qp.drawRoundedRect(QRectF(r.x - 1, r.y, r.w + 2, r.h), 3, 3)
        text_color = (
            (QColor("black") if color.lightnessF() > 0.55 else QColor("white"))
            if solid
            else self.ink
        )
        mark_color = text_color if solid else color
        prefix, suffix = _marks(entry)
        base = r.y + fm.ascent()
        x = r.x
        for part, part_font, metrics, pen in (
            (prefix, fonts.mark, fmb, mark_color),
            (item.text, font, fm, text_color),
            (suffix, fonts.mark, fmb, mark_color),
        ):
            if part:
                qp.setFont(part_font)
                qp.setPen(pen)
                qp.drawText(QPointF(x, base), part)
                x += metrics.horizontalAdvance(part)

    def _notes(self, qp: QPainter) -> None:
        fonts = self.page.fonts
        fm = QFontMetricsF(fonts.subtitle)
        y = self.page.layout.lanes_bottom + 14
        for note in self.page.notes:
            self._text(qp, fonts.subtitle, self.soft, MARGIN, y, note)
            y += fm.height() + 2


def paint_page(qp: QPainter, page: PrintedPage) -> None:
    PagePainter(page).paint(qp)


__all__ = ["PAGE_W", "PrintedPage", "light_palette", "paint_page", "printed_page"]
