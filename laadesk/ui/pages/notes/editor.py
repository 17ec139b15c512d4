"""The editor for one Champion note: every field writes through to the workbook as it is left."""

from __future__ import annotations

from itertools import count

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from laadesk.core.dates import format_date, parse_date
from laadesk.core.edits import Edit, set_fields
from laadesk.core.labels import sentence
from laadesk.core.model import ActionStatus, ChampionNote, NoteKind, Visibility
from laadesk.ui.pages.notes.model import INTERNAL_EXPLAINED, SHAREABLE_EXPLAINED, parse_indicator_list
from laadesk.ui.session import WorkbookSession

WRITE_AFTER_MS = 600  # idle time after typing before the note text is written to the file
ACTION_CHOICES = ((ActionStatus.NONE, "no action"), (ActionStatus.OPEN, "open"), (ActionStatus.DONE, "done"))
VISIBILITY_CHOICES = (
    (Visibility.INTERNAL, "internal to government"),
    (Visibility.SHAREABLE, "shareable with the area"),
)


class NoteTextEdit(QPlainTextEdit):
    """The note's text; says when it loses or gains focus so typing is written and bursts are told apart."""

    focus_lost = Signal()
    focus_gained = Signal()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        self.focus_lost.emit()
        super().focusOutEvent(event)

    def focusInEvent(self, event: QFocusEvent) -> None:
        self.focus_gained.emit()
        super().focusInEvent(event)


def _combo(name: str, choices: tuple[tuple[object, str], ...]) -> QComboBox:
    combo = QComboBox()
    combo.setAccessibleName(name)
    for value, text in choices:
        combo.addItem(text, value)
    return combo


class NoteEditor(QWidget):
    """Shows the selected note; each change is one Edit, the text one per burst of typing."""

    refused = Signal(str)  # a sentence: input that was not written

    def __init__(self, session: WorkbookSession) -> None:
        super().__init__()
        self.session = session
        self._note: ChampionNote | None = None
        self._loading = False
        self._bursts = count(1)
        self._burst = next(self._bursts)
        self.author = self._line("Author", "Who wrote the note")
        self.role = self._line("Author's role", "e.g. Negotiating Champion, DCSF")
        self.date = self._line("Date", "30/06/2008")
        self.kind = _combo("Kind", tuple((k, k.value) for k in NoteKind))
        self.visibility = _combo("Visibility", VISIBILITY_CHOICES)
        self.action_status = _combo("Action", ACTION_CHOICES)
        self.indicators = self._line("Linked indicators", "e.g. NI 117, NI 155; L2")
        self.internal_banner = QLabel(INTERNAL_EXPLAINED)
        self.internal_banner.setAccessibleName("Visibility of this note")
        self.internal_banner.setWordWrap(True)
        self.text = NoteTextEdit()
        self.text.setAccessibleName("Note text")
        self.text.setPlaceholderText("What was said, agreed or asked for. Written to the workbook as you type.")
        self.text.setTabChangesFocus(True)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(WRITE_AFTER_MS)
        self._timer.timeout.connect(self.flush)
        self.text.textChanged.connect(self._text_changed)
        self.text.focus_lost.connect(self.flush)
        self.text.focus_gained.connect(self._new_burst)
        session.settling.connect(self.flush)  # before Save a Copy, and before closing
        self.author.editingFinished.connect(self._author_finished)
        self.role.editingFinished.connect(
            lambda: self._write("change champion note author's role", role=self.role.text().strip())
        )
        self.date.editingFinished.connect(self._date_finished)
        self.indicators.editingFinished.connect(self._indicators_finished)
        self.kind.activated.connect(lambda _: self._kind_chosen())
        self.visibility.activated.connect(lambda _: self._visibility_chosen())
        self.action_status.activated.connect(lambda _: self._action_chosen())
        self._lay_out()
        self.show_note(None)

    def _line(self, name: str, placeholder: str) -> QLineEdit:
        line = QLineEdit()
        line.setAccessibleName(name)
        line.setPlaceholderText(placeholder)
        return line

    def _lay_out(self) -> None:
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for label, widget in (
            ("&Author", self.author),
            ("&Role", self.role),
            ("&Date", self.date),
            ("&Kind", self.kind),
            ("Visi&bility", self.visibility),
            ("A&ction", self.action_status),
            ("&Indicators", self.indicators),
        ):
            shown = QLabel(label)
            shown.setBuddy(widget)
            form.addRow(shown, widget)
        fields = QWidget()
        fields.setLayout(form)
        fields.setMinimumWidth(340)
        fields.setMaximumWidth(470)
        text_column = QVBoxLayout()
        text_label = QLabel("&Note")
        text_label.setBuddy(self.text)
        text_column.addWidget(text_label)
        text_column.addWidget(self.text, 1)
        text_column.addWidget(self.internal_banner)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(fields)
        layout.addLayout(text_column, 1)
        for first, second in (
            (self.author, self.role),
            (self.role, self.date),
            (self.date, self.kind),
            (self.kind, self.visibility),
            (self.visibility, self.action_status),
            (self.action_status, self.indicators),
            (self.indicators, self.text),
        ):
            QWidget.setTabOrder(first, second)

    # -- showing a note ------------------------------------------------------------------

    @property
    def note(self) -> ChampionNote | None:
        return self._note

    def show_note(self, note: ChampionNote | None) -> None:
        """Show a note (None: nothing selected). Fields already showing its values are left alone."""
        if self._note is not None and (note is None or note.id != self._note.id):
            self.flush()
            self._new_burst()
        self._note = note
        self._loading = True
        try:
            fields: tuple[QWidget, ...] = (self.author, self.role, self.date, self.kind, self.visibility)
            for field in (*fields, self.action_status, self.indicators, self.text):
                field.setEnabled(note is not None)
            if note is None:
                for line in (self.author, self.role, self.date, self.indicators):
                    line.clear()
                self.text.clear()
                self.internal_banner.setText("Select a note to read or edit it, or add a new one.")
                self.internal_banner.setStyleSheet("")
                return
            self._set_line(self.author, note.author)
            self._set_line(self.role, note.role)
            self._set_line(self.date, format_date(note.date))
            self._set_line(self.indicators, ", ".join(note.indicators))
            self._set_combo(self.kind, note.kind)
            self._set_combo(self.visibility, note.visibility)
            self._set_combo(self.action_status, note.action_status)
            if self.text.toPlainText() != note.text and not self.writing_pending:
                self.text.setPlainText(note.text)
            self._show_visibility(note.visibility)
        finally:
            self._loading = False

    def _show_visibility(self, visibility: Visibility) -> None:
        if visibility is Visibility.INTERNAL:
            self.internal_banner.setText(INTERNAL_EXPLAINED)
            self.internal_banner.setStyleSheet("QLabel { background: #fbe3b8; color: #6b3d00; padding: 4px; }")
        else:
            self.internal_banner.setText(SHAREABLE_EXPLAINED)
            self.internal_banner.setStyleSheet("QLabel { padding: 4px; }")

    @staticmethod
    def _set_line(line: QLineEdit, value: str) -> None:
        if line.text() != value:
            line.setText(value)
            line.setCursorPosition(0)

    @staticmethod
    def _set_combo(combo: QComboBox, value: object) -> None:
        combo.setCurrentIndex(combo.findData(value))

    # -- writing -----------------------------------------------------------------------

    def _current(self) -> ChampionNote | None:
        """The note as the file holds it now (None if it has been deleted, or the workbook closed)."""
        if self._note is None or not self.session.is_open:
            return None  # a field letting go after closing: the note text was written when the session settled
        return next((n for n in self.session.snapshot().notes if n.id == self._note.id), None)

    def _write(self, label: str, merge_key: object = None, **values: object) -> None:
        note = self._current()
        if note is None or self._loading:
            return
        edit: Edit = set_fields(note, label, **values)
        self.session.apply(edit, merge_key=merge_key)

    def _refuse(self, message: str) -> None:
        self.refused.emit(sentence(message))

    def _author_finished(self) -> None:
        author = self.author.text().strip()
        if not author:
            self._refuse("A champion note needs an author; the author was left as it was")
            if self._note is not None:
                self._set_line(self.author, self._note.author)
            return
        self._write("change champion note author", author=author)

    def _date_finished(self) -> None:
        try:
            when = parse_date(self.date.text())
        except ValueError as refusal:
            self._refuse(str(refusal))
            return
        if when is None:
            self._refuse("A champion note needs a date; the date was left as it was")
            if self._note is not None:
                self._set_line(self.date, format_date(self._note.date))
            return
        self._set_line(self.date, format_date(when))
        self._write("change champion note date", date=when)

    def _indicators_finished(self) -> None:
        try:
            codes = parse_indicator_list(self.indicators.text(), self.session.snapshot().catalogue)
        except ValueError as refusal:
            self._refuse(f"{refusal}; the linked indicators were not changed")
            return
        self._set_line(self.indicators, ", ".join(codes))
        self._write("link champion note to indicators", indicators=codes)

    def _kind_chosen(self) -> None:
        kind = NoteKind(self.kind.currentData())
        self._write(f"make champion note a {kind.value}", kind=kind)

    def _visibility_chosen(self) -> None:
        visibility = Visibility(self.visibility.currentData())
        label = "mark champion note internal" if visibility is Visibility.INTERNAL else "mark champion note shareable"
        self._write(label, visibility=visibility)

    def _action_chosen(self) -> None:
        status = ActionStatus(self.action_status.currentData())
        labels = {
            ActionStatus.NONE: "mark champion note as needing no action",
            ActionStatus.OPEN: "reopen champion note action",
            ActionStatus.DONE: "mark champion note action done",
        }
        self._write(labels[status], action_status=status)

    # -- the note text ---------------------------------------------------------------------

    def _text_changed(self) -> None:
        if not self._loading and self._note is not None:
            self._timer.start()

    def _new_burst(self) -> None:
        self._burst = next(self._bursts)

    def flush(self) -> None:
        """Write the typed text now if it differs from the file (idle timer, focus-out, leaving the note,
        the session settling before Save a Copy or closing)."""
        self._timer.stop()
        note = self._current()
        if note is None or self._loading:
            return
        text = self.text.toPlainText()
        if text != note.text:
            self._write("edit champion note text", ("champion note text", note.id, self._burst), text=text)

    @property
    def writing_pending(self) -> bool:
        return self._timer.isActive()
