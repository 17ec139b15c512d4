"""A table model over records with keys, driven by column specs and refreshed in place.

Every table of records in laadesk is one of these: rows are records (anything with a key),
columns are Column specs, and a new snapshot is shown with precise signals - rows that went are
removed, new ones inserted, changed ones updated, and a new order (a rename, a new date) is a
layout change that selections and open editors follow. Typing into a cell never changes the
record: it builds an Edit for the session's undo stack, which writes the file.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt, Signal

from laadesk.core.labels import sentence
from laadesk.core.snapshot import WorkbookSnapshot
from laadesk.ui.tables.columns import Column, column_index
from laadesk.ui.tables.roles import KEY_ROLE, SORT_ROLE, Index

if TYPE_CHECKING:
    from laadesk.ui.session import WorkbookSession

RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


def record_key(record: Any) -> Hashable:
    key: Hashable = record.key
    return key


class RecordTableModel(QAbstractTableModel):
    """Records as rows. Subclasses give cells their looks through look(), and may say through
    context_changed() that every row must be redrawn (the partners list changed, say)."""

    refused = Signal(str)  # a sentence: what was typed could not be taken, and nothing was written

    def __init__(
        self,
        columns: Sequence[Column],
        snapshot: WorkbookSnapshot | None,
        session: WorkbookSession | None = None,
        records: Sequence[Any] = (),
        key: Callable[[Any], Hashable] = record_key,
    ) -> None:
        super().__init__()
        self.columns = tuple(columns)
        self.session = session
        self.snapshot = snapshot
        self._key = key
        self._records: list[Any] = list(records)

    @property
    def workbook(self) -> WorkbookSnapshot:
        """The snapshot a table of a workbook's records shows (every table but those outside a workbook)."""
        assert self.snapshot is not None, "this table shows no workbook"
        return self.snapshot

    # -- the records -----------------------------------------------------------------------

    def record(self, row: int) -> Any:
        return self._records[row]

    def records(self) -> tuple[Any, ...]:
        return tuple(self._records)

    def key_of(self, record: Any) -> Hashable:
        return self._key(record)

    def row_of(self, key: object) -> int | None:
        return next((row for row, r in enumerate(self._records) if self._key(r) == key), None)

    def column_of(self, key: str) -> int:
        return column_index(self.columns, key)

    def show(self, records: Sequence[Any], snapshot: WorkbookSnapshot | None = None) -> None:
        """Show these records now, in this order, with precise signals (see the module docstring)."""
        old_snapshot, wanted = self.snapshot, list(records)
        if snapshot is not None:
            self.snapshot = snapshot
        everything = old_snapshot is not None and snapshot is not None and self.context_changed(old_snapshot, snapshot)
        keys = {self._key(r) for r in wanted}
        old_keys = {self._key(r) for r in self._records}
        gone = [row for row, r in enumerate(self._records) if self._key(r) not in keys]
        came = [r for r in wanted if self._key(r) not in old_keys]
        if len(gone) != len(came):  # rows came or went (not only renamed): say so row by row
            for row in reversed(gone):
                self.beginRemoveRows(QModelIndex(), row, row)
                del self._records[row]
                self.endRemoveRows()
            if came:
                start = len(self._records)
                self.beginInsertRows(QModelIndex(), start, start + len(came) - 1)
                self._records.extend(came)
                self.endInsertRows()
        self._arrange(wanted, everything)

    def _arrange(self, wanted: list[Any], everything: bool) -> None:
        """The same number of rows: put them in the wanted order (a layout change) and refresh changed ones."""
        old = self._records
        old_keys, new_keys = [self._key(r) for r in old], [self._key(r) for r in wanted]
        if old_keys == new_keys:
            changed = [row for row, (a, b) in enumerate(zip(old, wanted)) if everything or self.changed(a, b)]
            self._records = wanted
            if changed:
                self._rows_changed(min(changed), max(changed))
            return
        self.layoutAboutToBeChanged.emit()
        new_row = {k: row for row, k in enumerate(new_keys)}
        before = set(old_keys)
        spare = iter([row for row, k in enumerate(new_keys) if k not in before])  # a renamed record's new row
        moved = {row: new_row[k] if k in new_row else next(spare, row) for row, k in enumerate(old_keys)}
        self._records = wanted
        for index in self.persistentIndexList():
            target = moved.get(index.row(), index.row())
            self.changePersistentIndex(index, self.index(target, index.column()))
        self.layoutChanged.emit()
        if wanted:
            self._rows_changed(0, len(wanted) - 1)

    def replace_all(self, records: Sequence[Any], snapshot: WorkbookSnapshot | None = None) -> None:
        """Show another set of records altogether (another section's evidence, say): a reset."""
        self.beginResetModel()
        self._records = list(records)
        if snapshot is not None:
            self.snapshot = snapshot
        self.endResetModel()

    def redraw(self) -> None:
        """Every cell again: what it shows depends on something besides the records (today's date)."""
        if self._records:
            self._rows_changed(0, len(self._records) - 1)

    def _rows_changed(self, first: int, last: int) -> None:
        self.dataChanged.emit(self.index(first, 0), self.index(last, len(self.columns) - 1))

    def changed(self, old: Any, new: Any) -> bool:
        """Whether a row must be redrawn; subclasses add what else its cells show."""
        return bool(old != new)

    def context_changed(self, old: WorkbookSnapshot, new: WorkbookSnapshot) -> bool:
        """Whether every row must be redrawn because of something other than its own record."""
        return False

    # -- Qt's model interface ------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._records)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        record, column = self._records[index.row()], self.columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.shown(record, self.snapshot)
        if role == Qt.ItemDataRole.EditRole:
            return column.for_editor(record, self.snapshot)
        if role == Qt.ItemDataRole.ToolTipRole:
            return column.tooltip_text(record, self.snapshot)
        if role == SORT_ROLE:
            return column.sort_value(record, self.snapshot)
        if role == KEY_ROLE:
            return self._key(record)
        if role == Qt.ItemDataRole.TextAlignmentRole and column.numeric:
            return RIGHT
        return self.look(record, column, role)

    def look(self, record: Any, column: Column, role: int) -> Any:
        """Colours, fonts, icons and other roles for a cell; None for Qt's defaults."""
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren
        if self.session is not None and self.columns[index.column()].editable:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        """Never changes the record: builds an Edit for the undo stack, or refuses with a sentence."""
        if not index.isValid() or role != Qt.ItemDataRole.EditRole or self.session is None:
            return False
        if not self.session.is_open:
            return False  # an editor letting go after the file closed: its text was written when the session settled
        column, record = self.columns[index.column()], self._records[index.row()]
        if column.edit is None:
            return False
        try:
            edit = column.edit(record, "" if value is None else str(value), self.snapshot)
        except ValueError as refusal:
            self.refused.emit(self.refusal(record, column, str(refusal)))
            return False
        self.about_to_apply(edit)
        self.session.apply(edit, merge_key=(column.key, self._key(record)) if column.merge else None)
        return True

    def refusal(self, record: Any, column: Column, reason: str) -> str:
        """The sentence for typing that could not be taken."""
        return sentence(reason)

    def about_to_apply(self, edit: Any) -> None:
        """A hook for a model that follows the record an edit makes (a rename)."""

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.columns):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.columns[section].title
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.columns[section].tip or None
        return None
