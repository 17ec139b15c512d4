"""The Negotiation page: per target and year, where the area and government stand, and who moved when."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from laadesk.core.edits import Edit
from laadesk.core.model import YEAR_FIELDS, YEARS
from laadesk.core.rules import Problem, polarity_of
from laadesk.ui.pages.base import Page
from laadesk.ui.pages.negotiation.models import HistoryModel, NegotiatedModel
from laadesk.ui.pages.negotiation.years import COLUMN, INTERNAL, INTERNAL_TEXT, YearsModel, lock_icon
from laadesk.ui.session import WorkbookSession
from laadesk.ui.tables.views import record_view

HINT = "Type over a figure to change it; Delete clears it. Agreeing a level also sets the target's level for that year."


class NegotiationPage(Page):
    title = "Negotiation"

    def __init__(self, session: WorkbookSession) -> None:
        super().__init__(session)
        self.targets = NegotiatedModel(session.snapshot())
        self.years = YearsModel(session)
        self.history = HistoryModel(session.snapshot())
        self.years.refused.connect(lambda text: self.tell(text, refused=True))
        self.years.agreed.connect(self.tell)
        session.settling.connect(self._settle)

        self.target_view = record_view("Targets in negotiation", self.targets, editable=False, rows=True, stretch=1)
        self.target_view.selectionModel().currentRowChanged.connect(lambda *_: self._show_target())

        self.heading = QLabel()
        self.heading.setAccessibleName("Target")
        self.heading.setWordWrap(True)
        self.heading.setTextFormat(Qt.TextFormat.RichText)
        self.year_view = record_view("Positions by year", self.years, stretch=COLUMN["gap"])
        self.year_view.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.year_view.setFixedHeight(
            self.year_view.horizontalHeader().sizeHint().height()
            + len(YEARS) * self.year_view.verticalHeader().defaultSectionSize()
            + 2 * self.year_view.frameWidth()
        )
        self.clear_action = QAction("Clear figure", self.year_view)
        self.clear_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))
        self.clear_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.clear_action.triggered.connect(self.clear_cell)
        self.year_view.addAction(self.clear_action)
        self.floor_note = self._floor_note()
        self.message = QLabel()
        self.message.setAccessibleName("Message")
        self.message.setWordWrap(True)
        self.notice = self.message
        self.message.hide()
        self.history_view = record_view("History of changes", self.history, editable=False, rows=True)
        self.history_view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        history_label = QLabel("&History of changes for this target (newest first)")
        history_label.setBuddy(self.history_view)

        right = QWidget()
        column = QVBoxLayout(right)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.heading)
        column.addWidget(self.year_view)
        column.addWidget(self.floor_note)
        column.addWidget(self.message)
        column.addSpacing(8)
        column.addWidget(history_label)
        column.addWidget(self.history_view, 1)
        splitter = QSplitter()
        splitter.addWidget(self.target_view)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([340, 700])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)
        QWidget.setTabOrder(self.target_view, self.year_view)
        QWidget.setTabOrder(self.year_view, self.history_view)
        self.refresh()
        if self.targets.rowCount():
            self.select_target(self.targets.code_at(0))

    def _floor_note(self) -> QWidget:
        note = QWidget()
        note.setAccessibleName("Floor is internal to government")
        note.setAutoFillBackground(True)
        palette = note.palette()
        palette.setColor(note.backgroundRole(), INTERNAL)
        note.setPalette(palette)
        row = QHBoxLayout(note)
        row.setContentsMargins(6, 3, 6, 3)
        icon = QLabel()
        icon.setPixmap(lock_icon().pixmap(16, 16))
        text = QLabel(
            f"<span style='color:{INTERNAL_TEXT.name()}'><b>Floor: internal - never leaves government.</b> "
            "The least ambitious level government would accept; it is never put in a council pack or export.</span>"
        )
        text.setWordWrap(True)
        row.addWidget(icon)
        row.addWidget(text, 1)
        return note

    # -- showing ------------------------------------------------------------------------

    def current_code(self) -> str | None:
        index = self.target_view.currentIndex()
        return self.targets.code_at(index.row()) if index.isValid() else None

    def show_target(self, code: str) -> bool:
        return self.select_target(code)

    def select_target(self, code: str) -> bool:
        row = self.targets.row_of(code)
        if row is None:
            return False
        index = self.targets.index(row, 0)
        flags = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
        self.target_view.selectionModel().setCurrentIndex(index, flags)
        self.target_view.scrollTo(index)
        return True

    def on_edited(self, edit: Edit) -> None:
        self.message.hide()  # an earlier refusal no longer applies once the workbook has changed
        self.refresh()

    def refresh(self) -> None:
        code = self.current_code()
        snapshot = self.session.snapshot()
        self.targets.update(snapshot)
        if code is not None and self.current_code() != code:
            self.select_target(code)
        self._show_target()

    def _show_target(self) -> None:
        code = self.current_code()
        cell = self.year_view.currentIndex()
        same = code == self.years.code
        self.years.show_target(code)
        snapshot = self.session.snapshot()
        self.history.show_history(snapshot, code)
        if same and cell.isValid():
            self.year_view.setCurrentIndex(self.years.index(cell.row(), cell.column()))
        self.year_view.setEnabled(code is not None)
        if code is None:
            self.heading.setText("<i>Choose a target on the left to see where the area and government stand.</i>")
            return
        target = snapshot.target(code)
        polarity = polarity_of(target, snapshot.catalogue) if target else None
        facts = []
        if target is not None and target.units:
            facts.append(f"units: {escape(target.units)}")
        if polarity is not None:
            facts.append(f"{polarity.value} is better")
        else:
            facts.append("polarity unknown: the gap cannot say who is more ambitious")
        if target is not None and target.baseline is not None:
            period = f" ({escape(target.baseline_period)})" if target.baseline_period else ""
            facts.append(f"baseline {target.baseline:g}{period}")
        self.heading.setText(
            f"<b>{escape(code)}</b> {escape(snapshot.title_of(code))}"
            f"<br><span style='color:#555'>{' · '.join(facts)}</span>"
            f"<br><span style='color:#555'><i>{HINT}</i></span>"
        )

    def _settle(self) -> None:
        """Before Save a Copy or closing: a figure still being typed into a cell is written now, through the
        undo stack (the cell itself lets go only later, when the file may already be closed)."""
        if self.year_view.state() != QAbstractItemView.State.EditingState:
            return
        cell = self.year_view.currentIndex()
        editor = self.year_view.indexWidget(cell) if cell.isValid() else None
        if isinstance(editor, QLineEdit):
            self.years.setData(cell, editor.text(), Qt.ItemDataRole.EditRole)

    def clear_cell(self) -> None:
        """Delete on a figure clears it (one undo step), as typing a blank would."""
        index = self.year_view.currentIndex()
        if index.isValid() and index.flags() & Qt.ItemFlag.ItemIsEditable:
            self.years.setData(index, "", Qt.ItemDataRole.EditRole)

    def show_problem(self, problem: Problem) -> bool:
        """An agreed level that differs from the target: select that year's agreed level."""
        if problem.rule != "agreed-level-differs" or problem.code is None or problem.field not in YEAR_FIELDS:
            return False
        if not self.select_target(problem.code):
            return False
        index: QModelIndex = self.years.index(YEAR_FIELDS.index(problem.field), COLUMN["agreed"])
        self.year_view.setCurrentIndex(index)
        self.year_view.setFocus()
        return True
