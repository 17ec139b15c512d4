"""A comfortable editor for a section's text that says when typing has settled, so it can be written."""

from __future__ import annotations

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QFocusEvent, QFont, QTextCursor, QTextOption
from PySide6.QtWidgets import QPlainTextEdit

IDLE_MS = 600


class StoryTextEditor(QPlainTextEdit):
    """Plain text, word-wrapped in a readable size; `settled` fires after a pause in typing or on leaving."""

    settled = Signal()
    focused = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.setAccessibleName("Section text")
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.setWordWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        self.setTabChangesFocus(True)  # Tab moves on to the evidence, as in any form
        font = QFont(self.font())
        font.setPointSizeF(max(font.pointSizeF(), 9.0) * 1.2)
        self.setFont(font)
        self.document().setDocumentMargin(12)
        self.setPlaceholderText(
            "Write this part of the story of place: what the evidence shows about the area's needs, "
            "what the partnership will do about them, and which indicators follow."
        )
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(IDLE_MS)
        self._timer.timeout.connect(self.settle)
        self._loading = False
        self._pending = False
        self.textChanged.connect(self._typed)

    @property
    def pending(self) -> bool:
        """Typed text not yet handed on."""
        return self._pending

    def load(self, text: str) -> bool:
        """Show text from the workbook, keeping the cursor where it was; True if the text changed."""
        self._timer.stop()
        self._pending = False
        if text == self.toPlainText():
            return False
        position = self.textCursor().position()
        self._loading = True
        try:
            self.setPlainText(text)
        finally:
            self._loading = False
        cursor = self.textCursor()
        cursor.setPosition(min(position, self.document().characterCount() - 1), QTextCursor.MoveMode.MoveAnchor)
        self.setTextCursor(cursor)
        return True

    def settle(self) -> None:
        """Hand on what was typed now (a pause, leaving the editor, the session settling); stops the timer."""
        self._timer.stop()
        if self._pending:
            self._pending = False
            self.settled.emit()

    def _typed(self) -> None:
        if self._loading:
            return
        self._pending = True
        self._timer.start()

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        self.focused.emit()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.settle()
