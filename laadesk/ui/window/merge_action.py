"""File > Merge a Copy... and Sign-off > Held Changes...: a colleague's copy of this workbook merged
in as one undo step (a backup first), and the conflicts it held settled one by one (store/merge.py)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMessageBox, QWidget

from laadesk.core.edits import Edit
from laadesk.core.errors import WorkbookProblem
from laadesk.ui.dialogs.workbook_files import ask_open_workbook
from laadesk.ui.window.host import Host
from laadesk.ui.window.import_backup import backed_up_first

if TYPE_CHECKING:
    from laadesk.store.merge import HeldChange, Merged

NONE_HELD_TEXT = "No Held Changes"


class MergeFileDialog:
    """Asks which copy to merge; tests replace ask()."""

    @classmethod
    def ask(cls, parent: QWidget, folder: Path) -> Path | None:
        return ask_open_workbook(parent, folder)


class HeldChanges:
    """Sign-off > Held Changes (n)...: enabled while conflicts are held, its text counting them."""

    def __init__(self, host: Host) -> None:
        self.host = host
        self.action = QAction(NONE_HELD_TEXT, host.dialog_parent())
        self.action.setToolTip("Conflicts a merge held: keep this workbook's value or take the other copy's")
        self.action.setStatusTip(self.action.toolTip())
        self.action.triggered.connect(lambda _=False: self.show())
        self.action.setEnabled(False)
        self.count = 0
        self.dialog: QWidget | None = None  # while it is open (tests drive it)
        # Counted as the Sign-off menu opens, not when a workbook opens: reading the held changes
        # then would load the merging code into every start.
        host.workbook_opened.connect(lambda _workbook: self.forget())
        host.workbook_closed.connect(self.forget)

    def held(self) -> tuple[HeldChange, ...]:
        from laadesk.store.merge import held_changes

        session = self.host.session
        if session is None or not session.is_open:
            return ()
        try:
            return held_changes(session.workbook)
        except WorkbookProblem:
            return ()

    def forget(self) -> None:
        """No count yet (a workbook opened or closed): the menu counts again as it opens."""
        self.count = 0
        self.action.setText(NONE_HELD_TEXT)
        self.action.setEnabled(False)

    def update(self) -> None:
        """Count the held conflicts again (the Sign-off menu asks as it opens)."""
        session = self.host.session
        self.count = len(self.held())
        writable = session is not None and not session.workbook.read_only
        self.action.setText(f"&Held Changes ({self.count})..." if self.count else NONE_HELD_TEXT)
        self.action.setToolTip(
            f"{self.count} conflict{'s' if self.count != 1 else ''} held from merging a copy: keep this "
            "workbook's value or take the other copy's"
            if self.count
            else "No conflicts are held: a merge holds here the changes both copies made differently"
        )
        self.action.setEnabled(bool(self.count) and writable)

    def show(self) -> None:
        session = self.host.session
        if session is None or session.workbook.read_only:
            return
        session.settle()
        from laadesk.store.merge import keep_ours, take_theirs
        from laadesk.ui.dialogs.held_changes_dialog import HeldChangesDialog

        def decide(held: HeldChange, theirs: bool) -> str | None:
            try:
                (take_theirs if theirs else keep_ours)(session.workbook, held)
            except WorkbookProblem as problem:
                return str(problem)
            done = f"take {held.source}'s value" if theirs else "keep this workbook's value"
            session.written_outside(Edit(f"{done}: {held.conflict.sentence}", ()))
            self.update()
            self.host.say(
                f"{done[:1].upper()}{done[1:]}: {held.conflict.sentence}. Written at once (not on the Undo list).",
                10000,
            )
            return None

        dialog = HeldChangesDialog(self.held(), decide, self.host.dialog_parent())
        self.dialog = dialog
        try:
            dialog.exec()
        finally:
            self.dialog = None
            dialog.deleteLater()
        self.update()


class MergeCopy:
    """File > Merge a Copy...; enabled while a workbook that may be written is open."""

    def __init__(self, host: Host, held: HeldChanges) -> None:
        self.host = host
        self.held = held
        self.action = QAction("&Merge a Copy...", host.dialog_parent())
        self.action.setToolTip(
            "Bring in what a colleague changed in their copy of this workbook; conflicts are held for you to choose"
        )
        self.action.setStatusTip(self.action.toolTip())
        self.action.triggered.connect(lambda _=False: self.start())
        self.action.setEnabled(False)
        host.workbook_opened.connect(lambda workbook: self.action.setEnabled(not workbook.read_only))
        host.workbook_closed.connect(lambda: self.action.setEnabled(False))

    def start(self, path: Path | None = None) -> Merged | None:
        """Choose a copy, show what merging it does, and merge it if the officer says so."""
        session = self.host.session
        if session is None or session.workbook.read_only:
            return None
        session.settle()
        parent = self.host.dialog_parent()
        if path is None:
            path = MergeFileDialog.ask(parent, session.workbook.path.resolve().parent)
        if path is None:
            return None
        from laadesk.store.merge import prepare_merge
        from laadesk.ui.dialogs.merge_dialog import MergeDialog

        try:
            prepared = prepare_merge(session.workbook, path)
        except WorkbookProblem as refused:  # MergeRefused, or a file that will not open
            QMessageBox.warning(parent, "Not merged", str(refused))
            return None
        merged = prepared.merged
        if prepared.empty:
            self.host.say(f"{path.name}: this workbook already has every change in it; nothing was merged.", 10000)
            return merged
        if not MergeDialog.ask(parent, merged):
            return None
        backup = backed_up_first(session, parent, "merged")
        if backup is None:
            return None
        session.apply(prepared.edit, also=prepared.carry, undo_also=prepared.uncarry)
        self.held.update()
        undo = (
            " Undo takes the merge back in one step (then merging the copy again takes it afresh)."
            if not prepared.edit.empty
            else ""
        )
        self.host.say(f"Merged: {merged.sentence}. Backed up first as {backup.name}.{undo}", 15000)
        if merged.plan.conflicts:
            self.held.show()
        return merged
