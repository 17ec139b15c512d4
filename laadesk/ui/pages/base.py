"""What every page of the main window offers: a title, a refresh, and a way to show a problem."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QMainWindow, QWidget

from laadesk.core.edits import Edit
from laadesk.core.rules import Problem
from laadesk.ui.session import WorkbookSession

MESSAGE_MS = 10_000
REFUSED_STYLE = "color: #b00020;"


class Page(QWidget):
    """A page shows part of the workbook and edits it through the session."""

    title = "Page"
    notice: QLabel | None = None  # the page's own line for sentences, where it has one

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

    def tell(self, sentence: str, *, refused: bool = False) -> None:
        """A sentence for the person - why something typed was not written, what a paste did -
        on the page's notice line (hidden when empty) and in the window's status bar."""
        if self.notice is not None:
            self.notice.setStyleSheet(REFUSED_STYLE if refused else "")
            self.notice.setText(sentence)
            self.notice.setVisible(bool(sentence))
        window = self.window()
        if isinstance(window, QMainWindow) and sentence:
            window.statusBar().showMessage(sentence, MESSAGE_MS)

    def current_code(self) -> str | None:
        """The indicator this page is showing, if it shows one (workshop mode starts there)."""
        return None

    def show_target(self, code: str) -> bool:
        """Make this indicator the one the page shows (as workshop mode ends on it); False where it cannot."""
        return False

    def reading_controls(self) -> list[QWidget]:
        """Controls that only change what is shown (searches, filters): they work read-only too."""
        return []

    def make_read_only(self) -> None:
        """The workbook is open read-only: nothing on this page may start an edit."""
        from laadesk.ui.pages.read_only import make_read_only  # only a read-only workbook needs it

        make_read_only(self, self.reading_controls())

    def show_problem(self, problem: Problem) -> bool:
        """Select the field that causes a problem; False when this page does not hold it."""
        return False
