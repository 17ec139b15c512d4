"""The Champion notes page: the notes in a filtered table, and an editor for the one selected."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from itertools import pairwise

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from laadesk.core.codes import parse_code
from laadesk.core.dates import format_date
from laadesk.core.edits import add, remove
from laadesk.core.model import ActionStatus, ChampionNote, NoteKind, Visibility, new_id
from laadesk.core.rules import Problem
from laadesk.ui.pages.base import Page
from laadesk.ui.pages.notes.editor import NoteEditor
from laadesk.ui.pages.notes.model import NoteFilter, NotesFilterModel, NotesModel
from laadesk.ui.session import WorkbookSession
from laadesk.ui.tables.views import record_view
from laadesk.ui.widgets.layouts import split

NEW_NOTE_SHORTCUT = "Ctrl+Shift+N"  # Ctrl+N is File > New workbook
COLUMN_WIDTHS = {
    "date": 90,
    "author": 125,
    "role": 150,
    "kind": 100,
    "visibility": 80,
    "action_status": 60,
    "indicators": 110,
}


class NotesPage(Page):
    title = "Champion notes"

    def __init__(self, session: WorkbookSession) -> None:
        super().__init__(session)
        self.today: Callable[[], date] = date.today
        self._indicator_problem = ""
        self.model = NotesModel(session)
        self.proxy = NotesFilterModel(self.model)
        self.view = self._table()
        self.editor = NoteEditor(session)
        self.message = QLabel()
        self.message.setAccessibleName("Message")
        self.message.setWordWrap(True)
        self.notice = self.message
        self.editor.refused.connect(lambda text: self.tell(text))
        self._build_filters()
        self._build_actions()
        self._lay_out()
        self.view.selectionModel().currentRowChanged.connect(lambda current, previous: self._current_changed())
        self.proxy.rowsInserted.connect(lambda *_: self._update_count())
        self.proxy.rowsRemoved.connect(lambda *_: self._update_count())
        self.view.setCurrentIndex(self.proxy.index(0, 0))
        self.refresh()

    # -- building ------------------------------------------------------------------------

    def _table(self) -> QTableView:
        view = record_view("Champion notes", self.proxy, editable=False, rows=True)
        view.setAlternatingRowColors(True)
        view.setSortingEnabled(True)
        view.sortByColumn(self.model.column_of("date"), Qt.SortOrder.DescendingOrder)
        for key, width in COLUMN_WIDTHS.items():
            view.horizontalHeader().resizeSection(self.model.column_of(key), width)
        return view

    def reading_controls(self) -> list[QWidget]:
        return [self.kind_filter, self.indicator_filter, self.visibility_filter, self.open_actions]

    def _build_filters(self) -> None:
        self.kind_filter = QComboBox()
        self.kind_filter.setAccessibleName("Show notes of kind")
        self.kind_filter.addItem("Any kind", None)
        for kind in NoteKind:
            self.kind_filter.addItem(kind.value, kind)
        self.indicator_filter = QLineEdit()
        self.indicator_filter.setAccessibleName("Show notes on indicator")
        self.indicator_filter.setPlaceholderText("Indicator, e.g. 155")
        self.indicator_filter.setClearButtonEnabled(True)
        self.indicator_filter.setMaximumWidth(170)
        self.visibility_filter = QComboBox()
        self.visibility_filter.setAccessibleName("Show notes with visibility")
        self.visibility_filter.addItem("Internal and shareable", None)
        self.visibility_filter.addItem("Internal only", Visibility.INTERNAL)
        self.visibility_filter.addItem("Shareable only", Visibility.SHAREABLE)
        self.open_actions = QCheckBox("O&pen actions only")
        self.open_actions.setAccessibleName("Open actions only")
        self.shown = QLabel()
        self.shown.setAccessibleName("Notes shown")
        self.kind_filter.currentIndexChanged.connect(lambda _: self._filter_changed())
        self.visibility_filter.currentIndexChanged.connect(lambda _: self._filter_changed())
        self.indicator_filter.textChanged.connect(lambda _: self._filter_changed())
        self.open_actions.toggled.connect(lambda _: self._filter_changed())

    def _build_actions(self) -> None:
        self.new_action = QAction("&New note", self)
        self.new_action.setShortcut(QKeySequence(NEW_NOTE_SHORTCUT))
        self.new_action.setToolTip(f"Add a champion note dated today ({NEW_NOTE_SHORTCUT})")
        self.new_action.triggered.connect(self.new_note)
        self.addAction(self.new_action)
        self.delete_action = QAction("&Delete note", self)
        self.delete_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))
        self.delete_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.delete_action.setToolTip("Delete the selected note (Delete); Undo brings it back")
        self.delete_action.triggered.connect(self.delete_note)
        self.view.addAction(self.delete_action)
        self.new_button = QPushButton("New note")
        self.new_button.setAccessibleName("New note")
        self.new_button.setToolTip(self.new_action.toolTip())
        self.new_button.clicked.connect(self.new_action.trigger)
        self.delete_button = QPushButton("Delete note")
        self.delete_button.setAccessibleName("Delete note")
        self.delete_button.setToolTip(self.delete_action.toolTip())
        self.delete_button.clicked.connect(self.delete_action.trigger)

    def _lay_out(self) -> None:
        bar = QHBoxLayout()
        bar.addWidget(self.new_button)
        bar.addWidget(self.delete_button)
        bar.addSpacing(16)
        show = QLabel("&Show:")
        show.setBuddy(self.kind_filter)
        bar.addWidget(show)
        for widget in (self.kind_filter, self.indicator_filter, self.visibility_filter, self.open_actions):
            bar.addWidget(widget)
        bar.addStretch(1)
        bar.addWidget(self.shown)
        splitter = split(Qt.Orientation.Vertical, (self.view, 3), (self.editor, 2), collapsible=False)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.message)
        order: list[QWidget] = [
            self.new_button,
            self.delete_button,
            self.kind_filter,
            self.indicator_filter,
            self.visibility_filter,
            self.open_actions,
            self.view,
            self.editor.author,
        ]
        for first, second in pairwise(order):
            QWidget.setTabOrder(first, second)

    # -- showing -----------------------------------------------------------------------

    def refresh(self) -> None:
        snapshot = self.session.snapshot()
        self.model.show(snapshot.notes, snapshot)
        self.editor.show_note(self.current_note())
        self._update_count()
        self.message.clear()

    def current_note(self) -> ChampionNote | None:
        index = self.view.currentIndex()
        if not index.isValid():
            return None
        return self.model.note(self.proxy.mapToSource(index).row())

    def current_code(self) -> str | None:
        """The first indicator the selected note is about."""
        note = self.current_note()
        return note.indicators[0] if note is not None and note.indicators else None

    def select_note(self, note_id: str) -> bool:
        row = self.model.row_of(note_id)
        index = self.proxy.mapFromSource(self.model.index(row, 0)) if row is not None else QModelIndex()
        if not index.isValid():
            return False
        self.view.setCurrentIndex(index)
        self.view.scrollTo(index)
        return True

    def _current_changed(self) -> None:
        self.editor.flush()
        note = self.current_note()
        self.editor.show_note(note)
        self.delete_action.setEnabled(note is not None)
        self.delete_button.setEnabled(note is not None)

    def _filter_changed(self) -> None:
        self.editor.flush()
        kind = self.kind_filter.currentData()
        visibility = self.visibility_filter.currentData()
        indicator: str | None = None
        self._indicator_problem = ""
        if self.indicator_filter.text().strip():
            try:
                indicator = parse_code(self.indicator_filter.text())
            except ValueError as refusal:
                indicator = self.indicator_filter.text()  # matches no note
                self._indicator_problem = str(refusal)
        self.proxy.set_note_filter(
            NoteFilter(
                kind=NoteKind(kind) if kind else None,
                indicator=indicator,
                visibility=Visibility(visibility) if visibility else None,
                open_actions_only=self.open_actions.isChecked(),
            )
        )
        if not self.view.currentIndex().isValid() and self.proxy.rowCount():
            self.view.setCurrentIndex(self.proxy.index(0, 0))
        self._current_changed()
        self._update_count()

    def _update_count(self) -> None:
        problem = self._indicator_problem
        total, shown = self.model.rowCount(), self.proxy.rowCount()
        if problem:
            self.shown.setText(f"{problem[0].upper()}{problem[1:]}.")
        elif shown == total:
            self.shown.setText(f"{total} note{'s' if total != 1 else ''}")
        else:
            self.shown.setText(f"{shown} of {total} notes shown")

    # -- adding and deleting -------------------------------------------------------------------

    def new_note(self) -> None:
        """A note dated today by the workbook's author, fitting the filters so it stays in view."""
        self.editor.flush()
        wanted = self.proxy.note_filter
        kind = NoteKind.ACTION if wanted.open_actions_only else (wanted.kind or NoteKind.BARRIER)
        author = self.session.workbook.author
        earlier = [n for n in self.session.snapshot().notes if n.author == author and n.role]
        note = ChampionNote(
            id=new_id(),
            author=author,
            text="",
            kind=kind,
            date=self.today(),
            role=max(earlier, key=lambda n: n.date).role if earlier else "",
            indicators=(wanted.indicator,) if wanted.indicator and not self._indicator_problem else (),
            visibility=wanted.visibility or Visibility.INTERNAL,
            action_status=ActionStatus.OPEN if kind is NoteKind.ACTION else ActionStatus.NONE,
        )
        self.session.apply(add(note, "add champion note"))
        if self.select_note(note.id):
            self.editor.text.setFocus(Qt.FocusReason.OtherFocusReason)

    def delete_note(self) -> None:
        note = self.current_note()
        if note is None:
            return
        self.editor.flush()
        note = next((n for n in self.session.snapshot().notes if n.id == note.id), note)
        row = self.view.currentIndex().row()
        self.session.apply(remove(note, f"delete champion note ({note.author}, {format_date(note.date)})"))
        if self.proxy.rowCount():
            self.view.setCurrentIndex(self.proxy.index(min(row, self.proxy.rowCount() - 1), 0))
        self.view.setFocus(Qt.FocusReason.OtherFocusReason)

    def show_problem(self, problem: Problem) -> bool:
        return False  # the rules look at targets, not at notes
