"""The Problems page: what the rules find now, errors first; activating a problem goes to its field."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QLabel, QStackedWidget, QVBoxLayout

from laadesk.core.rules import Problem, Severity, ready_for_sign_off
from laadesk.core.sign_off import status_line
from laadesk.ui.pages.base import Page
from laadesk.ui.pages.problems.model import ProblemsModel
from laadesk.ui.session import WorkbookSession
from laadesk.ui.tables.views import record_view
from laadesk.ui.widgets.layouts import ends

HINT = "Double-click a problem, or select it and press Enter, to go to the field that causes it."
EMPTY = "No problems: every rule is met."
READY_STYLE = "QLabel { color: #216e2b; }"
NOT_READY_STYLE = "QLabel { color: #8a1111; }"


def readiness(problems: list[Problem]) -> str:
    """ "Ready for sign-off", or "Not ready: 2 errors"."""
    errors = sum(1 for p in problems if p.severity is Severity.ERROR)
    if ready_for_sign_off(problems):
        warnings = len(problems) - errors
        if warnings:
            return f"Ready for sign-off ({warnings} warning{'s' if warnings != 1 else ''} to look at)"
        return "Ready for sign-off"
    return f"Not ready: {errors} error{'s' if errors != 1 else ''}"


class ProblemsPage(Page):
    title = "Problems"

    def __init__(self, session: WorkbookSession) -> None:
        super().__init__(session)
        self.readiness = QLabel()
        self.readiness.setAccessibleName("Readiness for sign-off")
        font = QFont(self.readiness.font())
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.readiness.setFont(font)
        self.summary = QLabel()
        self.summary.setAccessibleName("Rules summary")
        self.model = ProblemsModel(session.snapshot(), session.problems())
        self.view = record_view("Problems", self.model, editable=False, rows=True)
        self.view.setWordWrap(True)
        self.view.setAlternatingRowColors(True)
        header = self.view.horizontalHeader()
        for key, width in {"severity": 95, "code": 80, "field": 150}.items():
            header.resizeSection(self.model.column_of(key), width)
        header.sectionResized.connect(lambda *_: self.view.resizeRowsToContents())  # wrapped messages fit
        self.view.activated.connect(self.go_to)
        self.empty = QLabel(EMPTY)
        self.empty.setAccessibleName("No problems")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.view)
        self.stack.addWidget(self.empty)
        self.hint = QLabel(HINT)
        layout = QVBoxLayout(self)
        layout.addLayout(ends(self.readiness, self.summary))
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.hint)
        self.refresh()

    def refresh(self) -> None:
        """Show the rules' latest result, keeping the selected problem selected if it is still there."""
        snapshot, problems = self.session.snapshot(), self.session.problems()
        current = self.current_problem()
        row = self.view.currentIndex().row()
        self.model.set_problems(snapshot, problems)
        if current is not None and problems:
            row = problems.index(current) if current in problems else min(row, len(problems) - 1)
            self.view.setCurrentIndex(self.model.index(row, 0))
        self.view.resizeRowsToContents()
        self.summary.setText(status_line(snapshot, problems))
        ready = ready_for_sign_off(problems)
        self.readiness.setText(readiness(problems))
        self.readiness.setStyleSheet(READY_STYLE if ready else NOT_READY_STYLE)
        self.stack.setCurrentWidget(self.view if problems else self.empty)
        self.hint.setVisible(bool(problems))

    def current_problem(self) -> Problem | None:
        index = self.view.currentIndex()
        return self.model.problem(index.row()) if index.isValid() else None

    def current_code(self) -> str | None:
        problem = self.current_problem()
        return problem.code if problem is not None else None

    def go_to(self, index: QModelIndex) -> None:
        """Ask the main window to show the page and field that cause the problem."""
        if not index.isValid():
            return
        window = self.window()
        show = getattr(window, "show_problem", None)
        if window is not self and callable(show):
            show(self.model.problem(index.row()))

    def show_problem(self, problem: Problem) -> bool:
        return False  # this page lists problems; their fields live on the other pages
