"""Asking the officer's name for the history (File > Your Name for the History...)."""

from __future__ import annotations

from PySide6.QtWidgets import QInputDialog, QLineEdit, QWidget

TITLE = "Your name for the history"


class YourNameDialog:
    """Asks for the name; tests replace ask()."""

    @classmethod
    def ask(cls, parent: QWidget, current: str, account: str) -> str | None:
        """The name typed ("" for the account name), or None when cancelled."""
        question = (
            "The name laadesk records beside every change you make and every version you freeze, "
            "in any workbook you open in this window.\n\n"
            f"Leave it blank to be recorded by your account name ({account})."
        )
        text, ok = QInputDialog.getText(parent, TITLE, question, QLineEdit.EchoMode.Normal, current)
        return text if ok else None
