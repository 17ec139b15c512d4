"""The History page: every change to the workbook, newest first - who made it, when, from what
to what, and how (typed, imported from a council's table, undone) - filtered by person, day and
indicator, and exported to CSV. The history is government's side: never in a council's copy."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from laadesk.core.edits import Edit
from laadesk.core.errors import WorkbookProblem
from laadesk.store.history import entry_count, indicators, people
from laadesk.ui.pages.base import Page
from laadesk.ui.pages.history.export import export_history
from laadesk.ui.pages.history.filters import HistoryFilters
from laadesk.ui.pages.history.model import HistoryModel
from laadesk.ui.session import WorkbookSession
from laadesk.ui.tables.views import record_view
from laadesk.ui.widgets.controls import button, quiet
from laadesk.ui.widgets.layouts import ends

HINT = "Government's side: the history is never in the council's copy or a council pack."


class HistoryPage(Page):
    title = "History"

    def __init__(self, session: WorkbookSession) -> None:
        super().__init__(session)
        self.filters = HistoryFilters()
        self.export_button = button(
            "&Export to CSV...", "Write the changes this page shows to a CSV file, oldest first", self.export
        )
        self.summary = QLabel()
        self.summary.setAccessibleName("What the history shows")
        self.model = HistoryModel(session.workbook)
        self.view = record_view("History", self.model, editable=False, rows=True, stretch=6, fit=False)
        self.view.setAlternatingRowColors(True)
        self.notice = QLabel()
        self.notice.setWordWrap(True)
        self.notice.hide()
        hint = QLabel(HINT)
        quiet(hint)
        layout = QVBoxLayout(self)
        layout.addLayout(ends(self.filters, self.export_button))
        layout.addWidget(self.summary)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.notice)
        layout.addWidget(hint)
        self.filters.changed.connect(self.show_wanted)
        session.frozen.connect(lambda _version: self.catch_up())
        self._offer()
        self._say_what_is_shown()

    def on_edited(self, edit: Edit) -> None:
        self.catch_up()

    def refresh(self) -> None:
        self._offer()
        self.model.read_afresh()
        self._say_what_is_shown()

    def catch_up(self) -> None:
        """The entries just written, at the top; a new name or indicator offered in the filters."""
        self._offer()
        self.model.catch_up()
        self._say_what_is_shown()

    def show_wanted(self) -> None:
        self.model.read_afresh(self.filters.wanted())
        self.view.scrollToTop()
        self._say_what_is_shown()

    def _offer(self) -> None:
        workbook = self.session.workbook
        try:
            self.filters.offer(people(workbook), indicators(workbook))
        except WorkbookProblem as problem:  # a damaged history: said below the table, never a crash
            self.model.problem = str(problem)

    def _say_what_is_shown(self) -> None:
        try:
            total = entry_count(self.session.workbook)
        except WorkbookProblem as problem:
            self.model.problem = str(problem)
        if self.model.problem:
            self.summary.setText(f"The history cannot be shown: {self.model.problem}")
            return
        wanted = self.model.wanted.describe()
        if total == 0:
            text = "No changes recorded in this workbook yet."
        elif not wanted:
            text = f"{total:,} change{'s' if total != 1 else ''} recorded in this workbook, newest first."
        elif self.model.rowCount() == 0:
            text = f"No changes {wanted}."
        else:
            text = f"Changes {wanted}, newest first ({total:,} in the whole workbook)."
        self.summary.setText(text)

    def export(self) -> None:
        said = export_history(self, self.session.workbook, self.model.wanted)
        if said:
            self.tell(said)

    def current_entry(self) -> Any:
        index = self.view.currentIndex()
        return self.model.entry(index.row()) if index.isValid() else None

    def current_code(self) -> str | None:
        entry = self.current_entry()
        return (entry.ni if entry is not None else self.model.wanted.ni) or None

    def reading_controls(self) -> list[QWidget]:
        return [*self.filters.controls(), self.export_button]
