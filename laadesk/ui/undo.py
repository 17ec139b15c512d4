"""The undo adapter: a QUndoCommand wrapping a core Edit and its inverse."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import replace
from typing import Protocol

from PySide6.QtGui import QUndoCommand

from laadesk.core.edits import Edit
from laadesk.store.history import EditLedger


class Writer(Protocol):
    """What a command needs of the session: writing an edit to the file, True when it got there."""

    def write(self, edit: Edit, also: Also | None = None) -> bool: ...


# What Workbook.apply writes beyond records with an edit (a merge's versions and held conflicts, its
# entries under the other copy's change ids) and with its inverse (undoing all that).
Also = Callable[[sqlite3.Connection, EditLedger], None]


MERGING_COMMAND_ID = 1


class EditCommand(QUndoCommand):
    """Redo writes the edit, undo writes its inverse. Edits with the same merge key merge.

    A first write that fails drops the command (the edit never reached the file). An undo or
    redo that fails later keeps its step: `failed` tells the session to put the stack back
    where it was, and `skip` lets it do so without writing anything.
    """

    def __init__(
        self,
        session: Writer,
        edit: Edit,
        merge_key: object = None,
        also: Also | None = None,
        undo_also: Also | None = None,
    ) -> None:
        super().__init__(edit.label)
        self.session = session
        self.edit = edit
        self.merge_key = merge_key
        self.also = also  # written with the edit, each time it is done or redone
        self.undo_also = undo_also  # written with its inverse, each time it is undone
        self.pushed = False
        self.failed = False
        self.skip = False

    def redo(self) -> None:
        if self.skip:
            self.skip = False
            return
        # The first write is the edit as made (with what goes with it); a later one is the officer redoing it.
        if self.pushed:
            self.failed = not self.session.write(self.edit.came("redone", self.edit.source), self.also)
        else:
            self.failed = not self.session.write(self.edit, self.also)
        if self.failed and not self.pushed:
            self.setObsolete(True)  # never reached the file: drop it from the stack
        self.pushed = True

    def undo(self) -> None:
        if self.skip:
            self.skip = False
            return
        self.failed = not self.session.write(self.edit.inverse(), self.undo_also)

    def id(self) -> int:
        return MERGING_COMMAND_ID if self.merge_key is not None else -1

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, EditCommand) or other.merge_key != self.merge_key or other.also is not None:
            return False
        self.edit = replace(self.edit, changes=self.edit.changes + other.edit.changes)
        return True
