"""Telling a person who is editing the workbook they asked for, and offering it read-only instead."""

from __future__ import annotations

import os

from PySide6.QtWidgets import QMessageBox, QWidget

from laadesk.store.locks import WorkbookLocked, describe_time


def explain(locked: WorkbookLocked) -> tuple[str, str]:
    """The headline and the explanation: whose lock it is, where, since when, and what can be done."""
    name = locked.path.name
    owner = locked.owner
    if owner is None:
        headline = f"{name} is locked by another laadesk, and its lock file cannot be read just now."
    elif owner.on_this_host and owner.pid == os.getpid():
        headline = f"{name} is already open for editing in another laadesk window, since {describe_time(owner.taken)}."
    elif owner.on_this_host:
        headline = (
            f"{name} is being edited by {owner.user} in another laadesk on this computer, "
            f"since {describe_time(owner.taken)}."
        )
    else:
        headline = f"{name} is being edited by {owner.user} on {owner.host}, since {describe_time(owner.taken)}."
    details = (
        "Only one laadesk changes a workbook at a time, so nobody's changes are overwritten. "
        "You can open it read-only: read it, export packs and save a copy, but not change it."
    )
    if owner is not None and not owner.on_this_host:
        details += (
            f"\n\nIf {owner.host} is no longer using it (it crashed, or was switched off with the workbook "
            f"open), open the workbook on {owner.host} once to clear its lock; or, once you are sure nobody "
            f"is editing it, delete the file {locked.lock_file.name} beside it."
        )
    return headline, details


class LockDialog(QMessageBox):
    """Open read-only, or cancel: never a second writer."""

    def __init__(self, parent: QWidget | None, locked: WorkbookLocked) -> None:
        super().__init__(parent)
        headline, details = explain(locked)
        self.setIcon(QMessageBox.Icon.Warning)
        self.setWindowTitle("Workbook in use")
        self.setText(headline)
        self.setInformativeText(details)
        self.read_only_button = self.addButton("Open &Read-Only", QMessageBox.ButtonRole.AcceptRole)
        self.read_only_button.setAccessibleName("Open read-only")
        self.addButton(QMessageBox.StandardButton.Cancel)
        self.setDefaultButton(self.read_only_button)

    @classmethod
    def ask(cls, parent: QWidget | None, locked: WorkbookLocked) -> bool:
        """True to open the workbook read-only, False to leave it."""
        dialog = cls(parent, locked)
        dialog.exec()
        return dialog.clickedButton() is dialog.read_only_button
