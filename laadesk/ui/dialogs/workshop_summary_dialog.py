"""The "what changed in this session" summary shown on leaving workshop mode: copy or save it."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)


class WorkshopSummaryDialog(QDialog):
    def __init__(self, text: str, suggested: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("What changed in this workshop")
        self.text = text
        self.suggested = suggested
        view = QPlainTextEdit(text)
        view.setReadOnly(True)
        view.setAccessibleName("Workshop summary")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        copy = QPushButton("&Copy")
        copy.clicked.connect(self.copy)
        save = QPushButton("&Save as text...")
        save.clicked.connect(self.save)
        buttons.addButton(copy, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(save, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(view)
        layout.addWidget(buttons)
        self.resize(720, 520)

    def copy(self) -> None:
        QGuiApplication.clipboard().setText(self.text)

    def save(self) -> None:
        chosen, _ = QFileDialog.getSaveFileName(
            self, "Save the workshop summary", str(self.suggested), "Text files (*.txt)"
        )
        if chosen:
            try:
                Path(chosen).write_text(self.text, encoding="utf-8")
            except OSError as error:
                QMessageBox.warning(self, "Not saved", f"Cannot write {chosen}: {error.strerror or error}.")

    @classmethod
    def present(cls, parent: QWidget, text: str, suggested: Path) -> None:
        """Show the summary (tests patch this instead of blocking on exec())."""
        cls(text, suggested, parent).exec()
