"""A free-text box that writes itself through: after a pause, on leaving it, and when the session settles."""

from __future__ import annotations

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QFocusEvent, QTextCursor
from PySide6.QtWidgets import QPlainTextEdit, QWidget

IDLE_MS = 600


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
        """Write pending typing now (on leaving, another selection, or the session settling); stops the timer."""
        if self._timer.isActive():
            self._timer.stop()
            self._settle()

    def _settle(self) -> None:
        self.settled.emit(self.toPlainText())

    def _typed(self) -> None:
        if not self._loading:
            self._timer.start()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        self.flush()
        super().focusOutEvent(event)
