"""The undo adapter: a QUndoCommand wrapping a core Edit and its inverse."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QUndoCommand

from laadesk.core.edits import Edit

if TYPE_CHECKING:
    from laadesk.ui.session import WorkbookSession

MERGING_COMMAND_ID = 1


class EditCommand(QUndoCommand):
    """Redo writes the edit, undo writes its inverse. Edits with the same merge key merge."""

    def __init__(self, session: WorkbookSession, edit: Edit, merge_key: object = None) -> None:
        super().__init__(edit.label)
        self.session = session
        self.edit = edit
        self.merge_key = merge_key

    def redo(self) -> None:
        if not self.session.write(self.edit):
            self.setObsolete(True)  # never reached the file: drop it from the stack

    def undo(self) -> None:
        if not self.session.write(self.edit.inverse()):
            self.setObsolete(True)

    def id(self) -> int:
        return MERGING_COMMAND_ID if self.merge_key is not None else -1

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, EditCommand) or other.merge_key != self.merge_key:
            return False
        self.edit = Edit(self.edit.label, self.edit.changes + other.edit.changes)
        return True
