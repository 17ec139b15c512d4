"""File > Save a Copy for the Council: the workbook without champion notes, positions, floors
or negotiating history, for handing to the council (see laadesk.store.council_copy)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from laadesk.core.errors import WorkbookProblem
from laadesk.store.workbook import WORKBOOK_SUFFIX

if TYPE_CHECKING:
    from laadesk.ui.window.main_window import MainWindow

FILTER = f"laadesk workbooks (*{WORKBOOK_SUFFIX});;All files (*)"
TITLE = "Save a copy for the council"


def council_copy_name(path: Path) -> Path:
    """The name offered for the copy: beside the workbook, saying who it is for."""
    return path.with_name(f"{path.stem} - for the council{WORKBOOK_SUFFIX}")


class CouncilCopyDialog:
    """Asks where to write the copy; tests replace ask()."""

    @classmethod
    def ask(cls, parent: QWidget, suggested: Path) -> Path | None:
        # laadesk never overwrites a file, so the dialog does not offer to replace one.
        chosen, _ = QFileDialog.getSaveFileName(
            parent, TITLE, str(suggested), FILTER, options=QFileDialog.Option.DontConfirmOverwrite
        )
        if not chosen:
            return None
        path = Path(chosen)
        return path if path.suffix else path.with_suffix(WORKBOOK_SUFFIX)


def save_for_council(window: MainWindow) -> Path | None:
    """Ask where, write the copy, and say what was left out; the workbook stays open as it was."""
    session = window.session
    if session is None:
        return None
    session.settle()
    current = session.workbook.path
    target = CouncilCopyDialog.ask(window, council_copy_name(current))
    if target is None:
        return None
    try:
        from laadesk.store.council_copy import save_council_copy  # loads when first used: a quicker start

        copy = save_council_copy(session.workbook, target)
    except WorkbookProblem as problem:
        QMessageBox.warning(window, "Council copy not saved", str(problem))
        return None
    window.statusBar().showMessage(
        f"Saved a copy for the council as {target}: {copy.describe()}. You are still working in {current.name}.",
        15000,
    )
    return target


def make_council_copy_action(window: MainWindow) -> QAction:
    """The File menu action; enabled while a workbook is open."""
    action = QAction("Save a Copy for the &Council...", window)
    action.setToolTip(
        "Write a copy of this workbook to give the council: champion notes, negotiating positions, "
        "floors and their history are left out, with no trace of them in the file"
    )
    action.setStatusTip(action.toolTip())
    action.triggered.connect(lambda _=False: save_for_council(window))
    action.setEnabled(window.session is not None)
    window.workbook_opened.connect(lambda _workbook: action.setEnabled(True))
    window.workbook_closed.connect(lambda: action.setEnabled(False))
    return action
