"""A table model over rows keyed by indicator code, refreshed in place when only values change."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex

Index = QModelIndex | QPersistentModelIndex


class CodedRowsModel(QAbstractTableModel):
    """Rows with a `.code`; subclasses say how many columns they show."""

    def __init__(self, rows: Sequence[Any]) -> None:
        super().__init__()
        self._rows = tuple(rows)

    def column_total(self) -> int:
        raise NotImplementedError

    def row_of(self, code: str | None) -> int | None:
        return next((n for n, r in enumerate(self._rows) if r.code == code), None)

    def replace_rows(self, rows: Sequence[Any]) -> bool:
        """Show new rows; True when the list itself changed (the model was reset), so a view
        keeps its selection and editor when only values changed."""
        rows = tuple(rows)
        if [r.code for r in rows] == [r.code for r in self._rows]:
            changed = [n for n, (old, new) in enumerate(zip(self._rows, rows)) if old != new]
            self._rows = rows
            if changed:
                self.dataChanged.emit(self.index(min(changed), 0), self.index(max(changed), self.column_total() - 1))
            return False
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()
        return True

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.column_total()
