"""Sign-off > Start a Refresh Round...: the review and refresh of the agreement opened from the latest
agreed version (store/refresh.py). While it is open the Compare page lists every change since that
version with its reason, and freezing the agreement again ends it."""

from __future__ import annotations

from datetime import date

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QInputDialog, QLineEdit, QMessageBox, QWidget

from laadesk.core.edits import Edit
from laadesk.core.errors import WorkbookProblem
from laadesk.core.rounds import RefreshRound
from laadesk.ui.window.host import Host

START_TEXT = "Start a &Refresh Round..."


def suggested_label(today: date) -> str:
    return f"{today.year} refresh"


class RefreshLabelDialog:
    """Asks what the round is called; tests replace ask()."""

    @classmethod
    def ask(cls, parent: QWidget, suggestion: str) -> str | None:
        text, ok = QInputDialog.getText(
            parent,
            "Start a refresh round",
            "What is this refresh round called? Every change to the targets from now on is listed against the "
            "latest agreed version, each with its reason, until the agreement is frozen again.",
            QLineEdit.EchoMode.Normal,
            suggestion,
        )
        return text if ok else None


class StartRefreshRound:
    """The action; enabled while a workbook that can be written is open and no round is under way."""

    def __init__(self, host: Host) -> None:
        self.host = host
        self.action = QAction(START_TEXT, host.dialog_parent())
        self.action.setToolTip(
            "Open the review and refresh of the agreement from the latest agreed version: the Compare page then "
            "lists every change since it, with the reason for each"
        )
        self.action.setStatusTip(self.action.toolTip())
        self.action.triggered.connect(lambda _=False: self.start())
        self.action.setEnabled(False)
        host.workbook_opened.connect(lambda _workbook: self.update())
        host.workbook_closed.connect(self.update)

    def update(self) -> None:
        session = self.host.session
        round_ = session.snapshot().refresh_round if session is not None and session.is_open else RefreshRound()
        if round_.open:
            self.action.setText(f"Refresh Round \u201c{round_.label}\u201d Under Way")
            self.action.setToolTip("Freezing the agreement again (Freeze as Agreed...) ends the round")
        else:
            self.action.setText(START_TEXT)
            self.action.setToolTip(
                "Open the review and refresh of the agreement from the latest agreed version: the Compare page "
                "then lists every change since it, with the reason for each"
            )
        self.action.setEnabled(session is not None and not session.workbook.read_only and not round_.open)

    def start(self) -> RefreshRound | None:
        session = self.host.session
        if session is None or session.workbook.read_only:
            return None
        session.settle()
        parent = self.host.dialog_parent()
        label = RefreshLabelDialog.ask(parent, suggested_label(session.snapshot().area.as_at or date.today()))
        if label is None:
            return None
        from laadesk.store.refresh import start_round

        try:
            made = start_round(session.workbook, label)
        except WorkbookProblem as refused:  # RefreshRefused: no agreed version, one round already open
            QMessageBox.warning(parent, "No refresh round started", str(refused))
            return None
        session.written_outside(Edit(f'start the refresh round "{made.label}"', ()))
        self.update()
        self.host.say(
            f"Started the refresh round \u201c{made.label}\u201d from \u201c{made.from_version}\u201d: the Compare "
            "page lists each change since then; give the reason for each. Freezing the agreement again ends the round.",
            15000,
        )
        return made
