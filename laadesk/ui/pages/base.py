"""What every page of the main window offers: a title, a refresh, and a way to show a problem."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from laadesk.core.edits import Edit
from laadesk.core.rules import Problem
from laadesk.ui.session import WorkbookSession


class Page(QWidget):
    """A page shows part of the workbook and edits it through the session."""

    title = "Page"

    def __init__(self, session: WorkbookSession) -> None:
        super().__init__()
        self.session = session
        self.setAccessibleName(self.title)
        session.edited.connect(self.on_edited)

    def on_edited(self, edit: Edit) -> None:
        """The workbook changed (an edit, an undo or a redo): show it. Pages may do less work."""
        self.refresh()

    def refresh(self) -> None:
        """Show the workbook as it is now."""

    def show_problem(self, problem: Problem) -> bool:
        """Select the field that causes a problem; False when this page does not hold it."""
        return False
