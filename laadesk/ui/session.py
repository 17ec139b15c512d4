"""The open workbook as the window sees it: edits go through the undo stack, pages hear of changes."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack

from laadesk.core.cross_checks import check_workbook
from laadesk.core.edits import Edit
from laadesk.core.errors import WorkbookProblem
from laadesk.core.rules import Problem
from laadesk.core.snapshot import WorkbookSnapshot
from laadesk.store.workbook import Workbook
from laadesk.ui.undo import Also, EditCommand

if TYPE_CHECKING:
    from laadesk.store.versions import AgreedVersion


class WorkbookSession(QObject):
    """Owns one open Workbook and its QUndoStack; every page edits through apply()."""

    edited = Signal(object)  # the Edit just written (forwards or inverted by undo)
    edit_failed = Signal(str)  # a sentence: the edit did not reach the file
    settling = Signal()  # write any typing still waiting for its idle timer, now
    frozen = Signal(object)  # the AgreedVersion just frozen (Sign-off > Freeze as Agreed...)

    def __init__(self, workbook: Workbook, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.workbook = workbook
        self.undo_stack = QUndoStack(self)
        self._snapshot: WorkbookSnapshot | None = None
        self._problems: list[Problem] | None = None
        self._open = True

    @property
    def is_open(self) -> bool:
        """False once closed: a late signal from a widget must not write to a closed file."""
        return self._open

    def snapshot(self) -> WorkbookSnapshot:
        """Everything in the workbook now; cached until the next edit."""
        if self._snapshot is None:
            self._snapshot = self.workbook.snapshot()
        return self._snapshot

    def problems(self) -> list[Problem]:
        if self._problems is None:
            self._problems = check_workbook(self.snapshot())
        return self._problems

    def apply(
        self, edit: Edit, merge_key: object = None, *, also: Also | None = None, undo_also: Also | None = None
    ) -> None:
        """Push an edit onto the undo stack, which writes it to the file (QUndoStack runs redo()).

        `also` is written with the edit each time it is done or redone, in the same transaction
        (Workbook.apply's `also`: a merge's versions, held conflicts and entries under the other copy's
        change ids), `undo_also` with its inverse (store/merge.py's uncarry). An edit with nothing to
        undo but something `also` writes is written once, off the stack."""
        if not self._open:
            return
        if edit.empty:
            if also is not None:
                self.write(edit, also)
            return
        self.undo_stack.push(EditCommand(self, edit, merge_key, also, undo_also))

    def undo(self) -> None:
        """Undo one step; if its inverse cannot be written, the step stays on the stack."""
        stack = self.undo_stack
        if not stack.canUndo():
            return
        command = stack.command(stack.index() - 1)
        stack.undo()
        if isinstance(command, EditCommand) and command.failed:
            command.skip = True
            stack.redo()  # back where it was: nothing changed in the file

    def redo(self) -> None:
        """Redo one step; if it cannot be written, it stays there to redo."""
        stack = self.undo_stack
        if not stack.canRedo():
            return
        command = stack.command(stack.index())
        stack.redo()
        if isinstance(command, EditCommand) and command.failed:
            command.skip = True
            stack.undo()

    def write(self, edit: Edit, also: Also | None = None) -> bool:
        """Write an edit to the file now; called by the undo commands only."""
        try:
            self.workbook.apply(edit, also=also)
        except WorkbookProblem as problem:
            self.edit_failed.emit(str(problem))
            return False
        self.written_outside(edit)
        return True

    def written_outside(self, edit: Edit) -> None:
        """The file changed by a write that is not on the undo stack (a refresh round started, a
        held change settled): read it afresh and let every page show it. `edit` names what was done."""
        self._snapshot = None
        self._problems = None
        self.edited.emit(edit)

    def freeze(self, label: str) -> AgreedVersion:
        """Freeze the agreement as it stands (typing still waiting written first) under a label.
        Never on the undo stack: a version is never changed or deleted. Raises VersionRefused (a
        WorkbookProblem) with a sentence when the label is blank, too long or already used."""
        from laadesk.store.versions import freeze  # loads when first used: a quicker start

        self.settle()
        version = freeze(self.workbook, label)
        # Freezing also ends a refresh round that is open: the pages read the workbook afresh.
        self.written_outside(Edit(f'freeze "{version.label}" as agreed', ()))
        self.frozen.emit(version)
        return version

    def settle(self) -> None:
        """Ask every editor with typing still waiting for its idle timer to write it through now."""
        if self._open:
            self.settling.emit()

    def close(self) -> None:
        """Write what is pending, then close the file; the session refuses edits from then on."""
        self.settle()
        self._open = False
        self.undo_stack.clear()
        self.workbook.close()
