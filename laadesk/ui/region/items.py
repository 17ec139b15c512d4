"""A table of records whose cells are set once, for the region desk's tables painted while the folder is read.

Driven by the same Column specs as the kit's RecordTableModel (ui/tables), but a QStandardItemModel:
while the reading thread holds Python's interpreter, every cell a Python model is asked for waits its
turn, and the overview is painted as lines arrive (the window stalled for a tenth of a second each
time). Here each cell's text, sort value and tooltip are set when its record comes, so painting,
sorting (by SORT_ROLE) and filtering (by FILTER_ROLE) never call into Python. Records that came, went
or changed are inserted, removed or updated in place, so selections stay where they were.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from typing import Any

from PySide6.QtCore import QObject, QRegularExpression, QSortFilterProxyModel, Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel

from laadesk.ui.tables.columns import Column
from laadesk.ui.tables.roles import KEY_ROLE, SORT_ROLE

FILTER_ROLE = Qt.ItemDataRole.UserRole + 20  # a record's words, on its first cell: what a filter searches
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


class ItemsModel(QStandardItemModel):
    """Records as rows, each cell made from its Column spec; `words` gives what a filter searches."""

    def __init__(
        self,
        columns: Sequence[Column],
        key: Callable[[Any], Hashable],
        words: Callable[[Any], str] | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(0, len(columns), parent)
        self.columns = tuple(columns)
        self._key = key
        self._words = words
        self._records: list[Any] = []
        for number, column in enumerate(self.columns):
            self.setHeaderData(number, Qt.Orientation.Horizontal, column.title)
            if column.tip:
                self.setHeaderData(number, Qt.Orientation.Horizontal, column.tip, Qt.ItemDataRole.ToolTipRole)

    def records(self) -> tuple[Any, ...]:
        return tuple(self._records)

    def record(self, row: int) -> Any:
        return self._records[row]

    def show(self, records: Sequence[Any]) -> None:
        """Show these records: gone rows removed, changed ones updated, new ones added at the end."""
        wanted = {self._key(r): r for r in records}
        for row in reversed(range(len(self._records))):
            if self._key(self._records[row]) not in wanted:
                self.removeRow(row)
                del self._records[row]
        for row, old in enumerate(self._records):
            new = wanted[self._key(old)]
            if new != old:
                self._records[row] = new
                for number, item in enumerate(self._items(new)):
                    self.setItem(row, number, item)
        known = {self._key(r) for r in self._records}
        for record in records:
            if self._key(record) not in known:
                self._records.append(record)
                self.appendRow(self._items(record))

    def replace_all(self, records: Sequence[Any]) -> None:
        """Another set of records altogether (another indicator's lines), in the order given."""
        self.removeRows(0, self.rowCount())
        self._records = list(records)
        for record in self._records:
            self.appendRow(self._items(record))

    def _items(self, record: Any) -> list[QStandardItem]:
        items = []
        for column in self.columns:
            item = QStandardItem(column.shown(record, None))
            item.setEditable(False)
            item.setData(column.sort_value(record, None), SORT_ROLE)
            item.setToolTip(column.tooltip_text(record, None) or "")
            if column.numeric:
                item.setTextAlignment(RIGHT)
            items.append(item)
        items[0].setData(self._key(record), KEY_ROLE)
        if self._words is not None:
            items[0].setData(self._words(record), FILTER_ROLE)
        return items


class ItemsProxy(QSortFilterProxyModel):
    """Sorts by each cell's SORT_ROLE and keeps the records holding every word typed, in C++ alone."""

    def __init__(self, source: ItemsModel, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.records = source
        self.setSourceModel(source)
        self.setSortRole(SORT_ROLE)
        self.setFilterRole(FILTER_ROLE)
        self.setFilterKeyColumn(0)

    def set_words(self, text: str) -> None:
        """Every word, anywhere in the record's words, in any case: one look-ahead each."""
        pattern = "".join(f"(?=.*{QRegularExpression.escape(word)})" for word in text.split())
        expression = QRegularExpression(pattern, QRegularExpression.PatternOption.CaseInsensitiveOption)
        self.beginFilterChange()
        self.setFilterRegularExpression(expression)
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def record_at(self, row: int) -> Any:
        """The record shown in a row of this proxy."""
        return self.records.record(self.mapToSource(self.index(row, 0)).row())
