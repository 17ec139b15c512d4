"""Workshop mode: one target at a time in large type, for a projector, with quick capture."""

from __future__ import annotations

from datetime import date, datetime
from html import escape

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import QCheckBox, QComboBox, QHBoxLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from laadesk.core.deferral import written
from laadesk.core.exchange import exchange_targets
from laadesk.core.model import YEAR_FIELDS, YEARS, NoteKind, Position, Role, Target, Visibility
from laadesk.core.numbers import format_level
from laadesk.core.rules import polarity_of
from laadesk.core.statutory_years import SET_ANNUALLY, academic_year, not_yet_set
from laadesk.core.workshop import capture_note
from laadesk.ui.session import WorkbookSession
from laadesk.ui.widgets.controls import button

NAVIGATION_KEYS = {
    Qt.Key.Key_Right: 1,
    Qt.Key.Key_Down: 1,
    Qt.Key.Key_PageDown: 1,
    Qt.Key.Key_Left: -1,
    Qt.Key.Key_Up: -1,
    Qt.Key.Key_PageUp: -1,
}


class WorkshopView(QWidget):
    """Shows the chosen targets one by one; arrows move, Enter in the capture box records a note."""

    note_captured = Signal(str)

    def __init__(self, session: WorkbookSession, start_code: str | None = None) -> None:
        super().__init__()
        self.session = session
        self.setAccessibleName("Workshop mode")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        font = self.font()
        font.setPointSizeF(font.pointSizeF() * 1.8)
        self.setFont(font)
        self.codes = [t.code for t in exchange_targets(session.snapshot().targets)]
        self.index = self.codes.index(start_code) if start_code in self.codes else 0
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        self.heading.setAccessibleName("Target")
        self.counter = QLabel()
        self.levels = QLabel()
        self.levels.setTextFormat(Qt.TextFormat.RichText)
        self.levels.setAccessibleName("Levels and positions")
        from laadesk.ui.widgets.trajectory_chart import TrajectoryChart  # QtCharts loads only when needed

        self.chart = TrajectoryChart()
        self.chart.heading.hide()  # the view's own heading names the target in larger type
        self.chart.setMinimumHeight(320)
        badge = self.chart.direction.font()  # the better way, larger still: read from the back of the room
        badge.setPointSizeF(font.pointSizeF() * 1.25)
        self.chart.direction.setFont(badge)
        self.capture = QLineEdit()
        self.capture.setPlaceholderText("Type a decision or an action and press Enter")
        self.capture.setAccessibleName("Capture a decision or action")
        self.capture.installEventFilter(self)
        self.capture.returnPressed.connect(self.capture_now)
        self.kind = QComboBox()
        self.kind.addItems(["decision", "action"])
        self.kind.setAccessibleName("Kind of note")
        self.internal = QCheckBox("Internal to government")
        self.internal.setAccessibleName("Internal to government")
        record = button("Capture", "Capture the note typed (Enter)", self.capture_now, name="Capture note")
        self.captured = QLabel()
        self.captured.setWordWrap(True)
        self.captured.setAccessibleName("Captured in this session")
        self.captured_lines: list[str] = []

        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        top.addWidget(self.counter)
        middle = QHBoxLayout()
        middle.addWidget(self.chart, 3)
        middle.addWidget(self.levels, 2)
        capture_row = QHBoxLayout()
        capture_row.addWidget(self.kind)
        capture_row.addWidget(self.capture, 1)
        capture_row.addWidget(self.internal)
        capture_row.addWidget(record)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(middle, 1)
        layout.addLayout(capture_row)
        layout.addWidget(self.captured)
        hint = QLabel(
            "Left/Right: previous/next target  -  Ctrl+D: capture a decision  -  "
            "Ctrl+T: capture an action  -  F5 or Esc: leave workshop mode"
        )
        hint.setStyleSheet("color: palette(mid);")
        small = hint.font()
        small.setPointSizeF(font.pointSizeF() / 1.8)
        hint.setFont(small)
        layout.addWidget(hint)
        for keys, kind in (("Ctrl+D", "decision"), ("Ctrl+T", "action")):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.activated.connect(lambda k=kind: self.start_capture(k))
        session.edited.connect(self._on_edited)  # a bound slot: dropped when the view is deleted
        self.show_current()

    def _on_edited(self, edit: object) -> None:
        self.show_current()

    @property
    def current_code(self) -> str | None:
        return self.codes[self.index] if self.codes else None

    def step(self, by: int) -> None:
        if self.codes:
            self.index = (self.index + by) % len(self.codes)
            self.show_current()

    def show_current(self) -> None:
        snapshot = self.session.snapshot()
        code = self.current_code
        target = snapshot.target(code) if code else None
        if target is None:
            self.heading.setText("<b>No targets chosen yet</b>")
            self.counter.setText("")
            self.levels.setText("")
            return
        self.heading.setText(f"<b>{escape(code or '')}</b> - {escape(snapshot.title_of(target.code))}")
        self.counter.setText(f"{self.index + 1} of {len(self.codes)}")
        positions = tuple(p for p in snapshot.positions if p.code == target.code)
        self.levels.setText(self._levels_html(target, positions, snapshot.area.today(date.today())))
        polarity = polarity_of(target, snapshot.catalogue)
        self.chart.show_target(target, positions, polarity, snapshot.title_of(target.code))

    def _levels_html(self, target: Target, positions: tuple[Position, ...], as_at: date) -> str:
        by_year = {p.year: p for p in positions}
        rows = [
            f"<tr><td>Baseline {escape(target.baseline_period)}</td><td align='right'>"
            f"{_level_html(target, 'baseline')}</td><td></td><td></td></tr>"
        ]
        for year, field in zip(YEARS, YEAR_FIELDS):
            position = by_year.get(year)
            area = format_level(position.area_proposal) if position else ""
            government = format_level(position.government_position) if position else ""
            # A statutory target is set by academic year, one year each December (core/statutory_years).
            label = academic_year(year) if target.role is Role.STATUTORY else year
            set_later = f"<i style='color:#6b6b6b; font-weight:normal'>{SET_ANNUALLY}</i>"
            shown = set_later if not_yet_set(target, field, as_at) else _level_html(target, field)
            rows.append(
                f"<tr><td>{label}</td><td align='right'><b>{shown}</b></td>"
                f"<td align='right'>{area}</td><td align='right'>{government}</td></tr>"
            )
        status = target.status.value
        if target.deferred and target.deferral_reason:
            status += f": {written(target.deferral_reason, target.deferral_note)}"
        return (
            f"<p>{escape(target.units)} - {escape(status)}</p>"
            "<table cellspacing='8'><tr><th></th><th>Target</th><th>Area</th><th>Government</th></tr>"
            + "".join(rows)
            + "</table>"
            + (f"<p>Lead: {escape(target.lead_partner)}</p>" if target.lead_partner else "<p>No lead partner yet</p>")
        )

    def start_capture(self, kind: str) -> None:
        self.kind.setCurrentText(kind)
        self.capture.setFocus()

    def capture_now(self) -> None:
        text = self.capture.text().strip()
        if not text:
            return
        kind = NoteKind(self.kind.currentText())
        visibility = Visibility.INTERNAL if self.internal.isChecked() else Visibility.SHAREABLE
        now = datetime.now()
        edit = capture_note(text, kind, self.current_code, self.session.workbook.author, now, visibility)
        self.session.apply(edit)
        self.captured_lines.append(f"{now:%H:%M} {kind.value}: {text}")
        self.captured.setText("<br>".join(escape(line) for line in self.captured_lines[-4:]))
        self.capture.clear()
        self.setFocus()
        self.note_captured.emit(text)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        step = NAVIGATION_KEYS.get(Qt.Key(event.key()))
        if step is not None:
            self.step(step)
            return
        super().keyPressEvent(event)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Arrows move between targets from the capture box too, while it is empty.
        if watched is self.capture and event.type() == QEvent.Type.KeyPress and not self.capture.text():
            key_event = event if isinstance(event, QKeyEvent) else None
            if key_event is not None and Qt.Key(key_event.key()) in NAVIGATION_KEYS:
                self.step(NAVIGATION_KEYS[Qt.Key(key_event.key())])
                return True
        return super().eventFilter(watched, event)


def _level_html(target: Target, field: str) -> str:
    """A level for the room to read: the figure, or the words a council's table gave, flagged as such."""
    value = getattr(target, field)
    words = target.as_written(field)
    if value is None and words:
        return f"<i style='color:#8a5a00'>as written: {escape(' '.join(words.split()))}</i>"
    return format_level(value) or "-"
