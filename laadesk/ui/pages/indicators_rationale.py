"""A free-text box that writes itself through (after a pause, on leaving it), and closing-time care."""

from __future__ import annotations

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QFocusEvent, QTextCursor
from PySide6.QtWidgets import QPlainTextEdit, QWidget

from laadesk.core.edits import Edit
from laadesk.core.errors import WorkbookProblem
from laadesk.ui.session import WorkbookSession

IDLE_MS = 600


def session_open(widget: QWidget, session: WorkbookSession) -> bool:
    """False once the main window has let go of the session (closing the workbook or opening another):
    an editor that loses focus then must not write to a closed file."""
    return getattr(widget.window(), "session", session) is session


def write_now(session: WorkbookSession, edit: Edit) -> None:
    """Write an edit straight to the file, outside the undo stack: for typing caught at closing time."""
    if edit.empty:
        return
    try:
        session.workbook.apply(edit)
    except WorkbookProblem as problem:
        session.edit_failed.emit(str(problem))


class WriteThroughText(QPlainTextEdit):
    """Emits `settled` with the text once typing pauses or focus leaves; load() never emits."""

    settled = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._loading = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(IDLE_MS)
        self._timer.timeout.connect(self._settle)
        self.textChanged.connect(self._typed)

    @property
    def pending(self) -> bool:
        """Typing not yet written."""
        return self._timer.isActive()

    def load(self, text: str) -> None:
        """Show stored text (after an edit, undo or another selection) unless it is already shown."""
        if text == self.toPlainText():
            return
        self._timer.stop()
        self._loading = True
        try:
            self.setPlainText(text)
            self.moveCursor(QTextCursor.MoveOperation.End)
        finally:
            self._loading = False

    def flush(self) -> None:
        """Write pending typing now."""
        if self._timer.isActive():
            self._timer.stop()
            self._settle()

    def take_pending(self) -> str | None:
        """The typing not yet written (and forget it is waiting), or None."""
        if not self._timer.isActive():
            return None
        self._timer.stop()
        return self.toPlainText()

    def _settle(self) -> None:
        self.settled.emit(self.toPlainText())

    def _typed(self) -> None:
        if not self._loading:
            self._timer.start()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        self.flush()
        super().focusOutEvent(event)
