"""Small pieces every page builds with: a keyboard action bound to one view, its button, a quiet note,
a question asked before an edit reaches further, and a label that can be clicked."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QKeySequence, QMouseEvent, QPalette
from PySide6.QtWidgets import QLabel, QLineEdit, QMessageBox, QPushButton, QWidget

# A field that only takes what a button then adds (a new partner's name): hidden when read-only.
ADDS_RECORDS = "laadesk_adds_records"


def adds_records(widget: QLineEdit) -> None:
    """Mark a field whose text only becomes a record when added (Enter or an Add button)."""
    widget.setProperty(ADDS_RECORDS, True)


def view_action(view: QWidget, text: str, keys: Sequence[QKeySequence], slot: Callable[[], None]) -> QAction:
    """An action whose keys work while `view` has the focus (so they never clash with the window's)."""
    action = QAction(text, view)
    action.setShortcuts(list(keys))
    action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
    action.triggered.connect(lambda _=False: slot())
    view.addAction(action)
    return action


def button(text: str, tip: str, slot: Callable[[], None], *, name: str = "") -> QPushButton:
    """A push button named for screen readers by `name`, else by its own text (without the & of its mnemonic)."""
    pushed = QPushButton(text)
    pushed.setAccessibleName(name or text.replace("&", ""))
    if tip:
        pushed.setToolTip(tip)
    pushed.clicked.connect(lambda _=False: slot())
    return pushed


def quiet(label: QLabel) -> None:
    """Draw a label as a note beside the content: the theme's text colour, softened."""
    palette = label.palette()
    colour = palette.color(QPalette.ColorRole.WindowText)
    colour.setAlpha(165)
    palette.setColor(QPalette.ColorRole.WindowText, colour)
    label.setPalette(palette)


def confirm(parent: QWidget, title: str, question: str, action: str) -> bool:
    """Ask before an edit that reaches beyond the record itself; tests replace this function."""
    box = QMessageBox(QMessageBox.Icon.Question, title, question, QMessageBox.StandardButton.NoButton, parent)
    yes = box.addButton(action, QMessageBox.ButtonRole.DestructiveRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    box.exec()
    return box.clickedButton() is yes


class ClickableLabel(QLabel):
    """A label that says when it is clicked (the status bar's rules summary opens the problems)."""

    clicked = Signal()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self.clicked.emit()
