"""A table model over keyed records (notes, adoptions, milestones), driven by column specs.

Editing a cell builds a core Edit and hands it to the session's undo stack; refreshing from a
new snapshot emits precise row signals by record key, so selections stay where they were.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal

from laadesk.core.edits import Edit
from laadesk.core.labels import sentence
from laadesk.ui.session import WorkbookSession

Index = QModelIndex | QPersistentModelIndex
SORT_ROLE = Qt.ItemDataRole.UserRole


@dataclass(frozen=True)
class RecordColumn:
    """One column: its title, the text a person reads, and (if editable) how a typed value becomes an Edit.

    `edit` raises ValueError with a sentence for input it refuses; `sort` gives a text that sorts
    in the right order (ISO dates, say); `edit_text` is what the cell editor starts from.
    """

    key: str
    title: str
    text: Callable[[Any], str]
    edit: Callable[[Any, str], Edit] | None = None
    sort: Callable[[Any], str] | None = None
    tooltip: Callable[[Any], str] | None = None
    edit_text: Callable[[Any], str] | None = None
    merge: bool = False  # typing into this cell again merges into one undo step


class RecordTableModel(QAbstractTableModel):
    """Rows are records with a `key`; subclasses may colour them through style()."""

    refused = Signal(str)  # a sentence: typed input that was not written

    def __init__(self, session: WorkbookSession, columns: Sequence[RecordColumn], records: Sequence[Any] = ()) -> None:
        super().__init__()
        self.session = session
        self.columns = tuple(columns)
        self._records: list[Any] = list(records)

    # -- records ---------------------------------------------------------------------

    def record(self, row: int) -> Any:
        return self._records[row]

    def records(self) -> tuple[Any, ...]:
        return tuple(self._records)

    def row_of(self, key: object) -> int:
        return next((row for row, r in enumerate(self._records) if r.key == key), -1)

    def column_of(self, key: str) -> int:
        return next(n for n, c in enumerate(self.columns) if c.key == key)

    def set_records(self, records: Sequence[Any]) -> None:
        """Show these records: rows that went are removed, changed ones updated, new ones added at the end."""
        wanted = {r.key: r for r in records}
        for row in reversed(range(len(self._records))):
            if self._records[row].key not in wanted:
                self.beginRemoveRows(QModelIndex(), row, row)
                del self._records[row]
                self.endRemoveRows()
        last = len(self.columns) - 1
        for row, record in enumerate(self._records):
            fresh = wanted[record.key]
            if fresh != record:
                self._records[row] = fresh
                self.dataChanged.emit(self.index(row, 0), self.index(row, last))
        present = {r.key for r in self._records}
        added = [r for r in records if r.key not in present]
        if added:
            start = len(self._records)
            self.beginInsertRows(QModelIndex(), start, start + len(added) - 1)
            self._records.extend(added)
            self.endInsertRows()

    def refresh(self) -> None:
        """Re-read what depends on something other than the record (today's date, say)."""
        if self._records:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._records) - 1, len(self.columns) - 1))

    # -- Qt's model interface ------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._records)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        record = self._records[index.row()]
        column = self.columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.text(record)
        if role == Qt.ItemDataRole.EditRole:
            return (column.edit_text or column.text)(record)
        if role == Qt.ItemDataRole.ToolTipRole:
            return (column.tooltip or column.text)(record) or None
        if role == SORT_ROLE:
            return (column.sort or (lambda r: column.text(r).casefold()))(record)
        return self.style(record, column, role)

    def style(self, record: Any, column: RecordColumn, role: int) -> Any:
        """Colours, fonts and alignment for a cell; None for Qt's defaults."""
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren
        if self.columns[index.column()].edit is not None:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        """Never changes the record itself: builds an Edit for the undo stack, which writes the file."""
        if not index.isValid() or role != Qt.ItemDataRole.EditRole:
            return False
        column = self.columns[index.column()]
        if column.edit is None:
            return False
        record = self._records[index.row()]
        try:
            edit = column.edit(record, "" if value is None else str(value))
        except ValueError as refusal:
            self.refused.emit(sentence(str(refusal)))
            return False
        self.session.apply(edit, merge_key=(column.key, record.key) if column.merge else None)
        return True

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.columns[section].title
        return None
