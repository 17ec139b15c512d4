"""File > Save a Copy for the Council: the workbook without anything marked internal to government
(champion notes, positions with their floors, negotiating history), for handing to the council
(see laadesk.store.council_copy)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMessageBox, QWidget

from laadesk.core.errors import WorkbookProblem
from laadesk.ui.dialogs.workbook_files import ask_new_workbook_file, named_beside
from laadesk.ui.window.host import Host

TITLE = "Save a copy for the council"


def council_copy_name(path: Path) -> Path:
    """The name offered for the copy: beside the workbook, saying who it is for."""
    return named_beside(path, " - for the council")


class CouncilCopyDialog:
    """Asks where to write the copy; tests replace ask()."""

    @classmethod
    def ask(cls, parent: QWidget, suggested: Path) -> Path | None:
        return ask_new_workbook_file(parent, TITLE, suggested)


class CouncilCopy:
    """The File menu action; enabled while a workbook is open."""

    def __init__(self, host: Host) -> None:
        self.host = host
        self.action = QAction("Save a Copy for the &Council...", host.dialog_parent())
        self.action.setToolTip(
            "Write a copy of this workbook to give the council: champion notes, negotiating positions, "
            "floors and their history are left out, with no trace of them in the file"
        )
        self.action.setStatusTip(self.action.toolTip())
        self.action.triggered.connect(lambda _=False: self.save())
        self.action.setEnabled(host.session is not None)
        host.workbook_opened.connect(lambda _workbook: self.action.setEnabled(True))
        host.workbook_closed.connect(lambda: self.action.setEnabled(False))

    def save(self) -> Path | None:
        """Ask where, write the copy, and say what was left out; the workbook stays open as it was."""
        session = self.host.session
        if session is None:
            return None
        session.settle()
        current = session.workbook.path
        parent = self.host.dialog_parent()
        target = CouncilCopyDialog.ask(parent, council_copy_name(current))
        if target is None:
            return None
        try:
            from laadesk.store.council_copy import save_council_copy  # loads when first used: a quicker start

            copy = save_council_copy(session.workbook, target)
        except WorkbookProblem as problem:
            QMessageBox.warning(parent, "Council copy not saved", str(problem))
            return None
        self.host.say(
            f"Saved a copy for the council as {target}: {copy.describe()}. You are still working in {current.name}.",
            15000,
        )
        return target


def make_council_copy_action(host: Host) -> QAction:
    """The File menu's action, with the controller behind it (kept alive by the action's slot)."""
    return CouncilCopy(host).action
