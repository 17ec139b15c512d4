"""Sign-off > Freeze as Agreed...: a label for the agreement as it stands, and what freezing means."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QLineEdit, QVBoxLayout, QWidget

TITLE = "Freeze as agreed"
HOLDS = (
    "A version keeps the agreement exactly as it stands now: the area, every target with its levels, "
    "status, deferral and partners, the sub-area figures, each partner authority's agreement, the story "
    "of place, the adoptions and the sign-off. It holds nothing of government's side (negotiating "
    "positions, floors, champion notes, the history)."
)
FOREVER = (
    "<b>A version can never be changed or deleted</b>, and its label cannot be used again. Its SHA-256 "
    "hash is printed on the cover of a pack made from it, so a council can match the paper it signs to "
    "the version the Government Office holds."
)
LONGEST_LABEL = 80
REFUSED_STYLE = "color: #b00020;"


class FreezeDialog(QDialog):
    """Asks for the label; `attempt` freezes under it and returns a sentence when it is refused,
    which the dialog shows, staying open for another label."""

    def __init__(
        self,
        parent: QWidget,
        suggested: str,
        existing: Sequence[str],
        attempt: Callable[[str], str | None],
        caution: str = "",
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(TITLE)
        self.attempt = attempt
        holds = QLabel(HOLDS)
        holds.setWordWrap(True)
        forever = QLabel(FOREVER)
        forever.setWordWrap(True)
        self.label = QLineEdit(suggested)
        self.label.setAccessibleName("Label")
        self.label.setMaxLength(LONGEST_LABEL + 20)  # longer is refused with a sentence, not cut short silently
        self.label.selectAll()
        asking = QLabel("&Label for this version:")
        asking.setBuddy(self.label)
        self.refusal = QLabel()
        self.refusal.setAccessibleName("Why it was not frozen")
        self.refusal.setWordWrap(True)
        self.refusal.setStyleSheet(REFUSED_STYLE)
        self.refusal.hide()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.freeze_button = buttons.addButton("&Freeze", QDialogButtonBox.ButtonRole.AcceptRole)
        self.freeze_button.setDefault(True)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(holds)
        layout.addWidget(forever)
        if existing:
            frozen = QLabel("Already frozen: " + ", ".join(f"\u201c{label}\u201d" for label in existing) + ".")
            frozen.setWordWrap(True)
            layout.addWidget(frozen)
        if caution:
            warning = QLabel(caution)
            warning.setWordWrap(True)
            layout.addWidget(warning)
        layout.addSpacing(6)
        layout.addWidget(asking)
        layout.addWidget(self.label)
        layout.addWidget(self.refusal)
        layout.addWidget(buttons)
        self.setMinimumWidth(560)

    def accept(self) -> None:
        refused = self.attempt(self.label.text())
        if refused:
            self.refusal.setText(refused)
            self.refusal.show()
            self.adjustSize()  # room for the sentence; the wrapped text above keeps its lines
            self.label.setFocus()
            self.label.selectAll()
            return
        super().accept()

    def ask(self) -> bool:
        """True once `attempt` froze a version; tests replace this."""
        return self.exec() == QDialog.DialogCode.Accepted
